import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  INSTRUMENTS,
  InstrumentInputError,
  scoreBpi,
  scoreEq5d5l,
  scoreGad7,
  scoreInstrument,
  scoreNrs,
  scoreOdi,
  scorePcs,
  scorePgic,
  scorePhq9,
  INSTRUMENT_IDS,
} from '../../../models/clinical/instruments.ts';
import { mmePerDay, MME_FACTORS } from '../../../models/clinical/mme.ts';

describe('NRS (clinical.md §2.4, LOINC 72514-3)', () => {
  it('returns the value with its band and LOINC code', () => {
    expect(scoreNrs([7])).toMatchObject({ total: 7, band: 'severe', valid: true });
    expect(INSTRUMENTS.nrs.loinc.total).toBe('72514-3');
  });
  it('refuses 11, naming the item', () => {
    expect(() => scoreNrs([11])).toThrow(
      /nrs item 1 \(Pain intensity\): answer 11 is outside 0–10/,
    );
  });
});

describe('ODI v2.1a (clinical.md §2.4: sum / (5 × answered) × 100)', () => {
  it('scores a complete form: 27 of 50 → 54 % (severe disability)', () => {
    const r = scoreOdi([4, 2, 3, 3, 3, 2, 3, 2, 3, 2]);
    expect(r).toMatchObject({ total: 27, percent: 54, band: 'severe disability', valid: true });
  });
  it('takes 5 off the denominator per missing section: 20 of 45 → 44.4 %', () => {
    const r = scoreOdi([4, 2, 3, 3, 3, 2, 3, null, 0, 0]);
    expect(r.percent).toBe(44.4);
    expect(r.flags).toContain('missing-sections:1');
  });
  it('refuses an answer of 6, naming the section', () => {
    expect(() => scoreOdi([6, 0, 0, 0, 0, 0, 0, 0, 0, 0])).toThrow(
      /odi item 1 \(Pain intensity\): answer 6 is outside 0–5/,
    );
  });
  it('bands: 20 % minimal, 21 % moderate, 81 % bed-bound', () => {
    expect(scoreOdi([2, 2, 2, 2, 2, 0, 0, 0, 0, 0]).band).toBe('minimal disability');
    expect(scoreOdi([5, 5, 5, 5, 5, 5, 5, 5, 1, 0]).band).toBe('bed-bound');
  });
});

describe('BPI-SF (clinical.md §2.4)', () => {
  it('severity is the mean of 4 items, interference the mean of 7', () => {
    const r = scoreBpi([9, 5, 8, 7, 7, 6, 7, 8, 5, 7, 7]);
    expect(r.severity).toBe(7.25);
    expect(r.interference).toBe(6.71);
    expect(r.valid).toBe(true);
    expect(r.band).toBe('severe');
  });
  it('interference is valid with 4 of 7 answered and invalid with 3', () => {
    expect(scoreBpi([5, 2, 4, 3, 4, 4, 4, 4, null, null, null]).interference).toBe(4);
    const r = scoreBpi([5, 2, 4, 3, 4, 4, 4, null, null, null, null]);
    expect(r.interference).toBeNull();
    expect(r.valid).toBe(false);
    expect(r.flags).toContain('interference-invalid');
  });
});

describe('PHQ-9 (clinical.md §2.4, LOINC 44261-6)', () => {
  it('sums 9 items with bands and flags item 9 > 0', () => {
    const r = scorePhq9([1, 1, 2, 2, 1, 1, 1, 1, 1]);
    expect(r).toMatchObject({ total: 11, band: 'moderate', flags: ['item9-positive'] });
  });
  it('no flag when item 9 is 0; 20 is severe', () => {
    expect(scorePhq9([3, 3, 3, 3, 3, 3, 2, 0, 0])).toMatchObject({
      total: 20,
      band: 'severe',
      flags: [],
    });
  });
});

describe('GAD-7 (clinical.md §2.4)', () => {
  it('sums 7 items; 10 screens positive (moderate)', () => {
    expect(scoreGad7([2, 2, 2, 1, 1, 1, 1])).toMatchObject({
      total: 10,
      band: 'moderate',
      flags: ['screen-positive'],
    });
    expect(scoreGad7([0, 0, 0, 0, 0, 0, 0])).toMatchObject({ total: 0, band: 'minimal' });
  });
});

describe('PCS (clinical.md §2.4: rumination 8–11, magnification 6, 7, 13, helplessness 1–5, 12)', () => {
  it('total and subscales', () => {
    const answers = [1, 1, 1, 1, 1, 2, 2, 3, 3, 3, 3, 1, 2];
    const r = scorePcs(answers);
    expect(r.total).toBe(24);
    expect(r.subscales).toEqual({ rumination: 12, magnification: 6, helplessness: 6 });
    expect(r.flags).toEqual([]);
    expect(scorePcs(Array(13).fill(3)).flags).toEqual(['clinically-relevant']);
  });
});

