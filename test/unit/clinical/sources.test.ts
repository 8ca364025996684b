/**
 * One test per rule of the source audit: each quotes the condition of its source and checks
 * the rule on a case built to sit on that condition's edge.
 */
import { describe, expect, it } from 'vitest';
import {
  CPT_SYSTEM,
  FRAMEWORK_LABELS,
  INSTRUMENTS,
  LOINC_LONG_NAMES,
  caseToCsv,
  caseToFhirBundle,
  csvDataDictionary,
  currentMme,
  diagnosisById,
  evaluateSelection,
  evaluateTrial,
  icd10Of,
  mmePerDay,
  parseCsv,
  scoreEq5d5l,
  scoreOdi,
  type FhirResource,
  type PatientCase,
} from '../../../models/clinical/index.ts';
import { exampleCase } from './completeCase.ts';

const outcome = (c: PatientCase, id: string, fw?: PatientCase['selection']['framework']) =>
  evaluateSelection(c, fw).outcomes.find((o) => o.ruleId === id);
const resources = (c: PatientCase, type: string): FhirResource[] =>
  caseToFhirBundle(c)
    .entry.map((e) => e.resource)
    .filter((r) => r.resourceType === type);

describe('NCD 160.7 and the LCDs', () => {
  it('NCD 160.7 B.2(b) "other modalities … tried and did not prove satisfactory, or are judged unsuitable": a CMS case with no conservative care is not eligible', () => {
    const c = exampleCase();
    c.conservativeCare = { medications: [], nonDrug: [] };
    for (const fw of ['CMS_NCD_160_7', 'CMS_LCD_L37632'] as const) {
      const o = outcome(c, 'conservative_care_failed', fw);
      expect(o).toMatchObject({ severity: 'HARD', status: 'unknown' });
      expect(evaluateSelection(c, fw).verdict).not.toBe('eligible');
    }
    // Care recorded without any outcome is not "tried and not satisfactory" either.
    c.conservativeCare.nonDrug.push({
      id: 'n',
      kind: 'physical_therapy',
      durationWeeks: 30,
      outcome: null,
    });
    expect(outcome(c, 'conservative_care_failed', 'CMS_NCD_160_7')?.status).toBe('unknown');
    c.conservativeCare.nonDrug[0]!.outcome = 'ineffective';
    expect(outcome(c, 'conservative_care_failed', 'CMS_NCD_160_7')?.status).toBe('pass');
  });
  it('Aetna CPB 0194 "≥ 6 months of failed conservative therapy" is the total: three 10-week treatments (30 weeks) pass, none alone would', () => {
    const c = exampleCase();
    c.conservativeCare.medications = [];
    c.conservativeCare.nonDrug = (['physical_therapy', 'CBT', 'nerve_gliding'] as const).map(
      (kind, i) => ({ id: `n${i}`, kind, durationWeeks: 10, outcome: 'partial' as const }),
    );
    expect(outcome(c, 'conservative_care_duration')).toMatchObject({ status: 'pass' });
    c.conservativeCare.nonDrug = c.conservativeCare.nonDrug.slice(0, 2); // 20 weeks
    expect(outcome(c, 'conservative_care_duration')).toMatchObject({ status: 'fail' });
  });
  it('LCD L36204/L37632 "must undergo … education and disclosure": HARD under the LCD, WARN elsewhere', () => {
    const c = exampleCase();
    c.selection.fields.expectationsRealistic = false;
    expect(outcome(c, 'expectations_realistic', 'CMS_LCD_L37632')).toMatchObject({
      severity: 'HARD',
      status: 'fail',
    });
    expect(evaluateSelection(c, 'CMS_LCD_L37632').verdict).toBe('not_yet');
    expect(outcome(c, 'expectations_realistic', 'commercial_generic')?.severity).toBe('WARN');
  });
  it('an LCD binds one contractor’s region; the NCD is the national rule', () => {
    expect(FRAMEWORK_LABELS.CMS_NCD_160_7).toMatch(/national/);
    expect(FRAMEWORK_LABELS.CMS_LCD_L37632).toMatch(/local/);
    expect(FRAMEWORK_LABELS.CMS_LCD_L37632).toMatch(/contractor/);
  });
});

