/**
 * MRG fibres with myelinated collaterals, and DRG neurons (through axon with a stem, initial
 * segment and soma on the T-junction), on the tree solve of models/neuron/cable.ts against
 * NEURON 8.2.2 running the same branched models (neuron-reference/mrg_branch.py, output in
 * mrg-branch.jsonl, bisected to 0.1 %): point source in a homogeneous medium over the middle
 * node, branches running straight away from it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pointSourceField } from '../../../models/neuron/extracellular.ts';
import { buildMrg } from '../../../models/neuron/mrg.ts';
import { findThreshold } from '../../../models/neuron/threshold.ts';

interface BranchCase {
  D: number;
  nodes: number;
  dist_mm: number;
  sigma: number;
  pw_ms: number;
  wave: 'cat' | 'an';
  interp: boolean;
  col?: { D: number; L_um: number; every: number };
  stem?: { D: number };
  thr_mA: number;
}

const cases: BranchCase[] = readFileSync(
  new URL('./neuron-reference/mrg-branch.jsonl', import.meta.url),
  'utf8',
)
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as BranchCase);

describe('MRG with collaterals matches NEURON 8.2.2 (tree solve, dt 5 µs)', () => {
  it.each(
    cases.map(
      (c) =>
        [
          `${c.D} µm, ${c.nodes} nodes, ${c.dist_mm} mm, ${c.pw_ms} ms ${c.wave}, ${c.col ? `${c.col.D} µm collaterals ${c.col.L_um} µm long on every ${c.col.every}. node` : c.stem ? `DRG stem ${c.stem.D} µm with soma` : 'unbranched'}`,
          c,
        ] as const,
    ),
  )('%s', (_name, c) => {
    const fiber = buildMrg('mrg-interp', c.D, {
      nodeCount: c.nodes,
      passiveEndNodes: 1,
      ...(c.col
        ? { collaterals: { diameterUm: c.col.D, lengthUm: c.col.L_um, everyNodes: c.col.every } }
        : {}),
      ...(c.stem ? { stem: { diameterUm: c.stem.D } } : {}),
    });
    const ve = pointSourceField(fiber, { distanceMm: c.dist_mm, sigmaSPerM: c.sigma });
    expect(fiber.branches.length > 0).toBe(c.col !== undefined || c.stem !== undefined);
    const r = findThreshold(
      fiber,
      ve,
      { kind: c.wave === 'cat' ? 'mono-cathodic' : 'mono-anodic', pulseWidthUs: c.pw_ms * 1000 },
      { dtUs: 5, tolerance: 0.001, afterStimMs: 5, initialGuessMa: c.thr_mA * 0.9 },
    );
    // both sides bisect to 0.1 %: agreement within 0.3 % is the model, not the search
    expect(Math.abs(r.thresholdMa / c.thr_mA - 1)).toBeLessThan(0.003);
  });

  it('a DRG soma on its stem raises the threshold of a through axon under a source over the T-junction (NEURON reference)', () => {
    const plain = cases.find((c) => !c.col && !c.stem && c.D === 10)!;
    const drg = cases.find((c) => c.stem && c.D === 10 && c.dist_mm === plain.dist_mm)!;
    expect(drg.thr_mA).toBeGreaterThan(1.3 * plain.thr_mA);
  });

  it('the collaterals raise the threshold of the fibre they hang on (NEURON reference)', () => {
    const plain = cases.find((c) => !c.col && !c.stem && c.D === 12)!;
    const withCollaterals = cases.filter(
      (q) => q.col && q.D === plain.D && q.dist_mm === plain.dist_mm,
    );
    expect(withCollaterals.length).toBeGreaterThan(1);
    for (const c of withCollaterals) {
      expect(c.thr_mA).toBeGreaterThan(plain.thr_mA * 1.05);
    }
  });
});
