import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../../models/scenario.ts';
import { contactGeometry, findLead } from '../../../models/devices/index.ts';
import { addLead, contactArrayMiddleMm } from '../../../models/estimate/placement.ts';
import {
  describeLeadLevels,
  describeZ,
  INTERSPACES,
  interspaceZMm,
  offsetTwoLeads,
  placeLeadAtInterspace,
  placeLeadOverSpan,
} from '../../../models/estimate/levels.ts';
import { vertebralLevelPositions } from '../../../models/anatomy/index.ts';
import { newPlan } from '../../../src/planner/store.ts';

// Level lengths of the spine model (anatomy.md §1.6, PAM50, derived): T7 26.5, T8 27, T9 26.5,
// T10 29 mm. With the plan's reference level T8, T8 runs z = +13.5 … −13.5 mm and T9 −13.5 … −40.
const T8_LENGTH_MM = 27;
const T9_LENGTH_MM = 26.5;

function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error((r as unknown as { message: string }).message);
  return r as Extract<T, { ok: true }>;
}

function arrayMiddleZ(s: Scenario, i = 0): number {
  const lead = s.leads[i]!;
  return lead.tipMm.zMm + contactArrayMiddleMm(findLead(lead.catalogId)!, lead) * lead.direction.z;
}

function withLead(s: Scenario, catalogId: string): Scenario {
  return { ...s, leads: s.leads.map((l) => ({ ...l, catalogId })) };
}

describe('SCS placement by interspace', () => {
  it('lists C2–C3 … L5–S1 and puts the T8–T9 disc at the T8/T9 boundary (half of T8 below its middle)', () => {
    expect(INTERSPACES).toHaveLength(23);
    expect(INTERSPACES.map((i) => i.label)).toContain('T8–T9');
    expect(interspaceZMm('T8', 'T8')).toBeCloseTo(-T8_LENGTH_MM / 2, 9);
    // seen from a T9 plan the same disc is half of T9 above its middle
    expect(interspaceZMm('T9', 'T8')).toBeCloseTo(T9_LENGTH_MM / 2, 9);
    expect(interspaceZMm('T8', 'S1')).toBeUndefined();
  });

  it('a lead placed at T8–T9 has the middle of its contact array on the disc', () => {
    const s = ok(placeLeadAtInterspace(newPlan('SCS'), 'lead-1', 'T8')).scenario;
    expect(arrayMiddleZ(s)).toBeCloseTo(-13.5, 2);
    // perc-8-4mm: pitch 3 + 4 = 7 mm, array middle 3.5 pitches from the tip → tip at −13.5 + 24.5
    expect(s.leads[0]!.tipMm.zMm).toBeCloseTo(11, 2);
    expect(parseScenario(s).ok).toBe(true);
  });

  it('holds for a lead of another spacing and on a plan centred on another level', () => {
    const plan = { ...withLead(newPlan('SCS'), 'perc-8-1mm') };
    const t10 = { ...plan, anatomy: { kind: 'spine' as const, level: 'T10' as const } };
    const s = ok(placeLeadAtInterspace(t10, 'lead-1', 'T8')).scenario;
    // T10 plan: T10 mid at 0, its top at +14.5, T9 above it 26.5 mm → T8–T9 disc at 14.5 + 26.5
    expect(arrayMiddleZ(s)).toBeCloseTo(41, 2);
  });

  it('refuses a bad interspace or a non-spine plan with a message naming the field', () => {
    const bad = placeLeadAtInterspace(newPlan('SCS'), 'lead-1', 'S1');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/^interspace:/);
    const drg = placeLeadAtInterspace(newPlan('DRG'), 'lead-1', 'T8');
    expect(!drg.ok && drg.message).toMatch(/SCS/);
    const missing = placeLeadAtInterspace(newPlan('SCS'), 'lead-9', 'T8');
    expect(!missing.ok && missing.message).toMatch(/^leadId:/);
  });
});

describe('SCS placement over a span of levels', () => {
  it('"top of T8 to bottom of T9": an 8 × 3 mm / 4 mm-gap array (52 mm) lies inside the 53.5 mm span, centred', () => {
    const r = ok(placeLeadOverSpan(newPlan('SCS'), 'lead-1', 'T8', 'T9'));
    expect(r.coverage.spanMm).toBeCloseTo(T8_LENGTH_MM + T9_LENGTH_MM, 9);
    expect(r.coverage.arrayMm).toBeCloseTo(8 * 3 + 7 * 4, 9);
    expect(r.coverage.shorterThanSpan).toBe(true);
    const c = contactGeometry(findLead('perc-8-4mm')!, r.scenario.leads[0]!);
    const top = c[0]!.centreMm.zMm + 1.5;
    const bottom = c.at(-1)!.centreMm.zMm - 1.5;
    // top of T8 at +13.5, bottom of T9 at −40: 0.75 mm to spare at each end (±0.01 rounding)
    expect(top).toBeCloseTo(13.5 - 0.75, 1);
    expect(bottom).toBeCloseTo(-40 + 0.75, 1);
    const words = describeLeadLevels(r.scenario, r.scenario.leads[0]!)!;
    expect(new Set(words.contactLevels)).toEqual(new Set(['T8', 'T9']));
  });

  it('a 16-contact 1 mm-gap array (63 mm) overhangs the T8–T9 span and reaches T7 and T10', () => {
    const r = ok(placeLeadOverSpan(withLead(newPlan('SCS'), 'perc-16-1mm'), 'lead-1', 'T8', 'T9'));
    expect(r.coverage.arrayMm).toBeCloseTo(16 * 3 + 15 * 1, 9);
    expect(r.coverage.shorterThanSpan).toBe(false);
    expect(r.coverage.coveredFraction).toBe(1);
    const levels = describeLeadLevels(r.scenario, r.scenario.leads[0]!)!.contactLevels;
    // contact centres at ±(63 − 3)/2 = ±30 mm about −13.25: +16.75 (T7) and −43.25 (T10)
    expect(levels[0]).toBe('T7');
    expect(levels.at(-1)).toBe('T10');
  });

  it('refuses a span that runs upwards, naming the field', () => {
    const r = placeLeadOverSpan(newPlan('SCS'), 'lead-1', 'T9', 'T8');
    expect(!r.ok && r.message).toMatch(/^span:/);
  });
});

