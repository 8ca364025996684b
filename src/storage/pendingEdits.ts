/**
 * The journal of case edits not yet saved when the page was hidden or closed.
 *
 * An IndexedDB save takes several round trips (read the stored revision, write, audit), and a
 * page being unloaded may be torn down between them, so the flush on `pagehide` also writes
 * the draft to localStorage, which is synchronous and always completes. When the case opens
 * again, the editor takes the draft back from here (useCaseEditor) and saves it, or offers it
 * as a conflict when the stored case changed meanwhile. The entry is removed once the draft is
 * saved or given up.
 *
 * The journal lives on the same origin and device as IndexedDB (the records' own store), holds
 * at most one draft per case, and is read back through the case schema like any stored record.
 */
import { canonicalJson } from '../../models/scenario.ts';

const PREFIX = 'neuromod.pendingCase.';

export interface PendingCaseEdit {
  caseId: string;
  /** the stored revision the draft was edited from */
  baseRevision: number;
  /** the draft as the editor held it (validated again when read back) */
  draft: unknown;
  reason?: string;
  at: number;
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function defaultStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled for the site
  }
}

/** Writes the journal entry of a case; false when the browser refused (quota, disabled). */
export function writePendingCaseEdit(
  edit: PendingCaseEdit,
  storage: KeyValueStorage | null = defaultStorage(),
): boolean {
  if (!storage) return false;
  try {
    storage.setItem(PREFIX + edit.caseId, JSON.stringify(edit));
    return true;
  } catch {
    return false;
  }
}

/** The journal entry of a case, or null (none, or not a well-formed entry: then it is removed). */
export function readPendingCaseEdit(
  caseId: string,
  storage: KeyValueStorage | null = defaultStorage(),
): PendingCaseEdit | null {
  if (!storage) return null;
  let text: string | null;
  try {
    text = storage.getItem(PREFIX + caseId);
  } catch {
    return null;
  }
  if (text === null) return null;
  try {
    const v = JSON.parse(text) as Partial<PendingCaseEdit>;
    if (
      v &&
      v.caseId === caseId &&
      typeof v.baseRevision === 'number' &&
      Number.isInteger(v.baseRevision) &&
      typeof v.at === 'number' &&
      typeof v.draft === 'object' &&
      v.draft !== null &&
      (v.reason === undefined || typeof v.reason === 'string')
    ) {
      return v as PendingCaseEdit;
    }
  } catch {
    // not JSON: fall through and drop it
  }
  clearPendingCaseEdit(caseId, storage);
  return null;
}

export function clearPendingCaseEdit(
  caseId: string,
  storage: KeyValueStorage | null = defaultStorage(),
): void {
  try {
    storage?.removeItem(PREFIX + caseId);
  } catch {
    // nothing to do: the entry is checked against the stored case when read
  }
}

/** Whether a draft holds the same content as the stored case (then the journal is obsolete). */
export function sameCaseContent(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
