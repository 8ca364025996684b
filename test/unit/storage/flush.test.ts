/**
 * Issue #17 item 4: no edit lost. Every registered flush runs on `pagehide` and when the page
 * becomes hidden (not when it becomes visible); a failing flush does not stop the others; the
 * case journal takes a draft synchronously and refuses malformed entries.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  flushPendingEdits,
  installPageFlush,
  pendingFlushCount,
  registerFlush,
} from '../../../src/storage/flush.ts';
import {
  clearPendingCaseEdit,
  readPendingCaseEdit,
  sameCaseContent,
  writePendingCaseEdit,
  type KeyValueStorage,
} from '../../../src/storage/pendingEdits.ts';

class FakeTarget {
  listeners = new Map<string, Set<() => void>>();
  visibilityState = 'visible';
  addEventListener(type: string, l: () => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(l);
  }
  removeEventListener(type: string, l: () => void) {
    this.listeners.get(type)?.delete(l);
  }
  fire(type: string) {
    for (const l of this.listeners.get(type) ?? []) l();
  }
}

class MemoryStorage implements KeyValueStorage {
  items = new Map<string, string>();
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe('page flush', () => {
  it('runs every flush on pagehide and on visibilitychange to hidden, not to visible', async () => {
    const win = new FakeTarget();
    const doc = new FakeTarget();
    const calls: string[] = [];
    cleanups.push(registerFlush(() => void calls.push('a')));
    cleanups.push(registerFlush(() => void calls.push('b')));
    cleanups.push(installPageFlush(win, doc));

    win.fire('pagehide');
    expect(calls).toEqual(['a', 'b']);
    doc.visibilityState = 'visible';
    doc.fire('visibilitychange');
    expect(calls).toEqual(['a', 'b']);
    doc.visibilityState = 'hidden';
    doc.fire('visibilitychange');
    expect(calls).toEqual(['a', 'b', 'a', 'b']);
  });

  it('starts each write synchronously, inside the event (before any await)', () => {
    const win = new FakeTarget();
    const doc = new FakeTarget();
    const store = new MemoryStorage();
    cleanups.push(
      registerFlush(() => {
        store.setItem('draft', 'typed text');
        return new Promise((resolve) => setTimeout(resolve, 50));
      }),
    );
    cleanups.push(installPageFlush(win, doc));
    win.fire('pagehide');
    expect(store.getItem('draft')).toBe('typed text');
  });

  it('a throwing or rejecting flush does not stop the others', async () => {
    const calls: string[] = [];
    cleanups.push(
      registerFlush(() => {
        throw new Error('boom');
      }),
    );
    cleanups.push(registerFlush(() => Promise.reject(new Error('refused'))));
    cleanups.push(registerFlush(() => void calls.push('last')));
    await expect(flushPendingEdits()).resolves.toBeUndefined();
    expect(calls).toEqual(['last']);
  });

  it('waits for asynchronous flushes; removed flushes and listeners no longer run', async () => {
    let saved = false;
    const remove = registerFlush(
      () => new Promise<void>((resolve) => setTimeout(() => ((saved = true), resolve()), 10)),
    );
    expect(pendingFlushCount()).toBe(1);
    await flushPendingEdits();
    expect(saved).toBe(true);
    remove();
    expect(pendingFlushCount()).toBe(0);

    const win = new FakeTarget();
    const doc = new FakeTarget();
    let runs = 0;
    cleanups.push(registerFlush(() => void runs++));
    installPageFlush(win, doc)();
    win.fire('pagehide');
    expect(runs).toBe(0);
  });
});

describe('case edit journal', () => {
  it('keeps one draft per case and reads it back', () => {
    const s = new MemoryStorage();
    const edit = { caseId: 'c1', baseRevision: 3, draft: { pseudonym: 'Wren-61' }, at: 1 };
    expect(writePendingCaseEdit(edit, s)).toBe(true);
    expect(readPendingCaseEdit('c1', s)).toEqual(edit);
    expect(readPendingCaseEdit('c2', s)).toBeNull();
    clearPendingCaseEdit('c1', s);
    expect(readPendingCaseEdit('c1', s)).toBeNull();
  });

  it('drops a malformed entry instead of using it', () => {
    const s = new MemoryStorage();
    s.setItem('neuromod.pendingCase.c1', '{not json');
    expect(readPendingCaseEdit('c1', s)).toBeNull();
    expect(s.items.size).toBe(0);
    s.setItem(
      'neuromod.pendingCase.c1',
      JSON.stringify({ caseId: 'other', baseRevision: 1, draft: {}, at: 1 }),
    );
    expect(readPendingCaseEdit('c1', s)).toBeNull();
    s.setItem(
      'neuromod.pendingCase.c1',
      JSON.stringify({ caseId: 'c1', baseRevision: 1.5, draft: {}, at: 1 }),
    );
    expect(readPendingCaseEdit('c1', s)).toBeNull();
  });

  it('a full storage refuses the write with false, without throwing', () => {
    const full: KeyValueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(writePendingCaseEdit({ caseId: 'c', baseRevision: 1, draft: {}, at: 1 }, full)).toBe(
      false,
    );
  });

  it('content comparison ignores key order', () => {
    expect(sameCaseContent({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameCaseContent({ a: 1 }, { a: 2 })).toBe(false);
  });
});
