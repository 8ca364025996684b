import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { declareV1, DB_VERSION, openDatabase } from '../../../src/storage/db.ts';
import {
  listScenarios,
  loadScenario,
  saveScenario,
  StoredScenarioError,
} from '../../../src/storage/scenarios.ts';
import { defaultScenario } from '../../../models/scenario.ts';

let n = 0;
const names: string[] = [];
function freshName() {
  const name = `test-db-${++n}-${Date.now()}`;
  names.push(name);
  return name;
}
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

describe('storage', () => {
  it('upgrades a v1 database to v2 keeping every record', async () => {
    const name = freshName();
    const v1 = new Dexie(name);
    declareV1(v1);
    const scenarios = Array.from({ length: 25 }, (_, i) => ({
      id: `s${i}`,
      name: `Scenario ${i}`,
      savedAt: 1_700_000_000_000 + i,
      scenario: defaultScenario(i % 2 ? 'DRG' : 'SCS'),
    }));
    const cases = Array.from({ length: 10 }, (_, i) => ({
      id: `c${i}`,
      pseudonym: `P-${i}`,
      savedAt: 1_700_000_000_000 + i,
      data: { note: `case ${i}` },
    }));
    await v1.table('scenarios').bulkAdd(scenarios);
    await v1.table('cases').bulkAdd(cases);
    v1.close();

    const db = openDatabase(name);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    const s = await db.scenarios.orderBy('id').toArray();
    expect(s).toHaveLength(25);
    for (const r of s) {
      const i = Number(r.id.slice(1));
      expect(r.updatedAt).toBe(1_700_000_000_000 + i);
      expect(r.therapy).toBe(i % 2 ? 'DRG' : 'SCS');
      expect(r.name).toBe(`Scenario ${i}`);
      expect(r.scenario).toEqual(scenarios[i]!.scenario);
      expect('savedAt' in r).toBe(false);
    }
    const c = await db.cases.toArray();
    expect(c).toHaveLength(10);
    expect(c.every((r) => r.revision === 1 && typeof r.updatedAt === 'number')).toBe(true);
    expect(await db.scenarios.where('therapy').equals('DRG').count()).toBe(12);
    db.close();
  });

  it('stores a scenario, reads it back after reopening, and refuses an invalid one without writing', async () => {
    const name = freshName();
    let db = openDatabase(name);
    const id = await saveScenario(defaultScenario('PNS'), undefined, db);
    const bad = {
      ...defaultScenario('SCS'),
      program: { ...defaultScenario('SCS').program, amplitudeMa: 'x' },
    };
    await expect(saveScenario(bad, undefined, db)).rejects.toThrow(/program.amplitudeMa/);
    db.close();
    db = openDatabase(name);
    expect(await loadScenario(id, db)).toEqual(defaultScenario('PNS'));
    expect((await listScenarios(db)).map((s) => s.id)).toEqual([id]);
    db.close();
  });

  it('reports a damaged stored record by field instead of loading it', async () => {
    const name = freshName();
    const db = openDatabase(name);
    const id = await saveScenario(defaultScenario('SCS'), undefined, db);
    await db.scenarios.update(id, { 'scenario.program.rateHz': -5 } as never);
    const err = await loadScenario(id, db).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoredScenarioError);
    expect((err as StoredScenarioError).issues.map((i) => i.path)).toEqual(['program.rateHz']);
    db.close();
  });
});

describe('storage problems reach the user', () => {
  it('reports a blocked upgrade while an older connection stays open', async () => {
    const { onStorageProblem } = await import('../../../src/storage/db.ts');
    const name = freshName();
    // an old tab: a raw v1 connection that ignores versionchange
    const old = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, 10); // Dexie stores version n as n × 10
      req.onupgradeneeded = () => req.result.createObjectStore('scenarios', { keyPath: 'id' });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const seen: string[] = [];
    const off = onStorageProblem((p) => seen.push(p.kind));
    const db = openDatabase(name);
    const opening = db.open();
    await expect.poll(() => seen).toContain('blocked');
    old.close();
    await opening;
    expect(db.verno).toBe(DB_VERSION);
    off();
    db.close();
  });

  it('turns a quota error into a message the user can act on', async () => {
    const { describeStorageError, onStorageProblem } = await import('../../../src/storage/db.ts');
    const seen: string[] = [];
    const off = onStorageProblem((p) => seen.push(p.kind));
    const err = new DOMException('quota', 'QuotaExceededError');
    expect(describeStorageError(err)).toMatch(/storage quota exceeded/);
    expect(
      describeStorageError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } }),
    ).toMatch(/quota/);
    expect(seen).toEqual(['quota', 'quota']);
    off();
  });
});
