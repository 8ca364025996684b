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

/**
 * The threshold table once the full model of the current program is complete (a partial
 * result still filling in changes by itself): row → cell texts.
 */
async function thresholds(page: Page): Promise<Record<string, string[]>> {
  await expect
    .poll(() => page.getByTestId('estimate-status').textContent(), { timeout: 120_000 })
    .toContain('Up to date');
  await expect
    .poll(() => page.getByTestId('estimate-body').getAttribute('data-state'), {
      timeout: 300_000,
    })
    .toBe('full');
  const rows = await page.getByTestId('threshold-table').locator('tbody tr').all();
  const out: Record<string, string[]> = {};
  for (const r of rows) {
    const name = (await r.locator('th').textContent())!.trim();
    out[name] = await r.locator('td').allTextContents();
  }
  return out;
}

/** Positions of canvas pixels in the bright colours of activated fibres (planner.e2e's colours). */
async function activatedPixels(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const gl = document.querySelector('.scene-canvas canvas') as HTMLCanvasElement;
    const c = document.createElement('canvas');
    c.width = gl.width;
    c.height = gl.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(gl, 0, 0);
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    const out: number[] = [];
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      if (r > 230 && ((g > 190 && b < 90) || (g < 140 && g > 90 && b < 90) || (g < 110 && b > 190)))
        out.push(i / 4);
    }
    return out;
  });
}

