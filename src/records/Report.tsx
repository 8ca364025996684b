import { useMemo } from 'react';
import { Link } from 'wouter';
import {
  diagnosisById,
  evaluateSelection,
  evaluateTrial,
  overlapPercent,
  diaryMme,
  payerReport,
  INSTRUMENTS,
  VERDICT_LABELS,
  type PatientCase,
} from '../../models/clinical/index.ts';
import { scoreSummary } from './sections/Instruments.tsx';
import { BodyMap } from './BodyMap.tsx';
import { DayChart, type Series } from './Chart.tsx';

const MRI_TEXT: Record<string, string> = {
  mr_conditional_full_body: 'MR Conditional, full body',
  mr_conditional_head_only: 'MR Conditional, head only',
  mr_unsafe: 'MR Unsafe',
  unknown: 'not known',
};
const yn = (v: boolean | null) => (v === null ? 'not recorded' : v ? 'yes' : 'no');
const STATUS_TEXT: Record<string, string> = {
  pass: 'met',
  fail: 'not met',
  unknown: 'not recorded',
  overridden: 'overridden',
  not_applicable: 'not applicable',
};

/**
 * The printable report: what a payer submission needs (conservative care, psychological
 * screen, selection verdict with rule outcomes and overrides, trial result), maps, program
 * table, outcome charts, the decision, and the implant, follow-ups and complications.
 */
