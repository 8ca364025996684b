/**
 * The compute pool: comlink module workers, a priority queue, cancellation through
 * AbortSignal, progress callbacks, and recovery (a worker that throws, crashes or passes its
 * deadline is replaced and its task rejected with a clear error).
 *
 * Priorities: `live` (feedback while the user drags) > `normal` > `background`. A live task
 * that finds every worker busy pre-empts a background task: that worker is replaced and the
 * background task goes back to the queue to start again.
 */
import * as Comlink from 'comlink';
import type { ComputeWorkerApi, TaskProgress } from '../../workers/protocol.ts';
import type { TaskKind, TaskPayload, TaskResult } from '../../workers/tasks.ts';

export type TaskPriority = 'live' | 'normal' | 'background';
const PRIORITY_RANK: Record<TaskPriority, number> = { live: 0, normal: 1, background: 2 };

export interface TaskOptions {
  priority?: TaskPriority;
  signal?: AbortSignal;
  onProgress?: (p: TaskProgress) => void;
  /** the task fails (and its worker is replaced) when it runs longer than this */
  deadlineMs?: number;
  /** a short name for the status bar */
  label?: string;
  /**
   * How long a cancelled task may take to reach its next checkpoint before its worker is
   * replaced; 0 replaces it at once (for synchronous solvers that never check).
   */
  cancelGraceMs?: number;
}

export class TaskError extends Error {
  constructor(
    message: string,
    readonly reason: 'cancelled' | 'failed' | 'crashed' | 'timeout' | 'disposed',
  ) {
    super(message);
    this.name = 'TaskError';
  }
}

export interface PoolTaskInfo {
  id: number;
  kind: string;
  label: string;
  priority: TaskPriority;
  state: 'queued' | 'running';
  fraction: number;
  message?: string;
  startedAt?: number;
}

export interface PoolSnapshot {
  size: number;
  busy: number;
  queued: number;
  tasks: PoolTaskInfo[];
  /** workers replaced after a crash, throw or timeout since the pool started */
  replacedWorkers: number;
  lastError?: string;
}

interface Slot {
  index: number;
  worker: Worker;
  api: Comlink.Remote<ComputeWorkerApi>;
  task: Task | null;
  onCrash: (message: string) => void;
}

interface Task {
  id: number;
  kind: string;
  payload: unknown;
  options: TaskOptions;
  priority: TaskPriority;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  info: PoolTaskInfo;
  slot: Slot | null;
  timer?: ReturnType<typeof setTimeout>;
  settled: boolean;
  cancelGraceTimer?: ReturnType<typeof setTimeout>;
}

export type WorkerFactory = () => Worker;

export function defaultPoolSize(): number {
  // every core: the full tier is split over all workers, and the main thread mostly waits
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, Math.min(cores, 8));
}

/**
 * Restarts of one worker slot in a row without a task finishing in between: the first is at
 * once, then after RESTART_BACKOFF_MS doubling each time; past MAX_CONSECUTIVE_RESTARTS the
 * slot stays down (nominal values: a worker that cannot load fails within milliseconds, so
 * five tries over ~1.5 s tell a broken build from a passing fault).
 */
export const MAX_CONSECUTIVE_RESTARTS = 5;
export const RESTART_BACKOFF_MS = 100;

/** A cancelled task gets this long to reach its next checkpoint before its worker is replaced. */
const CANCEL_GRACE_MS = 1500;
const DEFAULT_DEADLINE_MS = 120_000;

export class ComputePool {
  private slots: Slot[] = [];
  private queue: Task[] = [];
  private nextId = 1;
  private listeners = new Set<(s: PoolSnapshot) => void>();
  private replaced = 0;
  private lastError: string | undefined;
  private disposed = false;
  /** restarts in a row per slot index (reset when a task on it finishes) */
  private failuresInRow = new Map<number, number>();
  /** slot indices waiting out a back-off or given up on */
  private down = new Set<number>();
  private stopped: string | null = null;

