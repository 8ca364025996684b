import { useEffect, useState } from 'react';
import { onStorageProblem, type StorageProblem } from '../storage/db.ts';

/**
 * Shows storage problems (quota, blocked upgrade, another tab's upgrade), refused links and a
 * broken audit chain until dismissed.
 */
export function StorageBanner() {
  const [problems, setProblems] = useState<StorageProblem[]>([]);
  useEffect(
    () =>
      onStorageProblem((p) => {
        // best-effort storage is the browser default; the status bar says so, no banner needed
        if (p.kind === 'persist-denied') return;
        setProblems((list) => (list.some((q) => q.message === p.message) ? list : [...list, p]));
      }),
    [],
  );
  if (problems.length === 0) return null;
  return (
    <div className="banner-stack">
      {problems.map((p) => (
        <div key={p.message} role="alert" className="banner banner-error">
          <span>{p.message}</span>
          <button
            type="button"
            onClick={() => setProblems((list) => list.filter((q) => q !== p))}
            aria-label="Dismiss message"
          >
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
