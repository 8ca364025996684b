/**
 * The path past the trial: impedances and CPT codes typed as lists (refused with the field
 * named), follow-up due dates, the follow-up outcomes against baseline, the implanted
 * system's MRI check, and the payer report of a complete case.
 */
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  caseToJson,
  followUpOutcomes,
  implantMriProblem,
  newImplant,
  parseCaseText,
  parseCptCodes,
  parseImpedances,
  payerReport,
} from '../../../models/clinical/index.ts';
import { completeCase, exampleCase } from './completeCase.ts';

describe('impedances typed as a list', () => {
  it('reads commas, semicolons and spaces, with or without an Ω suffix', () => {
    expect(parseImpedances('620, 580;560 610Ω', 'Session 1 impedances')).toEqual({
      ok: true,
      values: [620, 580, 560, 610],
    });
    expect(parseImpedances('  ')).toEqual({ ok: true, values: [] });
  });
  it('refuses "abc" with the field and the entry named, instead of dropping it', () => {
    const r = parseImpedances('620, abc', 'Session 1 impedances');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.message).toBe(
        'Session 1 impedances: entry 2 ("abc") is not a number of ohms; the stored impedances were kept.',
      );
  });
  it('refuses a negative value and one above 100 000 Ω', () => {
    expect(parseImpedances('-5', 'Session 2 impedances')).toMatchObject({
      ok: false,
      message: expect.stringContaining('Session 2 impedances: entry 1 ("-5") is not a number'),
    });
    expect(parseImpedances('620, 150000', 'Session 2 impedances')).toMatchObject({
      ok: false,
      message: expect.stringContaining('entry 2 (150000 Ω) is above 100000 Ω'),
    });
  });
  it('an imported case file with impedance "abc" is refused at that path, with the field in the message', () => {
    const file = JSON.parse(caseToJson(exampleCase())) as {
      case: { trial: { sessions: { impedancesOhm: unknown[] }[] } };
    };
    file.case.trial.sessions[0]!.impedancesOhm[2] = 'abc';
    const r = parseCaseText(JSON.stringify(file));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues).toEqual([
        {
          path: 'case.trial.sessions.0.impedancesOhm.2',
          message: 'an impedance is a number of ohms',
        },
      ]);
  });
  it('an imported impedance above 100 000 Ω is refused with its limit', () => {
    const file = JSON.parse(caseToJson(exampleCase())) as {
      case: { trial: { sessions: { impedancesOhm: unknown[] }[] } };
    };
    file.case.trial.sessions[1]!.impedancesOhm[0] = 250000;
    const r = parseCaseText(JSON.stringify(file));
    expect(r.ok ? [] : r.issues).toEqual([
      {
        path: 'case.trial.sessions.1.impedancesOhm.0',
        message: 'an impedance is at most 100000 Ω',
      },
    ]);
  });
});

describe('CPT codes typed as a list', () => {
  it('accepts 5-character codes (Category III ends in T) and drops repeats', () => {
    expect(parseCptCodes('63650, 63685 63650, 0784T')).toEqual({
      ok: true,
      codes: ['63650', '63685', '0784T'],
    });
  });
  it('names the field and the entry of a malformed code', () => {
    expect(parseCptCodes('63650, 6368', 'Procedure codes')).toEqual({
      ok: false,
      message:
        'Procedure codes: entry 2 ("6368") is not a 5-character CPT code (e.g. 63650); the stored codes were kept.',
    });
  });
});

describe('follow-up after the implant', () => {
  it('due dates are calendar months after the implant, clamped to the month end', () => {
    expect(addMonths('2026-04-06', 1)).toBe('2026-05-06');
    expect(addMonths('2026-04-06', 24)).toBe('2028-04-06');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29'); // 2028 is a leap year
  });
  it('each visit repeats the baseline instruments; relief is against the baseline NRS of 8', () => {
    const [m1, m3, ...rest] = followUpOutcomes(completeCase());
    expect(rest).toEqual([]);
    expect(m1!.month).toBe(1);
    expect(m1!.nrs).toBe(3);
    expect(m1!.reliefPct).toBe(62.5); // (8 − 3) / 8
    // ODI at 1 month: 13 of 50 → 26 %; baseline 27 of 50 → 54 %
    const odi = m1!.scores.find((s) => s.instrument === 'odi')!;
    expect([odi.baseline?.percent, odi.followUp?.percent]).toEqual([54, 26]);
    expect(m1!.missing).toEqual(['bpi', 'phq9', 'gad7', 'pcs', 'eq5d5l']);
    expect(m3!.reliefPct).toBe(50); // (8 − 4) / 8
    expect(m3!.missing).toContain('odi');
  });
  it('a new implant takes the trial leads and levels and the trial modality', () => {
    const im = newImplant(exampleCase(), '2026-04-06');
    expect(im.modality).toBe('SCS');
    expect(im.leads.map((l) => [l.label, l.topLevel, l.bottomLevel])).toEqual([
      ['Left lead', 'T8', 'T10'],
      ['Right lead', 'T8', 'T10'],
    ]);
    expect(im.mriStatus).toBe('unknown');
  });
});

