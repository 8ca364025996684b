import { lazy, Suspense, useEffect } from 'react';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { StatusBar } from './StatusBar.tsx';
import { StorageBanner } from './StorageBanner.tsx';
import { requestPersistentStorage } from '../storage/db.ts';
import { flushPendingEdits, installPageFlush } from '../storage/flush.ts';

const PlanArea = lazy(() => import('../planner/PlanArea.tsx'));
const PatientsArea = lazy(() => import('../records/PatientsArea.tsx'));
const LearnArea = lazy(() => import('../learn/LearnArea.tsx'));

export const AREAS = [
  { path: '/plan', label: 'Plan', title: 'Plan: leads, programs and estimates' },
  {
    path: '/patients',
    label: 'Patients',
    title: 'Patients: records from candidate selection to implant',
  },
  { path: '/learn', label: 'Learn', title: 'Learn: lessons and demonstrations' },
] as const;

function TopNav() {
  const [location] = useLocation();
  return (
    <nav aria-label="Main" className="top-nav">
      <Link href="/plan" className="brand" aria-label="Neuromod Planner home">
        <img src="/favicon.svg" alt="" width={24} height={24} />
        <span>Neuromod Planner</span>
      </Link>
      <ul>
        {AREAS.map((a) => {
          const current = location === a.path || location.startsWith(`${a.path}/`);
          return (
            <li key={a.path}>
              <Link href={a.path} aria-current={current ? 'page' : undefined} title={a.title}>
                {a.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** Keeps the document title in step with the area, and moves focus to the new page's heading. */
function useAreaTitle() {
  const [location] = useLocation();
  useEffect(() => {
    const area = AREAS.find((a) => location === a.path || location.startsWith(`${a.path}/`));
    document.title = area ? `${area.label} · Neuromod Planner` : 'Neuromod Planner';
  }, [location]);
}

function NotFound() {
  const [location] = useLocation();
  return (
    <section aria-labelledby="nf-heading" className="page">
      <h1 id="nf-heading">Page not found</h1>
      <p>
        Nothing lives at <code>{location}</code>. Go to <Link href="/plan">Plan</Link>,{' '}
        <Link href="/patients">Patients</Link> or <Link href="/learn">Learn</Link>.
      </p>
    </section>
  );
}

/** Pending edits are written when the page is hidden or left, and on every in-app navigation. */
function useFlushPendingEdits() {
  const [location] = useLocation();
  useEffect(() => installPageFlush(), []);
  useEffect(() => {
    void flushPendingEdits();
  }, [location]);
}

/**
 * A share link (`#s=…`) pasted while another area is open goes to the planner, which loads it
 * or says why it refused it: a link is never silently ignored.
 */
function useShareLinkAnywhere() {
  const [location, navigate] = useLocation();
  useEffect(() => {
    const route = () => {
      const hash = window.location.hash;
      if (location.startsWith('/plan')) return;
      if (new URLSearchParams(hash.replace(/^#/, '')).has('s')) navigate(`/plan${hash}`);
    };
    route();
    window.addEventListener('hashchange', route);
    return () => window.removeEventListener('hashchange', route);
  }, [location, navigate]);
}

export default function App() {
  useAreaTitle();
  useFlushPendingEdits();
  useShareLinkAnywhere();
  useEffect(() => {
    void requestPersistentStorage();
  }, []);
  return (
    <div className="app">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="app-header">
        <TopNav />
      </header>
      <StorageBanner />
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p className="page">Loading…</p>}>
          <Switch>
            <Route path="/">
              <Redirect to="/plan" replace />
            </Route>
            <Route path="/plan" nest>
              <PlanArea />
            </Route>
            <Route path="/patients" nest>
              <PatientsArea />
            </Route>
            <Route path="/learn" nest>
              <LearnArea />
            </Route>
            <Route>
              <NotFound />
            </Route>
          </Switch>
        </Suspense>
      </main>
      <StatusBar />
    </div>
  );
}
