/**
 * Issue #17 item 7: an attributable, tamper-evident audit trail. SHA-256 is checked against
 * the FIPS 180-2 Appendix B examples; tampering the way a script on the origin would (edit a
 * row, delete a row, delete the tail, rewrite one row's hash) must break the chain at a
 * named entry.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { declareV1, openDatabase, type NeuromodDb } from '../../../src/storage/db.ts';
import { sha256Hex } from '../../../src/storage/sha256.ts';
import {
  LEGACY_USER,
  NO_PROFILE_USER,
  hashAuditRow,
  saveUserProfile,
  verifyAuditChain,
} from '../../../src/storage/audit.ts';
import { auditFor, createCase, deleteCase, saveCase } from '../../../src/storage/cases.ts';
import { deleteScenario, saveScenario, scenarioAudit } from '../../../src/storage/scenarios.ts';
import { defaultScenario } from '../../../models/scenario.ts';

let db: NeuromodDb;
let n = 0;
beforeEach(async () => {
  db = openDatabase(`audit-test-${++n}-${Date.now()}`);
  await db.open();
});
afterEach(() => db.close());

async function someHistory() {
  await saveUserProfile({ name: 'Dr A. Reyes', role: 'physician' }, db);
  const c = await createCase('Wren-61', db);
  const v = structuredClone(c.value);
  v.demographics.ageYears = 61;
  v.painPhenotype = 'neuropathic';
  await saveCase(v, 1, { db });
  return c.value.id;
}

describe('SHA-256 (FIPS 180-2 Appendix B)', () => {
  it('hashes the standard examples', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('audit rows are attributed and chained', () => {
  it('names the user on every clinical change and chains the rows', async () => {
    const id = await someHistory();
    const rows = await auditFor(id, db);
    expect(rows.map((r) => [r.field, r.user?.name, r.user?.role])).toEqual([
      ['(case)', 'Dr A. Reyes', 'physician'],
      ['demographics.ageYears', 'Dr A. Reyes', 'physician'],
      ['painPhenotype', 'Dr A. Reyes', 'physician'],
    ]);
    for (const r of rows) expect(r.hash).toBe(hashAuditRow(r));
    expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 4 });
  });
  it('attributes changes made before a profile is set to "(no profile set)"', async () => {
    const c = await createCase('Kite-40', db);
    expect((await auditFor(c.value.id, db))[0]?.user).toEqual(NO_PROFILE_USER);
  });
  it('refuses a profile without a name, naming the field, and writes nothing', async () => {
    const r = await saveUserProfile({ name: '  ', role: 'surgeon' }, db);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path).sort()).toEqual(['name', 'role']);
    expect(await db.audit.count()).toBe(0);
  });
  it('audits scenario saves and deletes', async () => {
    await saveUserProfile({ name: 'Sam Lee', role: 'device_rep' }, db);
    const id = await saveScenario(defaultScenario(), 'scn-1', db);
    await saveScenario({ ...defaultScenario(), name: 'Renamed' }, id, db);
    await deleteScenario(id, db);
    const rows = await scenarioAudit(id, db);
    expect(rows.map((r) => [r.oldValue, r.newValue, r.user?.name])).toEqual([
      ['(none)', 'saved as "New SCS plan"', 'Sam Lee'],
      ['saved as "New SCS plan"', 'saved as "Renamed"', 'Sam Lee'],
      ['saved as "Renamed"', 'deleted', 'Sam Lee'],
    ]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});

describe('tampering breaks the chain at a named entry', () => {
  it('an edited row', async () => {
    await someHistory();
    await db.audit.update(3, { newValue: '16' });
    expect(await verifyAuditChain(db)).toEqual({
      ok: false,
      count: 4,
      brokenAtSeq: 3,
      message: 'Audit trail broken at entry 3: this entry was changed after it was written',
    });
  });
  it('an edited row whose hash was recomputed by the attacker', async () => {
    await someHistory();
    const row = (await db.audit.get(3))!;
    row.newValue = '16';
    row.hash = hashAuditRow(row);
    await db.audit.put(row);
    const r = await verifyAuditChain(db);
    expect(r).toMatchObject({ ok: false, brokenAtSeq: 4 });
  });
  it('a deleted row in the middle', async () => {
    await someHistory();
    await db.audit.delete(2);
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      brokenAtSeq: 3,
      message: 'Audit trail broken at entry 3: entry 2 is missing (removed)',
    });
  });
  it('deleted rows at the end', async () => {
    await someHistory();
    await db.audit.bulkDelete([3, 4]);
    const r = await verifyAuditChain(db);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.message).toMatch(/should end at entry 4 with 4 entries, but ends at entry 2/);
  });
  it('a deleted case keeps its trail, and the deletion is on it', async () => {
    const id = await someHistory();
    await deleteCase(id, db);
    expect((await auditFor(id, db)).at(-1)?.newValue).toBe('deleted');
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});

describe('upgrade from a database without a chain', () => {
  it('chains the rows a version-2 database holds, attributed to the legacy user', async () => {
    const name = `audit-upgrade-${Date.now()}`;
    const old = new Dexie(name);
    declareV1(old);
    old.version(2).stores({
      scenarios: 'id, name, therapy, updatedAt',
      cases: 'id, pseudonym, updatedAt',
      audit: '++seq, caseId, at',
      lessonProgress: 'slug',
      settings: 'key',
    });
    await old.open();
    await old.table('audit').bulkAdd([
      { at: 1, caseId: 'c1', field: '(case)', oldValue: '(none)', newValue: 'created' },
      { at: 2, caseId: 'c1', field: 'painPhenotype', oldValue: 'null', newValue: '"mixed"' },
    ]);
    old.close();
    const upgraded = openDatabase(name);
    await upgraded.open();
    const rows = await upgraded.audit.orderBy('seq').toArray();
    expect(rows.map((r) => r.user)).toEqual([LEGACY_USER, LEGACY_USER]);
    expect(await verifyAuditChain(upgraded)).toEqual({ ok: true, count: 2 });
    await createCase('New-1', upgraded);
    expect(await verifyAuditChain(upgraded)).toEqual({ ok: true, count: 3 });
    upgraded.close();
  });
});