describe('levels in words', () => {
  it('reads thirds of a level and the disc band', () => {
    const lv = vertebralLevelPositions('T8');
    expect(describeZ(lv, 0).words).toBe('mid T8');
    expect(describeZ(lv, 10).words).toBe('upper T8');
    expect(describeZ(lv, -10).words).toBe('lower T8');
    // within ±2.5 mm of the T8/T9 boundary (thoracic discs 4.5–7.2 mm, anatomy.md §1.6)
    expect(describeZ(lv, -13.5 + 2).words).toBe('the T8–T9 disc');
    expect(describeZ(lv, 1000).words).toBe('outside C2–S1');
  });

  it('placed at T8–T9, an 8-contact 4 mm-gap lead reads "tip at the T7–T8 disc; contacts 0–3 over T8, 4–7 over T9"', () => {
    // tip at z = 11, 2.5 mm below the T7/T8 boundary at +13.5: inside the ±2.5 mm disc band
    const s = ok(placeLeadAtInterspace(newPlan('SCS'), 'lead-1', 'T8')).scenario;
    // contact centres at 11, 4, −3, −10 (T8: > −13.5) and −17, −24, −31, −38 (T9: > −40)
    expect(describeLeadLevels(s, s.leads[0]!)!.words).toBe(
      'tip at the T7–T8 disc; contacts 0–3 over T8, 4–7 over T9',
    );
  });

  it('the default plan, array centred on mid T8: its 52 mm array spills into T7 and T9', () => {
    // tip at +24.5 is in T7 (T7 runs +40 … +13.5; (40 − 24.5)/26.5 = 0.58 of the way down: mid);
    // contacts at 24.5, 17.5 over T7; 10.5 … −10.5 over T8; −17.5, −24.5 over T9
    const s = newPlan('SCS');
    expect(describeLeadLevels(s, s.leads[0]!)!.words).toBe(
      'tip at mid T7; contacts 0–1 over T7, 2–5 over T8, 6–7 over T9',
    );
    expect(describeLeadLevels(s, s.leads[0]!)!.outsideModelled).toEqual([]);
  });
});

describe('two leads offset by a typed amount', () => {
  it('places the pair a typed lateral distance apart about their midline, staggered along the cord', () => {
    const two = addLead(
      ok(placeLeadAtInterspace(newPlan('SCS'), 'lead-1', 'T8')).scenario,
      'perc-8-4mm',
    );
    const placed = ok(placeLeadAtInterspace(two, 'lead-2', 'T8')).scenario;
    const midX = (placed.leads[0]!.tipMm.xMm + placed.leads[1]!.tipMm.xMm) / 2;
    const s = ok(offsetTwoLeads(placed, { lateralMm: 4, staggerMm: 10 })).scenario;
    const [a, b] = s.leads as [Scenario['leads'][0], Scenario['leads'][0]];
    expect(a.tipMm.xMm - b.tipMm.xMm).toBeCloseTo(4, 2);
    expect((a.tipMm.xMm + b.tipMm.xMm) / 2).toBeCloseTo(midX, 2);
    // both arrays were on the T8–T9 disc (z −13.5): now 5 mm above and 5 mm below it
    expect(arrayMiddleZ(s, 0)).toBeCloseTo(-8.5, 2);
    expect(arrayMiddleZ(s, 1)).toBeCloseTo(-18.5, 2);
    expect(parseScenario(s).ok).toBe(true);
  });

  it('refuses an out-of-range offset or a single lead with a message naming the field', () => {
    const two = addLead(newPlan('SCS'), 'perc-8-4mm');
    const wide = offsetTwoLeads(two, { lateralMm: 30, staggerMm: 0 });
    expect(!wide.ok && wide.message).toMatch(/^lateralMm:/);
    const nan = offsetTwoLeads(two, { lateralMm: 2, staggerMm: Number.NaN });
    expect(!nan.ok && nan.message).toMatch(/^staggerMm:/);
    const one = offsetTwoLeads(newPlan('SCS'), { lateralMm: 2, staggerMm: 0 });
    expect(!one.ok && one.message).toMatch(/two leads/);
  });
});
