#!/usr/bin/env node
// The headless `neuromod` command. Runs the prebuilt bundle dist-cli/neuromod.mjs (plain
// JavaScript, built by scripts/build-cli.mjs on `npm install` / `npm ci`, `npm test` and
// `npm run build:cli`). Without a bundle, with one older than its sources, or with
// NEUROMOD_FROM_SOURCE=1, it runs the TypeScript sources through tsx (development).
import { readFileSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);

function bundleIsCurrent() {
  if (process.env.NEUROMOD_FROM_SOURCE === '1') return false;
  try {
    const { builtAtMs, inputs } = JSON.parse(readFileSync(new URL('dist-cli/inputs.json', root)));
    return inputs.every((f) => statSync(new URL(f, root)).mtimeMs <= builtAtMs);
  } catch {
    return false; // no bundle, or a source gone
  }
}

let main;
if (bundleIsCurrent()) {
  ({ main } = await import(new URL('dist-cli/neuromod.mjs', root).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
