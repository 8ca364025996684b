import { useId, useMemo, useState } from 'react';
import type { Scenario } from '../../../models/scenario.ts';
import { LEAD_CATALOGUE, effectiveGenerator } from '../../../models/devices/index.ts';
import {
  CHARGE_DENSITY_LIMIT_UC_PER_CM2,
  DEFAULT_LOAD_OHM,
  SHANNON_K_LIMIT,
  formatNumber,
  summariseProgram,
  type ProgramSummary,
} from '../../../models/stimulation/index.ts';
import { usePlanner } from '../store.ts';
import { FindingLine } from './FieldMessages.tsx';
import { chargeSafetyFindings } from './SafetyStrip.tsx';
import './program.css';

/** µC per day in the unit that reads best. */
function formatChargePerDay(uc: number): string {
  if (uc >= 1e6) return `${formatNumber(uc / 1e6)} C`;
  if (uc >= 1e3) return `${formatNumber(uc / 1e3)} mC`;
  return `${formatNumber(uc)} µC`;
}

function formatK(k: number): string {
  return Number.isFinite(k) ? k.toFixed(2) : '—';
}

/**
 * Charge, charge density, Shannon k, power and battery figures of the scenario's program, with
 * the assumptions behind the estimates and every finding. Reads the planner store unless given
 * a scenario (for side-by-side comparison).
 */
export function SafetyPanel({ scenario: given }: { scenario?: Scenario } = {}) {
  const stored = usePlanner((s) => s.scenario);
  const scenario = given ?? stored;
  const headingId = useId();
  const loadId = useId();
  const [loadOhm, setLoadOhm] = useState(DEFAULT_LOAD_OHM);
  const generator = effectiveGenerator(scenario.program);
  const summary = useMemo(
    () =>
      generator
        ? summariseProgram(scenario.program, scenario.leads, LEAD_CATALOGUE, generator, { loadOhm })
        : null,
    [scenario, generator, loadOhm],
  );
  if (!generator || !summary) {
    return (
      <section className="safety-panel" aria-labelledby={headingId}>
        <h2 id={headingId}>Charge and safety</h2>
        <p className="pe-error-text">
          Generator “{scenario.program.generatorId}” is not in the catalogue: nothing to estimate.
        </p>
      </section>
    );
  }
  return (
    <section className="safety-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Charge and safety</h2>
      <ChargeFigures summary={summary} />
      <ContactTable summary={summary} />
      <h3>Power and battery (estimate)</h3>
      <div className="pe-field">
        <label htmlFor={loadId}>Load between contacts (Ω, nominal)</label>
        <input
          id={loadId}
          type="number"
          min={100}
          max={5000}
          step={10}
          value={loadOhm}
          onChange={(e) => {
            const v = Number(e.target.value);
            if (Number.isFinite(v) && v >= 100 && v <= 5000) setLoadOhm(v);
          }}
        />
      </div>
      <PowerFigures summary={summary} />
      <h3>Findings</h3>
      <FindingsList summary={summary} />
    </section>
  );
}

