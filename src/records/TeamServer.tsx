/**
 * The team server in the Patients area: connect and sign in (SMART), the state of every linked
 * case, cases on the server not yet in this browser, the EHR launch's patient, and the conflict
 * banner of a case edited on two machines.
 */
import { useEffect, useId, useState } from 'react';
import { useLocation } from 'wouter';
import { createCase, saveCase } from '../storage/cases.ts';
import {
  linkCase,
  listServerCases,
  pullCase,
  resolveConflict,
  syncCase,
  type ServerCase,
} from '../storage/fhirSync.ts';
import type { SyncRecord } from '../storage/db.ts';
import { diagnosisById } from '../../models/clinical/diagnoses.ts';
import { fillFromEhr } from '../../models/clinical/ehrContext.ts';
import {
  allowedByPolicy,
  checkBaseUrl,
  connectOpen,
  DEFAULT_CLIENT_ID,
  signIn,
  signOut,
  syncNow,
  useSyncRecords,
  useTeamState,
} from './teamServer.ts';

export const SYNC_LABELS: Record<SyncRecord['state'], string> = {
  synced: 'synced',
  pending: 'waiting to sync',
  conflict: 'conflict',
  refused: 'sign in again',
  error: 'sync error',
};

/** The per-case state in the case list. */
export function SyncBadge({
  record,
  caseId,
  pseudonym,
}: {
  record: SyncRecord | undefined;
  caseId: string;
  pseudonym: string;
}) {
  const { conn } = useTeamState();
  const [busy, setBusy] = useState(false);
  if (record)
    return (
      <span
        className={`sync-badge sync-${record.state}`}
        title={record.message}
        data-testid={`sync-${caseId}`}
      >
        {SYNC_LABELS[record.state]}
      </span>
    );
  if (!conn) return <span className="muted">this browser only</span>;
  return (
    <button
      type="button"
      disabled={busy}
      aria-label={`Share ${pseudonym} with the team server`}
      onClick={() => {
        setBusy(true);
        void (async () => {
          await linkCase(caseId, conn.base);
          await syncCase(conn, caseId);
          setBusy(false);
        })();
      }}
    >
      Share
    </button>
  );
}

function ConnectForm() {
  const t = useTeamState();
  const [base, setBase] = useState(t.settings?.base ?? '');
  const [clientId, setClientId] = useState(t.settings?.clientId ?? DEFAULT_CLIENT_ID);
  const [error, setError] = useState('');
  const bid = useId();
  const cid = useId();
  useEffect(() => {
    if (t.settings) {
      setBase(t.settings.base);
      setClientId(t.settings.clientId);
    }
  }, [t.settings]);
  const checked = () => {
    const c = checkBaseUrl(base);
    if (!c.ok) {
      setError(c.message);
      return null;
    }
    if (!allowedByPolicy(c.base)) {
      setError(
        `FHIR base URL: this build may only connect to its own origin and the servers listed when it was built. Serve the FHIR server under ${window.location.origin} or rebuild with NEUROMOD_TEAM_SERVERS="${new URL(c.base).origin} <authorization server origin>" (README, "Team server").`,
      );
      return null;
    }
    if (!clientId.trim()) {
      setError('Client id: required (the id the server registered this app under).');
      return null;
    }
    setError('');
    return { base: c.base, clientId: clientId.trim() };
  };
  return (
    <form
      className="team-connect"
      aria-label="Connect to the team server"
      // checked here, with a message that names the field
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const s = checked();
        if (s) void signIn(s);
      }}
    >
      <p>
        <label htmlFor={bid}>FHIR base URL</label>{' '}
        <input
          id={bid}
          type="url"
          value={base}
          onChange={(e) => setBase(e.target.value)}
          placeholder="https://fhir.example.org/fhir"
          autoComplete="url"
          size={40}
          aria-invalid={error.startsWith('FHIR') || undefined}
        />{' '}
        <label htmlFor={cid}>Client id</label>{' '}
        <input
          id={cid}
          value={clientId}
          onChange={(e) => setClientId(e.target.value)}
          size={18}
          autoComplete="off"
        />
      </p>
      <p>
        <button type="submit" className="primary">
          Sign in with SMART
        </button>{' '}
        <button
          type="button"
          onClick={() => {
            const s = checked();
            if (s) void connectOpen(s);
          }}
        >
          Connect without sign-in (open test server)
        </button>
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}

