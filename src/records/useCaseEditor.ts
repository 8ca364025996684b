/**
 * The case editor's state: the stored case (watched live, so changes from another tab arrive),
 * the local draft, autosave after a short pause, and the stale-save conflict when another tab
 * saved first. Nothing is overwritten without the user choosing to.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FieldIssue, PatientCase } from '../../models/clinical/index.ts';
import { saveCase, watchCase, type LoadedCase } from '../storage/cases.ts';

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
  useEffect(() => {
    conflictRef.current = conflict;
  }, [conflict]);

  useEffect(() => {
    dirty.current = false;
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
  }, [id]);

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
        setStatus('saved');
      } else setStatus('unsaved');
      setMessage('');
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

  const takeTheirs = useCallback(() => {
    const c = conflictRef.current;
    if (!c) return;
    dirty.current = false;
    reasons.current = [];
    baseRevision.current = c.record.revision;
    draftRef.current = c.value;
    setDraft(c.value);
    setRevision(c.record.revision);
    setConflict(null);
    setStatus('saved');
    setMessage('Loaded the newer version.');
  }, []);

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
      if (dirty.current && !conflictRef.current) void doSave();
    },
    [doSave],
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
