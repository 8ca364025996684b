/**
 * Issue #17 item 7: the chain is checked on export and when the audit view opens. An intact
 * trail exports with `chain.ok`; a tampered one still exports (the evidence is kept) but the
 * file, its name and the app-wide banner all say where it broke. Scenario saves and deletes
 * and case changes carry the profile's user.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  onStorageProblem,
  openDatabase,
  type NeuromodDb,
  type StorageProblem,
} from '../../../src/storage/db.ts';
import { saveUserProfile } from '../../../src/storage/audit.ts';
import { checkAuditChain, exportAuditTrail } from '../../../src/storage/auditCheck.ts';
import { createCase, saveCase } from '../../../src/storage/cases.ts';
import { deleteScenario, saveScenario } from '../../../src/storage/scenarios.ts';
import { defaultScenario } from '../../../models/scenario.ts';

let db: NeuromodDb;
let n = 0;
const problems: StorageProblem[] = [];
let stopListening: () => void;
beforeEach(async () => {
  db = openDatabase(`audit-check-${++n}-${Date.now()}`);
  await db.open();
  problems.length = 0;
  stopListening = onStorageProblem((p) => problems.push(p));
});
afterEach(() => {
  stopListening();
  db.close();
});

async function history() {
  await saveUserProfile({ name: 'N. Osei', role: 'nurse' }, db);
  const c = await createCase('Heron-44', db);
  const v = structuredClone(c.value);
  v.demographics.ageYears = 44;
  await saveCase(v, 1, { db });
  const sid = await saveScenario(defaultScenario('PNS'), undefined, db);
  await deleteScenario(sid, db);
}

describe('audit trail export and check', () => {
  it('an intact trail: every row carries the user, the file says the chain holds', async () => {
    await history();
    const f = await exportAuditTrail(db, new Date('2026-12-02T10:00:00Z'));
    expect(f.status).toEqual({ ok: true, count: 5 });
    expect(f.name).toBe('neuromod-audit-trail-2026-12-02.json');
    const file = JSON.parse(f.text);
    expect(file.kind).toBe('neuromod-audit-trail');
    expect(file.chain).toEqual({ ok: true, count: 5 });
    expect(file.head).toMatchObject({ seq: 5, count: 5 });
    expect(file.rows.map((r: { field: string }) => r.field)).toEqual([
      '(user profile)',
      '(case)',
      'demographics.ageYears',
      '(scenario)',
      '(scenario)',
    ]);
    for (const r of file.rows) expect(r.user).toEqual({ name: 'N. Osei', role: 'nurse' });
    expect(file.rows.at(-1).newValue).toBe('deleted');
    expect(problems).toEqual([]);
  });

  it('an edited row: the export keeps it, names the entry, and the banner is told', async () => {
    await history();
    await db.audit.update(3, { newValue: '45' });
    const f = await exportAuditTrail(db, new Date('2026-12-02T10:00:00Z'));
    expect(f.status).toMatchObject({ ok: false, brokenAtSeq: 3 });
    expect(f.name).toBe('neuromod-audit-trail-2026-12-02-BROKEN.json');
    expect(JSON.parse(f.text).chain.message).toBe(
      'Audit trail broken at entry 3: this entry was changed after it was written',
    );
    expect(problems).toEqual([
      {
        kind: 'audit-broken',
        message: 'Audit trail broken at entry 3: this entry was changed after it was written',
      },
    ]);
  });

  it('a deleted row is found by the check the audit view runs', async () => {
    await history();
    await db.audit.delete(2);
    const status = await checkAuditChain(db);
    expect(status).toMatchObject({ ok: false, brokenAtSeq: 3 });
    expect(problems[0]?.message).toBe(
      'Audit trail broken at entry 3: entry 2 is missing (removed)',
    );
  });
});
