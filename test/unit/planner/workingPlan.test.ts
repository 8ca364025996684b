/**
 * Issue #17 item 4: the planner's working plan is kept across reloads. It is written a pause
 * after a change and at once on flush, read back through the scenario schema, and a damaged
 * stored plan leaves the default plan with a message naming the field (nothing throws).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand';
import { defaultScenario, type Scenario } from '../../../models/scenario.ts';
import { flushPendingEdits } from '../../../src/storage/flush.ts';
import type { KeyValueStorage } from '../../../src/storage/pendingEdits.ts';
import type { PlannerState } from '../../../src/planner/store.ts';
import {
  WORKING_PLAN_KEY,
  readWorkingPlan,
  startWorkingPlan,
  writeWorkingPlan,
} from '../../../src/planner/workingPlan.ts';

class MemoryStorage implements KeyValueStorage {
  items = new Map<string, string>();
  writes = 0;
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.writes++;
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}

/** A planner store of the same shape as plannerStore, fresh for each test. */
function testStore(initial: Scenario = defaultScenario('SCS')) {
  return createStore<PlannerState>((set) => ({
    scenario: initial,
    savedId: null,
    loadIssues: [],
    loadIssuesSource: '',
    setScenario: (scenario, savedId = null) => set({ scenario, savedId, loadIssues: [] }),
    update: (fn) => {
      set((s) => ({ scenario: fn(s.scenario) }));
      return [];
    },
    newScenario: (therapy) => set({ scenario: defaultScenario(therapy), savedId: null }),
    rejectLoad: (source, issues) => set({ loadIssues: issues, loadIssuesSource: source }),
    clearIssues: () => set({ loadIssues: [] }),
  }));
}

const stops: Array<() => void> = [];
afterEach(() => {
  for (const s of stops.splice(0)) s();
  vi.useRealTimers();
});

describe('working plan', () => {
  it('a changed plan is written after the pause, once for a burst of changes', () => {
    vi.useFakeTimers();
    const storage = new MemoryStorage();
    const store = testStore();
    stops.push(startWorkingPlan({ store, storage, delayMs: 300 }));
    for (const amplitudeMa of [1, 2, 3.5]) {
      store.getState().update((s) => ({ ...s, program: { ...s.program, amplitudeMa } }));
    }
    expect(storage.writes).toBe(0);
    vi.advanceTimersByTime(299);
    expect(storage.writes).toBe(0);
    vi.advanceTimersByTime(1);
    expect(storage.writes).toBe(1);
    const back = readWorkingPlan(storage);
    expect(back.kind === 'restored' && back.scenario.program.amplitudeMa).toBe(3.5);
  });

  it('a flush (pagehide) writes the pending change at once', async () => {
    const storage = new MemoryStorage();
    const store = testStore();
    stops.push(startWorkingPlan({ store, storage, delayMs: 60_000 }));
    store.getState().update((s) => ({ ...s, name: 'T8 trial, left' }));
    await flushPendingEdits();
    const back = readWorkingPlan(storage);
    expect(back.kind === 'restored' && back.scenario.name).toBe('T8 trial, left');
  });

  it('restores the plan and its saved id into a new store (a reload)', () => {
    const storage = new MemoryStorage();
    const plan = { ...defaultScenario('DRG'), name: 'L4 DRG' };
    writeWorkingPlan({ scenario: plan, savedId: 'scn-1' }, storage);
    const store = testStore();
    stops.push(startWorkingPlan({ store, storage }));
    expect(store.getState().scenario.therapy).toBe('DRG');
    expect(store.getState().scenario.name).toBe('L4 DRG');
    expect(store.getState().savedId).toBe('scn-1');
    expect(store.getState().loadIssues).toEqual([]);
  });

  it('a damaged stored plan: the default plan stays, the field is named, the entry removed', () => {
    const storage = new MemoryStorage();
    const bad = structuredClone(defaultScenario('SCS')) as unknown as {
      program: { amplitudeMa: unknown };
    };
    bad.program.amplitudeMa = 'loud';
    storage.setItem(
      WORKING_PLAN_KEY,
      JSON.stringify({ kind: 'neuromod-working-plan', savedAt: 1, savedId: null, scenario: bad }),
    );
    const store = testStore();
    const before = store.getState().scenario;
    const messages: string[] = [];
    stops.push(startWorkingPlan({ store, storage, onRefused: (m) => messages.push(m) }));
    expect(store.getState().scenario).toBe(before);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/could not be restored \(scenario\.program\.amplitudeMa: /);
    expect(messages[0]).toMatch(/a new default plan is open/);
    expect(store.getState().loadIssues[0]?.path).toBe('scenario.program.amplitudeMa');
    expect(storage.getItem(WORKING_PLAN_KEY)).toBeNull();
  });

  it.each([
    ['not JSON', '{"kind": "neuromod-working-plan", '],
    ['another kind of data', '[1, 2, 3]'],
    ['too deep', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['too large', JSON.stringify({ kind: 'neuromod-working-plan', pad: 'x'.repeat(600_000) })],
  ])('%s: refused with a message, nothing thrown', (_what, text) => {
    const storage = new MemoryStorage();
    storage.setItem(WORKING_PLAN_KEY, text);
    const read = readWorkingPlan(storage);
    expect(read.kind).toBe('refused');
    expect(read.kind === 'refused' && read.message).toMatch(/could not be restored/);
  });

  it('stopping writes what is pending and then no longer follows the store', () => {
    vi.useFakeTimers();
    const storage = new MemoryStorage();
    const store = testStore();
    const stop = startWorkingPlan({ store, storage, delayMs: 300 });
    store.getState().update((s) => ({ ...s, name: 'A' }));
    stop();
    expect(storage.writes).toBe(1);
    store.getState().update((s) => ({ ...s, name: 'B' }));
    vi.advanceTimersByTime(1000);
    expect(storage.writes).toBe(1);
  });
});
