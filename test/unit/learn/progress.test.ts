import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/storage/db.ts';
import {
  UNREADABLE_KEY_PREFIX,
  loadAllProgress,
  loadProgress,
  saveAnswer,
  saveHint,
  tryAgain,
} from '../../../src/learn/progress.ts';
import { lessonStatus } from '../../../src/learn/questions.ts';
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
  it('starts empty, records tries per question, and completes when every answer is right', async () => {
    const db = freshDb();
    expect(await loadProgress(db, lesson.meta.slug)).toEqual({
      record: {
        slug: 'charge-density',
        updatedAt: 0,
        answers: {},
        completed: false,
        questions: {},
        round: 0,
      },
      problem: null,
    });
    const qs = lesson.meta.questions;
    let rec = await saveAnswer(db, lesson.meta, qs[0]!.id, 'same', 1000);
    expect(rec).toEqual({
      slug: 'charge-density',
      updatedAt: 1000,
      answers: { 'cd-pw': 'same' },
      completed: false,
      questions: { 'cd-pw': { tries: 1, hintUsed: false, solved: false } },
      round: 0,
    });
    for (const q of qs) rec = await saveAnswer(db, lesson.meta, q.id, q.correctId, 2000);
    expect(rec.completed).toBe(true);
    expect(rec.questions?.['cd-pw']).toEqual({ tries: 2, hintUsed: false, solved: true });
    const status = lessonStatus(lesson.meta, rec);
    expect(status.state).toBe('attempted');
    expect(status.reasons).toEqual(['question 1 needed 2 tries']);
    db.close();
  });

  it('records a hint, and a lesson answered after it is not mastered', async () => {
    const db = freshDb();
    const [q0, ...rest] = lesson.meta.questions;
    await saveHint(db, lesson.meta, q0!.id, 10);
    let rec = await saveAnswer(db, lesson.meta, q0!.id, q0!.correctId, 11);
    for (const q of rest) rec = await saveAnswer(db, lesson.meta, q.id, q.correctId, 12);
    expect(rec.questions?.[q0!.id]).toEqual({ tries: 1, hintUsed: true, solved: true });
    expect(lessonStatus(lesson.meta, rec).reasons).toEqual(['question 1 answered after a hint']);
    // a solved question ignores further answers
    rec = await saveAnswer(db, lesson.meta, q0!.id, 'half', 13);
    expect(rec.answers[q0!.id]).toBe(q0!.correctId);
    db.close();
  });

  it('keeps progress when the database is closed and opened again', async () => {
    const db = freshDb();
    const name = db.name;
    for (const q of lesson.meta.questions) await saveAnswer(db, lesson.meta, q.id, q.correctId);
    db.close();
    const again = openDatabase(name);
    const { record } = await loadProgress(again, lesson.meta.slug);
    expect(record.completed).toBe(true);
    expect(record.answers['cd-binds']).toBe('shannon');
    expect(lessonStatus(lesson.meta, record).state).toBe('mastered');
    again.close();
  });

  it('tries a lesson again: questions open, the next round of option order, other lessons untouched', async () => {
    const db = freshDb();
    const other = findLesson('activating-function')!;
    await saveAnswer(db, lesson.meta, 'cd-pw', 'double');
    await saveAnswer(db, other.meta, 'af-where', 'under');
    const rec = await tryAgain(db, lesson.meta.slug, 50);
    expect(rec).toEqual({
      slug: 'charge-density',
      updatedAt: 50,
      answers: {},
      completed: false,
      questions: {},
      round: 1,
    });
    expect((await tryAgain(db, lesson.meta.slug, 60)).round).toBe(2);
    const all = await loadAllProgress(db);
    expect([...all.records.keys()].sort()).toEqual(['activating-function', 'charge-density']);
    expect(all.records.get('activating-function')?.answers).toEqual({ 'af-where': 'under' });
    expect(lessonStatus(lesson.meta, all.records.get('charge-density')!).state).toBe('not-started');
    db.close();
  });

  it('loads a record saved before tries and hints were kept: answered, not mastered', async () => {
    const db = freshDb();
    // the shape written by the first version of this store
    const old = {
      slug: 'charge-density',
      updatedAt: 7,
      answers: { 'cd-pw': 'double', 'cd-small': 'four', 'cd-binds': 'shannon' },
      completed: true,
    };
    await db.lessonProgress.put(old);
    const { record, problem } = await loadProgress(db, 'charge-density');
    expect(problem).toBeNull();
    expect(record).toEqual(old);
    const status = lessonStatus(lesson.meta, record);
    expect(status.state).toBe('attempted');
    expect(status.solved).toBe(3);
    expect(status.reasons[0]).toBe('question 1 answered before tries and hints were recorded');
    // answering again after an old wrong answer keeps it from counting as mastered
    await db.lessonProgress.put({ ...old, answers: { 'cd-pw': 'same' }, completed: false });
    const rec = await saveAnswer(db, lesson.meta, 'cd-pw', 'double', 8);
    expect(rec.questions?.['cd-pw']).toEqual({
      tries: 2,
      hintUsed: false,
      solved: true,
      legacy: true,
    });
    db.close();
  });

  it('reports a malformed record by its field, and keeps a copy before writing over it', async () => {
    const db = freshDb();
    const bad = { slug: 'charge-density', updatedAt: 5, answers: { a: 3 } };
    await db.lessonProgress.put(bad as never);
    const loaded = await loadProgress(db, 'charge-density');
    expect(loaded.record.answers).toEqual({});
    expect(loaded.problem).toMatch(/could not be read \(answers\.a: .*completed: .*\)/);
    const all = await loadAllProgress(db);
    expect(all.records.size).toBe(0);
    expect(all.problems.get('charge-density')).toBe(loaded.problem);
    // still stored as it was until something new is saved
    expect(await db.lessonProgress.get('charge-density')).toEqual(bad);
    await saveAnswer(db, lesson.meta, 'cd-pw', 'double', 99);
    expect(await db.settings.get(`${UNREADABLE_KEY_PREFIX}charge-density.99`)).toEqual({
      key: `${UNREADABLE_KEY_PREFIX}charge-density.99`,
      value: { record: bad, problem: loaded.problem, keptAt: 99 },
    });
    expect((await loadProgress(db, 'charge-density')).problem).toBeNull();
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
