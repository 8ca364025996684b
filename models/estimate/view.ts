/**
 * The one derived view of the estimates: which result is shown (full or instant, current or
 * stale), and what fires at the programmed amplitude. The scene, the results, the comparison
 * and the sensitivity panels all read it, so they cannot contradict each other.
 */
import { firesAt } from '../neuron/populationRun.ts';
import { canonicalJson, type Scenario } from '../scenario.ts';
import type { PopulationResult, RunResult } from './run.ts';

/**
 * The key of what shapes the thresholds. Thresholds are per mA of program amplitude, so the
 * amplitude (like the rate, the generator, the name, the notes and the pain map) changes which
 * fibres fire, not their thresholds: moving the amplitude slider needs no new run.
 */
export function estimateKey(s: Scenario): string {
  // thresholds are per pulse: the delivery schedule gates pulses and does not change them
  const { schedule: _schedule, ...program } = s.program;
  return canonicalJson({
    ...s,
    name: '',
    notes: '',
    painMap: [],
    program: { ...program, amplitudeMa: 0, rateHz: 0, generatorId: '', name: '' },
  });
}

/** A result re-read at another amplitude: which fibres fire and each population's share. */
export function atAmplitude(result: RunResult, amplitudeMa: number): RunResult {
  return {
    ...result,
    populations: result.populations.map((p) => {
      const activated = p.thresholdsMa.map((t, i) => firesAt(t, p.windows?.[i], amplitudeMa));
      return {
        ...p,
        activated,
        amplitudeMa,
        shareActivated: activated.length ? activated.filter(Boolean).length / activated.length : 0,
      };
    }),
  };
}

/** What one tier holds: its latest result (possibly partial) and the key it was computed for. */
export interface TierSnapshot {
  result: RunResult | null;
  resultFor: string | null;
  running: boolean;
}

export type ShownState =
  /** the full model's answer for this plan */
  | 'full'
  /** the full model for this plan, still running: done fibres full, the rest instant */
  | 'full-partial'
  /** the instant tier for this plan (the full model not yet run or running) */
  | 'instant'
  /** a result of an earlier plan, shown while the current one is computed */
  | 'stale';

export interface ShownEstimate {
  /** estimate key of the plan this view is for (estimateKey) */
  key: string;
  /** read at the programmed amplitude */
  result: RunResult;
  state: ShownState;
  tier: 'instant' | 'full';
  /** the populations by id */
  byId: Map<string, PopulationResult>;
}

/**
 * The single rule of what is shown: the full tier's result for this plan when it is in (or
 * partly in, when it has more done than nothing), else the instant tier's for this plan, else
 * the newest result of an earlier plan, marked stale. Always read at the plan's amplitude.
 */
export function shownEstimate(
  scenario: Scenario,
  instant: TierSnapshot,
  full: TierSnapshot,
): ShownEstimate | null {
  const key = estimateKey(scenario);
  let picked: { r: RunResult; state: ShownState } | null = null;
  if (full.result && full.resultFor === key)
    picked = { r: full.result, state: full.result.progress ? 'full-partial' : 'full' };
  else if (instant.result && instant.resultFor === key)
    picked = { r: instant.result, state: 'instant' };
  else {
    const latest = instant.result ?? full.result;
    if (latest) picked = { r: latest, state: 'stale' };
  }
  if (!picked) return null;
  const result = atAmplitude(picked.r, scenario.program.amplitudeMa);
  return {
    key,
    result,
    state: picked.state,
    tier: picked.r.tier,
    byId: new Map(result.populations.map((p) => [p.id, p])),
  };
}

/** Per population of the plan (by id), which fibres fire in the shown result (undefined: none shown). */
export function activationById(
  shown: ShownEstimate | null,
  populationIds: string[],
): (boolean[] | undefined)[] {
  return populationIds.map((id) => shown?.byId.get(id)?.activated);
}

/** Whether two activations (per population, per fibre; undefined: not estimated) read the same. */
export function sameActivation(
  a: readonly (readonly boolean[] | undefined)[],
  b: readonly (readonly boolean[] | undefined)[],
): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let p = 0; p < a.length; p++) {
    const x = a[p];
    const y = b[p];
    if (x === y) continue;
    if (!x || !y || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  }
  return true;
}

/** A one-line, true description of the shown state, for the status line. */
export function shownLabel(
  shown: ShownEstimate | null,
  instant: TierSnapshot,
  full: TierSnapshot,
): string {
  if (!shown) return instant.running ? 'Estimating…' : 'No estimate yet.';
  const progress = full.result?.progress;
  switch (shown.state) {
    case 'full':
      return 'Up to date: the full model (cable-model thresholds) for this plan.';
    case 'full-partial':
      return `Up to date for this plan: full model running, ${progress?.doneFibres ?? 0} of ${progress?.totalFibres ?? 0} fibres done; the rest show the instant estimate.`;
    case 'instant':
      return full.running
        ? 'Up to date: instant estimate for this plan; the full model is running.'
        : 'Up to date: instant estimate for this plan.';
    case 'stale':
      return 'Showing the previous plan’s estimate (out of date) while this plan is estimated…';
  }
}
