import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CASE_SCHEMA_VERSION,
  daysBetween,
  caseToCsv,
  caseToFhirBundle,
  caseToJson,
  csvDataDictionary,
  deidentifyCase,
  evaluateTrial,
  parseCase,
  parseCaseText,
  parseCsv,
  type PatientCase,
} from '../../../models/clinical/index.ts';
import { fhirValidator } from './fhirValidator.ts';

const text = readFileSync('test/fixtures/case-example.json', 'utf8');
function example(): PatientCase {
  const r = parseCaseText(text);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

describe('the example case (test/fixtures/case-example.json)', () => {
  it('parses at the current schema version', () => {
    const r = parseCaseText(text);
    expect(r.ok).toBe(true);
    expect(example().schemaVersion).toBe(CASE_SCHEMA_VERSION);
    expect(example().trial?.sessions).toHaveLength(2);
    expect(example().trial?.diary).toHaveLength(7);
  });
  it('evaluates to 58.9 % relief: baseline NRS 8, diary mean 23/7 (clinical.md §2.2 ≥ 50 % rule)', () => {
    const ev = evaluateTrial(example());
    expect(ev.reliefPct).toBe(58.9);
    expect(ev.meetsReliefRule).toBe(true);
    expect(ev.odiChangePoints).toBe(-24); // 54 % (27/50) → 30 % (15/50)
    expect(ev.mmeBaseline).toBe(45); // oxycodone 30 mg/day × 1.5
    expect(ev.mmeTrialMean).toBe(25.7); // mean of 45, 30, 30, 22.5, 22.5, 15, 15
    expect(ev.suggestedDecision).toBe('implant');
  });
});

describe('FHIR R4 export', () => {
  it('passes the R4 validator (@medplum/core validateResource)', async () => {
    const validate = await fhirValidator();
    const bundle = caseToFhirBundle(example(), { now: new Date('2026-03-09T12:00:00Z') });
    expect(validate(bundle)).toEqual([]);
    const types = new Set(bundle.entry.map((e) => e.resource.resourceType));
    for (const t of [
      'Patient',
      'Condition',
      'Procedure',
      'Device',
      'Observation',
      'QuestionnaireResponse',
    ])
      expect(types).toContain(t);
  });
  it('codes instrument scores with LOINC (ODI 97909-6, PHQ-9 44261-6, GAD-7 70274-6, NRS 72514-3, BPI 77565-0)', () => {
    const codes = caseToFhirBundle(example()).entry.flatMap((e) => {
      const code = e.resource.code as { coding?: { system: string; code: string }[] } | undefined;
      return code?.coding?.filter((c) => c.system === 'http://loinc.org').map((c) => c.code) ?? [];
    });
    for (const c of ['97909-6', '44261-6', '70274-6', '72514-3', '77565-0'])
      expect(codes).toContain(c);
  });
  it('the validator does reject a broken bundle (so the pass above means something)', async () => {
    const validate = await fhirValidator();
    const bundle = caseToFhirBundle(example());
    (bundle.entry[0]!.resource as Record<string, unknown>).gender = 42;
    expect(validate(bundle).length).toBeGreaterThan(0);
  });
  it('the de-identified bundle carries no pseudonym and also validates', async () => {
    const validate = await fhirValidator();
    const bundle = caseToFhirBundle(deidentifyCase(example()), { deidentified: true });
    expect(JSON.stringify(bundle)).not.toContain('Heron-54');
    expect(validate(bundle)).toEqual([]);
  });
});

describe('REDCap-style CSV', () => {
  it('has one main row and one row per repeating instance, all with the same columns', () => {
    const rows = parseCsv(caseToCsv(example()));
    const [header, ...data] = rows;
    expect(header?.slice(0, 3)).toEqual([
      'record_id',
      'redcap_repeat_instrument',
      'redcap_repeat_instance',
    ]);
    for (const r of data) expect(r).toHaveLength(header!.length);
    const forms = data.map((r) => r[1]);
    expect(forms.filter((f) => f === 'diary')).toHaveLength(7);
    expect(forms.filter((f) => f === 'session')).toHaveLength(2);
    expect(forms.filter((f) => f === 'medication')).toHaveLength(6);
    const main = Object.fromEntries(header!.map((h, i) => [h, data[0]![i]]));
    expect(main.relief_pct).toBe('58.9');
    expect(main.mme_per_day).toBe('45');
  });
  it('the data dictionary names every exported column', () => {
    const dict = parseCsv(csvDataDictionary());
    const names = new Set(dict.slice(1).map((r) => r[0]));
    const header = parseCsv(caseToCsv(example()))[0]!;
    for (const h of header.slice(3)) expect(names).toContain(h);
    expect(dict[0]?.[0]).toBe('Variable / Field Name');
  });
  it('quotes cells with commas, quotes and newlines', () => {
    const c = example();
    c.evaluation.reasons = 'He said "yes", then\nno';
    const rows = parseCsv(caseToCsv(c));
    const col = rows[0]!.indexOf('decision_reasons');
    expect(rows[1]![col]).toBe('He said "yes", then\nno');
  });
});

describe('versioned JSON', () => {
  it('round-trips losslessly', () => {
    const c = example();
    const back = parseCaseText(caseToJson(c));
    expect(back.ok && back.value).toEqual(c);
  });
  it('migrates a version-1 file (top-level age/sex, {region, intensity} pain map)', () => {
    const c = example() as unknown as Record<string, unknown>;
    const { demographics: _d, painMap: _p, ...rest } = c;
    const v1 = {
      ...rest,
      schemaVersion: 1,
      age: 54,
      sex: 'F',
      painMap: [{ region: 'back-low-back', intensity: 7 }],
      selection: { ...(c.selection as object), acknowledgedWarnings: undefined },
    };
    const r = parseCase(v1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.migratedFrom).toBe(1);
    expect(r.value.demographics).toEqual({ ageYears: 54, sex: 'female' });
    expect(r.value.painMap).toEqual([{ regionId: 'back-low-back', intensityNrs: 7 }]);
  });
  it('refuses a file from a newer version', () => {
    const r = parseCase({ ...example(), schemaVersion: 99 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0]?.path).toBe('schemaVersion');
  });
  it('the de-identified copy shifts dates but keeps intervals and relief', () => {
    const d = deidentifyCase(example());
    expect(parseCase(d).ok).toBe(true);
    expect(d.diagnoses[0]?.onsetDate).toBe('2000-01-01'); // the earliest date of the case
    expect(daysBetween(d.trial!.startDate, d.trial!.endDate)).toBe(7);
    expect(evaluateTrial(d).reliefPct).toBe(58.9);
    expect(JSON.stringify(d)).not.toMatch(/Heron|2026-/);
  });
});

describe('bad input: field-level messages, whole import refused', () => {
  it('an NRS of 11 in the diary names the field', () => {
    const c = example() as unknown as { trial: { diary: { avgNrs: number }[] } };
    c.trial.diary[2]!.avgNrs = 11;
    const r = parseCase(c);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => i.path)).toContain('trial.diary.2.avgNrs');
  });
  it('a trial that ends before it starts', () => {
    const c = example();
    c.trial!.endDate = '2026-02-01';
    const r = parseCase(c);
    expect(!r.ok && r.issues).toEqual([
      {
        path: 'trial.endDate',
        message: 'the trial ends (2026-02-01) before it starts (2026-03-02)',
      },
    ]);
  });
  it('corrupted JSON and a foreign file', () => {
    expect(parseCaseText('{"schemaVersion": 2, ').ok).toBe(false);
    const foreign = parseCaseText(JSON.stringify({ resourceType: 'Patient' }));
    expect(!foreign.ok && foreign.issues[0]?.path).toBe('schemaVersion');
  });
  it('property: any single corrupted leaf value is either still valid or refused with a path', () => {
    const base = JSON.parse(text) as { case: Record<string, unknown> };
    const leaves: string[][] = [];
    const walk = (v: unknown, p: string[]) => {
      if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
      else leaves.push(p);
    };
    walk(base.case, []);
    fc.assert(
      fc.property(
        fc.constantFrom(...leaves),
        fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant(null), fc.boolean()),
        (path, value) => {
          const doc = structuredClone(base.case) as Record<string, unknown>;
          let o = doc as Record<string, unknown>;
          for (const k of path.slice(0, -1)) o = o[k] as Record<string, unknown>;
          o[path.at(-1)!] = value;
          const r = parseCase(doc);
          if (!r.ok) {
            expect(r.issues.length).toBeGreaterThan(0);
            for (const i of r.issues) expect(typeof i.message).toBe('string');
          } else expect(r.value.schemaVersion).toBe(CASE_SCHEMA_VERSION);
        },
      ),
      { numRuns: 300 },
    );
  });
});
