/**
 * Sensitivity of the estimate to what is least known about the patient's tissue: the same plan
 * with every conductivity set of models/anatomy (published ranges of epidural fat and dura) and,
 * for SCS, the dorsal CSF 1 mm thinner and thicker. Instant tier, run in the background pool.
 */
import { useState } from 'react';
import { CONDUCTIVITY_PRESETS, resolveAnatomy } from '../../models/anatomy/index.ts';
import { comfortMarkers } from '../../models/coverage.ts';
import type { Scenario } from '../../models/scenario.ts';
import { computePool } from '../compute/client.ts';
import pkg from '../../package.json';
import { withAnatomy } from '../../models/estimate/placement.ts';
import { atAmplitude } from './estimates.ts';
import { usePlanner } from './store.ts';

export interface Variant {
  label: string;
  description: string;
  scenario: Scenario;
}

/** The plan under each tissue assumption worth comparing. */
export function sensitivityVariants(s: Scenario): Variant[] {
  const out: Variant[] = Object.entries(CONDUCTIVITY_PRESETS).map(([id, p]) => ({
    label: id === 'default' ? 'default set' : id,
    description: p.description,
    scenario: { ...s, model: { ...s.model, conductivityPreset: id } },
  }));
  const r = resolveAnatomy(s.anatomy);
  if (s.anatomy.kind === 'spine' && r.kind === 'spine') {
    for (const d of [-1, 1]) {
      const dCsf = Math.round((r.dorsalCsfThicknessMm + d) * 10) / 10;
      if (dCsf < 1.5 || dCsf > 8.5) continue;
      out.push({
        label: `dorsal CSF ${dCsf} mm`,
        description: `dorsal CSF ${d < 0 ? '1 mm thinner' : '1 mm thicker'} than planned`,
        scenario: withAnatomy(s, { ...s.anatomy, dorsalCsfThicknessMm: dCsf }),
      });
    }
  }
  return out;
}

interface Row {
  label: string;
  description: string;
  perceptionMa: number | null;
  discomfortMa: number | null;
  /** share recruited at the programmed amplitude, per population */
  shares: { name: string; percent: number }[];
  error?: string;
}

const fmt = (x: number | null) => (x === null ? '—' : x.toFixed(2));

export function SensitivityPanel() {
  const scenario = usePlanner((s) => s.scenario);
  const [rows, setRows] = useState<Row[]>([]);
  const [status, setStatus] = useState('');
  const [running, setRunning] = useState(false);
  const run = async () => {
    const variants = sensitivityVariants(scenario);
    setRunning(true);
    setRows([]);
    const done: Row[] = [];
    for (const [i, v] of variants.entries()) {
      setStatus(`Estimating ${i + 1} of ${variants.length}: ${v.label}…`);
      try {
        const r = await computePool().run(
          'estimate.run',
          { scenario: v.scenario, tier: 'instant', appVersion: pkg.version },
          { priority: 'background', label: `Sensitivity: ${v.label}`, deadlineMs: 120_000 },
        );
        const at = atAmplitude(r, v.scenario.program.amplitudeMa);
        done.push({
          label: v.label,
          description: v.description,
          ...comfortMarkers(r),
          shares: at.populations.map((p) => ({ name: p.name, percent: p.shareActivated * 100 })),
        });
      } catch (e) {
        done.push({
          label: v.label,
          description: v.description,
          perceptionMa: null,
          discomfortMa: null,
          shares: [],
          error: (e as Error).message,
        });
      }
      setRows([...done]);
    }
    setStatus(`${variants.length} estimates done (instant tier).`);
    setRunning(false);
  };
  // the first population (dorsal columns, the DRG neurons, the first fascicle) at the programmed amplitude
  const names = (rows.find((r) => r.shares.length)?.shares.map((s) => s.name) ?? []).slice(0, 1);
  return (
    <section className="sensitivity" aria-labelledby="sensitivity-heading">
      <h3 id="sensitivity-heading">Sensitivity to the tissue</h3>
      <p className="muted small">
        The same plan with each published tissue set
        {scenario.anatomy.kind === 'spine' ? ' and the dorsal CSF 1 mm thinner and thicker' : ''}:
        how much the estimate rests on values imaging does not give.
      </p>
      <button type="button" onClick={() => void run()} disabled={running}>
        Run the sensitivity study
      </button>
      <p role="status" className="muted small">
        {status}
      </p>
      {rows.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Sensitivity results">
          <table data-testid="sensitivity-table">
            <caption className="sr-only">Estimate under each tissue assumption</caption>
            <thead>
              <tr>
                <th scope="col">Assumption</th>
                <th scope="col">Perception (mA)</th>
                <th scope="col">Discomfort (mA)</th>
                {names.map((n) => (
                  <th key={n} scope="col">
                    {n} now (%)
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.label}>
                  <th scope="row">
                    {r.label}
                    <span className="sr-only"> ({r.description})</span>
                  </th>
                  {r.error ? (
                    <td colSpan={2 + names.length}>{r.error}</td>
                  ) : (
                    <>
                      <td>{fmt(r.perceptionMa)}</td>
                      <td>{fmt(r.discomfortMa)}</td>
                      {names.map((n) => (
                        <td key={n}>
                          {(r.shares.find((s) => s.name === n)?.percent ?? 0).toFixed(1)}
                        </td>
                      ))}
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length > 0 && (
        <ul className="muted small">
          {rows.map((r) => (
            <li key={r.label}>
              <strong>{r.label}</strong>: {r.description}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