export function Report({ c }: { c: PatientCase }) {
  const t = c.trial;
  const ev = evaluateTrial(c);
  const sel = evaluateSelection(c);
  const pr = payerReport(c);
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
        {t && (
          <p data-testid="report-trial-removal">
            Trial attempt {t.attempt}. Trial leads{' '}
            {t.removalDate ? `removed on ${t.removalDate}` : 'not recorded as removed'}
            {t.removalNote ? ` (${t.removalNote})` : ''}.
          </p>
        )}
      </header>

      <section aria-labelledby="r-care">
        <h2 id="r-care">Conservative care</h2>
        <table className="table" data-testid="report-care">
          <caption>
            Treatments tried before neuromodulation
            {pr.conservativeCare.totalWeeks !== null
              ? ` · ${pr.conservativeCare.totalWeeks} weeks in total`
              : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Treatment</th>
              <th scope="col">Class</th>
              <th scope="col">Dose</th>
              <th scope="col">Duration (weeks)</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {[...pr.conservativeCare.medications, ...pr.conservativeCare.nonDrug].map((r, i) => (
              <tr key={i}>
                <td>
                  {r.treatment}
                  {r.current ? ' (current)' : ''}
                </td>
                <td>{r.kind}</td>
                <td>{r.dose}</td>
                <td>{r.durationWeeks ?? '—'}</td>
                <td>{r.outcome}</td>
              </tr>
            ))}
            {pr.conservativeCare.medications.length + pr.conservativeCare.nonDrug.length === 0 && (
              <tr>
                <td colSpan={5}>No conservative care recorded.</td>
              </tr>
            )}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="r-psych">
        <h2 id="r-psych">Psychological screen and function</h2>
        <p data-testid="report-psych">
          Psychological evaluation:{' '}
          <strong>{pr.psychEval?.replaceAll('_', ' ') ?? 'not recorded'}</strong>.
        </p>
        <ul data-testid="report-screens">
          {pr.screens.map((x) => (
            <li key={x.instrument}>
              {x.name} ({x.date}): {scoreSummary(x.score)}
            </li>
          ))}
          {pr.screens.length === 0 && <li>No baseline PHQ-9, GAD-7, PCS or ODI recorded.</li>}
        </ul>
      </section>

      <section aria-labelledby="r-sel">
        <h2 id="r-sel">Candidate selection</h2>
        <p data-testid="report-verdict">
          <strong>{VERDICT_LABELS[pr.selection.verdict]}</strong> under{' '}
          {pr.selection.frameworkLabel}.
        </p>
        <table className="table rules">
          <caption>Rule outcomes, each with its source</caption>
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Severity</th>
              <th scope="col">Outcome</th>
              <th scope="col">Finding</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {pr.selection.outcomes.map((o) => (
              <tr key={o.ruleId} className={`rule-${o.status}`}>
                <td>{o.label}</td>
                <td>{o.severity}</td>
                <td>{STATUS_TEXT[o.status] ?? o.status}</td>
                <td>{o.message}</td>
                <td className="source">{o.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>Overrides</h3>
        {pr.selection.overrides.length ? (
          <ul data-testid="report-overrides">
            {pr.selection.overrides.map((o) => (
              <li key={o.ruleId}>
                {o.label}: overridden by {o.by || 'no clinician named'} on {o.at}; reason:{' '}
                {o.reason}
                {o.lifts ? '' : ' (incomplete: does not lift the rule)'}
              </li>
            ))}
          </ul>
        ) : (
          <p>No rule overridden.</p>
        )}
      </section>

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
            <dt>≥ 50 % relief</dt>
            <dd>{ev.meetsReliefRule === null ? '—' : ev.meetsReliefRule ? 'met' : 'not met'}</dd>
          </div>
          <div>
            <dt>Trial criterion</dt>
            <dd data-testid="report-criterion">
              {ev.meetsCriterion === null ? 'not known' : ev.meetsCriterion ? 'met' : 'not met'}
            </dd>
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
        <p className="muted">
          Criterion: {ev.criterion.text} [{ev.criterion.source}]
          {ev.conflicts.length ? ` Against an implant: ${ev.conflicts.join(' ')}` : ''}
        </p>
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
      </section>
      {pr.implant && <ImplantSummary pr={pr} />}
      <p className="signature">Signature: ______________________ Date: __________</p>
    </article>
  );
}

function ImplantSummary({ pr }: { pr: ReturnType<typeof payerReport> }) {
  const { implant: im, cptCodes } = pr.implant!;
  const ip = im.infectionPrevention;
  return (
    <section aria-labelledby="r-implant" data-testid="report-implant">
      <h2 id="r-implant">Permanent implant</h2>
      <p>
        {im.modality.replace('_', ' ')} implanted on {im.date}
        {im.surgeon ? ` by ${im.surgeon}` : ''}. Generator:{' '}
        {[im.generator.manufacturer, im.generator.model].filter(Boolean).join(' ') || '—'}
        {im.generator.serialNumber ? `, serial ${im.generator.serialNumber}` : ''}
        {im.generator.location ? `, ${im.generator.location}` : ''}. Leads:{' '}
        {im.leads
          .map(
            (l) =>
              `${l.label} (${l.approach}${l.model ? `, ${l.model}` : ''}) ${l.topLevel}–${l.bottomLevel}`,
          )
          .join('; ')}
        . Procedure codes (CPT): {cptCodes.join(', ')}. MRI status of the system:{' '}
        {MRI_TEXT[im.mriStatus] ?? im.mriStatus}.
      </p>
      <p>
        Infection prevention: antibiotic prophylaxis {yn(ip.antibioticProphylaxis)}
        {ip.antibioticAgent ? ` (${ip.antibioticAgent})` : ''}; skin preparation{' '}
        {ip.skinPreparation?.replaceAll('_', ' ') ?? 'not recorded'}; glucose{' '}
        {ip.glucoseMgDl === null ? 'not recorded' : `${ip.glucoseMgDl} mg/dL`}; tobacco stopped{' '}
        {yn(ip.smokingStopped)}.
      </p>
      <h3>Follow-up</h3>
      {pr.followUps.length ? (
        <table className="table" data-testid="report-follow-ups">
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Date</th>
              <th scope="col">Pain relief</th>
              <th scope="col">Instruments</th>
            </tr>
          </thead>
          <tbody>
            {pr.followUps.map((f) => (
              <tr key={f.month}>
                <td>{f.month}</td>
                <td>{f.visit?.date ?? '—'}</td>
                <td>{f.reliefPct === null ? '—' : `${f.reliefPct} %`}</td>
                <td>
                  {f.scores
                    .filter((x) => x.followUp)
                    .map((x) => `${INSTRUMENTS[x.instrument].name}: ${scoreSummary(x.followUp)}`)
                    .join('; ') || '—'}
                  {f.missing.length
                    ? ` (not recorded: ${f.missing.map((id) => id.toUpperCase()).join(', ')})`
                    : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>No follow-up recorded.</p>
      )}
      <h3>Complications, revisions and explant</h3>
      {pr.adverseEvents.length || pr.revisions.length ? (
        <ul data-testid="report-adverse-events">
          {pr.adverseEvents.map((a) => (
            <li key={a.id}>
              {a.date}: {a.kind.replaceAll('_', ' ')}, CTCAE grade {a.grade}
              {a.serious ? ', serious' : ''}; {a.outcome.replaceAll('_', ' ')}; action {a.action}.{' '}
              {a.description}
            </li>
          ))}
          {pr.revisions.map((r) => (
            <li key={r.id}>
              {r.date}: {r.kind.replaceAll('_', ' ')} of {r.components}: {r.reason}
            </li>
          ))}
        </ul>
      ) : (
        <p>None recorded.</p>
      )}
    </section>
  );
}
