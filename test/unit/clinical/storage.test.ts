import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openDatabase, type NeuromodDb } from '../../../src/storage/db.ts';
import {
  auditFor,
  createCase,
  importCases,
  listCases,
  loadCase,
  saveCase,
  watchCase,
} from '../../../src/storage/cases.ts';

const example = readFileSync('test/fixtures/case-example.json', 'utf8');
let db: NeuromodDb;
let n = 0;
beforeEach(async () => {
  db = openDatabase(`cases-test-${++n}`);
  await db.open();
});
afterEach(async () => {
  db.close();
});

describe('case storage', () => {
  it('creates, saves with an audit row per changed field, and bumps the revision', async () => {
    const c = await createCase('Wren-61', db);
    const v = structuredClone(c.value);
    v.demographics.ageYears = 61;
    v.painPhenotype = 'neuropathic';
    const r = await saveCase(v, 1, { db, now: 1000 });
    expect(r).toEqual({ ok: true, revision: 2, changedFields: 2 });
    const audit = await auditFor(c.value.id, db);
    expect(audit.map((a) => [a.field, a.oldValue, a.newValue])).toEqual([
      ['(case)', '(none)', 'created'],
      ['demographics.ageYears', 'null', '61'],
      ['painPhenotype', 'null', '"neuropathic"'],
    ]);
    expect((await loadCase(c.value.id, db))?.record.revision).toBe(2);
  });
  it('refuses a stale save and offers the newer version (two tabs)', async () => {
    const c = await createCase('Wren-61', db);
    const tabA = structuredClone(c.value);
    const tabB = structuredClone(c.value);
    tabA.demographics.ageYears = 61;
    expect((await saveCase(tabA, 1, { db })).ok).toBe(true);
    tabB.demographics.ageYears = 16;
    const stale = await saveCase(tabB, 1, { db });
    expect(stale.ok).toBe(false);
    if (stale.ok || stale.kind !== 'stale') throw new Error('expected a stale refusal');
    expect(stale.message).toMatch(/changed elsewhere/);
    expect(stale.current?.value.demographics.ageYears).toBe(61);
    expect((await loadCase(c.value.id, db))?.value.demographics.ageYears).toBe(61);
  });
  it('writes the override reason into the audit log', async () => {
    const c = await createCase('Wren-61', db);
    const v = structuredClone(c.value);
    v.selection.overrides.push({
      ruleId: 'can_operate_device',
      reason: 'Caregiver will operate it',
      at: '2026-01-01T00:00:00Z',
    });
    await saveCase(v, 1, { db, reason: 'Caregiver will operate it' });
    const audit = await auditFor(c.value.id, db);
    expect(
      audit
        .filter((a) => a.field.startsWith('selection.overrides.0'))
        .every((a) => a.reason === 'Caregiver will operate it'),
    ).toBe(true);
  });
  it('refuses an invalid case without writing', async () => {
    const c = await createCase('Wren-61', db);
    const v = structuredClone(c.value) as unknown as { demographics: { ageYears: number } };
    v.demographics.ageYears = 400;
    const r = await saveCase(v as never, 1, { db });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.kind).toBe('invalid');
    expect((await loadCase(c.value.id, db))?.record.revision).toBe(1);
  });
  it('imports valid files in one go, and refuses all of them when one is bad', async () => {
    const bad = JSON.parse(example) as { case: { trial: { diary: { avgNrs: number }[] } } };
    bad.case.trial.diary[0]!.avgNrs = 11;
    const refused = await importCases(
      [
        { name: 'good.json', text: example },
        { name: 'bad.json', text: JSON.stringify(bad) },
      ],
      db,
    );
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.issues).toEqual([
      expect.objectContaining({ file: 'bad.json', path: 'case.trial.diary.0.avgNrs' }),
    ]);
    expect(await listCases(db)).toEqual([]);
    const ok = await importCases([{ name: 'good.json', text: example }], db);
    expect(ok.ok).toBe(true);
    // Re-importing the app's own export is detected and offered as an update, not duplicated.
    const again = await importCases([{ name: 'good.json', text: example }], db);
    expect(again).toMatchObject({
      ok: false,
      kind: 'exists',
      existing: [{ id: 'case-example-0001', identical: true, storedRevision: 1 }],
    });
    expect(await listCases(db)).toHaveLength(1);
    const same = await importCases([{ name: 'good.json', text: example }], db, {
      onExisting: 'update',
    });
    expect(same.ok && same.unchanged.map((c) => c.revision)).toEqual([1]);
    const edited = example.replace('"ageYears": 54', '"ageYears": 55');
    const upd = await importCases([{ name: 'edited.json', text: edited }], db, {
      onExisting: 'update',
    });
    expect(upd.ok && upd.updated).toEqual([expect.objectContaining({ revision: 2 })]);
    expect((await loadCase('case-example-0001', db))?.value.demographics.ageYears).toBe(55);
    expect((await auditFor('case-example-0001', db)).at(-1)).toMatchObject({
      field: 'demographics.ageYears',
      oldValue: '54',
      newValue: '55',
    });
    const copy = await importCases([{ name: 'good.json', text: example }], db, {
      onExisting: 'copy',
    });
    expect(copy.ok && copy.imported[0]?.id).not.toBe('case-example-0001');
    expect(await listCases(db)).toHaveLength(2);
  });
  it('property: an import of arbitrary text either stores valid cases or writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.json(), fc.constant(example.replace('"Heron-54"', '""'))),
        async (text) => {
          const before = await db.cases.count();
          const r = await importCases([{ name: 'x.json', text }], db);
          const after = await db.cases.count();
          expect(after).toBe(r.ok ? before + 1 : before);
        },
      ),
      { numRuns: 60 },
    );
  });
  it('watchCase delivers changes made through another connection (another tab)', async () => {
    const c = await createCase('Wren-61', db);
    const other = openDatabase(db.name);
    const seen: (number | null)[] = [];
    const done = new Promise<void>((resolve) => {
      const stop = watchCase(
        c.value.id,
        (lc) => {
          seen.push(lc?.value.demographics.ageYears ?? null);
          if (lc?.record.revision === 2) {
            stop();
            resolve();
          }
        },
        db,
      );
    });
    const v = structuredClone(c.value);
    v.demographics.ageYears = 70;
    await saveCase(v, 1, { db: other });
    await done;
    other.close();
    expect(seen.at(-1)).toBe(70);
  });
});
