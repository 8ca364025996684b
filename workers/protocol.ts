import type { z } from 'zod';
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

/**
 * A task kind: its payload schema and its handler. The returned function validates the payload
 * (a refusal names the field) before it runs, and carries the schema, so that the task table
 * (workers/tasks.ts) types `pool.run`'s payload and result per kind.
 */
export type TaskDef<S extends z.ZodType, R> = ((
  payload: unknown,
  ctx: TaskContext,
) => Promise<R>) & {
  payload: S;
};

export function defineTask<S extends z.ZodType, R>(
  kind: string,
  payload: S,
  run: (payload: z.output<S>, ctx: TaskContext) => Promise<R>,
): TaskDef<S, R> {
  const handler = async (raw: unknown, ctx: TaskContext): Promise<R> => {
    const parsed = payload.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const at = issue.path.length ? issue.path.join('.') : '(payload)';
      throw new Error(`${kind}: ${at}: ${issue.message}`);
    }
    return run(parsed.data, ctx);
  };
  return Object.assign(handler, { payload });
}

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
