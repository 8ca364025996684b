import { useMemo, useState } from 'react';
import { waveformTimeline } from '../../models/response/paradigm.ts';
import { previewWindowUs } from '../../models/stimulation/index.ts';
import { resolveSpine } from '../../models/anatomy/index.ts';
import type { Scenario } from '../../models/scenario.ts';
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

/** Lead-to-cord distance of an SCS plan: dorsal CSF + dura + the lead's radius (mm). */
function leadCordDistanceMm(s: Scenario): number {
  if (s.anatomy.kind !== 'spine') return 3;
  const spine = resolveSpine(s.anatomy);
  const lead = s.leads[0];
  return lead ? Math.max(0.5, lead.tipMm.yMm - spine.cordDorsalYMm) : spine.dorsalCsfThicknessMm;
}

/** Straight dorsal-column MRG axons of several sizes under a point source at the lead–cord distance. */
function trainPayload(s: Scenario) {
  const distanceMm = leadCordDistanceMm(s);
  const diameters = [5.7, 7.3, 8.7, 10, 11.5, 12.8, 14, 16]; // the MRG geometry table (McIntyre 2002)
  const khz = s.program.waveform.kind === 'khz';
  return {
    program: s.program,
    windowMs: khz ? 20 : 120,
    fibers: diameters.map((d) => ({
      id: `${d} µm`,
      model: 'mrg-interp',
      diameterUm: d,
      nodes: 31,
      passiveEndNodes: true,
      // CSF conductivity between lead and cord (anatomy.md §6)
      field: { kind: 'point-source', distanceMm, sigmaSPerM: 1.7 },
    })),
  };
}

interface TrainResult {
  windowMs: number;
  pulseStartsMs: number[];
  fibers: { id: string; diameterUm: number; spikesMs: number[] }[];
  paradigm: string;
}

interface EcapResult {
  trace?: {
    timeMs: number[];
    ecapUv: number[];
    features: import('../../models/response/ecap.ts').EcapFeatures;
    amplitudeMa: number;
    dcsfMm: number;
  };
}

/** The program in time: its pulse train, fibres firing under it, the ECAP, and the closed loop. */
export function ParadigmPanel() {
  const scenario = usePlanner((s) => s.scenario);
  const program = scenario.program;
  const timeline = useMemo(() => {
    const windowMs = Math.min(200, Math.max(2, (previewWindowUs(program) / 1000) * 2));
    return waveformTimeline(program, windowMs);
  }, [program]);
  const train = useJob<TrainResult>('response.train', 'Fibres under the train');
  const ecap = useJob<EcapResult>('response.ecap', 'ECAP');
  const loop = useJob<import('./paradigm/ClosedLoopPlot.tsx').ClosedLoopPlotProps['result']>(
    'response.closedLoop',
    'Closed-loop timeline',
  );
  const dcsf =
    scenario.anatomy.kind === 'spine' ? resolveSpine(scenario.anatomy).dorsalCsfThicknessMm : 4;
  const isSpine = scenario.anatomy.kind === 'spine';
  return (
    <section aria-labelledby="paradigm-heading" className="paradigm-panel">
      <h2 id="paradigm-heading">The program in time</h2>
      <WaveformTimeline data={timeline} />

      <h3>Fibres under the train</h3>
      <p className="small muted">
        Eight straight MRG axons (5.7–16 µm) under a point source at the lead–cord distance (
        {leadCordDistanceMm(scenario).toFixed(1)} mm, CSF 1.7 S/m): what each fibre does pulse by
        pulse — following, dropping pulses, onset firing and block at kHz.
      </p>
      <button
        type="button"
        onClick={() => train.run(trainPayload(scenario))}
        disabled={train.job.state === 'running'}
      >
        {train.job.state === 'running' ? 'Simulating…' : 'Simulate fibres'}
      </button>
      {train.job.state === 'error' && (
        <p role="alert" className="field-error">
          {train.job.message}
        </p>
      )}
      {train.job.state === 'done' && (
        <FiringRaster
          fibers={train.job.value.fibers}
          windowMs={train.job.value.windowMs}
          pulseStartsMs={train.job.value.pulseStartsMs}
        />
      )}

      {isSpine && (
        <>
          <h3>Evoked compound action potential</h3>
          <button
            type="button"
            disabled={ecap.job.state === 'running'}
            onClick={() =>
              ecap.run({
                amplitudesMa: [
                  0,
                  program.amplitudeMa / 2,
                  program.amplitudeMa,
                  program.amplitudeMa * 1.5,
                ],
                dcsfMm: [dcsf],
                traceAt: { amplitudeMa: program.amplitudeMa, dcsfMm: dcsf },
              })
            }
          >
            {ecap.job.state === 'running' ? 'Computing…' : 'Compute the ECAP'}
          </button>
          {ecap.job.state === 'error' && (
            <p role="alert" className="field-error">
              {ecap.job.message}
            </p>
          )}
          {ecap.job.state === 'done' && ecap.job.value.trace && (
            <EcapTrace
              timeMs={ecap.job.value.trace.timeMs}
              ecapUv={ecap.job.value.trace.ecapUv}
              features={ecap.job.value.trace.features}
              amplitudeMa={ecap.job.value.trace.amplitudeMa}
              dcsfMm={ecap.job.value.trace.dcsfMm}
              tier="full"
            />
          )}

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
