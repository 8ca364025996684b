#!/usr/bin/env node
// `npm test`: type-check, lint, format check, production build, the prebuilt `neuromod`
// command (dist-cli/), then every Vitest project
// (unit, validation, browser mode in real Chromium, e2e against the built app).
// Ends with the line `N passed, N failed` (static checks count as one test each).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(
    `Chromium not found at ${chromium}. The browser and e2e tests need Debian's Chromium:\n` +
      `  sudo apt-get install chromium\nor set CHROMIUM_PATH to a Chromium/Chrome binary.`,
  );
  process.exit(1);
}

const extra = process.argv.slice(2);
let passed = 0;
let failed = 0;

function step(name, cmd, args) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  const ok = r.status === 0;
  console.log(
    `[test] ${name}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return ok;
}

const bin = (name) => `node_modules/.bin/${name}`;
for (const [name, cmd, args] of [
  ['typecheck', bin('tsc'), ['--noEmit']],
  ['lint', bin('eslint'), ['.', '--max-warnings=0']],
  ['format', bin('prettier'), ['--check', '.', '--log-level=warn']],
  ['build', bin('vite'), ['build', '--logLevel=warn']],
  ['build-cli', process.execPath, ['scripts/build-cli.mjs']],
]) {
  if (step(name, cmd, args)) passed += 1;
  else failed += 1;
}

mkdirSync('test-results', { recursive: true });
rmSync('test-results/vitest.json', { force: true });
step('vitest', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile=test-results/vitest.json',
  ...extra,
]);
if (existsSync('test-results/vitest.json')) {
  const r = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  // a suite that failed to load counts as a failure even when it reported no test
  failed += (r.testResults ?? []).filter(
    (s) => s.status === 'failed' && (s.assertionResults ?? []).length === 0,
  ).length;
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  if (skipped > 0) console.log(`[test] ${skipped} skipped or todo`);
  if ((r.numTotalTests ?? 0) === 0) failed += 1;
} else {
  console.log('[test] vitest wrote no report');
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
