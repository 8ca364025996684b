import { useState } from 'react';
import { Link } from 'wouter';
import type { Lesson, Question } from '../lessons/types.ts';
import { checkAnswer, progressLabel, scoreAnswers } from '../questions.ts';
import { useLessonProgress } from '../progress.ts';

function QuestionBlock({
  q,
  index,
  saved,
  onAnswer,
}: {
  q: Question;
  index: number;
  saved: string | undefined;
  onAnswer(optionId: string): void;
}) {
  const [choice, setChoice] = useState<string | undefined>(saved);
  const [checked, setChecked] = useState<string | undefined>(saved);
  const feedback = checked !== undefined ? checkAnswer(q, checked) : null;
  const name = `q-${q.id}`;
  return (
    <form
      className="question"
      data-question={q.id}
      aria-labelledby={`${name}-prompt`}
      onSubmit={(e) => {
        e.preventDefault();
        if (choice === undefined) return;
        setChecked(choice);
        onAnswer(choice);
      }}
    >
      <fieldset>
        <legend id={`${name}-prompt`}>
          {index + 1}. {q.prompt}
        </legend>
        {q.options.map((o) => (
          <label key={o.id} className="option">
            <input
              type="radio"
              name={name}
              value={o.id}
              checked={choice === o.id}
              onChange={() => setChoice(o.id)}
            />
            {o.text}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={choice === undefined}>
        Check answer
      </button>
      <div aria-live="polite">
        {feedback ? (
          <p
            className={feedback.correct ? 'feedback ok' : 'feedback wrong'}
            data-correct={feedback.correct}
          >
            <strong>{feedback.correct ? 'Correct.' : 'Not yet.'}</strong> {feedback.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}

/** A lesson page: title, body (explanation + live plot), sources, questions, reset. */
export function LessonShell({ lesson, next }: { lesson: Lesson; next?: Lesson | undefined }) {
  const { meta, Body } = lesson;
  const { record, error, answer, reset } = useLessonProgress(meta);
  const [resets, setResets] = useState(0);
  const score = record ? scoreAnswers(meta, record.answers) : null;
  return (
    <article className="lesson page" aria-labelledby="lesson-heading">
      <nav aria-label="Breadcrumb" className="crumbs">
        <Link href="/">All lessons</Link> / <span aria-current="page">{meta.title}</span>
      </nav>
      <h1 id="lesson-heading">{meta.title}</h1>
      <p className="lead">{meta.summary}</p>
      <Body />
      <section aria-labelledby="sources-heading" className="sources">
        <h2 id="sources-heading">Sources</h2>
        <ul>
          {meta.sources.map((s) => (
            <li key={s.citation}>
              {s.citation}
              {s.note ? <span className="muted"> — {s.note}</span> : null}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="check-heading" className="checks">
        <h2 id="check-heading">Check your understanding</h2>
        {error ? (
          <p role="alert" className="error">
            Progress could not be saved: {error}
          </p>
        ) : null}
        {record === null ? (
          <p>Loading your progress…</p>
        ) : (
          <div key={resets}>
            {meta.questions.map((q, i) => (
              <QuestionBlock
                key={q.id}
                q={q}
                index={i}
                saved={record.answers[q.id]}
                onAnswer={(o) => void answer(q.id, o)}
              />
            ))}
          </div>
        )}
        <p className="progress-line" role="status" data-testid="lesson-progress">
          Progress: {score ? progressLabel(score) : '…'}
        </p>
        <div className="row">
          <button
            type="button"
            onClick={() => {
              void reset().then(() => setResets((n) => n + 1));
            }}
          >
            Reset this lesson
          </button>
          {next ? <Link href={`/${next.meta.slug}`}>Next lesson: {next.meta.title} →</Link> : null}
        </div>
      </section>
    </article>
  );
}
