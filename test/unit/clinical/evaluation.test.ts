import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  evaluateTrial,
  overlapPercent,
  parseCaseText,
  type PatientCase,
} from '../../../models/clinical/index.ts';

function example(): PatientCase {
  const r = parseCaseText(readFileSync('test/fixtures/case-example.json', 'utf8'));
  if (!r.ok) throw new Error('fixture invalid');
  return r.value;
}

describe('trial evaluation (clinical.md §2.2)', () => {
  it('relief below 50 % with good coverage suggests no implant', () => {
    const c = example();
    for (const d of c.trial!.diary) d.avgNrs = 6; // (8 − 6) / 8 = 25 %
    const ev = evaluateTrial(c);
    expect(ev.reliefPct).toBe(25);
    expect(ev.meetsReliefRule).toBe(false);
    expect(ev.suggestedDecision).toBe('no_implant');
  });
  it('relief below 50 % with poor paresthesia overlap suggests a repeat trial (technically inadequate)', () => {
    const c = example();
    for (const d of c.trial!.diary) d.avgNrs = 6;
    for (const s of c.trial!.sessions) s.paresthesiaRegions = ['front-foot-left'];
    const ev = evaluateTrial(c);
    expect(ev.bestOverlapPct).toBe(20.7); // foot 6 of total weight 7 + 8 + 8 + 6 = 29
    expect(ev.suggestedDecision).toBe('repeat_trial');
  });
  it('exactly 50 % meets the rule; a patient who declines is not suggested an implant', () => {
    const c = example();
    for (const d of c.trial!.diary) d.avgNrs = 4; // (8 − 4) / 8 = 50 %
    c.evaluation.patientPreference = 'declines';
    const ev = evaluateTrial(c);
    expect(ev.reliefPct).toBe(50);
    expect(ev.meetsReliefRule).toBe(true);
    expect(ev.suggestedDecision).toBe('no_implant');
    expect(ev.conflicts).toContain('The patient declines the implant.');
  });
  it('without a baseline there is no relief figure and no suggestion', () => {
    const c = example();
    c.instruments = c.instruments.filter((a) => a.instrument !== 'nrs' && a.instrument !== 'bpi');
    const ev = evaluateTrial(c);
    expect(ev.reliefPct).toBeNull();
    expect(ev.suggestedDecision).toBeNull();
  });
});

describe('paresthesia–pain overlap', () => {
  it('weights pain regions by intensity', () => {
    const pain = [
      { regionId: 'back-low-back', intensityNrs: 6 },
      { regionId: 'back-calf-left', intensityNrs: 2 },
    ];
    expect(overlapPercent(pain, ['back-low-back'])).toBe(75);
    expect(overlapPercent(pain, ['back-low-back', 'back-calf-left', 'front-head'])).toBe(100);
    expect(overlapPercent([], ['back-low-back'])).toBeNull();
  });
});
