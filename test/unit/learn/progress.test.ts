import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/storage/db.ts';
import {
  loadAllProgress,
  loadProgress,
  resetProgress,
  saveAnswer,
} from '../../../src/learn/progress.ts';
import { LESSONS, findLesson } from '../../../src/learn/lessons/index.ts';
import { readDemoMode, setDemoMode } from '../../../src/demo/demoMode.ts';

let n = 0;
const names: string[] = [];
function freshDb() {
  const name = `learn-test-${++n}-${Date.now()}`;
  names.push(name);
  return openDatabase(name);
}
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const lesson = findLesson('charge-density')!;

describe('lesson progress store', () => {
  it('starts empty, records answers, and completes when every answer is right', async () => {
    const db = freshDb();
    expect(await loadProgress(db, lesson.meta.slug)).toEqual({
      slug: 'charge-density',
      updatedAt: 0,
      answers: {},
      completed: false,
    });
    const qs = lesson.meta.questions;
    let rec = await saveAnswer(db, lesson.meta, qs[0]!.id, 'same', 1000);
    expect(rec).toEqual({
      slug: 'charge-density',
      updatedAt: 1000,
      answers: { 'cd-pw': 'same' },
      completed: false,
    });
    for (const q of qs) rec = await saveAnswer(db, lesson.meta, q.id, q.correctId, 2000);
    expect(rec.completed).toBe(true);
    expect(Object.keys(rec.answers)).toHaveLength(qs.length);
    db.close();
  });

  it('keeps progress when the database is closed and opened again', async () => {
    const db = freshDb();
    const name = db.name;
    for (const q of lesson.meta.questions) await saveAnswer(db, lesson.meta, q.id, q.correctId);
    db.close();
    const again = openDatabase(name);
    const rec = await loadProgress(again, lesson.meta.slug);
    expect(rec.completed).toBe(true);
    expect(rec.answers['cd-binds']).toBe('shannon');
    again.close();
  });

  it('resets one lesson without touching another', async () => {
    const db = freshDb();
    const other = findLesson('activating-function')!;
    await saveAnswer(db, lesson.meta, 'cd-pw', 'double');
    await saveAnswer(db, other.meta, 'af-where', 'under');
    await resetProgress(db, lesson.meta.slug);
    const all = await loadAllProgress(db);
    expect([...all.keys()]).toEqual(['activating-function']);
    expect((await loadProgress(db, lesson.meta.slug)).answers).toEqual({});
    db.close();
  });

  it('reads a malformed stored record as no progress', async () => {
    const db = freshDb();
    await db.lessonProgress.put({
      slug: 'charge-density',
      updatedAt: 5,
      answers: { a: 3 },
    } as never);
    expect((await loadProgress(db, 'charge-density')).answers).toEqual({});
    expect((await loadAllProgress(db)).size).toBe(0);
    db.close();
  });
});

describe('lesson registry', () => {
  it('has at least ten lessons with unique URL-safe slugs, sources and two or three questions each', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(10);
    const slugs = LESSONS.map((l) => l.meta.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const { meta } of LESSONS) {
      expect(meta.slug).toMatch(/^[a-z0-9-]+$/);
      expect(meta.slug).not.toBe('demo'); // /learn/demo is the demo page
      expect(meta.sources.length).toBeGreaterThan(0);
      expect(meta.questions.length).toBeGreaterThanOrEqual(2);
      expect(meta.questions.length).toBeLessThanOrEqual(3);
      for (const q of meta.questions) {
        expect(q.options.map((o) => o.id)).toContain(q.correctId);
        expect(new Set(q.options.map((o) => o.id)).size).toBe(q.options.length);
      }
    }
  });
});

describe('demo mode setting', () => {
  it('is off by default, stored in settings when turned on, and read back', async () => {
    const db = freshDb();
    expect(await readDemoMode(db)).toBe(false);
    await setDemoMode(true, db);
    expect(await db.settings.get('demoMode')).toEqual({ key: 'demoMode', value: true });
    expect(await readDemoMode(db)).toBe(true);
    await setDemoMode(false, db);
    expect(await readDemoMode(db)).toBe(false);
    db.close();
  });
});
