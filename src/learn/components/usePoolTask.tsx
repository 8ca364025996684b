import { useEffect, useRef } from 'react';

export { useComputeTask as usePoolTask, type TaskState } from '../../compute/useComputeTask.ts';
import type { TaskState } from '../../compute/useComputeTask.ts';

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