function ServerCaseList({ local }: { local: Set<string> }) {
  const t = useTeamState();
  const [cases, setCases] = useState<ServerCase[] | null>(null);
  const [error, setError] = useState('');
  const [msg, setMsg] = useState('');
  const [, navigate] = useLocation();
  const patient = t.ehr?.patient;
  const conn = t.conn;
  const lastSync = t.lastSync?.at;
  useEffect(() => {
    if (!conn) return;
    let live = true;
    listServerCases(conn, patient)
      .then((c) => live && (setCases(c), setError('')))
      .catch((e: unknown) => live && setError((e as Error).message));
    return () => {
      live = false;
    };
  }, [conn, patient, lastSync]);
  if (!conn) return null;
  const remote = (cases ?? []).filter((c) => !local.has(c.caseId));
  return (
    <div>
      <h3>On the server, not in this browser{patient ? ` (${patient})` : ''}</h3>
      {error && <p className="error">{error}</p>}
      {cases === null && !error && <p className="muted">Listing…</p>}
      {cases !== null && remote.length === 0 && <p className="muted">None.</p>}
      {remote.length > 0 && (
        <ul className="server-cases">
          {remote.map((c) => (
            <li key={c.caseId}>
              <strong>{c.pseudonym}</strong>{' '}
              <span className="muted">
                {c.date ? `changed ${c.date.slice(0, 16).replace('T', ' ')}` : ''}
                {c.author ? ` by ${c.author}` : ''}
              </span>{' '}
              <button
                type="button"
                aria-label={`Open ${c.pseudonym} from the server`}
                onClick={() =>
                  void pullCase(conn, c.caseId).then((o) => {
                    setMsg(o.message);
                    if (o.state === 'synced') navigate(`/${c.caseId}/demographics`);
                  })
                }
              >
                Open
              </button>
            </li>
          ))}
        </ul>
      )}
      {msg && <p role="status">{msg}</p>}
    </div>
  );
}

