import { useEffect, useId, useState } from 'react';
import { readFileWithinLimit } from '../storage/fileRead.ts';
import { UserProfileForm } from './UserProfileForm.tsx';
import { SyncBadge, TeamServerPanel } from './TeamServer.tsx';
import { useSyncRecords } from './teamServer.ts';
import { Link, useLocation } from 'wouter';
import {
  createCase,
  importCases,
  watchCaseList,
  type CaseSummary,
  type ExistingCase,
  type ImportExisting,
  type ImportIssue,
} from '../storage/cases.ts';

export function CaseList() {
  const [list, setList] = useState<CaseSummary[] | null>(null);
  const [pseudonym, setPseudonym] = useState('');
  const [error, setError] = useState('');
  const [importMsg, setImportMsg] = useState('');
  const [issues, setIssues] = useState<ImportIssue[]>([]);
  const [pending, setPending] = useState<{
    texts: { name: string; text: string }[];
    existing: ExistingCase[];
  } | null>(null);
  const [, navigate] = useLocation();
  const pid = useId();
  const fid = useId();
  useEffect(() => watchCaseList(setList), []);
  const syncRecords = useSyncRecords();

  const create = async () => {
    if (pseudonym.trim() === '') {
      setError('Enter a pseudonym (no real names).');
      return;
    }
    try {
      const c = await createCase(pseudonym);
      setPseudonym('');
      setError('');
      navigate(`/${c.value.id}/demographics`);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const onFiles = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    const read = await Promise.all([...files].map((f) => readFileWithinLimit(f)));
    const refused = read.flatMap((r) =>
      r.ok ? [] : [{ file: r.name, path: '', message: r.message }],
    );
    if (refused.length > 0) {
      // one file refused: none is imported, so that a batch is all or nothing
      setPending(null);
      setIssues(refused);
      setImportMsg('Nothing was imported:');
      return;
    }
    await runImport(
      read.flatMap((r) => (r.ok ? [{ name: r.name, text: r.text }] : [])),
      'ask',
    );
  };

  const runImport = async (texts: { name: string; text: string }[], onExisting: ImportExisting) => {
    const r = await importCases(texts, undefined, { onExisting });
    setPending(null);
    if (r.ok) {
      setIssues([]);
      const parts = [
        r.imported.length
          ? `Imported ${r.imported.length} case(s): ${r.imported.map((c) => c.pseudonym).join(', ')}.`
          : '',
        r.updated.length
          ? `Updated ${r.updated.map((c) => `${c.pseudonym} (now revision ${c.revision})`).join(', ')} from the file.`
          : '',
        r.unchanged.length
          ? `${r.unchanged.map((c) => c.pseudonym).join(', ')}: already up to date, nothing changed.`
          : '',
      ];
      setImportMsg(parts.filter(Boolean).join(' '));
    } else if (r.kind === 'exists') {
      setIssues([]);
      setImportMsg(r.message);
      setPending({ texts, existing: r.existing });
    } else {
      setIssues(r.issues);
      setImportMsg(r.message);
    }
  };

  return (
    <section aria-labelledby="patients-heading" className="page records">
      <h1 id="patients-heading">Patients</h1>
      <p className="muted">
        Records stay in this browser (IndexedDB) unless you export them. Use pseudonyms only.
      </p>
      <UserProfileForm />
      <form
        className="card create"
        aria-label="New patient"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label htmlFor={pid}>Pseudonym for a new patient</label>
        <input
          id={pid}
          value={pseudonym}
          onChange={(e) => setPseudonym(e.target.value)}
          autoComplete="off"
        />
        <button type="submit" className="primary">
          Create patient
        </button>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>

      <div className="card">
        <label htmlFor={fid}>Import case files (JSON, any schema version)</label>{' '}
        <input
          id={fid}
          type="file"
          accept=".json,application/json"
          multiple
          onChange={(e) => {
            void onFiles(e.target.files);
            e.target.value = '';
          }}
        />
        <div role="status" aria-live="polite" data-testid="import-status">
          {importMsg && (
            <p className={issues.length ? 'error' : pending ? 'warn' : ''}>{importMsg}</p>
          )}
          {pending && (
            <div className="import-choice" role="group" aria-label="Case already stored">
              <button
                type="button"
                className="primary"
                onClick={() => void runImport(pending.texts, 'update')}
              >
                Update the stored case{pending.existing.length > 1 ? 's' : ''}
              </button>{' '}
              <button type="button" onClick={() => void runImport(pending.texts, 'copy')}>
                Import as a separate copy
              </button>{' '}
              <button
                type="button"
                onClick={() => {
                  setPending(null);
                  setImportMsg('Import cancelled; nothing was imported.');
                }}
              >
                Cancel
              </button>
            </div>
          )}
          {issues.length > 0 && (
            <ul className="issues">
              {issues.map((i, k) => (
                <li key={k}>
                  {i.file}: <code>{i.path || '(file)'}</code>: {i.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>

      <TeamServerPanel localIds={new Set((list ?? []).map((c) => c.id))} />

      <table className="table">
        <caption>Cases ({list?.length ?? '…'})</caption>
        <thead>
          <tr>
            <th scope="col">Pseudonym</th>
            <th scope="col">Last change</th>
            <th scope="col">Revision</th>
            <th scope="col">Report</th>
            <th scope="col">Team server</th>
          </tr>
        </thead>
        <tbody>
          {list?.length === 0 && (
            <tr>
              <td colSpan={5}>No patients yet.</td>
            </tr>
          )}
          {list?.map((c) => (
            <tr key={c.id}>
              <td>
                <Link href={`/${c.id}/demographics`}>{c.pseudonym}</Link>
              </td>
              <td>{new Date(c.updatedAt).toISOString().replace('T', ' ').slice(0, 16)}</td>
              <td>{c.revision}</td>
              <td>
                <Link href={`/${c.id}/report`} aria-label={`Trial report of ${c.pseudonym}`}>
                  report
                </Link>
              </td>
              <td>
                <SyncBadge record={syncRecords.get(c.id)} caseId={c.id} pseudonym={c.pseudonym} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
