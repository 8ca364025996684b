import { useState } from 'react';
import type { EcapResponse } from '../../../models/response/requests.ts';
import { Chart } from '../../app/Chart.tsx';
import { Choice, Slider } from '../components/Slider.tsx';
import { TaskStatus, usePoolTask } from '../components/usePoolTask.tsx';
import type { Lesson } from './types.ts';

/** Fibres simulated for the ECAP: fewer than the engine's default 60, so a recording takes seconds. */
const SAMPLE_COUNT = 30;
const AMPLITUDES_MA = Array.from({ length: 49 }, (_, i) => i * 0.25); // 0–12 mA
const DCSF_OPTIONS = ['2.5', '4', '5.5'] as const; // mm, within anatomy.md §1.3 ranges
type Dcsf = (typeof DCSF_OPTIONS)[number];
const CURVE_COLOURS = ['#a4161a', '#0b5d8c', '#1d6b35'] as const;

/** ECAP (µV) read off a growth curve at an amplitude (linear between grid points). */
function curveAt(curve: EcapResponse['growthCurves'][number], amplitudeMa: number): number {
  const a = curve.amplitudesMa;
  for (let i = 0; i < a.length - 1; i++) {
    const a0 = a[i] as number;
    const a1 = a[i + 1] as number;
    if (amplitudeMa >= a0 && amplitudeMa <= a1) {
      const f = (amplitudeMa - a0) / (a1 - a0);
      return (curve.ecapUv[i] as number) * (1 - f) + (curve.ecapUv[i + 1] as number) * f;
    }
  }
  return NaN;
}

