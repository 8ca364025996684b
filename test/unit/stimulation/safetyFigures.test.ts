/**
 * The Safety tab's figures for one program, each against a hand calculation in SI units (so the
 * expected value does not share the code's mA/µs/Ω unit path):
 *
 *   Q = I · t                                  charge per phase (definition of current)
 *   D = Q / A                                  charge density per phase, A the contact area
 *   k = log10(D) + log10(Q), D in µC/cm², Q in µC      Shannon RV, IEEE TBME 39:424, 1992
 *   V = I · R                                  Ohm's law; a current source saturates at its
 *                                              compliance, so I_max = V_compliance / R
 *   E = I² · R · t                             Joule heating of the load per phase
 *   P = E · phases per second                  average power into the load
 *
 * The program: 15 mA, 300 µs, 50 Hz, biphasic cathodic first (both phases driven) on the
 * default SCS lead's 1.3 mm × 3 mm ring contacts (models/devices/leads.ts perc-8-4mm), into a
 * 1000 Ω load.
 */
import { describe, expect, it } from 'vitest';
import type { Generator } from '../../../models/devices/index.ts';
import { summariseProgram } from '../../../models/stimulation/index.ts';
import { generator, scsLeads, scsProgram } from './helpers.ts';

const I_A = 15e-3;
const T_S = 300e-6;
const R_OHM = 1000;
const RATE_HZ = 50;
const PHASES_PER_PULSE = 2; // biphasic cathodic-first: both phases driven
const AREA_CM2 = Math.PI * 0.13 * 0.3; // ring π·Ø·L with Ø 0.13 cm, L 0.3 cm = 0.12252 cm²

const withCompliance = (complianceV: number): Generator => ({
  ...generator('generic-ipg'),
  complianceV,
});

function summary(complianceV: number) {
  const program = scsProgram({ amplitudeMa: 15, pulseWidthUs: 300, rateHz: RATE_HZ });
  return summariseProgram(program, scsLeads(), undefined, withCompliance(complianceV), {
    loadOhm: R_OHM,
    headroomV: 1,
  });
}

describe('safety figures of 15 mA × 300 µs at 50 Hz into 1000 Ω (hand calculations)', () => {
  it('charge per phase Q = I·t = 15e-3 A × 300e-6 s = 4.5 µC on each contact', () => {
    const s = summary(20);
    const qUc = I_A * T_S * 1e6;
    expect(qUc).toBeCloseTo(4.5, 12);
    expect(s.dose.chargePerPhaseUc).toBeCloseTo(qUc, 12);
    for (const c of s.contacts) expect(c.chargeUc).toBeCloseTo(qUc, 12);
  });

  it('charge density D = Q/A = 4.5 µC / 0.12252 cm² = 36.73 µC/cm², over the 30 µC/cm² warning', () => {
    const s = summary(20);
    const dUcPerCm2 = (I_A * T_S * 1e6) / AREA_CM2;
    expect(dUcPerCm2).toBeCloseTo(36.728, 3);
    expect(s.contacts).toHaveLength(2);
    for (const c of s.contacts) {
      expect(c.areaCm2).toBeCloseTo(AREA_CM2, 9);
      expect(c.densityUcPerCm2).toBeCloseTo(dUcPerCm2, 9);
      expect(c.exceedsDensityLimit).toBe(true);
    }
  });

  it('Shannon k = log10(D) + log10(Q) = log10(36.73) + log10(4.5) = 2.218 (Shannon 1992), over 1.85', () => {
    const s = summary(20);
    const q = I_A * T_S * 1e6;
    const k = Math.log10(q / AREA_CM2) + Math.log10(q);
    expect(k).toBeCloseTo(1.565 + 0.6532, 3);
    for (const c of s.contacts) {
      expect(c.shannonK).toBeCloseTo(k, 9);
      expect(c.exceedsShannonLimit).toBe(true);
    }
  });

  it("compliance voltage by Ohm's law: 15 mA × 1000 Ω = 15 V, above a 12 V compliance that allows 12 mA", () => {
    const within = summary(20).power;
    expect(within.loadVoltageV).toBeCloseTo(I_A * R_OHM, 12);
    expect(within.complianceExceeded).toBe(false);
    const over = summary(12).power;
    expect(over.loadVoltageV).toBeCloseTo(15, 12);
    expect(over.complianceExceeded).toBe(true);
    expect(over.complianceLimitedAmplitudeMa).toBeCloseTo((12 / R_OHM) * 1e3, 12);
    expect(over.supplyVoltageV).toBe(12);
  });

  it('energy per phase E = I²·R·t: 67.5 µJ within compliance, 43.2 µJ when 12 V limits the current to 12 mA', () => {
    const within = summary(20).power;
    const eUj = I_A ** 2 * R_OHM * T_S * 1e6; // 0.015² × 1000 × 300e-6 J = 67.5e-6 J
    expect(eUj).toBeCloseTo(67.5, 9);
    expect(within.energyPerPhaseUj).toBeCloseTo(eUj, 9);
    expect(within.programmedEnergyPerPhaseUj).toBeCloseTo(eUj, 9);
    const over = summary(12).power;
    const limitedA = 12 / R_OHM;
    expect(limitedA ** 2 * R_OHM * T_S * 1e6).toBeCloseTo(43.2, 9);
    expect(over.energyPerPhaseUj).toBeCloseTo(limitedA ** 2 * R_OHM * T_S * 1e6, 9);
    expect(over.programmedEnergyPerPhaseUj).toBeCloseTo(eUj, 9);
  });

  it('power into the load P = E × phases per second: 67.5 µJ × 100 /s = 6.75 mW', () => {
    const within = summary(20).power;
    const pMw = I_A ** 2 * R_OHM * T_S * PHASES_PER_PULSE * RATE_HZ * 1e3;
    expect(pMw).toBeCloseTo(6.75, 9);
    expect(within.outputDutyFraction).toBeCloseTo(PHASES_PER_PULSE * T_S * RATE_HZ, 12); // 3 %
    expect(within.loadPowerMw).toBeCloseTo(pMw, 9);
    expect(within.loadPowerMw).toBeCloseTo(
      within.energyPerPhaseUj * PHASES_PER_PULSE * RATE_HZ * 1e-3,
      9,
    );
    // output stage at I·R + 1 V headroom = 16 V: 16 V × 15 mA × 3 % = 7.2 mW
    expect(within.outputPowerMw).toBeCloseTo(16 * I_A * 0.03 * 1e3, 9);
    const over = summary(12).power;
    expect(over.loadPowerMw).toBeCloseTo((12 / R_OHM) ** 2 * R_OHM * 0.03 * 1e3, 9); // 4.32 mW
  });
});
