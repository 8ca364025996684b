/**
 * Local-first sync of patient cases with the team's FHIR R4 server.
 *
 * IndexedDB stays the working copy. A case linked to a server has a SyncRecord: the server
 * version it was last synced at and the local revision of that moment. Every local save after
 * it raises the revision, so "revision > syncedRevision" is the queue of offline edits; `syncCase`
 * drains it whenever the server is reachable. Each push is one transaction bundle whose case
 * record carries `If-Match` on the version the edit was based on
 * (models/clinical/fhirRecord.ts): when another clinician pushed in between, the server answers
 * 412, nothing is written, and the case is marked in conflict with the server's copy kept
 * beside it until the user keeps theirs or takes the server's. A refused token (401/403) keeps
 * every local edit and asks for a new sign-in.
 */
import {
  CASE_RECORD_SYSTEM,
  caseFromRecord,
  casePushPlan,
  caseRecordId,
  type AuditChange,
} from '../../models/clinical/fhirRecord.ts';
import { caseToJson } from '../../models/clinical/caseJson.ts';
import type { EhrCondition, EhrPatient } from '../../models/clinical/ehrContext.ts';
import type { PatientCase } from '../../models/clinical/caseSchema.ts';
import { appDb, type NeuromodDb, type SyncRecord } from './db.ts';
import { auditFor, flatten, importCases, loadCase, saveCase } from './cases.ts';

export interface FhirConnection {
  /** FHIR base URL, without a trailing slash */
  base: string;
  /** bearer token of the SMART sign-in (null: an open server) */
  token: string | null;
  /** the signed-in user (SMART fhirUser and a display name) */
  user?: { reference?: string | undefined; display: string } | undefined;
  fetch?: typeof fetch;
}

export type SyncState = SyncRecord['state'];

export interface SyncOutcome {
  state: SyncState;
  message: string;
  /** what the call did */
  did: 'pushed' | 'pulled' | 'nothing' | 'conflict' | 'queued' | 'refused' | 'failed';
}

export class FhirHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

class Unreachable extends Error {}

