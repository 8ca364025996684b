import { useMemo } from 'react';
import { Link } from 'wouter';
import {
  diagnosisById,
  evaluateSelection,
  evaluateTrial,
  overlapPercent,
  diaryMme,
  VERDICT_LABELS,
  type PatientCase,
} from '../../models/clinical/index.ts';
import { BodyMap } from './BodyMap.tsx';
import { DayChart, type Series } from './Chart.tsx';

/** The printable trial report: maps, program table, outcome charts and the decision. */
export function Report({ c }: { c: PatientCase }) {
  const t = c.trial;
  const ev = evaluateTrial(c);
  const sel = evaluateSelection(c);
  const best = t?.sessions.reduce<{ i: number; ov: number } | null>((acc, s, i) => {
    const ov = overlapPercent(c.painMap, s.paresthesiaRegions) ?? -1;
    return acc === null || ov > acc.ov ? { i, ov } : acc;
  }, null);
  const bestSession = best ? t?.sessions[best.i] : undefined;
  const days = useMemo(() => t?.diary.map((d) => d.day) ?? [], [t]);
  const painSeries = useMemo<Series[]>(
    () => [
      { label: 'Average NRS', values: t?.diary.map((d) => d.avgNrs) ?? [], colour: '#0b5d8c' },
      { label: 'Worst NRS', values: t?.diary.map((d) => d.worstNrs) ?? [], colour: '#a4161a' },
      {
        label: 'Baseline NRS',
        values: t?.diary.map(() => ev.baselineNrs) ?? [],
        colour: '#4e5f6b',
        dash: [6, 4],
      },
    ],
    [t, ev.baselineNrs],
  );
  const mmeSeries = useMemo<Series[]>(
    () => [
      { label: 'MME/day', values: t?.diary.map(diaryMme) ?? [], colour: '#8a5a00' },
      {
        label: 'Baseline MME/day',
        values: t?.diary.map(() => ev.mmeBaseline) ?? [],
        colour: '#4e5f6b',
        dash: [6, 4],
      },
    ],
    [t, ev.mmeBaseline],
  );
  return (
    <article className="trial-report" aria-labelledby="report-title">
      <div className="no-print report-actions">
        <Link href={`/${c.id}/evaluation`}>← Back to the case</Link>{' '}
        <button type="button" className="primary" onClick={() => window.print()}>
          Print / PDF
        </button>
      </div>
      <header>
        <h1 id="report-title">Neuromodulation trial report: {c.pseudonym}</h1>
        <p>
          {c.demographics.ageYears ?? '—'} years, {c.demographics.sex}.{' '}
          {c.diagnoses
            .map(
              (d) => `${diagnosisById(d.id)?.label ?? d.id} (${diagnosisById(d.id)?.icd10 ?? ''})`,
            )
            .join('; ') || 'No diagnosis recorded.'}
        </p>
        <p>
          Candidate selection: <strong>{VERDICT_LABELS[sel.verdict]}</strong> under{' '}
          {sel.framework.replaceAll('_', ' ')}.{' '}
          {t ? (
            <>
              Trial: {t.modality.replace('_', ' ')}, {t.startDate} to {t.endDate}; leads{' '}
              {t.leads.map((l) => `${l.label} ${l.topLevel}–${l.bottomLevel}`).join(', ') || '—'}.
            </>
          ) : (
            'No trial recorded.'
          )}
        </p>
      </header>

      <section aria-labelledby="r-maps" className="report-maps">
        <h2 id="r-maps">Pain and paresthesia</h2>
        <div className="map-pair">
          <div>
            <h3>Pain map</h3>
            <BodyMap mode="pain" title="Pain map" regions={c.painMap} compact />
          </div>
          <div>
            <h3>
              Paresthesia
              {bestSession ? ` (session ${(best?.i ?? 0) + 1}, overlap ${best?.ov ?? 0} %)` : ''}
            </h3>
            <BodyMap
              mode="paresthesia"
              title="Paresthesia map"
              regions={(bestSession?.paresthesiaRegions ?? []).map((r) => ({
                regionId: r,
                intensityNrs: 5,
              }))}
              painUnderlay={c.painMap}
              compact
            />
          </div>
        </div>
      </section>

      <section aria-labelledby="r-prog">
        <h2 id="r-prog">Programs</h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col">Date (day)</th>
              <th scope="col">Program</th>
              <th scope="col">Waveform</th>
              <th scope="col">Amplitude (mA)</th>
              <th scope="col">PW (µs)</th>
              <th scope="col">Rate (Hz)</th>
              <th scope="col">Contacts</th>
              <th scope="col">Perception / comfort / max (mA)</th>
              <th scope="col">Impedance (Ω)</th>
              <th scope="col">Overlap</th>
              <th scope="col">NRS</th>
              <th scope="col">Side effects</th>
            </tr>
          </thead>
          <tbody>
            {(t?.sessions ?? []).map((s, i) => (
              <tr key={s.id}>
                <td>{i + 1}</td>
                <td>
                  {s.date} ({s.trialDay})
                </td>
                <td>{s.program.name}</td>
                <td>{s.program.waveform}</td>
                <td>{s.program.amplitudeMa}</td>
                <td>{s.program.pulseWidthUs}</td>
                <td>{s.program.rateHz}</td>
                <td>{s.program.contacts}</td>
                <td>
                  {s.perceptionMa ?? '—'} / {s.comfortMa ?? '—'} / {s.maxMa ?? '—'}
                </td>
                <td>
                  {s.impedancesOhm.length
                    ? `${Math.min(...s.impedancesOhm)}–${Math.max(...s.impedancesOhm)}`
                    : '—'}
                </td>
                <td>{overlapPercent(c.painMap, s.paresthesiaRegions) ?? '—'} %</td>
                <td>{s.nrs ?? '—'}</td>
                <td>{s.sideEffects.map((x) => x.replaceAll('_', ' ')).join(', ') || 'none'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="r-out" className="report-charts">
        <h2 id="r-out">Outcomes</h2>
        {days.length ? (
          <div className="chart-pair">
            <DayChart
              title="Pain (NRS 0–10) by trial day"
              days={days}
              series={painSeries}
              yLabel="NRS"
              yMax={10}
            />
            <DayChart
              title="Opioid use (MME/day) by trial day"
              days={days}
              series={mmeSeries}
              yLabel="MME/day"
            />
          </div>
        ) : (
          <p>No diary days.</p>
        )}
        <dl className="metrics">
          <div>
            <dt>Relief vs baseline</dt>
            <dd data-testid="report-relief">{ev.reliefPct === null ? '—' : `${ev.reliefPct} %`}</dd>
          </div>
          <div>
            <dt>≥ 50 % rule</dt>
            <dd>{ev.meetsReliefRule === null ? '—' : ev.meetsReliefRule ? 'met' : 'not met'}</dd>
          </div>
          <div>
            <dt>ODI</dt>
            <dd>
              {ev.odiChangePoints === null ? '—' : `${ev.odiBaselinePct} % → ${ev.odiEndPct} %`}
            </dd>
          </div>
          <div>
            <dt>MME/day</dt>
            <dd>{ev.mmeChange === null ? '—' : `${ev.mmeBaseline} → ${ev.mmeTrialMean}`}</dd>
          </div>
          <div>
            <dt>PGIC</dt>
            <dd>{ev.pgic === null ? '—' : `${ev.pgic} (${ev.pgicAnchor ?? ''})`}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="r-dec" className="report-decision">
        <h2 id="r-dec">Decision</h2>
        <p data-testid="report-decision">
          <strong>
            {c.evaluation.decision ? c.evaluation.decision.replace('_', ' ') : 'not decided'}
          </strong>
          {c.evaluation.decidedAt ? ` on ${c.evaluation.decidedAt}` : ''}. Patient preference:{' '}
          {c.evaluation.patientPreference?.replace('_', ' ') ?? 'not recorded'}.
        </p>
        <p>{c.evaluation.reasons}</p>
        <p className="muted">
          MME is an estimate (CDC 2022); not for opioid rotation. Decision support in this tool does
          not replace clinical judgement.
        </p>
        <p className="signature">Signature: ______________________ Date: __________</p>
      </section>
    </article>
  );
}
