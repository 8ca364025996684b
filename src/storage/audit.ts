/**
 * The audit trail: one append-only, hash-chained table for every clinical change (cases) and
 * every scenario save or delete, each row attributed to the local user profile.
 *
 * Row n stores `prevHash` (row n−1's hash; GENESIS_HASH for the first) and `hash` =
 * SHA-256 of the row's canonical JSON without `hash`. The head (last seq, hash, row count) is
 * kept in `settings` and written in the same transaction. `verifyAuditChain` recomputes the
 * chain: an edited row, a removed row or a removed tail breaks it at a named row.
 *
 * Limits (stated in the README): this is tamper-evident, not tamper-proof. Anything running
 * on the app's origin can rewrite the whole chain and its head consistently; only a copy held
 * elsewhere (an exported trail, the team's FHIR server) can show that.
 */
import { z } from 'zod';
import { canonicalJson } from '../../models/scenario.ts';
import type { AuditRecord, AuditUser, NeuromodDb } from './db.ts';
import { sha256Hex } from './sha256.ts';

export const GENESIS_HASH = '0'.repeat(64);
export const AUDIT_HEAD_KEY = 'auditHead';
export const USER_PROFILE_KEY = 'userProfile';

/** Roles of the people who use the records (DESIGN.md users table). */
export const USER_ROLES = [
  'physician',
  'nurse',
  'psychologist',
  'trainee',
  'device_rep',
  'other',
] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const USER_ROLE_LABELS: Readonly<Record<UserRole, string>> = {
  physician: 'Physician',
  nurse: 'Nurse',
  psychologist: 'Psychologist',
  trainee: 'Trainee (fellow, resident)',
  device_rep: 'Device representative',
  other: 'Other',
};

export const UserProfileSchema = z.object({
  name: z.string().trim().min(1, 'a name is required').max(80, 'at most 80 characters'),
  role: z.enum(USER_ROLES, { error: `must be one of ${USER_ROLES.join(', ')}` }),
});
export type UserProfile = z.infer<typeof UserProfileSchema>;

/** Who a change is attributed to while no profile has been set on this browser. */
export const NO_PROFILE_USER: AuditUser = { name: '(no profile set)', role: 'other' };
/** Who rows written before user profiles existed are attributed to (database upgrade to v3). */
export const LEGACY_USER: AuditUser = { name: '(recorded before user profiles)', role: 'other' };

export interface AuditHead {
  seq: number;
  hash: string;
  count: number;
}

/** An audit row before it is chained. */
export type AuditDraft = Omit<AuditRecord, 'seq' | 'user' | 'prevHash' | 'hash'>;

/** The hash of a chained row: SHA-256 of its canonical JSON without `hash`. */
export function hashAuditRow(row: AuditRecord): string {
  const { hash: _hash, ...rest } = row;
  return sha256Hex(canonicalJson(rest));
}

/** Chains drafts after `previous` (or the genesis) as `user`; pure, for writes and upgrades. */
export function chainRows(
  drafts: readonly AuditDraft[],
  previous: { seq: number; hash: string } | null,
  user: AuditUser,
): AuditRecord[] {
  let seq = previous?.seq ?? 0;
  let prevHash = previous?.hash ?? GENESIS_HASH;
  return drafts.map((d) => {
    seq++;
    const row: AuditRecord = { ...d, seq, user: { ...user }, prevHash };
    row.hash = hashAuditRow(row);
    prevHash = row.hash;
    return row;
  });
}

export async function readUserProfile(db: NeuromodDb): Promise<UserProfile | null> {
  const stored = await db.settings.get(USER_PROFILE_KEY);
  const parsed = UserProfileSchema.safeParse(stored?.value);
  return parsed.success ? parsed.data : null;
}

/**
 * Appends rows to the chain. Must run inside a Dexie transaction over `audit` and `settings`
 * (the caller's, together with the change it records), and awaits nothing else.
 */
