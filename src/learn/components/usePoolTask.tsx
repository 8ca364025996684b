import { useCallback, useEffect, useRef, useState } from 'react';
import { computePool } from '../../compute/client.ts';

export type TaskState<T> =
  | { status: 'idle' }
  | { status: 'running'; fraction: number; message?: string; partial?: unknown }
  | { status: 'done'; result: T }
  | { status: 'error'; message: string };

/**
 * Runs a compute-pool task on demand; a new run cancels the one before, and so does unmounting.
 */
export function usePoolTask<T>(kind: string, label: string) {
  const [state, setState] = useState<TaskState<T>>({ status: 'idle' });
  const abortRef = useRef<AbortController | null>(null);
  useEffect(() => () => abortRef.current?.abort(), []);
  const run = useCallback(
    async (payload: unknown): Promise<T | null> => {
      abortRef.current?.abort();
      const ac = new AbortController();
      abortRef.current = ac;
      setState({ status: 'running', fraction: 0 });
      try {
        const result = await computePool().run<T>(kind, payload, {
          signal: ac.signal,
          label,
          priority: 'normal',
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
    [kind, label],
  );
  return { state, run };
}

export function TaskStatus({
  state,
  doneText = 'Computed on the worker pool (MRG cable model, full tier).',
}: {
  state: TaskState<unknown>;
  doneText?: string;
}) {
  if (state.status === 'running') {
    return (
      <p className="task-status" role="status">
        <progress max={1} value={state.fraction} aria-label="Computation progress" /> Computing on
        the worker pool… {state.message ?? ''}
      </p>
    );
  }
  if (state.status === 'error') {
    return (
      <p className="task-status error" role="alert">
        The computation failed: {state.message}
      </p>
    );
  }
  if (state.status === 'done') {
    return (
      <p className="task-status" role="status">
        {doneText}
      </p>
    );
  }
  return null;
}

/**
 * Calls `start` once the inputs in `key` have been still for `delayMs` (and on mount), so a
 * lesson's plot follows its sliders without a click. The pool task it starts cancels the last.
 */
export function useAutoRun(key: string, start: () => void, delayMs = 400) {
  const startRef = useRef(start);
  useEffect(() => {
    startRef.current = start;
  });
  useEffect(() => {
    const timer = setTimeout(() => startRef.current(), delayMs);
    return () => clearTimeout(timer);
  }, [key, delayMs]);
}
