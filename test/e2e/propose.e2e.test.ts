/**
 * Program to the pain map (issue 19, item 2), in real Chromium: the default T8 plan with a pain
 * map of L4–S1 on the left; the Propose tab's suggestion covers it better than the present
 * program at no more dorsal-root recruitment (numbers read off the table, computed in a module
 * worker); applying it reaches the full model; axe reports no serious violation.
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

/** Coverage (%), dorsal roots (%) of a row of the proposal table. */
async function rowFigures(page: Page, testId: string) {
  const cells = await page.getByTestId(testId).locator('td').allTextContents();
  const num = (s: string) => Number(s.replace(/[^\d.]/g, ''));
  return {
    coverage: num(cells[0]!),
    covered: cells[1]!,
    outside: num(cells[2]!),
    roots: num(cells[3]!),
  };
}

describe('program proposal for a pain map', () => {
  it('T8 plan, pain L4–S1 left: the suggestion covers it better at no more dorsal-root recruitment', async () => {
    const s = await openApp('/plan', { browser });
    try {
      const { page } = s;
      page.setDefaultTimeout(120_000);
      await page.getByText('Pain map (dermatomes):').click();
      for (const root of ['L4', 'L5', 'S1'])
        await page.getByRole('checkbox', { name: new RegExp(`${root} left$`) }).check();
      await expect
        .poll(() => page.getByText(/^Pain map \(dermatomes\):/).textContent())
        .toMatch(/L4 L, L5 L, S1 L/);

      await page.getByRole('tab', { name: 'Propose' }).click();
      await page.getByRole('button', { name: 'Propose a program' }).click();
      await expect
        .poll(() => page.getByTestId('propose-status').textContent(), { timeout: 180_000 })
        .toMatch(/candidate programs in/);
      const before = await rowFigures(page, 'proposal-baseline');
      const best = await rowFigures(page, 'proposal-best');
      expect(best.coverage).toBeGreaterThan(before.coverage + 20);
      expect(best.roots).toBeLessThanOrEqual(before.roots);
      expect(best.covered).toMatch(/L4L L5L S1L/);
      await screenshot(page, 'propose-front');
      expect(await checkA11y(page)).toEqual([]);

      // keyboard: the suggested row's Apply button
      const apply = page.getByTestId('proposal-best').getByRole('button', { name: /^Apply/ });
      await apply.focus();
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.getByTestId('propose-status').textContent())
        .toMatch(/Applied: Suggested/);
      await expect
        .poll(() => page.getByTestId('estimate-body').getAttribute('data-state'), {
          timeout: 600_000,
          interval: 2_000,
        })
        .toBe('full');
      // the results read the pain map by the same rule: the share of each dermatome's fibres
      const covered = await page.getByTestId('pain-coverage').textContent();
      const fullCoverage = Number(/Pain map covered: (\d+) %/.exec(covered ?? '')?.[1]);
      expect(fullCoverage).toBeGreaterThan(before.coverage + 20);
      expect(covered).toMatch(/dorsal roots 0 %/);
      await screenshot(page, 'propose-applied-full');
      expect(s.consoleErrors, 'console errors').toEqual([]);
      expect(s.foreignRequests, 'requests leaving 127.0.0.1').toEqual([]);
    } finally {
      await s.close();
    }
  }, 900_000);
});
