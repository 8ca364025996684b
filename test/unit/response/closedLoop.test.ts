/**
 * Closed loop on an analytic surface: ECAP = k·max(0, A − A0·dCSF) µV (a linear growth curve
 * whose threshold rises with distance), so every expected number is a hand calculation.
 */
import { describe, expect, it } from 'vitest';
import type { EcapSurface } from '../../../models/response/ecap.ts';
import { ecapAt } from '../../../models/response/ecap.ts';
import {
  amplitudeForTarget,
  dcsfAt,
  simulateClosedLoop,
} from '../../../models/response/closedLoop.ts';

const K_UV_PER_MA = 10;
const A0_MA_PER_MM = 1;

function analyticSurface(): EcapSurface {
  const a = Float64Array.from({ length: 101 }, (_, i) => i * 0.25);
  const d = Float64Array.from({ length: 15 }, (_, i) => 1 + i * 0.5);
  const e = new Float64Array(a.length * d.length);
  d.forEach((dd, i) =>
    a.forEach((aa, j) => {
      e[i * a.length + j] = K_UV_PER_MA * Math.max(0, aa - A0_MA_PER_MM * dd);
    }),
  );
  return { dcsfMm: d, amplitudesMa: a, ecapUv: e, tier: 'instant' };
}

const surface = analyticSurface();
const postures = [
  { startS: 0, label: 'supine', dcsfMm: 3 },
  { startS: 4, label: 'prone', dcsfMm: 5.2 },
  { startS: 7, label: 'supine', dcsfMm: 3 },
];

describe('closed-loop ECAP control', () => {
  it('the surface look-up is exact on a linear surface, between grid points too', () => {
    expect(ecapAt(surface, 5, 3)).toBeCloseTo(20, 9);
    expect(ecapAt(surface, 6.1, 3.25)).toBeCloseTo(28.5, 9);
    expect(ecapAt(surface, 1, 3)).toBe(0);
  });

  it('finds the amplitude for a target: 20 µV at dCSF 3 mm needs 3 + 20/10 = 5 mA', () => {
    expect(amplitudeForTarget(surface, 20, 3)).toBeCloseTo(5, 9);
  });

  it('a cough dips dCSF by its full depth at mid-cough and not at all outside it', () => {
    const s = { postures, coughs: [{ atS: 2, durationS: 0.4, deltaDcsfMm: -1 }] };
    expect(dcsfAt(s, 2.2)).toBeCloseTo(2, 12);
    expect(dcsfAt(s, 1.99)).toBe(3);
    expect(dcsfAt(s, 4.5)).toBe(5.2);
  });

  it('holds the target through posture changes; open loop loses it when prone', () => {
    const r = simulateClosedLoop(surface, {
      postures,
      coughs: [],
      noiseUv: 0,
      targetEcapUv: 20,
      windowUv: { lowUv: 10, highUv: 40 },
    });
    expect(r.startAmplitudeMa).toBeCloseTo(5, 9);
    // gain = loopGain / slope = 0.3 / 10 mA per µV
    expect(r.gainMaPerUv).toBeCloseTo(0.03, 9);
    // open loop while prone: 10·(5 − 5.2) < 0 → no ECAP for 3 s of 10
    expect(r.openLoop.timeBelow).toBeCloseTo(0.3, 9);
    expect(r.openLoop.timeInWindow).toBeCloseTo(0.7, 9);
    expect(r.closedLoop.timeInWindow).toBeGreaterThan(0.95);
    expect(r.closedLoop.meanAbsErrorUv).toBeLessThan(0.2 * r.openLoop.meanAbsErrorUv);
    // at the end of the prone segment the loop has raised the amplitude to 5.2 + 2 mA
    const endProne = Math.round(6.98 * 50);
    expect(r.closedLoop.amplitudeMa[endProne]).toBeCloseTo(7.2, 3);
  });

  it('lowers the amplitude during a cough instead of overshooting like open loop', () => {
    const r = simulateClosedLoop(surface, {
      postures: [{ startS: 0, label: 'supine', dcsfMm: 3 }],
      coughs: [{ atS: 1, durationS: 0.6, deltaDcsfMm: -1.5 }],
      noiseUv: 0,
      durationS: 3,
    });
    const peakOpen = Math.max(...r.openLoop.ecapUv);
    const peakClosed = Math.max(...r.closedLoop.ecapUv);
    // open loop at the cough peak: 10·(5 − 1.5) = 35 µV
    expect(peakOpen).toBeCloseTo(35, 6);
    expect(peakClosed).toBeLessThan(peakOpen);
    expect(Math.min(...r.closedLoop.amplitudeMa)).toBeLessThan(5);
  });

  it('updating 10× a second follows less tightly than every pulse at 50 Hz', () => {
    const common = { postures, coughs: [], noiseUv: 0 };
    const fast = simulateClosedLoop(surface, { ...common, updateRateHz: 50 });
    const slow = simulateClosedLoop(surface, { ...common, updateRateHz: 10 });
    expect(fast.closedLoop.meanAbsErrorUv).toBeLessThan(slow.closedLoop.meanAbsErrorUv);
  });

  it('refuses a target the surface cannot reach', () => {
    expect(() => simulateClosedLoop(surface, { targetEcapUv: 1000, postures })).toThrow(RangeError);
  });
});
