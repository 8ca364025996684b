/**
 * Lesson progress in IndexedDB (the `lessonProgress` table of src/storage/db.ts): the last
 * answer per question and whether every question was answered correctly. Records read back
 * are validated; a malformed record counts as no progress.
 */
import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import {
  appDb,
  describeStorageError,
  type LessonProgressRecord,
  type NeuromodDb,
} from '../storage/db.ts';
import { scoreAnswers } from './questions.ts';
import type { LessonMeta } from './lessons/types.ts';

const RecordSchema = z.object({
  slug: z.string(),
  updatedAt: z.number(),
  answers: z.record(z.string(), z.string()),
  completed: z.boolean(),
});

export function emptyProgress(slug: string): LessonProgressRecord {
  return { slug, updatedAt: 0, answers: {}, completed: false };
}

export async function loadProgress(db: NeuromodDb, slug: string): Promise<LessonProgressRecord> {
  const r = RecordSchema.safeParse(await db.lessonProgress.get(slug));
  return r.success ? r.data : emptyProgress(slug);
}

export async function loadAllProgress(db: NeuromodDb): Promise<Map<string, LessonProgressRecord>> {
  const out = new Map<string, LessonProgressRecord>();
  for (const raw of await db.lessonProgress.toArray()) {
    const r = RecordSchema.safeParse(raw);
    if (r.success) out.set(r.data.slug, r.data);
  }
  return out;
}

/** Stores an answer; `completed` follows from all answers against the lesson's questions. */
export async function saveAnswer(
  db: NeuromodDb,
  meta: LessonMeta,
  questionId: string,
  optionId: string,
  now: number = Date.now(),
): Promise<LessonProgressRecord> {
  return db.transaction('rw', db.lessonProgress, async () => {
    const prev = await loadProgress(db, meta.slug);
    const answers = { ...prev.answers, [questionId]: optionId };
    const record: LessonProgressRecord = {
      slug: meta.slug,
      updatedAt: now,
      answers,
      completed: scoreAnswers(meta, answers).completed,
    };
    await db.lessonProgress.put(record);
    return record;
  });
}

export async function resetProgress(db: NeuromodDb, slug: string): Promise<void> {
  await db.lessonProgress.delete(slug);
}

/** React binding: a lesson's progress, with answer and reset actions. */
export function useLessonProgress(meta: LessonMeta) {
  const [record, setRecord] = useState<LessonProgressRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    loadProgress(appDb(), meta.slug).then(
      (r) => live && setRecord(r),
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
  const answer = useCallback(
    async (questionId: string, optionId: string) => {
      try {
        setRecord(await saveAnswer(appDb(), meta, questionId, optionId));
        setError(null);
      } catch (e) {
        setError(describeStorageError(e));
      }
    },
    [meta],
  );
  const reset = useCallback(async () => {
    try {
      await resetProgress(appDb(), meta.slug);
      setRecord(emptyProgress(meta.slug));
      setError(null);
    } catch (e) {
      setError(describeStorageError(e));
    }
  }, [meta.slug]);
  return { record, error, answer, reset };
}
