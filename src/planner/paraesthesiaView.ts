/**
 * The plan's modelled paraesthesia on the body chart and its pain map, bound to the planner's
 * fibres and estimates (the rules are models/estimate/paraesthesia.ts). The pain map is the
 * linked patient case's when one is open, else the plan's own target dermatomes.
 */
import { fibreDermatomes, type PainDermatome } from '../../models/coverage.ts';
import {
  atAmplitude,
  dermatomeShares,
  estimateKey,
  painRegionsFromDermatomes,
  paraesthesiaOverlap,
  regionParaesthesia,
  summariseResult,
  type DermatomeShare,
  type ParaesthesiaOverlap,
  type ResultSummary,
  type RunResult,
} from '../../models/estimate/index.ts';
import type { Scenario } from '../../models/scenario.ts';
import { currentShown } from './estimates.ts';
import { scenarioFibres } from './populations.ts';

export interface PainMapRegion {
  regionId: string;
  intensityNrs: number;
}

export interface PlanPainMap {
  regions: PainMapRegion[];
  /** where it came from, in words: "case Wren-61" or "plan" */
  source: string;
  from: 'case' | 'plan';
}

/** The pain map of a linked case (its regions and NRS), or the plan's target dermatomes. */
export function planPainMap(
  scenario: Pick<Scenario, 'painMap'>,
  linked: { pseudonym: string; painMap: readonly PainMapRegion[] } | null,
): PlanPainMap {
  if (linked && linked.painMap.length > 0)
    return {
      regions: linked.painMap.map((r) => ({ regionId: r.regionId, intensityNrs: r.intensityNrs })),
      source: `case ${linked.pseudonym}`,
      from: 'case',
    };
  return {
    regions: painRegionsFromDermatomes(scenario.painMap as PainDermatome[]),
    source: 'plan',
    from: 'plan',
  };
}

export interface PlanParaesthesia {
  shares: DermatomeShare[];
  /** per body region, the modelled paraesthesia (0..1) */
  byRegion: Map<string, number>;
  overlap: ParaesthesiaOverlap;
}

/** The modelled paraesthesia of `result` (read at the programmed amplitude) on the plan's fibres. */
export function planParaesthesia(
  scenario: Scenario,
  result: Pick<RunResult, 'populations'>,
  painRegions: readonly PainMapRegion[],
): PlanParaesthesia {
  const { resolved, populations } = scenarioFibres(scenario);
  const byId = new Map(populations.map((p) => [p.id, p]));
  // labels in the result's population order (a result may list its populations differently)
  const labels = fibreDermatomes(
    resolved,
    result.populations.map((p) => ({
      name: p.name,
      ...(p.sideEffect ? { sideEffect: p.sideEffect } : {}),
      paths: byId.get(p.id)?.paths ?? [],
    })),
  );
  const shares = dermatomeShares(result, labels);
  return {
    shares,
    byRegion: regionParaesthesia(shares),
    overlap: paraesthesiaOverlap(painRegions, shares),
  };
}

/**
 * The Result summary to pin with `scenario`, from the planner's shown estimate when that estimate
 * is for this scenario's thresholds (same estimate key), read at the scenario's own amplitude;
 * null when no such estimate exists (the Plan has not estimated this scenario in this tab).
 */
export function pinnableSummary(
  scenario: Scenario,
  painMap: PlanPainMap,
  shown = currentShown(),
): ResultSummary | null {
  if (!shown || shown.state === 'stale' || shown.key !== estimateKey(scenario)) return null;
  const result = atAmplitude(shown.result, scenario.program.amplitudeMa);
  const p = planParaesthesia(scenario, result, painMap.regions);
  return summariseResult({ ...shown, result }, p.shares, p.overlap, painMap.source);
}
