/* Neuromod Planner service worker (generated at build time from src/pwa/serviceWorker.template.js).
 * Precaches the built app shell and assets, so the app loads without a network after one visit.
 * Assets: cache first (their names carry content hashes). Navigations: network first, falling
 * back to the cached index.html (the app routes on the client). Nothing leaves our origin. */
/* global self, caches */
const VERSION = '__NEUROMOD_SW_VERSION__';
// eslint-disable-next-line no-undef -- replaced at build time by src/pwa/vitePwaPlugin.ts
const PRECACHE = __NEUROMOD_PRECACHE__;
const CACHE = `neuromod-shell-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((k) => k.startsWith('neuromod-shell-') && k !== CACHE)
            .map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).catch(() =>
        caches
          .open(CACHE)
          .then((cache) => cache.match('/index.html', { ignoreVary: true }))
          .then((hit) => hit || Response.error()),
      ),
    );
    return;
  }
  event.respondWith(
    caches
      .open(CACHE)
      // the shell's module scripts carry an Origin header, the precache requests did not: ignore Vary
      .then((cache) => cache.match(request, { ignoreVary: true }))
      .then((hit) => hit || fetch(request)),
  );
});
