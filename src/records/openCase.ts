/**
 * The patient case open in the Patients area, for the Plan to link to: its pain map becomes the
 * Plan's pain map on the body chart. Only the case id is kept (the case itself is read from
 * IndexedDB where it is shown), in sessionStorage so that it lasts for this tab and no longer.
 * Unlinking in the Plan clears it until another case is opened.
 */
import { useEffect, useState } from 'react';
import { createStore, useStore } from 'zustand';
import type { PatientCase } from '../../models/clinical/index.ts';
import { useDemoMode } from '../demo/demoMode.ts';
import { watchCase } from '../storage/cases.ts';
import type { KeyValueStorage } from '../storage/pendingEdits.ts';

export const OPEN_CASE_KEY = 'neuromod.openCase';

export interface OpenCaseState {
  caseId: string | null;
  open(caseId: string): void;
  unlink(): void;
}

function session(): KeyValueStorage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

function readStored(): string | null {
  try {
    const v = session()?.getItem(OPEN_CASE_KEY) ?? null;
    // a case id is a short token (storage/cases.ts newCaseId); anything longer is ignored
    return v !== null && v.length > 0 && v.length <= 200 ? v : null;
  } catch {
    return null;
  }
}

function store(caseId: string | null) {
  try {
    const s = session();
    if (caseId === null) s?.removeItem(OPEN_CASE_KEY);
    else s?.setItem(OPEN_CASE_KEY, caseId);
  } catch {
    // storage refused (private mode, quota): the link lasts for this page only
  }
}

export const openCaseStore = createStore<OpenCaseState>((set) => ({
  caseId: readStored(),
  open: (caseId) => {
    store(caseId);
    set({ caseId });
  },
  unlink: () => {
    store(null);
    set({ caseId: null });
  },
}));

export function useOpenCase<T>(selector: (s: OpenCaseState) => T): T {
  return useStore(openCaseStore, selector);
}

export type LinkedCase =
  | { status: 'none' }
  | { status: 'loading'; caseId: string }
  | { status: 'hidden'; caseId: string }
  | { status: 'missing'; caseId: string; message: string }
  | { status: 'open'; caseId: string; value: PatientCase };

/**
 * The open case, read live from IndexedDB (an edit of its pain map in another tab arrives).
 * While demo mode is on, patient records are locked: the case is not read ('hidden').
 */
export function useLinkedCase(): LinkedCase {
  const caseId = useOpenCase((s) => s.caseId);
  const { demoMode, known } = useDemoMode();
  // until the stored demo-mode setting is known, the case stays unread, as in demo mode
  const locked = demoMode || !known;
  const [read, setRead] = useState<{
    caseId: string;
    value: PatientCase | null;
    message: string;
  }>();
  useEffect(() => {
    if (!caseId || locked) return;
    return watchCase(caseId, (c, error) =>
      setRead({
        caseId,
        value: c?.value ?? null,
        message: error ?? 'the case is no longer stored',
      }),
    );
  }, [caseId, locked]);
  if (!caseId) return { status: 'none' };
  if (!known) return { status: 'loading', caseId };
  if (demoMode) return { status: 'hidden', caseId };
  if (read?.caseId !== caseId) return { status: 'loading', caseId };
  return read.value
    ? { status: 'open', caseId, value: read.value }
    : { status: 'missing', caseId, message: read.message };
}
