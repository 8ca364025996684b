import { useSyncExternalStore } from 'react';
import { ComputePool, defaultPoolSize, type PoolSnapshot } from './pool.ts';

export function createComputeWorker(): Worker {
  return new Worker(new URL('../../workers/compute.worker.ts', import.meta.url), {
    type: 'module',
    name: 'neuromod-compute',
  });
}

let pool: ComputePool | null = null;

/** The app's compute pool, created on first use: one worker per core (at most 8). */
export function computePool(): ComputePool {
  pool ??= new ComputePool(createComputeWorker, defaultPoolSize());
  return pool;
}

let latest: PoolSnapshot | null = null;
const subscribers = new Set<() => void>();
let unsubscribePool: (() => void) | null = null;

function subscribe(cb: () => void): () => void {
  subscribers.add(cb);
  unsubscribePool ??= computePool().subscribe((s) => {
    latest = s;
    for (const fn of subscribers) fn();
  });
  return () => subscribers.delete(cb);
}

/** React binding: the pool's current state (what the status bar shows). */
export function usePoolSnapshot(): PoolSnapshot {
  return useSyncExternalStore(subscribe, () => latest ?? computePool().snapshot());
}
