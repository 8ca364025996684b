import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { pwaPlugin } from './src/pwa/vitePwaPlugin.ts';

/**
 * The built app carries a strict Content-Security-Policy: everything from its own origin,
 * workers from its own origin or blob:. The dev server (React refresh needs an inline
 * preamble) runs without it; the e2e suite runs against the built app, so the policy is tested.
 */
/**
 * Origins of the team's FHIR server and its SMART authorization server, listed at build time
 * (`NEUROMOD_TEAM_SERVERS="https://fhir.example.org https://auth.example.org"`) so the app may call
 * them; without it the app talks to its own origin only (a server behind the same origin works).
 */
export function teamServerOrigins(text = ''): string[] {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((s) => {
      let u: URL;
      try {
        u = new URL(s);
      } catch {
        throw new Error(`NEUROMOD_TEAM_SERVERS: "${s}" is not an origin (https://host[:port])`);
      }
      if (u.origin !== s.replace(/\/$/, '') || !/^https?:$/.test(u.protocol))
        throw new Error(
          `NEUROMOD_TEAM_SERVERS: "${s}" is not an origin (https://host[:port], no path)`,
        );
      return u.origin;
    });
}

export function contentSecurityPolicyFor(teamServers: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    ["connect-src 'self'", ...teamServers].join(' '),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

export const contentSecurityPolicy = contentSecurityPolicyFor(
  teamServerOrigins(process.env.NEUROMOD_TEAM_SERVERS),
);

/**
 * Headers the server of the built app sends (the preview server here; a static host must send
 * the same, README "Deployment"): the policy with `frame-ancestors 'none'` (a <meta> policy
 * cannot carry it; CSP Level 3 §6.4.2), no MIME sniffing (Fetch standard
 * `X-Content-Type-Options: nosniff`), no referrer sent off the origin, and no framing by older
 * browsers that ignore frame-ancestors (RFC 7034 X-Frame-Options).
 */
export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': `${contentSecurityPolicy}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

function cspPlugin(): Plugin {
  return {
    name: 'neuromod-csp',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace(
        '<!--csp-->',
        `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}" />`,
      );
    },
  };
}

export default defineConfig({
  plugins: [react(), cspPlugin(), pwaPlugin()],
  worker: { format: 'es' },
  optimizeDeps: {
    // deps first seen inside a worker are pre-bundled up front so the dev server never reloads
    include: [
      'mathjs',
      'comlink',
      'dexie',
      'zod',
      'lz-string',
      'react',
      'react-dom/client',
      'three',
      '@react-three/fiber',
      '@react-three/drei',
      'wouter',
      'uplot',
      'zustand',
      'axe-core',
    ],
  },
  build: {
    chunkSizeWarningLimit: 2500,
    sourcemap: false,
    rollupOptions: {
      onwarn(warning, warn) {
        // fhirclient's WebCrypto shim guards its `module` use with `typeof module === 'object'`
        if (
          warning.code === 'COMMONJS_VARIABLE_IN_ESM' &&
          /isomorphic-webcrypto/.test(warning.id ?? warning.message)
        )
          return;
        warn(warning);
      },
    },
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    strictPort: true,
    headers: { ...securityHeaders },
  },
});
