import { useEffect, useId, useState } from 'react';
import {
  MAX_TRIAL_ATTEMPTS,
  MODALITIES,
  OPIOID_AGENTS,
  SIDE_EFFECTS,
  TRIAL_WARN_ABOVE_DAYS,
  WAVEFORMS,
  addDays,
  daysBetween,
  diaryMme,
  doseUnitOf,
  evaluateSelection,
  newTrial,
  trialDayOf,
  overlapPercent,
  parseImpedances,
  type DiaryDay,
  type ProgrammingSession,
} from '../../../models/clinical/index.ts';
import { listScenarios, loadScenario, type ScenarioSummary } from '../../storage/scenarios.ts';
import { pinnedMeta, pinnedResultOf, programFromScenario, snapshotOf } from '../pinProgram.ts';
import { summaryDermatomeText } from '../../../models/estimate/resultSummary.ts';
import type { Scenario } from '../../../models/scenario.ts';
import { useShownEstimate } from '../../planner/estimates.ts';
import { usePlanner } from '../../planner/store.ts';
import { pinnableSummary, planPainMap } from '../../planner/paraesthesiaView.ts';
import { BodyMap } from '../BodyMap.tsx';
import { InfectionChecklist } from './InfectionChecklist.tsx';
import { DateField, NumberField, SelectField, TextField, localId, todayIso } from '../fields.tsx';
import type { SectionProps } from './types.ts';

function useScenarios(): ScenarioSummary[] {
  const [list, setList] = useState<ScenarioSummary[]>([]);
  useEffect(() => {
    let live = true;
    listScenarios()
      .then((l) => live && setList(l))
      .catch(() => live && setList([]));
    return () => {
      live = false;
    };
  }, []);
  return list;
}

function ImpedanceField({
  label,
  field,
  values,
  onChange,
}: {
  label: string;
  /** the field's name in error messages, e.g. "Session 1 impedances" */
  field: string;
  values: readonly number[];
  onChange: (v: number[]) => void;
}) {
  const [text, setText] = useState(values.join(', '));
  const [error, setError] = useState('');
  const id = useId();
  useEffect(() => {
    const parsed = parseImpedances(text, field);
    if (!parsed.ok || parsed.values.join(',') !== values.join(',')) {
      if (!error) setText(values.join(', '));
    }
    // Only when the stored values change from elsewhere.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [values.join(',')]);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const parsed = parseImpedances(e.target.value, field);
          if (parsed.ok) {
            setError('');
            onChange(parsed.values);
          } else setError(parsed.message);
        }}
      />
      {error && (
        <small id={`${id}-err`} role="alert" className="error">
          {error}
        </small>
      )}
    </div>
  );
}

/** The snapshot's scenario id of a plan pinned from the Plan before it was saved. */
const WORKING_PLAN_ID = 'working-plan';

function newSession(day: number, date: string, previous?: ProgrammingSession): ProgrammingSession {
  return {
    id: localId('ses'),
    date,
    trialDay: day,
    program: previous
      ? { ...previous.program }
      : {
          name: 'P1',
          waveform: 'tonic',
          amplitudeMa: 0,
          pulseWidthUs: 210,
          rateHz: 40,
          contacts: '',
        },
    impedancesOhm: [],
    perceptionMa: null,
    comfortMa: null,
    maxMa: null,
    paresthesiaRegions: [],
    nrs: null,
    sideEffects: [],
    notes: '',
  };
}

/** What a session's pinned snapshot says: when and from which plan, and the pinned estimate. */
function PinnedSnapshot({ snapshot, n }: { snapshot: unknown; n: number }) {
  const meta = pinnedMeta(snapshot);
  const r = pinnedResultOf(snapshot);
  const name = (snapshot as { scenario?: { name?: unknown } } | null)?.scenario?.name;
  const pct = (x: number | null) => (x === null ? '—' : `${x} %`);
  return (
    <div className="pinned" data-testid={`pinned-${n}`}>
      <p className="small">
        Pinned to this session: the planner program
        {typeof name === 'string' && name ? ` “${name}”` : ''}
        {meta ? `, ${new Date(meta.pinnedAt).toLocaleString()}` : ''}.
      </p>
      {r ? (
        <dl className="pinned-result small" data-testid={`pinned-result-${n}`}>
          <dt>Estimate</dt>
          <dd>
            {r.tier === 'full' ? 'full model' : 'instant tier'}
            {r.state === 'full-partial' ? ' (full model still filling in)' : ''} at {r.amplitudeMa}{' '}
            mA
          </dd>
          <dt>Pain map covered</dt>
          <dd data-testid={`pinned-covered-${n}`}>
            {pct(r.painCoveredPercent)}{' '}
            <span className="muted">(pain map of {r.painMapSource})</span>
          </dd>
          <dt>Off-target paraesthesia</dt>
          <dd data-testid={`pinned-off-target-${n}`}>{pct(r.offTargetPercent)}</dd>
          <dt>Dermatomes reached</dt>
          <dd>{summaryDermatomeText(r, 0)}</dd>
          <dt>Recruited</dt>
          <dd>
            {r.populations.map((p) => `${p.name} ${p.recruitedPercent} %`).join(' · ') || '—'}
          </dd>
        </dl>
      ) : (
        <p className="small muted" data-testid={`pinned-result-${n}`}>
          No estimate was pinned with it (the Plan had not estimated this scenario).
        </p>
      )}
    </div>
  );
}