describe('overrides of HARD rules', () => {
  it('a 3-character reason, no clinician or a free-text date does not lift a labelled contraindication', () => {
    const c = exampleCase();
    c.selection.fields.canOperateDevice = 'no';
    c.selection.overrides.push({ ruleId: 'can_operate_device', reason: 'ok!', at: 'today' });
    const r = evaluateSelection(c);
    expect(r.verdict).toBe('not_eligible');
    expect(r.outcomes.find((o) => o.ruleId === 'can_operate_device')?.message).toMatch(
      /name of the clinician.*ISO date-time.*at least 10 characters/,
    );
  });
  it('psychology "not cleared" lifts only with a named clinician and a dated reason, and the override travels in FHIR (Provenance) and CSV', () => {
    const c = exampleCase();
    c.selection.fields.psychEval = 'not_cleared';
    expect(evaluateSelection(c).verdict).toBe('not_eligible');
    c.selection.overrides.push({
      ruleId: 'psych_eval_done',
      reason: 'Second psychologist review cleared the patient on 2026-02-25',
      at: '2026-02-26T09:30:00Z',
      by: 'Dr B. Lindqvist',
    });
    const r = evaluateSelection(c);
    expect(r.outcomes.find((o) => o.ruleId === 'psych_eval_done')).toMatchObject({
      status: 'overridden',
      overrideBy: 'Dr B. Lindqvist',
      overrideAt: '2026-02-26T09:30:00Z',
    });
    const prov = resources(c, 'Provenance');
    expect(prov).toHaveLength(1);
    expect(prov[0]).toMatchObject({
      recorded: '2026-02-26T09:30:00Z',
      reason: [{ text: 'Second psychologist review cleared the patient on 2026-02-25' }],
      agent: [{ who: { display: 'Dr B. Lindqvist' } }],
    });
    const csv = caseToCsv(c);
    expect(csv).toContain('Dr B. Lindqvist');
    expect(csv).toContain('override,1,');
  });
});

describe('HWE ICB MRSA screen', () => {
  it('"less than four weeks before the procedure": 27 days pass, exactly 28 days fail', () => {
    const c = exampleCase();
    c.selection.procedureDate = '2026-03-02';
    c.selection.fields.mrsaScreenDate = '2026-02-03'; // 27 days
    expect(outcome(c, 'mrsa_screen_date')?.status).toBe('pass');
    c.selection.fields.mrsaScreenDate = '2026-02-02'; // 28 days
    expect(outcome(c, 'mrsa_screen_date')?.status).toBe('fail');
  });
});

describe('NICE TA159', () => {
  it('§1.1 "chronic pain of neuropathic origin": nociceptive pain is a HARD stop under NICE', () => {
    const c = exampleCase();
    c.painPhenotype = 'nociceptive';
    expect(outcome(c, 'pain_type', 'NICE_TA159')).toMatchObject({
      severity: 'HARD',
      status: 'fail',
      blocks: 'not_eligible',
    });
    expect(evaluateSelection(c, 'NICE_TA159').verdict).toBe('not_eligible');
    expect(outcome(c, 'pain_type', 'commercial_generic')?.severity).toBe('WARN');
  });
  it('§1.2 "not recommended … for chronic pain of ischaemic origin": an ischaemic diagnosis is not eligible under NICE', () => {
    const c = exampleCase();
    c.diagnoses.push({ id: 'ischaemic-limb', primary: false, onsetDate: null, laterality: null });
    expect(outcome(c, 'ischaemic_pain', 'NICE_TA159')).toMatchObject({
      status: 'fail',
      blocks: 'not_eligible',
    });
    expect(evaluateSelection(c, 'NICE_TA159').verdict).toBe('not_eligible');
  });
  it('§1.1 "at least 50 mm on a 0–100 mm VAS": 49 mm fails, 50 mm passes; an NRS stands in only with a stated assumption', () => {
    const c = exampleCase();
    c.instruments.push({
      id: 'v',
      instrument: 'vas',
      date: '2026-02-11',
      context: 'baseline',
      answers: [49],
    });
    expect(outcome(c, 'baseline_nrs_avg', 'NICE_TA159')).toMatchObject({
      severity: 'HARD',
      status: 'fail',
    });
    c.instruments.at(-1)!.answers = [50];
    expect(outcome(c, 'baseline_nrs_avg', 'NICE_TA159')?.status).toBe('pass');
    c.instruments.pop();
    expect(outcome(c, 'baseline_nrs_avg', 'NICE_TA159')?.message).toMatch(/VAS.*nominal/);
  });
  it('DN4 ≥ 4/10 (Bouhassira 2005) gives the neuropathic phenotype when none is recorded', () => {
    const c = exampleCase();
    c.painPhenotype = null;
    expect(outcome(c, 'pain_type', 'NICE_TA159')?.status).toBe('unknown');
    c.instruments.push({
      id: 'd',
      instrument: 'dn4',
      date: '2026-02-10',
      context: 'baseline',
      answers: [1, 0, 1, 1, 0, 0, 0, 0, 0, 0], // 3/10: negative
    });
    expect(outcome(c, 'pain_type', 'NICE_TA159')?.status).toBe('fail');
    c.instruments.at(-1)!.answers = [1, 0, 1, 1, 0, 0, 0, 1, 0, 0]; // 4/10
    expect(outcome(c, 'pain_type', 'NICE_TA159')).toMatchObject({ status: 'pass' });
    expect(outcome(c, 'pain_type', 'NICE_TA159')?.message).toMatch(/DN4 4/);
  });
});

