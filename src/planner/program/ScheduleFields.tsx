/**
 * Delivery schedule of a program: cycling (seconds on / seconds off, the programmer's "cycling")
 * and pulse dosing (milliseconds on / off, e.g. 10 kHz dosed at 3 / 14 / 50 %: Provenzano 2021,
 * clinical.md §3). Both are optional; the dose and battery figures follow the resulting duty.
 */
import type { Program } from '../../../models/scenario.ts';
import { formatNumber, scheduleDutyFraction } from '../../../models/stimulation/index.ts';
import type { DeliverySchedule } from '../../../models/stimulation/schedule.ts';
import { useEditor } from './editorContext.ts';
import { NumberField } from './NumberField.tsx';

// nominal starting values when a gate is switched on; the user sets the real ones
const CYCLING_START = { onS: 60, offS: 60 };
const DOSING_START = { onMs: 500, offMs: 500 }; // 50 %, one of the dosing levels of Provenzano 2021

function withSchedule(p: Program, change: Partial<DeliverySchedule>): Program {
  const next: DeliverySchedule = { ...p.schedule, ...change };
  if (!next.cycling) delete next.cycling;
  if (!next.dosing) delete next.dosing;
  const { schedule: _old, ...rest } = p;
  return next.cycling || next.dosing ? { ...rest, schedule: next } : rest;
}

export function ScheduleFields({ program }: { program: Program }) {
  const { commit } = useEditor();
  const cycling = program.schedule?.cycling;
  const dosing = program.schedule?.dosing;
  const duty = scheduleDutyFraction(program.schedule);
  return (
    <fieldset className="pe-group pe-schedule">
      <legend>Delivery</legend>
      <label className="pe-field pe-check">
        <input
          type="checkbox"
          checked={cycling !== undefined}
          onChange={(e) =>
            commit('program.schedule.cycling', (p) =>
              withSchedule(p, { cycling: e.target.checked ? CYCLING_START : undefined }),
            )
          }
        />
        Cycling (on and off in seconds)
      </label>
      {cycling ? (
        <>
          <NumberField
            label="Cycling on (s)"
            field="program.schedule.cycling.onS"
            value={cycling.onS}
            min={0}
            onCommit={(onS) =>
              commit('program.schedule.cycling.onS', (p) =>
                withSchedule(p, { cycling: { ...cycling, onS } }),
              )
            }
          />
          <NumberField
            label="Cycling off (s)"
            field="program.schedule.cycling.offS"
            value={cycling.offS}
            min={0}
            onCommit={(offS) =>
              commit('program.schedule.cycling.offS', (p) =>
                withSchedule(p, { cycling: { ...cycling, offS } }),
              )
            }
          />
        </>
      ) : null}
      <label className="pe-field pe-check">
        <input
          type="checkbox"
          checked={dosing !== undefined}
          onChange={(e) =>
            commit('program.schedule.dosing', (p) =>
              withSchedule(p, { dosing: e.target.checked ? DOSING_START : undefined }),
            )
          }
        />
        Pulse dosing (on and off in milliseconds)
      </label>
      {dosing ? (
        <>
          <NumberField
            label="Dosing on (ms)"
            field="program.schedule.dosing.onMs"
            value={dosing.onMs}
            min={0}
            onCommit={(onMs) =>
              commit('program.schedule.dosing.onMs', (p) =>
                withSchedule(p, { dosing: { ...dosing, onMs } }),
              )
            }
          />
          <NumberField
            label="Dosing off (ms)"
            field="program.schedule.dosing.offMs"
            value={dosing.offMs}
            min={0}
            onCommit={(offMs) =>
              commit('program.schedule.dosing.offMs', (p) =>
                withSchedule(p, { dosing: { ...dosing, offMs } }),
              )
            }
          />
        </>
      ) : null}
      <p className="pe-hint" data-testid="schedule-duty">
        Stimulation on {formatNumber(duty * 100)} % of the time
        {cycling || dosing ? '; dose and battery figures follow' : ''}.
      </p>
    </fieldset>
  );
}
