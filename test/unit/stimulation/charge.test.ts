import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHARGE_DENSITY_LIMIT_UC_PER_CM2,
  SHANNON_K_LIMIT,
  chargeDensityUcPerCm2,
  chargePerPhaseUc,
  contactChargeDensities,
  maxSafeContactCurrentMa,
  shannonK,
  shannonKForContact,
  shannonMaxChargeUc,
} from '../../../models/stimulation/index.ts';
import { scsLeads, scsProgram } from './helpers.ts';

const ringAreaCm2 = (diameterMm: number, lengthMm: number) =>
  (Math.PI * diameterMm * lengthMm) / 100;

describe('charge per phase Q = I·PW', () => {
  it('is 0.63 µC for 3 mA × 210 µs (hand calculation)', () => {
    expect(chargePerPhaseUc(3, 210)).toBeCloseTo(0.63, 12);
  });
  it('is 0.09 µC for a 10 kHz pulse of 3 mA × 30 µs (clinical.md §3.4)', () => {
    expect(chargePerPhaseUc(3, 30)).toBeCloseTo(0.09, 12);
  });
});

describe('charge density and Shannon k', () => {
  it('reproduces the worked SCS densities of clinical.md §3.4 (1.3 × 3 mm ring, A = 0.1225 cm²)', () => {
    const a = ringAreaCm2(1.3, 3);
    // 5 mA × 500 µs → Q 2.5 µC, D 20.4 µC/cm², k 1.71 (OK)
    const q1 = chargePerPhaseUc(5, 500);
    expect(chargeDensityUcPerCm2(q1, a)).toBeCloseTo(20.4, 1);
    expect(shannonKForContact(q1, a)).toBeCloseTo(1.71, 2);
    // 6 mA × 1000 µs → D 49 µC/cm², k 2.47 (warn)
    const q2 = chargePerPhaseUc(6, 1000);
    expect(chargeDensityUcPerCm2(q2, a)).toBeCloseTo(49, 0);
    expect(shannonKForContact(q2, a)).toBeCloseTo(2.47, 2);
    // 10 kHz 3 mA × 30 µs → D 0.73 µC/cm² (leads.md §5: 0.73, k −1.18)
    const q3 = chargePerPhaseUc(3, 30);
    expect(chargeDensityUcPerCm2(q3, a)).toBeCloseTo(0.73, 2);
    expect(shannonKForContact(q3, a)).toBeCloseTo(-1.18, 2);
  });

  it('puts 10 mA × 300 µs on a 1.35 × 3 mm ring right at k = 1.85 (models.md §8)', () => {
    const a = ringAreaCm2(1.35, 3); // 0.127 cm²
    const q = chargePerPhaseUc(10, 300); // 3.0 µC
    expect(chargeDensityUcPerCm2(q, a)).toBeCloseTo(23.6, 1);
    expect(shannonKForContact(q, a)).toBeCloseTo(1.85, 2);
  });

  it('flags the DRG envelope corner, 6 mA × 720 µs on a 4.33 mm² contact (leads.md §5: D 99.8, k 2.63)', () => {
    const a = 0.0433;
    const q = chargePerPhaseUc(6, 720);
    const d = chargeDensityUcPerCm2(q, a);
    expect(d).toBeCloseTo(99.8, 1);
    expect(shannonK(q, d)).toBeCloseTo(2.63, 2);
    expect(d).toBeGreaterThan(CHARGE_DENSITY_LIMIT_UC_PER_CM2);
    expect(shannonK(q, d)).toBeGreaterThan(SHANNON_K_LIMIT);
  });

  it('inverts the Shannon line: √(10^k·A) gives k exactly 1.85 (Shannon 1992)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 1, noNaN: true }), (areaCm2) => {
        const q = shannonMaxChargeUc(areaCm2);
        expect(shannonKForContact(q, areaCm2)).toBeCloseTo(SHANNON_K_LIMIT, 9);
      }),
    );
  });

  it('finds the current at which a contact first meets 30 µC/cm² or k = 1.85', () => {
    // 0.12252 cm² ring at 300 µs: density limit 30 × 0.12252 = 3.68 µC;
    // Shannon √(10^1.85 × 0.12252) = √8.674 = 2.945 µC → 2.945 µC / 300 µs = 9.82 mA (hand calculation)
    const a = ringAreaCm2(1.3, 3);
    const iMa = maxSafeContactCurrentMa(a, 300);
    expect(chargePerPhaseUc(iMa, 300)).toBeCloseTo(Math.sqrt(10 ** 1.85 * a), 9);
    expect(iMa).toBeCloseTo(9.82, 2);
  });

  it('raises k with amplitude: more current is never safer', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 25, noNaN: true }),
        fc.double({ min: 0.01, max: 25, noNaN: true }),
        fc.double({ min: 10, max: 1000, noNaN: true }),
        (i1, i2, pw) => {
          fc.pre(i2 > i1 * 1.001);
          const a = 0.1225;
          expect(shannonKForContact(chargePerPhaseUc(i1, pw), a)).toBeLessThan(
            shannonKForContact(chargePerPhaseUc(i2, pw), a),
          );
        },
      ),
    );
  });
});

describe('contactChargeDensities', () => {
  it('gives each contact of the default bipole the full 3 mA over its own area', () => {
    const { contacts, unresolved } = contactChargeDensities(scsProgram(), scsLeads());
    expect(unresolved).toEqual([]);
    expect(contacts).toHaveLength(2);
    for (const c of contacts) {
      expect(c.currentMa).toBe(3);
      expect(c.chargeUc).toBeCloseTo(0.63, 12);
      // 0.63 µC / 0.12252 cm² = 5.14 µC/cm²
      expect(c.densityUcPerCm2).toBeCloseTo(0.63 / ringAreaCm2(1.3, 3), 9);
      expect(c.exceedsDensityLimit).toBe(false);
      expect(c.areaIsNominal).toBe(true);
    }
  });

  it('splits the current by fraction: a 60/40 cathode pair carries 1.8 and 1.2 mA', () => {
    const program = scsProgram({
      contacts: [
        { leadId: 'lead-1', contactIndex: 3, polarity: 'cathode', fractionPercent: 60 },
        { leadId: 'lead-1', contactIndex: 4, polarity: 'cathode', fractionPercent: 40 },
        { leadId: 'lead-1', contactIndex: 5, polarity: 'anode', fractionPercent: 100 },
      ],
    });
    const { contacts } = contactChargeDensities(program, scsLeads());
    expect(contacts.map((c) => c.contactIndex)).toEqual([3, 4, 5]);
    expect(contacts[0]?.currentMa).toBeCloseTo(1.8, 12);
    expect(contacts[1]?.currentMa).toBeCloseTo(1.2, 12);
    expect(contacts[2]?.currentMa).toBeCloseTo(3, 12);
  });

  it('reports contacts it cannot place instead of guessing', () => {
    const program = scsProgram({
      contacts: [
        { leadId: 'lead-1', contactIndex: 9, polarity: 'cathode', fractionPercent: 100 },
        { leadId: 'lead-1', contactIndex: 4, polarity: 'anode', fractionPercent: 100 },
      ],
    });
    const { contacts, unresolved } = contactChargeDensities(program, scsLeads());
    expect(contacts).toHaveLength(1);
    expect(unresolved[0]?.reason).toBe('lead "lead-1" has 8 contacts (0–7)');
  });
});
