/**
 * The case editor's state: the stored case (watched live, so changes from another tab arrive),
 * the local draft, autosave after a short pause, and the stale-save conflict when another tab
 * saved first. Nothing is overwritten without the user choosing to.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { parseCase, type FieldIssue, type PatientCase } from '../../models/clinical/index.ts';
import { saveCase, watchCase, type LoadedCase } from '../storage/cases.ts';
import { registerFlush } from '../storage/flush.ts';
import {
  clearPendingCaseEdit,
  readPendingCaseEdit,
  sameCaseContent,
  writePendingCaseEdit,
} from '../storage/pendingEdits.ts';

export type SaveStatus =
  'loading' | 'saved' | 'unsaved' | 'saving' | 'invalid' | 'conflict' | 'error' | 'missing';

export interface CaseEditor {
  draft: PatientCase | null;
  revision: number;
  status: SaveStatus;
  message: string;
  issues: FieldIssue[];
  conflict: LoadedCase | null;
  /** applies a change to a copy of the draft; `reason` is stored with the audit rows of the save */
  update: (change: (draft: PatientCase) => void, reason?: string) => void;
  saveNow: () => Promise<void>;
  takeTheirs: () => void;
  keepMine: () => Promise<void>;
}

const AUTOSAVE_DELAY_MS = 400;

export function useCaseEditor(id: string): CaseEditor {
  const [draft, setDraft] = useState<PatientCase | null>(null);
  const [revision, setRevision] = useState(0);
  const [status, setStatus] = useState<SaveStatus>('loading');
  const [message, setMessage] = useState('');
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [conflict, setConflict] = useState<LoadedCase | null>(null);
  const draftRef = useRef<PatientCase | null>(null);
  const baseRevision = useRef(0);
  const dirty = useRef(false);
  const reasons = useRef<string[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saving = useRef<Promise<void> | null>(null);
  const conflictRef = useRef<LoadedCase | null>(null);
  const restoredSave = useRef(false);
  useEffect(() => {
    conflictRef.current = conflict;
  }, [conflict]);

  /**
   * An edit journalled when the page was hidden or closed before its save finished
   * (pendingEdits.ts): taken back as the draft and saved, or offered as a conflict when the
   * stored case changed since. True when the journal decided the state.
   */
  const restorePending = useCallback(
    (lc: LoadedCase): boolean => {
      const pending = readPendingCaseEdit(id);
      if (!pending) return false;
      const parsed = parseCase(pending.draft);
      if (!parsed.ok || sameCaseContent(parsed.value, lc.value)) {
        clearPendingCaseEdit(id);
        return false;
      }
      baseRevision.current = pending.baseRevision;
      draftRef.current = parsed.value;
      dirty.current = true;
      if (pending.reason) reasons.current.push(pending.reason);
      setDraft(parsed.value);
      setRevision(lc.record.revision);
      if (lc.record.revision === pending.baseRevision) {
        setStatus('unsaved');
        setMessage('Restored an edit that was not saved before the page was closed; saving it.');
        restoredSave.current = true;
      } else {
        setConflict(lc);
        setStatus('conflict');
        setMessage(
          `An edit not saved before the page was closed was restored, but this case was changed since (revision ${lc.record.revision}). Keep yours or load the newer version.`,
        );
      }
      return true;
    },
    [id],
  );

  useEffect(() => {
    dirty.current = false;
    let first = true;
    return watchCase(id, (lc, error) => {
      if (error) {
        setStatus('error');
        setMessage(error);
        return;
      }
      if (!lc) {
        setStatus('missing');
        setMessage('No case with this id.');
        return;
      }
      if (first) {
        first = false;
        if (restorePending(lc)) return;
      }
      if (lc.record.revision === baseRevision.current) return;
      if (!dirty.current) {
        baseRevision.current = lc.record.revision;
        draftRef.current = lc.value;
        setDraft(lc.value);
        setRevision(lc.record.revision);
        setStatus('saved');
        setMessage('');
        setConflict(null);
      } else if (lc.record.revision > baseRevision.current) {
        setConflict(lc);
        setStatus('conflict');
        setMessage(
          `This case was changed in another tab or window (revision ${lc.record.revision}). Your unsaved changes are kept here.`,
        );
      }
    });
  }, [id, restorePending]);

  const doSave = useCallback(async (force = false) => {
    const value = draftRef.current;
    if (!value || (!dirty.current && !force)) return;
    setStatus('saving');
    const reason = reasons.current.join('; ') || undefined;
    const r = await saveCase(value, baseRevision.current, reason ? { reason } : {});
    if (r.ok) {
      reasons.current = [];
      baseRevision.current = r.revision;
      setRevision(r.revision);
      if (draftRef.current === value) {
        dirty.current = false;
        clearPendingCaseEdit(value.id);
        setStatus('saved');
      } else setStatus('unsaved');
      setMessage(restoredSave.current ? 'Restored and saved an edit from before the reload.' : '');
      restoredSave.current = false;
      setIssues([]);
    } else if (r.kind === 'stale') {
      setConflict(r.current);
      setStatus('conflict');
      setMessage(r.message);
    } else if (r.kind === 'invalid') {
      setStatus('invalid');
      setIssues(r.issues);
      setMessage('Not saved: fix the fields listed below.');
    } else {
      setStatus('error');
      setMessage(r.message);
    }
  }, []);

  const saveNow = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    await saving.current;
    saving.current = doSave();
    await saving.current;
    saving.current = null;
  }, [doSave]);

  const update = useCallback(
    (change: (d: PatientCase) => void, reason?: string) => {
      const current = draftRef.current;
      if (!current) return;
      const next = structuredClone(current);
      change(next);
      draftRef.current = next;
      dirty.current = true;
      if (reason) reasons.current.push(reason);
      setDraft(next);
      setStatus((s) => (s === 'conflict' ? s : 'unsaved'));
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        if (conflictRef.current) return;
        void saveNow();
      }, AUTOSAVE_DELAY_MS);
    },
    [saveNow],
  );

  // the restored draft is saved as soon as the editor is ready
  useEffect(() => {
    if (restoredSave.current && status === 'unsaved') void saveNow();
  }, [status, saveNow]);

  /**
   * Page hidden or closed, or in-app navigation: the draft goes to the journal at once
   * (synchronous) and its save starts without waiting for the autosave pause.
   */
  useEffect(
    () =>
      registerFlush(() => {
        const value = draftRef.current;
        if (!dirty.current || !value) return;
        writePendingCaseEdit({
          caseId: id,
          baseRevision: baseRevision.current,
          draft: value,
          reason: reasons.current.join('; ') || undefined,
          at: Date.now(),
        });
        if (conflictRef.current) return;
        return saveNow();
      }),
    [id, saveNow],
  );

  const takeTheirs = useCallback(() => {
    const c = conflictRef.current;
    if (!c) return;
    clearPendingCaseEdit(id);
    dirty.current = false;
    reasons.current = [];
    baseRevision.current = c.record.revision;
    draftRef.current = c.value;
    setDraft(c.value);
    setRevision(c.record.revision);
    setConflict(null);
    setStatus('saved');
    setMessage('Loaded the newer version.');
  }, [id]);

  const keepMine = useCallback(async () => {
    const c = conflictRef.current;
    if (!c) return;
    baseRevision.current = c.record.revision;
    setConflict(null);
    await doSave(true);
  }, [doSave]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      if (dirty.current && !conflictRef.current) void saveNow();
    },
    [saveNow],
  );

  return {
    draft,
    revision,
    status,
    message,
    issues,
    conflict,
    update,
    saveNow,
    takeTheirs,
    keepMine,
  };
}
