/**
 * Classic relationships (models.md §3.5, §9.8) on the MRG model and the Sundt C fibre.
 */
import { describe, expect, it } from 'vitest';
import { buildCFiber } from '../../../models/neuron/cFiber.ts';
import { pointSourceField } from '../../../models/neuron/extracellular.ts';
import { buildMrg } from '../../../models/neuron/mrg.ts';
import { FiberSession } from '../../../models/neuron/simulate.ts';
import { strengthDuration } from '../../../models/neuron/strengthDuration.ts';
import { findThreshold } from '../../../models/neuron/threshold.ts';

describe('MRG relationships', () => {
  const fiber = buildMrg('mrg', 10, { nodeCount: 41, passiveEndNodes: 1 });
  const session = new FiberSession(fiber);

  it('threshold is exactly proportional to σ (homogeneous medium; models.md §3.5)', () => {
    const at = (sigma: number) =>
      findThreshold(
        fiber,
        pointSourceField(fiber, { distanceMm: 1, sigmaSPerM: sigma }),
        { kind: 'mono-cathodic', pulseWidthUs: 210 },
        { session, initialGuessMa: 0.08 * (sigma / 0.2), tolerance: 0.001 },
      ).thresholdMa;
    const t02 = at(0.2);
    const t03 = at(0.3);
    // models.md §9.3: the threshold at σ 0.2 is 2/3 of that at σ 0.3, within the search tolerance
    expect(t02 / t03).toBeCloseTo(2 / 3, 2);
    expect(Math.abs(t02 / t03 / (2 / 3) - 1)).toBeLessThan(0.002);
  });

  it('anodic/cathodic threshold ratio is above 3 for a source over a node (FH benchmark 4.48)', () => {
    const long = buildMrg('mrg', 10, { nodeCount: 71, passiveEndNodes: 1 }); // 40× the distance
    const ve = pointSourceField(long, { distanceMm: 1, sigmaSPerM: 0.2 });
    const cat = findThreshold(long, ve, { kind: 'mono-cathodic', pulseWidthUs: 200 });
    const an = findThreshold(long, ve, { kind: 'mono-anodic', pulseWidthUs: 200 });
    expect(an.thresholdMa / cat.thresholdMa).toBeGreaterThan(3);
    expect(an.endExcitation).toBe(false);
  });

  it('strength–duration is monotonic and fits give a chronaxie in the axon range', () => {
    const ve = pointSourceField(fiber, { distanceMm: 1, sigmaSPerM: 0.2 });
    const sd = strengthDuration(fiber, ve, [30, 60, 100, 200, 500, 1000, 2000], 'mono-cathodic', {
      session,
      initialGuessMa: 0.2,
    });
    for (let i = 1; i < sd.thresholdsMa.length; i++) {
      expect(sd.thresholdsMa[i] as number).toBeLessThan(sd.thresholdsMa[i - 1] as number);
    }
    // axons: chronaxie ~0.03–0.2 ms (Ranck 1975, models.md §3.5, unverified range)
    for (const fit of [sd.weiss, sd.lapicque]) {
      expect(fit.chronaxieUs).toBeGreaterThan(30);
      expect(fit.chronaxieUs).toBeLessThan(200);
      // the rheobase sits near the 2 ms threshold (Weiss overshoots it slightly)
      const at2ms = sd.thresholdsMa.at(-1) as number;
      expect(fit.rheobaseMa).toBeGreaterThan(0.7 * at2ms);
      expect(fit.rheobaseMa).toBeLessThan(1.1 * at2ms);
      expect(fit.rmsRelativeError).toBeLessThan(0.1);
    }
  });

  it('biphasic (cathodic first) needs at least the monophasic amplitude at short pulses', () => {
    const ve = pointSourceField(fiber, { distanceMm: 1, sigmaSPerM: 0.2 });
    for (const pulseWidthUs of [30, 60]) {
      const mono = findThreshold(fiber, ve, { kind: 'mono-cathodic', pulseWidthUs }, { session });
      const bi = findThreshold(
        fiber,
        ve,
        { kind: 'biphasic-cathodic-first', pulseWidthUs },
        { session, initialGuessMa: mono.thresholdMa },
      );
      expect(bi.thresholdMa).toBeGreaterThanOrEqual(mono.thresholdMa);
    }
  });

  it('dt 5 µs agrees with dt 1 µs within 1.5 % (convergence check, issue 3; measured 1.05 %)', () => {
    const ve = pointSourceField(fiber, { distanceMm: 1, sigmaSPerM: 0.2 });
    const w = { kind: 'mono-cathodic', pulseWidthUs: 210 } as const;
    const coarse = findThreshold(fiber, ve, w, { dtUs: 5, tolerance: 0.001, session });
    const fine = findThreshold(fiber, ve, w, { dtUs: 1, tolerance: 0.001, session });
    expect(Math.abs(coarse.thresholdMa / fine.thresholdMa - 1)).toBeLessThan(0.015);
  });

  it('the quiet-fibre early stop does not change thresholds', () => {
    const ve = pointSourceField(fiber, { distanceMm: 2, sigmaSPerM: 0.2, over: 'internode' });
    const w = { kind: 'mono-cathodic', pulseWidthUs: 100 } as const;
    const fast = findThreshold(fiber, ve, w, { tolerance: 0.001, session });
    const full = findThreshold(fiber, ve, w, { tolerance: 0.001, session, fullLengthTrials: true });
    expect(fast.thresholdMa).toBe(full.thresholdMa);
  });

  it('flags excitation at a fibre end when the source sits over it', () => {
    const short = buildMrg('mrg', 10, { nodeCount: 21, passiveEndNodes: 1 });
    const ve = pointSourceField(short, { distanceMm: 0.5, sigmaSPerM: 0.2, alongMm: 11 });
    const r = findThreshold(short, ve, { kind: 'mono-cathodic', pulseWidthUs: 100 });
    expect(r.endExcitation).toBe(true);
  });
});

