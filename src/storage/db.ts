/**
 * The app's IndexedDB database (Dexie). One database, versioned; every version's schema stays
 * declared here so that any older database upgrades step by step without losing a record.
 *
 * v1: scenarios {id, name, savedAt, scenario}, cases {id, pseudonym, savedAt, data}
 * v2: `savedAt` becomes `updatedAt` (indexed), scenarios gain an indexed `therapy`, and the
 *     audit log, lesson progress and settings tables appear.
 * v3: audit rows are attributed (`user`) and hash-chained (`prevHash`, `hash`; audit.ts);
 *     scenario saves and deletes are audited (indexed `scenarioId`). Rows already stored are
 *     chained in seq order during the upgrade, attributed to LEGACY_USER.
 * (Lead fields are cached by the compute workers in a database of their own.)
 */
import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { Scenario } from '../../models/scenario.ts';
import { AUDIT_HEAD_KEY, GENESIS_HASH, LEGACY_USER, hashAuditRow } from './audit.ts';

export const DB_NAME = 'neuromod-planner';
export const DB_VERSION = 4;

export interface ScenarioRecord {
  id: string;
  name: string;
  therapy: Scenario['therapy'];
  updatedAt: number;
  /** the parsed scenario (schema-validated before every write) */
  scenario: Scenario;
  /** result snapshot pinned with the scenario, if any */
  resultJson?: string;
}

/** A patient case; `data` is the versioned case document of models/clinical. */
export interface CaseRecord {
  id: string;
  pseudonym: string;
  updatedAt: number;
  /** increases by one on every write; a stale write is refused (two tabs never overwrite silently) */
  revision: number;
  data: unknown;
}

/** The person a change is attributed to (the local user profile, audit.ts). */
export interface AuditUser {
  name: string;
  role: string;
}

export interface AuditRecord {
  seq?: number;
  at: number;
  /** the case changed ('' for scenario and profile rows) */
  caseId: string;
  /** the scenario saved or deleted */
  scenarioId?: string;
  /** dotted path of the changed field */
  field: string;
  oldValue: string;
  newValue: string;
  reason?: string;
  user?: AuditUser;
  /** hash of the previous row (audit.ts GENESIS_HASH for the first) */
  prevHash?: string;
  /** SHA-256 of this row's canonical JSON without `hash` */
  hash?: string;
}

export interface LessonProgressRecord {
  slug: string;
  updatedAt: number;
  /** the last answer checked per question id */
  answers: Record<string, string>;
  /** every question answered right, at whatever try */
  completed: boolean;
  /** tries and hints per question id (src/learn/questions.ts); absent in records saved before */
  questions?: Record<
    string,
    { tries: number; hintUsed: boolean; solved: boolean; legacy?: boolean | undefined }
  >;
  /** how often the lesson was started again; seeds the order of the options (absent: 0) */
  round?: number;
}

/** How a local case stands against the team's FHIR server (src/storage/fhirSync.ts). */
export interface SyncRecord {
  caseId: string;
  /** FHIR base URL the case is linked to */
  server: string;
  /** id of the case record (DocumentReference) on the server */
  recordId: string;
  /** server version of the case record at the last sync (null before the first push) */
  serverVersion: string | null;
  /** local revision at the last sync (0 before the first); a higher revision waits to sync */
  syncedRevision: number;
  /** `Type/id` of every resource of the last push */
  refs: string[];
  /** highest audit seq of this case already on the server as Provenance */
  auditSeq: number;
  /** `Patient/<id>` of the EHR's patient when the case came from an EHR launch */
  ehrPatient?: string;
  state: 'synced' | 'pending' | 'conflict' | 'refused' | 'error';
  message?: string;
  checkedAt?: number;
  /** the server's copy when both sides changed */
  conflict?: {
    serverVersion: string;
    serverCase: unknown;
    by?: string;
    at?: string;
    fields: string[];
    /** leaf values that differ, here and on the server (JSON text; at most 12) */
    changes?: { path: string; here: string | null; server: string | null }[];
  };
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

export type NeuromodDb = Dexie & {
  scenarios: EntityTable<ScenarioRecord, 'id'>;
  cases: EntityTable<CaseRecord, 'id'>;
  audit: EntityTable<AuditRecord, 'seq'>;
  lessonProgress: EntityTable<LessonProgressRecord, 'slug'>;
  settings: EntityTable<SettingRecord, 'key'>;
  sync: EntityTable<SyncRecord, 'caseId'>;
};

/** Version 1 as it shipped; kept so upgrades from it run (and are tested). */
export function declareV1(db: Dexie): void {
  db.version(1).stores({ scenarios: 'id, name, savedAt', cases: 'id, pseudonym, savedAt' });
}

async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table('scenarios')
    .toCollection()
    .modify((r: Record<string, unknown>) => {
      r.updatedAt = typeof r.savedAt === 'number' ? r.savedAt : Date.now();
      delete r.savedAt;
      const s = r.scenario as { therapy?: unknown } | undefined;
      r.therapy = typeof s?.therapy === 'string' ? s.therapy : 'SCS';
    });
  await tx
    .table('cases')
    .toCollection()
    .modify((r: Record<string, unknown>) => {
      r.updatedAt = typeof r.savedAt === 'number' ? r.savedAt : Date.now();
      delete r.savedAt;
      r.revision = typeof r.revision === 'number' ? r.revision : 1;
    });
}

