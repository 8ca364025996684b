import { useCallback, useEffect, useRef, useState } from 'react';
import { canonicalJson, parseScenario } from '../../models/scenario.ts';
import {
  deleteScenario,
  listScenarios,
  loadScenario,
  saveScenario,
  StoredScenarioError,
  type ScenarioSummary,
} from '../storage/scenarios.ts';
import { shareUrl } from '../app/shareLink.ts';
import { parseJsonWithinLimits } from '../../models/limits.ts';
import { readFileWithinLimit } from '../storage/fileRead.ts';
import { usePlanner } from './store.ts';

function downloadText(filename: string, text: string, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function fileSafe(name: string): string {
  return name.replace(/[^a-z0-9-_]+/gi, '-').replace(/^-+|-+$/g, '') || 'scenario';
}

/** Save, reopen, delete, export, import and share the current scenario. */
export function ScenarioPanel() {
  const scenario = usePlanner((s) => s.scenario);
  const savedId = usePlanner((s) => s.savedId);
  const setScenario = usePlanner((s) => s.setScenario);
  const update = usePlanner((s) => s.update);
  const rejectLoad = usePlanner((s) => s.rejectLoad);
  const clearIssues = usePlanner((s) => s.clearIssues);
  const loadIssues = usePlanner((s) => s.loadIssues);
  const loadIssuesSource = usePlanner((s) => s.loadIssuesSource);
  const [saved, setSaved] = useState<ScenarioSummary[]>([]);
  const [message, setMessage] = useState('');
  const [link, setLink] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);

  const refresh = useCallback(() => {
    listScenarios()
      .then(setSaved)
      .catch((e: unknown) => setMessage(`Could not read saved scenarios: ${(e as Error).message}`));
  }, []);
  useEffect(refresh, [refresh]);

  const onSave = async () => {
    try {
      const id = await saveScenario(scenario, savedId ?? undefined);
      setScenario(scenario, id);
      setMessage(`Saved “${scenario.name}”.`);
      refresh();
    } catch (e) {
      setMessage((e as Error).message);
    }
  };

  const onOpen = async (id: string) => {
    try {
      setScenario(await loadScenario(id), id);
      setMessage('');
    } catch (e) {
      if (e instanceof StoredScenarioError) rejectLoad('saved record', e.issues);
      setMessage((e as Error).message);
    }
  };

  const onDelete = async (s: ScenarioSummary) => {
    if (!window.confirm(`Delete the saved scenario “${s.name}”?`)) return;
    await deleteScenario(s.id);
    if (savedId === s.id) setScenario(scenario, null);
    refresh();
  };

  const onImport = async (file: File) => {
    const read = await readFileWithinLimit(file);
    if (!read.ok) {
      rejectLoad(file.name, [{ path: '(file)', message: read.message }]);
      return;
    }
    const json = parseJsonWithinLimits(read.text);
    if (!json.ok) {
      rejectLoad(
        file.name,
        json.issues.map((i) => ({ path: i.path || '(file)', message: i.message })),
      );
      return;
    }
    const parsed = parseScenario(json.value);
    if (!parsed.ok) {
      rejectLoad(file.name, parsed.issues);
      return;
    }
    setScenario(parsed.value);
    setMessage(`Imported “${parsed.value.name}” (not saved yet).`);
  };

  const onShare = async () => {
    const url = shareUrl(scenario, `${window.location.origin}/plan`);
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      setMessage('Share link copied to the clipboard.');
    } catch {
      setMessage('Share link ready below; copy it from the field.');
    }
  };

  return (
    <div className="scenario-panel">
      <label className="field">
        <span>Scenario name</span>
        <input
          type="text"
          value={scenario.name}
          maxLength={120}
          onChange={(e) => {
            const name = e.target.value;
            if (name.trim() === '') return;
            update((s) => ({ ...s, name }));
          }}
        />
      </label>
      <div className="button-row">
        <button type="button" onClick={onSave}>
          {savedId ? 'Save' : 'Save to this browser'}
        </button>
        <button
          type="button"
          onClick={() =>
            downloadText(
              `${fileSafe(scenario.name)}.scenario.json`,
              `${JSON.stringify(JSON.parse(canonicalJson(scenario)), null, 2)}\n`,
            )
          }
        >
          Export file
        </button>
        <button type="button" onClick={() => fileInput.current?.click()}>
          Import file
        </button>
        <button type="button" onClick={onShare}>
          Share link
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          aria-label="Scenario file to import"
          data-testid="scenario-file-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void onImport(f);
            e.target.value = '';
          }}
        />
      </div>
      {link && (
        <label className="field">
          <span>Share link</span>
          <input
            type="text"
            readOnly
            value={link}
            data-testid="share-link"
            onFocus={(e) => e.target.select()}
          />
        </label>
      )}
      <p role="status" className="panel-message" data-testid="scenario-message">
        {message}
      </p>
      {loadIssues.length > 0 && (
        <div role="alert" className="issues" data-testid="load-issues">
          <p>
            Nothing was loaded from the {loadIssuesSource}; the current scenario is unchanged.
            Problems found:
          </p>
          <ul>
            {loadIssues.map((i) => (
              <li key={`${i.path}:${i.message}`}>
                <code>{i.path}</code>: {i.message}
              </li>
            ))}
          </ul>
          <button type="button" onClick={clearIssues}>
            Dismiss
          </button>
        </div>
      )}
      <h2>Saved scenarios</h2>
      {saved.length === 0 ? (
        <p className="muted">None yet in this browser.</p>
      ) : (
        <ul className="saved-list" data-testid="saved-scenarios">
          {saved.map((s) => (
            <li key={s.id}>
              <button type="button" className="link-button" onClick={() => void onOpen(s.id)}>
                {s.name}
              </button>
              <span className="muted">
                {s.therapy} · {new Date(s.updatedAt).toLocaleString()}
              </span>
              <button
                type="button"
                aria-label={`Delete ${s.name}`}
                onClick={() => void onDelete(s)}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
