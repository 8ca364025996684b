/**
 * Benchmarks of the planner's estimate path (issue 5: the instant tier follows a moving lead in
 * ≤ 100 ms): the default SCS scenario run end to end by models/pipeline.ts, as a compute worker
 * runs it — first with its lead-field solve, then after sliding the lead along the cord.
 */
import { proposeProgram, runScenario } from '../../../models/estimate/index.ts';
import { LeadFieldLru } from '../../../models/field/cache.ts';
import { defaultScenario, type Scenario } from '../../../models/scenario.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function slid(s: Scenario, dzMm: number): Scenario {
  return {
    ...s,
    leads: s.leads.map((l) => ({ ...l, tipMm: { ...l.tipMm, zMm: l.tipMm.zMm + dzMm } })),
  };
}

export const benchSections = [
  {
    name: 'planner: instant estimate of the default SCS scenario (3 populations × 200 fibres)',
    run: async ({ quick }: { quick: boolean }) => {
      const s = defaultScenario('SCS');
      const cache = new LeadFieldLru();
      let t = performance.now();
      const first = runScenario(s, { tier: 'instant', cache });
      const firstMs = performance.now() - t;
      const times: number[] = [];
      const steps = quick ? 5 : 15;
      for (let i = 1; i <= steps; i++) {
        t = performance.now();
        const r = runScenario(slid(s, -0.7 * i), { tier: 'instant', cache });
        times.push(performance.now() - t);
        if (!r.field.fromCache) throw new Error('a slid lead solved its fields again');
      }
      return [
        {
          metric: 'first estimate (lead-field solve + 600 fibres)',
          medianMs: firstMs,
          note: `${first.field.gridNodes} grid nodes × ${first.field.wavenumbers} wavenumbers; one run`,
        },
        {
          metric: 'estimate after sliding the lead along the cord (target ≤ 100 ms)',
          medianMs: median(times),
          note: `${steps} slides of 0.7 mm; lead fields reused (shift invariance), fibres cached`,
        },
      ];
    },
  },
  {
    name: 'planner: program to the pain map, default T8 plan, pain L4–S1 left (instant tier)',
    run: async ({ quick }: { quick: boolean }) => {
      const s: Scenario = {
        ...defaultScenario('SCS'),
        painMap: (['L4', 'L5', 'S1'] as const).map((root) => ({ root, side: 'left' as const })),
      };
      const cache = new LeadFieldLru();
      runScenario(s, { tier: 'instant', cache }); // the lead fields, as the planner has them
      const times: number[] = [];
      let last = proposeProgram(s, {}, { cache });
      for (let i = 0; i < (quick ? 2 : 5); i++) {
        const t = performance.now();
        last = proposeProgram(s, {}, { cache });
        times.push(performance.now() - t);
      }
      return [
        {
          metric: 'proposal after the lead fields are solved (target ≤ 5000 ms)',
          medianMs: median(times),
          note: `${last.evaluated} candidates, ${last.front.length} on the front; coverage ${(last.baseline.coverage * 100).toFixed(0)} → ${((last.best?.coverage ?? 0) * 100).toFixed(0)} %`,
        },
      ];
    },
  },
];
