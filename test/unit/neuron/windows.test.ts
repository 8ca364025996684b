/**
 * Windows in population results: a fibre inside its window does not fire, recruitment curves
 * follow, and a near-electrode population reports its windows. The near-electrode case is the
 * 8.7 µm fibre of mrg-near.jsonl (NEURON: fires from 3.34 µA, quiet from ≈ 21 µA to ≈ 300 µA).
 */
import { describe, expect, it } from 'vitest';
import { recruitmentCurve } from '../../../models/coverage.ts';
import { pointSourceMv } from '../../../models/neuron/extracellular.ts';
import {
  firesAt,
  fullPopulationThresholds,
  preparePopulation,
} from '../../../models/neuron/populationRun.ts';
import type { FiberPath } from '../../../models/neuron/populations.ts';

describe('windows', () => {
  const w = { quietFromMa: 0.025, firesAgainMa: 0.3 };
  it('a fibre fires from its threshold, not inside its window, and again above it', () => {
    expect(firesAt(0.0034, w, 0.003)).toBe(false);
    expect(firesAt(0.0034, w, 0.01)).toBe(true);
    expect(firesAt(0.0034, w, 0.1)).toBe(false);
    expect(firesAt(0.0034, w, 0.3)).toBe(true);
    expect(firesAt(0.0034, { quietFromMa: 0.025, firesAgainMa: null }, 5)).toBe(false);
    expect(firesAt(null, null, 5)).toBe(false);
  });

  it('recruitment falls inside a window', () => {
    const curve = recruitmentCurve([0.0034, 0.005], [0.01, 0.1, 0.5], [w, null]);
    expect(curve).toEqual([1, 0.5, 1]);
    // without windows the curve never falls
    expect(recruitmentCurve([0.0034, 0.005], [0.01, 0.1, 0.5])).toEqual([1, 1, 1]);
  });

  it('a population 0.1 mm from a 1 ms cathode reports the window, and none 1 mm away', () => {
    const path = (yMm: number): FiberPath =>
      ({
        pathMm: [0, yMm, -10, 0, yMm, 10],
        diameterUm: 8.7,
        model: 'mrg',
        type: 'DC',
      }) as unknown as FiberPath;
    const prepared = preparePopulation([path(0.1), path(1)], (x, y, z) =>
      pointSourceMv(x, y, z, 0.2),
    );
    const r = fullPopulationThresholds(
      prepared,
      { kind: 'mono-cathodic', pulseWidthUs: 1000 },
      { windowScanToMa: 0.1 },
    );
    expect(r.thresholdsMa[0]).toBeLessThan(0.005);
    expect(r.windows[0]).not.toBeNull();
    expect(r.windows[0]!.quietFromMa).toBeLessThan(0.05);
    expect(r.windows[1]).toBeNull();
  });
});
