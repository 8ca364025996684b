import { describe, expect, it } from 'vitest';
import {
  chargeDose,
  estimatePower,
  previewWindowUs,
  pulsesPerSecond,
  scheduleDutyFraction,
  summariseProgram,
  scheduleIsOn,
} from '../../../models/stimulation/index.ts';
import type { Generator } from '../../../models/devices/index.ts';
import { ProgramSchema } from '../../../models/scenario.ts';
import { generator, scsLeads, scsProgram } from './helpers.ts';

const burstDr = () =>
  // BurstDR: 40 Hz bursts of 5 × 1 ms pulses at 500 Hz, passive recharge (De Ridder; leads.md §6)
  scsProgram({
    amplitudeMa: 0.5,
    pulseWidthUs: 1000,
    rateHz: 40,
    waveform: { kind: 'burst', pulsesPerBurst: 5, intraBurstRateHz: 500 },
  });

const tenKhz = () =>
  // 10 kHz, 30 µs (clinical.md §3.1), 3 mA
  scsProgram({
    generatorId: 'generic-hf-ipg',
    amplitudeMa: 3,
    pulseWidthUs: 30,
    rateHz: 10000,
    waveform: { kind: 'khz', frequencyHz: 10000 },
  });

describe('charge per second and per day by paradigm (hand calculations)', () => {
  it('tonic 3 mA × 210 µs at 50 Hz: 0.63 µC per phase, 31.5 µC/s, 2.72 C/day', () => {
    const dose = chargeDose(scsProgram());
    expect(dose.chargePerPhaseUc).toBeCloseTo(0.63, 12);
    expect(dose.pulsesPerSecond).toBe(50);
    expect(dose.chargePerSecondUc).toBeCloseTo(31.5, 9);
    expect(dose.chargePerDayUc).toBeCloseTo(31.5 * 86400, 3); // 2 721 600 µC
    // biphasic: two driven phases of 210 µs, 50 times a second → 2.1 % of the time
    expect(dose.outputDutyFraction).toBeCloseTo(0.021, 12);
  });

  it('burst 5 × 1 ms at 0.5 mA, 40 Hz bursts: 0.5 µC per pulse, 2.5 µC per burst, 100 µC/s', () => {
    const dose = chargeDose(burstDr());
    expect(dose.chargePerPhaseUc).toBeCloseTo(0.5, 12);
    expect(dose.pulsesPerSecond).toBe(200); // 5 × 40
    expect(dose.chargePerSecondUc).toBeCloseTo(100, 9);
    // passive recharge: only the 1 ms primary phases are driven → 200 ms per second
    expect(dose.outputDutyFraction).toBeCloseTo(0.2, 12);
  });

  it('10 kHz 3 mA × 30 µs: 0.09 µC per phase, 900 µC/s, output duty 60 % (clinical.md §3.1)', () => {
    const dose = chargeDose(tenKhz());
    expect(dose.chargePerPhaseUc).toBeCloseTo(0.09, 12);
    expect(dose.chargePerSecondUc).toBeCloseTo(900, 9);
    expect(dose.outputDutyFraction).toBeCloseTo(0.6, 12);
  });

  it('multiplexed: the groups add, 2 mA × 200 µs at 40 + 130 Hz → 0.4 µC × 170/s = 68 µC/s', () => {
    const program = scsProgram({
      amplitudeMa: 2,
      pulseWidthUs: 200,
      waveform: {
        kind: 'multiplexed',
        groups: [
          { contacts: [3, 4], rateHz: 40 },
          { contacts: [3, 4], rateHz: 130 },
        ],
      },
    });
    expect(pulsesPerSecond(program)).toBe(170);
    expect(chargeDose(program).chargePerSecondUc).toBeCloseTo(68, 9);
  });

  it('closed loop at the program rate: 4 mA × 200 µs at 50 Hz → 40 µC/s', () => {
    const program = scsProgram({
      amplitudeMa: 4,
      pulseWidthUs: 200,
      waveform: { kind: 'closed-loop', targetEcapUv: 50, updateRateHz: 50 },
    });
    expect(chargeDose(program).chargePerSecondUc).toBeCloseTo(40, 9);
  });

  it('scales by the schedule: 10 kHz dosed at 14 % (Provenzano 2021) and cycled 1 s on / 2 s off', () => {
    const dosed = chargeDose(tenKhz(), { dosing: { onMs: 14, offMs: 86 } });
    expect(dosed.scheduleDutyFraction).toBeCloseTo(0.14, 12);
    expect(dosed.chargePerSecondUc).toBeCloseTo(126, 9);
    expect(dosed.chargePerSecondWhileOnUc).toBeCloseTo(900, 9);
    const cycled = chargeDose(scsProgram(), { cycling: { onS: 1, offS: 2 } });
    expect(cycled.chargePerSecondUc).toBeCloseTo(10.5, 9);
    expect(
      scheduleDutyFraction({ cycling: { onS: 1, offS: 2 }, dosing: { onMs: 1, offMs: 1 } }),
    ).toBeCloseTo(1 / 6, 12);
  });

  it('opens the schedule gate at t = 0 and closes it for the off time', () => {
    const schedule = { cycling: { onS: 1, offS: 2 } };
    expect(scheduleIsOn(0, schedule)).toBe(true);
    expect(scheduleIsOn(999_999, schedule)).toBe(true);
    expect(scheduleIsOn(1_000_000, schedule)).toBe(false);
    expect(scheduleIsOn(3_000_000, schedule)).toBe(true);
  });
});

