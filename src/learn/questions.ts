/**
 * Check questions: the order options are shown in, answer checking, tries and hints per
 * question, and what a lesson's progress says — independent of React and storage.
 *
 * Mastery: a question is mastered when it was answered right at the first try without its
 * hint; a lesson is mastered when every one of its questions is. Answering right after a wrong
 * try or after the hint still completes the question, but the lesson then says why it is not
 * mastered, and "Try again" starts a new round with the options in a new order.
 */
import type { LessonMeta, Question, QuestionOption } from './lessons/types.ts';

/** 32-bit FNV-1a of a string: a stable seed from a question id and a round. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small seeded PRNG in [0, 1), enough to shuffle three options reproducibly. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The options in the order they are shown: a Fisher–Yates shuffle seeded by the question id and
 * the round (how often the lesson was started again), so the order is the same on every reload
 * of one round and changes with "Try again". The order the lesson file lists them in (the
 * correct one often first) never leaks into the page.
 */
export function displayOrder(q: Question, round = 0): QuestionOption[] {
  const out = [...q.options];
  const random = mulberry32(fnv1a(`${q.id}#${round}`));
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface AnswerFeedback {
  correct: boolean;
  /** the explanation, or why this particular wrong option is wrong */
  message: string;
}

export function checkAnswer(q: Question, optionId: string): AnswerFeedback {
  const option = q.options.find((o) => o.id === optionId);
  if (!option) return { correct: false, message: 'Choose one of the options.' };
  if (optionId === q.correctId) return { correct: true, message: q.explanation };
  return { correct: false, message: option.feedback ?? q.hint };
}

/** What happened to one question in the current round. */
export interface QuestionAttempt {
  /** answers checked, right or wrong */
  tries: number;
  /** the hint was shown before the question was answered right */
  hintUsed: boolean;
  /** answered right (at whatever try) */
  solved: boolean;
  /** answered before tries and hints were recorded: it cannot count as mastered */
  legacy?: boolean;
}

export const NO_ATTEMPT: QuestionAttempt = { tries: 0, hintUsed: false, solved: false };

/** One checked answer. An option that does not exist, or a solved question, changes nothing. */
export function afterTry(a: QuestionAttempt, q: Question, optionId: string): QuestionAttempt {
  if (a.solved || !q.options.some((o) => o.id === optionId)) return a;
  return { ...a, tries: a.tries + 1, solved: optionId === q.correctId };
}

/** The hint was shown. Once a question is solved, looking at its hint costs nothing. */
export function afterHint(a: QuestionAttempt): QuestionAttempt {
  return a.solved || a.hintUsed ? a : { ...a, hintUsed: true };
}

export function isMastered(a: QuestionAttempt): boolean {
  return a.solved && a.tries === 1 && !a.hintUsed && !a.legacy;
}

/**
 * Why a solved question is not mastered ("answered after a hint", "needed 2 tries"), or what
 * is still open; null when it is mastered.
 */
export function questionShortfall(a: QuestionAttempt): string | null {
  if (isMastered(a)) return null;
  if (a.legacy) return 'answered before tries and hints were recorded';
  if (!a.solved) return a.tries === 0 ? 'not answered yet' : 'not answered right yet';
  const parts: string[] = [];
  if (a.tries > 1) parts.push(`needed ${a.tries} tries`);
  if (a.hintUsed) parts.push(a.tries > 1 ? 'a hint' : 'answered after a hint');
  return parts.join(' and ');
}

/** The stored fields a status is computed from (old records have only `answers`). */
export interface ProgressFields {
  answers: Readonly<Record<string, string>>;
  questions?: Readonly<Record<string, QuestionAttempt>> | undefined;
}

/**
 * A question's attempt in a record. Records saved before tries and hints were kept hold only the
 * last answer: that question counts as answered (right or not) but never as mastered.
 */
export function attemptOf(p: ProgressFields, q: Question): QuestionAttempt {
  const a = p.questions?.[q.id];
  if (a) return a;
  const last = p.answers[q.id];
  if (last === undefined) return NO_ATTEMPT;
  return { tries: 1, hintUsed: false, solved: last === q.correctId, legacy: true };
}

export type LessonState = 'not-started' | 'attempted' | 'mastered';

export interface LessonStatus {
  state: LessonState;
  total: number;
  /** answered right, at any try */
  solved: number;
  /** answered right at the first try without a hint */
  mastered: number;
  /** one line per question that is not mastered, e.g. "question 2 answered after a hint" */
  reasons: string[];
}

export function lessonStatus(meta: LessonMeta, p: ProgressFields): LessonStatus {
  const attempts = meta.questions.map((q) => attemptOf(p, q));
  const total = attempts.length;
  const solved = attempts.filter((a) => a.solved).length;
  const mastered = attempts.filter(isMastered).length;
  const started = attempts.some((a) => a.tries > 0 || a.hintUsed);
  const reasons: string[] = [];
  attempts.forEach((a, i) => {
    const why = questionShortfall(a);
    if (why !== null) reasons.push(`question ${i + 1} ${why}`);
  });
  const state: LessonState =
    total > 0 && mastered === total ? 'mastered' : started ? 'attempted' : 'not-started';
  return { state, total, solved, mastered, reasons: state === 'not-started' ? [] : reasons };
}

/** Every question answered right, at whatever try: the `completed` flag kept in records. */
export function isCompleted(meta: LessonMeta, p: ProgressFields): boolean {
  return meta.questions.length > 0 && meta.questions.every((q) => attemptOf(p, q).solved);
}

/** The badge of the lesson list. */
export function statusLabel(s: LessonStatus): string {
  return { 'not-started': 'Not started', attempted: 'Attempted', mastered: 'Mastered' }[s.state];
}

/** The sentence that says where a lesson stands and, when it is not mastered, why. */
export function statusDetail(s: LessonStatus): string {
  if (s.state === 'not-started') return `${s.total} questions to answer.`;
  if (s.state === 'mastered') return 'Every question right at the first try, without a hint.';
  return `${s.solved} of ${s.total} answered right. Not mastered: ${s.reasons.join('; ')}.`;
}