export function Trial({ c, update }: SectionProps) {
  const [start, setStart] = useState(todayIso());
  const [pinError, setPinError] = useState('');
  const scenarios = useScenarios();
  // the Plan's current plan and its estimate, when the Plan has run in this tab
  const planScenario = usePlanner((x) => x.scenario);
  const planSavedId = usePlanner((x) => x.savedId);
  const planShown = useShownEstimate();
  const planEstimated = planShown !== null && planShown.state !== 'stale';
  const t = c.trial;
  if (!t) {
    return (
      <section aria-labelledby="sec-trial" className="section">
        <h2 id="sec-trial">Trial</h2>
        <p>No trial planned yet. Default length 7 days (clinical.md §2.1), configurable.</p>
        <DateField
          label="Trial start date"
          value={start}
          onChange={(v) => setStart(v ?? todayIso())}
        />
        <button
          type="button"
          className="primary"
          onClick={() => update((d) => void (d.trial = newTrial(d.selection.modality, start)))}
        >
          Plan a trial
        </button>
      </section>
    );
  }
  const length = daysBetween(t.startDate, t.endDate);
  const attemptRule = evaluateSelection(c).outcomes.find((o) => o.ruleId === 'trial_attempts');
  return (
    <section aria-labelledby="sec-trial" className="section">
      <h2 id="sec-trial">Trial</h2>
      <h3>Plan</h3>
      <div className="grid">
        <SelectField
          label="Trial modality"
          value={t.modality}
          options={MODALITIES}
          onChange={(v) => v && update((d) => void (d.trial!.modality = v))}
        />
        <DateField
          label="Start date"
          value={t.startDate}
          onChange={(v) =>
            v &&
            update((d) => {
              const tr = d.trial!;
              const len = daysBetween(tr.startDate, tr.endDate);
              tr.startDate = v;
              tr.endDate = addDays(v, len);
              // Days count from the start date (day 0): the recorded dates stay as they were.
              for (const x of tr.sessions) x.trialDay = trialDayOf(tr, x.date);
              for (const x of tr.diary) x.day = trialDayOf(tr, x.date);
            })
          }
        />
        <DateField
          label="End date"
          value={t.endDate}
          onChange={(v) => v && update((d) => void (d.trial!.endDate = v))}
        />
        <SelectField
          label="Linked planner scenario"
          value={t.linkedScenarioId}
          allowEmpty="none"
          options={[
            ...scenarios.map((s) => ({ value: s.id, label: `${s.name} (${s.therapy})` })),
            ...(t.linkedScenarioId && !scenarios.some((s) => s.id === t.linkedScenarioId)
              ? [{ value: t.linkedScenarioId, label: t.linkedScenarioId }]
              : []),
          ]}
          onChange={(v) => update((d) => void (d.trial!.linkedScenarioId = v))}
        />
      </div>
      <p
        className={length < 0 ? 'error' : length > TRIAL_WARN_ABOVE_DAYS ? 'warn' : 'muted'}
        role={length < 0 ? 'alert' : undefined}
      >
        {length < 0
          ? `The trial ends (${t.endDate}) before it starts (${t.startDate}): it will not be saved until fixed.`
          : `${length} days.${length > TRIAL_WARN_ABOVE_DAYS ? ` Longer than ${TRIAL_WARN_ABOVE_DAYS} days for an externalised trial: infection risk grows with duration (clinical.md §2.1, local policy).` : ''}`}
      </p>
      <div className="grid">
        <NumberField
          label="Trial attempt"
          hint="1 = first trial; 2 = first repeat"
          min={1}
          max={10}
          step={1}
          value={t.attempt}
          onChange={(v) => update((d) => void (d.trial!.attempt = v ?? 1))}
        />
        <DateField
          label="Trial leads removed on"
          value={t.removalDate}
          onChange={(v) => update((d) => void (d.trial!.removalDate = v))}
        />
        <TextField
          label="Removal note"
          value={t.removalNote}
          onChange={(v) => update((d) => void (d.trial!.removalNote = v))}
        />
      </div>
      <p
        className={attemptRule?.status === 'fail' ? 'warn' : 'muted'}
        role={attemptRule?.status === 'fail' ? 'alert' : undefined}
        data-testid="repeat-trial-limit"
      >
        Repeat-trial limit: at most {MAX_TRIAL_ATTEMPTS} trials ({MAX_TRIAL_ATTEMPTS - 1} repeat).{' '}
        {attemptRule?.message} <span className="source">[{attemptRule?.source}]</span>
      </p>
      <InfectionChecklist
        title="Trial infection prevention"
        value={t.infectionPrevention}
        onChange={(fn) => update((d) => fn(d.trial!.infectionPrevention))}
      />
      <h4>Leads</h4>
      <ol className="cards">
        {t.leads.map((l, i) => (
          <li key={i} className="card" aria-label={`Lead ${i + 1}`}>
            <div className="grid">
              <TextField
                label={`Lead ${i + 1} label`}
                value={l.label}
                onChange={(v) => update((d) => void (d.trial!.leads[i]!.label = v))}
              />
              <TextField
                label={`Lead ${i + 1} model`}
                value={l.model}
                onChange={(v) => update((d) => void (d.trial!.leads[i]!.model = v))}
              />
              <TextField
                label={`Lead ${i + 1} top level`}
                value={l.topLevel}
                onChange={(v) => update((d) => void (d.trial!.leads[i]!.topLevel = v))}
              />
              <TextField
                label={`Lead ${i + 1} bottom level`}
                value={l.bottomLevel}
                onChange={(v) => update((d) => void (d.trial!.leads[i]!.bottomLevel = v))}
              />
            </div>
            <button type="button" onClick={() => update((d) => void d.trial!.leads.splice(i, 1))}>
              Remove lead {i + 1}
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        onClick={() =>
          update(
            (d) =>
              void d.trial!.leads.push({
                label: `Lead ${d.trial!.leads.length + 1}`,
                model: '',
                topLevel: 'T8',
                bottomLevel: 'T10',
              }),
          )
        }
      >
        Add lead
      </button>

      <h3>Programming sessions</h3>
      {pinError && (
        <p role="alert" className="error">
          {pinError}
        </p>
      )}
      <ol className="cards">
        {t.sessions.map((s, i) => {
          const n = i + 1;
          const ov = overlapPercent(c.painMap, s.paresthesiaRegions);
          const set = (fn: (x: ProgrammingSession) => void) =>
            update((d) => fn(d.trial!.sessions[i]!));
          // the scenario's program and the scenario itself, with the Plan's estimate of it when
          // the Plan has one (same thresholds), its overlap read against this case's pain map
          const pin = (scenarioId: string, sc: Scenario) => {
            const summary = pinnableSummary(sc, planPainMap(sc, c));
            setPinError('');
            set((x) => {
              x.program = programFromScenario(sc);
              x.programSnapshot = snapshotOf(scenarioId, sc, new Date(), summary ?? undefined);
            });
          };
          return (
            <li key={s.id} className="card session" aria-label={`Session ${n}`}>
              <h4>Session {n}</h4>
              <div className="grid">
                <DateField
                  label={`Session ${n} date`}
                  hint={`Trial day ${s.trialDay}${s.trialDay === 0 ? ' (the start date)' : ''}`}
                  value={s.date}
                  onChange={(v) =>
                    v &&
                    update((d) => {
                      const x = d.trial!.sessions[i]!;
                      x.date = v;
                      x.trialDay = trialDayOf(d.trial!, v);
                    })
                  }
                />
                <TextField
                  label={`Session ${n} program name`}
                  value={s.program.name}
                  onChange={(v) => set((x) => void (x.program.name = v))}
                />
                <SelectField
                  label={`Session ${n} waveform`}
                  value={s.program.waveform}
                  options={WAVEFORMS}
                  onChange={(v) => v && set((x) => void (x.program.waveform = v))}
                />
                <NumberField
                  label={`Session ${n} amplitude`}
                  unit="mA"
                  min={0}
                  value={s.program.amplitudeMa}
                  onChange={(v) => set((x) => void (x.program.amplitudeMa = v ?? 0))}
                />
                <NumberField
                  label={`Session ${n} pulse width`}
                  unit="µs"
                  min={0}
                  value={s.program.pulseWidthUs}
                  onChange={(v) => set((x) => void (x.program.pulseWidthUs = v ?? 0))}
                />
                <NumberField
                  label={`Session ${n} rate`}
                  unit="Hz"
                  min={0}
                  value={s.program.rateHz}
                  onChange={(v) => set((x) => void (x.program.rateHz = v ?? 0))}
                />
                <TextField
                  label={`Session ${n} electrode configuration`}
                  hint="e.g. E2- E3+ E4-"
                  value={s.program.contacts}
                  onChange={(v) => set((x) => void (x.program.contacts = v))}
                />
                <ImpedanceField
                  label={`Session ${n} impedances (Ω, comma-separated)`}
                  field={`Session ${n} impedances`}
                  values={s.impedancesOhm}
                  onChange={(v) => set((x) => void (x.impedancesOhm = v))}
                />
                <NumberField
                  label={`Session ${n} perception threshold`}
                  unit="mA"
                  min={0}
                  value={s.perceptionMa}
                  onChange={(v) => set((x) => void (x.perceptionMa = v))}
                />
                <NumberField
                  label={`Session ${n} comfort level`}
                  unit="mA"
                  min={0}
                  value={s.comfortMa}
                  onChange={(v) => set((x) => void (x.comfortMa = v))}
                />
                <NumberField
                  label={`Session ${n} maximum tolerable`}
                  unit="mA"
                  min={0}
                  value={s.maxMa}
                  onChange={(v) => set((x) => void (x.maxMa = v))}
                />
                <NumberField
                  label={`Session ${n} NRS`}
                  min={0}
                  max={10}
                  step={1}
                  value={s.nrs}
                  onChange={(v) => set((x) => void (x.nrs = v))}
                />
              </div>
              <div className="pin-row">
                {t.linkedScenarioId ? (
                  <button
                    type="button"
                    onClick={() => {
                      const sid = t.linkedScenarioId;
                      if (!sid) return;
                      loadScenario(sid)
                        .then((sc) => pin(sid, sc))
                        .catch((e: unknown) => setPinError((e as Error).message));
                    }}
                  >
                    Pin session {n} program from the linked scenario
                  </button>
                ) : (
                  <span className="muted">
                    Link a planner scenario above to pin its program here.
                  </span>
                )}
                {planEstimated && (
                  <>
                    {' '}
                    <button
                      type="button"
                      onClick={() => pin(planSavedId ?? WORKING_PLAN_ID, planScenario)}
                    >
                      Pin session {n} program and estimate from the Plan (“{planScenario.name}”)
                    </button>
                  </>
                )}
              </div>
              {s.programSnapshot !== undefined && (
                <PinnedSnapshot snapshot={s.programSnapshot} n={n} />
              )}
              <fieldset>
                <legend>Session {n} side effects</legend>
                {SIDE_EFFECTS.map((k) => (
                  <label key={k} className="inline-check">
                    <input
                      type="checkbox"
                      checked={s.sideEffects.includes(k)}
                      onChange={(e) =>
                        set((x) => {
                          const list = x.sideEffects.filter((y) => y !== k);
                          x.sideEffects = e.target.checked ? [...list, k] : list;
                        })
                      }
                    />{' '}
                    {k.replaceAll('_', ' ')}
                  </label>
                ))}
              </fieldset>
              <h5>Session {n} paresthesia map</h5>
              <p className="overlap" data-testid={`overlap-${n}`}>
                Overlap with the pain map: <strong>{ov === null ? '—' : `${ov} %`}</strong>{' '}
                <span className="muted">(share of pain regions, weighted by intensity)</span>
              </p>
              <BodyMap
                mode="paresthesia"
                title={`Session ${n} paresthesia map`}
                regions={s.paresthesiaRegions.map((r) => ({ regionId: r, intensityNrs: 5 }))}
                painUnderlay={c.painMap}
                onToggle={(regionId) =>
                  set((x) => {
                    x.paresthesiaRegions = x.paresthesiaRegions.includes(regionId)
                      ? x.paresthesiaRegions.filter((r) => r !== regionId)
                      : [...x.paresthesiaRegions, regionId];
                  })
                }
              />
              <TextField
                label={`Session ${n} notes`}
                multiline
                value={s.notes}
                onChange={(v) => set((x) => void (x.notes = v))}
              />
              <button
                type="button"
                onClick={() => update((d) => void d.trial!.sessions.splice(i, 1))}
              >
                Remove session {n}
              </button>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        onClick={() =>
          update((d) => {
            const tr = d.trial!;
            const prev = tr.sessions.at(-1);
            const day = prev
              ? Math.min(prev.trialDay + 1, daysBetween(tr.startDate, tr.endDate))
              : 0;
            tr.sessions.push(newSession(day, addDays(tr.startDate, day), prev));
          })
        }
      >
        Add programming session
      </button>

      <h3>Daily diary</h3>
      <div className="table-wrap">
        <table className="table diary">
          <caption>
            Diary: average and worst pain (NRS 0–10), activity, sleep, opioid use (→ MME/day), PGIC.
            Trial days count from the start date (day 0), as for programming sessions.
          </caption>
          <thead>
            <tr>
              <th scope="col">Trial day</th>
              <th scope="col">Date</th>
              <th scope="col">Average NRS</th>
              <th scope="col">Worst NRS</th>
              <th scope="col">Activity</th>
              <th scope="col">Sleep (h)</th>
              <th scope="col">Opioid</th>
              <th scope="col">Dose</th>
              <th scope="col">MME/day</th>
              <th scope="col">PGIC (1–7)</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {t.diary.map((d, i) => {
              const med = d.medications[0];
              const day = d.day;
              const setDay = (fn: (x: DiaryDay) => void) => update((dd) => fn(dd.trial!.diary[i]!));
              return (
                <tr key={day} data-day={day}>
                  <th scope="row">{day}</th>
                  <td>{d.date}</td>
                  <td>
                    <NumberField
                      label={<span className="sr-only">Day {day} average NRS</span>}
                      min={0}
                      max={10}
                      step={1}
                      value={d.avgNrs}
                      onChange={(v) => setDay((x) => void (x.avgNrs = v))}
                    />
                  </td>
                  <td>
                    <NumberField
                      label={<span className="sr-only">Day {day} worst NRS</span>}
                      min={0}
                      max={10}
                      step={1}
                      value={d.worstNrs}
                      onChange={(v) => setDay((x) => void (x.worstNrs = v))}
                    />
                  </td>
                  <td>
                    <TextField
                      label={<span className="sr-only">Day {day} activity</span>}
                      value={d.activity}
                      onChange={(v) => setDay((x) => void (x.activity = v))}
                    />
                  </td>
                  <td>
                    <NumberField
                      label={<span className="sr-only">Day {day} sleep hours</span>}
                      min={0}
                      max={24}
                      value={d.sleepHours}
                      onChange={(v) => setDay((x) => void (x.sleepHours = v))}
                    />
                  </td>
                  <td>
                    <SelectField
                      label={<span className="sr-only">Day {day} opioid</span>}
                      value={med?.agent ?? null}
                      allowEmpty="none"
                      options={OPIOID_AGENTS}
                      onChange={(v) =>
                        setDay(
                          (x) =>
                            void (x.medications = v
                              ? [{ agent: v, dose: x.medications[0]?.dose ?? 0 }]
                              : []),
                        )
                      }
                    />
                  </td>
                  <td>
                    {med ? (
                      <NumberField
                        label={<span className="sr-only">Day {day} opioid dose</span>}
                        unit={doseUnitOf(med.agent) === 'ug/h' ? 'µg/h' : 'mg/day'}
                        min={0}
                        value={med.dose}
                        onChange={(v) => setDay((x) => void (x.medications[0]!.dose = v ?? 0))}
                      />
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>{diaryMme(d) ?? 'unknown'}</td>
                  <td>
                    <NumberField
                      label={<span className="sr-only">Day {day} PGIC</span>}
                      min={1}
                      max={7}
                      step={1}
                      value={d.pgic}
                      onChange={(v) => setDay((x) => void (x.pgic = v))}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      onClick={() => update((dd) => void dd.trial!.diary.splice(i, 1))}
                      aria-label={`Remove diary day ${day}`}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <button
        type="button"
        onClick={() =>
          update((d) => {
            const tr = d.trial!;
            const day = (tr.diary.at(-1)?.day ?? 0) + 1;
            // A new day starts empty: opioid use is what the patient reports for that day.
            tr.diary.push({
              day,
              date: addDays(tr.startDate, day),
              avgNrs: null,
              worstNrs: null,
              activity: '',
              sleepHours: null,
              medications: [],
              pgic: null,
            });
          })
        }
      >
        Add diary day
      </button>
    </section>
  );
}
