/**
 * One body map (issue 19, item 3), in real Chromium against the built app: the Patients body
 * chart in the Plan, with the pain map and the modelled paraesthesia of the estimate as two
 * layers and the overlap in numbers; then a patient case opened in Patients gives the Plan its
 * pain map, and a trial session pinned from the Plan carries the estimate's numbers. Axe reports
 * no serious or critical violation on either screen.
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

/** The two overlap numbers of the Plan's body map (percent, rounded as shown). */
async function overlapNumbers(page: Page) {
  const num = async (id: string) =>
    Number((await page.getByTestId(id).textContent())?.replace(/[^\d.]/g, ''));
  return { covered: await num('pain-covered'), offTarget: await num('off-target') };
}

async function nav(page: Page, name: 'Plan' | 'Patients') {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name, exact: true })
    .click();
}

describe('one body map in Plan and Patients', () => {
  it('draws pain and modelled paraesthesia with the overlap, links the open case and pins the result', async () => {
    const s = await openApp('/plan', { browser });
    try {
      const { page } = s;
      page.setDefaultTimeout(120_000);
      // the plan's own pain map: L4–S1 on the left
      await page.getByText('Pain map (dermatomes):').click();
      for (const root of ['L4', 'L5', 'S1'])
        await page.getByRole('checkbox', { name: new RegExp(`${root} left$`) }).check();
      // the full model, so the numbers stay put while they are compared
      await expect
        .poll(() => page.getByTestId('estimate-body').getAttribute('data-state'), {
          timeout: 600_000,
          interval: 2_000,
        })
        .toBe('full');

      const map = page.getByTestId('plan-body-map');
      await map.scrollIntoViewIfNeeded();
      await expect
        .poll(() => map.getByTestId('pain-map-source').getAttribute('data-from'))
        .toBe('plan');
      // the plan's dermatomes L4–S1 left mark the left shin, foot and heel
      const painRegions = () =>
        map
          .locator('[data-layer="pain"]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-region')).sort());
      expect(await painRegions()).toEqual(['back-heel-left', 'front-foot-left', 'front-shin-left']);
      const paraesthesia = map.locator('[data-layer="paraesthesia"]');
      expect(await paraesthesia.count()).toBeGreaterThan(0);
      const overlap = await map.getByTestId('paraesthesia-overlap').textContent();
      expect(overlap).toMatch(/Pain map covered by modelled paraesthesia: \d+ %/);
      expect(overlap).toMatch(/off-target paraesthesia: \d+ % of the \d+ recruited Aβ fibres/);
      const plan = await overlapNumbers(page);
      expect(plan.covered).toBeGreaterThanOrEqual(0);
      expect(plan.covered).toBeLessThanOrEqual(100);
      // the text alternative lists the dermatomes reached with their shares
      expect(await map.getByTestId('paraesthesia-dermatomes').textContent()).toMatch(
        /Modelled paraesthesia in: ([CTLS]\d+ [LR] <?\d+ %(, )?)+$/,
      );
      await map.screenshot({ path: 'test-results/screenshots/body-map-plan.png' });
      await screenshot(page, 'body-map-plan-page');
      expect(await checkA11y(page)).toEqual([]);

      // keyboard: the paraesthesia layer can be hidden and shown again
      const layer = map.getByRole('checkbox', { name: 'Modelled paraesthesia' });
      await layer.focus();
      await page.keyboard.press('Space');
      expect(await paraesthesia.count()).toBe(0);
      await page.keyboard.press('Space');
      expect(await paraesthesia.count()).toBeGreaterThan(0);

      // a patient case with its own pain map: the left shin (NRS 7) and the left calf (NRS 4)
      await nav(page, 'Patients');
      await page.getByLabel('Pseudonym for a new patient', { exact: true }).fill('Wren-61');
      await page.getByRole('button', { name: 'Create patient' }).click();
      await page.waitForURL(/\/patients\/case-[^/]+\/demographics$/);
      const caseUrl = new URL(page.url()).pathname.replace(/\/demographics$/, '');
      const chart = page.locator('.body-map').first();
      const brush = page.getByLabel('Intensity for new regions (NRS 0–10)', { exact: true });
      await brush.fill('7');
      await chart.locator('[data-region="front-shin-left"]').click();
      await brush.fill('4');
      await chart.locator('[data-region="back-calf-left"]').click();
      await page.getByTestId('save-status').filter({ hasText: 'All changes saved' }).waitFor();

      await nav(page, 'Plan');
      await expect
        .poll(() => map.getByTestId('pain-map-source').getAttribute('data-from'))
        .toBe('case');
      expect(await map.getByTestId('pain-map-source').textContent()).toContain('Wren-61');
      expect(await painRegions()).toEqual(['back-calf-left', 'front-shin-left']);
      expect(await page.getByTestId('estimate-body').getAttribute('data-state')).toBe('full');
      const linked = await overlapNumbers(page);
      await map.scrollIntoViewIfNeeded();
      await map.screenshot({ path: 'test-results/screenshots/body-map-plan-case.png' });
      expect(await checkA11y(page)).toEqual([]);

      // a trial session pins the Plan's scenario and its Result, read against the case's pain map
      await nav(page, 'Patients');
      await page
        .getByRole('link', { name: /Wren-61/ })
        .first()
        .click();
      await page.waitForURL(new RegExp(`${caseUrl}/`));
      await page
        .getByRole('navigation', { name: 'Case sections' })
        .getByRole('link', { name: 'Trial', exact: true })
        .click();
      await page.getByRole('button', { name: 'Plan a trial' }).click();
      await page.getByRole('button', { name: 'Add programming session' }).click();
      await page
        .getByRole('button', { name: /^Pin session 1 program and estimate from the Plan/ })
        .click();
      const pinned = page.getByTestId('pinned-result-1');
      await expect.poll(() => pinned.textContent()).toMatch(/full model at \d/);
      const covered = Number(
        (await page.getByTestId('pinned-covered-1').textContent())?.match(/^([\d.]+) %/)?.[1],
      );
      const offTarget = Number(
        (await page.getByTestId('pinned-off-target-1').textContent())?.match(/^([\d.]+) %/)?.[1],
      );
      expect(Math.round(covered)).toBe(linked.covered);
      expect(Math.round(offTarget)).toBe(linked.offTarget);
      expect(await pinned.textContent()).toContain('case Wren-61');
      await page.getByTestId('save-status').filter({ hasText: 'All changes saved' }).waitFor();
      await page.getByTestId('pinned-1').scrollIntoViewIfNeeded();
      await screenshot(page, 'body-map-pinned-session');
      expect(await checkA11y(page)).toEqual([]);

      // the pinned numbers are stored with the case: still there after a reload
      await page.reload();
      await expect
        .poll(() => page.getByTestId('pinned-covered-1').textContent())
        .toMatch(new RegExp(`^${covered} %`));
      expect(s.consoleErrors, 'console errors').toEqual([]);
      expect(s.foreignRequests, 'requests leaving 127.0.0.1').toEqual([]);
    } finally {
      await s.close();
    }
  }, 900_000);
});
