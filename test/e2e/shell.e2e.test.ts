import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { launchOptions } from './launch.ts';
import { checkA11y, cspViolations, openApp, screenshot, type AppSession } from './harness.ts';

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

async function heading(page: Page) {
  return page.locator('main h1').first().textContent();
}

/** Reads the WebGL canvas back through a 2-D canvas and summarises its pixels. */
async function canvasPixels(page: Page) {
  return page.evaluate(() => {
    const gl = document.querySelector('.scene-canvas canvas') as HTMLCanvasElement;
    const c = document.createElement('canvas');
    c.width = gl.width;
    c.height = gl.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(gl, 0, 0);
    const { data, width, height } = ctx.getImageData(0, 0, c.width, c.height);
    const at = (x: number, y: number) => {
      const i = (y * width + x) * 4;
      return [data[i], data[i + 1], data[i + 2]].join(',');
    };
    const colours = new Set<string>();
    for (let y = 0; y < height; y += 7) for (let x = 0; x < width; x += 7) colours.add(at(x, y));
    return {
      corner: at(2, 2),
      centre: at(width >> 1, height >> 1),
      distinct: colours.size,
      width,
      height,
    };
  });
}

describe('app shell', () => {
  it('reaches Plan, Patients and Learn by navigation and by URL, with reload', async () => {
    await withApp('/', async ({ page }) => {
      await page.waitForURL('**/plan');
      expect(await heading(page)).toBe('Plan');
      for (const [label, path, title] of [
        ['Patients', '/patients', 'Patients'],
        ['Learn', '/learn', 'Learn'],
        ['Plan', '/plan', 'Plan'],
      ] as const) {
        await page
          .getByRole('navigation', { name: 'Main' })
          .getByRole('link', { name: label, exact: true })
          .click();
        await page.waitForURL(`**${path}`);
        await expect.poll(() => heading(page)).toBe(title);
        await expect
          .poll(() =>
            page.getByRole('link', { name: label, exact: true }).getAttribute('aria-current'),
          )
          .toBe('page');
        await page.reload();
        await expect.poll(() => heading(page)).toBe(title);
        await expect.poll(() => page.title()).toBe(`${title} · Neuromod Planner`);
        await screenshot(page, `area-${label.toLowerCase()}`);
        const violations = await checkA11y(page);
        expect(violations, `axe on ${path}`).toEqual([]);
      }
      await page.goto(new URL('/no/such/page', page.url()).toString());
      expect(await heading(page)).toBe('Page not found');
    });
  });

  it('is usable from the keyboard: skip link and top navigation', async () => {
    await withApp('/learn', async ({ page }) => {
      await expect.poll(() => heading(page)).toBe('Learn');
      await page.keyboard.press('Tab');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent))
        .toBe('Skip to content');
      // brand link, then the three areas
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent))
        .toBe('Plan');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForURL('**/patients');
      await expect.poll(() => heading(page)).toBe('Patients');
    });
  });

  it('runs under its Content-Security-Policy with no violation', async () => {
    await withApp('/plan', async (s) => {
      const { page } = s;
      const csp = await page
        .locator('meta[http-equiv="Content-Security-Policy"]')
        .getAttribute('content');
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("worker-src 'self' blob:");
      await page.waitForFunction(() => window.__neuromodScene !== undefined);
      expect(await cspViolations(page), 'violations while loading the app').toEqual([]);
      // an inline script is refused: proof that the policy is in force, not just present
      const inlineRan = await page.evaluate(async () => {
        const s = document.createElement('script');
        s.textContent = 'window.__inlineRan = true';
        document.head.append(s);
        await new Promise((r) => setTimeout(r, 50));
        return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
      });
      expect(inlineRan).toBe(false);
      await expect.poll(async () => (await cspViolations(page)).length).toBeGreaterThan(0);
      for (const v of await cspViolations(page)) expect(v).toMatch(/^script-src(-elem)? inline/);
      // the refusal is logged as a console error: expected here, and the only one
      expect(s.consoleErrors.length).toBeGreaterThan(0);
      for (const e of s.consoleErrors) expect(e).toMatch(/inline script.*Content Security Policy/);
      s.consoleErrors.length = 0;
    });
  });

  it('draws the 3D scene with WebGL (canvas is not blank) and switches camera presets', async () => {
    await withApp('/plan', async ({ page }) => {
      await page.waitForFunction(() => window.__neuromodScene !== undefined);
      const info = await page.evaluate(() => window.__neuromodScene!);
      expect(info.webgl2).toBe(true);
      // WebGL rendered on the CPU (here: SwiftShader, no GPU) draws without multisampling
      expect(info.antialias).toBe(!/swiftshader|llvmpipe|softpipe|software/i.test(info.renderer));
      await expect
        .poll(async () => (await canvasPixels(page)).distinct, { timeout: 15_000 })
        .toBeGreaterThan(20);
      const oblique = await canvasPixels(page);
      expect(oblique.width).toBeGreaterThan(300);
      expect(oblique.corner).toBe('13,27,36'); // the scene background #0d1b24
      await screenshot(page, 'plan-scene-oblique');
      const scale = page.getByRole('img', { name: /^Scale bar: [\d.]+ mm$/ });
      await expect.poll(() => scale.count()).toBe(1);
      // pixels per mm at the orbit target, read from the bar's drawn length and its label
      const pxPerMm = () =>
        scale.evaluate((el) => {
          const mm = Number(/([\d.]+) mm$/.exec(el.getAttribute('aria-label') ?? '')?.[1]);
          const line = el.querySelector<HTMLElement>('.scale-bar-line');
          return line ? line.getBoundingClientRect().width / mm : NaN;
        });
      const obliquePxPerMm = await pxPerMm();
      expect(obliquePxPerMm).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Axial' }).click();
      await expect.poll(async () => (await canvasPixels(page)).centre).not.toBe(oblique.centre);
      const axial = await canvasPixels(page);
      expect(axial.centre).not.toBe('13,27,36'); // looking down the cord: tissue in the middle
      await screenshot(page, 'plan-scene-axial');
      // the axial camera is closer (120 mm against 154 mm): more pixels per mm on the bar
      await expect.poll(pxPerMm).toBeGreaterThan(obliquePxPerMm * 1.2);
      await page.getByRole('button', { name: 'Along the lead' }).click();
      await expect.poll(async () => (await canvasPixels(page)).centre).not.toBe(axial.centre);
      await screenshot(page, 'plan-scene-along-lead');
    });
  });

  it('shows task progress, cancels a task, then runs the next one; replaces crashed and hung workers', async () => {
    // on Learn no estimate occupies the pool, so the diagnostic tasks start at once
    await withApp('/learn', async ({ page }) => {
      await page.getByText('Diagnostics').click();
      const result = page.getByTestId('diagnostics-result');
      await page.getByRole('button', { name: 'Run self-check' }).click();
      const progress = page.getByTestId('task-progress');
      await progress.waitFor({ state: 'visible', timeout: 10_000 });
      await expect
        .poll(async () => Number(await progress.locator('progress').getAttribute('value')))
        .toBeGreaterThan(0);
      await screenshot(page, 'task-progress');
      await page.getByRole('button', { name: 'Cancel Self-check' }).click();
      await expect.poll(() => result.textContent()).toMatch(/Self-check: .*cancelled/);
      await page.getByRole('button', { name: 'Run self-check' }).click();
      // ∫₀^π sin x dx = 2
      await expect
        .poll(() => result.textContent(), { timeout: 30_000 })
        .toBe('Self-check: done, ∫sin = 2.000000');

      await page.getByRole('button', { name: 'Test a failing task' }).click();
      await expect
        .poll(() => result.textContent())
        .toContain('failed: diagnostic failure requested');

      await page.getByRole('button', { name: 'Test a worker crash' }).click();
      await expect.poll(() => result.textContent()).toContain('worker crashed');
      await page.getByRole('button', { name: 'Test a hung worker (2 s deadline)' }).click();
      await expect
        .poll(() => result.textContent(), { timeout: 15_000 })
        .toContain('did not finish within 2.0 s; its worker was restarted');
      await page.getByRole('button', { name: 'Run self-check' }).click();
      await expect
        .poll(() => result.textContent(), { timeout: 30_000 })
        .toBe('Self-check: done, ∫sin = 2.000000');
      const status = await page.getByTestId('pool-status').textContent();
      expect(status).toMatch(/restarted/);
      expect(status).toContain('idle');
    });
  });

  it('keeps a saved scenario across a reload, and restores a share link in a new page', async () => {
    await withApp('/plan', async (s) => {
      const { page } = s;
      await page.getByRole('tab', { name: 'Scenario' }).click();
      expect(await checkA11y(page)).toEqual([]);
      const name = page.getByLabel('Scenario name');
      await name.fill('T8 bipole for e2e');
      await page.getByRole('button', { name: 'Save to this browser' }).click();
      await expect
        .poll(() => page.getByTestId('scenario-message').textContent())
        .toBe('Saved “T8 bipole for e2e”.');
      await page.reload();
      await page.getByRole('tab', { name: 'Scenario' }).click();
      await page
        .getByTestId('saved-scenarios')
        .getByRole('button', { name: 'T8 bipole for e2e', exact: true })
        .click();
      await expect.poll(() => name.inputValue()).toBe('T8 bipole for e2e');

      await page.getByRole('radio', { name: 'DRG' }).check();
      await name.fill('DRG L5 shared');
      await page.getByRole('button', { name: 'Share link' }).click();
      const link = await page.getByTestId('share-link').inputValue();
      expect(link).toMatch(/\/plan#s=/);
      const other = await s.newPage(link);
      await other.getByRole('tab', { name: 'Scenario' }).click();
      await expect.poll(() => other.getByLabel('Scenario name').inputValue()).toBe('DRG L5 shared');
      expect(await other.getByRole('radio', { name: 'DRG' }).isChecked()).toBe(true);

      // a damaged link changes nothing and names the problem
      const broken = link.replace(/#s=.*/, '#s=NoIgLgTghgdg5gZwPoAYBsA');
      await other.goto(broken);
      await other.getByTestId('load-issues').waitFor();
      expect(await other.getByTestId('load-issues').textContent()).toMatch(
        /Nothing was loaded from the share link/,
      );
      expect(await other.getByLabel('Scenario name').inputValue()).toBe('DRG L5 shared');
      await screenshot(other, 'share-link-rejected');
    });
  });
});