describe('power and battery estimate', () => {
  // explicit electrical figures, so the hand calculation does not hang on the catalogue's nominal guesses
  const testGenerator = (): Generator => ({
    ...generator('generic-ipg'),
    complianceV: 12,
    batteryCapacityMah: 300,
    batteryVoltageV: 3.7,
    quiescentCurrentUa: 10,
    conversionEfficiency: 0.7,
  });

  it('tonic 3 mA, 210 µs, 50 Hz into 1000 Ω (hand calculation)', () => {
    const p = estimatePower(scsProgram(), testGenerator(), { loadOhm: 1000, headroomV: 1 });
    expect(p.loadVoltageV).toBeCloseTo(3, 12); // 3 mA × 1000 Ω
    expect(p.supplyVoltageV).toBeCloseTo(4, 12); // + 1 V headroom
    expect(p.energyPerPhaseUj).toBeCloseTo(1.89, 12); // 9 mW × 210 µs = 1.89 µJ
    expect(p.loadPowerMw).toBeCloseTo(9 * 0.021, 12); // I²R × duty
    expect(p.outputPowerMw).toBeCloseTo(4 * 3 * 0.021, 12); // 0.252 mW
    const batteryMw = 0.252 / 0.7 + 0.01 * 3.7; // 0.397 mW
    expect(p.batteryPowerMw).toBeCloseTo(batteryMw, 12);
    expect(p.batteryLifeHours).toBeCloseTo((300 * 3.7) / batteryMw, 6); // ≈ 2796 h
    expect(p.batteryLifeDays).toBeCloseTo((300 * 3.7) / batteryMw / 24, 6); // ≈ 116 days
    expect(p.assumptions.join(' ')).toContain('1000 Ω');
  });

  it('10 kHz at 3 mA draws 0.6 / 0.021 ≈ 28.6 × the output power of the tonic program', () => {
    const g = testGenerator();
    const tonic = estimatePower(scsProgram(), g, { loadOhm: 1000 });
    const khz = estimatePower(tenKhz(), g, { loadOhm: 1000 });
    expect(khz.outputPowerMw / tonic.outputPowerMw).toBeCloseTo(0.6 / 0.021, 9);
    expect(khz.batteryLifeHours).toBeLessThan(tonic.batteryLifeHours);
  });

  it('caps the delivered current at compliance and says so', () => {
    const p = estimatePower(scsProgram({ amplitudeMa: 20 }), testGenerator(), { loadOhm: 1000 });
    expect(p.complianceExceeded).toBe(true);
    expect(p.complianceLimitedAmplitudeMa).toBeCloseTo(12, 12); // 12 V / 1000 Ω
    expect(p.supplyVoltageV).toBe(12);
    expect(p.assumptions.at(-1)).toContain('above compliance');
  });

  it('lists nominal battery figures as nominal in the assumptions', () => {
    const p = estimatePower(scsProgram(), generator('generic-ipg'));
    expect(p.loadOhm).toBe(1000);
    expect(p.assumptions.join(' ')).toMatch(/mAh \(nominal\)/);
  });
});

