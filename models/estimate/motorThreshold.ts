/**
 * The motor threshold of an estimate: the amplitude at which the first and 10 % of the motor
 * fibres fire (the side effect a PNS plan must stay under, and the twitch a placement is
 * confirmed by). Read from the populations the therapy marks as motor.
 */
import type { RunResult } from './run.ts';
import { PNS_MOTOR_ID } from './therapies/pns.ts';

/** Population ids that hold motor axons. */
export const MOTOR_POPULATION_IDS: readonly string[] = [PNS_MOTOR_ID];

/** our choice: a motor response is called at 10 % of the motor fibres, like the 10 % discomfort marker */
export const MOTOR_RESPONSE_SHARE = 0.1;

export type MotorThreshold =
  | {
      modelled: true;
      /** motor fibres in the estimate */
      fibres: number;
      /** lowest threshold of a motor fibre (mA), null when none fires within the search */
      firstMa: number | null;
      /** amplitude at which 10 % of the motor fibres have fired (mA), null when not reached */
      tenPercentMa: number | null;
      /** whether any motor fibre fires at the programmed amplitude */
      firesAtProgram: boolean;
      /** the estimate's tier, so that an instant-tier motor threshold is read as such */
      tier: RunResult['tier'];
    }
  | { modelled: false; reason: string };

/** The motor threshold of a result; `modelled: false` when it has no motor population. */
export function motorThreshold(result: RunResult): MotorThreshold {
  const pops = result.populations.filter((p) => MOTOR_POPULATION_IDS.includes(p.id));
  if (pops.length === 0)
    return {
      modelled: false,
      reason:
        result.therapy === 'PNS'
          ? 'this nerve is modelled as purely sensory: no motor fibres'
          : `no motor population is modelled for ${result.therapy}`,
    };
  const all = pops.flatMap((p) => p.thresholdsMa);
  const sorted = all.filter((x): x is number => x !== null).sort((a, b) => a - b);
  const k = Math.ceil(all.length * MOTOR_RESPONSE_SHARE) - 1;
  const firstMa = sorted[0] ?? null;
  return {
    modelled: true,
    fibres: all.length,
    firstMa,
    tenPercentMa: k >= 0 && k < sorted.length ? sorted[k]! : null,
    firesAtProgram: pops.some((p) => p.activated.some(Boolean)),
    tier: result.tier,
  };
}
