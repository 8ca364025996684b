/**
 * Instant tier against the full model (issue 3 target: median |error| ≤ 10 %). The bound
 * asserted is the one we achieve (models/neuron/README.md, "Instant tier").
 */
import { describe, expect, it } from 'vitest';
import { pointSourceField, pointSourceMv } from '../../../models/neuron/extracellular.ts';
import { instantThresholdMa } from '../../../models/neuron/instant.ts';
import { buildMrg } from '../../../models/neuron/mrg.ts';
import {
  fullPopulation,
  instantPopulation,
  medianAbsRelError,
  preparePopulation,
} from '../../../models/neuron/populationRun.ts';
import { dorsalColumnFibers } from '../../../models/neuron/populations.ts';
import { findThreshold } from '../../../models/neuron/threshold.ts';

describe('instant tier vs full model', () => {
  it('dorsal-column population under an epidural contact: median |error| below 5 % (measured 2.7 %)', () => {
    const paths = dorsalColumnFibers({ count: 40, seed: 11, cordRadiusMm: 4, lengthMm: 60 });
    const prepared = preparePopulation(paths, (x, y, z) => pointSourceMv(x, y - 7.5, z, 0.2));
    const w = { kind: 'mono-cathodic', pulseWidthUs: 210 } as const;
    const err = medianAbsRelError(instantPopulation(prepared, w), fullPopulation(prepared, w));
    expect(err).toBeLessThan(0.05);
  });

  it('straight MRG fibres, 5.7–16 µm, 0.3–3 mm, 60–1000 µs: median |error| below 6 %', () => {
    const errs: number[] = [];
    const cases: Array<[number, number, number]> = [
      [5.7, 0.3, 60], [5.7, 1.5, 1000], [8.7, 0.7, 210], [10, 3, 100],
      [11.5, 0.5, 500], [12.8, 2, 60], [14, 1, 1000], [16, 0.4, 210],
    ]; // prettier-ignore
    for (const [D, d, pw] of cases) {
      const probe = buildMrg('mrg', D, { nodeCount: 3 });
      let n = Math.ceil((20 * d * 1000) / probe.internodeLengthUm) + 1;
      if (n % 2 === 0) n++;
      const fiber = buildMrg('mrg', D, { nodeCount: Math.max(21, n), passiveEndNodes: 1 });
      const ve = pointSourceField(fiber, { distanceMm: d, sigmaSPerM: 0.2 });
      const w = { kind: 'mono-cathodic', pulseWidthUs: pw } as const;
      const inst = instantThresholdMa(fiber, ve, w);
      const full = findThreshold(fiber, ve, w, { initialGuessMa: inst }).thresholdMa;
      errs.push(Math.abs(inst / full - 1));
    }
    errs.sort((a, b) => a - b);
    const median = ((errs[3] as number) + (errs[4] as number)) / 2;
    expect(median).toBeLessThan(0.06);
  });
});
