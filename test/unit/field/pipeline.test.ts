import { describe, expect, it } from 'vitest';
import {
  ScenarioProblem,
  programWeights,
  runScenario,
  scenarioContacts,
  scenarioLeadFields,
  scenarioPopulations,
} from '../../../models/estimate/index.ts';
import { defaultScenario, parseScenario } from '../../../models/scenario.ts';
import { MRG_TABLE } from '../../../models/neuron/mrg.ts';
import { FIELD_SOLVER_VERSION, LeadFieldLru } from '../../../models/field/index.ts';

describe('pipeline', () => {
  it('maps the program onto signed contact weights (cathode +, anode −, fractions of the amplitude)', () => {
    const s = defaultScenario('SCS');
    const { keys } = scenarioContacts(s);
    const w = programWeights(s, keys);
    expect(w[3]).toBe(1);
    expect(w[4]).toBe(-1);
    expect(w.reduce((a, b) => a + Math.abs(b), 0)).toBe(2);
  });

  it('refuses an unknown lead before any solve, naming the field', () => {
    const s = defaultScenario('SCS');
    s.leads[0]!.catalogId = 'no-such-lead';
    expect(() => scenarioLeadFields(s)).toThrow(ScenarioProblem);
    expect(() => scenarioLeadFields(s)).toThrow(/leads\.0\.catalogId/);
  });

  it('runs a whole SCS scenario into a Result with tier, populations and provenance', () => {
    const s = defaultScenario('SCS');
    s.model.fibresPerPopulation = 10;
    const r = runScenario(s, { appVersion: '0.1.0', now: () => new Date('2026-01-01T00:00:00Z') });
    expect(r.tier).toBe('instant');
    expect(r.populations.map((p) => p.name)).toEqual([
      'dorsal columns',
      'dorsal roots (left)',
      'dorsal roots (right)',
    ]);
    for (const p of r.populations) {
      expect(p.fibreCount).toBe(10);
      expect(p.thresholdsMa).toHaveLength(10);
      expect(p.shareActivated).toBeCloseTo(p.activated.filter(Boolean).length / 10, 12);
    }
    expect(r.provenance).toMatchObject({ appVersion: '0.1.0', time: '2026-01-01T00:00:00.000Z' });
    expect(r.field.cacheKey).toMatch(new RegExp(`^field-v${FIELD_SOLVER_VERSION}-`));
  });
});

describe('the fibre model setting', () => {
  it('mrg puts every myelinated fibre on a tabulated MRG diameter and changes the thresholds', () => {
    const s = defaultScenario('SCS');
    const small = { ...s, model: { ...s.model, fibresPerPopulation: 40 } };
    const tab = { ...small, model: { ...small.model, fibreModel: 'mrg' as const } };
    const pops = scenarioPopulations(tab);
    const table = MRG_TABLE.map((g) => g.diameterUm);
    for (const p of pops)
      for (const f of p.paths) {
        expect(f.model).toBe('mrg');
        expect(table).toContain(f.diameterUm);
      }
    // one lead-field solve for both runs (same anatomy and lead)
    const cache = new LeadFieldLru();
    const a = runScenario(small, { tier: 'instant', cache }).populations[0]!.thresholdsMa;
    const b = runScenario(tab, { tier: 'instant', cache }).populations[0]!.thresholdsMa;
    expect(b).not.toEqual(a);
  }, 20_000);

  it('a model the population estimate cannot run is refused at the edge, naming the field', () => {
    const s = defaultScenario('SCS');
    const r = parseScenario({ ...s, model: { ...s.model, fibreModel: 'mcneal' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]?.path).toBe('model.fibreModel');
    expect(r.issues[0]?.message).toMatch(/mrg or mrg-interp/);
  });
});