async function request(
  conn: FhirConnection,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown> | null; etag: string | null }> {
  const f = conn.fetch ?? fetch;
  let res: Response;
  try {
    res = await f(`${conn.base}/${path}`, {
      method,
      headers: {
        accept: 'application/fhir+json',
        ...(body !== undefined ? { 'content-type': 'application/fhir+json' } : {}),
        ...(conn.token ? { authorization: `Bearer ${conn.token}` } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (e) {
    throw new Unreachable(`The server ${conn.base} is not reachable (${String(e)})`, { cause: e });
  }
  const text = await res.text();
  let json: Record<string, unknown> | null;
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    json = null;
  }
  return { status: res.status, json, etag: res.headers.get('etag') };
}

function outcomeText(json: Record<string, unknown> | null): string {
  const issue = (
    json?.issue as { details?: { text?: string }; diagnostics?: string }[] | undefined
  )?.[0];
  return issue?.details?.text ?? issue?.diagnostics ?? '';
}

function versionOf(resource: unknown): string | null {
  return (resource as { meta?: { versionId?: string } } | null)?.meta?.versionId ?? null;
}

/** The leaf values that differ between two cases, here and on the server (for the banner). */
export function differingValues(here: PatientCase, server: PatientCase, max = 12) {
  const fa = flatten(here);
  const fb = flatten(server);
  const out: { path: string; here: string | null; server: string | null }[] = [];
  for (const k of [...new Set([...fa.keys(), ...fb.keys()])].sort()) {
    if (k === 'updatedAt' || fa.get(k) === fb.get(k)) continue;
    out.push({ path: k, here: fa.get(k) ?? null, server: fb.get(k) ?? null });
    if (out.length >= max) break;
  }
  return out;
}

/** The top-level sections whose content differs between two cases (for the conflict banner). */
export function differingFields(a: PatientCase, b: PatientCase): string[] {
  const fa = flatten(a);
  const fb = flatten(b);
  const keys = new Set([...fa.keys(), ...fb.keys()]);
  const out = new Set<string>();
  for (const k of keys) {
    if (k === 'updatedAt') continue;
    if (fa.get(k) !== fb.get(k)) out.add(k.split('.').slice(0, 2).join('.'));
  }
  return [...out].sort();
}

export async function syncRecordFor(caseId: string, db: NeuromodDb = appDb()) {
  return (await db.sync.get(caseId)) ?? null;
}

/** Links a local case to a server; it is pushed at the next sync. */
export async function linkCase(
  caseId: string,
  server: string,
  options: { ehrPatient?: string | undefined; db?: NeuromodDb } = {},
): Promise<SyncRecord> {
  const db = options.db ?? appDb();
  const existing = await db.sync.get(caseId);
  if (existing && existing.server === server) return existing;
  const record: SyncRecord = {
    caseId,
    server,
    recordId: caseRecordId(caseId),
    serverVersion: null,
    syncedRevision: 0,
    refs: [],
    auditSeq: 0,
    ...(options.ehrPatient ? { ehrPatient: options.ehrPatient } : {}),
    state: 'pending',
    message: 'Waiting for the first push.',
  };
  await db.sync.put(record);
  return record;
}

async function mark(
  db: NeuromodDb,
  rec: SyncRecord,
  patch: Partial<SyncRecord>,
): Promise<SyncRecord> {
  const next: SyncRecord = { ...rec, ...patch, checkedAt: Date.now() };
  if (!('conflict' in patch) && next.state !== 'conflict') delete next.conflict;
  await db.sync.put(next);
  return next;
}

function auditChanges(rows: Awaited<ReturnType<typeof auditFor>>, after: number): AuditChange[] {
  return rows
    .filter((r) => (r.seq ?? 0) > after)
    .map((r) => ({
      seq: r.seq ?? 0,
      at: r.at,
      field: r.field,
      oldValue: r.oldValue,
      newValue: r.newValue,
      reason: r.reason,
      user: r.user,
      hash: r.hash,
    }));
}

const maxSeq = (rows: Awaited<ReturnType<typeof auditFor>>) =>
  rows.reduce((m, r) => Math.max(m, r.seq ?? 0), 0);

async function push(
  conn: FhirConnection,
  db: NeuromodDb,
  rec: SyncRecord,
  value: PatientCase,
  revision: number,
  baseVersion: string | null,
): Promise<SyncOutcome> {
  const rows = await auditFor(value.id, db);
  const plan = casePushPlan(value, {
    ehrPatient: rec.ehrPatient,
    baseVersion: baseVersion ?? undefined,
    previousRefs: rec.refs,
    audit: auditChanges(rows, rec.auditSeq),
    author: conn.user,
  });
  const res = await request(conn, 'POST', '', plan.bundle);
  if (res.status === 412) return conflictFrom(conn, db, rec, value);
  if (res.status === 401 || res.status === 403)
    throw new FhirHttpError(res.status, outcomeText(res.json));
  if (res.status >= 300)
    throw new FhirHttpError(res.status, `push refused (${res.status}): ${outcomeText(res.json)}`);
  const first = (
    res.json?.entry as { resource?: unknown; response?: { etag?: string } }[] | undefined
  )?.[0];
  const version =
    versionOf(first?.resource) ??
    (first?.response?.etag ? /"([^"]+)"/.exec(first.response.etag)?.[1] : undefined) ??
    versionOf((await request(conn, 'GET', `DocumentReference/${rec.recordId}`)).json);
  await mark(db, rec, {
    serverVersion: version ?? null,
    syncedRevision: revision,
    refs: plan.refs,
    auditSeq: maxSeq(rows),
    state: 'synced',
    message: `Synced with ${conn.base}.`,
  });
  return { state: 'synced', did: 'pushed', message: `Pushed to ${conn.base}.` };
}

async function conflictFrom(
  conn: FhirConnection,
  db: NeuromodDb,
  rec: SyncRecord,
  local: PatientCase,
): Promise<SyncOutcome> {
  const server = await request(conn, 'GET', `DocumentReference/${rec.recordId}`);
  const parsed = caseFromRecord(server.json);
  if (!parsed.ok) {
    await mark(db, rec, {
      state: 'error',
      message: 'The server copy of this case cannot be read.',
    });
    return {
      state: 'error',
      did: 'failed',
      message: 'The server copy of this case cannot be read.',
    };
  }
  const author = (server.json?.author as { display?: string }[] | undefined)?.[0]?.display;
  const at = server.json?.date as string | undefined;
  const fields = differingFields(local, parsed.value);
  const message = `Conflict: ${author ?? 'someone'} changed this case on the server${at ? ` at ${at.slice(0, 16).replace('T', ' ')}` : ''} while it was edited here. Differs in: ${fields.join(', ') || '(no field)'}.`;
  await mark(db, rec, {
    state: 'conflict',
    message,
    conflict: {
      serverVersion: versionOf(server.json) ?? '',
      serverCase: parsed.value,
      ...(author ? { by: author } : {}),
      ...(at ? { at } : {}),
      fields,
      changes: differingValues(local, parsed.value),
    },
  });
  return { state: 'conflict', did: 'conflict', message };
}

/** Writes the server's case into IndexedDB as the new local version (audited). */
async function takeServer(
  db: NeuromodDb,
  rec: SyncRecord,
  value: PatientCase,
  serverVersion: string | null,
  server: string,
): Promise<void> {
  const local = await loadCase(value.id, db);
  let revision: number;
  if (!local) {
    const r = await importCases([{ name: `${server}`, text: caseToJson(value) }], db, {
      onExisting: 'update',
    });
    if (!r.ok) throw new Error(r.message);
    revision = 1;
  } else {
    const saved = await saveCase(value, local.record.revision, {
      db,
      reason: `taken from ${server} (version ${serverVersion ?? '?'})`,
    });
    if (!saved.ok) throw new Error(saved.message);
    revision = saved.revision;
  }
  const rows = await auditFor(value.id, db);
  await mark(db, rec, {
    serverVersion,
    syncedRevision: revision,
    auditSeq: maxSeq(rows),
    state: 'synced',
    message: `Up to date with ${server}.`,
  });
}

function failure(e: unknown): { state: SyncState; did: SyncOutcome['did']; message: string } {
  if (e instanceof Unreachable)
    return {
      state: 'pending',
      did: 'queued',
      message: `${e.message}. Local edits are kept and sync when it is back.`,
    };
  if (e instanceof FhirHttpError && (e.status === 401 || e.status === 403))
    return {
      state: 'refused',
      did: 'refused',
      message: `The server refused the sign-in (${e.status}${e.message ? `: ${e.message}` : ''}). Sign in again; local edits are kept and sync afterwards.`,
    };
  return {
    state: 'error',
    did: 'failed',
    message: `Sync failed: ${e instanceof Error ? e.message : String(e)}`,
  };
}

/**
 * Brings one linked case and the server into step: pushes local edits, pulls the server's, or
 * marks a conflict when both changed. Never throws; the outcome is also kept in the SyncRecord.
 */
export async function syncCase(
  conn: FhirConnection,
  caseId: string,
  db: NeuromodDb = appDb(),
): Promise<SyncOutcome> {
  const rec = await db.sync.get(caseId);
  if (!rec)
    return { state: 'error', did: 'failed', message: 'This case is not linked to a server.' };
  if (rec.state === 'conflict')
    return { state: 'conflict', did: 'conflict', message: rec.message ?? 'Conflict to resolve.' };
  try {
    const local = await loadCase(caseId, db);
    if (!local) return { state: 'error', did: 'failed', message: 'The local case is gone.' };
    const dirty = local.record.revision > rec.syncedRevision;
    if (rec.serverVersion === null) {
      // first push: a case record already there (pushed from another browser) is a conflict, not an overwrite
      const there = await request(conn, 'GET', `DocumentReference/${rec.recordId}`);
      if (there.status === 401 || there.status === 403)
        throw new FhirHttpError(there.status, outcomeText(there.json));
      if (there.status === 200) return await conflictFrom(conn, db, rec, local.value);
      return await push(conn, db, rec, local.value, local.record.revision, null);
    }
    const server = await request(conn, 'GET', `DocumentReference/${rec.recordId}`);
    if (server.status === 401 || server.status === 403)
      throw new FhirHttpError(server.status, outcomeText(server.json));
    if (server.status === 404 || server.status === 410) {
      // deleted on the server: push ours again as a new record
      return await push(conn, db, { ...rec, refs: [] }, local.value, local.record.revision, null);
    }
    if (server.status !== 200) throw new FhirHttpError(server.status, outcomeText(server.json));
    const serverVersion = versionOf(server.json);
    const serverChanged = serverVersion !== rec.serverVersion;
    if (serverChanged && dirty) return await conflictFrom(conn, db, rec, local.value);
    if (serverChanged) {
      const parsed = caseFromRecord(server.json);
      if (!parsed.ok)
        throw new Error(
          `the server copy is not a valid case: ${parsed.issues[0]?.path} ${parsed.issues[0]?.message}`,
        );
      await takeServer(db, rec, parsed.value, serverVersion, conn.base);
      return { state: 'synced', did: 'pulled', message: `Updated from ${conn.base}.` };
    }
    if (dirty)
      return await push(conn, db, rec, local.value, local.record.revision, rec.serverVersion);
    await mark(db, rec, { state: 'synced', message: `Up to date with ${conn.base}.` });
    return { state: 'synced', did: 'nothing', message: `Up to date with ${conn.base}.` };
  } catch (e) {
    const f = failure(e);
    const current = (await db.sync.get(caseId)) ?? rec;
    await mark(db, current, { state: f.state, message: f.message });
    return f;
  }
}

/** Syncs every case linked to this server; returns the outcomes by case id. */
export async function syncAll(conn: FhirConnection, db: NeuromodDb = appDb()) {
  const recs = await db.sync.where('caseId').above('').toArray();
  const out: Record<string, SyncOutcome> = {};
  for (const r of recs)
    if (r.server === conn.base) out[r.caseId] = await syncCase(conn, r.caseId, db);
  return out;
}

/**
 * Ends a conflict: `mine` pushes the local case over the server's newer version (checked
 * against that version, so a third edit in between is again a conflict); `theirs` replaces the
 * local case by the server's copy (audited).
 */
export async function resolveConflict(
  conn: FhirConnection,
  caseId: string,
  keep: 'mine' | 'theirs',
  db: NeuromodDb = appDb(),
): Promise<SyncOutcome> {
  const rec = await db.sync.get(caseId);
  if (!rec?.conflict)
    return { state: rec?.state ?? 'error', did: 'nothing', message: 'No conflict to resolve.' };
  try {
    if (keep === 'theirs') {
      await takeServer(
        db,
        rec,
        rec.conflict.serverCase as PatientCase,
        rec.conflict.serverVersion,
        conn.base,
      );
      return { state: 'synced', did: 'pulled', message: 'The server copy was taken.' };
    }
    const local = await loadCase(caseId, db);
    if (!local) return { state: 'error', did: 'failed', message: 'The local case is gone.' };
    const cleared: SyncRecord = { ...rec, state: 'pending' };
    delete cleared.conflict;
    return await push(
      conn,
      db,
      cleared,
      local.value,
      local.record.revision,
      rec.conflict.serverVersion,
    );
  } catch (e) {
    const f = failure(e);
    await mark(db, rec, { state: rec.state, message: f.message });
    return f;
  }
}

export interface ServerCase {
  caseId: string;
  recordId: string;
  pseudonym: string;
  version: string | null;
  date?: string | undefined;
  author?: string | undefined;
  patient?: string | undefined;
}

/** The case records on the server (optionally of one patient), newest first. */
export async function listServerCases(
  conn: FhirConnection,
  patient?: string,
): Promise<ServerCase[]> {
  const q = new URLSearchParams({
    identifier: `${CASE_RECORD_SYSTEM}|`,
    _count: '200',
    _sort: '-date',
  });
  if (patient) q.set('subject', patient);
  let res;
  try {
    res = await request(conn, 'GET', `DocumentReference?${q.toString()}`);
  } catch (e) {
    throw new Error(failure(e).message, { cause: e });
  }
  if (res.status !== 200)
    throw new FhirHttpError(
      res.status,
      failure(new FhirHttpError(res.status, outcomeText(res.json))).message,
    );
  const entries = (res.json?.entry as { resource?: Record<string, unknown> }[] | undefined) ?? [];
  return entries
    .map((e) => e.resource)
    .filter((r): r is Record<string, unknown> => !!r)
    .map((r) => {
      const id = (r.identifier as { system?: string; value?: string }[] | undefined)?.find(
        (i) => i.system === CASE_RECORD_SYSTEM,
      )?.value;
      return {
        caseId: id ?? '',
        recordId: String(r.id),
        pseudonym: String(r.description ?? '').replace(/^Case /, ''),
        version: versionOf(r),
        date: r.date as string | undefined,
        author: (r.author as { display?: string }[] | undefined)?.[0]?.display,
        patient: (r.subject as { reference?: string } | undefined)?.reference,
      };
    })
    .filter((c) => c.caseId);
}

/** Copies a case from the server into this browser and links it (local edits then sync back). */
export async function pullCase(
  conn: FhirConnection,
  caseId: string,
  db: NeuromodDb = appDb(),
): Promise<SyncOutcome> {
  const recordId = caseRecordId(caseId);
  try {
    const res = await request(conn, 'GET', `DocumentReference/${recordId}`);
    if (res.status !== 200) throw new FhirHttpError(res.status, outcomeText(res.json));
    const parsed = caseFromRecord(res.json);
    if (!parsed.ok)
      return {
        state: 'error',
        did: 'failed',
        message: `Not pulled: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      };
    const existing = await db.sync.get(caseId);
    const local = await loadCase(caseId, db);
    if (existing && local && local.record.revision > existing.syncedRevision)
      return await syncCase(conn, caseId, db);
    const rec: SyncRecord = existing ?? {
      caseId,
      server: conn.base,
      recordId,
      serverVersion: null,
      syncedRevision: 0,
      refs: [],
      auditSeq: 0,
      state: 'pending',
    };
    // resources the other browser pushed belong to this case too (deleted when they go)
    // a case of an EHR launch has the EHR's Patient as subject: this browser must not write it either
    const subject = (res.json?.subject as { reference?: string } | undefined)?.reference;
    const own = casePushPlan(parsed.value).patientRef;
    if (!rec.ehrPatient && subject && subject !== own) rec.ehrPatient = subject;
    const plan = casePushPlan(parsed.value, { ehrPatient: rec.ehrPatient });
    await db.sync.put({ ...rec, refs: plan.refs });
    await takeServer(db, { ...rec, refs: plan.refs }, parsed.value, versionOf(res.json), conn.base);
    return {
      state: 'synced',
      did: 'pulled',
      message: `Pulled ${parsed.value.pseudonym} from ${conn.base}.`,
    };
  } catch (e) {
    return failure(e);
  }
}

/** The EHR's Patient and its Conditions (an EHR launch's patient context). */
export async function readEhrContext(
  conn: FhirConnection,
  patientId: string,
): Promise<{ patient: EhrPatient; conditions: EhrCondition[] }> {
  const p = await request(conn, 'GET', `Patient/${encodeURIComponent(patientId)}`);
  if (p.status !== 200)
    throw new FhirHttpError(
      p.status,
      `Patient/${patientId} not read (${p.status}) ${outcomeText(p.json)}`,
    );
  const c = await request(
    conn,
    'GET',
    `Condition?${new URLSearchParams({ subject: `Patient/${patientId}`, _count: '200' }).toString()}`,
  );
  if (c.status !== 200)
    throw new FhirHttpError(c.status, `Conditions not read (${c.status}) ${outcomeText(c.json)}`);
  const conditions = ((c.json?.entry as { resource?: EhrCondition }[] | undefined) ?? [])
    .map((e) => e.resource)
    .filter((r): r is EhrCondition => r?.resourceType === 'Condition');
  return { patient: p.json as unknown as EhrPatient, conditions };
}
