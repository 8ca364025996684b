import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import type { Lesson, Question } from '../lessons/types.ts';
import {
  attemptOf,
  checkAnswer,
  displayOrder,
  isMastered,
  lessonStatus,
  questionShortfall,
  statusDetail,
  statusLabel,
  type QuestionAttempt,
} from '../questions.ts';
import { useLessonProgress } from '../progress.ts';

/** What a solved question says about how it was solved. */
function verdict(a: QuestionAttempt): string {
  if (isMastered(a)) return 'Right at the first try, without a hint: mastered.';
  return `Not counted as mastered: ${questionShortfall(a) ?? ''}.`;
}

function QuestionBlock({
  q,
  index,
  round,
  attempt,
  last,
  onAnswer,
  onHint,
}: {
  q: Question;
  index: number;
  round: number;
  attempt: QuestionAttempt;
  /** the last answer checked in this round */
  last: string | undefined;
  onAnswer(optionId: string): void;
  onHint(): void;
}) {
  const [choice, setChoice] = useState<string | undefined>(last);
  // the button pressed disappears or is disabled: keep the keyboard focus in the question
  const [refocus, setRefocus] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const feedback = last !== undefined ? checkAnswer(q, last) : null;
  const name = `q-${q.id}`;
  const solved = attempt.solved;
  const hintShown = attempt.hintUsed;
  useEffect(() => {
    if (!refocus) return;
    setRefocus(false);
    const form = formRef.current;
    const target = solved
      ? form?.querySelector<HTMLElement>('.verdict')
      : (form?.querySelector<HTMLElement>('input:checked') ??
        form?.querySelector<HTMLElement>('input'));
    target?.focus();
  }, [refocus, solved, last, hintShown]);
  return (
    <form
      ref={formRef}
      className="question"
      data-question={q.id}
      data-solved={solved}
      aria-labelledby={`${name}-prompt`}
      onSubmit={(e) => {
        e.preventDefault();
        if (choice === undefined || solved || choice === last) return;
        onAnswer(choice);
        setRefocus(true);
      }}
    >
      <fieldset disabled={solved}>
        <legend id={`${name}-prompt`}>
          {index + 1}. {q.prompt}
        </legend>
        {displayOrder(q, round).map((o) => (
          <label key={o.id} className="option" data-option={o.id}>
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
      {solved ? null : (
        <div className="row question-actions">
          <button type="submit" disabled={choice === undefined || choice === last}>
            Check answer
          </button>
          {hintShown ? null : (
            <>
              <button
                type="button"
                className="secondary"
                aria-describedby={`${name}-hint-note`}
                onClick={() => {
                  onHint();
                  setRefocus(true);
                }}
              >
                Show hint
              </button>
              <small id={`${name}-hint-note`} className="muted">
                A question answered after its hint does not count as mastered.
              </small>
            </>
          )}
        </div>
      )}
      <div aria-live="polite" className="question-live">
        {hintShown ? (
          <p className="hint" data-testid={`hint-${q.id}`}>
            <strong>Hint.</strong> {q.hint}
          </p>
        ) : null}
        {feedback ? (
          <p
            className={feedback.correct ? 'feedback ok' : 'feedback wrong'}
            data-correct={feedback.correct}
          >
            <strong>{feedback.correct ? 'Correct.' : 'Not yet.'}</strong> {feedback.message}
            {feedback.correct ? null : ' Choose another option and check again.'}
          </p>
        ) : null}
        {solved ? (
          <p className="verdict" data-testid={`verdict-${q.id}`} tabIndex={-1}>
            {verdict(attempt)}
          </p>
        ) : null}
      </div>
    </form>
  );
}

/** A lesson page: title, body (explanation + live plot), sources, questions, try again. */
export function LessonShell({ lesson, next }: { lesson: Lesson; next?: Lesson | undefined }) {
  const { meta, Body } = lesson;
  const { record, problem, error, answer, hint, again } = useLessonProgress(meta);
  const status = record ? lessonStatus(meta, record) : null;
  const round = record?.round ?? 0;
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
        <p className="note">
          The lesson counts as mastered when every question is answered right at the first try,
          without its hint.
        </p>
        {problem ? (
          <p role="alert" className="error" data-testid="progress-problem">
            {problem}
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="error">
            Progress could not be saved: {error}
          </p>
        ) : null}
        {record === null ? (
          <p>Loading your progress…</p>
        ) : (
          <div key={round}>
            {meta.questions.map((q, i) => (
              <QuestionBlock
                key={q.id}
                q={q}
                index={i}
                round={round}
                attempt={attemptOf(record, q)}
                last={record.answers[q.id]}
                onAnswer={(o) => void answer(q.id, o)}
                onHint={() => void hint(q.id)}
              />
            ))}
          </div>
        )}
        <p className="progress-line" role="status" data-testid="lesson-progress">
          Progress: {status ? `${statusLabel(status)}. ${statusDetail(status)}` : '…'}
        </p>
        <div className="row">
          {status && status.state !== 'not-started' ? (
            <button type="button" onClick={() => void again()}>
              Try this lesson again
            </button>
          ) : null}
          {next ? <Link href={`/${next.meta.slug}`}>Next lesson: {next.meta.title} →</Link> : null}
        </div>
      </section>
    </article>
  );
}
