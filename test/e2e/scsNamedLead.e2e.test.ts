import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { launchOptions } from './launch.ts';
import { checkA11y, openApp, screenshot, type AppSession } from './harness.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch(launchOptions);
});
afterAll(async () => {
  await browser?.close();
});

async function withPlan(fn: (s: AppSession) => Promise<void>) {
  const s = await openApp('/plan', { browser });
  try {
    await fn(s);
    expect(s.consoleErrors, 'console errors').toEqual([]);
    expect(s.foreignRequests, 'requests leaving 127.0.0.1').toEqual([]);
  } finally {
    await s.close();
  }
}

async function setNumber(page: Page, label: string, value: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(value);
  await input.press('Enter');
}

describe('SCS with a named vendor lead', () => {
  it('a Vectris Subcompact at the T8–T9 interspace on a WaveWriter Alpha reaches a full estimate', async () => {
    await withPlan(async ({ page }) => {
      // a shared machine under load can take seconds per action (the scene renders in software)
      page.setDefaultTimeout(90_000);
      // the planner is a lazily loaded chunk: on a busy machine it takes longer than a click's timeout
      await page.getByTestId('lead-model').waitFor({ state: 'visible', timeout: 120_000 });
      // a new plan is SCS
      expect(await page.getByRole('radio', { name: 'SCS' }).isChecked()).toBe(true);
      // the catalogue menu groups entries by vendor and counts each one's verified dimensions
      const menu = page.getByTestId('lead-model');
      expect(
        await menu.locator('optgroup').evaluateAll((g) => g.map((x) => x.getAttribute('label'))),
      ).toEqual(
        expect.arrayContaining([
          'Generic presets',
          'Medtronic',
          'Abbott',
          'Boston Scientific',
          'Nevro',
        ]),
      );
      await menu.selectOption('medtronic-vectris-subcompact');
      await page.getByRole('button', { name: 'Add lead' }).click();
      const card = page.getByRole('listitem', { name: 'Lead 2' });
      await expect
        .poll(() => card.textContent())
        .toContain('Medtronic Vectris SureScan MRI 1×8 Subcompact');

      // by interspace: the contact array centred on the T8–T9 disc, its levels in words
      await page.getByTestId('interspace-lead-2').selectOption('T8');
      // Subcompact (3 mm contacts, 1.5 mm gaps: leads.md §1 ⚠): array middle at the disc, z −13.5;
      // pitch 4.5 mm, tip at −13.5 + 3.5 × 4.5 = 2.25 (mid T8); centres 2.25 … −11.25 over T8,
      // −15.75 … −29.25 over T9
      await expect
        .poll(() => page.getByTestId('level-words-lead-2').textContent())
        .toBe('tip at mid T8; contacts 0–3 over T8, 4–7 over T9');
      expect(await page.getByTestId('interspace-lead-2').inputValue()).toBe('T8');

      // the specification sheet: verified count and model numbers, nominal dimensions with sources
      await page.getByTestId('specs-lead-2').locator('summary').click();
      const specs = await page.getByTestId('specs-lead-2').textContent();
      expect(specs).toContain('977A160, 977A175, 977A190');
      expect(specs).toContain('verified');
      expect(specs).toContain('nominal (unverified)');
      expect(await page.getByTestId('spec-contactSpacingMm-lead-2').inputValue()).toBe('1.5');

      // program: a bipole on the named lead, then the generic lead goes
      await page.getByRole('tab', { name: 'Program' }).click();
      await page.getByLabel('Generator').selectOption('bsc-wavewriter-alpha-16');
      await page.getByRole('button', { name: 'Lead 2 contact 3: off' }).click();
      await page.getByRole('button', { name: 'Lead 2 contact 4: off' }).click();
      await page.getByRole('button', { name: 'Lead 2 contact 4: cathode' }).click();
      await page.getByRole('tab', { name: 'Leads' }).click();
      await page.getByRole('button', { name: 'Remove Lead 1' }).click();
      await expect.poll(() => page.getByRole('listitem', { name: 'Lead 1' }).count()).toBe(0);

      await page.getByRole('tab', { name: 'Program' }).click();
      await setNumber(page, 'Amplitude (mA)', '5');
      await setNumber(page, 'Pulse width (µs)', '210');
      await setNumber(page, 'Rate (Hz)', '50');
      await page.getByTestId('generator-specs').locator('summary').click();
      expect(await page.getByTestId('generator-specs').textContent()).toContain('0–25.5 mA');

      await expect
        .poll(() => page.getByTestId('estimate-body').getAttribute('data-state'), {
          timeout: 240_000,
        })
        .toBe('full');
      expect(await page.getByTestId('fidelity').textContent()).toMatch(/Full model/);
      const rows = await page
        .getByTestId('threshold-table')
        .locator('tbody tr th')
        .allTextContents();
      expect(rows.some((r) => r.startsWith('dorsal columns'))).toBe(true);
      await page.getByRole('tab', { name: 'Leads' }).click();
      await screenshot(page, 'scs-named-lead-full');
      expect(await checkA11y(page)).toEqual([]);
    });
  }, 900_000);
});
