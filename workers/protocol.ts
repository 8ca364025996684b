/**
 * The task protocol every compute worker speaks: run a named task with a JSON-like payload,
 * report progress through a callback, stop at the next checkpoint after `cancel`.
 */
export interface TaskProgress {
  /** 0..1 */
  fraction: number;
  message?: string;
  /** partial result so far, when the task streams */
  partial?: unknown;
}

export interface TaskContext {
  progress(p: TaskProgress): void;
  /** Yields to the worker's event loop so a cancel message can arrive; throws TaskCancelled when cancelled. */
  checkpoint(): Promise<void>;
  readonly cancelled: boolean;
}

export type TaskHandler = (payload: unknown, ctx: TaskContext) => Promise<unknown>;

export class TaskCancelled extends Error {
  constructor() {
    super('task cancelled');
    this.name = 'TaskCancelled';
  }
}

export interface ComputeWorkerApi {
  runTask(
    kind: string,
    payload: unknown,
    taskId: number,
    onProgress?: (p: TaskProgress) => void,
  ): Promise<unknown>;
  cancel(taskId: number): void;
  kinds(): string[];
}