function Body() {
  const [amplitudeMa, setAmplitude] = useState(8);
  const [dcsf, setDcsf] = useState<Dcsf>('2.5');
  const [targetUv, setTarget] = useState(20);
  const ecap = usePoolTask('response.ecap', 'ECAP growth curves');
  const loop = usePoolTask('response.closedLoop', 'Closed-loop timeline');

  const record = () =>
    void ecap.run({
      setup: { sampleCount: SAMPLE_COUNT },
      amplitudesMa: AMPLITUDES_MA,
      dcsfMm: DCSF_OPTIONS.map(Number),
      traceAt: { amplitudeMa, dcsfMm: Number(dcsf) },
    });
  const runLoop = () =>
    void loop.run({
      ecap: { sampleCount: SAMPLE_COUNT },
      loop: { targetEcapUv: targetUv, windowUv: { lowUv: targetUv / 2, highUv: targetUv * 2 } },
    });

  const e = ecap.state.status === 'done' ? ecap.state.result : null;
  const l = loop.state.status === 'done' ? loop.state.result : null;
  const curve = e?.growthCurves.find((g) => g.dcsfMm === Number(dcsf));
  const byDiameter = e ? [...e.fibres].sort((a, b) => a.diameterUm - b.diameterUm) : [];
  const offsetMm = 14; // the engine's default recording contact offset (models/response/ecap.ts)
  return (
    <>
      <section className="explain">
        <p>
          When SCS recruits dorsal-column fibres, their action potentials travel along the cord past
          the other contacts of the lead. The sum of their extracellular signals, recorded on a
          non-stimulating contact, is the <strong>evoked compound action potential</strong> (ECAP):
          a negative peak N1 and a positive P2, tens of microvolts. Each fibre arrives after a
          latency t = distance / conduction velocity, so large, fast fibres arrive first, and the
          ECAP grows as more fibres are recruited. Closed-loop devices measure the ECAP after every
          pulse (Saluda Evoke) or 50 times a second (Medtronic Inceptiv) and adjust the current to
          hold a target: when the cord moves closer to the lead (lying down, coughing) they turn the
          current down.
        </p>
        <p className="note">
          This lesson runs the project's ECAP engine (models/response) in the worker pool: a sample
          of {SAMPLE_COUNT} MRG dorsal-column fibres (diameters from the population model, scaled to
          the population count), each simulated once, its membrane currents recorded on a contact{' '}
          {offsetMm} mm away by reciprocity in a CSF-over-cord two-layer medium; thresholds from the
          instant tier. The closed loop runs on the ECAP surface (ECAP by amplitude and dCSF) over a
          10-second timeline of posture changes and a cough.
        </p>
      </section>
      <section className="controls" aria-label="ECAP recording">
        <Slider
          label="Stimulus amplitude"
          unit="mA"
          value={amplitudeMa}
          min={0}
          max={12}
          step={0.25}
          digits={2}
          onChange={setAmplitude}
        />
        <Choice
          legend="Dorsal CSF thickness"
          value={dcsf}
          onChange={setDcsf}
          options={DCSF_OPTIONS.map((d) => ({ value: d, label: `${d} mm` }))}
        />
        <button type="button" onClick={record}>
          Record the ECAP at this amplitude and dCSF
        </button>
      </section>
      <TaskStatus
        state={ecap.state}
        doneText="Computed on the worker pool (ECAP engine, instant-tier thresholds)."
      />
      {e ? (
        <>
          <div className="charts">
            <Chart
              title={`ECAP at ${e.trace?.amplitudeMa ?? '–'} mA, dCSF ${e.trace?.dcsfMm ?? '–'} mm`}
              description={
                e.trace && e.trace.features.amplitudeUv > 0
                  ? `N1 ${e.trace.features.n1Uv.toFixed(1)} µV at ${e.trace.features.n1LatencyMs.toFixed(2)} ms, N1–P2 ${e.trace.features.amplitudeUv.toFixed(1)} µV.`
                  : 'No fibre recruited at this amplitude: no ECAP.'
              }
              xLabel="time after pulse onset (ms)"
              yLabel="ECAP (µV)"
              series={[{ label: 'recorded ECAP', stroke: '#0b5d8c' }]}
              data={[e.trace?.timeMs ?? [], e.trace?.ecapUv ?? []]}
            />
            <Chart
              title="ECAP growth curves (N1–P2)"
              description={e.growthCurves
                .map((g) => `dCSF ${g.dcsfMm} mm: ECAP from ${g.ecapThresholdMa} mA`)
                .join('; ')}
              xLabel="amplitude (mA)"
              yLabel="ECAP (µV)"
              series={e.growthCurves.map((g, i) => ({
                label: `dCSF ${g.dcsfMm} mm`,
                stroke: CURVE_COLOURS[i % CURVE_COLOURS.length] as string,
              }))}
              data={[Array.from(AMPLITUDES_MA), ...e.growthCurves.map((g) => Array.from(g.ecapUv))]}
            />
          </div>
          <p role="status" data-testid="ecap-readout">
            {curve
              ? `From the growth curve: ${curveAt(curve, amplitudeMa).toFixed(1)} µV at ${amplitudeMa.toFixed(2)} mA with ${dcsf} mm of dorsal CSF (ECAP threshold ${curve.ecapThresholdMa} mA).`
              : ''}{' '}
            {e.trace && e.trace.features.amplitudeUv > 0
              ? `The recorded trace's N1 arrives ${e.trace.features.n1LatencyMs.toFixed(2)} ms after the pulse.`
              : ''}
          </p>
          <Chart
            title="Conduction velocity of the sampled fibres"
            description={`From ${byDiameter[0]?.conductionVelocityMPerS.toFixed(0)} m/s at ${byDiameter[0]?.diameterUm.toFixed(1)} µm to ${byDiameter[byDiameter.length - 1]?.conductionVelocityMPerS.toFixed(0)} m/s at ${byDiameter[byDiameter.length - 1]?.diameterUm.toFixed(1)} µm; latency at ${offsetMm} mm = ${offsetMm} / velocity.`}
            xLabel="fibre diameter (µm)"
            yLabel="velocity (m/s)"
            series={[{ label: 'sampled fibre', stroke: '#1d6b35', pointsOnly: true }]}
            data={[
              byDiameter.map((f) => f.diameterUm),
              byDiameter.map((f) =>
                Number.isFinite(f.conductionVelocityMPerS) ? f.conductionVelocityMPerS : null,
              ),
            ]}
            height={220}
          />
        </>
      ) : null}
      <section className="controls" aria-label="Closed loop">
        <Slider
          label="Closed-loop ECAP target"
          unit="µV"
          value={targetUv}
          min={5}
          max={40}
          step={5}
          digits={0}
          onChange={setTarget}
        />
        <button type="button" onClick={runLoop}>
          Run the 10-second posture timeline, open and closed loop
        </button>
      </section>
      <TaskStatus
        state={loop.state}
        doneText="Computed on the worker pool (ECAP surface and closed-loop timeline)."
      />
      {l ? (
        <>
          <div className="charts">
            <Chart
              title="ECAP over time: open against closed loop"
              description={`Time in the window: open loop ${(l.openLoop.timeInWindow * 100).toFixed(0)} %, closed loop ${(l.closedLoop.timeInWindow * 100).toFixed(0)} %.`}
              xLabel="time (s)"
              yLabel="ECAP (µV)"
              series={[
                { label: 'open loop', stroke: '#a4161a', width: 1.5 },
                { label: 'closed loop', stroke: '#0b5d8c', width: 1.5 },
                { label: 'target', stroke: '#8a5a00', dash: [6, 4], width: 1 },
              ]}
              data={[
                Array.from(l.timeS),
                Array.from(l.openLoop.ecapUv),
                Array.from(l.closedLoop.ecapUv),
                Array.from(l.timeS, () => l.setup.targetEcapUv),
              ]}
            />
            <Chart
              title="Amplitude and dorsal CSF over time"
              description={`Closed loop moves the amplitude between ${Math.min(...l.closedLoop.amplitudeMa).toFixed(1)} and ${Math.max(...l.closedLoop.amplitudeMa).toFixed(1)} mA as dCSF changes.`}
              xLabel="time (s)"
              yLabel="mA / mm"
              series={[
                { label: 'closed-loop amplitude (mA)', stroke: '#0b5d8c', width: 1.5 },
                { label: 'open-loop amplitude (mA)', stroke: '#a4161a', width: 1, dash: [4, 4] },
                { label: 'dCSF (mm)', stroke: '#1d6b35', width: 1.5 },
              ]}
              data={[
                Array.from(l.timeS),
                Array.from(l.closedLoop.amplitudeMa),
                Array.from(l.openLoop.amplitudeMa),
                Array.from(l.dcsfMm),
              ]}
            />
          </div>
          <p role="status" data-testid="ecap-loop">
            Time in the therapeutic window ({l.setup.windowUv.lowUv}–{l.setup.windowUv.highUv} µV):
            open loop {(l.openLoop.timeInWindow * 100).toFixed(0)} %, closed loop{' '}
            {(l.closedLoop.timeInWindow * 100).toFixed(0)} %. Mean error open{' '}
            {l.openLoop.meanAbsErrorUv.toFixed(1)} µV, closed{' '}
            {l.closedLoop.meanAbsErrorUv.toFixed(1)} µV.
          </p>
        </>
      ) : null}
    </>
  );
}

