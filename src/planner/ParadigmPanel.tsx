import { useMemo } from 'react';
import { waveformTimeline } from '../../models/response/paradigm.ts';
import { previewWindowUs } from '../../models/stimulation/index.ts';
import { ecapFeatures } from '../../models/response/ecap.ts';
import { WaveformTimeline } from './paradigm/WaveformTimeline.tsx';
import { FiringRaster } from './paradigm/FiringRaster.tsx';
import { EcapTrace } from './paradigm/EcapTrace.tsx';
import { ClosedLoopPlot } from './paradigm/ClosedLoopPlot.tsx';
import { useComputeTask } from '../compute/useComputeTask.ts';
import { usePlanner } from './store.ts';

/** The program in time: its pulse train, fibres firing under it, the ECAP, and the closed loop. */
export function ParadigmPanel() {
  const scenario = usePlanner((s) => s.scenario);
  const program = scenario.program;
  const timeline = useMemo(() => {
    const windowMs = Math.min(200, Math.max(2, (previewWindowUs(program) / 1000) * 2));
    return waveformTimeline(program, windowMs);
  }, [program]);
  const response = useComputeTask('estimate.response', 'Fibres and ECAP in time', {
    deadlineMs: 300_000,
  });
  const loop = useComputeTask('response.closedLoop', 'Closed-loop timeline', {
    deadlineMs: 300_000,
  });
  const isSpine = scenario.anatomy.kind === 'spine';
  const windowMs = program.waveform.kind === 'khz' ? 20 : 120;
  const done = response.state.status === 'done' ? response.state.result : null;
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
        disabled={response.state.status === 'running'}
      >
        {response.state.status === 'running' ? 'Simulating…' : 'Simulate fibres'}
      </button>
      {response.state.status === 'error' && (
        <p role="alert" className="field-error">
          {response.state.message}
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
            disabled={loop.state.status === 'running'}
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
            {loop.state.status === 'running' ? 'Simulating…' : 'Simulate open vs closed loop'}
          </button>
          {loop.state.status === 'error' && (
            <p role="alert" className="field-error">
              {loop.state.message}
            </p>
          )}
          {loop.state.status === 'done' && <ClosedLoopPlot result={loop.state.result} />}
        </>
      )}
    </section>
  );
}