describe('Sundt C fibre vs PyFibers test_sundt (models.md §3.1)', () => {
  it('1 µm, 265 sections, biphasic 0.2/0.2 ms at 100 µm: 42.3 µA (±2 %)', () => {
    // PyFibers stimamp −2.11515625 mA at σ 10 S/m → 42.30 µA at σ 0.2 S/m; dt 1 µs, tstop 20 ms
    const f = buildCFiber(1, { nodeCount: 265, passiveEndNodes: 1 });
    const ve = pointSourceField(f, { distanceMm: 0.1, sigmaSPerM: 0.2 });
    const r = findThreshold(
      f,
      ve,
      { kind: 'biphasic-cathodic-first', pulseWidthUs: 200 },
      {
        dtUs: 1,
        afterStimMs: 19.6,
        initialGuessMa: 0.04,
      },
    );
    expect(Math.abs(r.thresholdMa / (2.11515625 * 0.02) - 1)).toBeLessThan(0.02);
    expect(r.endExcitation).toBe(false);
  });

  it('C fibres need far more current than Aβ-sized MRG fibres at the same distance', () => {
    const c = buildCFiber(1, { nodeCount: 241, passiveEndNodes: 1 });
    const a = buildMrg('mrg', 10, { nodeCount: 21, passiveEndNodes: 1 });
    const w = { kind: 'mono-cathodic', pulseWidthUs: 200 } as const;
    const tc = findThreshold(c, pointSourceField(c, { distanceMm: 0.5, sigmaSPerM: 0.2 }), w);
    const ta = findThreshold(a, pointSourceField(a, { distanceMm: 0.5, sigmaSPerM: 0.2 }), w);
    expect(tc.thresholdMa / ta.thresholdMa).toBeGreaterThan(5);
  });
});
