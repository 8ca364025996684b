/**
 * Issue #17 items 5 and 6. A case with an identifying marker in every free-text and
 * identifier-bearing string must export de-identified (JSON, CSV, FHIR) with no marker left
 * and with its method stated; CSV cells that a spreadsheet would run as a formula are
 * neutralised as OWASP's "CSV Injection" page recommends (a leading single quote).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEIDENTIFICATION,
  DEID_EPOCH,
  FREE_TEXT_REMOVED,
  caseToCsv,
  caseToFhirBundle,
  caseToJson,
  csvCell,
  deidentifyCase,
  parseCase,
  parseCaseText,
  type PatientCase,
} from '../../../models/clinical/index.ts';
import { exportCase } from '../../../src/records/exports.ts';
import { defaultScenario } from '../../../models/scenario.ts';

const fixture = JSON.parse(readFileSync('test/fixtures/case-example.json', 'utf8')) as {
  case: PatientCase;
};
const MARK = 'Smith';

/** The example with the marker (a surname, and a real date inside text) in every string slot a user can type. */
function marked(): PatientCase {
  const c = structuredClone(fixture.case);
  const text = `Mrs ${MARK} seen 2026-02-11 at St Elsewhere`;
  c.id = `case-${MARK}`;
  c.pseudonym = `${MARK}-54`;
  c.painMap.push({ regionId: `${MARK} left knee`, intensityNrs: 5 });
  c.conservativeCare.medications[0]!.id = `med-${MARK}`;
  c.conservativeCare.medications.push({
    id: `m-${MARK}`,
    drugClass: 'other',
    route: null,
    agent: `${MARK}'s cream`,
    dose: null,
    durationWeeks: null,
    outcome: null,
    current: false,
  });
  c.conservativeCare.nonDrug[0]!.note = text;
  c.instruments[0]!.id = `i-${MARK}`;
  c.instruments[8]!.anchorText = text;
  c.selection.overrides.push({
    ruleId: `rule ${MARK}`,
    reason: text,
    at: '2026-02-20T10:00:00.000Z',
    by: `Dr ${MARK}`,
  });
  c.selection.acknowledgedWarnings.push(`${MARK} warned`);
  const t = c.trial!;
  t.linkedScenarioId = `scn-${MARK}`;
  t.leads = [{ label: `${MARK} lead`, model: `${MARK} model`, topLevel: MARK, bottomLevel: 'T9' }];
  const s = t.sessions[0]!;
  s.id = `s-${MARK}`;
  s.program.name = `${MARK} program`;
  s.program.contacts = `${MARK}:E3- lead-1:E4+(50 %) call ${MARK}`;
  s.paresthesiaRegions.push(`${MARK} region`);
  s.paresthesiaDescriptor = text;
  s.notes = text;
  s.programSnapshot = {
    kind: 'neuromod-planner/scenario-snapshot',
    scenarioId: `scn-${MARK}`,
    pinnedAt: '2026-03-02T10:00:00.000Z',
    scenario: { ...defaultScenario(), notes: text },
  };
  t.diary[0]!.activity = text;
  c.evaluation.reasons = text;
  const parsed = parseCase(c);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

describe('de-identified exports carry no free text or identifier (item 5)', () => {
  const d = deidentifyCase(marked());
  const exports = {
    json: caseToJson(d, new Date('2026-04-01T00:00:00Z'), DEIDENTIFICATION),
    csv: caseToCsv(d),
    fhir: JSON.stringify(caseToFhirBundle(d, { deidentified: true })),
  };
  it.each(Object.entries(exports))('%s holds no marker and no real date', (_f, text) => {
    expect(text).not.toContain(MARK);
    expect(text).not.toContain('Elsewhere');
    // every real date of the example lies in 2022–2026; all are shifted to 2000 onwards
    expect(text).not.toMatch(/202[2-6]-\d\d-\d\d(?!T)/);
  });
  it('keeps the clinical content: coded values, intervals between dates, scores', () => {
    expect(d.pseudonym).toMatch(/^DEID-[0-9A-F]{8}$/);
    const t = d.trial!;
    const f = fixture.case.trial!;
    expect(t.startDate).toBe(
      // earliest date of the example is the diagnosis onset 2022-11-01 → 2000-01-01
      new Date(
        Date.parse(`${DEID_EPOCH}T00:00:00Z`) +
          (Date.parse(`${f.startDate}T00:00:00Z`) - Date.parse('2022-11-01T00:00:00Z')),
      )
        .toISOString()
        .slice(0, 10),
    );
    expect(t.sessions[0]!.program.contacts).toBe('L1:E3- L2:E4+(50 %)');
    expect(t.leads[0]).toEqual({ label: 'Lead 1', model: '', topLevel: '', bottomLevel: 'T9' });
    expect(d.selection.overrides.at(-1)).toEqual({
      ruleId: '[removed]',
      reason: FREE_TEXT_REMOVED,
      at: expect.stringMatching(/^200\d-\d\d-\d\d$/),
    });
    expect(d.instruments.map((a) => a.answers)).toEqual(
      fixture.case.instruments.map((a) => a.answers),
    );
    // a de-identified case is still a valid case
    expect(parseCase(d).ok).toBe(true);
  });
  it('states its method in the JSON envelope and the FHIR bundle', () => {
    const file = JSON.parse(exports.json) as { deidentification: typeof DEIDENTIFICATION };
    expect(file.deidentification.method).toBe('pseudonymisation-date-shift');
    expect(file.deidentification.standard).toMatch(/not HIPAA Safe Harbor/);
    expect(parseCaseText(exports.json).ok).toBe(true);
    const bundle = JSON.parse(exports.fhir) as { meta: { security: { code: string }[] } };
    expect(bundle.meta.security[0]?.code).toBe('PSEUDED');
    expect(exportCase(marked(), 'json', true).text).toContain('"deidentification"');
  });
  it('removes a string field it does not know (fail-safe for fields added later)', () => {
    const c = { ...marked(), futureNote: `${MARK}` } as PatientCase;
    expect(JSON.stringify(deidentifyCase(c))).not.toContain(MARK);
  });
  it('never throws and always yields a valid case, for 1 000 generated cases', () => {
    const base = fixture.case;
    fc.assert(
      fc.property(
        fc.string({ maxLength: 30 }),
        fc.integer({ min: 0, max: 120 }),
        fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }),
        (text, age, date) => {
          const c = structuredClone(base);
          const day = date.toISOString().slice(0, 10);
          c.demographics.ageYears = age;
          c.evaluation.reasons = text;
          c.evaluation.decidedAt = day;
          c.diagnoses[0]!.onsetDate = day;
          c.conservativeCare.nonDrug[0]!.note = text;
          const parsed = parseCase(c);
          if (!parsed.ok) return;
          const d = deidentifyCase(parsed.value);
          expect(parseCase(d).ok).toBe(true);
          expect(d.demographics.ageYears).toBe(Math.min(age, 90));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('CSV cells are neutralised against formula injection (item 6)', () => {
  it.each([
    ['=HYPERLINK("http://x.invalid","click")', `"'=HYPERLINK(""http://x.invalid"",""click"")"`],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['+cmd|calc', "'+cmd|calc"],
    ['-2+3', "'-2+3"],
    ['\tTAB', "'\tTAB"],
    ['\rCR', `"'\rCR"`],
  ])('%j becomes %j', (input, cell) => {
    expect(csvCell(input)).toBe(cell);
  });
  it('leaves numbers (negative too) and ordinary text alone', () => {
    expect(csvCell(-2.5)).toBe('-2.5');
    expect(csvCell('+3')).toBe('+3');
    expect(csvCell('1e-3')).toBe('1e-3');
    expect(csvCell('L5 = S1')).toBe('L5 = S1');
  });
  it('a pseudonym =HYPERLINK(…) and an agent @SUM… never start a cell', () => {
    const c = structuredClone(fixture.case);
    c.pseudonym = '=HYPERLINK("http://x.invalid")';
    c.conservativeCare.medications.push({
      id: 'm9',
      drugClass: 'other',
      route: null,
      agent: '@SUM(1+1)*cmd|calc',
      dose: null,
      durationWeeks: null,
      outcome: null,
      current: false,
    });
    const parsed = parseCase(c);
    if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.path).join(', '));
    const csv = caseToCsv(parsed.value);
    const cells = csv.split('\n').flatMap((line) => line.split(','));
    for (const cell of cells) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+@\t\r]/);
    expect(csv).toContain(`"'=HYPERLINK(""http://x.invalid"")"`);
    expect(csv).toContain(`'@SUM(1+1)*cmd|calc`);
  });
});
