/**
 * Shared e2e harness: a fresh Chromium (Debian's /usr/bin/chromium) per app session, console
 * errors and page errors collected, every request checked to stay on 127.0.0.1, axe-core
 * accessibility checks, and screenshots under test-results/screenshots/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inject } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { launchOptions } from './launch.ts';

export interface AppSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  baseURL: string;
  /** console.error messages and uncaught page errors */
  consoleErrors: string[];
  /** requests to any origin other than the app's own (they are also blocked) */
  foreignRequests: string[];
  /** opens another page in the same context (same IndexedDB) */
  newPage(path?: string): Promise<Page>;
  close(): Promise<void>;
}

export function baseUrl(): string {
  return inject('baseURL');
}

function watchPage(page: Page, session: Pick<AppSession, 'consoleErrors'>) {
  page.on('console', (msg) => {
    if (msg.type() === 'error') session.consoleErrors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => session.consoleErrors.push(`pageerror: ${err.message}`));
}

export async function openApp(
  path = '/',
  options: {
    browser?: Browser;
    viewport?: { width: number; height: number };
    /** another server of the built app (e.g. one that also proxies test servers) */
    baseURL?: string;
  } = {},
): Promise<AppSession> {
  const base = options.baseURL ?? baseUrl();
  const origin = new URL(base).origin;
  const ownBrowser = !options.browser;
  const browser = options.browser ?? (await chromium.launch(launchOptions));
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1400, height: 900 },
    acceptDownloads: true,
  });
  const session: AppSession = {
    browser,
    context,
    page: undefined as unknown as Page,
    baseURL: base,
    consoleErrors: [],
    foreignRequests: [],
    async newPage(p = '/') {
      const page = await context.newPage();
      watchPage(page, session);
      await page.goto(new URL(p, base).toString());
      return page;
    },
    async close() {
      await context.close();
      if (ownBrowser) await browser.close();
    },
  };
  const allowed = (url: string) =>
    url.startsWith(origin) ||
    url.startsWith('data:') ||
    url.startsWith('blob:') ||
    url === 'about:blank';
  context.on('request', (req) => {
    if (!allowed(req.url())) session.foreignRequests.push(req.url());
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (allowed(url)) return route.continue();
    session.foreignRequests.push(url);
    return route.abort('blockedbyclient');
  });
  // record Content-Security-Policy violations in every page (read with cspViolations(page))
  await context.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  session.page = await context.newPage();
  watchPage(session.page, session);
  await session.page.goto(new URL(path, base).toString());
  return session;
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core in the page (WCAG 2 A/AA rules) and returns the serious and critical violations. */
export async function checkA11y(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe);
  if (loaded === 'undefined') await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: unknown,
            opts: unknown,
          ): Promise<{
            violations: {
              id: string;
              impact: string | null;
              help: string;
              nodes: { target: string[] }[];
            }[];
          }>;
        };
      }
    ).axe;
    const r = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(
    () => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
  );
}

const SHOT_DIR = 'test-results/screenshots';

export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(SHOT_DIR, { recursive: true });
  const path = `${SHOT_DIR}/${name}.png`;
  await page.screenshot({ path, fullPage });
  return path;
}
