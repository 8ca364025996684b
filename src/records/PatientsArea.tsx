import { Link, Redirect, Route, Switch } from 'wouter';
import { CaseList } from './CaseList.tsx';
import { CaseEditor } from './CaseEditor.tsx';
import { useDemoMode } from '../demo/demoMode.ts';
import { useTeamSync } from './teamServer.ts';
import './records.css';

/** While demo mode is on, patient records are hidden and locked: nothing is listed, opened or exported. */
function LockedForDemo() {
  return (
    <section className="page" aria-labelledby="patients-heading">
      <h1 id="patients-heading">Patients</h1>
      <p role="status">
        Patient records are hidden and locked while demo mode is on. Turn demo mode off in{' '}
        <Link href="~/learn/demo">Learn → Demo</Link> to see them.
      </p>
    </section>
  );
}

/** The Patients area, mounted by the app shell at /patients (routes below are relative to it). */
export default function PatientsArea() {
  const { demoMode, known } = useDemoMode();
  // until the stored demo-mode setting is read, show no record (a reload in demo mode must not flash one)
  if (!known)
    return (
      <section className="page" aria-busy="true" aria-labelledby="patients-heading">
        <h1 id="patients-heading">Patients</h1>
        <p role="status">Opening patient records…</p>
      </section>
    );
  if (demoMode) return <LockedForDemo />;
  return <Records />;
}

function Records() {
  // the team server (when one is set up) signs in and syncs while patient records are open
  useTeamSync();
  return (
    <Switch>
      <Route path="/">
        <CaseList />
      </Route>
      <Route path="/:id/:section">
        {(p) => <CaseEditor key={p.id} id={decodeURIComponent(p.id)} section={p.section} />}
      </Route>
      <Route path="/:id">{(p) => <Redirect to={`/${p.id}/demographics`} replace />}</Route>
    </Switch>
  );
}
