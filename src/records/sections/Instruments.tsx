import { useState } from 'react';
import {
  INSTRUMENTS,
  INSTRUMENT_IDS,
  InstrumentInputError,
  PGIC_ANCHORS_NINDS,
  checkAnswers,
  tryScore,
  type InstrumentId,
  type ScoreResult,
} from '../../../models/clinical/index.ts';
import { DateField, SelectField, localId, todayIso } from '../fields.tsx';
import { FOLLOW_UP_MONTHS } from '../../../models/clinical/index.ts';
import type { SectionProps } from './types.ts';

const CONTEXTS = ['baseline', 'end_of_trial', 'follow_up'] as const;

export function scoreSummary(s: ScoreResult | null): string {
  if (!s) return 'answers out of range';
  const parts: string[] = [];
  if (s.instrument === 'odi') parts.push(s.percent === null ? 'no score' : `${s.percent} %`);
  else if (s.instrument === 'bpi')
    parts.push(
      `severity ${s.severity ?? '—'}, interference ${s.interference ?? '—'}${s.valid ? '' : ' (invalid)'}`,
    );
  else if (s.instrument === 'eq5d5l')
    parts.push(
      `profile ${s.profile ?? '—'}, EQ VAS ${s.vas ?? '—'}, index — (no value set chosen)`,
    );
  else if (s.instrument === 'vas') parts.push(s.total === null ? 'incomplete' : `${s.total} mm`);
  else parts.push(s.total === null ? 'incomplete' : `total ${s.total}`);
  if (s.band) parts.push(s.band);
  if (s.subscales)
    parts.push(
      Object.entries(s.subscales)
        .map(([k, v]) => `${k} ${v ?? '—'}`)
        .join(', '),
    );
  return parts.join(' · ');
}

