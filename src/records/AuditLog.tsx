import { useEffect, useState } from 'react';
import type { AuditRecord } from '../storage/db.ts';
import { auditFor } from '../storage/cases.ts';

/** The append-only audit log of one case, newest first. */
export function AuditLog({ caseId, revision }: { caseId: string; revision: number }) {
  const [rows, setRows] = useState<AuditRecord[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    auditFor(caseId)
      .then((r) => live && setRows(r.reverse()))
      .catch((e: unknown) => live && setError((e as Error).message));
    return () => {
      live = false;
    };
  }, [caseId, revision]);
  return (
    <section aria-labelledby="sec-audit" className="section">
      <h2 id="sec-audit">Audit log</h2>
      {error && <p role="alert">{error}</p>}
      <p className="muted">
        Every saved field change: when, which field, old → new, and the reason when one was given
        (overrides). Entries are never changed or removed.
      </p>
      <div className="table-wrap">
        <table className="table audit">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Field</th>
              <th scope="col">Old</th>
              <th scope="col">New</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {(rows ?? []).slice(0, 500).map((r) => (
              <tr key={r.seq}>
                <td>{new Date(r.at).toISOString().replace('T', ' ').slice(0, 19)}</td>
                <td>
                  <code>{r.field}</code>
                </td>
                <td>{r.oldValue}</td>
                <td>{r.newValue}</td>
                <td>{r.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