describe('PGIC (NINDS CDE anchors, clinical.md §2.4)', () => {
  it('stores the anchor text with the value', () => {
    expect(scorePgic([2])).toMatchObject({
      total: 2,
      anchorText: 'Much improved',
      flags: ['responder'],
    });
    expect(scorePgic([4]).anchorText).toBe('No change');
    expect(() => scorePgic([0])).toThrow(InstrumentInputError);
  });
});

describe('EQ-5D-5L (clinical.md §2.4)', () => {
  it('gives the profile string and the VAS apart', () => {
    // EuroQol FAQ: the descriptive system (profile), the EQ VAS and the index are different
    // things; the VAS is not a "total" of the profile.
    expect(scoreEq5d5l([2, 1, 1, 4, 3, 65])).toMatchObject({
      profile: '21143',
      vas: 65,
      total: null,
    });
    expect(() => scoreEq5d5l([2, 1, 1, 4, 3, 101])).toThrow(/item 6/);
  });
});

describe('MME, CDC 2022 factors (clinical.md §2.4)', () => {
  it('oxycodone 30 mg/day + transdermal fentanyl 25 µg/h = 45 + 60 = 105 MME/day', () => {
    const r = mmePerDay([
      { agent: 'oxycodone', dose: 30 },
      { agent: 'fentanyl-transdermal', dose: 25 },
    ]);
    expect(r.mmePerDay).toBe(105);
    expect(r.cautions.some((c) => /methadone and transdermal fentanyl/.test(c))).toBe(true);
  });
  it('computes no MME for buprenorphine and says so', () => {
    const r = mmePerDay([{ agent: 'buprenorphine', dose: 8 }]);
    expect(r.mmePerDay).toBeNull();
    expect(r.notConverted).toEqual(['buprenorphine']);
    expect(r.cautions.some((c) => /Buprenorphine/.test(c))).toBe(true);
  });
  it('tramadol 200 mg/day = 40; methadone 10 mg/day = 47', () => {
    expect(mmePerDay([{ agent: 'tramadol', dose: 200 }]).mmePerDay).toBe(40);
    expect(mmePerDay([{ agent: 'methadone', dose: 10 }]).mmePerDay).toBe(47);
  });
});

describe('scoring properties (fast-check)', () => {
  it('any in-range answers score within the instrument range, and out-of-range ones are refused', () => {
    for (const id of INSTRUMENT_IDS) {
      const def = INSTRUMENTS[id];
      const item = (i: number) =>
        fc.option(
          id === 'eq5d5l' && i === 5
            ? fc.integer({ min: 0, max: 100 })
            : fc.integer({ min: def.itemMin, max: def.itemMax }),
          { nil: null },
        );
      fc.assert(
        fc.property(
          fc.tuple(...Array.from({ length: def.itemCount }, (_, i) => item(i))),
          (answers) => {
            const r = scoreInstrument(id, answers);
            if (r.total !== null && id !== 'eq5d5l') {
              expect(r.total).toBeGreaterThanOrEqual(def.itemMin);
              // S-LANSS items are weighted (Bennett 2005: 5, 5, 3, 2, 1, 5, 3 → max 24).
              const max = id === 's_lanss' ? 24 : def.itemMax * def.itemCount;
              expect(r.total).toBeLessThanOrEqual(max);
            }
            if (r.percent !== null && r.percent !== undefined) {
              expect(r.percent).toBeGreaterThanOrEqual(0);
              expect(r.percent).toBeLessThanOrEqual(100);
            }
          },
        ),
        { numRuns: 200 },
      );
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: def.itemCount - 1 }),
          fc.integer({ min: 101, max: 1000 }),
          (pos, bad) => {
            const answers = Array.from({ length: def.itemCount }, () => def.itemMin);
            answers[pos] = id === 'vas' ? bad + 100 : bad;
            expect(() => scoreInstrument(id, answers)).toThrow(new RegExp(`item ${pos + 1}`));
          },
        ),
        { numRuns: 50 },
      );
    }
  });
  it('MME is linear in dose for every agent with a factor', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(MME_FACTORS) as (keyof typeof MME_FACTORS)[])),
        fc.integer({ min: 0, max: 500 }),
        (agent, dose) => {
          expect(mmePerDay([{ agent, dose }]).mmePerDay).toBeCloseTo(dose * MME_FACTORS[agent], 1);
        },
      ),
    );
  });
});
