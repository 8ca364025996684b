/**
 * The planner's plan, as a framework-free store (zustand vanilla; React reads it through
 * usePlanner). Every change goes through an intent: the generic `update` (the result is
 * validated once, here, and refused with its issues when invalid) or a typed one built on it.
 */
import { createStore, useStore } from 'zustand';
import {
  defaultScenario,
  parseScenario,
  type FieldIssue,
  type Scenario,
  type Therapy,
} from '../../models/scenario.ts';
import { findLead } from '../../models/devices/index.ts';
import { defaultPlacement } from '../../models/estimate/placement.ts';

/** A new plan for a therapy, its leads placed by the planner's rules (on the dura, on the ganglion, near the nerve). */
export function newPlan(therapy: Therapy): Scenario {
  const s = defaultScenario(therapy);
  const leads = s.leads.map((l, i) => {
    const entry = findLead(l.catalogId);
    return entry ? defaultPlacement({ ...s, leads: s.leads.slice(0, i) }, entry, l.id, i) : l;
  });
  return { ...s, leads };
}

export interface PlannerState {
  scenario: Scenario;
  /** id of the stored record this scenario was opened from / saved to */
  savedId: string | null;
  /** field-level problems of the last rejected load (file, link or record) */
  loadIssues: FieldIssue[];
  loadIssuesSource: string;
  setScenario(s: Scenario, savedId?: string | null): void;
  /** Applies a change; the result is validated and refused (with issues) when invalid. */
  update(fn: (draft: Scenario) => Scenario): FieldIssue[];
  newScenario(therapy: Therapy): void;
  rejectLoad(source: string, issues: FieldIssue[]): void;
  clearIssues(): void;
}

export const plannerStore = createStore<PlannerState>((set, get) => ({
  scenario: newPlan('SCS'),
  savedId: null,
  loadIssues: [],
  loadIssuesSource: '',
  setScenario: (scenario, savedId = null) => set({ scenario, savedId, loadIssues: [] }),
  update: (fn) => {
    // intents build a new object and never mutate the current plan, so no clone is needed
    const next = parseScenario(fn(get().scenario));
    if (!next.ok) return next.issues;
    set({ scenario: next.value });
    return [];
  },
  newScenario: (therapy) =>
    set({ scenario: defaultScenario(therapy), savedId: null, loadIssues: [] }),
  rejectLoad: (source, issues) => set({ loadIssues: issues, loadIssuesSource: source }),
  clearIssues: () => set({ loadIssues: [] }),
}));

export function usePlanner<T>(selector: (s: PlannerState) => T): T {
  return useStore(plannerStore, selector);
}
usePlanner.getState = plannerStore.getState;
usePlanner.setState = plannerStore.setState;
usePlanner.subscribe = plannerStore.subscribe;

/** Typed intents on the plan (each one validated by `update`). */
export const intents = {
  setAmplitude: (amplitudeMa: number) =>
    plannerStore.getState().update((s) => ({ ...s, program: { ...s.program, amplitudeMa } })),
  setPulseWidth: (pulseWidthUs: number) =>
    plannerStore.getState().update((s) => ({ ...s, program: { ...s.program, pulseWidthUs } })),
  setRate: (rateHz: number) =>
    plannerStore.getState().update((s) => ({ ...s, program: { ...s.program, rateHz } })),
  setTherapy: (therapy: Therapy) => plannerStore.getState().newScenario(therapy),
};
