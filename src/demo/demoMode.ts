/**
 * Demo mode: a presentation layout in which patient records are hidden and locked. The flag
 * lives in the `settings` table (key `demoMode`) so it survives reloads; `useDemoMode()` is
 * the one way to read it (the Patients area reads it to lock its records).
 */
import { useSyncExternalStore } from 'react';
import { appDb, type NeuromodDb } from '../storage/db.ts';
import './demo.css';

export const DEMO_MODE_KEY = 'demoMode';

let current = false;
let loaded = false;
/** Bumped on every change of `current` or `loaded`, so the hook's snapshot changes with either. */
let version = 0;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

function apply(on: boolean) {
  current = on;
  version++;
  if (typeof document !== 'undefined') document.documentElement.classList.toggle('demo-mode', on);
  for (const l of listeners) l();
}

export async function readDemoMode(db: NeuromodDb = appDb()): Promise<boolean> {
  const rec = await db.settings.get(DEMO_MODE_KEY);
  return rec?.value === true;
}

/** Turns demo mode on or off and stores the choice. */
export async function setDemoMode(on: boolean, db: NeuromodDb = appDb()): Promise<void> {
  loaded = true;
  apply(on);
  await db.settings.put({ key: DEMO_MODE_KEY, value: on });
}

function ensureLoaded() {
  if (loaded || loading) return;
  loading = readDemoMode()
    .then((on) => {
      // a choice made meanwhile (a presentation link on arrival) wins over the stored one
      if (loaded) return;
      loaded = true;
      apply(on);
    })
    .catch(() => {
      loaded = true;
      version++;
      for (const l of listeners) l();
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
  useSyncExternalStore(subscribe, () => version);
  return { demoMode: current, known: loaded, setDemoMode };
}
