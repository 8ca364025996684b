/**
 * Issue #17 end to end, as a careless user and an attacker would: a reload inside the 400 ms
 * autosave pause keeps the edit; the planner's working plan survives a reload (and a damaged
 * stored plan gives the default plan and a message); hostile share links (oversized, a
 * decompression bomb, malformed, deeply nested) are refused with a visible message whichever
 * planner tab is open; a row of the audit trail edited in IndexedDB shows the alert banner
 * naming the entry. Screenshots under test-results/screenshots/hostile-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { compressToEncodedURIComponent } from 'lz-string';
import { launchOptions } from './launch.ts';
import { checkA11y, openApp, screenshot, type AppSession } from './harness.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch(launchOptions);
});
afterAll(async () => {
  await browser?.close();
});

async function withApp(path: string, fn: (s: AppSession) => Promise<void>) {
  const s = await openApp(path, { browser });
  try {
    await fn(s);
    expect(s.consoleErrors, 'console errors').toEqual([]);
    expect(s.foreignRequests, 'requests leaving 127.0.0.1').toEqual([]);
  } finally {
    await s.close();
  }
}

async function a11y(page: Page, name: string) {
  expect(await checkA11y(page), `axe serious/critical violations on ${name}`).toEqual([]);
}

async function setNumber(page: Page, label: string, value: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(value);
  await input.press('Enter');
}

async function saved(page: Page) {
  await page
    .getByTestId('save-status')
    .filter({ hasText: 'All changes saved' })
    .waitFor({ timeout: 20_000 });
}

async function section(page: Page, name: string) {
  await page
    .getByRole('navigation', { name: 'Case sections' })
    .getByRole('link', { name, exact: true })
    .click();
}

/** The stored case with `pseudonym`, read straight from IndexedDB. */
function storedCase(page: Page, pseudonym: string) {
  return page.evaluate(
    (p) =>
      new Promise<{ revision: number; ageYears: unknown } | null>((resolve, reject) => {
        const open = indexedDB.open('neuromod-planner');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction('cases').objectStore('cases').getAll();
          req.onsuccess = () => {
            const row = (
              req.result as {
                revision: number;
                data: { pseudonym: string; demographics: { ageYears: unknown } };
              }[]
            ).find((r) => r.data.pseudonym === p);
            db.close();
            resolve(
              row ? { revision: row.revision, ageYears: row.data.demographics.ageYears } : null,
            );
          };
          req.onerror = () => reject(req.error);
        };
      }),
    pseudonym,
  );
}

