import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { launchOptions } from './launch.ts';
import { checkA11y, cspViolations, openApp, screenshot, type AppSession } from './harness.ts';
import { findLesson } from '../../src/learn/lessons/index.ts';
import { displayOrder } from '../../src/learn/questions.ts';

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
    expect(await cspViolations(s.page), 'CSP violations').toEqual([]);
  } finally {
    await s.close();
  }
}

/** Chooses an option of a check question by its text, checks it, and waits for the feedback. */
async function answer(
  page: Page,
  questionId: string,
  optionText: string,
  expected: string | RegExp,
): Promise<string> {
  const q = page.locator(`form[data-question="${questionId}"]`);
  await q.getByLabel(optionText, { exact: false }).check();
  await q.getByRole('button', { name: 'Check answer' }).click();
  const feedback = q.locator('.feedback');
  await expect.poll(() => feedback.textContent()).toMatch(expected);
  return (await feedback.textContent()) ?? '';
}

/** The option ids of a question in the order the page shows them. */
function shownOrder(page: Page, questionId: string): Promise<string[]> {
  return page
    .locator(`form[data-question="${questionId}"] label.option`)
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-option') ?? ''));
}

const afLesson = findLesson('activating-function')!;
const afQuestion = (id: string) => afLesson.meta.questions.find((q) => q.id === id)!;