describe('trial success (evaluation.ts)', () => {
  function worseButRelieved(): PatientCase {
    const c = exampleCase();
    c.selection.framework = 'CMS_LCD_L37632';
    for (const d of c.trial!.diary) {
      d.avgNrs = 4; // 50 % relief from 8
      d.medications = [{ agent: 'oxycodone', dose: 90 }]; // 135 MME/day: tripled from 45
    }
    c.instruments.find((a) => a.context === 'end_of_trial' && a.instrument === 'odi')!.answers = [
      5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
    ]; // 54 % → 100 %: +46 points
    c.instruments.find((a) => a.instrument === 'pgic')!.answers = [6];
    return c;
  }
  it('LCD L37632: "≥ 50 % reduction of target pain or of analgesic medication, and some functional improvement" — 50 % relief with ODI +46 does not meet it', () => {
    const ev = evaluateTrial(worseButRelieved());
    expect(ev.reliefPct).toBe(50);
    expect(ev.meetsReliefRule).toBe(true);
    expect(ev.odiChangePoints).toBe(46);
    expect(ev.functionalImprovement).toBe(false);
    expect(ev.meetsCriterion).toBe(false);
    expect(ev.suggestedDecision).not.toBe('implant');
  });
  it('LCD: a ≥ 50 % cut in analgesic medication with some functional gain meets the criterion even with 40 % relief', () => {
    const c = exampleCase();
    c.selection.framework = 'CMS_LCD_L37632';
    for (const d of c.trial!.diary) {
      d.avgNrs = 5; // (8 − 5) / 8 = 37.5 %
      d.medications = [{ agent: 'oxycodone', dose: 10 }]; // 15 of 45 MME/day: −66.7 %
    }
    const ev = evaluateTrial(c);
    expect(ev.meetsReliefRule).toBe(false);
    expect(ev.mmeReductionPct).toBe(66.7);
    expect(ev.meetsCriterion).toBe(true);
    expect(evaluateTrial(c, 'commercial_generic').meetsCriterion).toBe(false);
  });
  it('no implant is suggested at 50 % relief when MME tripled and PGIC is 6, under any framework', () => {
    const c = worseButRelieved();
    c.instruments.find((a) => a.context === 'end_of_trial' && a.instrument === 'odi')!.answers = [
      2, 1, 2, 2, 2, 1, 1, 1, 2, 1,
    ];
    for (const fw of ['commercial_generic', 'NICE_TA159', 'CMS_NCD_160_7'] as const) {
      const ev = evaluateTrial(c, fw);
      expect(ev.meetsCriterion).toBe(true);
      expect(ev.suggestedDecision).not.toBe('implant');
      expect(ev.conflicts.join(' ')).toMatch(/Opioid use rose.*PGIC 6 \(Much worse\)/);
    }
  });
  it('NINDS CDE PGIC: 5 = "Minimally worse", 6 = "Much worse"; the value and its anchor come from the same form', () => {
    const c = exampleCase();
    const form = c.instruments.find((a) => a.instrument === 'pgic')!;
    form.answers = [6];
    c.trial!.diary.at(-1)!.pgic = 2;
    let ev = evaluateTrial(c);
    expect(ev).toMatchObject({ pgic: 6, pgicAnchor: 'Much worse', pgicSource: 'end_of_trial' });
    c.instruments = c.instruments.filter((a) => a !== form);
    c.trial!.diary.at(-1)!.pgic = 5;
    ev = evaluateTrial(c);
    expect(ev).toMatchObject({ pgic: 5, pgicAnchor: 'Minimally worse', pgicSource: 'diary' });
  });
});

