/**
 * Grid convergence of the default plans' own leads in the regime users steer into (issue 14):
 * an SCS lead moved 1.5 mm off the midline (dorsal columns, and the dorsal roots on the lead's
 * side and on the far side). The
 * default grid against one 3× finer (spacing × 1/3, growth 0.15 per mm), same wavenumbers as
 * convergence.test.ts; quantity: the instant-tier thresholds of every fibre of every population
 * (driven by the activating function). Criterion: within 2 % (issue 14).
 *
 * The SCS case failed (far-side roots 8 % off) while the solver switched Φ_an to its lumped
 * column abruptly 12 source spreads from the lead (solver25d.ts LUMP_TAPER_END): that circle
 * crosses the far side's root entry zone.
 */
import { describe, expect, it } from 'vitest';
import {
  checkedScenarioContacts,
  defaultPopulationCache,
  populationThresholds,
  programWaveform,
  programWeights,
} from '../../../models/estimate/index.ts';
import { epiduralYMm } from '../../../models/estimate/placement.ts';
import { defaultKNodes, solveUnitFields, type SolverOptions } from '../../../models/field/index.ts';
import { defaultScenario, type Scenario } from '../../../models/scenario.ts';

const K_STUDY = defaultKNodes(2e-3, 6, 1.3, 1.6); // as convergence.test.ts
const DEFAULT: SolverOptions = { kNodes: K_STUDY };
const FINER: SolverOptions = { kNodes: K_STUDY, gridScale: 1 / 3, growthPerMm: 0.45 };
const TOLERANCE = 0.02; // issue 14
// PNS meets it in the fascicles nearest the lead, not yet in the far ones (2.8 % on the default
// sciatic plan; 13 % before the sheet pieces): README "Accuracy", and every PNS estimate says so
// (therapies/pns.ts fieldNotes). Its test holds the measured 3 % so that the gain stays.
const PNS_TOLERANCE = 0.03;

function worstPerPopulation(s: Scenario) {
  const { contacts, conductor, keys } = checkedScenarioContacts(s);
  const coarse = solveUnitFields(conductor, contacts, DEFAULT);
  const fine = solveUnitFields(conductor, contacts, FINER);
  const w = programWeights(s, keys);
  const { spec } = programWaveform(s);
  return defaultPopulationCache.get(s).populations.map((p) => {
    const tc = populationThresholds(coarse, p.paths, w, spec, 'instant');
    const tf = populationThresholds(fine, p.paths, w, spec, 'instant');
    let worst = 0;
    let n = 0;
    tc.forEach((t, i) => {
      const f = tf[i]!;
      if (!Number.isFinite(t) || !Number.isFinite(f)) return;
      worst = Math.max(worst, Math.abs(t / f - 1));
      n++;
    });
    return { name: p.name, worst, n, of: p.paths.length };
  });
}

describe('grid convergence of the default plans, lead off the midline', () => {
  it('SCS lead 1.5 mm lateral: instant thresholds of the dorsal columns and both sides’ dorsal roots within 2 % of a 3× finer grid', () => {
    const base = defaultScenario('SCS');
    const lead = { ...base.leads[0]!, tipMm: { ...base.leads[0]!.tipMm, xMm: 1.5 } };
    lead.tipMm.yMm = epiduralYMm(base, lead);
    const rows = worstPerPopulation({ ...base, leads: [lead] });
    expect(rows.map((r) => r.name)).toEqual([
      'dorsal columns',
      'dorsal roots (left)',
      'dorsal roots (right)',
    ]);
    for (const r of rows) {
      expect(r.n, `${r.name}: fibres compared`).toBeGreaterThan(r.of / 2);
      expect(r.worst, `${r.name}: worst threshold ratio`).toBeLessThan(TOLERANCE);
    }
  }, 600_000);

  it('PNS default sciatic plan: instant thresholds in every fascicle within 3 % of a 3× finer grid (2 % asked; met by the fascicles nearest the lead)', () => {
    const rows = worstPerPopulation(defaultScenario('PNS'));
    expect(rows.length).toBe(2);
    for (const r of rows) {
      // the unmyelinated C fibres (most of the sensory population) have no instant-tier threshold
      expect(r.n, `${r.name}: fibres compared`).toBeGreaterThan(r.of / 3);
      expect(r.worst, `${r.name}: worst threshold ratio`).toBeLessThan(PNS_TOLERANCE);
    }
  }, 600_000);
});