export function Instruments({ c, update }: SectionProps) {
  const [instrument, setInstrument] = useState<InstrumentId>('nrs');
  const [date, setDate] = useState(todayIso());
  const [context, setContext] = useState<(typeof CONTEXTS)[number]>('baseline');
  const [month, setMonth] = useState<string>('1');
  const [answers, setAnswers] = useState<string[]>(['']);
  const [error, setError] = useState('');
  const def = INSTRUMENTS[instrument];

  const choose = (id: InstrumentId) => {
    setInstrument(id);
    setAnswers(Array.from({ length: INSTRUMENTS[id].itemCount }, () => ''));
    setError('');
  };

  const add = () => {
    const values = answers.map((a) => (a.trim() === '' ? null : Number(a)));
    try {
      checkAnswers(instrument, values);
    } catch (e) {
      setError(e instanceof InstrumentInputError ? e.message : String(e));
      return;
    }
    if (values.every((v) => v === null)) {
      setError(`${instrument}: no item answered`);
      return;
    }
    const anchorText =
      instrument === 'pgic' && values[0] ? PGIC_ANCHORS_NINDS[values[0] - 1] : undefined;
    update(
      (d) =>
        void d.instruments.push({
          id: localId('instr'),
          instrument,
          date,
          context,
          answers: values,
          ...(anchorText ? { anchorText } : {}),
          ...(context === 'follow_up' ? { followUpMonth: Number(month) } : {}),
        }),
    );
    setAnswers(Array.from({ length: def.itemCount }, () => ''));
    setError('');
  };

  return (
    <section aria-labelledby="sec-instr" className="section">
      <h2 id="sec-instr">Screening and outcome instruments</h2>
      <p className="muted">
        Scoring rules, bands and LOINC codes: clinical.md §2.4. The wording of PHQ-9 and GAD-7 is
        shown (free to reproduce); licensed or unverified instruments (ODI, BPI, EQ-5D, PCS, DN4,
        S-LANSS) show short paraphrased labels: enter the answers from the licensed form. DN4 (≥ 4
        of 10) or S-LANSS (≥ 12 of 24) gives the neuropathic phenotype when none is recorded.
      </p>
      <form
        className="card"
        aria-label="Record an instrument"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <div className="grid">
          <SelectField
            label="Instrument"
            value={instrument}
            options={INSTRUMENT_IDS.map((id) => ({ value: id, label: INSTRUMENTS[id].name }))}
            onChange={(v) => v && choose(v)}
          />
          <DateField label="Date" value={date} onChange={(v) => setDate(v ?? todayIso())} />
          <SelectField
            label="Context"
            value={context}
            options={CONTEXTS}
            onChange={(v) => setContext(v ?? 'baseline')}
          />
          {context === 'follow_up' && (
            <SelectField
              label="Months after the implant"
              value={month}
              options={FOLLOW_UP_MONTHS.map((m) => ({ value: String(m), label: `${m} months` }))}
              onChange={(v) => setMonth(v ?? '1')}
            />
          )}
        </div>
        <p className="muted licence">
          {def.licence} <span className="source">[{def.source}]</span>
        </p>
        {def.stem && <p className="stem">{def.stem}</p>}
        <fieldset>
          <legend>
            {def.name}: items {def.itemMin}–{def.itemMax}
            {instrument === 'eq5d5l' ? ' (EQ VAS 0–100)' : ''}; leave empty for a missing answer
          </legend>
          <div className="grid items">
            {Array.from({ length: def.itemCount }, (_, i) => {
              const id = `instr-${instrument}-${i}`;
              const label = `${instrument.toUpperCase()} item ${i + 1}: ${def.itemText?.[i] ?? def.itemLabels[i] ?? ''}`;
              const choices = def.answerLabels;
              return choices && instrument !== 'pgic' ? (
                <div className="field" key={id}>
                  <label htmlFor={id}>{label}</label>
                  <select
                    id={id}
                    value={answers[i] ?? ''}
                    onChange={(e) =>
                      setAnswers((a) => a.map((x, k) => (k === i ? e.target.value : x)))
                    }
                  >
                    <option value="">not answered</option>
                    {choices.map((t, k) => (
                      <option key={t} value={String(def.itemMin + k)}>
                        {def.itemMin + k} — {t}
                      </option>
                    ))}
                  </select>
                </div>
              ) : instrument === 'pgic' ? (
                <div className="field" key={id}>
                  <label htmlFor={id}>{label}</label>
                  <select
                    id={id}
                    value={answers[i] ?? ''}
                    onChange={(e) =>
                      setAnswers((a) => a.map((x, k) => (k === i ? e.target.value : x)))
                    }
                  >
                    <option value="">not answered</option>
                    {PGIC_ANCHORS_NINDS.map((t, k) => (
                      <option key={t} value={String(k + 1)}>
                        {k + 1} — {t}
                      </option>
                    ))}
                  </select>
                </div>
              ) : (
                <div className="field" key={id}>
                  <label htmlFor={id}>{label}</label>
                  <input
                    id={id}
                    type="number"
                    step={1}
                    min={instrument === 'eq5d5l' && i === 5 ? 0 : def.itemMin}
                    max={instrument === 'eq5d5l' && i === 5 ? 100 : def.itemMax}
                    value={answers[i] ?? ''}
                    onChange={(e) =>
                      setAnswers((a) => a.map((x, k) => (k === i ? e.target.value : x)))
                    }
                  />
                </div>
              );
            })}
          </div>
        </fieldset>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" className="primary">
          Add {def.name}
        </button>
      </form>

      <table className="table">
        <caption>Recorded instruments</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Instrument</th>
            <th scope="col">Context</th>
            <th scope="col">Answers</th>
            <th scope="col">Score</th>
            <th scope="col">Flags</th>
            <th scope="col">LOINC</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {c.instruments.length === 0 && (
            <tr>
              <td colSpan={8}>None yet.</td>
            </tr>
          )}
          {[...c.instruments]
            .map((a, i) => ({ a, i }))
            .sort((x, y) => x.a.date.localeCompare(y.a.date))
            .map(({ a, i }) => {
              const s = tryScore(a.instrument, a.answers);
              const d = INSTRUMENTS[a.instrument];
              return (
                <tr key={a.id} data-instrument={a.instrument}>
                  <td>{a.date}</td>
                  <td>{d.name}</td>
                  <td>
                    {a.context.replaceAll('_', ' ')}
                    {a.followUpMonth != null ? ` (${a.followUpMonth} months)` : ''}
                  </td>
                  <td>
                    <code>{a.answers.map((v) => (v === null ? '·' : v)).join(' ')}</code>
                  </td>
                  <td className="score">
                    {scoreSummary(s)}
                    {a.anchorText ? ` (${a.anchorText})` : ''}
                  </td>
                  <td>
                    {s?.flags.map((f) => (
                      <span key={f} className={`flag ${f === 'item9-positive' ? 'danger' : ''}`}>
                        {f === 'item9-positive' ? 'item 9 positive: same-day safety assessment' : f}
                      </span>
                    ))}
                  </td>
                  <td>
                    {[
                      d.loinc.panel,
                      d.loinc.total ?? (a.instrument === 'bpi' ? '77565-0' : undefined),
                    ]
                      .filter(Boolean)
                      .join(', ') || '—'}
                  </td>
                  <td>
                    <button
                      type="button"
                      onClick={() => update((dd) => void dd.instruments.splice(i, 1))}
                      aria-label={`Remove ${d.name} of ${a.date}`}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
        </tbody>
      </table>
    </section>
  );
}
