import { hashString } from '../../models/field/cache.ts';
import { useMemo, useState } from 'react';
import { ROOTS, type Root } from '../../models/anatomy/dermatomes.ts';
import {
  safetyState,
  shownLabel,
  type PopulationResult,
  type RunResult,
  type SafetyLine,
} from '../../models/estimate/index.ts';
import {
  thresholdsByFibreType,
  comfortMarkers,
  sideEffectMarkers,
  dermatomesReached,
  painCoverage,
  recruitmentCurve,
  type PainDermatome,
} from '../../models/coverage.ts';
import type { Scenario } from '../../models/scenario.ts';
import { COVERED_SHARE, resultCoverage } from '../../models/estimate/propose.ts';
import {
  MOTOR_RESPONSE_SHARE,
  motorThreshold,
  MOTOR_POPULATION_IDS,
  type MotorThreshold,
} from '../../models/estimate/motorThreshold.ts';
import { NERVE_PRESETS } from '../../models/anatomy/nerve.ts';
import { Chart } from '../app/Chart.tsx';
import { useEstimates, useShownEstimate } from './estimates.ts';
import { useScenarioFibres } from './populations.ts';
import { usePlanner } from './store.ts';
import { BodyMapPanel } from './BodyMapPanel.tsx';

const POP_COLOURS = ['#1d5fbf', '#c2410c', '#7e22ce', '#047857', '#b45309', '#be185d', '#0e7490'];

function fmt(x: number | null | undefined, digits = 2): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits);
}

/** An amplitude in mA: two decimals from 1 mA, three significant digits below (DRG and PNS
 * thresholds near the electrode are µA). */
