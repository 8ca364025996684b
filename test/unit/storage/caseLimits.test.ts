/**
 * Issue #17 items 1–3 on the case side: what the case schema alone let through. Ranges are the
 * instrument registry's (clinical.md §2.4: NRS 0–10, ODI items 0–5); calendar rules are
 * ISO 8601 / the Gregorian leap rule; limits are those of models/limits.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  caseToCsv,
  caseToFhirBundle,
  caseToJson,
  deidentifyCase,
  parseCase,
  parseCaseText,
  type PatientCase,
} from '../../../models/clinical/index.ts';
import { isCalendarDate, isCalendarDateTime } from '../../../models/clinical/calendar.ts';
import { MAX_IMPORT_BYTES, MAX_JSON_DEPTH, jsonNestingDepth } from '../../../models/limits.ts';

const fixture = JSON.parse(readFileSync('test/fixtures/case-example.json', 'utf8')) as {
  case: PatientCase;
};
const example = (): PatientCase => structuredClone(fixture.case);

function refusedAt(doc: unknown): { path: string; message: string }[] {
  const r = parseCase(doc);
  if (r.ok) throw new Error('expected the case to be refused');
  return r.issues;
}

describe('instrument answers are checked against each item range (item 1)', () => {
  it.each([
    ['NRS 99', 'nrs', [99], 'instruments.0.answers.0', /outside 0–10/],
    ['NRS −5', 'nrs', [-5], 'instruments.0.answers.0', /outside 0–10/],
    ['ODI 1e6', 'odi', [1e6, 2, 3, 3, 3, 2, 3, 2, 3, 2], 'instruments.0.answers.0', /outside 0–5/],
    ['ODI with 3 answers', 'odi', [1, 2, 3], 'instruments.0.answers', /expected 10 answers/],
  ])('refuses %s, naming the item', (_label, instrument, answers, path, message) => {
    const c = example();
    c.instruments = [
      {
        id: 'x',
        instrument: instrument as 'nrs',
        date: '2026-02-10',
        context: 'baseline',
        answers,
      },
    ];
    const issues = refusedAt(c);
    expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
  });
  it('accepts the example (every answer in range)', () => {
    expect(parseCase(example()).ok).toBe(true);
  });
});

describe('dates are real calendar dates, inside the trial (item 2)', () => {
  it('knows the calendar: 31 Feb, month 13 and 29 Feb 2025 do not exist; 29 Feb 2024 does', () => {
    expect(isCalendarDate('2025-13-45')).toBe(false);
    expect(isCalendarDate('2025-02-31')).toBe(false);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    // Gregorian century rule: 1900 is not a leap year, 2000 is
    expect(isCalendarDate('1900-02-29')).toBe(false);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDateTime('2026-02-10T09:00:00.000Z')).toBe(true);
    expect(isCalendarDateTime('not a date')).toBe(false);
    expect(isCalendarDateTime('2026-02-30T09:00:00Z')).toBe(false);
  });
  it.each(['2025-13-45', '2025-02-31'])('refuses instrument date %s, naming the field', (d) => {
    const c = example();
    (c.instruments[0] as { date: string }).date = d;
    expect(refusedAt(c)).toContainEqual({
      path: 'instruments.0.date',
      message: `${d} is not a real calendar date`,
    });
  });
  it('refuses createdAt "not a date"', () => {
    const c = example();
    c.createdAt = 'not a date';
    expect(refusedAt(c).map((i) => i.path)).toContain('createdAt');
  });
  it('refuses session and diary dates outside the trial window', () => {
    const c = example();
    const t = c.trial!;
    (t.sessions[0] as { date: string }).date = '2027-01-01';
    (t.diary[0] as { date: string }).date = '2020-01-01';
    // the entry is named: its date (outside the window) or its day number (no longer its date)
    const paths = refusedAt(c).map((i) => i.path);
    expect(paths.some((p) => /^trial\.sessions\.0\.(date|trialDay)$/.test(p))).toBe(true);
    expect(paths.some((p) => /^trial\.diary\.0\.(date|day)$/.test(p))).toBe(true);
  });
  it('refuses a dose of 1e308 mg/day', () => {
    const c = example();
    c.conservativeCare.medications[0]!.dose = 1e308;
    expect(refusedAt(c)).toContainEqual({
      path: 'conservativeCare.medications.0.dose',
      message: expect.stringMatching(/above the plausible maximum of 10000/),
    });
  });
  it('reports unknown keys by path instead of dropping them silently', () => {
    const c = example() as unknown as Record<string, unknown>;
    c.ssn = '123-45-6789';
    (c.demographics as Record<string, unknown>).fullName = 'Jane Doe';
    const issues = refusedAt(c);
    expect(issues.map((i) => i.path).sort()).toEqual(['demographics.fullName', 'ssn']);
    expect(issues[0]?.message).toMatch(/unknown field/);
    expect(refusedAt({ ...fixture, extra: 1 }).map((i) => i.path)).toEqual(['extra']);
  });
  it('refuses a pinned snapshot whose scenario has a lead tip at 1e300 mm', () => {
    const c = example();
    const s = c.trial!.sessions[0]!;
    s.programSnapshot = {
      kind: 'neuromod-planner/scenario-snapshot',
      scenarioId: 'x',
      pinnedAt: '2026-03-02T10:00:00.000Z',
      scenario: { schemaVersion: 1, leads: [{ tipMm: { xMm: 1e300 } }] },
    };
    expect(refusedAt(c).some((i) => i.path.startsWith('trial.sessions.0.programSnapshot'))).toBe(
      true,
    );
  });
  it('never reaches the de-identified export with an impossible date (every format)', () => {
    const c = example();
    (c.instruments[0] as { date: string }).date = '2025-02-31';
    const r = parseCaseText(JSON.stringify(c));
    expect(r.ok).toBe(false);
    // and a valid case exports de-identified in every format without throwing
    const valid = parseCase(example());
    if (!valid.ok) throw new Error('the example case must parse');
    const d = deidentifyCase(valid.value);
    expect(() => [
      caseToJson(d),
      caseToCsv(d),
      caseToFhirBundle(d, { deidentified: true }),
    ]).not.toThrow();
  });
});

describe('size and nesting limits (item 3)', () => {
  it('refuses a file above the import size limit, naming the limit', () => {
    const big = ' '.repeat(MAX_IMPORT_BYTES + 1) + JSON.stringify(fixture);
    const r = parseCaseText(big);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.message).toMatch(/above the import size limit of 8\.0 MB/);
  });
  it('refuses 100 000-deep JSON naming the nesting limit (no stack overflow)', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(jsonNestingDepth(deep)).toBe(100_000);
    const r = parseCaseText(deep);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues[0]?.message).toBe(
        `the JSON nests 100000 levels deep, above the nesting limit of ${MAX_JSON_DEPTH}`,
      );
  });
  it('counts depth outside strings only', () => {
    expect(jsonNestingDepth('{"a":"[[[[{{{{","b":[1,[2]]}')).toBe(3);
    expect(jsonNestingDepth('{"a":"\\"[[["}')).toBe(1);
  });
  it('refuses a deeply nested object handed over directly (an IndexedDB read)', () => {
    let deep: unknown = {};
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    const c = { ...example(), trial: deep };
    expect(refusedAt(c)[0]?.message).toMatch(/nesting limit/);
  });
});