function EhrLaunch() {
  const t = useTeamState();
  const [pseudonym, setPseudonym] = useState('');
  const [error, setError] = useState('');
  const [, navigate] = useLocation();
  const pid = useId();
  if (!t.ehr || !t.conn) return null;
  const conn = t.conn;
  const ehr = t.ehr;
  const preview = fillFromEhr(
    {
      demographics: { ageYears: null, sex: 'unknown' },
      diagnoses: [],
    } as unknown as Parameters<typeof fillFromEhr>[0],
    ehr.resource,
    ehr.conditions,
  );
  const create = async () => {
    if (!pseudonym.trim()) {
      setError('Pseudonym: required (no real names; the EHR keeps the identity).');
      return;
    }
    const c = await createCase(pseudonym);
    const fill = fillFromEhr(c.value, ehr.resource, ehr.conditions);
    const saved = await saveCase(fill.value, c.record.revision, {
      reason: `from the EHR launch (${ehr.patient}): ${fill.taken.join(', ') || 'nothing mapped'}`,
    });
    if (!saved.ok) {
      setError(saved.message);
      return;
    }
    await linkCase(c.value.id, conn.base, { ehrPatient: ehr.patient });
    await syncCase(conn, c.value.id);
    navigate(`/${c.value.id}/demographics`);
  };
  return (
    <section className="card ehr-launch" aria-labelledby="ehr-heading">
      <h2 id="ehr-heading">Patient from the EHR launch</h2>
      <p>
        {ehr.patient}: {preview.value.demographics.sex}
        {preview.value.demographics.ageYears !== null
          ? `, ${preview.value.demographics.ageYears} years`
          : ''}
        {preview.value.diagnoses.length > 0 &&
          `; ${preview.value.diagnoses
            .map(
              (d) =>
                `${diagnosisById(d.id)?.label ?? d.id}${d.laterality && d.laterality !== 'unspecified' ? ` (${d.laterality})` : ''}`,
            )
            .join('; ')}`}
      </p>
      {preview.skipped.length > 0 && (
        <p className="muted">Not taken: {preview.skipped.join('; ')}.</p>
      )}
      <form
        aria-label="New case for the EHR patient"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label htmlFor={pid}>Pseudonym for the new case</label>{' '}
        <input
          id={pid}
          value={pseudonym}
          onChange={(e) => setPseudonym(e.target.value)}
          autoComplete="off"
        />{' '}
        <button type="submit" className="primary">
          Create case from the EHR
        </button>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}

/** The team server card of the case list. */
export function TeamServerPanel({ localIds }: { localIds: Set<string> }) {
  const t = useTeamState();
  const records = useSyncRecords();
  const counts = { synced: 0, pending: 0, conflict: 0, refused: 0, error: 0 };
  for (const r of records.values()) counts[r.state] += 1;
  return (
    <>
      <EhrLaunch />
      <section className="card team-server" aria-labelledby="team-heading">
        <h2 id="team-heading">Team server (FHIR R4)</h2>
        {!t.conn && (
          <>
            <p className="muted">
              Optional. Cases you share go to your institution&apos;s FHIR server and stay here too;
              edits made offline sync when it is reachable.
            </p>
            {t.status !== 'starting' && <ConnectForm />}
          </>
        )}
        <p
          role="status"
          aria-live="polite"
          data-testid="team-status"
          className={t.status === 'refused' || t.status === 'error' ? 'error' : ''}
        >
          {t.message}
        </p>
        {t.status === 'refused' && t.settings && (
          <button type="button" className="primary" onClick={() => void signIn(t.settings!)}>
            Sign in again
          </button>
        )}
        {t.conn && (
          <>
            <p>
              <button
                type="button"
                className="primary"
                disabled={t.syncing}
                onClick={() => void syncNow()}
              >
                {t.syncing ? 'Syncing…' : 'Sync now'}
              </button>{' '}
              <button type="button" onClick={signOut}>
                Sign out
              </button>{' '}
              <span data-testid="sync-summary">
                {records.size} shared: {counts.synced} synced, {counts.pending} waiting,{' '}
                {counts.conflict} in conflict
                {counts.refused + counts.error > 0
                  ? `, ${counts.refused + counts.error} not synced`
                  : ''}
                {t.lastSync
                  ? ` · last sync ${new Date(t.lastSync.at).toTimeString().slice(0, 8)}`
                  : ''}
              </span>
            </p>
            <ServerCaseList local={localIds} />
          </>
        )}
      </section>
    </>
  );
}

/** Shown on a case edited here and on the server since the last sync. */
export function SyncConflictBanner({ caseId }: { caseId: string }) {
  const records = useSyncRecords();
  const t = useTeamState();
  const [msg, setMsg] = useState('');
  const rec = records.get(caseId);
  if (!rec || (rec.state !== 'conflict' && rec.state !== 'refused'))
    return msg ? <p role="status">{msg}</p> : null;
  if (rec.state === 'refused')
    return (
      <div className="banner warn" role="status" data-testid="sync-banner">
        <p>Team server: {rec.message}</p>
      </div>
    );
  const conn = t.conn;
  return (
    <div className="banner warn" role="alert" data-testid="sync-conflict">
      <p>{rec.message}</p>
      {rec.conflict?.changes && rec.conflict.changes.length > 0 && (
        <table className="table conflict-values">
          <caption className="sr-only">Values that differ</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Here</th>
              <th scope="col">On the server</th>
            </tr>
          </thead>
          <tbody>
            {rec.conflict.changes.map((ch) => (
              <tr key={ch.path}>
                <td>
                  <code>{ch.path}</code>
                </td>
                <td>{ch.here ?? '(none)'}</td>
                <td>{ch.server ?? '(none)'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {conn ? (
        <p>
          <button
            type="button"
            onClick={() =>
              void resolveConflict(conn, caseId, 'mine').then((o) => setMsg(o.message))
            }
          >
            Keep mine (send it to the server)
          </button>{' '}
          <button
            type="button"
            onClick={() =>
              void resolveConflict(conn, caseId, 'theirs').then((o) => setMsg(o.message))
            }
          >
            Take the server copy
          </button>
        </p>
      ) : (
        <p>Sign in to the team server in the patient list to resolve it.</p>
      )}
    </div>
  );
}
