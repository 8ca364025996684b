/**
 * Lesson progress in IndexedDB (the `lessonProgress` table of src/storage/db.ts): per lesson,
 * the last answer, tries and hint per question, and the round (how often the lesson was started
 * again). Records read back are validated. Records saved before tries and hints were kept
 * (answers and `completed` only) still load; their answers count as answered, not mastered.
 * A record that cannot be read is reported with the field at fault, and before anything new is
 * written for that lesson it is copied, unchanged, to the settings table
 * (`learn.unreadableProgress.<slug>.<time>`), so it is never lost.
 */
import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import {
  appDb,
  describeStorageError,
  type LessonProgressRecord,
  type NeuromodDb,
} from '../storage/db.ts';
import { afterHint, afterTry, attemptOf, isCompleted } from './questions.ts';
import type { LessonMeta } from './lessons/types.ts';

const AttemptSchema = z.object({
  tries: z.number().int().nonnegative(),
  hintUsed: z.boolean(),
  solved: z.boolean(),
  legacy: z.boolean().optional(),
});

const RecordSchema = z.object({
  slug: z.string(),
  updatedAt: z.number(),
  answers: z.record(z.string(), z.string()),
  completed: z.boolean(),
  // absent in records written before tries and hints were kept
  questions: z.record(z.string(), AttemptSchema).optional(),
  round: z.number().int().nonnegative().optional(),
});

export const UNREADABLE_KEY_PREFIX = 'learn.unreadableProgress.';

export function emptyProgress(slug: string, round = 0): LessonProgressRecord {
  return { slug, updatedAt: 0, answers: {}, completed: false, questions: {}, round };
}

