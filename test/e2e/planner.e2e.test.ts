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

describe('planning workspace', () => {
  it('places an 8-contact lead at T8–T9 and programs a 3 mA, 210 µs, 50 Hz bipole', async () => {
    await withPlan(async ({ page }) => {
      await page.getByRole('radio', { name: 'SCS' }).check();
      await page.getByLabel('Centred on level').selectOption('T8');
      // the lower end plate of T8 puts the middle of the array at the T8–T9 disc
      await setNumber(page, 'Tip along the cord (mm)', '-2');
      await page.getByRole('tab', { name: 'Program' }).click();
      await setNumber(page, 'Amplitude (mA)', '3');
      await setNumber(page, 'Pulse width (µs)', '210');
      await setNumber(page, 'Rate (Hz)', '50');
      await screenshot(page, 'planner-program');
      expect(await checkA11y(page)).toEqual([]);
      await page.getByRole('tab', { name: 'Safety' }).click();
      await expect.poll(() => page.locator('main').textContent()).toMatch(/0\.63\s*µC/);
      await screenshot(page, 'planner-safety');
      expect(await checkA11y(page)).toEqual([]);
    });
  });

  it('refuses an amplitude beyond the generator envelope and flags a charge density over 30 µC/cm²', async () => {
    await withPlan(async ({ page }) => {
      await page.getByRole('tab', { name: 'Program' }).click();
      await setNumber(page, 'Amplitude (mA)', '30');
      await expect
        .poll(() => page.getByRole('alert').allTextContents())
        .toContainEqual(expect.stringMatching(/30 mA exceeds the 25\.5 mA maximum/));
      await setNumber(page, 'Amplitude (mA)', '12');
      await setNumber(page, 'Pulse width (µs)', '1000');
      await expect
        .poll(() => page.getByRole('alert').allTextContents())
        .toContainEqual(expect.stringMatching(/µC\/cm².*30 µC\/cm²|30 µC\/cm²/));
      await screenshot(page, 'planner-refused');
    });
  });
});