describe('MRI status of the implanted system against the foreseeable MRI need', () => {
  it('MR Unsafe with MRI foreseeable is named as a contraindication; head-only does not cover full body', () => {
    const c = completeCase();
    expect(implantMriProblem(c)).toBeNull(); // no MRI foreseen
    c.selection.fields.mriAnticipated = 'full_body';
    expect(implantMriProblem(c)).toBeNull(); // full-body conditional
    c.implant!.mriStatus = 'mr_conditional_head_only';
    expect(implantMriProblem(c)).toContain('MR Conditional for head scans only');
    c.implant!.mriStatus = 'mr_unsafe';
    expect(implantMriProblem(c)).toContain('MRI is contraindicated');
  });
});

describe('payer report of a complete case', () => {
  it('lists each drug with dose, unit, duration and outcome, non-drug care, and the total duration', () => {
    const r = payerReport(completeCase());
    expect(r.conservativeCare.medications[0]).toEqual({
      treatment: 'gabapentin',
      kind: 'gabapentinoid',
      dose: '1800 mg/day',
      durationWeeks: 30,
      outcome: 'ineffective',
      current: false,
    });
    expect(r.conservativeCare.medications.at(-1)).toMatchObject({
      treatment: 'oxycodone',
      dose: '30 mg/day',
      current: true,
    });
    expect(r.conservativeCare.nonDrug.map((n) => n.treatment)).toEqual([
      'physical therapy',
      'CBT',
      'injection (L5 transforaminal epidural steroid, 2 injections)',
    ]);
    // 30 + 12 + 16 + 8 + 20 + 52 + 12 + 10 + 1 weeks
    expect(r.conservativeCare.totalWeeks).toBe(161);
  });
  it('a transdermal fentanyl dose is in µg/h', () => {
    const c = completeCase();
    c.conservativeCare.medications[5]!.agent = 'fentanyl-transdermal';
    c.conservativeCare.medications[5]!.dose = 25;
    expect(payerReport(c).conservativeCare.medications[5]!.dose).toBe('25 µg/h');
  });
  it('gives PHQ-9 10 (moderate), GAD-7 6, PCS 22 and the psychological clearance', () => {
    const r = payerReport(completeCase());
    expect(r.screens.map((s) => [s.instrument, s.score?.total])).toEqual([
      ['phq9', 10],
      ['gad7', 6],
      ['pcs', 22],
      ['odi', 27],
    ]);
    expect(r.screens[0]!.score?.band).toBe('moderate');
    expect(r.psychEval).toBe('cleared');
  });
  it('carries each override with the named clinician, its date and reason, and whether it lifts the rule', () => {
    const c = completeCase();
    c.selection.fields.antithromboticsManaged = null;
    c.selection.overrides = [
      {
        ruleId: 'antithrombotics',
        reason: 'No antithrombotics per GP letter',
        at: '2026-02-20T10:00:00.000Z',
        by: 'Dr A. Okafor',
      },
    ];
    const r = payerReport(c);
    expect(r.selection.overrides).toEqual([
      {
        ruleId: 'antithrombotics',
        label: 'Anticoagulants / antiplatelets managed',
        by: 'Dr A. Okafor',
        at: '2026-02-20T10:00:00.000Z',
        reason: 'No antithrombotics per GP letter',
        lifts: true,
      },
    ]);
    expect(r.selection.outcomes.find((o) => o.ruleId === 'antithrombotics')?.status).toBe(
      'overridden',
    );
    c.selection.overrides[0]!.by = '';
    expect(payerReport(c).selection.overrides[0]!.lifts).toBe(false);
  });
  it('has the trial result, the implant with its CPT codes, follow-ups and the adverse event', () => {
    const r = payerReport(completeCase());
    expect(r.trial?.reliefPct).not.toBeNull();
    expect(r.implant?.cptCodes).toEqual(['63650', '63685']); // percutaneous SCS leads + generator
    expect(r.followUps.map((f) => f.month)).toEqual([1, 3]);
    expect(r.adverseEvents.map((a) => [a.kind, a.grade])).toEqual([['lead_migration', 2]]);
    expect(r.revisions.map((x) => x.kind)).toEqual(['revision']);
  });
});
