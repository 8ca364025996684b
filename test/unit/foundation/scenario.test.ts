import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  canonicalJson,
  defaultScenario,
  parseScenario,
  SCENARIO_SCHEMA_VERSION,
  THERAPIES,
} from '../../../models/scenario.ts';
import { decodeScenarioFragment, encodeScenarioFragment } from '../../../src/app/shareLink.ts';

describe('scenario schema v1', () => {
  it.each(THERAPIES)(
    'the default %s scenario is valid and survives a JSON round trip unchanged',
    (t) => {
      const s = defaultScenario(t);
      expect(s.schemaVersion).toBe(SCENARIO_SCHEMA_VERSION);
      const again = parseScenario(JSON.parse(JSON.stringify(s)));
      expect(again).toEqual({ ok: true, value: s });
      expect(canonicalJson(again.ok && again.value)).toBe(canonicalJson(s));
    },
  );

  it('round-trips any valid amplitude, pulse width, rate and name losslessly', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 1, max: 5000, noNaN: true }),
        fc.double({ min: 0.5, max: 20000, noNaN: true }),
        fc.string({ minLength: 1, maxLength: 120 }),
        (amplitudeMa, pulseWidthUs, rateHz, name) => {
          const s = { ...defaultScenario('SCS'), name };
          s.program = { ...s.program, amplitudeMa, pulseWidthUs, rateHz };
          const r = parseScenario(JSON.parse(JSON.stringify(s)));
          expect(r.ok).toBe(true);
          if (r.ok) expect(r.value).toEqual(s);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('names every offending field of an invalid scenario', () => {
    const s = defaultScenario('SCS') as unknown as Record<string, unknown>;
    const bad = structuredClone(s) as {
      program: { amplitudeMa: number; contacts: { fractionPercent: number }[] };
      anatomy: { level: string };
    };
    bad.program.amplitudeMa = -3;
    bad.anatomy.level = 'T13';
    bad.program.contacts[0]!.fractionPercent = 60;
    const r = parseScenario(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.issues.map((i) => i.path);
    expect(paths).toContain('program.amplitudeMa');
    expect(paths).toContain('anatomy.level');
    expect(r.issues.find((i) => i.path === 'program.contacts')?.message).toMatch(
      /cathode current fractions sum to 60.0 %, must be 100 %/,
    );
  });

  it('refuses a therapy that does not match its anatomy, unknown leads and newer versions', () => {
    const s = structuredClone(defaultScenario('SCS')) as Record<string, unknown>;
    const r1 = parseScenario({ ...s, therapy: 'DRG' });
    expect(r1.ok || r1.issues.map((i) => i.path)).toContain('anatomy.kind');
    const p = structuredClone(defaultScenario('SCS'));
    p.program.contacts[0]!.leadId = 'ghost';
    const r2 = parseScenario(p);
    expect(r2.ok || r2.issues.map((i) => i.path)).toContain('program.contacts.0.leadId');
    const r3 = parseScenario({ ...s, schemaVersion: 99 });
    expect(r3).toEqual({
      ok: false,
      issues: [{ path: 'schemaVersion', message: expect.stringMatching(/newer than this app/) }],
    });
    expect(parseScenario('text')).toEqual({
      ok: false,
      issues: [{ path: '(root)', message: 'a scenario must be a JSON object' }],
    });
  });

  it('a share-link fragment restores exactly the same scenario, and is compressed', () => {
    const s = defaultScenario('DRG');
    const fragment = encodeScenarioFragment(s);
    expect(fragment.length).toBeLessThan(canonicalJson(s).length);
    expect(decodeScenarioFragment(`#${fragment}`)).toEqual({ ok: true, value: s });
    expect(decodeScenarioFragment('#other=1')).toBeNull();
    const broken = decodeScenarioFragment('#s=@@@');
    expect(broken?.ok).toBe(false);
  });
});
