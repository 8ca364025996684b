import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, openApp, screenshot } from './harness.ts';

/** the app loads its chunks and opens IndexedDB first: seconds on a loaded machine */
const POLL = { timeout: 15_000 };

/** The demo-mode flag as IndexedDB holds it (the app's `settings` table), read in the page. */
function storedDemoMode(page: Page): Promise<unknown> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('neuromod-planner');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('settings').objectStore('settings').get('demoMode');
          get.onsuccess = () => {
            db.close();
            resolve((get.result as { value?: unknown } | undefined)?.value);
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

it('demo mode hides and locks patient records, even by direct URL, and survives a reload', async () => {
  const s = await openApp('/learn/demo');
  const { page } = s;
  try {
    await page.getByTestId('demo-toggle').check();
    // the choice is stored asynchronously: navigate once IndexedDB holds it
    await expect.poll(() => storedDemoMode(page), POLL).toBe(true);
    await page.goto(new URL('/patients', s.baseURL).toString());
    await expect
      .poll(() => page.locator('main').textContent(), POLL)
      .toContain('Patient records are hidden and locked while demo mode is on');
    // on a reload in demo mode the records never show, not even before the stored flag is read
    await page.addInitScript(() => {
      const w = window as unknown as { sawRecords?: boolean };
      w.sawRecords = false;
      new MutationObserver(() => {
        if (document.body?.textContent?.includes('Pseudonym for a new patient'))
          w.sawRecords = true;
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
    await page.reload();
    await expect
      .poll(() => page.locator('main').textContent(), POLL)
      .toContain('hidden and locked while demo mode is on');
    expect(
      await page.evaluate(() => (window as unknown as { sawRecords?: boolean }).sawRecords),
    ).toBe(false);
    expect(await page.getByRole('button', { name: /new patient|create/i }).count()).toBe(0);
    await screenshot(page, 'patients-locked-in-demo');
    expect(await checkA11y(page)).toEqual([]);
    await page.goto(new URL('/learn/demo', s.baseURL).toString());
    await page.getByTestId('demo-toggle').uncheck();
    await expect.poll(() => storedDemoMode(page), POLL).toBe(false);
    await page.goto(new URL('/patients', s.baseURL).toString());
    await expect
      .poll(() => page.locator('main').textContent(), POLL)
      .not.toContain('hidden and locked');
    expect(s.consoleErrors).toEqual([]);
    expect(s.foreignRequests).toEqual([]);
  } finally {
    await s.close();
  }
});
