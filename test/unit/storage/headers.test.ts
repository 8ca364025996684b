/**
 * Issue #17 item 9: the preview server sends the headers a <meta> policy cannot carry
 * (CSP Level 3: frame-ancestors is ignored in <meta>), plus nosniff and a referrer policy.
 */
import { describe, expect, it } from 'vitest';
import config, { contentSecurityPolicy, securityHeaders } from '../../../vite.config.ts';

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
});