describe('summariseProgram and previewWindowUs', () => {
  it('summarises the default SCS program: 31.5 µC/s, 5.14 µC/cm² on both contacts, deliverable', () => {
    const s = summariseProgram(scsProgram(), scsLeads(), undefined, generator('generic-ipg'));
    expect(s.dose.chargePerSecondUc).toBeCloseTo(31.5, 9);
    expect(s.contacts).toHaveLength(2);
    // 0.63 µC / (π·1.3·3 mm² / 100) = 5.142 µC/cm²
    expect(s.maxDensityUcPerCm2).toBeCloseTo(5.142, 3);
    expect(s.maxShannonK).toBeCloseTo(Math.log10(5.142 * 0.63), 3);
    expect(s.findings).toEqual([]);
    expect(s.deliverable).toBe(true);
  });

  it('is not deliverable once a finding is an error', () => {
    const s = summariseProgram(
      scsProgram({ amplitudeMa: 30 }),
      scsLeads(),
      undefined,
      generator('generic-ipg'),
    );
    expect(s.deliverable).toBe(false);
  });

  it('previews two periods of tonic (40 ms at 50 Hz), two bursts, five 10 kHz periods', () => {
    expect(previewWindowUs(scsProgram())).toBeCloseTo(40_000, 9);
    expect(
      previewWindowUs(
        scsProgram({
          pulseWidthUs: 1000,
          rateHz: 40,
          waveform: { kind: 'burst', pulsesPerBurst: 5, intraBurstRateHz: 500 },
        }),
      ),
    ).toBeCloseTo(50_000, 9);
    expect(
      previewWindowUs(
        scsProgram({ pulseWidthUs: 30, waveform: { kind: 'khz', frequencyHz: 10000 } }),
      ),
    ).toBeCloseTo(500, 9);
  });
});

describe('a schedule stored on the program', () => {
  it('cycling 30 s on / 90 s off quarters the daily charge and stretches the battery', () => {
    const always = scsProgram();
    const cycled = scsProgram({ schedule: { cycling: { onS: 30, offS: 90 } } });
    expect(chargeDose(cycled).scheduleDutyFraction).toBeCloseTo(0.25, 12);
    expect(chargeDose(cycled).chargePerDayUc).toBeCloseTo(chargeDose(always).chargePerDayUc / 4, 6);
    // an explicit schedule beside the program still wins
    expect(chargeDose(cycled, {}).scheduleDutyFraction).toBe(1);
    const g = generator('generic-ipg');
    expect(estimatePower(cycled, g).batteryLifeHours).toBeGreaterThan(
      estimatePower(always, g).batteryLifeHours,
    );
  });

  it('an out-of-range gate is refused with the field named, and older programs have none', () => {
    const bad = ProgramSchema.safeParse({
      ...scsProgram(),
      schedule: { cycling: { onS: 100_000, offS: 10 } },
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path.join('.')).toBe('schedule.cycling.onS');
    expect(scsProgram().schedule).toBeUndefined();
  });
});
