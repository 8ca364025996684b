/**
 * Registers the service worker of the built app (public origin, module context: the page's CSP
 * allows no inline script). In development there is none: the dev server serves modules live.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator))
    return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((e: unknown) => {
      // offline support is an extra: the app works without it
      console.warn('Service worker registration failed:', e);
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
