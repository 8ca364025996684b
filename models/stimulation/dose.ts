/**
 * Charge delivered per second and per day, per paradigm (the "dose" of Miller et al. 2016,
 * Neuromodulation doi:10.1111/ner.12438, clinical.md §3.4).
 *
 *   pulses/s   tonic, closed-loop: rateHz;  burst: pulsesPerBurst × rateHz (burst rate);
 *              kHz: frequencyHz;  multiplexed: Σ group rates
 *   Q/s        = Q_phase × pulses/s × schedule duty      (Q_phase = I·PW, primary phase only)
 *   Q/day      = Q/s × 86 400 s
 *
 * Charge is counted on the primary (stimulating) phase; the recharge phase returns the same
 * charge, whether driven (active) or through the coupling capacitor (passive).
 */
import type { Program } from '../scenario.ts';
import { chargePerPhaseUc } from './charge.ts';
import { contactGroups } from './groups.ts';
import { scheduleDutyFraction, type DeliverySchedule } from './schedule.ts';

const S_PER_DAY = 86_400;

/** Primary phases per second while the schedule is on. */
export function pulsesPerSecond(program: Program): number {
  const w = program.waveform;
  switch (w.kind) {
    case 'burst':
      return w.pulsesPerBurst * program.rateHz;
    case 'multiplexed':
      return contactGroups(program).reduce((s, g) => s + g.rateHz, 0);
    case 'khz':
      return w.frequencyHz;
    case 'tonic':
    case 'closed-loop':
      return program.rateHz;
  }
}

/** Phases the generator drives per pulse: 2 for actively recharged pulses, 1 for passive. */
export function drivenPhasesPerPulse(program: Program): 1 | 2 {
  const w = program.waveform;
  if (w.kind === 'tonic') return w.shape === 'biphasic-cathodic-first' ? 2 : 1;
  if (w.kind === 'burst') return w.recharge === 'active' ? 2 : 1;
  return 2;
}

export interface ChargeDose {
  /** charge per primary phase, µC (I·PW) */
  chargePerPhaseUc: number;
  /** primary phases per second while on */
  pulsesPerSecond: number;
  /** fraction of time the schedule is on, 0–1 */
  scheduleDutyFraction: number;
  /** charge per second while on, µC/s */
  chargePerSecondWhileOnUc: number;
  /** charge per second averaged over the schedule, µC/s */
  chargePerSecondUc: number;
  /** charge per day, µC */
  chargePerDayUc: number;
  /** fraction of time the generator drives current (driven phases × PW × pulses/s × duty) */
  outputDutyFraction: number;
}

/** Charge per phase, per second and per day of a program under its schedule (or the one given). */
export function chargeDose(
  program: Program,
  schedule: DeliverySchedule = program.schedule ?? {},
): ChargeDose {
  const q = chargePerPhaseUc(program.amplitudeMa, program.pulseWidthUs);
  const pps = pulsesPerSecond(program);
  const duty = scheduleDutyFraction(schedule);
  const whileOn = q * pps;
  const perSecond = whileOn * duty;
  return {
    chargePerPhaseUc: q,
    pulsesPerSecond: pps,
    scheduleDutyFraction: duty,
    chargePerSecondWhileOnUc: whileOn,
    chargePerSecondUc: perSecond,
    chargePerDayUc: perSecond * S_PER_DAY,
    outputDutyFraction: Math.min(
      1,
      drivenPhasesPerPulse(program) * program.pulseWidthUs * 1e-6 * pps * duty,
    ),
  };
}
