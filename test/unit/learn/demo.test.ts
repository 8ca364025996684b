import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../../models/scenario.ts';
import {
  decodeDemoFragment,
  demoFileText,
  demoUrl,
  encodeDemoFragment,
  parseDemoFile,
} from '../../../src/demo/demoLink.ts';
import { contentHash, shortHash } from '../../../src/demo/resultHash.ts';
import { choiceOf, demoScripts, scsScenario } from '../../../src/demo/demoScenarios.ts';

describe('result hash', () => {
  it('is the SHA-256 of the canonical JSON, independent of key order', async () => {
    // node -e "crypto.createHash('sha256').update('{\"a\":1,\"b\":[2,{\"c\":3,\"d\":4}]}')"
    const expected = '88c3cdf568e74603bc9ea42ed03f42ad6dcf46dbfbb56089d8a163f6b84a0c52';
    expect(await contentHash({ b: [2, { d: 4, c: 3 }], a: 1 })).toBe(expected);
    expect(await contentHash({ a: 1, b: [2, { c: 3, d: 4 }] })).toBe(expected);
    expect(shortHash(expected)).toBe('88c3 cdf5 68e7 4603');
  });
});

describe('demo links and files', () => {
  const pair = {
    a: scsScenario({ configuration: 'bipole', amplitudeMa: 2, pulseWidthUs: 210, rateHz: 50 }),
    b: defaultScenario('DRG'),
  };

  it('round-trips two scenarios through the URL fragment', () => {
    const url = demoUrl(pair, 'http://127.0.0.1:4173/plan');
    expect(url.startsWith('http://127.0.0.1:4173/learn/demo#demo=')).toBe(true);
    const back = decodeDemoFragment(new URL(url).hash);
    expect(back).toEqual({ ok: true, value: pair });
    expect(decodeDemoFragment(`#${encodeDemoFragment(pair)}`)).toEqual(back);
  });

  it('returns null for a fragment without a demo and names the problem of a broken one', () => {
    expect(decodeDemoFragment('#s=abc')).toBeNull();
    const broken = decodeDemoFragment('#demo=%%%not-lz');
    expect(broken?.ok).toBe(false);
  });

  it('refuses a link whose scenario is invalid, naming the field', () => {
    const bad = { ...pair, b: { ...pair.b, program: { ...pair.b.program, amplitudeMa: -1 } } };
    const r = decodeDemoFragment(`#${encodeDemoFragment(bad as typeof pair)}`);
    expect(r?.ok).toBe(false);
    if (r && !r.ok) expect(r.issues.map((i) => i.path)).toContain('b.program.amplitudeMa');
  });

  it('round-trips a demo file and checks its kind and version', () => {
    const text = demoFileText(pair, { a: 'ff' });
    expect(parseDemoFile(text)).toEqual({ ok: true, value: pair });
    expect(parseDemoFile('{"kind":"other"}')).toEqual({
      ok: false,
      issues: [{ path: 'kind', message: 'expected "neuromod-demo"' }],
    });
    expect(parseDemoFile('nope').ok).toBe(false);
  });
});

describe('demo scenarios', () => {
  it('builds valid SCS programs and reads the configuration back', () => {
    for (const configuration of ['bipole', 'wide-bipole', 'tripole', 'monopole'] as const) {
      const s = scsScenario({ configuration, amplitudeMa: 2.5, pulseWidthUs: 300, rateHz: 40 });
      expect(choiceOf(s)).toEqual({
        configuration,
        amplitudeMa: 2.5,
        pulseWidthUs: 300,
        rateHz: 40,
      });
    }
  });

  it('has scripted sequences of at least two steps, each with a note', () => {
    const scripts = demoScripts();
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    for (const s of scripts) {
      expect(s.steps.length).toBeGreaterThanOrEqual(2);
      for (const step of s.steps) expect(step.note.length).toBeGreaterThan(10);
    }
  });
});
