/**
 * Power and battery estimate of a program on a generator. A first-order model, every
 * assumption listed in the result:
 *
 *   load voltage      V_load = I · R                      (mA × Ω / 1000 = V)
 *   supply voltage    V_out  = min(V_load + headroom, compliance)   adaptive supply
 *   energy per phase  E      = I² · R · PW               (mA² × Ω × µs = 1e-6 × 1e-6 J = 1e-6 µJ,
 *                                                        so E [µJ] = I² [mA²] · R [Ω] · PW [µs] / 1e6)
 *   I is the delivered current: the programmed one, or V_compliance / R when I · R exceeds the
 *   compliance (a saturated current source into a resistive load)
 *   output duty       d      = driven phases × PW × pulses/s × schedule duty   (dose.ts)
 *   load power        P_load = I² · R · d
 *   output power      P_out  = V_out · I · d
 *   battery power     P_bat  = P_out / η + I_q · V_bat
 *   battery life      T      = C · V_bat / P_bat         (mAh × V = mWh; mWh / mW = h)
 *
 * The load R is the contact-to-contact impedance, nominally 500–1000 Ω (leads.md §5: cervical
 * 351 ± 90 Ω, lower thoracic 547 ± 151 Ω; Nevro rates its output up to 1080–1270 Ω).
 */
import type { Generator } from '../devices/index.ts';
import type { Program } from '../scenario.ts';
import { chargeDose, drivenPhasesPerPulse } from './dose.ts';
import type { DeliverySchedule } from './schedule.ts';

/** Nominal load: the upper end of 500–1000 Ω (a conservative battery estimate; leads.md §5). */
export const DEFAULT_LOAD_OHM = 1000;
/** Voltage headroom of the current source above the load voltage: a nominal guess (no source read). */
export const DEFAULT_HEADROOM_V = 1;

export interface PowerOptions {
  loadOhm?: number;
  headroomV?: number;
  schedule?: DeliverySchedule;
}

export interface PowerEstimate {
  loadOhm: number;
  /** I·R at the programmed amplitude, V */
  loadVoltageV: number;
  /** voltage the output stage runs from, V */
  supplyVoltageV: number;
  /** the load voltage needs more than the generator's compliance */
  complianceExceeded: boolean;
  /** the largest current the compliance can push through the load, mA */
  complianceLimitedAmplitudeMa: number;
  /** fraction of time current is driven, 0–1 */
  outputDutyFraction: number;
  /** energy into the load per driven phase at the delivered (compliance-limited) current, µJ */
  energyPerPhaseUj: number;
  /** energy per phase the programmed current would need (equals energyPerPhaseUj within compliance), µJ */
  programmedEnergyPerPhaseUj: number;
  /** average power into the tissue, mW */
  loadPowerMw: number;
  /** average power the output stage delivers, mW */
  outputPowerMw: number;
  /** average power drawn from the battery, mW */
  batteryPowerMw: number;
  /** average battery current, µA */
  batteryCurrentUa: number;
  /** energy drawn from the battery per day, J */
  energyPerDayJ: number;
  /** time from full to empty on one charge (rechargeable) or over the cell's life (primary) */
  batteryLifeHours: number;
  batteryLifeDays: number;
  /** every assumption the numbers rest on, for the UI */
  assumptions: string[];
}

const MW_PER_MA_V = 1; // 1 mA × 1 V = 1 mW
const UJ_PER_MA2_OHM_US = 1e-6; // (1e-3 A)² × 1 Ω × 1e-6 s = 1e-12 J = 1e-6 µJ
const S_PER_DAY = 86_400;

export function estimatePower(
  program: Program,
  generator: Generator,
  options: PowerOptions = {},
): PowerEstimate {
  const loadOhm = options.loadOhm ?? DEFAULT_LOAD_OHM;
  const headroomV = options.headroomV ?? DEFAULT_HEADROOM_V;
  const currentMa = program.amplitudeMa;
  const dose = chargeDose(program, options.schedule);
  const d = dose.outputDutyFraction;

  const loadVoltageV = (currentMa * loadOhm) / 1000;
  const complianceExceeded = loadVoltageV > generator.complianceV;
  const supplyVoltageV = Math.min(loadVoltageV + headroomV, generator.complianceV);
  const complianceLimitedAmplitudeMa = (generator.complianceV / loadOhm) * 1000;
  // current actually delivered: the programmed one, or what the compliance allows
  const deliveredMa = Math.min(currentMa, complianceLimitedAmplitudeMa);

  const energyPerPhaseUj = deliveredMa ** 2 * loadOhm * program.pulseWidthUs * UJ_PER_MA2_OHM_US;
  const programmedEnergyPerPhaseUj =
    currentMa ** 2 * loadOhm * program.pulseWidthUs * UJ_PER_MA2_OHM_US;
  const loadPowerMw = ((deliveredMa ** 2 * loadOhm) / 1000) * d;
  const outputPowerMw = supplyVoltageV * deliveredMa * d * MW_PER_MA_V;
  const quiescentMw = (generator.quiescentCurrentUa / 1000) * generator.batteryVoltageV;
  const batteryPowerMw = outputPowerMw / generator.conversionEfficiency + quiescentMw;
  const batteryCurrentUa = (batteryPowerMw / generator.batteryVoltageV) * 1000;
  const batteryEnergyMwh = generator.batteryCapacityMah * generator.batteryVoltageV;
  const batteryLifeHours = batteryEnergyMwh / batteryPowerMw;

  const nominal = (field: string) =>
    generator.provenance[field]?.nominal === false ? '' : ' (nominal)';
  const phases = drivenPhasesPerPulse(program);
  const assumptions = [
    `load ${loadOhm} Ω between the active contacts, purely resistive (electrode capacitance ignored)`,
    `current source with ${headroomV} V headroom, supply adapted to the load up to the ${generator.complianceV} V compliance${nominal('complianceV')}`,
    `${phases === 2 ? 'both phases driven (active recharge)' : 'primary phase driven, recharge passive through the coupling capacitor (no battery energy)'}`,
    `battery ${generator.batteryCapacityMah} mAh${nominal('batteryCapacityMah')} at ${generator.batteryVoltageV} V${nominal('batteryVoltageV')}, ${Math.round(generator.conversionEfficiency * 100)} % conversion efficiency${nominal('conversionEfficiency')}, ${generator.quiescentCurrentUa} µA quiescent${nominal('quiescentCurrentUa')}`,
    'battery ageing, telemetry, sensing and charging losses ignored',
  ];
  if (complianceExceeded) {
    assumptions.push(
      `${currentMa} mA × ${loadOhm} Ω needs ${loadVoltageV.toFixed(1)} V: above compliance, the estimate uses the ${complianceLimitedAmplitudeMa.toFixed(2)} mA the compliance allows`,
    );
  }
  return {
    loadOhm,
    loadVoltageV,
    supplyVoltageV,
    complianceExceeded,
    complianceLimitedAmplitudeMa,
    outputDutyFraction: d,
    energyPerPhaseUj,
    programmedEnergyPerPhaseUj,
    loadPowerMw,
    outputPowerMw,
    batteryPowerMw,
    batteryCurrentUa,
    energyPerDayJ: (batteryPowerMw / 1000) * S_PER_DAY,
    batteryLifeHours,
    batteryLifeDays: batteryLifeHours / 24,
    assumptions,
  };
}
