/**
 * Issue #17 item 3 (links) and item 2 (scenario side): share and demo links are unpacked by a
 * bounded decoder that reads lz-string's URI-safe format (checked here against lz-string
 * itself), refused with the limit named, and parsed with the scenario schema's limits.
 */
import LZString from 'lz-string';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decompressLinkPayload } from '../../../src/app/linkDecompress.ts';
import {
  MAX_LINK_CHARS,
  MAX_LINK_TEXT_CHARS,
  decodeScenarioFragment,
  encodeScenarioFragment,
} from '../../../src/app/shareLink.ts';
import { decodeDemoFragment } from '../../../src/demo/demoLink.ts';
import { onStorageProblem } from '../../../src/storage/db.ts';
import { canonicalJson, defaultScenario, parseScenario } from '../../../models/scenario.ts';

const { compressToEncodedURIComponent } = LZString;
const link = (text: string) => `#s=${compressToEncodedURIComponent(text)}`;
// 300 000 repeated characters pack into a few KB (each LZ phrase is one longer than the last)
const BOMB = compressToEncodedURIComponent('a'.repeat(300_000));

describe('bounded link decoder', () => {
  it('decodes whatever lz-string encodes (1 000 random texts, any Unicode)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const r = decompressLinkPayload(compressToEncodedURIComponent(text), 10_000);
        expect(r).toEqual({ ok: true, text });
      }),
      { numRuns: 1000 },
    );
  });
  it('stops a decompression bomb at the limit instead of unpacking it', () => {
    expect(BOMB.length).toBeLessThan(3_000);
    const r = decompressLinkPayload(BOMB, MAX_LINK_TEXT_CHARS);
    expect(r).toEqual({
      ok: false,
      reason: 'too-large',
      message: 'the link unpacks to more than 64,000 characters (the limit for a link)',
    });
  });
  it('refuses truncated and foreign payloads as damaged, never throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (junk) => {
        const r = decompressLinkPayload(junk, 10_000);
        if (!r.ok) expect(r.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
    const good = compressToEncodedURIComponent(canonicalJson(defaultScenario()));
    const cut = decompressLinkPayload(good.slice(0, good.length / 2), 100_000);
    expect(cut.ok).toBe(false);
  });
});

describe('hostile share links are refused with the reason, and announced app-wide', () => {
  const cases: [string, string, RegExp][] = [
    ['a bomb', `#s=${BOMB}`, /unpacks to more than 64,000 characters/],
    ['an overlong link', `#s=${'A'.repeat(MAX_LINK_CHARS + 1)}`, /above the limit of 100,000/],
    ['junk characters', '#s=%%%not*a*link', /a character .* a link never has/],
    ['not JSON', link('{"schemaVersion":1,'), /does not hold valid JSON/],
    ['deep JSON', link('['.repeat(5000) + ']'.repeat(5000)), /nesting limit of 64/],
    [
      'a lead tip at 1e300 mm',
      link(
        canonicalJson({
          ...defaultScenario(),
          leads: [{ ...defaultScenario().leads[0], tipMm: { xMm: 1e300, yMm: 0, zMm: 0 } }],
        }),
      ),
      /leads\.0\.tipMm\.xMm/,
    ],
    [
      'an unknown key',
      link(canonicalJson({ ...defaultScenario(), exfiltrate: 'x' })),
      /exfiltrate: unknown field/,
    ],
  ];
  it.each(cases)('refuses %s', (_label, hash, message) => {
    const seen: string[] = [];
    const stop = onStorageProblem((p) => seen.push(`${p.kind}: ${p.message}`));
    const r = decodeScenarioFragment(hash);
    stop();
    expect(r?.ok).toBe(false);
    if (r && !r.ok)
      expect(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n')).toMatch(message);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^link-refused: The share link was not loaded, nothing was changed: /);
  });
  it('still opens a good link exactly', () => {
    const s = defaultScenario('DRG');
    const r = decodeScenarioFragment(`#${encodeScenarioFragment(s)}`);
    expect(r).toEqual({ ok: true, value: s });
  });
  it('refuses a demo bomb too', () => {
    const r = decodeDemoFragment(`#demo=${BOMB}`);
    expect(r?.ok).toBe(false);
    if (r && !r.ok) expect(r.issues[0]?.message).toMatch(/unpacks to more than 128,000/);
  });
  it('the scenario schema refuses a tip farther than 200 mm and accepts 200 mm', () => {
    const s = defaultScenario();
    const at = (xMm: number) =>
      parseScenario({ ...s, leads: [{ ...s.leads[0], tipMm: { xMm, yMm: 0, zMm: 0 } }] }).ok;
    expect(at(200)).toBe(true);
    expect(at(200.1)).toBe(false);
  });
});