describe('learn', () => {
  it('walks through a lesson on the engine, answers its questions, and keeps progress across a reload', async () => {
    await withApp('/learn', async ({ page }) => {
      await page.getByRole('heading', { level: 1, name: 'Learn' }).waitFor();
      await page.getByRole('link', { name: 'The activating function' }).click();
      await page.waitForURL('**/learn/activating-function');
      await page.getByRole('heading', { level: 1, name: 'The activating function' }).waitFor();

      // keyboard: move the distance slider two steps up (0.1 mm each)
      const distance = page.getByLabel(/Electrode–fibre distance/);
      await distance.focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => distance.inputValue()).toBe('1.7');
      const peakBefore = await page.getByTestId('af-peak').textContent();
      await page.keyboard.press('End'); // 5 mm: the activating function falls
      await expect.poll(() => page.getByTestId('af-peak').textContent()).not.toBe(peakBefore);
      await page.keyboard.press('Home');

      // the cable model in the worker pool: the anode needs more current than the cathode
      await page.getByRole('button', { name: 'Compute thresholds' }).click();
      const thresholds = page.getByTestId('af-thresholds');
      await thresholds.waitFor({ timeout: 20_000 });
      const text = (await thresholds.textContent()) ?? '';
      const [cathodic, anodic] = [...text.matchAll(/([\d.]+) mA/g)].map((m) => Number(m[1]));
      expect(cathodic).toBeGreaterThan(0);
      expect(anodic).toBeGreaterThan(cathodic as number);

      // the options are shown in the seeded order of round 0, not as the lesson file lists them
      for (const id of ['af-where', 'af-anode', 'af-diameter']) {
        expect(await shownOrder(page, id)).toEqual(
          displayOrder(afQuestion(id), 0).map((o) => o.id),
        );
      }

      // each wrong answer gets its own feedback; right at the third try
      expect(await answer(page, 'af-where', 'At the flanking nodes', /Not yet/)).toContain(
        'The flanks are where an anode excites',
      );
      await page.locator('form[data-question="af-where"]').scrollIntoViewIfNeeded();
      await screenshot(page, 'learn-wrong-answer', false);
      expect(
        await answer(page, 'af-where', 'At the end of the fibre', /Far from the contact/),
      ).toContain('Not yet');
      await answer(page, 'af-where', 'At the node closest to the contact', /Correct/);
      expect(await page.getByTestId('verdict-af-where').textContent()).toBe(
        'Not counted as mastered: needed 3 tries.',
      );
      // right after the hint
      const anode = page.locator('form[data-question="af-anode"]');
      await anode.getByRole('button', { name: 'Show hint' }).click();
      expect(await page.getByTestId('hint-af-anode').textContent()).toContain(
        afQuestion('af-anode').hint,
      );
      expect(await anode.getByRole('button', { name: 'Show hint' }).count()).toBe(0);
      await answer(page, 'af-anode', 'several times more current', /Correct/);
      expect(await page.getByTestId('verdict-af-anode').textContent()).toBe(
        'Not counted as mastered: answered after a hint.',
      );
      // right at the first try without the hint
      await answer(page, 'af-diameter', 'its nodes are farther apart', /Correct/);
      expect(await page.getByTestId('verdict-af-diameter').textContent()).toContain('mastered');
      const notMastered =
        'Progress: Attempted. 3 of 3 answered right. Not mastered: question 1 needed 3 tries; question 2 answered after a hint.';
      await expect.poll(() => page.getByTestId('lesson-progress').textContent()).toBe(notMastered);
      expect(await checkA11y(page), 'axe with feedback, hint and verdicts').toEqual([]);
      await page.locator('section.checks').scrollIntoViewIfNeeded();
      await screenshot(page, 'learn-not-mastered', false);

      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'The activating function' }).waitFor();
      await expect.poll(() => page.getByTestId('lesson-progress').textContent()).toBe(notMastered);
      expect(await anode.getByLabel('several times more current').isChecked()).toBe(true);
      expect(await page.getByTestId('hint-af-anode').isVisible()).toBe(true);

      await page.getByRole('link', { name: 'All lessons' }).click();
      await expect
        .poll(() => page.getByTestId('progress-activating-function').textContent())
        .toBe('Attempted');
      expect(await page.getByTestId('progress-detail-activating-function').textContent()).toBe(
        '3 of 3 answered right. Not mastered: question 1 needed 3 tries; question 2 answered after a hint.',
      );
      expect(await page.getByTestId('lessons-mastered').textContent()).toMatch(
        /^0 of 11 lessons mastered/,
      );
      await screenshot(page, 'learn-index-attempted', false);

      // try again: a new round, a new order; right at the first try with the keyboard → mastered
      await page.getByRole('link', { name: 'The activating function' }).click();
      await page.getByRole('button', { name: 'Try this lesson again' }).click();
      await expect
        .poll(() => page.getByTestId('lesson-progress').textContent())
        .toBe('Progress: Not started. 3 questions to answer.');
      for (const id of ['af-where', 'af-anode', 'af-diameter']) {
        expect(await shownOrder(page, id)).toEqual(
          displayOrder(afQuestion(id), 1).map((o) => o.id),
        );
      }
      const where = page.locator('form[data-question="af-where"]');
      await where.locator('input[type="radio"]').first().focus();
      await page.keyboard.press('Space');
      for (let i = 0; i < 3 && !(await where.getByLabel('At the node closest').isChecked()); i++) {
        await page.keyboard.press('ArrowDown');
      }
      expect(await where.getByLabel('At the node closest').isChecked()).toBe(true);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Check answer');
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.getByTestId('verdict-af-where').textContent())
        .toBe('Right at the first try, without a hint: mastered.');
      // focus stays in the question: on its verdict
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('verdict');
      await answer(page, 'af-anode', 'several times more current', /Correct/);
      await answer(page, 'af-diameter', 'its nodes are farther apart', /Correct/);
      await expect
        .poll(() => page.getByTestId('lesson-progress').textContent())
        .toBe('Progress: Mastered. Every question right at the first try, without a hint.');
      await page.locator('section.checks').scrollIntoViewIfNeeded();
      await screenshot(page, 'learn-mastered', false);

      await page.getByRole('link', { name: 'All lessons' }).click();
      await expect
        .poll(() => page.getByTestId('progress-activating-function').textContent())
        .toBe('Mastered');
      expect(await page.getByTestId('lessons-mastered').textContent()).toMatch(
        /^1 of 11 lessons mastered/,
      );
      expect(await checkA11y(page), 'axe on /learn with progress').toEqual([]);
      await screenshot(page, 'learn-index-progress', true);
    });
  });

  it('keeps an unreadable progress record, says so, and starts the lesson afresh', async () => {
    await withApp('/learn', async ({ page }) => {
      await page.getByTestId('lessons-mastered').waitFor();
      await page.evaluate(
        () =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('neuromod-planner');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const tx = open.result.transaction('lessonProgress', 'readwrite');
              tx.objectStore('lessonProgress').put({
                slug: 'charge-density',
                updatedAt: 1,
                answers: { 'cd-pw': 7 },
                completed: 'yes',
              });
              tx.oncomplete = () => {
                open.result.close();
                resolve();
              };
              tx.onerror = () => reject(tx.error);
            };
          }),
      );
      await page.reload();
      await expect
        .poll(() => page.getByTestId('progress-charge-density').textContent())
        .toBe('Progress unreadable');
      await page.getByRole('link', { name: 'Charge density and safety limits' }).click();
      const problem = page.getByTestId('progress-problem');
      await problem.waitFor();
      expect(await problem.textContent()).toMatch(
        /could not be read \(answers\.cd-pw: .*\).*kept as it was/,
      );
      await problem.scrollIntoViewIfNeeded();
      await screenshot(page, 'learn-unreadable-progress', false);
      await answer(page, 'cd-pw', 'doubles charge and charge density', /Correct/);
      const kept = await page.evaluate(
        () =>
          new Promise<unknown[]>((resolve, reject) => {
            const open = indexedDB.open('neuromod-planner');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const all = open.result.transaction('settings').objectStore('settings').getAll();
              all.onsuccess = () => {
                open.result.close();
                resolve(all.result as unknown[]);
              };
            };
          }),
      );
      const copy = kept.find((r) =>
        String((r as { key: string }).key).startsWith('learn.unreadableProgress.charge-density.'),
      ) as { value: { record: unknown } } | undefined;
      expect(copy?.value.record).toEqual({
        slug: 'charge-density',
        updatedAt: 1,
        answers: { 'cd-pw': 7 },
        completed: 'yes',
      });
    });
  });

  it('measures a strength–duration curve in the pool and fits rheobase and chronaxie', async () => {
    await withApp('/learn/strength-duration', async ({ page }) => {
      await page.getByRole('button', { name: 'Measure the strength–duration curve' }).click();
      const fit = page.getByTestId('sd-fit');
      await fit.waitFor({ timeout: 60_000 });
      const text = (await fit.textContent()) ?? '';
      const rheobase = Number(/Rheobase([\d.]+) mA/.exec(text)?.[1]);
      const chronaxie = Number(/Chronaxie([\d.]+) µs/.exec(text)?.[1]);
      expect(rheobase).toBeGreaterThan(0);
      // axon chronaxies lie in the tens to hundreds of µs (models.md §4, Ranck 1975 range)
      expect(chronaxie).toBeGreaterThan(10);
      expect(chronaxie).toBeLessThan(1000);
      await screenshot(page, 'learn-strength-duration', true);
    });
  });

  it('lists at least ten lessons with progress, and every lesson URL loads without axe or console errors', async () => {
    await withApp('/learn', async ({ page }) => {
      const items = page.locator('ol.lesson-list > li');
      await items.first().waitFor();
      const slugs = await items.evaluateAll((els) =>
        els.map((e) => e.getAttribute('data-slug') ?? ''),
      );
      expect(slugs.length).toBeGreaterThanOrEqual(10);
      for (const slug of slugs) {
        // progress is read from IndexedDB after the list renders ('…' until then)
        await expect
          .poll(() => page.getByTestId(`progress-${slug}`).textContent())
          .toBe('Not started');
      }
      expect(await checkA11y(page), 'axe on /learn').toEqual([]);
      await screenshot(page, 'learn-index', true);
      for (const slug of slugs) {
        await page.goto(new URL(`/learn/${slug}`, page.url()).toString());
        await page.locator('main h1').first().waitFor();
        await page.getByTestId('lesson-progress').waitFor();
        expect(await checkA11y(page), `axe on /learn/${slug}`).toEqual([]);
        // run every computation the lesson offers on the pool, then look again
        const buttons = page.locator('main section.controls button, main section.engine button');
        for (let i = 0; i < (await buttons.count()); i++) {
          await buttons.nth(i).click();
          await expect
            .poll(() => page.locator('main progress').count(), { timeout: 60_000 })
            .toBe(0);
        }
        expect(await page.locator('main .task-status.error').count(), `errors in ${slug}`).toBe(0);
        if ((await buttons.count()) > 0) {
          await page.getByText('Computed on the worker pool').first().waitFor();
        }
        expect(await checkA11y(page), `axe on /learn/${slug} with results`).toEqual([]);
        await screenshot(page, `lesson-${slug}`, true);
      }
      // the engine's answers, read from the lessons (sources in the lessons' text)
      await page.goto(new URL('/learn/drg-vs-scs', page.url()).toString());
      await page.getByRole('button', { name: 'Compute both targets' }).click();
      await page.getByText(/SCS needs [\d.]+× the current/).waitFor({ timeout: 60_000 });
      const drg = (await page.getByTestId('drg-ratio').textContent()) ?? '';
      expect(Number(/needs ([\d.]+)×/.exec(drg)?.[1])).toBeGreaterThan(1);
      await screenshot(page, 'lesson-drg-vs-scs-computed', true);
      await page.goto(new URL('/learn/closed-loop-ecap', page.url()).toString());
      await page.getByRole('button', { name: /Record the ECAP/ }).click();
      await page.getByTestId('ecap-readout').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('ecap-readout').textContent()).toMatch(/N1 arrives [\d.]+ ms/);
      await page.getByRole('button', { name: /Run the 10-second posture timeline/ }).click();
      await page.getByTestId('ecap-loop').waitFor({ timeout: 60_000 });
      const loop = (await page.getByTestId('ecap-loop').textContent()) ?? '';
      const open = Number(/open loop (\d+) %/.exec(loop)?.[1]);
      const closed = Number(/closed loop (\d+) %/.exec(loop)?.[1]);
      // holding the ECAP keeps it in the window longer than a fixed amplitude (clinical.md §3.1)
      expect(closed).toBeGreaterThan(open);
      await screenshot(page, 'lesson-closed-loop-ecap-computed', true);
    });
  });
});

