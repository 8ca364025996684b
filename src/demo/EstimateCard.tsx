import { useEffect, useState } from 'react';
import type { Scenario } from '../../models/scenario.ts';
import type { DemoEstimate } from '../../workers/learn.tasks.ts';
import { TaskStatus, usePoolTask } from '../learn/components/usePoolTask.tsx';
import { contentHash, shortHash } from './resultHash.ts';

export interface EstimateOutcome {
  estimate: DemoEstimate;
  hash: string;
}

/** Computes the demo estimate of a scenario on the pool and its content hash. */
export function useEstimate(scenario: Scenario, label: string) {
  const { state, run } = usePoolTask<DemoEstimate>('learn.demoEstimate', label);
  const [outcome, setOutcome] = useState<EstimateOutcome | null>(null);
  const key = JSON.stringify(scenario);
  useEffect(() => {
    let live = true;
    setOutcome(null);
    const timer = setTimeout(() => {
      void run({ scenario }).then(async (estimate) => {
        if (!estimate || !live) return;
        const hash = await contentHash({ scenario, estimate });
        if (live) setOutcome({ estimate, hash });
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
  const e = outcome?.estimate;
  return (
    <section className="estimate" aria-label={`Estimate ${title}`} data-testid={testId}>
      <h3>{title}</h3>
      <p className="scenario-name">{scenario.name}</p>
      <p>
        {scenario.therapy}, {scenario.program.amplitudeMa} mA, {scenario.program.pulseWidthUs} µs,{' '}
        {scenario.program.rateHz} Hz
      </p>
      {state.status !== 'done' ? <TaskStatus state={state} /> : null}
      {e ? (
        <>
          <p className="big-number">
            <strong data-testid={`${testId}-activated`}>{e.activatedCount}</strong> of{' '}
            {e.fibres.length} model fibres activated
          </p>
          <table className="numbers">
            <caption>Thresholds (MRG, full tier, homogeneous σ {e.sigmaSPerM} S/m)</caption>
            <thead>
              <tr>
                <th scope="col">fibre</th>
                <th scope="col">threshold</th>
                <th scope="col">activated</th>
              </tr>
            </thead>
            <tbody>
              {e.fibres.map((f, i) => (
                <tr key={i}>
                  <th scope="row">
                    {f.diameterUm} µm, {f.label}
                  </th>
                  <td>{f.thresholdMa === null ? '> 100 mA' : `${f.thresholdMa} mA`}</td>
                  <td>{f.activated ? 'yes' : 'no'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            Charge {e.chargePerPhaseUc} µC per phase, {e.chargePerSecondUc} µC/s; highest density{' '}
            {Math.max(...e.contacts.map((c) => c.densityUcPerCm2)).toFixed(1)} µC/cm² (k{' '}
            {Math.max(...e.contacts.map((c) => c.shannonK)).toFixed(2)}).
          </p>
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
