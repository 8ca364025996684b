/**
 * Patient cases in IndexedDB. Every write validates the case first (nothing invalid is
 * stored), runs in one Dexie transaction over `cases` and `audit`, bumps `revision`, and
 * appends one audit row per changed field (old → new). A save whose expected revision is not
 * the stored one is refused with the newer record, so two tabs never overwrite each other
 * silently; `watchCase` (Dexie liveQuery, which Dexie propagates between tabs) delivers the
 * other tab's changes.
 */
import { liveQuery } from 'dexie';
import {
  CaseSchema,
  formatIssues,
  newCase,
  parseCase,
  parseCaseText,
  type FieldIssue,
  type PatientCase,
} from '../../models/clinical/index.ts';
import {
  appDb,
  describeStorageError,
  type AuditRecord,
  type CaseRecord,
  type NeuromodDb,
} from './db.ts';
import { appendAudit, type AuditDraft } from './audit.ts';

export interface CaseSummary {
  id: string;
  pseudonym: string;
  updatedAt: number;
  revision: number;
}

export interface LoadedCase {
  record: CaseRecord;
  value: PatientCase;
}

export type SaveResult =
  | { ok: true; revision: number; changedFields: number }
  | { ok: false; kind: 'stale'; message: string; current: LoadedCase | null }
  | { ok: false; kind: 'invalid'; message: string; issues: FieldIssue[] }
  | { ok: false; kind: 'storage'; message: string };

export class StoredCaseError extends Error {
  constructor(
    message: string,
    readonly issues: FieldIssue[],
  ) {
    super(message);
    this.name = 'StoredCaseError';
  }
}

export function newCaseId(): string {
  return `case-${crypto.randomUUID()}`;
}

/** Flattens JSON into dotted path → JSON text of each leaf (arrays by index). */
export function flatten(
  value: unknown,
  prefix = '',
  out: Map<string, string> = new Map(),
): Map<string, string> {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value);
    if (entries.length === 0) out.set(prefix, JSON.stringify(value));
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== undefined) out.set(prefix, JSON.stringify(value));
  return out;
}

/** The field-level differences between two case documents, as audit rows without `seq`. */
export function diffForAudit(
  caseId: string,
  before: unknown,
  after: unknown,
  at: number,
  reason?: string,
): AuditDraft[] {
  const a = flatten(before);
  const b = flatten(after);
  const rows: AuditDraft[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const oldValue = a.get(key) ?? '(none)';
    const newValue = b.get(key) ?? '(none)';
    if (oldValue !== newValue)
      rows.push({ at, caseId, field: key, oldValue, newValue, ...(reason ? { reason } : {}) });
  }
  return rows;
}

function toLoaded(record: CaseRecord): LoadedCase {
  const parsed = parseCase(record.data);
  if (!parsed.ok) {
    throw new StoredCaseError(
      `Stored case ${record.id} is not readable:\n${formatIssues(parsed.issues)}`,
      parsed.issues,
    );
  }
  return { record, value: parsed.value };
}

export async function listCases(db: NeuromodDb = appDb()): Promise<CaseSummary[]> {
  const rows = await db.cases.orderBy('updatedAt').reverse().toArray();
  return rows.map(({ id, pseudonym, updatedAt, revision }) => ({
    id,
    pseudonym,
    updatedAt,
    revision,
  }));
}

export async function loadCase(id: string, db: NeuromodDb = appDb()): Promise<LoadedCase | null> {
  const r = await db.cases.get(id);
  return r ? toLoaded(r) : null;
}

/** Creates and stores a new, empty case; the creation is audited. */
export async function createCase(
  pseudonym: string,
  db: NeuromodDb = appDb(),
  now = new Date(),
): Promise<LoadedCase> {
  const value = newCase(newCaseId(), pseudonym.trim(), now);
  const parsed = CaseSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      path: i.path.map(String).join('.'),
      message: i.message,
    }));
    throw new StoredCaseError(`Case not created: ${formatIssues(issues)}`, issues);
  }
  const record: CaseRecord = {
    id: value.id,
    pseudonym: value.pseudonym,
    updatedAt: now.getTime(),
    revision: 1,
    data: parsed.data,
  };
  try {
    await db.transaction('rw', db.cases, db.audit, db.settings, async () => {
      await db.cases.add(record);
      await appendAudit(db, [
        {
          at: now.getTime(),
          caseId: value.id,
          field: '(case)',
          oldValue: '(none)',
          newValue: 'created',
        },
      ]);
    });
  } catch (e) {
    throw new Error(`Case not created: ${describeStorageError(e)}`, { cause: e });
  }
  return { record, value: parsed.data };
}