describe('demo', () => {
  it('shows A/B estimates with result hashes; a shared link and a demo file replay the same hashes in fresh browser contexts', async () => {
    let link = '';
    let file = '';
    let hashA = '';
    let hashB = '';
    await withApp('/learn/demo', async ({ page }) => {
      await page.getByRole('heading', { level: 1, name: 'Demo' }).waitFor();
      // change program B with the keyboard: amplitude one step up
      const ampB = page.getByLabel(/Program B: amplitude/);
      await ampB.focus();
      await page.keyboard.press('ArrowRight');
      expect(await ampB.inputValue()).toBe('3.5');
      await page.getByTestId('est-a-hash-full').waitFor({ timeout: 60_000 });
      await page.getByTestId('est-b-hash-full').waitFor({ timeout: 60_000 });
      hashA = (await page.getByTestId('est-a-hash-full').textContent()) ?? '';
      hashB = (await page.getByTestId('est-b-hash-full').textContent()) ?? '';
      expect(hashA).toMatch(/^[0-9a-f]{64}$/);
      expect(hashB).toMatch(/^[0-9a-f]{64}$/);
      expect(hashA).not.toBe(hashB);
      link = await page.getByTestId('demo-link').inputValue();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download demo file' }).click(),
      ]);
      file = join(mkdtempSync(join(tmpdir(), 'neuromod-demo-')), 'demo.json');
      await download.saveAs(file);
      expect(link).toContain('/learn/demo#demo=');
      expect(await checkA11y(page), 'axe on /learn/demo').toEqual([]);
      await screenshot(page, 'demo-ab', true);
    });
    // a fresh context: no shared storage, cache or service worker
    await withApp(link, async ({ page }) => {
      await page.getByText('Replaying a shared demo').waitFor();
      await page.getByTestId('est-a-hash-full').waitFor({ timeout: 60_000 });
      await page.getByTestId('est-b-hash-full').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('est-a-hash-full').textContent()).toBe(hashA);
      expect(await page.getByTestId('est-b-hash-full').textContent()).toBe(hashB);
      expect(await page.getByLabel(/Program B: amplitude/).inputValue()).toBe('3.5');
      await screenshot(page, 'demo-replayed', true);
    });
    // the demo file, opened in another fresh context, replays the same hashes
    await withApp('/learn/demo', async ({ page }) => {
      await page.getByLabel('Open demo file').setInputFiles(file);
      await page.getByText('Replaying a shared demo').waitFor();
      await expect
        .poll(() => page.getByTestId('est-b-hash-full').textContent(), { timeout: 60_000 })
        .toBe(hashB);
      await expect
        .poll(() => page.getByTestId('est-a-hash-full').textContent(), { timeout: 60_000 })
        .toBe(hashA);
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { hashes?: { a?: string } };
      expect(saved.hashes?.a).toBe(hashA);
    });
  });

  it('steps through a scripted sequence and keeps presentation mode (records hidden) across a reload', async () => {
    await withApp('/learn/demo', async ({ page }) => {
      await page.getByRole('button', { name: 'Next step →' }).click();
      await page.getByText('Step 2 of 3').waitFor();
      await page.getByTestId('step-hash-full').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('step-share').first().textContent()).toMatch(/^\d+ %$/);

      const patientsLink = page.getByRole('link', { name: 'Patients' });
      expect(await patientsLink.isVisible()).toBe(true);
      await page.getByTestId('demo-toggle').check();
      await expect
        .poll(() => page.evaluate(() => document.documentElement.classList.contains('demo-mode')))
        .toBe(true);
      expect(await patientsLink.isVisible()).toBe(false);
      await screenshot(page, 'demo-presentation', false);
      await page.reload();
      await expect
        .poll(() => page.evaluate(() => document.documentElement.classList.contains('demo-mode')))
        .toBe(true);
      expect(await page.getByTestId('demo-toggle').isChecked()).toBe(true);
      await page.getByTestId('demo-toggle').uncheck();
      await expect.poll(() => patientsLink.isVisible()).toBe(true);
    });
  });
});

