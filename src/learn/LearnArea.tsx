import { useEffect, useState } from 'react';
import { Link, Route, Switch, useParams } from 'wouter';
import { appDb } from '../storage/db.ts';
import { LessonShell } from './components/LessonShell.tsx';
import { LESSONS, findLesson } from './lessons/index.ts';
import type { LessonMeta } from './lessons/types.ts';
import { loadAllProgress, type AllProgress } from './progress.ts';
import { lessonStatus, statusDetail, statusLabel } from './questions.ts';
import DemoArea from '../demo/DemoArea.tsx';
import './learn.css';

function LessonList() {
  const [progress, setProgress] = useState<AllProgress | null>(null);
  useEffect(() => {
    let live = true;
    loadAllProgress(appDb()).then(
      (p) => live && setProgress(p),
      () => live && setProgress({ records: new Map(), problems: new Map() }),
    );
    return () => {
      live = false;
    };
  }, []);
  const statusOf = (meta: LessonMeta) =>
    lessonStatus(meta, progress?.records.get(meta.slug) ?? { answers: {} });
  const mastered = progress
    ? LESSONS.filter((l) => statusOf(l.meta).state === 'mastered').length
    : 0;
  return (
    <section aria-labelledby="learn-heading" className="page learn-home">
      <h1 id="learn-heading">Learn</h1>
      <p className="lead">
        Interactive lessons on neuromodulation for neuropathic pain. Every plot runs on the same
        engine as the planner — MRG cable-model thresholds in the worker pool, the field and charge
        functions of the models — so what you see is what the model computes.
      </p>
      <p>
        <Link href="/demo" className="button-link">
          Demo mode: scripted scenarios, A/B programs and replayable links →
        </Link>
      </p>
      <h2>Lessons</h2>
      <p role="status" data-testid="lessons-mastered">
        {progress
          ? `${mastered} of ${LESSONS.length} lessons mastered (every question right at the first try, without a hint).`
          : 'Loading progress…'}
      </p>
      <ol className="lesson-list">
        {LESSONS.map((l) => {
          const { slug } = l.meta;
          const status = statusOf(l.meta);
          const problem = progress?.problems.get(slug);
          return (
            <li key={slug} data-slug={slug}>
              <Link href={`/${slug}`}>{l.meta.title}</Link>
              <span
                className={`badge ${status.state === 'mastered' ? 'ok' : ''} ${status.state}`}
                data-testid={`progress-${slug}`}
              >
                {progress ? (problem ? 'Progress unreadable' : statusLabel(status)) : '…'}
              </span>
              <p>{l.meta.summary}</p>
              {progress && (problem || status.state === 'attempted') ? (
                <p className="progress-detail" data-testid={`progress-detail-${slug}`}>
                  {problem ?? statusDetail(status)}
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function LessonRoute() {
  const { slug } = useParams<{ slug: string }>();
  const lesson = findLesson(slug);
  useEffect(() => {
    if (lesson) document.title = `${lesson.meta.title} · Learn · Neuromod Planner`;
  }, [lesson]);
  if (!lesson) {
    return (
      <section className="page" aria-labelledby="nolesson-heading">
        <h1 id="nolesson-heading">No such lesson</h1>
        <p>
          There is no lesson called <code>{slug}</code>. <Link href="/">See all lessons</Link>.
        </p>
      </section>
    );
  }
  const i = LESSONS.indexOf(lesson);
  return <LessonShell key={lesson.meta.slug} lesson={lesson} next={LESSONS[i + 1]} />;
}

export default function LearnArea() {
  return (
    <Switch>
      <Route path="/">
        <LessonList />
      </Route>
      <Route path="/demo">
        <DemoArea />
      </Route>
      <Route path="/:slug">
        <LessonRoute />
      </Route>
    </Switch>
  );
}
