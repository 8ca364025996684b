import { describe, expect, it } from 'vitest';
import {
  NO_ATTEMPT,
  afterHint,
  afterTry,
  attemptOf,
  checkAnswer,
  displayOrder,
  isCompleted,
  lessonStatus,
  statusDetail,
  statusLabel,
} from '../../../src/learn/questions.ts';
import { LESSONS } from '../../../src/learn/lessons/index.ts';
import type { LessonMeta, Question } from '../../../src/learn/lessons/types.ts';

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
        { id: 'b', text: 'B', feedback: 'B is the anode case.' },
      ],
      correctId: 'a',
      explanation: 'A is right because…',
      hint: 'Think of the cathode.',
    },
    {
      id: 'q2',
      prompt: 'And?',
      options: [
        { id: 'x', text: 'X', feedback: 'X halves it.' },
        { id: 'y', text: 'Y', feedback: 'Y leaves it unchanged.' },
        { id: 'z', text: 'Z' },
      ],
      correctId: 'z',
      explanation: 'Z.',
      hint: 'Count the pulses.',
    },
  ],
};
const [q1, q2] = meta.questions as [Question, Question];
const allQuestions = LESSONS.flatMap((l) => l.meta.questions);

describe('check questions', () => {
  it('accepts the correct option and shows the explanation', () => {
    expect(checkAnswer(q1, 'a')).toEqual({ correct: true, message: 'A is right because…' });
  });

  it('answers each wrong option with its own feedback', () => {
    expect(checkAnswer(q1, 'b')).toEqual({ correct: false, message: 'B is the anode case.' });
    expect(checkAnswer(q2, 'x').message).toBe('X halves it.');
    expect(checkAnswer(q2, 'y').message).toBe('Y leaves it unchanged.');
  });

  it('treats an option that does not exist as unanswered, not as a wrong choice', () => {
    expect(checkAnswer(q1, 'nope')).toEqual({
      correct: false,
      message: 'Choose one of the options.',
    });
    expect(afterTry(NO_ATTEMPT, q1, 'nope')).toBe(NO_ATTEMPT);
  });
});

describe('option order', () => {
  it('is the same for the same question and round, and holds every option once', () => {
    for (const q of allQuestions) {
      const order = displayOrder(q, 0).map((o) => o.id);
      expect(displayOrder(q, 0).map((o) => o.id)).toEqual(order);
      expect([...order].sort()).toEqual(q.options.map((o) => o.id).sort());
    }
  });

  it('does not keep the correct option in a fixed place across the lessons (most were written first)', () => {
    const authoredFirst = allQuestions.filter((q) => q.options[0]?.id === q.correctId).length;
    // the premise: in the lesson files the right answer is usually listed first
    expect(authoredFirst / allQuestions.length).toBeGreaterThan(0.5);
    for (const round of [0, 1, 2]) {
      const positions = allQuestions.map((q) =>
        displayOrder(q, round).findIndex((o) => o.id === q.correctId),
      );
      const first = positions.filter((p) => p === 0).length;
      // a fair shuffle puts it first in ~40 % of these 2–3-option questions; never most of them
      expect(first / positions.length, `round ${round}`).toBeLessThanOrEqual(0.5);
      expect(new Set(positions), `round ${round}`).toEqual(new Set([0, 1, 2]));
    }
  });

  it('moves the correct option of each question to another place on some later round', () => {
    for (const q of allQuestions) {
      const positions = new Set(
        [0, 1, 2, 3, 4, 5, 6, 7].map((r) =>
          displayOrder(q, r).findIndex((o) => o.id === q.correctId),
        ),
      );
      expect(positions.size, q.id).toBeGreaterThan(1);
    }
  });
});

