import { useMemo } from 'react';
import { resolveAnatomy, type ResolvedAnatomy } from '../../models/anatomy/index.ts';
import { scenarioPopulations, type Population } from '../../models/estimate/index.ts';
import { canonicalJson, type Scenario } from '../../models/scenario.ts';

export interface ScenarioFibres {
  resolved: ResolvedAnatomy;
  populations: Population[];
}

let last: { key: string; value: ScenarioFibres } | null = null;

/**
 * The fibre populations the estimate runs on (seeded, so the same as in the worker), built once
 * per anatomy and population settings and shared by the scene and the results panel.
 */
export function scenarioFibres(s: Scenario): ScenarioFibres {
  const key = canonicalJson([
    s.anatomy,
    s.model.fibresPerPopulation,
    s.model.seed,
    s.model.fibreModel,
  ]);
  if (last?.key === key) return last.value;
  const resolved = resolveAnatomy(s.anatomy);
  const value = { resolved, populations: scenarioPopulations(s) };
  last = { key, value };
  return value;
}

export function useScenarioFibres(s: Scenario): ScenarioFibres {
  const key = canonicalJson([
    s.anatomy,
    s.model.fibresPerPopulation,
    s.model.seed,
    s.model.fibreModel,
  ]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => scenarioFibres(s), [key]);
}