export function declareSchema(db: Dexie): void {
  declareV1(db);
  db.version(2)
    .stores({
      scenarios: 'id, name, therapy, updatedAt',
      cases: 'id, pseudonym, updatedAt',
      audit: '++seq, caseId, at',
      lessonProgress: 'slug',
      settings: 'key',
    })
    .upgrade(upgradeToV2);
  db.version(3)
    .stores({
      scenarios: 'id, name, therapy, updatedAt',
      cases: 'id, pseudonym, updatedAt',
      audit: '++seq, caseId, scenarioId, at',
      lessonProgress: 'slug',
      settings: 'key',
    })
    .upgrade(upgradeToV3);
  db.version(4).stores({
    scenarios: 'id, name, therapy, updatedAt',
    cases: 'id, pseudonym, updatedAt',
    audit: '++seq, caseId, scenarioId, at',
    lessonProgress: 'slug',
    settings: 'key',
    sync: 'caseId, state',
  });
}

/** Chains the rows already stored, in seq order (synchronous hashing: the upgrade stays one transaction). */
async function upgradeToV3(tx: Transaction): Promise<void> {
  let prevHash = GENESIS_HASH;
  let seq = 0;
  let count = 0;
  await tx
    .table('audit')
    .toCollection()
    .modify((r: AuditRecord) => {
      r.user = r.user ?? { ...LEGACY_USER };
      r.prevHash = prevHash;
      r.hash = hashAuditRow(r);
      prevHash = r.hash;
      seq = r.seq ?? seq;
      count++;
    });
  if (count > 0)
    await tx.table('settings').put({ key: AUDIT_HEAD_KEY, value: { seq, hash: prevHash, count } });
}

export type StorageProblem =
  | { kind: 'quota'; message: string }
  | { kind: 'blocked'; message: string }
  | { kind: 'versionchange'; message: string }
  | { kind: 'unavailable'; message: string }
  | { kind: 'persist-denied'; message: string }
  | { kind: 'link-refused'; message: string }
  | { kind: 'audit-broken'; message: string }
  | { kind: 'plan-refused'; message: string };

type Listener = (p: StorageProblem) => void;
const listeners = new Set<Listener>();
/** problems reported while nobody listened yet (at start-up, before the banner mounts) */
const unheard: StorageProblem[] = [];

/** Subscribes to storage problems the user must see (the app shows them in a banner). */
export function onStorageProblem(listener: Listener): () => void {
  listeners.add(listener);
  for (const p of unheard.splice(0)) listener(p);
  return () => listeners.delete(listener);
}

export function reportStorageProblem(p: StorageProblem): void {
  if (listeners.size === 0 && unheard.length < 20) unheard.push(p);
  for (const l of listeners) l(p);
}

/** Turns an IndexedDB/Dexie error into a message naming what happened; re-reports quota errors. */
export function describeStorageError(e: unknown): string {
  const name = (e as { name?: string })?.name ?? '';
  const inner = (e as { inner?: { name?: string } })?.inner?.name ?? '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
    const message =
      'The browser refused to store more data (storage quota exceeded). Export and delete old scenarios or cases, or allow more storage for this site.';
    reportStorageProblem({ kind: 'quota', message });
    return message;
  }
  return (e as Error)?.message ?? String(e);
}

export function openDatabase(name = DB_NAME): NeuromodDb {
  const db = new Dexie(name) as NeuromodDb;
  declareSchema(db);
  db.on('blocked', () => {
    reportStorageProblem({
      kind: 'blocked',
      message:
        'The database upgrade is waiting: another tab of Neuromod Planner holds an older version open. Close the other tabs to continue.',
    });
  });
  db.on('versionchange', () => {
    db.close();
    reportStorageProblem({
      kind: 'versionchange',
      message:
        'A newer version of Neuromod Planner was opened in another tab. Reload this tab to keep working with your data.',
    });
    return false;
  });
  return db;
}

let shared: NeuromodDb | null = null;

/** The app's database, opened once. */
export function appDb(): NeuromodDb {
  shared ??= openDatabase();
  return shared;
}

/** Asks the browser to keep our data under storage pressure; reports when it says no. */
export async function requestPersistentStorage(): Promise<boolean> {
  if (typeof navigator === 'undefined' || !navigator.storage?.persist) return false;
  try {
    if (await navigator.storage.persisted()) return true;
    const granted = await navigator.storage.persist();
    if (!granted) {
      reportStorageProblem({
        kind: 'persist-denied',
        message:
          'The browser did not grant persistent storage: it may evict this data under storage pressure. Export your cases regularly.',
      });
    }
    return granted;
  } catch (e) {
    reportStorageProblem({ kind: 'unavailable', message: describeStorageError(e) });
    return false;
  }
}
