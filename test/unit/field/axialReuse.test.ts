import { describe, expect, it } from 'vitest';
import {
  populationThresholds,
  programWaveform,
  programWeights,
  runScenario,
  scenarioLeadFields,
  scenarioPopulations,
} from '../../../models/estimate/index.ts';
import { LeadFieldLru } from '../../../models/field/cache.ts';
import { newPlan } from '../../../src/planner/store.ts';
import { moveLead } from '../../../models/estimate/placement.ts';

describe('a lead slid along the cord reuses its lead fields', () => {
  it('gives the thresholds of a fresh solve at the new position (within 1 %), without solving again', () => {
    const cache = new LeadFieldLru();
    const s = newPlan('SCS');
    s.model.fibresPerPopulation = 40;
    runScenario(s, { tier: 'instant', cache });
    const moved = moveLead(s, 'lead-1', { xMm: 0, zMm: s.leads[0]!.tipMm.zMm - 6.5 });
    const reused = runScenario(moved, { tier: 'instant', cache });
    expect(reused.field.fromCache).toBe(true);
    // reference: the contacts solved where they are, no axial slide
    const direct = scenarioLeadFields(moved);
    const { spec } = programWaveform(moved);
    const weights = programWeights(moved, direct.keys);
    scenarioPopulations(moved).forEach((pop, i) => {
      const ref = populationThresholds(direct.fields, pop.paths, weights, spec, 'instant');
      const got = reused.populations[i]!.thresholdsMa;
      ref.forEach((r, j) => {
        if (!Number.isFinite(r)) return;
        expect(Math.abs(got[j]! - r) / r).toBeLessThan(0.01);
      });
    });
  }, 120_000);
});
