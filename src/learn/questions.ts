/**
 * Check questions: answer checking and progress summaries, independent of React and storage.
 */
import type { LessonMeta, Question } from './lessons/types.ts';

export interface AnswerFeedback {
  correct: boolean;
  /** the hint for this wrong option, or the explanation */
  message: string;
}

export function checkAnswer(q: Question, optionId: string): AnswerFeedback {
  if (!q.options.some((o) => o.id === optionId)) {
    return { correct: false, message: 'Choose one of the options.' };
  }
  if (optionId === q.correctId) return { correct: true, message: q.explanation };
  const hint = q.hints?.[optionId];
  return { correct: false, message: hint ?? 'Not quite — look at the plot again and retry.' };
}

export interface LessonScore {
  answered: number;
  correct: number;
  total: number;
  completed: boolean;
}

/** Scores stored answers (question id → option id) against a lesson's questions. */
export function scoreAnswers(
  meta: LessonMeta,
  answers: Readonly<Record<string, string>>,
): LessonScore {
  let answered = 0;
  let correct = 0;
  for (const q of meta.questions) {
    const a = answers[q.id];
    if (a === undefined) continue;
    answered += 1;
    if (a === q.correctId) correct += 1;
  }
  const total = meta.questions.length;
  return { answered, correct, total, completed: total > 0 && correct === total };
}

/** A short status line for the lesson list. */
export function progressLabel(s: LessonScore): string {
  if (s.completed) return 'Completed';
  if (s.answered === 0) return 'Not started';
  return `${s.correct} of ${s.total} correct`;
}
