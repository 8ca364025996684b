/**
 * Demo mode: a presentation layout in which patient records are hidden and locked. The flag
 * lives in the `settings` table (key `demoMode`) so it survives reloads; `useDemoMode()` is
 * the one way to read it (the Patients area reads it to lock its records).
 */
import { useSyncExternalStore } from 'react';
import { appDb, type NeuromodDb } from '../storage/db.ts';
import './demo.css';

export const DEMO_MODE_KEY = 'demoMode';

/** The one snapshot the hook reads: replaced (never mutated) on every change. */
type DemoState = { demoMode: boolean; known: boolean };
let state: DemoState = { demoMode: false, known: false };
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

function publish(next: DemoState) {
  state = next;
  if (typeof document !== 'undefined')
    document.documentElement.classList.toggle('demo-mode', next.demoMode);
  for (const l of listeners) l();
}

export async function readDemoMode(db: NeuromodDb = appDb()): Promise<boolean> {
  const rec = await db.settings.get(DEMO_MODE_KEY);
  return rec?.value === true;
}

/** Turns demo mode on or off and stores the choice. */
export async function setDemoMode(on: boolean, db: NeuromodDb = appDb()): Promise<void> {
  publish({ demoMode: on, known: true });
  await db.settings.put({ key: DEMO_MODE_KEY, value: on });
}

function ensureLoaded() {
  if (state.known || loading) return;
  loading = readDemoMode()
    .then((on) => {
      // a choice made meanwhile (a presentation link on arrival) wins over the stored one
      if (!state.known) publish({ demoMode: on, known: true });
    })
    .catch(() => {
      if (!state.known) publish({ demoMode: false, known: true });
    });
}

function subscribe(cb: () => void) {
  listeners.add(cb);
  ensureLoaded();
  return () => listeners.delete(cb);
}

/**
 * Whether demo mode is on (false until the stored setting is read), whether the stored setting
 * is known yet (`known`; until then a reader of patient records shows nothing, so a reload in
 * demo mode never flashes a record), and a setter.
 */
export function useDemoMode(): {
  demoMode: boolean;
  known: boolean;
  setDemoMode: (on: boolean) => Promise<void>;
} {
  const { demoMode, known } = useSyncExternalStore(subscribe, () => state);
  return { demoMode, known, setDemoMode };
}
