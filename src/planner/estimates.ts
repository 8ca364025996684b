/**
 * Keeps the estimates in step with the plan: the instant tier while the user edits or drags
 * (live priority; a newer request waits and only the newest runs), the full tier once the plan
 * has settled, split over every worker of the pool and streaming partial results. A full run
 * whose plan changed is cancelled at once (it stops between two fibres and its worker keeps
 * its caches). What is shown is decided by models/estimate/view (shownEstimate), nowhere else.
 */
import { useEffect } from 'react';
import { createStore, useStore } from 'zustand';
import {
  estimateKey,
  mergeShards,
  shownEstimate,
  type RunResult,
  type ShownEstimate,
} from '../../models/estimate/index.ts';
import type { Scenario } from '../../models/scenario.ts';
import { computePool } from '../compute/client.ts';
import { TaskError } from '../compute/pool.ts';
import { plannerStore, usePlanner } from './store.ts';
import type { TableFillResult } from '../../workers/estimate.tasks.ts';
import pkg from '../../package.json';

export { atAmplitude, estimateKey } from '../../models/estimate/index.ts';

export type Tier = 'instant' | 'full';

export interface TierState {
  /** latest result (a full-tier one may be partial: `result.progress`) */
  result: RunResult | null;
  /** estimate key of the plan the result belongs to */
  resultFor: string | null;
  running: boolean;
  progress: number;
  /** the error of the last run for the current plan; cleared when a run succeeds */
  error: string | null;
  /** wall time of the last completed run, ms (request to result on screen) */
  elapsedMs: number | null;
}

export interface EstimateState {
  instant: TierState;
  full: TierState;
  /** false while the user drags: the full tier waits for the release */
  settled: boolean;
  /** the background solve of the plan's contact table (lead moves without a solve) */
  table: TableState;
  set(tier: Tier, patch: Partial<TierState>): void;
  setTable(patch: Partial<TableState>): void;
}

export interface TableState {
  filling: boolean;
  progress: number;
  result: TableFillResult | null;
}

const empty: TierState = {
  result: null,
  resultFor: null,
  running: false,
  progress: 0,
  error: null,
  elapsedMs: null,
};

/** The estimates, as a framework-free store (React reads it through useEstimates). */
export const estimateStore = createStore<EstimateState>((set) => ({
  instant: empty,
  full: empty,
  settled: true,
  table: { filling: false, progress: 0, result: null },
  set: (tier, patch) =>
    set((s) => ({ [tier]: { ...s[tier], ...patch } }) as Partial<EstimateState>),
  setTable: (patch) => set((s) => ({ table: { ...s.table, ...patch } })),
}));

export function useEstimates<T>(selector: (s: EstimateState) => T): T {
  return useStore(estimateStore, selector);
}
useEstimates.getState = estimateStore.getState;
useEstimates.setState = estimateStore.setState;

/** The shown estimate of the current plan (the one rule, models/estimate/view.ts). */
export function currentShown(): ShownEstimate | null {
  const e = estimateStore.getState();
  return shownEstimate(plannerStore.getState().scenario, e.instant, e.full);
}

/** React binding of the one derived view: re-derived when the plan or a tier changes. */
export function useShownEstimate(): ShownEstimate | null {
  const scenario = usePlanner((s) => s.scenario);
  const instant = useEstimates((s) => s.instant);
  const full = useEstimates((s) => s.full);
  return shownEstimate(scenario, instant, full);
}

const controllers: Record<Tier, AbortController | null> = { instant: null, full: null };
/** an instant request that arrived while one was running: only the newest is kept */
let pendingInstant: Scenario | null = null;
let lastKey: Record<Tier, string | null> = { instant: null, full: null };

/**
 * Requests an estimate. The instant tier never interrupts itself: a newer request waits and
 * only the newest runs. The full tier is cancelled and restarted when superseded.
 */
export function requestEstimate(scenario: Scenario, tier: Tier): void {
  const key = estimateKey(scenario);
  const st = estimateStore.getState()[tier];
  if (lastKey[tier] === key && (st.running || (st.resultFor === key && !st.result?.progress)))
    return;
  if (tier === 'instant' && st.running) {
    pendingInstant = scenario;
    return;
  }
  lastKey[tier] = key;
  void (tier === 'instant' ? runInstant(scenario) : runFull(scenario)).then(() => {
    if (tier === 'instant' && pendingInstant) {
      const next = pendingInstant;
      pendingInstant = null;
      requestEstimate(next, 'instant');
    }
  });
}

/** Stops a full run whose plan is no longer the current one (its numbers stay, marked stale). */
export function cancelStaleFull(scenario: Scenario): void {
  const key = estimateKey(scenario);
  if (lastKey.full !== null && lastKey.full !== key && controllers.full) {
    controllers.full.abort();
    controllers.full = null;
    lastKey.full = null;
    estimateStore.getState().set('full', { running: false });
  }
}

/** Forgets what was requested (tests, a new plan). */
export function resetEstimates(): void {
  lastKey = { instant: null, full: null };
  pendingInstant = null;
}

function fail(tier: Tier, controller: AbortController, e: unknown): null {
  if (controllers[tier] !== controller) return null;
  lastKey[tier] = null;
  const cancelled = e instanceof TaskError && e.reason === 'cancelled';
  estimateStore.getState().set(tier, {
    running: false,
    error: cancelled ? null : (e as Error).message,
  });
  return null;
}