describe('CDC 2022 MME', () => {
  it('MME is unknown without the daily dose: a current opioid with no dose gives no MME, and the rule is not passed', () => {
    const c = exampleCase();
    c.conservativeCare.medications.find((m) => m.agent === 'oxycodone')!.dose = null;
    expect(currentMme(c)).toBeNull();
    expect(outcome(c, 'mme_per_day')?.status).toBe('unknown');
    expect(evaluateTrial(c).mmeBaseline).toBeNull();
  });
  it('the table is for oral opioids and the fentanyl patch: IV hydromorphone is not converted', () => {
    const r = mmePerDay([{ agent: 'hydromorphone', dose: 4, route: 'intravenous' }]);
    expect(r.mmePerDay).toBeNull();
    expect(r.incomplete).toBe(true);
    expect(r.cautions.join(' ')).toMatch(/oral opioids and the fentanyl patch/);
    expect(mmePerDay([{ agent: 'hydromorphone', dose: 4, route: 'oral' }]).mmePerDay).toBe(20);
    expect(
      mmePerDay([{ agent: 'fentanyl-transdermal', dose: 25, route: 'transdermal' }]).mmePerDay,
    ).toBe(60);
  });
});

describe('instruments', () => {
  it('Fairbank & Pynsent 2000: one missed ODI section reduces the denominator; one answered section is not scored', () => {
    const nine = [4, 2, 3, 3, 3, 2, 3, 2, 3, null];
    expect(scoreOdi(nine).percent).toBe(55.6); // 25 / 45
    const one = [4, null, null, null, null, null, null, null, null, null];
    expect(scoreOdi(one)).toMatchObject({ percent: null, valid: false });
    expect(scoreOdi([4, 2, 3, 3, 3, 2, 3, 2, null, null]).percent).toBeNull();
  });
  it('EQ-5D-5L: value sets are published; the instrument needs EuroQol registration', () => {
    expect(INSTRUMENTS.eq5d5l.licence).toMatch(/registration/);
    expect(scoreEq5d5l([1, 1, 1, 1, 1, 100])).toMatchObject({ profile: '11111', vas: 100 });
  });
  it('the CSV keeps EQ VAS apart from the profile and the index', () => {
    const rows = parseCsv(caseToCsv(exampleCase()));
    const header = rows[0]!;
    const eq = rows.find((r) => r[header.indexOf('instr_id')] === 'eq5d5l')!;
    expect(eq[header.indexOf('instr_eq_profile')]).toBe('22342');
    expect(eq[header.indexOf('instr_eq_vas')]).toBe('45');
    expect(eq[header.indexOf('instr_total')]).toBe('');
    expect(eq[header.indexOf('instr_band')]).toBe('');
  });
  it('PHQ-9 and GAD-7 are free to reproduce: their item wording ships; licensed ones do not', () => {
    expect(INSTRUMENTS.phq9.itemText?.[8]).toBe(
      'Thoughts that you would be better off dead or of hurting yourself in some way',
    );
    expect(INSTRUMENTS.gad7.itemText).toHaveLength(7);
    expect(INSTRUMENTS.odi.itemText).toBeUndefined();
    expect(INSTRUMENTS.pcs.itemLabels.every((l) => !/^Item \d+$/.test(l))).toBe(true);
  });
});

