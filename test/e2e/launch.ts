import type { LaunchOptions } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../src/cli/bench/chromium.ts';

export { chromiumPath };

/** Chromium as the whole project launches it (src/cli/bench/chromium.ts). */
export const launchOptions: LaunchOptions = {
  executablePath: chromiumPath,
  headless: true,
  args: chromiumArgs,
};
