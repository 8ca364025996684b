/**
 * How this project launches Chromium headless (the e2e suite, test/e2e/launch.ts, and the
 * browser benchmark, browser.ts): Debian's Chromium (apt package `chromium`) or CHROMIUM_PATH,
 * software GL, no network side channels. Playwright's own browser download cannot run here.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];
