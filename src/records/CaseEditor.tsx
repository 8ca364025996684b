import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { evaluateSelection, VERDICT_LABELS } from '../../models/clinical/index.ts';
import { useCaseEditor, type SaveStatus } from './useCaseEditor.ts';
import { download, exportCase, type ExportFormat } from './exports.ts';
import { Demographics } from './sections/Demographics.tsx';
import { ConservativeCare } from './sections/ConservativeCare.tsx';
import { Instruments } from './sections/Instruments.tsx';
import { Checklist } from './sections/Checklist.tsx';
import { Trial } from './sections/Trial.tsx';
import { Evaluation } from './sections/Evaluation.tsx';
import { Implant } from './sections/Implant.tsx';
import { FollowUps } from './sections/FollowUps.tsx';
import { Complications } from './sections/Complications.tsx';
import { Report } from './Report.tsx';
import { AuditLog } from './AuditLog.tsx';
import { checkAuditChain } from '../storage/auditCheck.ts';
import { SyncConflictBanner } from './TeamServer.tsx';
import { openCaseStore } from './openCase.ts';

export const SECTIONS = [
  { slug: 'demographics', label: 'Demographics & pain map' },
  { slug: 'care', label: 'Conservative care' },
  { slug: 'instruments', label: 'Instruments' },
  { slug: 'checklist', label: 'Checklist' },
  { slug: 'trial', label: 'Trial' },
  { slug: 'evaluation', label: 'Evaluation' },
  { slug: 'implant', label: 'Implant' },
  { slug: 'follow-up', label: 'Follow-up' },
  { slug: 'complications', label: 'Complications' },
  { slug: 'audit', label: 'Audit log' },
] as const;

const STATUS_TEXT: Record<SaveStatus, string> = {
  loading: 'Loading…',
  saved: 'All changes saved',
  unsaved: 'Unsaved changes…',
  saving: 'Saving…',
  invalid: 'Not saved: invalid fields',
  conflict: 'Not saved: changed in another tab',
  error: 'Not saved: storage problem',
  missing: 'Case not found',
};

export function CaseEditor({ id, section }: { id: string; section: string }) {
  const ed = useCaseEditor(id);
  const [deid, setDeid] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [section]);
  // the case the Plan links to (its pain map on the Plan's body chart): the one opened last
  const loaded = ed.draft !== null;
  useEffect(() => {
    if (loaded) openCaseStore.getState().open(id);
  }, [id, loaded]);

  if (ed.status === 'missing' || (ed.status === 'error' && !ed.draft)) {
    return (
      <section className="page records">
        <h1>Case not available</h1>
        <p role="alert">{ed.message}</p>
        <Link href="/">Back to the patient list</Link>
      </section>
    );
  }
  const c = ed.draft;
  if (!c) return <p className="page">Loading case…</p>;

  if (section === 'report') return <div className="page records">{<Report c={c} />}</div>;

  const verdict = evaluateSelection(c).verdict;
  const doExport = (format: ExportFormat) => {
    const f = exportCase(c, format, deid);
    download(f.name, f.text, f.type);
    // the audit chain is checked on every export; a broken one shows in the app-wide banner
    void checkAuditChain();
  };
  const current = SECTIONS.find((s) => s.slug === section) ?? SECTIONS[0];

  return (
    <div className="page records case-editor">
      <header className="case-header">
        <div>
          <p className="crumbs">
            <Link href="/">Patients</Link> / {c.pseudonym}
          </p>
          <h1 ref={heading} tabIndex={-1}>
            {c.pseudonym}: {current.label}
          </h1>
          <p className="muted">
            Checklist: <strong>{VERDICT_LABELS[verdict]}</strong> · revision {ed.revision}
          </p>
        </div>
        <div
          className={`save-status status-${ed.status}`}
          role="status"
          aria-live="polite"
          data-testid="save-status"
        >
          {STATUS_TEXT[ed.status]}
        </div>
      </header>

      <SyncConflictBanner caseId={c.id} />
      {ed.conflict && (
        <div className="banner warn" role="alert">
          <p>{ed.message}</p>
          <button type="button" onClick={ed.takeTheirs}>
            Load the newer version (discard my changes)
          </button>{' '}
          <button type="button" onClick={() => void ed.keepMine()}>
            Keep my version (overwrite theirs)
          </button>
        </div>
      )}
      {ed.status === 'invalid' && (
        <div className="banner error" role="alert">
          <p>{ed.message}</p>
          <ul>
            {ed.issues.map((i) => (
              <li key={`${i.path}:${i.message}`}>
                <code>{i.path}</code>: {i.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {ed.message && (ed.status === 'saved' || ed.status === 'unsaved') && (
        <p className="muted" role="status" data-testid="editor-note">
          {ed.message}
        </p>
      )}
      {ed.status === 'error' && (
        <div className="banner error" role="alert">
          {ed.message}
        </div>
      )}

      <nav aria-label="Case sections" className="section-nav">
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.slug}>
              <Link
                href={`/${c.id}/${s.slug}`}
                aria-current={s.slug === current.slug ? 'page' : undefined}
              >
                {s.label}
              </Link>
            </li>
          ))}
          <li>
            <Link href={`/${c.id}/report`}>Trial report</Link>
          </li>
        </ul>
      </nav>

      <div className="export-bar" role="group" aria-label="Export">
        <span>Export:</span>
        <button type="button" onClick={() => doExport('fhir')}>
          FHIR R4
        </button>
        <button type="button" onClick={() => doExport('csv')}>
          CSV (REDCap)
        </button>
        <button type="button" onClick={() => doExport('csv-dictionary')}>
          CSV data dictionary
        </button>
        <button type="button" onClick={() => doExport('json')}>
          JSON
        </button>
        <label>
          <input type="checkbox" checked={deid} onChange={(e) => setDeid(e.target.checked)} />{' '}
          De-identified
        </label>
      </div>

      {current.slug === 'demographics' && <Demographics c={c} update={ed.update} />}
      {current.slug === 'care' && <ConservativeCare c={c} update={ed.update} />}
      {current.slug === 'instruments' && <Instruments c={c} update={ed.update} />}
      {current.slug === 'checklist' && <Checklist c={c} update={ed.update} />}
      {current.slug === 'trial' && <Trial c={c} update={ed.update} />}
      {current.slug === 'evaluation' && <Evaluation c={c} update={ed.update} />}
      {current.slug === 'implant' && <Implant c={c} update={ed.update} />}
      {current.slug === 'follow-up' && <FollowUps c={c} update={ed.update} />}
      {current.slug === 'complications' && <Complications c={c} update={ed.update} />}
      {current.slug === 'audit' && <AuditLog caseId={c.id} revision={ed.revision} />}
    </div>
  );
}