function fmtAmp(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return x >= 1 ? x.toFixed(2) : String(Number(x.toPrecision(3)));
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The program's safety state, beside the estimate (models/estimate/safety.ts). */
function SafetyState({ lines }: { lines: SafetyLine[] }) {
  if (lines.length === 0)
    return (
      <p className="small" data-testid="safety-state">
        Program within the generator's envelope and the charge-safety lines.
      </p>
    );
  const errors = lines.filter((l) => l.severity === 'error').length;
  return (
    <div role="alert" className="pe-alert safety-state" data-testid="safety-state">
      <p>
        <strong>
          {errors > 0
            ? 'Outside what the generator can deliver or over a safety line'
            : 'Check before use'}
          :
        </strong>{' '}
        the estimate below assumes the program as entered.
      </p>
      <ul className="small">
        {lines.map((l, i) => (
          <li key={`${l.code}-${i}`} data-code={l.code}>
            {l.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Whether lead moves across the section are answered without a solve (estimates.ts fillContactTable). */
function TableState() {
  const table = useEstimates((s) => s.table);
  const r = table.result;
  let text: string | null = null;
  if (table.filling)
    text = `Preparing instant lead moves: solving the contact table (${Math.round(table.progress * 100)} %)`;
  else if (r?.key)
    text = `Lead moves across the section answered without a solve: contact table of ${r.solved} positions ready`;
  else if (r && !r.key) text = `Lead moves across the section are solved each time: ${r.reason}`;
  if (!text) return null;
  return (
    <p
      className="small"
      data-testid="table-state"
      data-ready={r?.key && !table.filling ? 'yes' : 'no'}
    >
      {text}
    </p>
  );
}

function FidelityBadge({ result, stale }: { result: RunResult; stale: boolean }) {
  return (
    <p className="fidelity" data-testid="fidelity">
      <span className={`badge badge-${result.tier}`}>
        {result.tier === 'full'
          ? result.progress
            ? `Full model, filling in (${result.progress.doneFibres} of ${result.progress.totalFibres} fibres)`
            : 'Full model (cable thresholds)'
          : 'Instant estimate'}
      </span>
      {stale && <span className="badge badge-stale">out of date: updating</span>}
    </p>
  );
}

function RecruitmentChart({ result, scenario }: { result: RunResult; scenario: Scenario }) {
  const [by, setBy] = useState<'population' | 'type'>('population');
  const fibres = useScenarioFibres(scenario);
  const amp = result.populations[0]?.amplitudeMa ?? 1;
  const { perceptionMa, discomfortMa } = comfortMarkers(result);
  const motor = result.therapy === 'PNS' ? motorThreshold(result) : null;
  const motorMa = motor?.modelled ? motor.tenPercentMa : null;
  // wide enough to show the programmed amplitude, where recruitment starts and the motor marker
  const maxMa = Math.min(
    100,
    Math.max(
      amp * 2,
      (discomfortMa ?? 0) * 1.3,
      (perceptionMa ?? 0) * 2.5,
      (motorMa ?? 0) * 1.3,
      0.5,
    ),
  );
  const xs = Array.from({ length: 81 }, (_, i) => (maxMa * i) / 80);
  // the motor marker sits on the motor curve at its own amplitude
  const at = motorMa === null ? -1 : xs.findIndex((x) => x >= motorMa);
  if (motorMa !== null && at >= 0 && xs[at] !== motorMa) xs.splice(at, 0, motorMa);
  const groups: Array<{
    name: string;
    thresholdsMa: (number | null)[];
    windows?: PopulationResult['windows'];
  }> =
    by === 'type'
      ? thresholdsByFibreType(result, fibres.populations)
      : result.populations.map((p) => ({
          name: p.name,
          thresholdsMa: p.thresholdsMa,
          windows: p.windows,
        }));
  const data = [
    xs,
    ...groups.map((g) => recruitmentCurve(g.thresholdsMa, xs, g.windows).map((v) => v * 100)),
    ...(motorMa !== null
      ? [xs.map((x) => (x === motorMa ? 100 * MOTOR_RESPONSE_SHARE : null))]
      : []),
  ];
  const desc = groups
    .map(
      (g) =>
        `${g.name}: ${(recruitmentCurve(g.thresholdsMa, [amp], g.windows)[0]! * 100).toFixed(0)} % at ${fmt(amp, 1)} mA`,
    )
    .join('; ');
  return (
    <div>
      <label className="field small">
        <span>Curves by</span>
        <select value={by} onChange={(e) => setBy(e.target.value as 'population' | 'type')}>
          <option value="population">population</option>
          <option value="type">fibre type</option>
        </select>
      </label>
      <Chart
        title="Recruitment against amplitude"
        description={`Share of each fibre population recruited as the amplitude rises. ${desc}.`}
        xLabel="Amplitude (mA)"
        yLabel="Recruited (%)"
        yRange={[0, 100]}
        height={220}
        series={[
          ...groups.map((p, i) => ({
            label: p.name,
            stroke: POP_COLOURS[i % POP_COLOURS.length]!,
          })),
          ...(motorMa !== null
            ? [
                {
                  label: 'motor threshold (10 % of motor fibres)',
                  stroke: '#b91c1c',
                  pointsOnly: true,
                },
              ]
            : []),
        ]}
        data={data}
      />
      <p className="small" data-testid="comfort-markers">
        Programmed: <strong>{fmt(amp, 2)} mA</strong> · modelled perception{' '}
        <strong>{fmt(perceptionMa)} mA</strong> (first fibre recruited)
        {result.populations.some((p) => p.name.startsWith('dorsal roots')) && (
          <>
            {' '}
            · modelled discomfort <strong>{fmt(discomfortMa)} mA</strong> (10 % of dorsal-root
            fibres)
          </>
        )}
        {motor && <MotorMarker motor={motor} />}
      </p>
      {sideEffectMarkers(result)
        // a PNS plan's motor fibres have the motor-threshold marker above
        .filter((m) => !(motor && MOTOR_POPULATION_IDS.includes(m.id)))
        .map((m) => (
          <p key={m.id} className="small" data-testid="side-effect-marker">
            Side effect ({m.kind}): {m.name} from <strong>{fmtAmp(m.firstMa)} mA</strong> (first
            fibre recruited
            {m.firstMa === null ? ': none up to the search ceiling' : ''})
          </p>
        ))}
    </div>
  );
}

/** The motor-threshold marker of a PNS estimate (models/estimate/motorThreshold.ts). */
function MotorMarker({ motor }: { motor: MotorThreshold }) {
  if (!motor.modelled)
    return (
      <span data-testid="motor-threshold" data-modelled="no">
        {' '}
        · motor threshold: none ({motor.reason})
      </span>
    );
  return (
    <span data-testid="motor-threshold" data-modelled="yes">
      {' '}
      · modelled motor threshold <strong>{fmtAmp(motor.firstMa)} mA</strong> (first motor fibre),{' '}
      <strong>{fmtAmp(motor.tenPercentMa)} mA</strong> (10 % of {motor.fibres} motor fibres)
      {motor.firesAtProgram ? ': motor fibres fire at the programmed amplitude' : ''}
      {motor.tier === 'instant' ? ' (instant tier, not calibrated in fascicles)' : ''}
    </span>
  );
}

/** Where the instant tier is not validated in this result, from its notes (models/pipeline.ts). */
function uncalibrated(r: RunResult): string[] {
  const out: string[] = [];
  let fibres = 0;
  for (const n of r.notes) {
    const m = /^instant tier: (\d+) of \d+ fibres/.exec(n);
    if (m) fibres += Number(m[1]);
  }
  if (fibres > 0) out.push(`${fibres} fibres lie outside its calibration`);
  if (r.notes.some((n) => n.includes('have no instant calibration'))) {
    out.push('DRG C neurons have no instant tier (they read "not reached")');
  }
  if (r.notes.some((n) => n.startsWith('instant tier inside fascicles'))) {
    out.push('inside fascicles it is not calibrated and reads up to 5× high');
  }
  return out;
}

/** Fibres of a population that fall quiet again above their threshold (full tier). */
function windowCount(p: PopulationResult): number {
  return (p.windows ?? []).filter((w) => w !== null).length;
}

export function ThresholdTable({ result }: { result: RunResult }) {
  const full = result.tier === 'full';
  const windowed = result.populations.flatMap((p) =>
    (p.windows ?? []).flatMap((w, i) => (w ? [{ w, t: p.thresholdsMa[i] ?? null, p }] : [])),
  );
  const scanTo = result.populations.find((p) => p.windowScanToMa !== undefined)?.windowScanToMa;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Thresholds per population">
      <table className="results-table" data-testid="threshold-table">
        <caption>Thresholds per population (mA of program amplitude)</caption>
        <thead>
          <tr>
            <th scope="col">Population</th>
            <th scope="col">Fibres</th>
            <th scope="col">Lowest</th>
            <th scope="col">Median</th>
            <th scope="col">Recruited now</th>
          </tr>
        </thead>
        <tbody>
          {result.populations.map((p) => {
            const t = p.thresholdsMa.filter((x): x is number => x !== null);
            return (
              <tr key={p.name}>
                <th scope="row">
                  {p.name} <span className="muted">({p.fibreType})</span>
                  {windowCount(p) > 0 && (
                    <span className="small" data-testid="window-count">
                      {' '}
                      · {windowCount(p)} with a window
                    </span>
                  )}
                </th>
                <td>{p.fibreCount}</td>
                <td>{fmtAmp(t.length ? Math.min(...t) : null)}</td>
                <td>{fmtAmp(median(t))}</td>
                <td>{(p.shareActivated * 100).toFixed(1)} %</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="small" data-testid="threshold-definition">
        Threshold: the lowest amplitude that fires the fibre, proved by a quiet trial below it in
        which no node fired.{' '}
        {full && scanTo !== undefined && (
          <>
            Windows: fibres that fall quiet again above their threshold (block near the electrode),
            looked for up to {fmt(scanTo, 1)} mA in ×1.5 steps.{' '}
            {windowed.length === 0
              ? 'None found.'
              : `${windowed.length} fibre${windowed.length === 1 ? '' : 's'} with a window, e.g. fires from ${fmtAmp(windowed[0]!.t)} mA, quiet from ${fmtAmp(windowed[0]!.w.quietFromMa)} mA${windowed[0]!.w.firesAgainMa !== null ? `, fires again from ${fmtAmp(windowed[0]!.w.firesAgainMa)} mA` : ` up to ${fmt(scanTo, 1)} mA at least`}; they count as not recruited inside it.`}
          </>
        )}
        {!full &&
          'The instant tier assumes a fibre fires at every amplitude above it; windows show in the full tier.'}
      </p>
    </div>
  );
}

function PainMapPicker({ scenario }: { scenario: Scenario }) {
  const update = usePlanner((s) => s.update);
  const selected = new Set(scenario.painMap.map((p) => `${p.root}:${p.side}`));
  const roots: Root[] =
    scenario.anatomy.kind === 'spine'
      ? [...ROOTS]
      : scenario.anatomy.kind === 'drg'
        ? ROOTS.filter((r) => /^(T1[0-2]|L\d|S\d)$/.test(r))
        : [];
  if (roots.length === 0) return null;
  const toggle = (root: Root, side: 'left' | 'right') =>
    update((s) => {
      const k = `${root}:${side}`;
      const painMap = selected.has(k)
        ? s.painMap.filter((p) => `${p.root}:${p.side}` !== k)
        : [...s.painMap, { root, side }];
      return { ...s, painMap };
    });
  return (
    <details className="pain-picker">
      <summary>
        Pain map (dermatomes):{' '}
        {scenario.painMap.length
          ? scenario.painMap.map((p) => `${p.root} ${p.side[0]!.toUpperCase()}`).join(', ')
          : 'none'}
      </summary>
      <div className="pain-grid" role="group" aria-label="Pain dermatomes">
        {roots.map((root) => (
          <span key={root} className="pain-row">
            <span className="pain-root">{root}</span>
            {(['left', 'right'] as const).map((side) => (
              <label key={side}>
                <input
                  type="checkbox"
                  checked={selected.has(`${root}:${side}`)}
                  onChange={() => toggle(root, side)}
                />
                {side === 'left' ? 'L' : 'R'}
                <span className="sr-only">
                  {' '}
                  {root} {side}
                </span>
              </label>
            ))}
          </span>
        ))}
      </div>
    </details>
  );
}

function CoveragePanel({ scenario, result }: { scenario: Scenario; result: RunResult }) {
  const fibres = useScenarioFibres(scenario);
  const hits = useMemo(
    () => dermatomesReached(scenario, fibres.resolved, result, fibres.populations),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [fibres, result],
  );
  const pain: PainDermatome[] = scenario.painMap;
  const cov = painCoverage(hits, pain);
  // spine plans: the share of each pain dermatome's fibres, the rule the Propose tab uses
  const shares = useMemo(
    () =>
      scenario.anatomy.kind === 'spine' && pain.length > 0
        ? resultCoverage(scenario, result, pain)
        : null,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [fibres, result, pain],
  );
  return (
    <section aria-labelledby="coverage-heading">
      <h3 id="coverage-heading">Dermatomes reached</h3>
      {scenario.anatomy.kind === 'nerve' ? (
        <p className="small">
          Peripheral fibres: coverage is the territory of the{' '}
          {NERVE_PRESETS[scenario.anatomy.target].label}.
        </p>
      ) : hits.length === 0 ? (
        <p className="small muted" data-testid="coverage">
          No fibre is recruited at this amplitude.
        </p>
      ) : (
        <ul className="chips" data-testid="coverage">
          {hits.map((h) => (
            <li
              key={`${h.root}-${h.side}`}
              className={
                pain.some((p) => p.root === h.root && p.side === h.side) ? 'chip chip-pain' : 'chip'
              }
            >
              {h.root} {h.side === 'left' ? 'L' : 'R'} <span className="muted">({h.fibres})</span>
            </li>
          ))}
        </ul>
      )}
      <PainMapPicker scenario={scenario} />
      {pain.length > 0 && scenario.anatomy.kind === 'spine' && shares ? (
        <p className="small" data-testid="pain-coverage">
          Pain map covered: <strong>{(shares.coverage * 100).toFixed(0)} %</strong> of its
          dorsal-column fibres (mean over {pain.length} dermatome{pain.length === 1 ? '' : 's'}:{' '}
          {shares.shares
            .map(
              (x) =>
                `${x.dermatome.root} ${x.dermatome.side[0]!.toUpperCase()} ${(x.share * 100).toFixed(0)} %`,
            )
            .join(', ')}
          ); {shares.covered.length} of {pain.length} with at least {COVERED_SHARE * 100} % of their
          fibres · outside the pain map: {(shares.offTargetShare * 100).toFixed(0)} % of the other
          dorsal-column fibres · dorsal roots {(shares.dorsalRootShare * 100).toFixed(0)} %
        </p>
      ) : pain.length > 0 ? (
        <p className="small" data-testid="pain-coverage">
          Pain map covered: <strong>{(cov.fraction * 100).toFixed(0)} %</strong> (
          {cov.covered.length} of {pain.length})
          {cov.missed.length > 0 && (
            <>
              {' '}
              · missed: {cov.missed.map((m) => `${m.root} ${m.side[0]!.toUpperCase()}`).join(', ')}
            </>
          )}
          {cov.extra.length > 0 && <> · outside the pain map: {cov.extra.length}</>}
        </p>
      ) : null}
      <p className="small muted">
        Dermatomes follow a simplified somatotopy (dorsal roots by entry zone; dorsal columns
        laminated medial sacral → lateral local): a model, not a paraesthesia map.
      </p>
    </section>
  );
}

/** Estimates for the current scenario: tier badge, recruitment, thresholds, coverage, assumptions. */
export function ResultsPanel() {
  const scenario = usePlanner((s) => s.scenario);
  const instant = useEstimates((s) => s.instant);
  const full = useEstimates((s) => s.full);
  const view = useShownEstimate();
  const shown = view ? { r: view.result, stale: view.state === 'stale' } : null;
  const safety = useMemo(() => safetyState(scenario, view?.result ?? null), [scenario, view]);
  // an error belongs to the plan it was raised for; a later success clears it (estimates.ts)
  const error = full.error ?? instant.error;
  return (
    <section className="results" aria-labelledby="results-heading">
      <h2 id="results-heading">Estimate</h2>
      <p className="small" aria-live="polite" data-testid="estimate-status">
        {shownLabel(view, instant, full)}
      </p>
      {full.running && (
        <progress
          className="estimate-progress"
          aria-label="Full model progress"
          max={1}
          value={full.progress}
        />
      )}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      <TableState />
      <SafetyState lines={safety} />
      {shown ? (
        <div
          className={shown.stale ? 'estimate-body estimate-stale' : 'estimate-body'}
          data-testid="estimate-body"
          data-state={view?.state}
          data-plan-key={view ? hashString(view.key) : undefined}
          aria-busy={shown.stale}
        >
          <FidelityBadge result={shown.r} stale={shown.stale} />
          {shown.r.tier === 'instant' && uncalibrated(shown.r).length > 0 && (
            <p className="small nominal-badge" data-testid="instant-caveat">
              Instant tier not validated here: {uncalibrated(shown.r).join('; ')}. The full model is
              the answer.
            </p>
          )}
          <RecruitmentChart result={shown.r} scenario={scenario} />
          <ThresholdTable result={shown.r} />
          <CoveragePanel scenario={scenario} result={shown.r} />
          {scenario.anatomy.kind !== 'nerve' && (
            <BodyMapPanel scenario={scenario} result={shown.r} stale={shown.stale} />
          )}
          <details className="assumptions">
            <summary>Assumptions behind these numbers</summary>
            <ul className="small">
              <li>{shown.r.provenance.model}</li>
              <li>
                Fibre model {shown.r.provenance.settings.fibreModel},{' '}
                {shown.r.provenance.settings.fibresPerPopulation} fibres per population (seed{' '}
                {shown.r.provenance.settings.seed}), dt {shown.r.provenance.settings.dtUs} µs,
                conductivities “{shown.r.provenance.settings.conductivityPreset}”.
              </li>
              <li>
                {shown.r.tier === 'instant'
                  ? 'Instant tier: thresholds predicted from the field along each fibre, calibrated against the cable model on straight fibres. Against it, by regime: cathodic and biphasic pulses 0.6–1.5 % in the median, at most 3.5 %, from 0.1 to 4 mm and 20 to 2000 µs; anodic pulses 1–10 % in the median, up to 15 %. In the default plans: dorsal columns and roots within 8 % at 210 µs and 20 % at 1 ms; DRG neurons (it sees the through axon only, not the stem and soma) 8 % low in the median, most between 13 % and 2 % low; inside PNS fascicles it is not calibrated (up to 5× high). It never sees windows. The full tier, which follows, is the reference.'
                  : 'Full tier: cable-model threshold search per fibre; DRG neurons with their stem, initial segment and soma.'}
              </li>
              <li>
                Lead and anatomy dimensions are nominal unless stated; the generator case, when
                used, is a distant ground.
              </li>
              {shown.r.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
              <li>
                Lead fields: {shown.r.field.solver}, {shown.r.field.gridNodes} grid nodes ×{' '}
                {shown.r.field.wavenumbers} wavenumbers
                {shown.r.field.fromCache ? ' (from cache)' : ''}; app{' '}
                {shown.r.provenance.appVersion},{' '}
                {new Date(shown.r.provenance.time).toLocaleString()}.
              </li>
            </ul>
          </details>
        </div>
      ) : (
        !error && <p className="muted">Computing the first estimate…</p>
      )}
    </section>
  );
}
