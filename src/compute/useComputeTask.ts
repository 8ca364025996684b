import { useCallback, useEffect, useRef, useState } from 'react';
import type { TaskKind, TaskPayload, TaskResult } from '../../workers/tasks.ts';
import { computePool } from './client.ts';
import type { TaskPriority } from './pool.ts';

export type TaskState<T> =
  | { status: 'idle' }
  | { status: 'running'; fraction: number; message?: string; partial?: unknown }
  | { status: 'done'; result: T }
  | { status: 'error'; message: string };

/**
 * The one hook for running a compute task from a component: typed by the task table
 * (workers/tasks.ts); a new run cancels the one before, and unmounting cancels the last.
 */
export function useComputeTask<K extends TaskKind>(
  kind: K,
  label: string,
  options: { priority?: TaskPriority; deadlineMs?: number } = {},
) {
  const [state, setState] = useState<TaskState<TaskResult<K>>>({ status: 'idle' });
  const abortRef = useRef<AbortController | null>(null);
  useEffect(() => () => abortRef.current?.abort(), []);
  const { priority = 'normal', deadlineMs } = options;
  const run = useCallback(
    async (payload: TaskPayload<K>): Promise<TaskResult<K> | null> => {
      abortRef.current?.abort();
      const ac = new AbortController();
      abortRef.current = ac;
      setState({ status: 'running', fraction: 0 });
      try {
        const result = await computePool().run(kind, payload, {
          signal: ac.signal,
          label,
          priority,
          ...(deadlineMs !== undefined ? { deadlineMs } : {}),
          onProgress: (p) => {
            if (!ac.signal.aborted)
              setState({
                status: 'running',
                fraction: p.fraction,
                ...(p.message !== undefined ? { message: p.message } : {}),
                partial: p.partial,
              });
          },
        });
        if (!ac.signal.aborted) setState({ status: 'done', result });
        return result;
      } catch (e) {
        if (!ac.signal.aborted) setState({ status: 'error', message: (e as Error).message });
        return null;
      }
    },
    [kind, label, priority, deadlineMs],
  );
  return { state, run };
}