export interface LoadedProgress {
  record: LessonProgressRecord;
  /** why the stored record could not be read (it is then kept as it was); null when it could */
  problem: string | null;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : 'record'}: ${i.message}`)
    .join('; ');
}

/** Validates a stored value; `undefined` (nothing stored) is no progress, not a problem. */
export function parseProgress(raw: unknown, slug: string): LoadedProgress {
  if (raw === undefined) return { record: emptyProgress(slug), problem: null };
  const r = RecordSchema.safeParse(raw);
  if (r.success) return { record: r.data, problem: null };
  return {
    record: emptyProgress(slug),
    problem: `Saved progress for this lesson could not be read (${describeIssues(r.error)}). It is kept as it was, and the lesson starts afresh here.`,
  };
}

export async function loadProgress(db: NeuromodDb, slug: string): Promise<LoadedProgress> {
  return parseProgress(await db.lessonProgress.get(slug), slug);
}

export interface AllProgress {
  records: Map<string, LessonProgressRecord>;
  /** slug → why its stored record could not be read */
  problems: Map<string, string>;
}

export async function loadAllProgress(db: NeuromodDb): Promise<AllProgress> {
  const records = new Map<string, LessonProgressRecord>();
  const problems = new Map<string, string>();
  for (const raw of await db.lessonProgress.toArray()) {
    const slug = typeof raw?.slug === 'string' ? raw.slug : '';
    const { record, problem } = parseProgress(raw, slug);
    if (problem) problems.set(slug, problem);
    else records.set(slug, record);
  }
  return { records, problems };
}

/** Pure: the record after one checked answer to a question. */
export function withTry(
  rec: LessonProgressRecord,
  meta: LessonMeta,
  questionId: string,
  optionId: string,
  now: number,
): LessonProgressRecord {
  const q = meta.questions.find((x) => x.id === questionId);
  if (!q || !q.options.some((o) => o.id === optionId)) return rec;
  const before = attemptOf(rec, q);
  if (before.solved) return rec;
  const questions = { ...rec.questions, [q.id]: afterTry(before, q, optionId) };
  const answers = { ...rec.answers, [q.id]: optionId };
  return {
    ...rec,
    slug: meta.slug,
    updatedAt: now,
    answers,
    questions,
    completed: isCompleted(meta, { answers, questions }),
  };
}

/** Pure: the record after a question's hint was shown. */
export function withHint(
  rec: LessonProgressRecord,
  meta: LessonMeta,
  questionId: string,
  now: number,
): LessonProgressRecord {
  const q = meta.questions.find((x) => x.id === questionId);
  if (!q) return rec;
  const before = attemptOf(rec, q);
  const after = afterHint(before);
  if (after === before) return rec;
  return {
    ...rec,
    slug: meta.slug,
    updatedAt: now,
    questions: { ...rec.questions, [q.id]: after },
  };
}

/** Pure: "Try again" — every question open again, the options in the next round's order. */
export function withNextRound(rec: LessonProgressRecord, now: number): LessonProgressRecord {
  return { ...emptyProgress(rec.slug, (rec.round ?? 0) + 1), updatedAt: now };
}

/**
 * Reads, changes and writes one lesson's record in a transaction. An unreadable record is copied
 * to the settings table first, so replacing it loses nothing.
 */
async function update(
  db: NeuromodDb,
  slug: string,
  change: (rec: LessonProgressRecord) => LessonProgressRecord,
  now: number,
): Promise<LessonProgressRecord> {
  return db.transaction('rw', db.lessonProgress, db.settings, async () => {
    const raw: unknown = await db.lessonProgress.get(slug);
    const { record, problem } = parseProgress(raw, slug);
    if (problem) {
      await db.settings.put({
        key: `${UNREADABLE_KEY_PREFIX}${slug}.${now}`,
        value: { record: raw, problem, keptAt: now },
      });
    }
    const next = change(record);
    if (next !== record || problem) await db.lessonProgress.put(next);
    return next;
  });
}

/** Stores one checked answer: the last answer, one more try, solved or not. */
export function saveAnswer(
  db: NeuromodDb,
  meta: LessonMeta,
  questionId: string,
  optionId: string,
  now: number = Date.now(),
): Promise<LessonProgressRecord> {
  return update(db, meta.slug, (r) => withTry(r, meta, questionId, optionId, now), now);
}

/** Stores that a question's hint was shown (it will not count as mastered). */
export function saveHint(
  db: NeuromodDb,
  meta: LessonMeta,
  questionId: string,
  now: number = Date.now(),
): Promise<LessonProgressRecord> {
  return update(db, meta.slug, (r) => withHint(r, meta, questionId, now), now);
}

/** Starts the lesson again: answers, tries and hints cleared, the next round's option order. */
export function tryAgain(
  db: NeuromodDb,
  slug: string,
  now: number = Date.now(),
): Promise<LessonProgressRecord> {
  return update(db, slug, (r) => withNextRound(r, now), now);
}

/**
 * React binding: a lesson's progress, with answer, hint and try-again actions. Each action shows
 * at once and is then saved; a failed save is reported and the answer still shows.
 */
export function useLessonProgress(meta: LessonMeta) {
  const [record, setRecord] = useState<LessonProgressRecord | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    loadProgress(appDb(), meta.slug).then(
      (r) => {
        if (!live) return;
        setRecord(r.record);
        setProblem(r.problem);
      },
      (e: unknown) => {
        if (!live) return;
        setError(describeStorageError(e));
        setRecord(emptyProgress(meta.slug));
      },
    );
    return () => {
      live = false;
    };
  }, [meta.slug]);
  const run = useCallback(
    async (
      local: (r: LessonProgressRecord) => LessonProgressRecord,
      save: () => Promise<LessonProgressRecord>,
    ) => {
      setRecord((r) => (r ? local(r) : r));
      try {
        setRecord(await save());
        setError(null);
      } catch (e) {
        setError(describeStorageError(e));
      }
    },
    [],
  );
  const answer = useCallback(
    (questionId: string, optionId: string) => {
      const now = Date.now();
      return run(
        (r) => withTry(r, meta, questionId, optionId, now),
        () => saveAnswer(appDb(), meta, questionId, optionId, now),
      );
    },
    [meta, run],
  );
  const hint = useCallback(
    (questionId: string) => {
      const now = Date.now();
      return run(
        (r) => withHint(r, meta, questionId, now),
        () => saveHint(appDb(), meta, questionId, now),
      );
    },
    [meta, run],
  );
  const again = useCallback(() => {
    const now = Date.now();
    return run(
      (r) => withNextRound(r, now),
      () => tryAgain(appDb(), meta.slug, now),
    );
  }, [meta.slug, run]);
  return { record, problem, error, answer, hint, again };
}
