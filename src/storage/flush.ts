/**
 * Pending edits written before they can be lost. Anything that holds an edit back (the case
 * editor's 400 ms autosave, the planner's working plan) registers a flush here; all of them
 * run when the page is hidden or left (`visibilitychange` → hidden, `pagehide`: a reload, a
 * closed tab, a switch to another app on a phone) and before in-app navigation.
 *
 * A flush should start its write synchronously (localStorage, or the first IndexedDB request
 * before any await), because after `pagehide` the page may get no further turn of the event
 * loop.
 */

export type Flush = () => void | Promise<unknown>;

const flushes = new Set<Flush>();

/** Registers a flush; returns the function that removes it. */
export function registerFlush(flush: Flush): () => void {
  flushes.add(flush);
  return () => {
    flushes.delete(flush);
  };
}

/** Runs every registered flush now; a failing one does not stop the others. */
export function flushPendingEdits(): Promise<void> {
  const running: Promise<unknown>[] = [];
  for (const flush of [...flushes]) {
    try {
      const r = flush();
      if (r) running.push(r.catch(() => undefined));
    } catch {
      // a flush reports its own failure (save status, banner); the others still run
    }
  }
  return Promise.all(running).then(() => undefined);
}

/** How many flushes are registered (for tests and diagnostics). */
export function pendingFlushCount(): number {
  return flushes.size;
}

interface PageEvents {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/**
 * Flushes on `pagehide` and when the document becomes hidden. Returns the function that
 * removes the listeners. `win` and `doc` are parameters so that a test can drive them.
 */
export function installPageFlush(
  win: PageEvents = window,
  doc: PageEvents & { visibilityState: string } = document,
): () => void {
  const onHide = () => void flushPendingEdits();
  const onVisibility = () => {
    if (doc.visibilityState === 'hidden') void flushPendingEdits();
  };
  win.addEventListener('pagehide', onHide);
  doc.addEventListener('visibilitychange', onVisibility);
  return () => {
    win.removeEventListener('pagehide', onHide);
    doc.removeEventListener('visibilitychange', onVisibility);
  };
}
