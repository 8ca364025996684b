import type { ComponentType } from 'react';

export interface QuestionOption {
  id: string;
  text: string;
}

/** A check question: one correct option, feedback for right and wrong answers. */
export interface Question {
  id: string;
  prompt: string;
  options: readonly QuestionOption[];
  correctId: string;
  /** why the right answer is right (shown after any answer) */
  explanation: string;
  /** optional hints per wrong option id */
  hints?: Readonly<Record<string, string>>;
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