describe('lesson questions', () => {
  it('give every wrong option feedback of its own, and every question a hint', () => {
    for (const q of allQuestions) {
      const wrong = q.options.filter((o) => o.id !== q.correctId);
      expect(wrong.length, q.id).toBeGreaterThan(0);
      const texts = wrong.map((o) => o.feedback?.trim() ?? '');
      for (const t of texts) expect(t.length, `${q.id}: feedback`).toBeGreaterThan(40);
      expect(new Set(texts).size, `${q.id}: distinct feedback`).toBe(texts.length);
      for (const t of texts) {
        expect(t, q.id).not.toBe(q.explanation);
        expect(t, q.id).not.toBe(q.hint);
      }
      expect(q.hint.trim().length, `${q.id}: hint`).toBeGreaterThan(30);
      expect(q.options.find((o) => o.id === q.correctId)?.feedback, q.id).toBeUndefined();
    }
  });

  it('have hints that do not quote the right answer', () => {
    for (const q of allQuestions) {
      const right = q.options.find((o) => o.id === q.correctId)!.text.toLowerCase();
      if (right.length > 12) expect(q.hint.toLowerCase(), q.id).not.toContain(right);
    }
  });
});

describe('mastery', () => {
  it('counts a question as mastered only when right at the first try without its hint', () => {
    const first = afterTry(NO_ATTEMPT, q1, 'a');
    expect(first).toEqual({ tries: 1, hintUsed: false, solved: true });
    const second = afterTry(afterTry(NO_ATTEMPT, q1, 'b'), q1, 'a');
    expect(second).toEqual({ tries: 2, hintUsed: false, solved: true });
    const hinted = afterTry(afterHint(NO_ATTEMPT), q1, 'a');
    expect(hinted).toEqual({ tries: 1, hintUsed: true, solved: true });
    // once solved, neither another answer nor the hint changes it
    expect(afterTry(first, q1, 'b')).toBe(first);
    expect(afterHint(first)).toBe(first);
  });

  it('says not started, attempted with reasons, or mastered', () => {
    expect(lessonStatus(meta, { answers: {} })).toEqual({
      state: 'not-started',
      total: 2,
      solved: 0,
      mastered: 0,
      reasons: [],
    });
    const attempted = lessonStatus(meta, {
      answers: { q1: 'a', q2: 'z' },
      questions: {
        q1: { tries: 1, hintUsed: true, solved: true },
        q2: { tries: 2, hintUsed: false, solved: true },
      },
    });
    expect(attempted.state).toBe('attempted');
    expect(attempted.reasons).toEqual([
      'question 1 answered after a hint',
      'question 2 needed 2 tries',
    ]);
    expect(statusLabel(attempted)).toBe('Attempted');
    expect(statusDetail(attempted)).toBe(
      '2 of 2 answered right. Not mastered: question 1 answered after a hint; question 2 needed 2 tries.',
    );
    const open = lessonStatus(meta, {
      answers: { q2: 'x' },
      questions: {
        q1: { tries: 0, hintUsed: true, solved: false },
        q2: afterTry(afterHint(NO_ATTEMPT), q2, 'x'),
      },
    });
    expect(open.reasons).toEqual([
      'question 1 not answered yet',
      'question 2 not answered right yet',
    ]);
    const both = lessonStatus(meta, {
      answers: { q1: 'a', q2: 'z' },
      questions: {
        q1: { tries: 1, hintUsed: false, solved: true },
        q2: { tries: 3, hintUsed: true, solved: true },
      },
    });
    expect(both.reasons).toEqual(['question 2 needed 3 tries and a hint']);
    const mastered = lessonStatus(meta, {
      answers: { q1: 'a', q2: 'z' },
      questions: {
        q1: { tries: 1, hintUsed: false, solved: true },
        q2: { tries: 1, hintUsed: false, solved: true },
      },
    });
    expect(mastered.state).toBe('mastered');
    expect(statusLabel(mastered)).toBe('Mastered');
  });

  it('reads answers saved before tries and hints were kept as answered, never as mastered', () => {
    const old = { answers: { q1: 'a', q2: 'z' } };
    expect(attemptOf(old, q1)).toEqual({ tries: 1, hintUsed: false, solved: true, legacy: true });
    expect(isCompleted(meta, old)).toBe(true);
    const s = lessonStatus(meta, old);
    expect(s.state).toBe('attempted');
    expect(s.solved).toBe(2);
    expect(s.reasons[0]).toBe('question 1 answered before tries and hints were recorded');
  });
});