function runInstant(scenario: Scenario): Promise<RunResult | null> {
  const controller = new AbortController();
  controllers.instant = controller;
  const key = estimateKey(scenario);
  estimateStore.getState().set('instant', { running: true, progress: 0 });
  const started = performance.now();
  return computePool()
    .run(
      'estimate.run',
      { scenario, tier: 'instant', appVersion: pkg.version },
      {
        priority: 'live',
        signal: controller.signal,
        label: 'Instant estimate',
        deadlineMs: 60_000,
        onProgress: (p) => estimateStore.getState().set('instant', { progress: p.fraction }),
      },
    )
    .then((result) => {
      if (controllers.instant !== controller) return null;
      estimateStore.getState().set('instant', {
        result,
        resultFor: key,
        running: false,
        progress: 1,
        error: null,
        elapsedMs: performance.now() - started,
      });
      return result;
    })
    .catch((e: unknown) => fail('instant', controller, e));
}

/** The full tier, split over every worker of the pool; partial results merge as they come. */
function runFull(scenario: Scenario): Promise<RunResult | null> {
  controllers.full?.abort();
  const controller = new AbortController();
  controllers.full = controller;
  const key = estimateKey(scenario);
  estimateStore.getState().set('full', { running: true, progress: 0 });
  const started = performance.now();
  const count = Math.max(1, computePool().size);
  const parts: (RunResult | null)[] = Array.from({ length: count }, () => null);
  const publish = () => {
    const have = parts.filter((p): p is RunResult => p !== null);
    if (have.length === 0 || controllers.full !== controller) return;
    // a shard's result marks every fibre it has not solved (the other shards' too) as pending
    const partial = mergeShards(have);
    estimateStore.getState().set('full', {
      result: partial,
      resultFor: key,
      progress: partial.progress ? partial.progress.doneFibres / partial.progress.totalFibres : 1,
    });
  };
  const shards = parts.map((_p, index) =>
    computePool()
      .run(
        'estimate.run',
        {
          scenario,
          tier: 'full',
          appVersion: pkg.version,
          ...(count > 1 ? { shard: { index, count } } : {}),
        },
        {
          priority: 'background',
          signal: controller.signal,
          label: count > 1 ? `Full model (${index + 1} of ${count})` : 'Full-model estimate',
          deadlineMs: 600_000,
          onProgress: (p) => {
            if (p.partial) {
              parts[index] = p.partial as RunResult;
              publish();
            }
          },
        },
      )
      .then((r) => {
        parts[index] = r;
        publish();
        return r;
      }),
  );
  return Promise.all(shards)
    .then(() => {
      if (controllers.full !== controller) return null;
      const result = mergeShards(parts as RunResult[]);
      estimateStore.getState().set('full', {
        result,
        resultFor: key,
        running: false,
        progress: 1,
        error: null,
        elapsedMs: performance.now() - started,
      });
      controllers.full = null;
      fillContactTable(scenario);
      return result;
    })
    .catch((e: unknown) => {
      controller.abort();
      return fail('full', controller, e);
    });
}

// contact tables asked for (or filled) in this page, by what decides a table: anatomy,
// conductivities and the leads' contact sizes (not their poses)
const tablesAsked = new Set<string>();

function tableSignature(s: Scenario): string {
  return JSON.stringify([
    s.anatomy,
    s.model.conductivityPreset,
    s.leads.map((l) => [l.catalogId, l.overrides]),
  ]);
}

/**
 * Once a plan's full estimate is in, the workers solve its leads' contact table in the
 * background (workers/estimate.tasks.ts `estimate.fillTable`): from then on the instant tier
 * answers moves across the section from the table, without a solve.
 */
function fillContactTable(scenario: Scenario): void {
  const sig = tableSignature(scenario);
  if (tablesAsked.has(sig)) return;
  tablesAsked.add(sig);
  estimateStore.getState().setTable({ filling: true });
  void computePool()
    .run(
      'estimate.fillTable',
      { scenario },
      {
        priority: 'background',
        label: 'Contact table for lead moves',
        deadlineMs: 600_000,
        onProgress: (p) => estimateStore.getState().setTable({ progress: p.fraction }),
      },
    )
    .then((r) => estimateStore.getState().setTable({ filling: false, progress: 1, result: r }))
    .catch(() => {
      // asked again after the next full estimate (a pre-empted task is requeued by the pool)
      tablesAsked.delete(sig);
      estimateStore.getState().setTable({ filling: false });
    });
}

/** Drives both tiers from the planner's plan; mount once in the Plan area. */
export function useEstimateDriver(): void {
  const scenario = usePlanner((s) => s.scenario);
  const settled = useEstimates((s) => s.settled);
  useEffect(() => {
    // a full run for an earlier plan is stopped at once: its workers serve the instant tier
    cancelStaleFull(scenario);
    // coalesce bursts of edits (a drag fires many) into one instant run per frame
    const frame = requestAnimationFrame(() => requestEstimate(scenario, 'instant'));
    return () => cancelAnimationFrame(frame);
  }, [scenario]);
  useEffect(() => {
    if (!settled) return;
    const timer = setTimeout(() => requestEstimate(scenario, 'full'), 400);
    return () => clearTimeout(timer);
  }, [scenario, settled]);
}
