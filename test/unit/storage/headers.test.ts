/**
 * Issue #17 item 9: the preview server sends the headers a <meta> policy cannot carry
 * (CSP Level 3: frame-ancestors is ignored in <meta>), plus nosniff and a referrer policy.
 */
import { describe, expect, it } from 'vitest';
import config, {
  contentSecurityPolicy,
  contentSecurityPolicyFor,
  securityHeaders,
  teamServerOrigins,
} from '../../../vite.config.ts';

describe('security headers of the built app', () => {
  it('the preview server sends them all', () => {
    const headers = (config as { preview?: { headers?: Record<string, string> } }).preview?.headers;
    expect(headers).toEqual(securityHeaders);
    expect(headers?.['Content-Security-Policy']).toBe(
      `${contentSecurityPolicy}; frame-ancestors 'none'`,
    );
    expect(headers?.['X-Content-Type-Options']).toBe('nosniff');
    expect(headers?.['Referrer-Policy']).toBe('no-referrer');
  });
  it('connects to its own origin only, unless team servers are listed at build time', () => {
    expect(contentSecurityPolicy).toMatch(/connect-src 'self';/);
    const origins = teamServerOrigins(' https://fhir.example.org  https://auth.example.org:8443/ ');
    expect(origins).toEqual(['https://fhir.example.org', 'https://auth.example.org:8443']);
    expect(contentSecurityPolicyFor(origins)).toMatch(
      /connect-src 'self' https:\/\/fhir\.example\.org https:\/\/auth\.example\.org:8443;/,
    );
    expect(() => teamServerOrigins('https://fhir.example.org/fhir')).toThrow(
      /NEUROMOD_TEAM_SERVERS: .* no path/,
    );
    expect(() => teamServerOrigins('fhir.example.org')).toThrow(/not an origin/);
    expect(teamServerOrigins(undefined)).toEqual([]);
  });
});
