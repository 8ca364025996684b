import { create } from 'zustand';
import type { Scenario } from '../../models/scenario.ts';
import type { RunResult } from '../../models/estimate/index.ts';
import { effectiveGenerator, LEAD_CATALOGUE } from '../../models/devices/index.ts';
import { summariseProgram } from '../../models/stimulation/index.ts';
import { dermatomesReached, painCoverage } from '../../models/coverage.ts';
import { atAmplitude, estimateKey, useEstimates } from './estimates.ts';
import { scenarioFibres } from './populations.ts';
import { usePlanner } from './store.ts';
import { AbCurves } from '../demo/AbCurves.tsx';
import { demoUrl } from '../demo/demoLink.ts';

/** A program or placement pinned for comparison, with the estimate it had when pinned. */
export interface Pin {
  scenario: Scenario;
  result: RunResult | null;
}

interface CompareState {
  a: Pin | null;
  b: Pin | null;
  pin(slot: 'a' | 'b', pin: Pin): void;
  clear(): void;
}

export const useCompare = create<CompareState>((set) => ({
  a: null,
  b: null,
  pin: (slot, pin) => set({ [slot]: pin } as Partial<CompareState>),
  clear: () => set({ a: null, b: null }),
}));

export interface CompareRow {
  label: string;
  unit: string;
  a: number | null;
  b: number | null;
  digits: number;
}

/** The figures two pinned plans are compared on: recruitment, coverage, charge and energy. */
export function compareRows(a: Pin, b: Pin): CompareRow[] {
  const figures = (p: Pin) => {
    const s = p.scenario;
    const generator = effectiveGenerator(s.program);
    const summary = generator
      ? summariseProgram(s.program, s.leads, LEAD_CATALOGUE, generator)
      : null;
    const r = p.result ? atAmplitude(p.result, s.program.amplitudeMa) : null;
    const shares = new Map(r?.populations.map((x) => [x.name, x.shareActivated * 100]) ?? []);
    let coverage: number | null = null;
    if (r && s.painMap.length > 0) {
      const f = scenarioFibres(s);
      coverage =
        painCoverage(dermatomesReached(s, f.resolved, r, f.populations), s.painMap).fraction * 100;
    }
    return { s, summary, shares, coverage };
  };
  const fa = figures(a);
  const fb = figures(b);
  const rows: CompareRow[] = [
    {
      label: 'Amplitude',
      unit: 'mA',
      a: fa.s.program.amplitudeMa,
      b: fb.s.program.amplitudeMa,
      digits: 2,
    },
    {
      label: 'Pulse width',
      unit: 'µs',
      a: fa.s.program.pulseWidthUs,
      b: fb.s.program.pulseWidthUs,
      digits: 0,
    },
    { label: 'Rate', unit: 'Hz', a: fa.s.program.rateHz, b: fb.s.program.rateHz, digits: 0 },
  ];
  const names = [...new Set([...fa.shares.keys(), ...fb.shares.keys()])];
  for (const n of names)
    rows.push({
      label: `Recruited: ${n}`,
      unit: '%',
      a: fa.shares.get(n) ?? null,
      b: fb.shares.get(n) ?? null,
      digits: 1,
    });
  rows.push({ label: 'Pain map covered', unit: '%', a: fa.coverage, b: fb.coverage, digits: 0 });
  rows.push(
    {
      label: 'Charge per phase',
      unit: 'µC',
      a: fa.summary?.dose.chargePerPhaseUc ?? null,
      b: fb.summary?.dose.chargePerPhaseUc ?? null,
      digits: 3,
    },
    {
      label: 'Charge per second',
      unit: 'µC/s',
      a: fa.summary?.dose.chargePerSecondUc ?? null,
      b: fb.summary?.dose.chargePerSecondUc ?? null,
      digits: 1,
    },
    {
      label: 'Highest charge density',
      unit: 'µC/cm²',
      a: fa.summary?.maxDensityUcPerCm2 ?? null,
      b: fb.summary?.maxDensityUcPerCm2 ?? null,
      digits: 2,
    },
    {
      label: 'Power into tissue (estimate)',
      unit: 'mW',
      a: fa.summary?.power.loadPowerMw ?? null,
      b: fb.summary?.power.loadPowerMw ?? null,
      digits: 3,
    },
    {
      label: 'Battery power (estimate)',
      unit: 'mW',
      a: fa.summary?.power.batteryPowerMw ?? null,
      b: fb.summary?.power.batteryPowerMw ?? null,
      digits: 3,
    },
  );
  return rows;
}

function fmt(x: number | null, digits: number): string {
  return x === null || !Number.isFinite(x) ? '—' : x.toFixed(digits);
}

/** Pin the current plan as A or B and see the two side by side with their differences. */
export function ComparePanel() {
  const scenario = usePlanner((s) => s.scenario);
  const setScenario = usePlanner((s) => s.setScenario);
  const { a, b, pin, clear } = useCompare();
  const instant = useEstimates((s) => s.instant);
  const full = useEstimates((s) => s.full);
  const key = estimateKey(scenario);
  const current =
    full.result && full.resultFor === key
      ? full.result
      : instant.result && instant.resultFor === key
        ? instant.result
        : null;
  const rows = a && b ? compareRows(a, b) : [];
  return (
    <section className="compare" aria-labelledby="compare-heading">
      <h2 id="compare-heading">Compare two plans</h2>
      <p className="small muted">
        Pin the current plan as A, change the program or the lead placement, pin it as B. Each pin
        keeps the estimate it had (
        {current
          ? `${current.tier} tier available now`
          : 'wait for the estimate to pin its numbers'}
        ).
      </p>
      <div className="button-row">
        <button type="button" onClick={() => pin('a', { scenario, result: current })}>
          Pin current as A
        </button>
        <button type="button" onClick={() => pin('b', { scenario, result: current })}>
          Pin current as B
        </button>
        {(a || b) && (
          <button type="button" onClick={clear}>
            Clear
          </button>
        )}
      </div>
      <p className="small" data-testid="compare-pins">
        A: {a ? `${a.scenario.name} (${a.result?.tier ?? 'no estimate'})` : '—'} · B:{' '}
        {b ? `${b.scenario.name} (${b.result?.tier ?? 'no estimate'})` : '—'}
      </p>
      {a && b && (
        <>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Comparison of A and B">
            <table className="results-table" data-testid="compare-table">
              <caption>A and B side by side (B − A)</caption>
              <thead>
                <tr>
                  <th scope="col">Figure</th>
                  <th scope="col">A</th>
                  <th scope="col">B</th>
                  <th scope="col">B − A</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.label}>
                    <th scope="row">
                      {r.label} <span className="muted">({r.unit})</span>
                    </th>
                    <td>{fmt(r.a, r.digits)}</td>
                    <td>{fmt(r.b, r.digits)}</td>
                    <td>{r.a !== null && r.b !== null ? fmt(r.b - r.a, r.digits) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {a.result && b.result ? (
            <AbCurves
              a={a.result}
              b={b.result}
              amplitudeAMa={a.scenario.program.amplitudeMa}
              amplitudeBMa={b.scenario.program.amplitudeMa}
            />
          ) : null}
          <div className="button-row">
            <a
              href={demoUrl({ a: a.scenario, b: b.scenario }, window.location.origin)}
              data-testid="compare-open-demo"
            >
              Open as demo
            </a>
            <button type="button" onClick={() => setScenario(a.scenario)}>
              Open A in the planner
            </button>
            <button type="button" onClick={() => setScenario(b.scenario)}>
              Open B in the planner
            </button>
          </div>
        </>
      )}
    </section>
  );
}