describe('ICD-10-CM codes', () => {
  it('G54.7 is phantom limb syndrome without pain: no pain diagnosis uses it', () => {
    expect(diagnosisById('phantom')?.icd10).toBe('G54.6');
    expect(diagnosisById('residual-limb')?.icd10).not.toBe('G54.7');
  });
  it('G90.51/G90.52, G56.4 and G57.7 are non-billable parents: the export adds laterality', () => {
    const left = { laterality: 'left' as const, primary: true, onsetDate: null };
    expect(icd10Of({ id: 'crps1-lower', ...left })).toBe('G90.522');
    expect(icd10Of({ id: 'crps1-upper', ...left })).toBe('G90.512');
    expect(icd10Of({ id: 'crps2-upper', ...left })).toBe('G56.42');
    expect(icd10Of({ id: 'crps2-lower', ...left })).toBe('G57.72');
    expect(icd10Of({ id: 'crps1-lower', laterality: null })).toBe('G90.529');
    const c = exampleCase();
    c.diagnoses = [{ id: 'crps1-lower', primary: true, onsetDate: null, laterality: 'right' }];
    const codes = resources(c, 'Condition').map(
      (r) => (r.code as { coding: { code: string }[] }).coding[0]!.code,
    );
    expect(codes).toEqual(['G90.521']);
    expect(outcome(c, 'primary_dx')?.status).toBe('pass');
    c.diagnoses[0]!.laterality = null;
    expect(outcome(c, 'primary_dx')?.message).toMatch(/laterality not recorded/);
  });
});

describe('FHIR codes', () => {
  const cptOf = (r: FhirResource) =>
    (r.code as { coding: { system: string; code: string }[] }).coding
      .filter((x) => x.system === CPT_SYSTEM)
      .map((x) => x.code);
  it('CPT: SCS trial leads 63650; PNS percutaneous leads 64555', () => {
    const c = exampleCase();
    expect(
      cptOf(
        resources(c, 'Procedure').find((p) =>
          /trial/.test(String((p.code as { text: string }).text)),
        )!,
      ),
    ).toEqual(['63650']);
    c.trial!.modality = 'PNS_permanent';
    expect(
      cptOf(
        resources(c, 'Procedure').find((p) =>
          /trial/.test(String((p.code as { text: string }).text)),
        )!,
      ),
    ).toEqual(['64555']);
  });
  it('LOINC codings carry the LOINC long common name; MME uses {MME}/d (CDC opioid CDS IG)', () => {
    const bundle = JSON.stringify(caseToFhirBundle(exampleCase()));
    expect(bundle).toContain(
      '"code":"44261-6","display":"Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]"',
    );
    expect(bundle).toContain(`"code":"72514-3","display":"${LOINC_LONG_NAMES['72514-3']}"`);
    expect(bundle).toContain('"unit":"{MME}/d"');
    expect(bundle).not.toContain('mg/d"');
  });
  it('every drug is a MedicationStatement, non-drug care a Procedure, each rule outcome an Observation', () => {
    const c = exampleCase();
    const meds = resources(c, 'MedicationStatement').map(
      (r) => (r.medicationCodeableConcept as { text: string }).text,
    );
    expect(meds).toEqual(expect.arrayContaining(['gabapentin', 'duloxetine', 'oxycodone']));
    expect(
      resources(c, 'Procedure').some(
        (p) => (p.code as { text: string }).text === 'physical therapy',
      ),
    ).toBe(true);
    const obs = resources(c, 'Observation');
    const verdict = obs.find((o) =>
      String((o.code as { text: string }).text).startsWith('Candidate selection verdict'),
    )!;
    expect((verdict.valueCodeableConcept as { text: string }).text).toBe('Eligible for trial');
    expect((verdict.hasMember as unknown[]).length).toBe(evaluateSelection(c).outcomes.length);
  });
});

describe('REDCap data dictionary', () => {
  it('has no calc field (REDCap imports a calc field only with a REDCap equation) and valid REDCap names', () => {
    const rows = parseCsv(csvDataDictionary());
    const header = rows[0]!;
    const type = header.indexOf('Field Type');
    const name = header.indexOf('Variable / Field Name');
    const form = header.indexOf('Form Name');
    const annotation = header.indexOf('Field Annotation');
    const body = rows.slice(1);
    expect(body.some((r) => r[type] === 'calc')).toBe(false);
    for (const r of body) {
      expect(['text', 'notes', 'dropdown', 'yesno']).toContain(r[type]);
      expect(r[name]).toMatch(/^[a-z][a-z0-9_]{0,25}$/);
      expect(r[form]).toMatch(/^[a-z][a-z0-9_]*$/);
    }
    expect(body[0]![name]).toBe('record_id');
    const meets = body.find((r) => r[name] === 'meets_50')!;
    expect(meets[type]).toBe('yesno');
    expect(meets[annotation]).toBe('@READONLY');
    expect(new Set(body.map((r) => r[name])).size).toBe(body.length);
  });
});