function ChargeFigures({ summary }: { summary: ProgramSummary }) {
  const { dose, maxDensityUcPerCm2: d, maxShannonK: k } = summary;
  const overD = d >= CHARGE_DENSITY_LIMIT_UC_PER_CM2;
  const overK = k >= SHANNON_K_LIMIT;
  const flagged = chargeSafetyFindings(summary.findings);
  return (
    <>
      <dl className="pe-figures">
        <dt>Charge per phase</dt>
        <dd>{formatNumber(dose.chargePerPhaseUc)} µC</dd>
        <dt>Pulses per second</dt>
        <dd>{formatNumber(dose.pulsesPerSecond)}</dd>
        <dt>Charge per second</dt>
        <dd>{formatNumber(dose.chargePerSecondUc)} µC/s</dd>
        <dt>Charge per day</dt>
        <dd>{formatChargePerDay(dose.chargePerDayUc)}</dd>
        <dt>Max charge density</dt>
        <dd className={overD ? 'pe-over' : 'pe-within'}>
          {formatNumber(d)} µC/cm² vs {CHARGE_DENSITY_LIMIT_UC_PER_CM2} µC/cm² line —{' '}
          {overD ? 'OVER' : 'within'}
        </dd>
        <dt>Max Shannon k</dt>
        <dd className={overK ? 'pe-over' : 'pe-within'}>
          {formatK(k)} vs {SHANNON_K_LIMIT} — {overK ? 'OVER' : 'within'}
        </dd>
      </dl>
      {flagged.length > 0 ? (
        <div className="pe-alert pe-alert-static">
          <p>
            <strong>Over a charge-safety line</strong> (allowed; check before use):
          </p>
          <ul>
            {flagged.map((f, i) => (
              <li key={i}>{f.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="pe-hint">
        Densities use geometric contact areas from nominal dimensions. 30 µC/cm² is a vendor
        programmer warning, not a damage threshold; Shannon k was fitted to cat cortex at 50 Hz
        (models/stimulation README).
      </p>
    </>
  );
}

function ContactTable({ summary }: { summary: ProgramSummary }) {
  if (summary.contacts.length === 0) return <p className="muted">No active contacts.</p>;
  const multi = summary.contacts.some((c) => c.groupIndex > 0);
  return (
    <div className="pe-table-wrap" tabIndex={0} role="region" aria-label="Charge per contact">
      <table className="pe-table">
        <caption>Per contact (primary phase)</caption>
        <thead>
          <tr>
            <th scope="col">Contact</th>
            {multi ? <th scope="col">Group</th> : null}
            <th scope="col">Polarity</th>
            <th scope="col">Current (mA)</th>
            <th scope="col">Charge (µC)</th>
            <th scope="col">Area (cm²)</th>
            <th scope="col">Density (µC/cm²)</th>
            <th scope="col">Shannon k</th>
          </tr>
        </thead>
        <tbody>
          {summary.contacts.map((c, i) => (
            <tr key={i}>
              <th scope="row">
                {c.leadId} #{c.contactIndex}
              </th>
              {multi ? <td>{c.groupIndex + 1}</td> : null}
              <td>{c.polarity}</td>
              <td>{formatNumber(c.currentMa)}</td>
              <td>{formatNumber(c.chargeUc)}</td>
              <td>
                {formatNumber(c.areaCm2)}
                {c.areaIsNominal ? ' (nominal)' : ''}
              </td>
              <td className={c.exceedsDensityLimit ? 'pe-over' : undefined}>
                {formatNumber(c.densityUcPerCm2)}
                {c.exceedsDensityLimit ? ' — over 30' : ''}
              </td>
              <td className={c.exceedsShannonLimit ? 'pe-over' : undefined}>
                {formatK(c.shannonK)}
                {c.exceedsShannonLimit ? ' — over 1.85' : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PowerFigures({ summary }: { summary: ProgramSummary }) {
  const p = summary.power;
  return (
    <>
      <dl className="pe-figures">
        <dt>Load voltage</dt>
        <dd className={p.complianceExceeded ? 'pe-over' : undefined}>
          {formatNumber(p.loadVoltageV)} V{p.complianceExceeded ? ' — above compliance' : ''}
        </dd>
        <dt>Output duty</dt>
        <dd>{formatNumber(p.outputDutyFraction * 100)} %</dd>
        <dt>Energy per phase</dt>
        <dd>
          {formatNumber(p.energyPerPhaseUj)} µJ (estimate)
          {p.complianceExceeded
            ? `, compliance-limited: ${formatNumber(p.programmedEnergyPerPhaseUj)} µJ at the programmed current`
            : ''}
        </dd>
        <dt>Power into tissue</dt>
        <dd>{formatNumber(p.loadPowerMw)} mW (estimate)</dd>
        <dt>Battery power</dt>
        <dd>
          {formatNumber(p.batteryPowerMw)} mW, {formatNumber(p.batteryCurrentUa)} µA (estimate)
        </dd>
        <dt>Battery life</dt>
        <dd>
          {formatNumber(p.batteryLifeDays)} days ({formatNumber(p.batteryLifeHours)} h) per charge
          or cell — estimate from nominal figures
        </dd>
      </dl>
      <details className="pe-assumptions" open>
        <summary>Assumptions behind the estimate</summary>
        <ul>
          {p.assumptions.map((a, i) => (
            <li key={i}>{a}</li>
          ))}
        </ul>
      </details>
    </>
  );
}

function FindingsList({ summary }: { summary: ProgramSummary }) {
  if (summary.findings.length === 0) {
    return <p className="pe-within">No findings: the program is inside the envelope and lines.</p>;
  }
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...summary.findings].sort((a, b) => order[a.severity] - order[b.severity]);
  return (
    <ul className="pe-findings pe-findings-panel">
      {sorted.map((f, i) => (
        <li key={`${f.code}-${i}`} className={`pe-${f.severity}`}>
          <FindingLine finding={f} />
        </li>
      ))}
    </ul>
  );
}
