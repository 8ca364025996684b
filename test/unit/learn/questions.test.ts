import { describe, expect, it } from 'vitest';
import { checkAnswer, progressLabel, scoreAnswers } from '../../../src/learn/questions.ts';
import type { LessonMeta } from '../../../src/learn/lessons/types.ts';

const meta: LessonMeta = {
  slug: 'demo-lesson',
  title: 'Demo',
  summary: '',
  sources: [],
  questions: [
    {
      id: 'q1',
      prompt: 'Which?',
      options: [
        { id: 'a', text: 'A' },
        { id: 'b', text: 'B' },
      ],
      correctId: 'a',
      explanation: 'A is right because…',
      hints: { b: 'B is the anode case.' },
    },
    {
      id: 'q2',
      prompt: 'And?',
      options: [
        { id: 'x', text: 'X' },
        { id: 'y', text: 'Y' },
        { id: 'z', text: 'Z' },
      ],
      correctId: 'z',
      explanation: 'Z.',
    },
  ],
};
const [q1, q2] = meta.questions as [LessonMeta['questions'][0], LessonMeta['questions'][0]];

describe('check questions', () => {
  it('accepts the correct option and shows the explanation', () => {
    expect(checkAnswer(q1, 'a')).toEqual({ correct: true, message: 'A is right because…' });
  });

  it('rejects a wrong option with its hint, or a general nudge when it has none', () => {
    expect(checkAnswer(q1, 'b')).toEqual({ correct: false, message: 'B is the anode case.' });
    const r = checkAnswer(q2, 'x');
    expect(r.correct).toBe(false);
    expect(r.message).toMatch(/retry/);
  });

  it('treats an option that does not exist as unanswered, not as a wrong choice', () => {
    expect(checkAnswer(q1, 'nope')).toEqual({
      correct: false,
      message: 'Choose one of the options.',
    });
  });

  it('scores stored answers: completed only when every question is right', () => {
    expect(scoreAnswers(meta, {})).toEqual({ answered: 0, correct: 0, total: 2, completed: false });
    expect(scoreAnswers(meta, { q1: 'a', q2: 'y' })).toEqual({
      answered: 2,
      correct: 1,
      total: 2,
      completed: false,
    });
    expect(scoreAnswers(meta, { q1: 'a', q2: 'z', stale: 'q' }).completed).toBe(true);
  });

  it('labels progress for the lesson list', () => {
    expect(progressLabel(scoreAnswers(meta, {}))).toBe('Not started');
    expect(progressLabel(scoreAnswers(meta, { q1: 'b' }))).toBe('0 of 2 correct');
    expect(progressLabel(scoreAnswers(meta, { q1: 'a', q2: 'z' }))).toBe('Completed');
  });
});
