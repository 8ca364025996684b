import { describe, expect, it } from 'vitest';
import { dorsalColumnFibers } from '../../../models/neuron/populations.ts';
import { fullPopulation, preparePopulation } from '../../../models/neuron/populationRun.ts';
import { findThreshold } from '../../../models/neuron/threshold.ts';
import { pointSourceMv } from '../../../models/neuron/extracellular.ts';

describe('population runs: a coarser step after the pulse', () => {
  it('gives the thresholds of a fixed 5 µs step to within the 1 % search bracket', () => {
    // DC fibres 3.5 mm under a point source (the neuron bench's population, fewer fibres)
    const paths = dorsalColumnFibers({ count: 24, seed: 20260124, cordRadiusMm: 4, lengthMm: 60 });
    const prepared = preparePopulation(paths, (x, y, z) => pointSourceMv(x, y - 7.5, z, 0.2));
    const w = { kind: 'mono-cathodic', pulseWidthUs: 210 } as const;
    const fast = fullPopulation(prepared, w);
    prepared.forEach((p, i) => {
      const exact = findThreshold(p.fiber, p.veUnitMv, w, {
        dtUs: 5,
        propagatedApNodes: 5,
      }).thresholdMa;
      if (!Number.isFinite(exact)) return;
      expect(Math.abs(fast[i]! / exact - 1)).toBeLessThan(0.015);
    });
  }, 120_000);
});
