/**
 * Program to the pain map (models/estimate/propose.ts) on the default T8 plan with a pain map of
 * L4–S1 on the left (issue 19's case): the proposal covers the target better than the plan's own
 * program at no more dorsal-root recruitment, within the generator's envelope and charge limits,
 * with whole-percent fractions; the full cable model confirms the instant tier's proposal.
 */
import { describe, expect, it } from 'vitest';
import { LEAD_CATALOGUE, effectiveGenerator } from '../../../models/devices/index.ts';
import {
  paretoFront,
  proposeProgram,
  resultCoverage,
  type ProposedProgram,
} from '../../../models/estimate/propose.ts';
import { runScenario } from '../../../models/estimate/index.ts';
import { LeadFieldLru } from '../../../models/field/cache.ts';
import { defaultScenario, ScenarioSchema, type Scenario } from '../../../models/scenario.ts';
import { checkProgram } from '../../../models/stimulation/checkProgram.ts';

const pain = (['L4', 'L5', 'S1'] as const).map((root) => ({ root, side: 'left' as const }));
const plan: Scenario = { ...defaultScenario('SCS'), painMap: pain };
const cache = new LeadFieldLru();

const applied = (s: Scenario, p: ProposedProgram): Scenario =>
  ScenarioSchema.parse({
    ...s,
    program: {
      ...s.program,
      contacts: p.contacts,
      caseIsReturn: false,
      amplitudeMa: p.amplitudeMa,
      pulseWidthUs: p.pulseWidthUs,
    },
  });

describe('program proposal, default T8 plan, pain L4–S1 left', () => {
  const proposal = proposeProgram(plan, {}, { cache });

  it('covers the pain map better than the plan’s program, at no more dorsal-root recruitment', () => {
    const best = proposal.best!;
    expect(best).not.toBeNull();
    expect(best.coverage).toBeGreaterThan(proposal.baseline.coverage + 0.2);
    expect(best.covered.length).toBeGreaterThan(proposal.baseline.covered.length);
    expect(best.dorsalRootShare).toBeLessThanOrEqual(proposal.baseline.dorsalRootShare);
    expect(best.offTargetShare).toBeLessThanOrEqual(proposal.maxOffTargetShare);
  });

  it('every program of the front is valid: whole percents summing to 100, within the envelope and charge limits', () => {
    expect(proposal.front.length).toBeGreaterThan(3);
    const generator = effectiveGenerator(plan.program)!;
    for (const p of proposal.front) {
      for (const polarity of ['cathode', 'anode'] as const) {
        const f = p.contacts.filter((c) => c.polarity === polarity).map((c) => c.fractionPercent);
        expect(f.every((x) => Number.isInteger(x) && x > 0)).toBe(true);
        expect(f.reduce((a, b) => a + b, 0)).toBe(100);
      }
      expect(p.amplitudeMa).toBeLessThanOrEqual(p.amplitudeCapMa);
      expect(p.dorsalRootShare).toBeLessThanOrEqual(proposal.maxDorsalRootShare);
      const s = applied(plan, p);
      const errors = checkProgram(s.program, s.leads, LEAD_CATALOGUE, generator).filter(
        (f) => f.severity === 'error',
      );
      expect(errors.map((e) => e.message)).toEqual([]);
    }
  });

  it('the front is non-dominated and spans the trade-off', () => {
    expect(paretoFront(proposal.front)).toHaveLength(proposal.front.length);
    const cov = proposal.front.map((p) => p.coverage);
    expect(Math.max(...cov) - Math.min(...cov)).toBeGreaterThan(0.2);
  });

  it('dorsal-root limit and avoided dermatomes are honoured', () => {
    const strict = proposeProgram(
      plan,
      { maxDorsalRootShare: 0, avoid: [{ root: 'S2', side: 'left' }] },
      { cache },
    );
    for (const p of strict.front) {
      expect(p.dorsalRootShare).toBe(0);
      expect(p.avoidReached).toEqual([]);
    }
  });

  it('refuses a plan without target dermatomes, and a DRG plan, with a clear message', () => {
    expect(() => proposeProgram({ ...plan, painMap: [] }, {}, { cache })).toThrow(
      /target dermatomes/,
    );
    expect(() => proposeProgram(defaultScenario('DRG'), {}, { cache })).toThrow(/spinal cord/);
  });

  it('the full cable model confirms it: better coverage, no more dorsal-root recruitment', () => {
    const best = proposal.best!;
    const before = runScenario(plan, { tier: 'full', cache });
    const after = runScenario(applied(plan, best), { tier: 'full', cache });
    const a = resultCoverage(plan, before, pain);
    const b = resultCoverage(plan, after, pain);
    expect(b.coverage).toBeGreaterThan(a.coverage + 0.2);
    expect(b.dorsalRootShare).toBeLessThanOrEqual(a.dorsalRootShare);
    // the instant tier's coverage of the chosen program within 15 points of the full model's
    expect(Math.abs(b.coverage - best.coverage)).toBeLessThan(0.15);
  }, 120_000);
});
