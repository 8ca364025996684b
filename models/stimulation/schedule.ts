/**
 * Delivery schedules that gate a pulse train on and off: cycling (seconds on / seconds off, as
 * in the programmer's "cycling" option) and pulse dosing (a duty cycle on a shorter time scale,
 * e.g. 10 kHz dosed at 3 / 14 / 50 %: Provenzano 2021, Pain Med pnab288, clinical.md §2.3).
 *
 * Not part of the Scenario's Program yet (models/scenario.ts has no such fields): callers pass
 * it beside the program. A pulse is delivered when its start falls in an "on" interval of both
 * gates; gates start "on" at t = 0.
 */
import { z } from 'zod';

export const DeliveryScheduleSchema = z.object({
  cycling: z
    .object({ onS: z.number().finite().positive(), offS: z.number().finite().min(0) })
    .optional(),
  dosing: z
    .object({ onMs: z.number().finite().positive(), offMs: z.number().finite().min(0) })
    .optional(),
});
export type DeliverySchedule = z.infer<typeof DeliveryScheduleSchema>;

const US_PER_S = 1e6;
const US_PER_MS = 1e3;

/** Fraction of time the schedule lets pulses through, 0–1 (1 without a schedule). */
export function scheduleDutyFraction(schedule: DeliverySchedule = {}): number {
  const cycling = schedule.cycling
    ? schedule.cycling.onS / (schedule.cycling.onS + schedule.cycling.offS)
    : 1;
  const dosing = schedule.dosing
    ? schedule.dosing.onMs / (schedule.dosing.onMs + schedule.dosing.offMs)
    : 1;
  return cycling * dosing;
}

function gateOpen(timeUs: number, onUs: number, offUs: number): boolean {
  if (offUs <= 0) return true;
  const phase = timeUs % (onUs + offUs);
  return phase < onUs;
}

/** Whether a pulse starting at `timeUs` is delivered under the schedule. */
export function scheduleIsOn(timeUs: number, schedule: DeliverySchedule = {}): boolean {
  if (schedule.cycling) {
    const { onS, offS } = schedule.cycling;
    if (!gateOpen(timeUs, onS * US_PER_S, offS * US_PER_S)) return false;
  }
  if (schedule.dosing) {
    const { onMs, offMs } = schedule.dosing;
    if (!gateOpen(timeUs, onMs * US_PER_MS, offMs * US_PER_MS)) return false;
  }
  return true;
}