export async function appendAudit(db: NeuromodDb, drafts: readonly AuditDraft[]): Promise<void> {
  if (drafts.length === 0) return;
  const last = await db.audit.orderBy('seq').last();
  const head = (await db.settings.get(AUDIT_HEAD_KEY))?.value as AuditHead | undefined;
  const user = (await readUserProfile(db)) ?? NO_PROFILE_USER;
  const previous =
    last && typeof last.seq === 'number'
      ? { seq: last.seq, hash: typeof last.hash === 'string' ? last.hash : GENESIS_HASH }
      : null;
  const rows = chainRows(drafts, previous, user);
  await db.audit.bulkAdd(rows);
  const tail = rows[rows.length - 1] as AuditRecord;
  const nextHead: AuditHead = {
    seq: tail.seq as number,
    hash: tail.hash as string,
    count: (head?.count ?? (last ? (await db.audit.count()) - rows.length : 0)) + rows.length,
  };
  await db.settings.put({ key: AUDIT_HEAD_KEY, value: nextHead });
}

/**
 * Sets the local user profile (validated); the change is itself audited. Returns the field
 * issues when the profile is refused (nothing is written then).
 */
export async function saveUserProfile(
  input: unknown,
  db: NeuromodDb,
  now = Date.now(),
): Promise<
  { ok: true; profile: UserProfile } | { ok: false; issues: { path: string; message: string }[] }
> {
  const parsed = UserProfileSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({
        path: i.path.map(String).join('.') || '(profile)',
        message: i.message,
      })),
    };
  }
  await db.transaction('rw', db.audit, db.settings, async () => {
    const before = await readUserProfile(db);
    await db.settings.put({ key: USER_PROFILE_KEY, value: parsed.data });
    await appendAudit(db, [
      {
        at: now,
        caseId: '',
        field: '(user profile)',
        oldValue: before ? `${before.name} (${before.role})` : '(none)',
        newValue: `${parsed.data.name} (${parsed.data.role})`,
      },
    ]);
  });
  return { ok: true, profile: parsed.data };
}

export type ChainStatus =
  | { ok: true; count: number }
  | { ok: false; count: number; brokenAtSeq: number | null; message: string };

/** Recomputes the whole chain and compares it with the stored head. */
export async function verifyAuditChain(db: NeuromodDb): Promise<ChainStatus> {
  const rows = await db.audit.orderBy('seq').toArray();
  const head = (await db.settings.get(AUDIT_HEAD_KEY))?.value as AuditHead | undefined;
  return verifyRows(rows, head ?? null);
}

/** The chain check on rows in seq order (pure; exported for exports and tests). */
export function verifyRows(rows: readonly AuditRecord[], head: AuditHead | null): ChainStatus {
  let prev = GENESIS_HASH;
  let prevSeq = 0;
  for (const row of rows) {
    const seq = typeof row.seq === 'number' ? row.seq : null;
    const broken = (message: string): ChainStatus => ({
      ok: false,
      count: rows.length,
      brokenAtSeq: seq,
      message: `Audit trail broken at entry ${seq ?? '?'}: ${message}`,
    });
    if (seq === null || seq !== prevSeq + 1)
      return broken(`entry ${prevSeq + 1} is missing (removed)`);
    if (row.prevHash !== prev) return broken('the entry before it was changed or removed');
    if (row.hash !== hashAuditRow(row))
      return broken('this entry was changed after it was written');
    prev = row.hash;
    prevSeq = seq;
  }
  if (rows.length > 0 || head) {
    if (!head || head.hash !== prev || head.count !== rows.length || head.seq !== prevSeq) {
      return {
        ok: false,
        count: rows.length,
        brokenAtSeq: head ? head.seq : null,
        message: head
          ? `Audit trail broken: it should end at entry ${head.seq} with ${head.count} entries, but ends at entry ${prevSeq} with ${rows.length} (entries at the end were removed or added outside the app)`
          : 'Audit trail broken: its recorded end is missing',
      };
    }
  }
  return { ok: true, count: rows.length };
}
