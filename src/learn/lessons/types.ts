import type { ComponentType } from 'react';

export interface QuestionOption {
  id: string;
  text: string;
  /** why this option is wrong; every wrong option has its own (the correct one has none) */
  feedback?: string;
}

/**
 * A check question: one correct option, feedback of its own for every wrong option, and a hint
 * the trainee may ask for (a question answered after the hint is not counted as mastered).
 */
export interface Question {
  id: string;
  prompt: string;
  options: readonly QuestionOption[];
  correctId: string;
  /** why the right answer is right (shown after any answer) */
  explanation: string;
  /** a nudge towards the reasoning or the plot, shown on request; it never names the answer */
  hint: string;
}

export interface Source {
  /** as cited in ../shared/research (author, journal, year; or the note's section) */
  citation: string;
  /** the research note section it was taken from */
  note?: string;
}

export interface LessonMeta {
  slug: string;
  title: string;
  /** one sentence for the lesson list */
  summary: string;
  sources: readonly Source[];
  questions: readonly Question[];
}

export interface Lesson {
  meta: LessonMeta;
  /** the explanation and the live plot or scene (questions are rendered by the shell) */
  Body: ComponentType;
}
