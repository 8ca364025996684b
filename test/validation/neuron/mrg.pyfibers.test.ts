/**
 * MRG against published NEURON numbers (../shared/research/models.md §3.1, §3.2).
 */
import { describe, expect, it } from 'vitest';
import { pointSourceField } from '../../../models/neuron/extracellular.ts';
import { buildMrg } from '../../../models/neuron/mrg.ts';
import { findThreshold } from '../../../models/neuron/threshold.ts';

const relErr = (got: number, want: number) => Math.abs(got / want - 1);

describe('MRG vs PyFibers integration tests (models.md §3.1)', () => {
  // tests/integration/test_extra_thresholds.py: 13 nodes (133 sections), passive end nodes,
  // point source 100 µm over the central node, biphasic 0.2/0.2 ms cathodic first, dt 1 µs,
  // tstop 20 ms. Thresholds at σ = 10 S/m converted to σ = 0.2 S/m (exact, V ∝ 1/σ).
  const setup = (model: 'mrg' | 'mrg-interp') => {
    const fiber = buildMrg(model, 5.7, { nodeCount: 13, passiveEndNodes: 1 });
    const ve = pointSourceField(fiber, { distanceMm: 0.1, sigmaSPerM: 0.2 });
    return findThreshold(
      fiber,
      ve,
      { kind: 'biphasic-cathodic-first', pulseWidthUs: 200 },
      { dtUs: 1, afterStimMs: 19.6, initialGuessMa: 0.005 },
    );
  };

  it('discrete 5.7 µm: 5.38 µA (PyFibers test_mrg_discrete −0.2691015625 mA at σ 10)', () => {
    const r = setup('mrg');
    expect(relErr(r.thresholdMa, 0.2691015625 * 0.02)).toBeLessThan(0.02);
    expect(r.apNodeIndex).toBe(10); // ⌊0.9·12⌋
    expect(r.endExcitation).toBe(false);
    // excitation starts under the source (node 6 ± 1), not at the fibre ends
    for (const j of r.initiationNodes) expect(Math.abs(j - 6)).toBeLessThanOrEqual(1);
  });

  it('interpolated 5.7 µm: 5.40 µA (PyFibers test_mrg_interpolation −0.27006835937 mA at σ 10)', () => {
    const r = setup('mrg-interp');
    expect(relErr(r.thresholdMa, 0.27006835937499996 * 0.02)).toBeLessThan(0.02);
  });
});

describe('MRG vs cajal README (models.md §3.2)', () => {
  it('5.7 µm, 71 nodes, 0.5 mm, ρe 500 Ω·cm, 0.2 ms cathodic: 0.044 mA (±3 %)', () => {
    const fiber = buildMrg('mrg', 5.7, { nodeCount: 71 });
    const ve = pointSourceField(fiber, { distanceMm: 0.5, sigmaSPerM: 0.2 });
    const r = findThreshold(
      fiber,
      ve,
      { kind: 'mono-cathodic', pulseWidthUs: 200 },
      {
        dtUs: 5,
        afterStimMs: 4.8,
        initialGuessMa: 0.04,
      },
    );
    // cajal prints 0.044 mA; issue 3 notes a true 0.2 ms pulse gives about 43 µA
    expect(relErr(r.thresholdMa, 0.044)).toBeLessThan(0.03);
    expect(relErr(r.thresholdMa, 0.043)).toBeLessThan(0.01);
  });
});