describe('steering the field', () => {
  it('SCS: three steps up move 30 % of the cathode to the contact above, and the fibres follow', async () => {
    const s = await openApp('/plan', { browser });
    const { page } = s;
    try {
      await page.getByRole('radio', { name: 'SCS' }).check();
      await page.getByRole('tab', { name: 'Program' }).click();
      const amp = page.getByLabel('Amplitude (mA)', { exact: true });
      await amp.fill('5');
      await amp.press('Enter');
      const readout = page.getByTestId('steer-fractions');
      await expect.poll(() => readout.textContent()).toBe('Cathodes: Lead 1 contact 3 100 %');
      // the bipole's anode sits just below: the pad says why the field cannot go down
      expect(
        await page.getByRole('button', { name: 'Steer down (away from the tip)' }).isDisabled(),
      ).toBe(true);
      expect(await page.locator('.pe-steer-reasons').textContent()).toContain(
        'Lead 1 contact 4 is an anode',
      );
      expect(
        await page
          .getByRole('button', { name: "Steer left (towards the patient's left)" })
          .isDisabled(),
      ).toBe(true);
      const before = await thresholds(page);
      await page.getByRole('button', { name: 'Posterior' }).click();
      await page.getByRole('button', { name: 'Zoom to lead' }).click();
      await page.getByTestId('steering-pad').scrollIntoViewIfNeeded();
      await expect.poll(async () => (await activatedPixels(page)).length).toBeGreaterThan(20);
      const pixelsBefore = await activatedPixels(page);
      await screenshot(page, 'steering-before');

      // one step with the on-screen arrow, two with the keyboard while the pad has focus
      await page.getByRole('button', { name: 'Steer up (towards the tip)' }).click();
      await expect
        .poll(() => readout.textContent())
        .toBe('Cathodes: Lead 1 contact 3 90 % · Lead 1 contact 2 10 %');
      await page.getByTestId('steering-pad').focus();
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      await expect
        .poll(() => readout.textContent())
        .toBe('Cathodes: Lead 1 contact 3 70 % · Lead 1 contact 2 30 %');
      // the contact shares under the program are the same numbers, exactly
      expect(
        await page.getByLabel('Lead 1 contact 2 cathode share (%)', { exact: true }).inputValue(),
      ).toBe('30');
      expect(
        await page.getByLabel('Lead 1 contact 3 cathode share (%)', { exact: true }).inputValue(),
      ).toBe('70');
      // the anode and the case are as they were
      expect(
        await page.getByLabel('Lead 1 contact 4 anode share (%)', { exact: true }).inputValue(),
      ).toBe('100');
      expect(await page.getByLabel('Case is return (monopolar)').isChecked()).toBe(false);

      // seven more: the cathode is on contact 2 alone
      for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowUp');
      await expect.poll(() => readout.textContent()).toBe('Cathodes: Lead 1 contact 2 100 %');
      const after = await thresholds(page);
      // the cathode 7 mm further from the anode (a wider bipole): every population's lowest
      // threshold falls, and more dorsal-root fibres fire at the same 5 mA
      for (const [population, cells] of Object.entries(before)) {
        const now = after[population]!;
        expect(Number(now[1]), `${population} lowest threshold`).toBeLessThan(Number(cells[1]));
      }
      const recruited = (row: string[] | undefined) => Number(row![3]!.replace('%', ''));
      for (const side of ['left', 'right']) {
        const row = `dorsal roots (${side}) (DR)`;
        expect(recruited(after[row]), row).toBeGreaterThan(recruited(before[row]));
      }
      await page.getByTestId('steering-pad').scrollIntoViewIfNeeded();
      await screenshot(page, 'steering-after');
      // and the fibres drawn in the 3D view are not the same picture
      const pixelsAfter = new Set(await activatedPixels(page));
      const was = new Set(pixelsBefore);
      const changed =
        [...pixelsAfter].filter((p) => !was.has(p)).length +
        pixelsBefore.filter((p) => !pixelsAfter.has(p)).length;
      expect(changed, 'activated-fibre pixels that changed').toBeGreaterThan(0);

      // a step back gives back exactly the shares of one step before
      await page.keyboard.press('ArrowDown');
      await expect
        .poll(() => readout.textContent())
        .toBe('Cathodes: Lead 1 contact 2 90 % · Lead 1 contact 3 10 %');
      expect(await checkA11y(page)).toEqual([]);
      expect(s.consoleErrors, 'console errors').toEqual([]);
      expect(s.foreignRequests, 'requests leaving 127.0.0.1').toEqual([]);
    } finally {
      await s.close();
    }
  }, 600_000);

  it('SCS, two leads side by side: right steps move the cathode across to the other lead, 50/50 exactly', async () => {
    const s = await openApp('/plan', { browser });
    const { page } = s;
    try {
      await page.getByRole('radio', { name: 'SCS' }).check();
      await page.getByRole('tab', { name: 'Leads' }).click();
      await page.getByTestId('lead-model').selectOption('perc-8-4mm');
      await page.getByRole('button', { name: 'Add lead' }).click();
      await page.getByRole('button', { name: 'Side by side' }).click();
      await page.getByRole('tab', { name: 'Program' }).click();
      const amp = page.getByLabel('Amplitude (mA)', { exact: true });
      await amp.fill('5');
      await amp.press('Enter');
      const readout = page.getByTestId('steer-fractions');
      await expect.poll(() => readout.textContent()).toBe('Cathodes: Lead 1 contact 3 100 %');
      // Lead 1 sits on the patient's left (+2.5 mm), Lead 2 on the right (−2.5 mm)
      const left = page.getByRole('button', { name: "Steer left (towards the patient's left)" });
      expect(await left.isDisabled()).toBe(true);
      expect(await page.locator('.pe-steer-reasons').textContent()).toContain(
        'the field is already on the leftmost lead',
      );
      const before = await thresholds(page);
      await page.getByTestId('steering-pad').focus();
      for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
      await expect
        .poll(() => readout.textContent())
        .toBe('Cathodes: Lead 1 contact 3 50 % · Lead 2 contact 3 50 %');
      for (const lead of ['Lead 1', 'Lead 2']) {
        expect(
          await page
            .getByLabel(`${lead} contact 3 cathode share (%)`, { exact: true })
            .inputValue(),
        ).toBe('50');
      }
      expect(await page.locator('.pe-sums').textContent()).toBe('Cathodes 100 % · Anodes 100 %');
      for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
      await expect.poll(() => readout.textContent()).toBe('Cathodes: Lead 2 contact 3 100 %');
      const right = page.getByRole('button', { name: "Steer right (towards the patient's right)" });
      expect(await right.isDisabled()).toBe(true);
      const after = await thresholds(page);
      const lowest = (t: Record<string, string[]>, side: string) =>
        Number(t[`dorsal roots (${side}) (DR)`]![1]);
      // the cathode moved over the right dorsal roots (the anode stays on Lead 1, on the left):
      // their lowest threshold falls, the left roots' rises (here 6.56 → 4.01 and 3.30 → 3.98 mA)
      expect(lowest(after, 'right')).toBeLessThan(lowest(before, 'right'));
      expect(lowest(after, 'left')).toBeGreaterThan(lowest(before, 'left'));
      await page.getByRole('button', { name: 'Posterior' }).click();
      await page.getByRole('button', { name: 'Zoom to lead' }).click();
      await page.getByTestId('steering-pad').scrollIntoViewIfNeeded();
      await screenshot(page, 'steering-two-leads');
      expect(await checkA11y(page)).toEqual([]);
      expect(s.consoleErrors, 'console errors').toEqual([]);
      expect(s.foreignRequests, 'requests leaving 127.0.0.1').toEqual([]);
    } finally {
      await s.close();
    }
  }, 900_000);
});
