import { useEffect, useState } from 'react';
import type { AuditRecord } from '../storage/db.ts';
import { USER_ROLE_LABELS, type ChainStatus, type UserRole } from '../storage/audit.ts';
import { auditFor } from '../storage/cases.ts';
import { checkAuditChain, exportAuditTrail } from '../storage/auditCheck.ts';
import { download } from './exports.ts';

/** The chain check, said loudly when it fails: which entry broke and what that means. */
export function AuditChainBanner({ status }: { status: ChainStatus | null }) {
  if (!status) return <p className="muted">Checking the audit trail…</p>;
  if (status.ok) {
    return (
      <p className="muted" data-testid="audit-chain-ok">
        Audit trail checked: all {status.count} entries are intact (hash chain verified).
      </p>
    );
  }
  return (
    <div role="alert" className="banner error audit-alert" data-testid="audit-chain-broken">
      <strong>Audit trail tampered with.</strong> {status.message}. Entries from there on cannot be
      trusted: an entry was changed, removed or added outside the app. Keep this device as it is and
      compare with an exported copy of the trail.
    </div>
  );
}

/** The append-only audit log of one case, newest first, with the whole chain checked on open. */
export function AuditLog({ caseId, revision }: { caseId: string; revision: number }) {
  const [rows, setRows] = useState<AuditRecord[] | null>(null);
  const [chain, setChain] = useState<ChainStatus | null>(null);
  const [error, setError] = useState('');
  const [exported, setExported] = useState('');
  useEffect(() => {
    let live = true;
    Promise.all([auditFor(caseId), checkAuditChain()])
      .then(([r, status]) => {
        if (!live) return;
        setRows(r.reverse());
        setChain(status);
      })
      .catch((e: unknown) => live && setError((e as Error).message));
    return () => {
      live = false;
    };
  }, [caseId, revision]);

  const onExport = async () => {
    try {
      const f = await exportAuditTrail();
      setChain(f.status);
      download(f.name, f.text, 'application/json');
      setExported(
        f.status.ok
          ? `Exported ${f.status.count} entries, chain intact (${f.name}).`
          : `Exported ${f.status.count} entries; the file records that the chain is broken (${f.name}).`,
      );
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section aria-labelledby="sec-audit" className="section">
      <h2 id="sec-audit">Audit log</h2>
      {error && <p role="alert">{error}</p>}
      <AuditChainBanner status={chain} />
      <p className="muted">
        Every saved field change: when, by whom (the user profile of this browser), which field, old
        → new, and the reason when one was given (overrides). Entries are never changed or removed;
        each one carries the hash of the one before, so a change made outside the app shows here.
        This detects tampering on this device, it does not prevent it: keep an exported copy
        elsewhere.
      </p>
      <p>
        <button type="button" onClick={() => void onExport()}>
          Export the whole audit trail (JSON)
        </button>{' '}
        <span role="status">{exported}</span>
      </p>
      <div className="table-wrap">
        <table className="table audit">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When</th>
              <th scope="col">By</th>
              <th scope="col">Field</th>
              <th scope="col">Old</th>
              <th scope="col">New</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {(rows ?? []).slice(0, 500).map((r) => (
              <tr
                key={r.seq}
                className={
                  chain && !chain.ok && chain.brokenAtSeq === r.seq ? 'audit-broken' : undefined
                }
              >
                <td>{r.seq}</td>
                <td>{new Date(r.at).toISOString().replace('T', ' ').slice(0, 19)}</td>
                <td>
                  {r.user
                    ? `${r.user.name} (${USER_ROLE_LABELS[r.user.role as UserRole] ?? r.user.role})`
                    : '(unknown)'}
                </td>
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
