/**
 * The 3D scene as a planner reads it: every therapy from every camera preset, the zoom views,
 * and the activated fibres standing out from the tissue. Screenshots land in
 * test-results/screenshots/scene-*.png.
 */
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

const PRESETS = ['Posterior', 'Lateral', 'Axial', 'Oblique'];

async function shotScene(page: Page, name: string) {
  // two animation frames so the demand-driven canvas has drawn the new view
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
  const el = page.locator('.plan-scene');
  await el.screenshot({ path: `test-results/screenshots/${name}.png` });
}

/** Canvas pixels in the highlight colours of firing fibres (saturated pink, orange, yellow). */
async function highlightPixels(page: Page): Promise<number> {
  return page.evaluate(() => {
    const gl = document.querySelector('.scene-canvas canvas') as HTMLCanvasElement;
    const c = document.createElement('canvas');
    c.width = gl.width;
    c.height = gl.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(gl, 0, 0);
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      if (r > 230 && ((g > 190 && b < 90) || (g < 140 && g > 90 && b < 90) || (g < 110 && b > 190)))
        n++;
    }
    return n;
  });
}

const camera = (page: Page, name: string) =>
  page.getByRole('toolbar', { name: 'Camera' }).getByRole('button', { name, exact: true });

describe('3D scene views', () => {
  for (const therapy of ['SCS', 'DRG', 'PNS']) {
    it(`${therapy}: every camera preset, zoom to lead and to target, labels and context`, async () => {
      await withPlan(async ({ page }) => {
        await page.getByRole('radio', { name: therapy }).check();
        await page.waitForSelector('.scene-canvas canvas');
        const t = therapy.toLowerCase();
        for (const p of PRESETS) {
          await camera(page, p).click();
          await shotScene(page, `scene-${t}-${p.toLowerCase()}`);
        }
        await camera(page, 'Lateral').click();
        await camera(page, 'Zoom to lead').click();
        await expect
          .poll(() => camera(page, 'Zoom to lead').getAttribute('aria-pressed'))
          .toBe('true');
        await shotScene(page, `scene-${t}-zoom-lead`);
        await camera(page, 'Zoom to target').click();
        await shotScene(page, `scene-${t}-zoom-target`);
        // the caption says what is drawn for orientation only
        await expect
          .poll(() => page.getByTestId('scene-caption').textContent())
          .toMatch(/orientation|as the field model has them/);
        // keyboard: the presets are buttons in the tab order
        await camera(page, 'Posterior').focus();
        await page.keyboard.press('Enter');
        await expect
          .poll(() => camera(page, 'Posterior').getAttribute('aria-pressed'))
          .toBe('true');
        expect(await checkA11y(page)).toEqual([]);
        await screenshot(page, `scene-${t}-page`);
      });
    });
  }

  it('SCS: firing fibres stand out in the lateral view (thick highlight), vertebrae shown, bone ellipse hidden', async () => {
    await withPlan(async ({ page }) => {
      await page.getByRole('radio', { name: 'SCS' }).check();
      await page.waitForSelector('.scene-canvas canvas');
      expect(
        await page.getByRole('checkbox', { name: 'Vertebrae (orientation)' }).isChecked(),
      ).toBe(true);
      expect(await page.getByRole('checkbox', { name: 'Bone as modelled' }).isChecked()).toBe(
        false,
      );
      await page.getByRole('tab', { name: 'Program' }).click();
      const amp = page.getByLabel('Amplitude (mA)', { exact: true });
      await amp.fill('6');
      await amp.press('Enter');
      await expect
        .poll(() => page.getByTestId('estimate-status').textContent(), { timeout: 90_000 })
        .toContain('Up to date');
      await camera(page, 'Lateral').click();
      await shotScene(page, 'scene-scs-lateral-firing');
      const lit = await highlightPixels(page);
      // with the fibres hidden, no pixel of those colours is left: they come from the highlight
      await page.getByRole('checkbox', { name: 'Fibres' }).uncheck();
      await page.evaluate(
        () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
      );
      const unlit = await highlightPixels(page);
      expect(unlit).toBe(0);
      expect(lit).toBeGreaterThan(400);
    });
  });
});
