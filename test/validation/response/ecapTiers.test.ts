/**
 * The closed loop reads an ECAP surface built on instant-tier thresholds (models/neuron
 * instant.ts). Here the instant thresholds of an ECAP sample are checked against the full
 * cable-model search (the reference answer, DESIGN.md) on the same fibres and fields.
 * Measured (8 fibres × dCSF 2/4/6 mm): instant below full by a median 9 %, at most 16 %.
 */
import { describe, expect, it } from 'vitest';
import { buildEcapModel } from '../../../models/response/ecap.ts';

const setup = { sampleCount: 8, dcsfGridMm: [2, 4, 6], seed: 7 };
const TOLERANCE_MEDIAN = 0.15; // our bound, above the measured 9 %
const TOLERANCE_MAX = 0.25; // our bound, above the measured 16 %

describe('ECAP thresholds: instant vs full tier', () => {
  it('agree within 15 % (median) and 25 % (worst) across fibres and dCSF', () => {
    const instant = buildEcapModel(setup);
    const full = buildEcapModel({ ...setup, thresholdTier: 'full' });
    const errors: number[] = [];
    instant.fibres.forEach((f, i) => {
      const g = full.fibres[i];
      expect(g?.diameterUm).toBe(f.diameterUm);
      f.thresholdsMa.forEach((t, j) => {
        errors.push(Math.abs(t / (g?.thresholdsMa[j] as number) - 1));
      });
    });
    errors.sort((a, b) => a - b);
    expect(errors[Math.floor(errors.length / 2)] as number).toBeLessThan(TOLERANCE_MEDIAN);
    expect(errors[errors.length - 1] as number).toBeLessThan(TOLERANCE_MAX);
  });
});
