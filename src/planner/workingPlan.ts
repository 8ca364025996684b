/**
 * The planner's working plan, kept across reloads: the current scenario (and the saved record
 * it came from) is written to localStorage a short pause after each change and at once when
 * the page is hidden or left (storage/flush.ts), and read back at start through the scenario
 * schema. A stored plan that fails the schema (damaged, edited by hand, from a future version)
 * is removed and refused with a message naming the fields; the default plan stays.
 *
 * It only subscribes to the planner store (store.ts), which knows nothing of it. localStorage
 * rather than IndexedDB because its write is synchronous: it completes during `pagehide`.
 */
import type { StoreApi } from 'zustand';
import {
  canonicalJson,
  parseScenario,
  type FieldIssue,
  type Scenario,
} from '../../models/scenario.ts';
import { parseJsonWithinLimits } from '../../models/limits.ts';
import { reportStorageProblem } from '../storage/db.ts';
import { registerFlush } from '../storage/flush.ts';
import type { KeyValueStorage } from '../storage/pendingEdits.ts';
import { plannerStore, type PlannerState } from './store.ts';

export const WORKING_PLAN_KEY = 'neuromod.workingPlan';
/** Pause after the last change before the plan is written (a slider drag writes once). */
export const WORKING_PLAN_DELAY_MS = 300;
/** Largest stored plan read back: a scenario is ≈ 10 KB of JSON (models/limits.ts). */
export const MAX_WORKING_PLAN_BYTES = 512 * 1024;

interface StoredWorkingPlan {
  kind: 'neuromod-working-plan';
  savedAt: number;
  savedId: string | null;
  scenario: Scenario;
}

export type WorkingPlanRead =
  | { kind: 'none' }
  | { kind: 'restored'; scenario: Scenario; savedId: string | null }
  | { kind: 'refused'; issues: FieldIssue[]; message: string };

function refused(issues: FieldIssue[]): WorkingPlanRead {
  const listed = issues
    .slice(0, 3)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ');
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return {
    kind: 'refused',
    issues,
    message: `The working plan kept from the last visit could not be restored (${listed}${more}); a new default plan is open instead.`,
  };
}

/** Reads the stored working plan through the limits and the scenario schema (pure over `storage`). */
export function readWorkingPlan(storage: KeyValueStorage): WorkingPlanRead {
  let text: string | null;
  try {
    text = storage.getItem(WORKING_PLAN_KEY);
  } catch {
    return { kind: 'none' };
  }
  if (text === null) return { kind: 'none' };
  const json = parseJsonWithinLimits(text, { maxBytes: MAX_WORKING_PLAN_BYTES });
  if (!json.ok)
    return refused(json.issues.map((i) => ({ path: i.path || '(plan)', message: i.message })));
  const stored = json.value as Partial<StoredWorkingPlan> | null;
  if (typeof stored !== 'object' || stored === null || stored.kind !== 'neuromod-working-plan') {
    return refused([{ path: '(plan)', message: 'not a stored working plan' }]);
  }
  const parsed = parseScenario(stored.scenario);
  if (!parsed.ok) {
    return refused(parsed.issues.map((i) => ({ path: `scenario.${i.path}`, message: i.message })));
  }
  const savedId = typeof stored.savedId === 'string' ? stored.savedId : null;
  return { kind: 'restored', scenario: parsed.value, savedId };
}

/** Writes the working plan; false when the browser refused (quota, storage disabled). */
export function writeWorkingPlan(
  state: Pick<PlannerState, 'scenario' | 'savedId'>,
  storage: KeyValueStorage,
  now = Date.now(),
): boolean {
  const stored: StoredWorkingPlan = {
    kind: 'neuromod-working-plan',
    savedAt: now,
    savedId: state.savedId,
    scenario: state.scenario,
  };
  try {
    storage.setItem(WORKING_PLAN_KEY, JSON.stringify(stored));
    return true;
  } catch {
    return false;
  }
}

export interface WorkingPlanOptions {
  store?: StoreApi<PlannerState>;
  storage?: KeyValueStorage | null;
  delayMs?: number;
  /** where a refusal is said app-wide (the storage banner by default) */
  onRefused?: (message: string) => void;
}

function browserStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * Restores the working plan into the store, then keeps it: a debounced write after each
 * change of the scenario or its saved id, and an immediate one on flush. Returns the function
 * that stops it (and writes what is pending).
 */
export function startWorkingPlan(options: WorkingPlanOptions = {}): () => void {
  const store = options.store ?? plannerStore;
  const storage = options.storage === undefined ? browserStorage() : options.storage;
  const delayMs = options.delayMs ?? WORKING_PLAN_DELAY_MS;
  const onRefused =
    options.onRefused ?? ((message) => reportStorageProblem({ kind: 'plan-refused', message }));
  if (!storage) return () => undefined;

  const read = readWorkingPlan(storage);
  if (read.kind === 'restored') store.getState().setScenario(read.scenario, read.savedId);
  else if (read.kind === 'refused') {
    try {
      storage.removeItem(WORKING_PLAN_KEY);
    } catch {
      // the next write replaces it anyway
    }
    store.getState().rejectLoad('working plan kept from the last visit', read.issues);
    onRefused(read.message);
  }

  let written = read.kind === 'restored' ? canonicalJson([read.scenario, read.savedId]) : '';
  let timer: ReturnType<typeof setTimeout> | null = null;
  const writeNow = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const { scenario, savedId } = store.getState();
    const key = canonicalJson([scenario, savedId]);
    if (key === written) return;
    if (writeWorkingPlan({ scenario, savedId }, storage)) written = key;
  };
  const unsubscribe = store.subscribe((next, previous) => {
    if (next.scenario === previous.scenario && next.savedId === previous.savedId) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(writeNow, delayMs);
  });
  const unregister = registerFlush(writeNow);
  return () => {
    writeNow();
    unsubscribe();
    unregister();
  };
}

let started = false;

/** Starts the working plan once per page (the planner area calls it when its code loads). */
export function ensureWorkingPlan(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  startWorkingPlan();
}