  constructor(
    private readonly createWorker: WorkerFactory,
    readonly size: number = defaultPoolSize(),
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn(i));
  }

  private spawn(index: number): Slot {
    const worker = this.createWorker();
    const slot: Slot = {
      index,
      worker,
      api: Comlink.wrap<ComputeWorkerApi>(worker),
      task: null,
      onCrash: () => {},
    };
    slot.onCrash = (message: string) => {
      if (this.slots[index] !== slot || this.down.has(index)) return;
      const task = slot.task;
      this.replaceSlot(slot, true, message);
      if (task)
        this.settle(
          task,
          new TaskError(`worker crashed while running "${task.info.label}": ${message}`, 'crashed'),
        );
      this.pump();
    };
    worker.addEventListener('error', (ev: ErrorEvent) => {
      ev.preventDefault?.();
      slot.onCrash(ev.message || 'uncaught error in worker');
    });
    worker.addEventListener('messageerror', () => slot.onCrash('a message could not be decoded'));
    return slot;
  }

  /** Terminates a slot's worker and starts a fresh one; `failure` counts it as a restart the user sees. */
  private replaceSlot(slot: Slot, failure = true, reason = ''): void {
    slot.worker.terminate();
    slot.api[Comlink.releaseProxy]?.();
    slot.task = null;
    if (this.disposed) return;
    if (!failure) {
      this.slots[slot.index] = this.spawn(slot.index);
      return;
    }
    this.replaced += 1;
    const inRow = (this.failuresInRow.get(slot.index) ?? 0) + 1;
    this.failuresInRow.set(slot.index, inRow);
    if (inRow === 1) {
      this.slots[slot.index] = this.spawn(slot.index);
      return;
    }
    this.down.add(slot.index);
    if (inRow > MAX_CONSECUTIVE_RESTARTS) {
      if (this.down.size === this.slots.length) this.stop(inRow - 1, reason);
      return;
    }
    setTimeout(
      () => {
        if (this.disposed || this.stopped) return;
        this.down.delete(slot.index);
        this.slots[slot.index] = this.spawn(slot.index);
        this.pump();
      },
      RESTART_BACKOFF_MS * 2 ** (inRow - 2),
    );
  }

  /** Every slot gave up: say so, and fail what waits instead of restarting for ever. */
  private stop(restarts: number, reason: string): void {
    this.stopped = `The compute workers stopped after ${restarts} failed restarts in a row${reason ? ` (last error: ${reason})` : ''}. Estimates are unavailable until the page is reloaded.`;
    this.lastError = this.stopped;
    for (const t of [...this.queue]) this.settle(t, new TaskError(this.stopped, 'failed'));
    this.queue = [];
    this.emit();
  }

  /** Runs a task on a worker; the promise rejects with a TaskError on cancel, failure, crash or timeout. */
  run<K extends TaskKind>(
    kind: K,
    payload: TaskPayload<K>,
    options: TaskOptions = {},
  ): Promise<TaskResult<K>> {
    return this.runUntyped<TaskResult<K>>(kind, payload, options);
  }

  /** The untyped entry (pool tests with fake workers); the app goes through `run`. */
  runUntyped<T>(kind: string, payload: unknown, options: TaskOptions = {}): Promise<T> {
    if (this.disposed)
      return Promise.reject(new TaskError('the compute pool was shut down', 'disposed'));
    if (this.stopped) return Promise.reject(new TaskError(this.stopped, 'failed'));
    const priority = options.priority ?? 'normal';
    return new Promise<T>((resolve, reject) => {
      const id = this.nextId++;
      const task: Task = {
        id,
        kind,
        payload,
        options,
        priority,
        resolve: resolve as (v: unknown) => void,
        reject,
        slot: null,
        settled: false,
        info: { id, kind, label: options.label ?? kind, priority, state: 'queued', fraction: 0 },
      };
      const signal = options.signal;
      if (signal?.aborted) {
        reject(new TaskError(`"${task.info.label}" was cancelled`, 'cancelled'));
        return;
      }
      signal?.addEventListener('abort', () => this.cancel(task), { once: true });
      this.enqueue(task);
      this.pump();
    });
  }

  private enqueue(task: Task, front = false): void {
    task.info.state = 'queued';
    task.info.fraction = 0;
    const rank = PRIORITY_RANK[task.priority];
    let at = this.queue.findIndex((t) =>
      front ? PRIORITY_RANK[t.priority] >= rank : PRIORITY_RANK[t.priority] > rank,
    );
    if (at < 0) at = this.queue.length;
    this.queue.splice(at, 0, task);
    this.emit();
  }

  private pump(): void {
    if (this.disposed) return;
    while (this.queue.length > 0) {
      const free = this.slots.find((s) => s.task === null && !this.down.has(s.index));
      const next = this.queue[0]!;
      if (free) {
        this.queue.shift();
        this.start(free, next);
        continue;
      }
      // every worker is busy: a live task pre-empts the lowest-priority background task
      if (next.priority === 'live') {
        const victim = this.slots
          // a task already cancelled stops at its next checkpoint: wait for it, do not replace
          .filter((s) => s.task && s.task.priority === 'background' && !s.task.cancelGraceTimer)
          .sort((a, b) => (b.task!.info.startedAt ?? 0) - (a.task!.info.startedAt ?? 0))[0];
        if (victim?.task) {
          const preempted = victim.task;
          this.clearTimers(preempted);
          preempted.slot = null;
          this.replaceSlot(victim, false); // a pre-emption is not a failure
          this.enqueue(preempted, true);
          continue;
        }
      }
      break;
    }
    this.emit();
  }

  private start(slot: Slot, task: Task): void {
    slot.task = task;
    task.slot = slot;
    task.info.state = 'running';
    task.info.startedAt = performance.now();
    const deadlineMs = task.options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    task.timer = setTimeout(() => {
      if (task.slot !== slot || task.settled) return;
      this.replaceSlot(slot);
      this.settle(
        task,
        new TaskError(
          `"${task.info.label}" did not finish within ${(deadlineMs / 1000).toFixed(1)} s; its worker was restarted`,
          'timeout',
        ),
      );
      this.pump();
    }, deadlineMs);
    const onProgress = Comlink.proxy((p: TaskProgress) => {
      if (task.settled || task.slot !== slot) return;
      task.info.fraction = Math.min(1, Math.max(0, p.fraction));
      task.info.message = p.message;
      task.options.onProgress?.(p);
      this.emit();
    });
    slot.api.runTask(task.kind, task.payload, task.id, onProgress).then(
      (value) => {
        if (task.slot !== slot || task.settled) return;
        slot.task = null;
        this.failuresInRow.delete(slot.index);
        this.settle(task, null, value);
        this.pump();
      },
      (err: unknown) => {
        if (task.slot !== slot || task.settled) return;
        const name = (err as Error)?.name;
        if (name === 'TaskCancelled') {
          slot.task = null;
          this.settle(task, new TaskError(`"${task.info.label}" was cancelled`, 'cancelled'));
        } else {
          // a task that throws may have left its worker in any state: start a fresh one
          this.replaceSlot(slot);
          this.settle(
            task,
            new TaskError(
              `"${task.info.label}" failed: ${(err as Error)?.message ?? String(err)}`,
              'failed',
            ),
          );
        }
        this.pump();
      },
    );
    this.emit();
  }

  private cancel(task: Task): void {
    if (task.settled) return;
    const queuedAt = this.queue.indexOf(task);
    if (queuedAt >= 0) {
      this.queue.splice(queuedAt, 1);
      this.settle(task, new TaskError(`"${task.info.label}" was cancelled`, 'cancelled'));
      this.emit();
      return;
    }
    const slot = task.slot;
    if (!slot) return;
    void slot.api.cancel(task.id);
    // the worker stops at its next checkpoint; one that never checks is replaced
    const graceMs = task.options.cancelGraceMs ?? CANCEL_GRACE_MS;
    task.cancelGraceTimer = setTimeout(() => {
      if (task.settled || task.slot !== slot) return;
      this.replaceSlot(slot, false);
      this.settle(
        task,
        new TaskError(`"${task.info.label}" was cancelled (worker restarted)`, 'cancelled'),
      );
      this.pump();
    }, graceMs);
  }

  /** Cancels a queued or running task by id (the status bar's cancel button). */
  cancelTask(id: number): void {
    const task =
      this.queue.find((t) => t.id === id) ?? this.slots.find((s) => s.task?.id === id)?.task;
    if (task) this.cancel(task);
  }

  private clearTimers(task: Task): void {
    if (task.timer) clearTimeout(task.timer);
    if (task.cancelGraceTimer) clearTimeout(task.cancelGraceTimer);
  }

  private settle(task: Task, error: TaskError | null, value?: unknown): void {
    if (task.settled) return;
    task.settled = true;
    this.clearTimers(task);
    if (task.slot && task.slot.task === task) task.slot.task = null;
    task.slot = null;
    if (error) {
      if (error.reason !== 'cancelled') this.lastError = error.message;
      task.reject(error);
    } else task.resolve(value);
    this.emit();
  }

  snapshot(): PoolSnapshot {
    const running = this.slots.flatMap((s) => (s.task ? [{ ...s.task.info }] : []));
    return {
      size: this.slots.length,
      busy: running.length,
      queued: this.queue.length,
      tasks: [...running, ...this.queue.map((t) => ({ ...t.info }))],
      replacedWorkers: this.replaced,
      lastError: this.lastError,
    };
  }

  subscribe(listener: (s: PoolSnapshot) => void): () => void {
    this.listeners.add(listener);
    listener(this.snapshot());
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const s = this.snapshot();
    for (const l of this.listeners) l(s);
  }

  dispose(): void {
    this.disposed = true;
    for (const t of [...this.queue])
      this.settle(t, new TaskError('the compute pool was shut down', 'disposed'));
    this.queue = [];
    for (const s of this.slots) {
      if (s.task) this.settle(s.task, new TaskError('the compute pool was shut down', 'disposed'));
      s.worker.terminate();
    }
    this.slots = [];
    this.emit();
  }
}
