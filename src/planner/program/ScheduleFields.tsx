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

/** The two gates, with the keys and units of their on and off times. */
const GATES = [
  {
    key: 'cycling',
    title: 'Cycling (on and off in seconds)',
    label: 'Cycling',
    unit: 's',
    times: ['onS', 'offS'],
    start: CYCLING_START,
  },
  {
    key: 'dosing',
    title: 'Pulse dosing (on and off in milliseconds)',
    label: 'Dosing',
    unit: 'ms',
    times: ['onMs', 'offMs'],
    start: DOSING_START,
  },
] as const;

function GateFields({ program, gate }: { program: Program; gate: (typeof GATES)[number] }) {
  const { commit } = useEditor();
  const value = program.schedule?.[gate.key] as Record<string, number> | undefined;
  const set = (v: Record<string, number> | undefined) =>
    ({ [gate.key]: v }) as Partial<DeliverySchedule>;
  return (
    <>
      <label className="pe-field pe-check">
        <input
          type="checkbox"
          checked={value !== undefined}
          onChange={(e) =>
            commit(`program.schedule.${gate.key}`, (p) =>
              withSchedule(p, set(e.target.checked ? gate.start : undefined)),
            )
          }
        />
        {gate.title}
      </label>
      {value
        ? gate.times.map((t, i) => (
            <NumberField
              key={t}
              label={`${gate.label} ${i === 0 ? 'on' : 'off'} (${gate.unit})`}
              field={`program.schedule.${gate.key}.${t}`}
              value={value[t] as number}
              min={0}
              onCommit={(v) =>
                commit(`program.schedule.${gate.key}.${t}`, (p) =>
                  withSchedule(p, set({ ...value, [t]: v })),
                )
              }
            />
          ))
        : null}
    </>
  );
}

export function ScheduleFields({ program }: { program: Program }) {
  const duty = scheduleDutyFraction(program.schedule);
  const gated = program.schedule?.cycling !== undefined || program.schedule?.dosing !== undefined;
  return (
    <fieldset className="pe-group pe-schedule">
      <legend>Delivery</legend>
      {GATES.map((g) => (
        <GateFields key={g.key} program={program} gate={g} />
      ))}
      <p className="pe-hint" data-testid="schedule-duty">
        Stimulation on {formatNumber(duty * 100)} % of the time
        {gated ? '; dose and battery figures follow' : ''}.
      </p>
    </fieldset>
  );
}