/**
 * Saves a new version of a case if the stored revision is still `expectedRevision`.
 * `reason` is written with every audit row of this save (used for HARD-rule overrides).
 */
export async function saveCase(
  value: PatientCase,
  expectedRevision: number,
  options: { reason?: string; db?: NeuromodDb; now?: number } = {},
): Promise<SaveResult> {
  const db = options.db ?? appDb();
  const parsed = parseCase(value);
  if (!parsed.ok) {
    return {
      ok: false,
      kind: 'invalid',
      message: `Not saved: ${formatIssues(parsed.issues)}`,
      issues: parsed.issues,
    };
  }
  const next = parsed.value;
  const at = options.now ?? Date.now();
  try {
    return await db.transaction(
      'rw',
      db.cases,
      db.audit,
      db.settings,
      async (): Promise<SaveResult> => {
        const current = await db.cases.get(next.id);
        if (!current)
          return {
            ok: false,
            kind: 'stale',
            message: 'This case no longer exists (deleted in another tab?).',
            current: null,
          };
        if (current.revision !== expectedRevision) {
          return {
            ok: false,
            kind: 'stale',
            message: `Not saved: this case was changed elsewhere (stored revision ${current.revision}, yours ${expectedRevision}). Load the newer version or overwrite it deliberately.`,
            current: toLoaded(current),
          };
        }
        const rows = diffForAudit(next.id, current.data, next, at, options.reason);
        if (rows.length === 0) return { ok: true, revision: current.revision, changedFields: 0 };
        const revision = current.revision + 1;
        await db.cases.put({
          id: next.id,
          pseudonym: next.pseudonym,
          updatedAt: at,
          revision,
          data: next,
        });
        await appendAudit(db, rows);
        return { ok: true, revision, changedFields: rows.length };
      },
    );
  } catch (e) {
    if (e instanceof StoredCaseError)
      return { ok: false, kind: 'invalid', message: e.message, issues: e.issues };
    return { ok: false, kind: 'storage', message: `Not saved: ${describeStorageError(e)}` };
  }
}

export async function deleteCase(id: string, db: NeuromodDb = appDb()): Promise<void> {
  try {
    await db.transaction('rw', db.cases, db.audit, db.settings, db.sync, async () => {
      await db.cases.delete(id);
      // the server's copy stays; only this browser's link to it goes
      await db.sync.delete(id);
      await appendAudit(db, [
        { at: Date.now(), caseId: id, field: '(case)', oldValue: 'present', newValue: 'deleted' },
      ]);
    });
  } catch (e) {
    throw new Error(`Case not deleted: ${describeStorageError(e)}`, { cause: e });
  }
}

export interface ImportIssue extends FieldIssue {
  file: string;
}

/** A file whose case id is already stored (typically the app's own export coming back). */
export interface ExistingCase {
  file: string;
  id: string;
  pseudonym: string;
  storedRevision: number;
  /** the file holds exactly what is stored */
  identical: boolean;
}

export type ImportResult =
  | { ok: true; imported: CaseSummary[]; updated: CaseSummary[]; unchanged: CaseSummary[] }
  | { ok: false; kind: 'invalid' | 'storage'; issues: ImportIssue[]; message: string }
  | { ok: false; kind: 'exists'; issues: []; existing: ExistingCase[]; message: string };

/**
 * What to do with a file whose case id is already stored: `ask` (the default) writes nothing
 * and reports the cases so the user can choose; `update` replaces the stored case with the
 * file (a new revision, audited field by field); `copy` imports it under a new id.
 */
export type ImportExisting = 'ask' | 'update' | 'copy';

/**
 * Imports case files (JSON text). All files are validated (with migration) first; on any
 * problem nothing is written. A case whose id is already stored is never duplicated or
 * replaced silently: see ImportExisting. One transaction for all writes.
 */