describe('no edit lost', () => {
  it('a reload inside the autosave pause keeps the edit, saved and attributed; the tampered audit row is shown loudly', async () => {
    await withApp('/patients', async (s) => {
      const { page } = s;
      // the profile every change is attributed to
      await page.getByRole('heading', { name: 'Who is making changes' }).waitFor();
      await page.getByLabel('Your name').fill('Dr E. Okafor');
      await page.getByLabel('Role').selectOption('physician');
      await page.getByRole('button', { name: 'Save profile' }).click();
      await expect
        .poll(() => page.getByTestId('profile-current').textContent())
        .toContain('recorded in the audit trail as Dr E. Okafor (Physician)');
      await screenshot(page, 'hostile-01-profile', true);
      await a11y(page, 'patient list with the profile form');

      await page.getByLabel('Pseudonym for a new patient').fill('Osprey-52');
      await page.getByRole('button', { name: 'Create patient' }).click();
      await page.waitForURL(/\/patients\/case-[^/]+\/demographics$/);
      await saved(page);

      // type, then reload at once: well inside the 400 ms autosave pause
      await page.getByLabel('Age (years)', { exact: true }).fill('52');
      await page.reload();
      await expect
        .poll(() => page.getByLabel('Age (years)', { exact: true }).inputValue(), {
          timeout: 20_000,
        })
        .toBe('52');
      await saved(page);
      await expect.poll(() => storedCase(page, 'Osprey-52')).toMatchObject({ ageYears: 52 });
      // and it stays after another reload, now from the stored case itself
      await page.reload();
      await saved(page);
      expect(await page.getByLabel('Age (years)', { exact: true }).inputValue()).toBe('52');
      await screenshot(page, 'hostile-02-after-reload');

      // the audit view: the chain checked on open, each change attributed
      await section(page, 'Audit log');
      await page.getByTestId('audit-chain-ok').waitFor();
      const ageRow = page.locator('table.audit tbody tr', { hasText: 'demographics.ageYears' });
      await expect.poll(() => ageRow.count()).toBe(1);
      expect(await ageRow.textContent()).toContain('Dr E. Okafor (Physician)');
      await screenshot(page, 'hostile-03-audit-intact', true);
      await a11y(page, 'audit log, chain intact');

      // a script on the origin edits a row in IndexedDB
      const edited = await page.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const open = indexedDB.open('neuromod-planner');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const db = open.result;
              const tx = db.transaction('audit', 'readwrite');
              const store = tx.objectStore('audit');
              const all = store.getAll();
              all.onsuccess = () => {
                const row = (all.result as { seq: number; field: string; newValue: string }[]).find(
                  (r) => r.field === 'demographics.ageYears',
                )!;
                row.newValue = '25';
                store.put(row);
                tx.oncomplete = () => {
                  db.close();
                  resolve(row.seq);
                };
              };
              tx.onerror = () => reject(tx.error);
            };
          }),
      );
      await section(page, 'Demographics & pain map');
      await section(page, 'Audit log');
      const alert = page.getByTestId('audit-chain-broken');
      await alert.waitFor();
      expect(await alert.getAttribute('role')).toBe('alert');
      expect(await alert.textContent()).toContain(
        `Audit trail broken at entry ${edited}: this entry was changed after it was written`,
      );
      // the app-wide banner says it too, whatever the page
      await expect
        .poll(() => page.locator('.banner-stack [role="alert"]').allTextContents())
        .toContainEqual(expect.stringContaining(`Audit trail broken at entry ${edited}`));
      await screenshot(page, 'hostile-04-audit-tampered', true);
      await a11y(page, 'audit log, chain broken');

      // the export records the broken chain in the file and its name
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Export the whole audit trail (JSON)' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(
        /^neuromod-audit-trail-\d{4}-\d\d-\d\d-BROKEN\.json$/,
      );
    });
  });

  it('the working plan survives a reload; a damaged stored plan gives the default plan and a message', async () => {
    await withApp('/plan', async (s) => {
      const { page } = s;
      await page.getByRole('tab', { name: 'Program' }).click();
      const defaultAmplitude = await page
        .getByLabel('Amplitude (mA)', { exact: true })
        .inputValue();
      await setNumber(page, 'Amplitude (mA)', '4.5');
      await page.getByRole('tab', { name: 'Scenario' }).click();
      await page.getByLabel('Scenario name').fill('Working plan, T9 left');
      await page.reload(); // at once, inside the write pause
      await page.getByRole('tab', { name: 'Scenario' }).click();
      expect(await page.getByLabel('Scenario name').inputValue()).toBe('Working plan, T9 left');
      await page.getByRole('tab', { name: 'Program' }).click();
      expect(await page.getByLabel('Amplitude (mA)', { exact: true }).inputValue()).toBe('4.5');
      await screenshot(page, 'hostile-05-plan-after-reload');

      // the stored plan damaged (a script, a disk error, a hand edit)
      await page.evaluate(() => {
        const key = 'neuromod.workingPlan';
        const stored = JSON.parse(localStorage.getItem(key)!);
        stored.scenario.program.amplitudeMa = 'very loud';
        localStorage.setItem(key, JSON.stringify(stored));
        // no further write before the reload
        const stop = (e: Event) => e.stopImmediatePropagation();
        window.addEventListener('pagehide', stop, { capture: true });
        document.addEventListener('visibilitychange', stop, { capture: true });
      });
      await page.reload();
      const banner = page.locator('.banner-stack [role="alert"]', {
        hasText: 'working plan kept from the last visit could not be restored',
      });
      await banner.waitFor();
      expect(await banner.textContent()).toContain('scenario.program.amplitudeMa');
      await page.getByRole('tab', { name: 'Program' }).click();
      expect(await page.getByLabel('Amplitude (mA)', { exact: true }).inputValue()).toBe(
        defaultAmplitude,
      );
      await screenshot(page, 'hostile-06-plan-damaged');
      await a11y(page, 'planner with the damaged-plan message');
    });
  }, 180_000);
});

