/**
 * Build plugin for offline use: after the bundle is written, lists every file of the output
 * directory (app shell, chunks, worker, styles, public assets), and writes `sw.js` from
 * src/pwa/serviceWorker.template.js with that precache list and a version derived from it.
 * It also links the web manifest from index.html. No dependency beyond Node and Vite.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

const TEMPLATE = new URL('./serviceWorker.template.js', import.meta.url);
const SW_NAME = 'sw.js';
/** files that must not be precached (the worker itself; large or private files never appear here) */
const SKIP = new Set([SW_NAME]);
const MAX_PRECACHE_BYTES = 20 * 1024 * 1024; // our limit: the shell is a few MB

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** URLs (from the site root) of every file in `outDir`, sorted; `/index.html` included. */
export function precacheList(outDir: string): string[] {
  return walk(outDir)
    .map((p) => `/${relative(outDir, p).split(sep).join('/')}`)
    .filter((u) => !SKIP.has(u.slice(1)) && !u.endsWith('.map'))
    .sort();
}

export function serviceWorkerSource(urls: string[], template: string): string {
  const version = createHash('sha256').update(urls.join('\n')).digest('hex').slice(0, 16);
  return template
    .replaceAll('__NEUROMOD_SW_VERSION__', version)
    .replaceAll('__NEUROMOD_PRECACHE__', JSON.stringify(urls));
}

export function pwaPlugin(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'neuromod-pwa',
    configResolved(c) {
      config = c;
    },
    transformIndexHtml(html) {
      return html.replace(
        '</head>',
        '    <link rel="manifest" href="/manifest.webmanifest" />\n' +
          '    <meta name="theme-color" content="#0f3d56" />\n' +
          '    <link rel="apple-touch-icon" href="/apple-touch-icon.png" />\n' +
          '  </head>',
      );
    },
    closeBundle() {
      if (config.command !== 'build' || config.build.ssr) return;
      const outDir = join(config.root, config.build.outDir);
      const urls = precacheList(outDir);
      const bytes = urls.reduce((s, u) => s + statSync(join(outDir, u)).size, 0);
      if (bytes > MAX_PRECACHE_BYTES) {
        this.warn(
          `precache is ${(bytes / 1e6).toFixed(1)} MB, above the ${MAX_PRECACHE_BYTES / 1e6} MB limit`,
        );
      }
      writeFileSync(
        join(outDir, SW_NAME),
        serviceWorkerSource(urls, readFileSync(TEMPLATE, 'utf8')),
      );
    },
  };
}
