/**
 * The audit chain checked where it is read: when the audit view opens and before any export.
 * A broken chain is said app-wide (the storage banner) as well as where it was found; the
 * exported trail carries the result of the check and the head it was checked against.
 */
import { canonicalJson } from '../../models/scenario.ts';
import { AUDIT_HEAD_KEY, verifyRows, type AuditHead, type ChainStatus } from './audit.ts';
import { appDb, reportStorageProblem, type AuditRecord, type NeuromodDb } from './db.ts';

/** Recomputes the chain; a broken one is also reported to the app-wide banner. */
export async function checkAuditChain(db: NeuromodDb = appDb()): Promise<ChainStatus> {
  const { status } = await readCheckedTrail(db);
  return status;
}

async function readCheckedTrail(
  db: NeuromodDb,
): Promise<{ rows: AuditRecord[]; head: AuditHead | null; status: ChainStatus }> {
  const { rows, head } = await db.transaction('r', db.audit, db.settings, async () => ({
    rows: await db.audit.orderBy('seq').toArray(),
    head: ((await db.settings.get(AUDIT_HEAD_KEY))?.value as AuditHead | undefined) ?? null,
  }));
  const status = verifyRows(rows, head);
  if (!status.ok) reportStorageProblem({ kind: 'audit-broken', message: status.message });
  return { rows, head, status };
}

export interface AuditTrailExport {
  kind: 'neuromod-audit-trail';
  exportedAt: string;
  /** the check made while exporting: whether the chain held, and where it broke */
  chain: ChainStatus;
  head: AuditHead | null;
  rows: AuditRecord[];
}

/**
 * The whole audit trail as a JSON file, checked first. Kept elsewhere (another machine, the
 * team's server), it is what can later show that the trail on this device was rewritten.
 */
export async function exportAuditTrail(
  db: NeuromodDb = appDb(),
  now = new Date(),
): Promise<{ status: ChainStatus; name: string; text: string }> {
  const { rows, head, status } = await readCheckedTrail(db);
  const file: AuditTrailExport = {
    kind: 'neuromod-audit-trail',
    exportedAt: now.toISOString(),
    chain: status,
    head,
    rows,
  };
  const stamp = now.toISOString().slice(0, 10);
  return {
    status,
    name: `neuromod-audit-trail-${stamp}${status.ok ? '' : '-BROKEN'}.json`,
    text: `${JSON.stringify(JSON.parse(canonicalJson(file)), null, 2)}\n`,
  };
}
