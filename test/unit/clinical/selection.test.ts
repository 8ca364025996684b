import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bleedingRiskClass,
  evaluateSelection,
  newCase,
  parseCaseText,
  suggestModality,
  type PatientCase,
} from '../../../models/clinical/index.ts';

function example(): PatientCase {
  const r = parseCaseText(readFileSync('test/fixtures/case-example.json', 'utf8'));
  if (!r.ok) throw new Error('fixture invalid');
  return r.value;
}
const outcome = (c: PatientCase, id: string, fw?: PatientCase['selection']['framework']) =>
  evaluateSelection(c, fw).outcomes.find((o) => o.ruleId === id);

describe('candidate selection rules (clinical.md §1.5)', () => {
  it('the worked example is eligible under the commercial policy, with reasons', () => {
    const r = evaluateSelection(example());
    expect(r.verdict).toBe('eligible');
    expect(r.reasons[0]).toMatch(/Eligible for a trial/);
  });
  it('an empty case is "not yet": HARD fields are missing', () => {
    const r = evaluateSelection(newCase('x', 'New'));
    expect(r.verdict).toBe('not_yet');
    expect(r.reasons.some((s) => s.startsWith('Missing:'))).toBe(true);
  });
  it('PHQ-9 item 9 > 0 is a HARD stop citing the PHQ-9 scoring source', () => {
    const c = example();
    c.instruments.find((a) => a.instrument === 'phq9')!.answers[8] = 1;
    const o = outcome(c, 'phq9_item9');
    expect(o).toMatchObject({ severity: 'HARD', status: 'fail' });
    expect(o?.source).toMatch(/PHQ-9/);
    expect(evaluateSelection(c).verdict).toBe('not_yet');
  });
  it('cannot operate the device → not eligible; an override by a named clinician with a dated reason lifts it', () => {
    const c = example();
    c.selection.fields.canOperateDevice = 'no';
    expect(evaluateSelection(c).verdict).toBe('not_eligible');
    c.selection.overrides.push({
      ruleId: 'can_operate_device',
      reason: 'Daughter lives with patient and will charge it',
      at: '2026-02-20T10:00:00Z',
      by: 'Dr A. Okafor',
    });
    const r = evaluateSelection(c);
    expect(r.verdict).toBe('eligible');
    expect(r.outcomes.find((o) => o.ruleId === 'can_operate_device')?.status).toBe('overridden');
    expect(r.reasons.some((s) => s.includes('Daughter lives with patient'))).toBe(true);
  });
  it('pain duration under 6 months: HARD under NICE TA159 and the commercial policy, WARN under CMS', () => {
    const c = example();
    c.painDurationMonths = 4;
    expect(outcome(c, 'pain_duration_months', 'NICE_TA159')?.severity).toBe('HARD');
    expect(outcome(c, 'pain_duration_months', 'commercial_generic')?.severity).toBe('HARD');
    expect(outcome(c, 'pain_duration_months', 'CMS_LCD_L37632')?.severity).toBe('WARN');
  });
  it('baseline NRS below 5 is HARD only under NICE (≥ 50/100 mm)', () => {
    const c = example();
    c.instruments.find((a) => a.instrument === 'nrs')!.answers[0] = 4;
    expect(outcome(c, 'baseline_nrs_avg', 'NICE_TA159')).toMatchObject({
      severity: 'HARD',
      status: 'fail',
    });
    expect(outcome(c, 'baseline_nrs_avg', 'CMS_LCD_L37632')).toMatchObject({
      severity: 'WARN',
      status: 'fail',
    });
  });
  it('fewer than two drug classes is a WARN to acknowledge', () => {
    const c = example();
    c.conservativeCare.medications = c.conservativeCare.medications.filter(
      (m) => m.drugClass === 'gabapentinoid',
    );
    const r = evaluateSelection(c);
    expect(r.outcomes.find((o) => o.ruleId === 'conservative_care_classes')).toMatchObject({
      severity: 'WARN',
      status: 'fail',
    });
    expect(r.unacknowledgedWarnings).toContain('conservative_care_classes');
    expect(r.verdict).toBe('eligible');
  });
  it('MME > 120 warns; 60-day PNS with an anticipated MRI is a HARD stop (MR Unsafe)', () => {
    const c = example();
    c.conservativeCare.medications.find((m) => m.agent === 'oxycodone')!.dose = 90; // 135 MME/day
    expect(outcome(c, 'mme_per_day')).toMatchObject({ severity: 'WARN', status: 'fail' });
    c.selection.fields.mriAnticipated = 'repeated';
    expect(evaluateSelection(c, 'commercial_generic', 'PNS_60day').verdict).toBe('not_eligible');
  });
  it('every rule cites a source', () => {
    for (const o of evaluateSelection(example()).outcomes)
      expect(o.source.length).toBeGreaterThan(5);
  });
});

describe('ASRA bleeding risk and modality suggestion', () => {
  it('SCS and DRG are high risk, PNS low (clinical.md §1.4)', () => {
    expect(bleedingRiskClass('SCS').riskClass).toBe('high');
    expect(bleedingRiskClass('DRG').riskClass).toBe('high');
    expect(bleedingRiskClass('PNS_60day').riskClass).toBe('low');
  });
  it('suggests SCS for PSPS with back and leg pain, DRG for focal CRPS of the foot, PNS for phantom pain — labelled as decision support', () => {
    expect(suggestModality(example())).toMatchObject({
      modality: 'SCS',
      label: /Decision support/,
    });
    const c = example();
    c.diagnoses = [{ id: 'crps1-lower', primary: true, onsetDate: null, laterality: null }];
    c.painMap = [{ regionId: 'front-foot-left', intensityNrs: 8 }];
    expect(suggestModality(c).modality).toBe('DRG');
    c.diagnoses = [{ id: 'phantom', primary: true, onsetDate: null, laterality: null }];
    expect(suggestModality(c).modality).toBe('PNS_permanent');
  });
});
