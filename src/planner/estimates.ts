/**
 * Keeps the estimates in step with the scenario: the instant tier while the user edits or drags
 * (live priority; a newer request supersedes an older one), the full tier once the scenario
 * has settled (background priority; cancelled when superseded).
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import { canonicalJson, type Scenario } from '../../models/scenario.ts';
import type { RunResult } from '../../models/pipeline.ts';
import { firesAt } from '../../models/neuron/populationRun.ts';
import { computePool } from '../compute/client.ts';
import { TaskError } from '../compute/pool.ts';
import { usePlanner } from './store.ts';
import pkg from '../../package.json';

export type Tier = 'instant' | 'full';

export interface TierState {
  result: RunResult | null;
  /** canonical JSON of the scenario the result belongs to */
  resultFor: string | null;
  running: boolean;
  progress: number;
  error: string | null;
  /** wall time of the last completed run, ms */
  elapsedMs: number | null;
}

interface EstimateState {
  instant: TierState;
  full: TierState;
  /** false while the user drags: the full tier waits for the release */
  settled: boolean;
  set(tier: Tier, patch: Partial<TierState>): void;
}

const empty: TierState = {
  result: null,
  resultFor: null,
  running: false,
  progress: 0,
  error: null,
  elapsedMs: null,
};

export const useEstimates = create<EstimateState>((set) => ({
  instant: empty,
  full: empty,
  settled: true,
  set: (tier, patch) =>
    set((s) => ({ [tier]: { ...s[tier], ...patch } }) as Partial<EstimateState>),
}));

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

const controllers: Record<Tier, AbortController | null> = { instant: null, full: null };
/** an instant request that arrived while one was running: only the newest is kept */
let pendingInstant: Scenario | null = null;
let lastKey: Record<Tier, string | null> = { instant: null, full: null };

/**
 * Requests an estimate. The instant tier never interrupts itself (restarting a worker costs
 * more than finishing a run): a newer request waits and only the newest runs. The full tier is
 * cancelled and restarted when superseded.
 */
export function requestEstimate(scenario: Scenario, tier: Tier): void {
  const key = estimateKey(scenario);
  const st = useEstimates.getState()[tier];
  if (lastKey[tier] === key && (st.running || st.resultFor === key)) return;
  if (tier === 'instant' && st.running) {
    pendingInstant = scenario;
    return;
  }
  lastKey[tier] = key;
  void runEstimate(scenario, tier).then(() => {
    if (tier === 'instant' && pendingInstant) {
      const next = pendingInstant;
      pendingInstant = null;
      requestEstimate(next, 'instant');
    }
  });
}

/** Forgets what was requested (tests, a new plan). */
export function resetEstimates(): void {
  lastKey = { instant: null, full: null };
  pendingInstant = null;
}

function runEstimate(scenario: Scenario, tier: Tier): Promise<RunResult | null> {
  controllers[tier]?.abort();
  const controller = new AbortController();
  controllers[tier] = controller;
  const key = estimateKey(scenario);
  const store = useEstimates.getState();
  store.set(tier, { running: true, progress: 0, error: null });
  const started = performance.now();
  return computePool()
    .run<RunResult>(
      'estimate.run',
      { scenario, tier, appVersion: pkg.version },
      {
        priority: tier === 'instant' ? 'live' : 'background',
        signal: controller.signal,
        label: tier === 'instant' ? 'Instant estimate' : 'Full-model estimate',
        // the pipeline is synchronous: a superseded run is stopped by replacing its worker
        cancelGraceMs: 0,
        deadlineMs: tier === 'instant' ? 60_000 : 600_000,
        onProgress: (p) => useEstimates.getState().set(tier, { progress: p.fraction }),
      },
    )
    .then((result) => {
      if (controllers[tier] !== controller) return null;
      useEstimates.getState().set(tier, {
        result,
        resultFor: key,
        running: false,
        progress: 1,
        elapsedMs: performance.now() - started,
      });
      return result;
    })
    .catch((e: unknown) => {
      if (controllers[tier] !== controller) return null;
      lastKey[tier] = null;
      const cancelled = e instanceof TaskError && e.reason === 'cancelled';
      useEstimates.getState().set(tier, {
        running: false,
        error: cancelled ? null : (e as Error).message,
      });
      return null;
    });
}

/** Drives both tiers from the planner's scenario; mount once in the Plan area. */
export function useEstimateDriver(): void {
  const scenario = usePlanner((s) => s.scenario);
  const settled = useEstimates((s) => s.settled);
  useEffect(() => {
    // coalesce bursts of edits (a drag fires many) into one instant run per frame
    const frame = requestAnimationFrame(() => requestEstimate(scenario, 'instant'));
    return () => cancelAnimationFrame(frame);
  }, [scenario]);
  useEffect(() => {
    if (!settled) return;
    const timer = setTimeout(() => requestEstimate(scenario, 'full'), 800);
    return () => clearTimeout(timer);
  }, [scenario, settled]);
}
