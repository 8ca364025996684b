import { expect, it } from 'vitest';
import { checkA11y, openApp, screenshot } from './harness.ts';

it('demo mode hides and locks patient records, even by direct URL, and survives a reload', async () => {
  const s = await openApp('/learn/demo');
  const { page } = s;
  try {
    await page.getByTestId('demo-toggle').check();
    await page.goto(new URL('/patients', s.baseURL).toString());
    await expect
      .poll(() => page.locator('main').textContent())
      .toContain('Patient records are hidden and locked while demo mode is on');
    await page.reload();
    await expect
      .poll(() => page.locator('main').textContent())
      .toContain('hidden and locked while demo mode is on');
    expect(await page.getByRole('button', { name: /new patient|create/i }).count()).toBe(0);
    await screenshot(page, 'patients-locked-in-demo');
    expect(await checkA11y(page)).toEqual([]);
    await page.goto(new URL('/learn/demo', s.baseURL).toString());
    await page.getByTestId('demo-toggle').uncheck();
    await page.goto(new URL('/patients', s.baseURL).toString());
    await expect.poll(() => page.locator('main').textContent()).not.toContain('hidden and locked');
    expect(s.consoleErrors).toEqual([]);
    expect(s.foreignRequests).toEqual([]);
  } finally {
    await s.close();
  }
});
