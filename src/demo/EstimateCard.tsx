import { useEffect, useState } from 'react';
import type { RunResult } from '../../models/estimate/index.ts';
import type { Scenario } from '../../models/scenario.ts';
import { TaskStatus, usePoolTask } from '../learn/components/usePoolTask.tsx';
import { DEMO_TIER, demoCharge, replayable, type DemoCharge } from './estimate.ts';
import { contentHash, shortHash } from './resultHash.ts';

export interface EstimateOutcome {
  result: RunResult;
  charge: DemoCharge;
  hash: string;
}

/** Runs the planner's estimate of a scenario on the pool and hashes its replayable part. */
export function useEstimate(scenario: Scenario, label: string) {
  const { state, run } = usePoolTask('estimate.run', label);
  const [outcome, setOutcome] = useState<EstimateOutcome | null>(null);
  const key = JSON.stringify(scenario);
  useEffect(() => {
    let live = true;
    setOutcome(null);
    const timer = setTimeout(() => {
      void run({ scenario, tier: DEMO_TIER, contactTables: false }).then(async (result) => {
        if (!result || !live) return;
        const charge = demoCharge(scenario);
        const hash = await contentHash(replayable(scenario, result, charge));
        if (live) setOutcome({ result, charge, hash });
      });
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // the scenario's content is the dependency
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, run]);
  return { state, outcome };
}

const pct = (x: number) => `${(x * 100).toFixed(0)} %`;

export function EstimateCard({
  title,
  scenario,
  testId,
  onOutcome,
}: {
  title: string;
  scenario: Scenario;
  testId: string;
  onOutcome?: (o: EstimateOutcome | null) => void;
}) {
  const { state, outcome } = useEstimate(scenario, `Demo estimate ${title}`);
  useEffect(() => onOutcome?.(outcome), [outcome, onOutcome]);
  const r = outcome?.result;
  const c = outcome?.charge;
  const p = scenario.program;
  return (
    <section className="estimate" aria-label={`Estimate ${title}`} data-testid={testId}>
      <h3>{title}</h3>
      <p className="scenario-name">{scenario.name}</p>
      <p>
        {scenario.therapy}, {p.amplitudeMa} mA, {p.pulseWidthUs} µs, {p.rateHz} Hz
      </p>
      {state.status !== 'done' ? <TaskStatus state={state} /> : null}
      {r && c && outcome ? (
        <>
          <table className="numbers">
            <caption>
              Fibres activated ({r.tier} tier, {r.field.solver} lead fields)
            </caption>
            <thead>
              <tr>
                <th scope="col">population</th>
                <th scope="col">activated</th>
              </tr>
            </thead>
            <tbody>
              {r.populations.map((pop) => (
                <tr key={pop.name}>
                  <th scope="row">{pop.name}</th>
                  <td>
                    <span className="share-bar" aria-hidden="true">
                      <span style={{ width: `${pop.shareActivated * 100}%` }} />
                    </span>{' '}
                    <strong data-testid={`${testId}-share`}>{pct(pop.shareActivated)}</strong> of{' '}
                    {pop.fibreCount}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            Charge {c.chargePerPhaseUc.toFixed(3)} µC per phase, {c.chargePerSecondUc.toFixed(1)}{' '}
            µC/s; highest density {c.maxDensityUcPerCm2.toFixed(1)} µC/cm² (Shannon k{' '}
            {c.maxShannonK.toFixed(2)}){c.flagged ? ' — over a safety line' : ''}.
          </p>
          {r.notes.length ? (
            <ul className="notes">
              {r.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          ) : null}
          <p className="hash">
            Result hash (SHA-256):{' '}
            <code data-testid={`${testId}-hash`} title={outcome.hash}>
              {shortHash(outcome.hash)}
            </code>
            <span className="visually-hidden" data-testid={`${testId}-hash-full`}>
              {outcome.hash}
            </span>
          </p>
        </>
      ) : null}
    </section>
  );
}
