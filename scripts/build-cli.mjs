#!/usr/bin/env node
// Builds the `neuromod` command into dist-cli/ (plain JavaScript, no TypeScript at run time):
// src/cli/main.ts bundled with esbuild (the one tsx ships with, already installed), one chunk
// per command so that `neuromod <command>` loads only what it runs. bin/neuromod.mjs runs the
// bundle when it is there and no newer than its sources (dist-cli/inputs.json), else the
// sources through tsx. Run by `npm install` / `npm ci` (prepare), `npm test` and `npm run build:cli`.
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// an output folder may be given (the unit test builds into a temporary one)
const outdir = process.argv[2] ?? `${root}dist-cli`;

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.warn(
    'build-cli: esbuild is not installed; bin/neuromod.mjs will run the sources with tsx',
  );
  process.exit(0);
}

const started = Date.now();
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: { neuromod: 'src/cli/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  // tsx stays a package: the benchmarks' worker threads load it by name when run from source;
  // vite and playwright-core too (the browser benchmark loads them when it runs), and the study
  // queue's bullmq and ioredis (loaded by sweep --queue and worker only)
  external: ['tsx', 'tsx/*', 'vite', 'playwright-core', 'bullmq', 'ioredis'],
  // CommonJS dependencies inside an ES module bundle call require()
  banner: {
    js: "import { createRequire as __neuromodRequire } from 'node:module'; const require = __neuromodRequire(import.meta.url);",
  },
  metafile: true,
  logLevel: 'warning',
});
// the sources the bundle was built from, so that bin/neuromod.mjs can tell a stale bundle
// dependencies are not sources (node_modules may be a symlink, so its paths can start with ../)
const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules/'));
const builtAtMs = Math.max(...inputs.map((f) => statSync(`${root}${f}`).mtimeMs));
writeFileSync(`${outdir}/inputs.json`, JSON.stringify({ builtAtMs, inputs }));
const bytes = Object.values(result.metafile.outputs).reduce((s, o) => s + o.bytes, 0);
console.log(
  `build-cli: ${outdir}/neuromod.mjs and ${Object.keys(result.metafile.outputs).length - 1} chunks, ` +
    `${(bytes / 1e6).toFixed(2)} MB from ${inputs.length} sources in ${Date.now() - started} ms`,
);
