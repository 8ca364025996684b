import { expect, it } from 'vitest';
import { checkA11y, openApp, screenshot } from './harness.ts';

const LARGE = { width: 1920, height: 1080 };

it('an A/B pair with presentation mode replays the same configurations and hashes in a fresh browser at 1920×1080; Escape leaves presentation mode', async () => {
  let link: string;
  let hashA: string;
  let hashB: string;
  let configB: string;
  const first = await openApp('/learn/demo');
  try {
    const { page } = first;
    await page.getByRole('heading', { level: 1, name: 'Demo' }).waitFor();
    // B: guarded tripole (the default pair) one amplitude step up, with the keyboard
    const ampB = page.getByLabel(/Program B: amplitude/);
    await ampB.focus();
    await page.keyboard.press('ArrowRight');
    expect(await ampB.inputValue()).toBe('3.5');
    const differences = page.getByTestId('ab-differences');
    await expect.poll(() => differences.textContent()).toContain('Amplitude: A 3 mA → B 3.5 mA');
    expect(await differences.textContent()).toContain(
      'Contacts: A 3−, 4+ → B 2+ 50 %, 3−, 4+ 50 %',
    );
    await page.getByTestId('est-a-hash-full').waitFor({ timeout: 60_000 });
    await page.getByTestId('est-b-hash-full').waitFor({ timeout: 60_000 });
    await page.getByTestId('ab-curves').waitFor();
    hashA = (await page.getByTestId('est-a-hash-full').textContent()) ?? '';
    hashB = (await page.getByTestId('est-b-hash-full').textContent()) ?? '';
    expect(hashA).toMatch(/^[0-9a-f]{64}$/);
    expect(hashA).not.toBe(hashB);
    configB = (await page.getByTestId('config-b').textContent()) ?? '';
    expect(configB).toContain('3.5 mA');
    expect(await page.locator('[data-testid="scene-a"] canvas').count()).toBe(1);
    expect(await page.locator('[data-testid="scene-b"] canvas').count()).toBe(1);
    await page.getByLabel('Link opens in presentation mode').check();
    link = await page.getByTestId('demo-link').inputValue();
    expect(link).toMatch(/#demo=.+&present=1$/);
    await screenshot(page, 'ab-demo-built', true);
    expect(await checkA11y(page), 'axe on the A/B demo').toEqual([]);
    expect(first.consoleErrors).toEqual([]);
  } finally {
    await first.close();
  }

  // a fresh browser context (no shared storage) on a large screen
  const replay = await openApp(link, { viewport: LARGE });
  try {
    const { page } = replay;
    await page.getByTestId('present-banner').waitFor();
    expect(
      await page.evaluate(() => document.documentElement.classList.contains('demo-mode')),
    ).toBe(true);
    await page.getByTestId('est-a-hash-full').waitFor({ timeout: 60_000 });
    await page.getByTestId('est-b-hash-full').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('est-a-hash-full').textContent()).toBe(hashA);
    expect(await page.getByTestId('est-b-hash-full').textContent()).toBe(hashB);
    expect(await page.getByTestId('config-b').textContent()).toBe(configB);
    await page.getByTestId('ab-curves').waitFor();
    // large-screen layout: the two scenes sit side by side
    const boxA = await page.locator('[data-testid="scene-a"] canvas').boundingBox();
    const boxB = await page.locator('[data-testid="scene-b"] canvas').boundingBox();
    expect(boxA && boxB && boxB.x > boxA.x + boxA.width - 1).toBe(true);
    expect(boxA && boxA.height >= 400).toBe(true);
    await screenshot(page, 'ab-demo-presentation-1920');
    await screenshot(page, 'ab-demo-presentation-1920-full', true);
    expect(await checkA11y(page), 'axe in presentation mode').toEqual([]);
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.evaluate(() => document.documentElement.classList.contains('demo-mode')))
      .toBe(false);
    expect(await page.getByTestId('present-banner').count()).toBe(0);
    expect(replay.consoleErrors).toEqual([]);
    expect(replay.foreignRequests).toEqual([]);
  } finally {
    await replay.close();
  }

  // a malformed present parameter is named; the pair still loads, without presentation mode
  const bad = await openApp(link.replace('present=1', 'present=yes'), { viewport: LARGE });
  try {
    const { page } = bad;
    const alert = page.getByTestId('present-issue');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('present');
    expect(await alert.textContent()).toContain('"yes"');
    expect(await page.getByTestId('config-b').textContent()).toBe(configB);
    expect(
      await page.evaluate(() => document.documentElement.classList.contains('demo-mode')),
    ).toBe(false);
  } finally {
    await bad.close();
  }
});
