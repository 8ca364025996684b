import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { precacheList, serviceWorkerSource } from '../../../src/pwa/vitePwaPlugin.ts';

const template = readFileSync(
  new URL('../../../src/pwa/serviceWorker.template.js', import.meta.url),
  'utf8',
);

describe('offline build plugin', () => {
  it('lists every built file from the site root, sorted, without the service worker or source maps', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pwa-'));
    mkdirSync(join(dir, 'assets'));
    for (const f of [
      'index.html',
      'sw.js',
      'manifest.webmanifest',
      'assets/a-1.js',
      'assets/a-1.js.map',
      'assets/b.css',
    ])
      writeFileSync(join(dir, f), 'x');
    expect(precacheList(dir)).toEqual([
      '/assets/a-1.js',
      '/assets/b.css',
      '/index.html',
      '/manifest.webmanifest',
    ]);
  });

  it('fills every placeholder of the template, and the version follows the file list', () => {
    const a = serviceWorkerSource(['/index.html', '/assets/a-1.js'], template);
    const b = serviceWorkerSource(['/index.html', '/assets/a-2.js'], template);
    expect(a).not.toContain('__NEUROMOD_');
    expect(a).toContain('const PRECACHE = ["/index.html","/assets/a-1.js"];');
    const version = (src: string) => /const VERSION = '([0-9a-f]{16})'/.exec(src)?.[1];
    expect(version(a)).toMatch(/^[0-9a-f]{16}$/);
    expect(version(b)).not.toBe(version(a));
    // the generated worker is valid JavaScript
    expect(() => new Function(a.replace(/^\s*\/\*[\s\S]*?\*\//, ''))).not.toThrow();
  });
});