describe('oversized files', () => {
  it('a 9 MB case file and a 9 MB scenario file are refused by size, the limit named, nothing stored', async () => {
    const big = {
      name: 'huge.json',
      mimeType: 'application/json',
      buffer: Buffer.alloc(9 * 1024 * 1024, 0x20),
    };
    await withApp('/patients', async (s) => {
      const { page } = s;
      await page.getByLabel('Import case files (JSON, any schema version)').setInputFiles(big);
      const status = page.getByTestId('import-status');
      await expect
        .poll(() => status.textContent())
        .toContain('huge.json is 9.0 MB, above the import size limit of 8.0 MB');
      expect(await page.locator('table caption').textContent()).toBe('Cases (0)');
      await screenshot(page, 'hostile-10-case-file-too-large');

      await page.goto(new URL('/plan', s.baseURL).toString());
      await page.getByRole('tab', { name: 'Scenario' }).click();
      await page.getByTestId('scenario-file-input').setInputFiles(big);
      const issues = page.getByTestId('load-issues');
      await issues.waitFor();
      expect(await issues.textContent()).toContain(
        'huge.json is 9.0 MB, above the import size limit of 8.0 MB',
      );
      await screenshot(page, 'hostile-11-scenario-file-too-large');
      await a11y(page, 'planner with the refused file');
    });
  });
});

describe('hostile share links', () => {
  // 30 000 levels: under the unpacked size limit (64 000 characters), far over the depth limit (64)
  const nested = '['.repeat(30_000) + ']'.repeat(30_000);
  const bomb = JSON.stringify({ name: 'x'.repeat(2_000_000) });
  const LINKS: Array<[string, string, string, RegExp]> = [
    [
      'oversized',
      'Leads',
      'A'.repeat(200_000),
      /200,000 characters long, above the limit of 100,000/,
    ],
    [
      'decompression bomb',
      'Program',
      compressToEncodedURIComponent(bomb),
      /unpacks to more than 64,000 characters/,
    ],
    ['malformed', 'Safety', '%%%not-a-link@@@', /a character \("%"\) a link never has/],
    [
      'deeply nested',
      'Compare',
      compressToEncodedURIComponent(nested),
      /nests 30000 levels deep, above the nesting limit of 64/,
    ],
  ];

  it('each one is refused with a visible message whichever tab is open; the plan is unchanged', async () => {
    await withApp('/plan', async (s) => {
      const { page } = s;
      await page.getByRole('tab', { name: 'Program' }).click();
      await setNumber(page, 'Amplitude (mA)', '3.2');
      for (const [what, tab, packed, says] of LINKS) {
        await page.getByRole('tab', { name: tab }).click();
        const started = Date.now();
        await page.evaluate((p) => {
          window.location.hash = `s=${p}`;
        }, packed);
        const banner = page.locator('.banner-stack [role="alert"]', {
          hasText: 'The share link was not loaded',
        });
        await banner.waitFor({ timeout: 10_000 });
        const text = (await banner.textContent()) ?? '';
        expect(text, what).toMatch(says);
        expect(Date.now() - started, `${what}: refused without freezing the tab`).toBeLessThan(
          5_000,
        );
        await screenshot(page, `hostile-07-link-${what.replace(/ /g, '-')}`);
        await banner.getByRole('button', { name: 'Dismiss message' }).click();
        await banner.waitFor({ state: 'detached' });
      }
      await page.getByRole('tab', { name: 'Program' }).click();
      expect(await page.getByLabel('Amplitude (mA)', { exact: true }).inputValue()).toBe('3.2');
      await a11y(page, 'planner after refused links');
    });
  }, 180_000);

  it('a hostile link pasted while the Patients or Learn area is open goes to the planner, which refuses it', async () => {
    await withApp('/patients', async (s) => {
      const { page } = s;
      for (const area of ['/patients', '/learn']) {
        await page.goto(new URL(area, s.baseURL).toString());
        await page.evaluate(() => {
          window.location.hash = 's=%%%not-a-link@@@';
        });
        await page.waitForURL(/\/plan$/);
        const banner = page.locator('.banner-stack [role="alert"]', {
          hasText: 'The share link was not loaded',
        });
        await banner.waitFor();
        expect(await banner.textContent()).toMatch(/a character \("%"\) a link never has/);
      }
      await screenshot(page, 'hostile-09-link-from-another-area');
    });
  });

  it('a hostile link opened directly is refused on arrival', async () => {
    await withApp(`/plan#s=${compressToEncodedURIComponent(nested)}`, async (s) => {
      const banner = s.page.locator('.banner-stack [role="alert"]', {
        hasText: 'The share link was not loaded',
      });
      await banner.waitFor();
      expect(await banner.textContent()).toMatch(/above the nesting limit of 64/);
      await screenshot(s.page, 'hostile-08-link-on-arrival');
      await a11y(s.page, 'planner opened from a hostile link');
    });
  });
});