describe('offline', () => {
  it('installs as a PWA and loads without a network after one visit', async () => {
    const s = await openApp('/learn', { browser });
    try {
      const { page, context } = s;
      const manifest = await page.evaluate(async () => {
        const href = document.querySelector('link[rel="manifest"]')?.getAttribute('href');
        return href
          ? ((await (await fetch(href)).json()) as { name: string; icons: unknown[] })
          : null;
      });
      expect(manifest?.name).toBe('Neuromod Planner');
      expect(manifest?.icons.length).toBeGreaterThanOrEqual(2);
      const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
      expect(scope).toBe(new URL('/', page.url()).toString());

      await context.setOffline(true);
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Learn' }).waitFor();
      // a lesson and its worker, also from the cache
      await page.getByRole('link', { name: 'Recruitment order by fibre size' }).click();
      await page.getByRole('button', { name: 'Compute thresholds by diameter' }).click();
      await page.getByText('Computed on the worker pool').waitFor({ timeout: 60_000 });
      // a deep link typed while offline
      await page.goto(new URL('/learn/charge-density', page.url()).toString());
      await page
        .getByRole('heading', { level: 1, name: 'Charge density and safety limits' })
        .waitFor();
      await screenshot(page, 'offline-charge-density', true);
      expect(s.foreignRequests).toEqual([]);
    } finally {
      await s.context.setOffline(false);
      await s.close();
    }
  });
});
