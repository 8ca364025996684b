import { useState } from 'react';
import { Link } from 'wouter';
import {
  FOLLOW_UP_MONTHS,
  INSTRUMENTS,
  addMonths,
  followUpOutcomes,
  type FollowUp,
  type FollowUpMonth,
} from '../../../models/clinical/index.ts';
import { DateField, SelectField, TextField, YesNoField, localId } from '../fields.tsx';
import { scoreSummary } from './Instruments.tsx';
import type { SectionProps } from './types.ts';

const monthsText = (m: number) => `${m} month${m === 1 ? '' : 's'}`;

/** Follow-up visits after the implant, each with the baseline instruments scored again. */
export function FollowUps({ c, update }: SectionProps) {
  const free = FOLLOW_UP_MONTHS.filter((m) => !c.followUps.some((f) => f.month === m));
  const [month, setMonth] = useState<string>(String(free[0] ?? 1));
  const im = c.implant;
  const outcomes = followUpOutcomes(c);
  const chosen = (free.find((m) => String(m) === month) ?? free[0]) as FollowUpMonth | undefined;
  return (
    <section aria-labelledby="sec-fu" className="section">
      <h2 id="sec-fu">Follow-up after the implant</h2>
      <p className="muted">
        Visits at 1, 3, 6, 12 and 24 months (clinical.md §5.2), each with the instruments of the
        baseline assessment. Record the instruments in{' '}
        <Link href={`/${c.id}/instruments`}>Instruments</Link> with the context “follow up” and the
        month.
      </p>
      {!im ? (
        <p>Record the permanent implant first (Implant section).</p>
      ) : (
        <div className="grid">
          {free.length > 0 ? (
            <>
              <SelectField
                label="Follow-up month"
                value={chosen === undefined ? null : String(chosen)}
                options={free.map((m) => ({
                  value: String(m),
                  label: monthsText(m),
                }))}
                onChange={(v) => setMonth(v ?? String(free[0]))}
              />
              <button
                type="button"
                className="primary"
                onClick={() =>
                  chosen !== undefined &&
                  update((d) => {
                    d.followUps.push({
                      id: localId('fu'),
                      month: chosen,
                      date: addMonths(d.implant!.date, chosen),
                      programChanged: null,
                      deviceCheck: '',
                      notes: '',
                    });
                    d.followUps.sort((a, b) => a.month - b.month);
                  })
                }
              >
                Add follow-up visit
              </button>
            </>
          ) : (
            <p>All five follow-up visits are recorded.</p>
          )}
        </div>
      )}
      <ol className="cards">
        {c.followUps.map((f, i) => {
          const o = outcomes.find((x) => x.month === f.month);
          const label = `${f.month}-month follow-up`;
          const set = (fn: (x: FollowUp) => void) => update((d) => fn(d.followUps[i]!));
          return (
            <li key={f.id} className="card" aria-label={label}>
              <h3>{label}</h3>
              <div className="grid">
                <DateField
                  label={`${label} date`}
                  hint={im ? `due ${addMonths(im.date, f.month)}` : undefined}
                  value={f.date}
                  onChange={(v) => v && set((x) => void (x.date = v))}
                />
                <YesNoField
                  label={`${label}: program changed`}
                  value={f.programChanged}
                  onChange={(v) => set((x) => void (x.programChanged = v))}
                />
                <TextField
                  label={`${label}: device check`}
                  hint="impedances, battery or recharge"
                  value={f.deviceCheck}
                  onChange={(v) => set((x) => void (x.deviceCheck = v))}
                />
              </div>
              <TextField
                label={`${label} notes`}
                multiline
                value={f.notes}
                onChange={(v) => set((x) => void (x.notes = v))}
              />
              {o && o.scores.length > 0 ? (
                <table className="table" data-testid={`follow-up-${f.month}`}>
                  <caption>
                    {label}: instruments against baseline
                    {o.reliefPct !== null ? ` · pain relief ${o.reliefPct} %` : ''}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Instrument</th>
                      <th scope="col">Baseline</th>
                      <th scope="col">At {monthsText(f.month)}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {o.scores.map((s) => (
                      <tr key={s.instrument}>
                        <th scope="row">{INSTRUMENTS[s.instrument].name}</th>
                        <td>{s.baseline ? scoreSummary(s.baseline) : '—'}</td>
                        <td>
                          {s.followUp
                            ? `${scoreSummary(s.followUp)} (${s.date})`
                            : 'not recorded yet'}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : (
                <p className="muted">No baseline instruments to repeat.</p>
              )}
              {o && o.missing.length > 0 && (
                <p className="warn">
                  Not yet recorded at {monthsText(f.month)}:{' '}
                  {o.missing.map((id) => INSTRUMENTS[id].name).join(', ')}.
                </p>
              )}
              <button type="button" onClick={() => update((d) => void d.followUps.splice(i, 1))}>
                Remove {label}
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
