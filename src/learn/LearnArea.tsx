import { useEffect, useState } from 'react';
import { Link, Route, Switch, useParams } from 'wouter';
import { appDb, type LessonProgressRecord } from '../storage/db.ts';
import { LessonShell } from './components/LessonShell.tsx';
import { LESSONS, findLesson } from './lessons/index.ts';
import { loadAllProgress } from './progress.ts';
import { progressLabel, scoreAnswers } from './questions.ts';
import DemoArea from '../demo/DemoArea.tsx';
import './learn.css';

function LessonList() {
  const [progress, setProgress] = useState<Map<string, LessonProgressRecord> | null>(null);
  useEffect(() => {
    let live = true;
    loadAllProgress(appDb()).then(
      (p) => live && setProgress(p),
      () => live && setProgress(new Map()),
    );
    return () => {
      live = false;
    };
  }, []);
  const done = progress
    ? LESSONS.filter(
        (l) => scoreAnswers(l.meta, progress.get(l.meta.slug)?.answers ?? {}).completed,
      ).length
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
      <p role="status">
        {progress ? `${done} of ${LESSONS.length} lessons completed.` : 'Loading progress…'}
      </p>
      <ol className="lesson-list">
        {LESSONS.map((l) => {
          const score = scoreAnswers(l.meta, progress?.get(l.meta.slug)?.answers ?? {});
          return (
            <li key={l.meta.slug} data-slug={l.meta.slug}>
              <Link href={`/${l.meta.slug}`}>{l.meta.title}</Link>
              <span
                className={`badge ${score.completed ? 'ok' : ''}`}
                data-testid={`progress-${l.meta.slug}`}
              >
                {progress ? progressLabel(score) : '…'}
              </span>
              <p>{l.meta.summary}</p>
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
