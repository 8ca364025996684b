/**
 * ECAP by reciprocity on a small sample: the growth curve rises with amplitude, falls with the
 * dorsal CSF thickness, is zero below every fibre's threshold, and scales with the population.
 */
import { describe, expect, it } from 'vitest';
import {
  buildEcapModel,
  DEFAULT_ECAP_SETUP,
  ecapAmplitudeUv,
  ecapAt,
  ecapFeatures,
  ecapSurface,
  ecapTraceUv,
  growthCurve,
  populationCountDefault,
} from '../../../models/response/ecap.ts';

const model = buildEcapModel({ sampleCount: 6, dcsfGridMm: [2, 4, 6], seed: 3 });
const amplitudes = [0.5, 1, 2, 3, 4, 6, 8, 12, 16, 20];

describe('ECAP model', () => {
  it('derives the default population from Feirabend 2002 and the DC diameter log-normal', () => {
    // 68 / 0.005 fibres in 0.3 mm × 2.833 mm = 16 000 /mm²; P(5.7 ≤ D ≤ 16 µm) of
    // lnN(ln 4.2, 0.3630) = Φ(3.684) − Φ(0.8409) = 0.99989 − 0.79980 = 0.2001; area 2·1.4·1.5 mm²
    const expected = 16000 * 0.2001 * 4.2;
    expect(populationCountDefault(DEFAULT_ECAP_SETUP)).toBeGreaterThan(0.99 * expected);
    expect(populationCountDefault(DEFAULT_ECAP_SETUP)).toBeLessThan(1.01 * expected);
  });

  it('every sampled fibre has a finite threshold that rises with dCSF', () => {
    for (const f of model.fibres) {
      const [a, b, c] = f.thresholdsMa as unknown as [number, number, number];
      expect(Number.isFinite(a)).toBe(true);
      expect(b).toBeGreaterThan(a);
      expect(c).toBeGreaterThan(b);
    }
  });

  it('the growth curve is zero below the lowest threshold and never falls with amplitude', () => {
    const g = growthCurve(model, 2, amplitudes);
    const lowest = Math.min(...model.fibres.map((f) => f.thresholdsMa[0] as number));
    amplitudes.forEach((a, i) => {
      if (a < lowest) expect(g.ecapUv[i]).toBe(0);
    });
    for (let i = 1; i < amplitudes.length; i++) {
      expect(g.recruitedFraction[i] as number).toBeGreaterThanOrEqual(
        g.recruitedFraction[i - 1] as number,
      );
    }
    expect(Math.max(...g.ecapUv)).toBeGreaterThan(0);
    expect(g.ecapThresholdMa).toBeGreaterThanOrEqual(lowest);
  });

  it('the same amplitude evokes a smaller ECAP when the cord lies further from the lead', () => {
    const a = 12;
    const near = ecapAmplitudeUv(model, a, 2);
    const far = ecapAmplitudeUv(model, a, 6);
    expect(near).toBeGreaterThan(0);
    expect(far).toBeLessThan(near);
  });

  it('the trace has N1 (negative) before P2 (positive) after the stimulus', () => {
    const f = ecapFeatures(ecapTraceUv(model, 20, 2), model.timeMs, model.stimulusEndMs);
    expect(f.n1Uv).toBeLessThan(0);
    expect(f.p2LatencyMs).toBeGreaterThan(f.n1LatencyMs);
    expect(f.n1LatencyMs).toBeGreaterThan(model.stimulusEndMs);
  });

  it('doubling the population doubles the ECAP (linear superposition)', () => {
    const twice = buildEcapModel({
      sampleCount: 6,
      dcsfGridMm: [2, 4, 6],
      seed: 3,
      populationCount: 2 * model.populationCount,
    });
    expect(ecapAmplitudeUv(twice, 12, 2)).toBeCloseTo(2 * ecapAmplitudeUv(model, 12, 2), 6);
  });

  it('the surface reproduces the model on its grid', () => {
    const s = ecapSurface(model, amplitudes);
    expect(ecapAt(s, 12, 4)).toBeCloseTo(ecapAmplitudeUv(model, 12, 4), 9);
    expect(s.ecapUv.length).toBe(amplitudes.length * 3);
  });
});
