/**
 * Issue #17 item 4 in Chromium: the case editor takes back an edit journalled when the page
 * was closed before its save finished (src/storage/pendingEdits.ts). Same stored revision →
 * the draft is restored and saved (then the journal entry is gone); the stored case changed
 * since → the draft is kept and offered as a conflict, nothing overwritten. A flush writes the
 * journal synchronously, before its save finishes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRoot, type Root } from 'react-dom/client';
import { act } from 'react';
import { useCaseEditor, type CaseEditor } from '../../src/records/useCaseEditor.ts';
import { createCase, loadCase, saveCase } from '../../src/storage/cases.ts';
import { flushPendingEdits } from '../../src/storage/flush.ts';
import { readPendingCaseEdit, writePendingCaseEdit } from '../../src/storage/pendingEdits.ts';

let root: Root | null = null;
let host: HTMLElement | null = null;
let editor: CaseEditor | null = null;

function Probe({ id }: { id: string }) {
  editor = useCaseEditor(id);
  return <p>{editor.status}</p>;
}

async function mount(id: string) {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  await act(async () => root!.render(<Probe id={id} />));
}

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(check(), what).toBe(true);
}

afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
  root = null;
  host = null;
  editor = null;
});

describe('useCaseEditor and the edit journal', () => {
  it('a journalled edit on the same revision is restored and saved', async () => {
    const c = await createCase(`Plover-${Date.now()}`);
    const draft = structuredClone(c.value);
    draft.demographics.ageYears = 63;
    writePendingCaseEdit({ caseId: c.value.id, baseRevision: 1, draft, at: Date.now() });
    await mount(c.value.id);
    await until(() => editor?.status === 'saved' && editor.revision === 2, 'saved as revision 2');
    expect(editor!.draft?.demographics.ageYears).toBe(63);
    expect(editor!.message).toBe('Restored and saved an edit from before the reload.');
    expect((await loadCase(c.value.id))!.value.demographics.ageYears).toBe(63);
    expect(readPendingCaseEdit(c.value.id)).toBeNull();
  });

  it('a journalled edit on an older revision is offered as a conflict, nothing overwritten', async () => {
    const c = await createCase(`Avocet-${Date.now()}`);
    const mine = structuredClone(c.value);
    mine.demographics.ageYears = 40;
    writePendingCaseEdit({ caseId: c.value.id, baseRevision: 1, draft: mine, at: Date.now() });
    const theirs = structuredClone(c.value);
    theirs.demographics.ageYears = 41;
    expect((await saveCase(theirs, 1)).ok).toBe(true);
    await mount(c.value.id);
    await until(() => editor?.status === 'conflict', 'a conflict');
    expect(editor!.draft?.demographics.ageYears).toBe(40);
    expect(editor!.conflict?.value.demographics.ageYears).toBe(41);
    expect(editor!.message).toMatch(/changed since \(revision 2\)/);
    expect((await loadCase(c.value.id))!.value.demographics.ageYears).toBe(41);
    await act(async () => editor!.takeTheirs());
    expect(editor!.draft?.demographics.ageYears).toBe(41);
    expect(readPendingCaseEdit(c.value.id)).toBeNull();
  });

  it('a flush writes the journal at once and saves without waiting for the pause', async () => {
    const c = await createCase(`Curlew-${Date.now()}`);
    await mount(c.value.id);
    await until(() => editor?.status === 'saved', 'loaded');
    act(() => editor!.update((d) => void (d.demographics.ageYears = 58)));
    const flushing = flushPendingEdits();
    // synchronous: the journal holds the draft before the save has finished
    const journal = readPendingCaseEdit(c.value.id);
    expect(journal?.baseRevision).toBe(1);
    expect((journal?.draft as typeof c.value).demographics.ageYears).toBe(58);
    await act(async () => flushing);
    expect((await loadCase(c.value.id))!.record.revision).toBe(2);
    expect(readPendingCaseEdit(c.value.id)).toBeNull();
  });
});
