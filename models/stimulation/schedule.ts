/**
 * Delivery schedules that gate a pulse train on and off: cycling (seconds on / seconds off, as
 * in the programmer's "cycling" option) and pulse dosing (a duty cycle on a shorter time scale,
 * e.g. 10 kHz dosed at 3 / 14 / 50 %: Provenzano 2021, Pain Med pnab288, clinical.md §2.3).
 *
 * A Program carries it as `program.schedule` (models/scenario.ts); callers may pass another
 * beside the program. A pulse is delivered when its start falls in an "on" interval of both
 * gates; gates start "on" at t = 0.
 */
import { z } from 'zod';

// our limits: a day for cycling, a minute for dosing (beyond, the other gate is the right one)
const MAX_CYCLE_S = 86_400;
const MAX_DOSE_MS = 60_000;

const seconds = (what: string, positive: boolean) =>
  (positive
    ? z.number().finite().positive(`${what} must be more than 0 s`)
    : z.number().finite().min(0, `${what} cannot be negative`)
  ).max(MAX_CYCLE_S, `${what} is at most ${MAX_CYCLE_S} s (one day)`);
const millis = (what: string, positive: boolean) =>
  (positive
    ? z.number().finite().positive(`${what} must be more than 0 ms`)
    : z.number().finite().min(0, `${what} cannot be negative`)
  ).max(MAX_DOSE_MS, `${what} is at most ${MAX_DOSE_MS} ms (one minute)`);

export const DeliveryScheduleSchema = z.object({
  cycling: z
    .object({ onS: seconds('cycling on-time', true), offS: seconds('cycling off-time', false) })
    .optional(),
  dosing: z
    .object({ onMs: millis('dosing on-time', true), offMs: millis('dosing off-time', false) })
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
