import { Redirect, Route, Switch } from 'wouter';
import { CaseList } from './CaseList.tsx';
import { CaseEditor } from './CaseEditor.tsx';
import './records.css';

/** The Patients area, mounted by the app shell at /patients (routes below are relative to it). */
export default function PatientsArea() {
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
