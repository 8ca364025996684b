import type { z } from 'zod';
import { diagnosticsTasks } from './diagnostics.tasks.ts';
import { estimateTasks } from './estimate.tasks.ts';
import { learnTasks } from './learn.tasks.ts';
import { responseTasks } from './response.tasks.ts';

/**
 * The one table of compute task kinds: each entry is its payload schema and handler
 * (protocol.ts defineTask). The compute worker runs from it (compute.api.ts); the pool's
 * `run(kind, payload)` is typed from it (TaskPayload, TaskResult), so a caller cannot send a
 * payload of the wrong shape or read a result as the wrong type.
 */
export const computeTasks = {
  ...diagnosticsTasks,
  ...estimateTasks,
  ...learnTasks,
  ...responseTasks,
};

export type ComputeTasks = typeof computeTasks;
export type TaskKind = keyof ComputeTasks & string;
export type TaskPayload<K extends TaskKind> = z.input<ComputeTasks[K]['payload']>;
export type TaskResult<K extends TaskKind> = Awaited<ReturnType<ComputeTasks[K]>>;
