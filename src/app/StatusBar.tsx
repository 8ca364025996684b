import { useEffect, useState } from 'react';
import { computePool, usePoolSnapshot } from '../compute/client.ts';
import { TaskError } from '../compute/pool.ts';
import type { TaskKind, TaskPayload, TaskResult } from '../../workers/tasks.ts';

/** Tasks running longer than this get a visible progress bar and a cancel button. */
const SHOW_AFTER_MS = 500;

/** Runs a pool task labelled for the status bar (which shows its progress and a cancel button). */
export function runVisibleTask<K extends TaskKind>(
  kind: K,
  payload: TaskPayload<K>,
  label: string,
  options: { deadlineMs?: number; priority?: 'live' | 'normal' | 'background' } = {},
): Promise<TaskResult<K>> {
  return computePool().run(kind, payload, { ...options, label });
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(t);
  }, [active]);
  return now;
}

/** Whether the browser keeps our data under storage pressure (persistent) or may evict it. */
function useStorageMode(): string {
  const [mode, setMode] = useState('checking');
  useEffect(() => {
    let live = true;
    const check = () =>
      navigator.storage
        ?.persisted?.()
        .then((p) => live && setMode(p ? 'persistent' : 'best-effort'))
        .catch(() => live && setMode('unavailable'));
    void check();
    const t = setInterval(check, 10_000);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, []);
  return mode;
}

function Diagnostics() {
  const [result, setResult] = useState<string>('');
  const run = (
    kind: 'diagnostics.integrate' | 'diagnostics.throw' | 'diagnostics.crash' | 'diagnostics.hang',
    label: string,
    deadlineMs?: number,
  ) => {
    setResult(`${label}: running…`);
    runVisibleTask(kind, { chunks: 400, pointsPerChunk: 1_000_000 }, label, {
      ...(deadlineMs !== undefined ? { deadlineMs } : {}),
    })
      .then((r) => {
        const integral = (r as { integral?: number } | undefined)?.integral;
        setResult(
          `${label}: done${typeof integral === 'number' ? `, ∫sin = ${integral.toFixed(6)}` : ''}`,
        );
      })
      .catch((e: unknown) =>
        setResult(`${label}: ${e instanceof TaskError ? e.message : String(e)}`),
      );
  };
  return (
    <details className="diagnostics">
      <summary>Diagnostics</summary>
      <div className="diagnostics-body">
        <button type="button" onClick={() => run('diagnostics.integrate', 'Self-check')}>
          Run self-check
        </button>
        <button type="button" onClick={() => run('diagnostics.throw', 'Failure test')}>
          Test a failing task
        </button>
        <button type="button" onClick={() => run('diagnostics.crash', 'Crash test')}>
          Test a worker crash
        </button>
        <button type="button" onClick={() => run('diagnostics.hang', 'Hang test', 2000)}>
          Test a hung worker (2 s deadline)
        </button>
        <output data-testid="diagnostics-result" aria-live="polite">
          {result}
        </output>
      </div>
    </details>
  );
}

export function StatusBar() {
  const snap = usePoolSnapshot();
  const storageMode = useStorageMode();
  const running = snap.tasks.filter((t) => t.state === 'running');
  const now = useNow(running.length > 0);
  const visible = running.filter(
    (t) => t.startedAt !== undefined && now - t.startedAt >= SHOW_AFTER_MS,
  );
  const summary =
    snap.busy === 0 && snap.queued === 0
      ? 'idle'
      : `${snap.busy} running${snap.queued > 0 ? `, ${snap.queued} queued` : ''}`;
  return (
    <footer className="status-bar" aria-label="Compute status">
      <span data-testid="pool-status" role="status">
        Compute: {snap.size} worker{snap.size === 1 ? '' : 's'} · {summary}
        {snap.replacedWorkers > 0 ? ` · ${snap.replacedWorkers} restarted` : ''}
      </span>
      {visible.map((t) => (
        <span key={t.id} className="task" data-testid="task-progress">
          <label htmlFor={`task-${t.id}`}>{t.label}</label>
          <progress id={`task-${t.id}`} max={1} value={t.fraction}>
            {Math.round(t.fraction * 100)} %
          </progress>
          <span className="pct">{Math.round(t.fraction * 100)} %</span>
          <button
            type="button"
            onClick={() => computePool().cancelTask(t.id)}
            aria-label={`Cancel ${t.label}`}
          >
            Cancel
          </button>
        </span>
      ))}
      <span
        data-testid="storage-mode"
        title={
          storageMode === 'best-effort'
            ? 'The browser may evict this data under storage pressure: export cases and scenarios regularly.'
            : 'Data is kept in this browser (IndexedDB) and never leaves it unless you export it.'
        }
      >
        Storage: {storageMode}
      </span>
      {snap.lastError && (
        <span className="last-error" title={snap.lastError}>
          Last error: {snap.lastError}
        </span>
      )}
      <Diagnostics />
    </footer>
  );
}