export const ecapLesson: Lesson = {
  meta: {
    slug: 'closed-loop-ecap',
    title: 'Closed loop and ECAPs',
    summary:
      'The evoked compound action potential on the ECAP engine: latency, growth with amplitude and dCSF, and holding it in closed loop.',
    sources: [
      {
        citation:
          'Saluda Evoke: ECAP after every pulse; 3 µV vs 68 µV mean deviation closed vs open loop; PMC11041592; FDA P190002D',
        note: 'clinical.md §3.1',
      },
      {
        citation: 'Medtronic Inceptiv: senses 50 times per second (MDDI 2023)',
        note: 'clinical.md §3.1',
      },
      {
        citation: 'Holsheimer et al. AJNR 1994 — dCSF at T11 grows by ≈ 2.2 mm prone',
        note: 'anatomy.md §1.3',
      },
      {
        citation: 'Feirabend et al. Brain 2002;125:1137 — dorsal-column fibre counts',
        note: 'anatomy.md §2.4',
      },
      {
        citation: 'Reciprocity for recording (Plonsey & Barr, Bioelectricity)',
        note: 'models/response/ecap.ts',
      },
    ],
    questions: [
      {
        id: 'ecap-latency',
        prompt:
          'The recording contact is moved from 14 mm to 28 mm from the stimulating contacts. The ECAP peak…',
        options: [
          { id: 'later', text: 'arrives about twice as late' },
          {
            id: 'earlier',
            text: 'arrives earlier',
            feedback:
              'The volley has farther to travel at the same conduction velocity, so it arrives later, about twice as late at twice the distance.',
          },
          {
            id: 'same',
            text: 'arrives at the same time',
            feedback:
              'Latency is distance divided by conduction velocity. At 28 mm the volley travels twice as far as at 14 mm, so the peak arrives about twice as late (and smaller, as fast and slow fibres spread apart).',
          },
        ],
        correctId: 'later',
        hint: 'The ECAP is a volley of action potentials that travels along the dorsal columns. What decides when it reaches the recording contact?',
        explanation: 'Latency = distance / conduction velocity.',
      },
      {
        id: 'ecap-first',
        prompt: 'Which fibres contribute the earliest part of the ECAP?',
        options: [
          { id: 'large', text: 'The largest, fastest fibres' },
          {
            id: 'small',
            text: 'The smallest fibres',
            feedback:
              'Smaller myelinated fibres conduct more slowly (velocity grows roughly in proportion to diameter), so their part of the ECAP arrives later. They also have higher thresholds and add little at comfortable amplitudes.',
          },
        ],
        correctId: 'large',
        hint: 'Which property of a myelinated fibre sets its conduction velocity? The velocity plot shows it.',
        explanation: 'Conduction velocity grows with diameter (see the velocity plot).',
      },
      {
        id: 'ecap-loop',
        prompt:
          'The patient coughs and the cord moves closer to the lead for a moment. A closed-loop system holding the ECAP target will…',
        options: [
          { id: 'lower', text: 'lower the current' },
          {
            id: 'raise',
            text: 'raise the current',
            feedback:
              'Raising the current would make the jump worse. With the cord closer, thresholds fall and the same current already recruits more fibres, so the ECAP grows. The controller lowers the current to bring it back to target.',
          },
          {
            id: 'keep',
            text: 'keep the current unchanged',
            feedback:
              'Keeping the current fixed is what an open-loop system does: with the cord closer, the ECAP and the sensation jump (see the timeline at 2 s). The closed loop lowers the current to hold its target.',
          },
        ],
        correctId: 'lower',
        hint: 'A closed loop holds the ECAP amplitude at its target. With the cord closer, do the fibres need more or less current to give the same ECAP?',
        explanation:
          'Thresholds fall as the distance shrinks; the same ECAP needs less current. Open loop, the ECAP (and the sensation) jumps — see the timeline at 2 s.',
      },
    ],
  },
  Body,
};
