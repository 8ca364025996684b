import { useMemo, useState } from 'react';
import { waveformTimeline } from '../../models/response/paradigm.ts';
import { previewWindowUs } from '../../models/stimulation/index.ts';
import type { ScenarioResponse } from '../../models/scenarioResponse.ts';
import { ecapFeatures } from '../../models/response/ecap.ts';
import { WaveformTimeline } from './paradigm/WaveformTimeline.tsx';
import { FiringRaster } from './paradigm/FiringRaster.tsx';
import { EcapTrace } from './paradigm/EcapTrace.tsx';
import { ClosedLoopPlot } from './paradigm/ClosedLoopPlot.tsx';
import { computePool } from '../compute/client.ts';
import { usePlanner } from './store.ts';

type Job<T> =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; value: T }
  | { state: 'error'; message: string };

/** Runs one pool task per button press; a newer press supersedes the older run. */
function useJob<T>(kind: string, label: string) {
  const [job, setJob] = useState<Job<T>>({ state: 'idle' });
  const [controller, setController] = useState<AbortController | null>(null);
  const run = (payload: unknown) => {
    controller?.abort();
    const ac = new AbortController();
    setController(ac);
    setJob({ state: 'running' });
    computePool()
      .run<T>(kind, payload, { priority: 'normal', signal: ac.signal, label, deadlineMs: 300_000 })
      .then((value) => setJob({ state: 'done', value }))
      .catch((e: unknown) => setJob({ state: 'error', message: (e as Error).message }));
  };
  return { job, run };
}

/** The program in time: its pulse train, fibres firing under it, the ECAP, and the closed loop. */
export function ParadigmPanel() {
  const scenario = usePlanner((s) => s.scenario);
  const program = scenario.program;
  const timeline = useMemo(() => {
    const windowMs = Math.min(200, Math.max(2, (previewWindowUs(program) / 1000) * 2));
    return waveformTimeline(program, windowMs);
  }, [program]);
  const response = useJob<ScenarioResponse>('estimate.response', 'Fibres and ECAP in time');
  const loop = useJob<import('./paradigm/ClosedLoopPlot.tsx').ClosedLoopPlotProps['result']>(
    'response.closedLoop',
    'Closed-loop timeline',
  );
  const isSpine = scenario.anatomy.kind === 'spine';
  const windowMs = program.waveform.kind === 'khz' ? 20 : 120;
  const done = response.job.state === 'done' ? response.job.value : null;
  const rasterFibres =
    done?.train?.populations.flatMap((p) =>
      p.fibres.map((f) => ({ ...f, id: `${p.name}: ${f.diameterUm.toFixed(1)} µm` })),
    ) ?? [];
  // the recording contact with the largest ECAP
  const ecapBest = done?.ecap
    ? done.ecap.amplitudesUv.indexOf(Math.max(...done.ecap.amplitudesUv))
    : -1;
  const ecapTrace = done?.ecap && ecapBest >= 0 ? done.ecap.tracesUv[ecapBest]! : null;
  return (
    <section aria-labelledby="paradigm-heading" className="paradigm-panel">
      <h2 id="paradigm-heading">The program in time</h2>
      <WaveformTimeline data={timeline} />

      <h3>Fibres under the train</h3>
      <p className="small muted">
        The most excitable fibres of each population, driven through the scenario&apos;s own lead
        fields by {windowMs} ms of this program: following, dropped pulses, onset firing and block.
        The ECAP is recorded on the lead&apos;s non-stimulating contacts from these fibres, each
        scaled to the fibres it stands for where the population&apos;s density is known (the dorsal
        columns, Feirabend et al. 2002); the roots add unscaled.
      </p>
      <button
        type="button"
        onClick={() =>
          response.run({ scenario, trainWindowMs: windowMs, ecap: isSpine, fibresPerPopulation: 6 })
        }
        disabled={response.job.state === 'running'}
      >
        {response.job.state === 'running' ? 'Simulating…' : 'Simulate fibres'}
      </button>
      {response.job.state === 'error' && (
        <p role="alert" className="field-error">
          {response.job.message}
        </p>
      )}
      {done?.train && (
        <FiringRaster
          fibers={rasterFibres}
          windowMs={done.train.windowMs}
          pulseStartsMs={done.train.pulseStartsMs}
        />
      )}
      {done?.ecap && ecapTrace && (
        <EcapTrace
          timeMs={done.ecap.timeMs}
          ecapUv={ecapTrace}
          features={ecapFeatures(
            Float64Array.from(ecapTrace),
            Float64Array.from(done.ecap.timeMs),
            (2 * program.pulseWidthUs) / 1000,
          )}
          amplitudeMa={program.amplitudeMa}
          tier="full"
          title={`ECAP on lead contact ${done.ecap.recordingContacts[ecapBest]!.contactIndex} (${done.ecap.activatedFibres} of ${done.ecap.simulatedFibres} simulated fibres fire)`}
        />
      )}
      {done?.ecap && (
        <ul className="small muted" data-testid="ecap-scaling">
          {done.ecap.scaling.map((p) => (
            <li key={p.population}>
              {p.population}:{' '}
              {p.representsFibres !== undefined
                ? `${p.simulated} simulated fibres stand for the ${p.firingFibres} of ${p.representsFibres} fibres the instant tier says fire (${p.source}); each counts ×${p.weight.toFixed(0)}`
                : `${p.simulated} simulated fibres, unscaled (no fibre density known)`}
            </li>
          ))}
        </ul>
      )}

      {isSpine && (
        <>
          <h3>Closed loop over posture changes and a cough</h3>
          <button
            type="button"
            disabled={loop.job.state === 'running'}
            onClick={() =>
              loop.run({
                loop:
                  program.waveform.kind === 'closed-loop'
                    ? {
                        targetEcapUv: program.waveform.targetEcapUv,
                        updateRateHz: program.waveform.updateRateHz,
                        pulseRateHz: program.rateHz,
                      }
                    : { pulseRateHz: program.rateHz },
              })
            }
          >
            {loop.job.state === 'running' ? 'Simulating…' : 'Simulate open vs closed loop'}
          </button>
          {loop.job.state === 'error' && (
            <p role="alert" className="field-error">
              {loop.job.message}
            </p>
          )}
          {loop.job.state === 'done' && <ClosedLoopPlot result={loop.job.value} />}
        </>
      )}
    </section>
  );
}