export async function importCases(
  files: readonly { name: string; text: string }[],
  db: NeuromodDb = appDb(),
  options: { onExisting?: ImportExisting } = {},
): Promise<ImportResult> {
  const onExisting = options.onExisting ?? 'ask';
  const issues: ImportIssue[] = [];
  const values: PatientCase[] = [];
  const names: string[] = [];
  for (const f of files) {
    const r = parseCaseText(f.text);
    if (r.ok) {
      values.push(r.value);
      names.push(f.name);
    } else issues.push(...r.issues.map((i) => ({ ...i, file: f.name })));
  }
  if (issues.length > 0 || values.length === 0) {
    return {
      ok: false,
      kind: 'invalid',
      issues,
      message:
        values.length === 0 && issues.length === 0
          ? 'No file to import.'
          : `Import refused: ${issues.length} problem(s); nothing was imported.`,
    };
  }
  if (onExisting === 'ask') {
    const existing: ExistingCase[] = [];
    for (const [i, v] of values.entries()) {
      const stored = await db.cases.get(v.id);
      if (stored)
        existing.push({
          file: names[i] ?? '',
          id: v.id,
          pseudonym: stored.pseudonym,
          storedRevision: stored.revision,
          identical: JSON.stringify(stored.data) === JSON.stringify(v),
        });
    }
    if (existing.length)
      return {
        ok: false,
        kind: 'exists',
        issues: [],
        existing,
        message: `${existing.map((e) => `${e.pseudonym} (${e.file})`).join(', ')} ${existing.length === 1 ? 'is' : 'are'} already stored${existing.every((e) => e.identical) ? ' with the same content' : ''}: update the stored case from the file, or import it as a separate copy. Nothing was imported.`,
      };
  }
  const now = Date.now();
  try {
    const updated: CaseSummary[] = [];
    const unchanged: CaseSummary[] = [];
    const imported = await db.transaction('rw', db.cases, db.audit, db.settings, async () => {
      const out: CaseSummary[] = [];
      for (const v of values) {
        const stored = await db.cases.get(v.id);
        if (stored && onExisting === 'update') {
          const rows = diffForAudit(v.id, stored.data, v, now, 'updated from an imported file');
          const summary = {
            id: v.id,
            pseudonym: v.pseudonym,
            updatedAt: rows.length ? now : stored.updatedAt,
            revision: rows.length ? stored.revision + 1 : stored.revision,
          };
          if (rows.length === 0) {
            unchanged.push(summary);
            continue;
          }
          await db.cases.put({ ...summary, data: v });
          await appendAudit(db, rows);
          updated.push(summary);
          continue;
        }
        const exists = stored !== undefined || out.some((o) => o.id === v.id);
        const value = exists ? { ...v, id: newCaseId() } : v;
        await db.cases.add({
          id: value.id,
          pseudonym: value.pseudonym,
          updatedAt: now,
          revision: 1,
          data: value,
        });
        await appendAudit(db, [
          {
            at: now,
            caseId: value.id,
            field: '(case)',
            oldValue: '(none)',
            newValue: exists ? `imported (copy of ${v.id})` : 'imported',
          },
        ]);
        out.push({ id: value.id, pseudonym: value.pseudonym, updatedAt: now, revision: 1 });
      }
      return out;
    });
    return { ok: true, imported, updated, unchanged };
  } catch (e) {
    return {
      ok: false,
      kind: 'storage',
      issues: [],
      message: `Import failed, nothing was imported: ${describeStorageError(e)}`,
    };
  }
}

export async function auditFor(caseId: string, db: NeuromodDb = appDb()): Promise<AuditRecord[]> {
  return db.audit.where('caseId').equals(caseId).sortBy('seq');
}

/** Calls `onChange` with the stored case now and after every change (this tab or another). */
export function watchCase(
  id: string,
  onChange: (c: LoadedCase | null, error?: string) => void,
  db: NeuromodDb = appDb(),
): () => void {
  const sub = liveQuery(() => db.cases.get(id)).subscribe({
    next: (r) => {
      try {
        onChange(r ? toLoaded(r) : null);
      } catch (e) {
        onChange(null, (e as Error).message);
      }
    },
    error: (e) => onChange(null, describeStorageError(e)),
  });
  return () => sub.unsubscribe();
}

export function watchCaseList(
  onChange: (list: CaseSummary[]) => void,
  db: NeuromodDb = appDb(),
): () => void {
  const sub = liveQuery(() => listCases(db)).subscribe({
    next: onChange,
    error: () => onChange([]),
  });
  return () => sub.unsubscribe();
}
