/**
 * Near the electrode with long pulses, against NEURON 8.2.2 scanning the same MRG model for the
 * lowest firing amplitude (neuron-reference/mrg_scan.py, output in mrg-near.jsonl: discrete
 * 5.7–16 µm, 21 nodes, passive end nodes, 0.1–0.25 mm over a node, σ 0.2 S/m, 450 and 1000 µs,
 * dt 5 µs, tstop = stimulus + 5 ms; grid ×1.1 from 0.1 µA to 10 mA, threshold bisected to 0.1 %).
 * Cathodic cases fire in a low band, fall quiet (the AP starts under the cathode and is blocked
 * by the hyperpolarised flanking nodes) and fire again tens of times higher: the search has to
 * report the low band whatever its start, and say that the window exists.
 */
import { describe, expect, it } from 'vitest';
import { pointSourceField } from '../../../models/neuron/extracellular.ts';
import { instantThresholdMa } from '../../../models/neuron/instant.ts';
import { buildMrg } from '../../../models/neuron/mrg.ts';
import { findThreshold } from '../../../models/neuron/threshold.ts';
import { readReference, referenceWaveform } from './neuronReference.ts';

interface NearCase {
  D: number;
  nodes: number;
  dist_mm: number;
  sigma: number;
  pw_ms: number;
  wave: 'cat' | 'an' | 'bi';
  interp?: boolean;
  over?: 'node' | 'internode';
  ipg_ms?: number;
  thr_mA: number;
  /** [first quiet, last quiet, fires again | null] on NEURON's ×1.1 grid above the threshold */
  windows: Array<[number, number, number | null]>;
}

const cases = readReference<NearCase>('mrg-near.jsonl');

function setup(c: NearCase) {
  const fiber = buildMrg(c.interp ? 'mrg-interp' : 'mrg', c.D, {
    nodeCount: c.nodes,
    passiveEndNodes: 1,
  });
  const ve = pointSourceField(fiber, {
    distanceMm: c.dist_mm,
    sigmaSPerM: c.sigma,
    over: c.over ?? 'node',
  });
  const w = referenceWaveform(c);
  return { fiber, ve, w };
}

const name = (c: NearCase) => `${c.D} µm, ${c.dist_mm} mm, ${c.pw_ms} ms ${c.wave}`;
const WINDOW_SCAN_X = 100; // scan to 100× the threshold, as the CLI does by default

describe('lowest firing amplitude near the electrode matches NEURON 8.2.2', () => {
  it.each(cases.map((c) => [name(c), c] as const))('%s, started from the instant tier', (_n, c) => {
    const { fiber, ve, w } = setup(c);
    const r = findThreshold(fiber, ve, w, {
      dtUs: 5,
      tolerance: 0.001,
      afterStimMs: 5,
      initialGuessMa: instantThresholdMa(fiber, ve, w),
      windowScan: { upToMa: c.thr_mA * WINDOW_SCAN_X },
    });
    // both sides bisect to 0.1 %; 0.3 % is the model agreement of mrg.neuron.test.ts
    expect(Math.abs(r.thresholdMa / c.thr_mA - 1)).toBeLessThan(0.003);
    // windows that NEURON's scan saw within the scanned range are reported, where they start
    const seen = c.windows.filter(([from]) => from < c.thr_mA * WINDOW_SCAN_X);
    expect(r.windows.length > 0).toBe(seen.length > 0);
    if (seen.length > 0) {
      const ours = r.windows[0]!.quietFromMa;
      // both are grid amplitudes (ours ×1.25, NEURON ×1.1) just above the same transition
      expect(ours / seen[0]![0]).toBeGreaterThan(1 / 1.1);
      expect(ours / seen[0]![0]).toBeLessThan(1.25);
    }
  });

  const cathodic = cases.filter((c) => c.wave === 'cat' && c.windows.length > 0);
  it.each(cathodic.map((c) => [name(c), c] as const))(
    '%s, started in the upper band and in the window',
    (_n, c) => {
      const { fiber, ve, w } = setup(c);
      const upper = c.windows[0]![2] ?? c.windows[0]![1];
      for (const start of [upper * 1.5, Math.sqrt(c.windows[0]![0] * c.windows[0]![1])]) {
        const r = findThreshold(fiber, ve, w, { dtUs: 5, afterStimMs: 5, initialGuessMa: start });
        // the default 1 % bracket, upper bound reported
        expect(r.thresholdMa / c.thr_mA).toBeGreaterThan(0.997);
        expect(r.thresholdMa / c.thr_mA).toBeLessThan(1.013);
        expect(r.floorMa).toBeLessThan(c.thr_mA);
        expect(r.windows.length).toBeGreaterThan(0);
      }
    },
  );
});

/**
 * 56 random cases across the command's range, 44 of them near the electrode (mrg-random.jsonl:
 * 5.7–16 µm, discrete and interpolated geometry, over a node or an internode, 21 or 31 nodes,
 * 0.1–0.25 mm with 0.45–5 ms pulses, and 0.4–3 mm with 30 µs–1 ms; NEURON scanned to 20–50 mA),
 * searched as `neuromod threshold` does: from the instant tier, 1 %
 * bracket, upper bound reported.
 */
const random = readReference<NearCase>('mrg-random.jsonl');

describe('lowest firing amplitude on random cases, with the command line search settings', () => {
  it.each(
    random.map(
      (c) =>
        [
          `${name(c)}, ${c.nodes} nodes${c.interp ? ', interp.' : ''}${c.over === 'internode' ? ', over an internode' : ''}`,
          c,
        ] as const,
    ),
  )('%s', (_n, c) => {
    const { fiber, ve, w } = setup(c);
    const r = findThreshold(fiber, ve, w, {
      dtUs: 5,
      afterStimMs: 5,
      initialGuessMa: instantThresholdMa(fiber, ve, w),
    });
    // NEURON to 0.1 %, ours the 1 % bracket's upper bound: within 1 % above, 0.3 % below
    expect(r.thresholdMa / c.thr_mA).toBeGreaterThan(0.997);
    expect(r.thresholdMa / c.thr_mA).toBeLessThan(1.01);
  });
});
