/**
 * Issue 18, item 1: a DRG plan on the ganglion the team targets. In real Chromium: choose DRG,
 * pick S1 right, reach the full estimate with the four DRG populations (Aβ, Aδ, C neurons and the
 * ventral root as a motor side effect), then T12 left; axe reports no serious violation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { launchOptions } from './launch.ts';
import { checkA11y, openApp, screenshot } from './harness.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch(launchOptions);
});
afterAll(async () => {
  await browser?.close();
});

/** The threshold table's population names (fibre type in brackets dropped). */
async function populationNames(page: Page): Promise<string[]> {
  const rows = await page.getByTestId('threshold-table').locator('tbody th').allTextContents();
  return rows.map((t) => t.replace(/\s*\([^()]*\)$/, '').trim());
}

/** Waits for the full model's complete answer for the current plan. */
async function fullEstimate(page: Page) {
  await expect
    .poll(() => page.getByTestId('estimate-body').getAttribute('data-state'), {
      timeout: 600_000,
      interval: 2_000,
    })
    .toBe('full');
  expect(await page.getByTestId('fidelity').textContent()).toMatch(/Full model/);
}

async function pickTarget(page: Page, level: string, side: 'left' | 'right') {
  await page.getByRole('combobox', { name: /^Ganglion level\b/ }).selectOption(level);
  await page.getByRole('combobox', { name: /^Side\b/ }).selectOption(side);
  await expect
    .poll(() => page.getByTestId('drg-target').textContent())
    .toBe(`${side} ${level} dorsal root ganglion`);
}

describe('DRG target: level and side', () => {
  it('S1 right, then T12 left: each reaches the full estimate with the four DRG populations', async () => {
    const s = await openApp('/plan', { browser });
    try {
      const { page } = s;
      // the full DRG model keeps both workers busy; on a shared 2-core machine actions can wait
      page.setDefaultTimeout(120_000);
      await page.getByRole('radio', { name: 'DRG' }).check();
      await expect
        .poll(() => page.getByTestId('drg-target').textContent())
        .toBe('left L5 dorsal root ganglion');

      await pickTarget(page, 'S1', 'right');
      await fullEstimate(page);
      expect(await populationNames(page)).toEqual([
        'DRG Aβ neurons',
        'DRG Aδ neurons',
        'DRG C neurons (through axons)',
        'ventral root motor axons (side effect)',
      ]);
      expect(await page.getByTestId('side-effect-marker').textContent()).toMatch(
        /Side effect \(motor\): ventral root motor axons/,
      );
      // the dermatome reached is the chosen root on the chosen side
      await expect.poll(() => page.getByTestId('coverage').textContent()).toMatch(/S1 R/);
      await screenshot(page, 'drg-target-s1-right-full');
      expect(await checkA11y(page)).toEqual([]);

      await pickTarget(page, 'T12', 'left');
      await fullEstimate(page);
      expect(await populationNames(page)).toHaveLength(4);
      await expect.poll(() => page.getByTestId('coverage').textContent()).toMatch(/T12 L/);
      await screenshot(page, 'drg-target-t12-left-full');
      expect(await checkA11y(page)).toEqual([]);

      expect(s.consoleErrors, 'console errors').toEqual([]);
      expect(s.foreignRequests, 'requests leaving 127.0.0.1').toEqual([]);
    } finally {
      await s.close();
    }
  }, 1_000_000);
});
