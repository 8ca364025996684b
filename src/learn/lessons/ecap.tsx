import { useMemo, useState } from 'react';
import { Chart } from '../components/Chart.tsx';
import { Choice, Slider } from '../components/Slider.tsx';
import { TaskStatus, usePoolTask } from '../components/usePoolTask.tsx';
import {
  amplitudeForTargetMa,
  ecapTraceUv,
  latencyMs,
  peakToPeakUv,
  timeAxisMs,
  type EcapFibreClass,
} from '../engine/ecap.ts';
import {
  DC_DEPTH_MM,
  LEAD_RADIUS_MM,
  TONIC_PW_US,
  cathodic,
  job,
  type ThresholdsResult,
} from './common.ts';
import type { Lesson } from './types.ts';

const DIAMETERS_UM = [6, 8, 10, 12, 14] as const;
/** Fibres per class in the recorded patch: nominal, shaped after Feirabend 2002 (few > 10.7 µm). */
const COUNTS = [400, 250, 120, 40, 12] as const;
const PITCH_MM = 7;
const POSTURES = { upright: 4, supine: 2.5 } as const; // dCSF (mm): nominal, cord moves dorsally lying supine
type Posture = keyof typeof POSTURES;
const TIMES_MS = timeAxisMs(0, 2, 400);
const AMP_GRID_MA = Array.from({ length: 61 }, (_, i) => i * 0.1);

interface Engine {
  velocities: number[];
  thresholds: Record<Posture, (number | null)[]>;
}

function Body() {
  const [amplitudeMa, setAmplitude] = useState(2);
  const [recordMm, setRecord] = useState(21);
  const [posture, setPosture] = useState<Posture>('upright');
  const [targetUv, setTarget] = useState(30);
  const cv = usePoolTask<{ velocitiesMPerS: number[] }>(
    'learn.conduction',
    'Conduction velocities',
  );
  const th = usePoolTask<ThresholdsResult>('learn.thresholds', 'ECAP population thresholds');
  const [engine, setEngine] = useState<Engine | null>(null);

  const compute = async () => {
    const fibre = { xMm: 0, yMm: 0, zMm: 0, axis: 'z' as const };
    const jobs = (Object.keys(POSTURES) as Posture[]).flatMap((p) => {
      const y = POSTURES[p] + DC_DEPTH_MM + LEAD_RADIUS_MM;
      const src = [
        { xMm: 0, yMm: y, zMm: 0, weight: -1 },
        { xMm: 0, yMm: y, zMm: PITCH_MM, weight: 1 },
      ];
      return DIAMETERS_UM.map((d) => job(d, src, fibre, cathodic(TONIC_PW_US)));
    });
    const t = await th.run({ jobs });
    const v = t ? await cv.run({ diametersUm: [...DIAMETERS_UM] }) : null;
    if (t && v) {
      const n = DIAMETERS_UM.length;
      setEngine({
        velocities: v.velocitiesMPerS,
        thresholds: { upright: t.thresholdsMa.slice(0, n), supine: t.thresholdsMa.slice(n) },
      });
    }
  };

  const classesFor = (p: Posture): EcapFibreClass[] =>
    engine
      ? DIAMETERS_UM.map((d, i) => ({
          diameterUm: d,
          count: COUNTS[i] as number,
          thresholdMa: engine.thresholds[p][i] ?? Infinity,
          velocityMPerS: engine.velocities[i] ?? NaN,
        }))
      : [];
  const { trace, growth, ecapNow, loop } = useMemo(() => {
    if (!engine) return { trace: null, growth: null, ecapNow: 0, loop: null };
    const c = { upright: classesFor('upright'), supine: classesFor('supine') };
    const ecapAt = (p: Posture, a: number) =>
      peakToPeakUv(ecapTraceUv(c[p], a, recordMm, TIMES_MS));
    const tr = ecapTraceUv(c[posture], amplitudeMa, recordMm, TIMES_MS);
    return {
      trace: [TIMES_MS, Array.from(tr)],
      growth: [
        AMP_GRID_MA,
        AMP_GRID_MA.map((a) => ecapAt('upright', a)),
        AMP_GRID_MA.map((a) => ecapAt('supine', a)),
      ],
      ecapNow: peakToPeakUv(tr),
      loop: {
        openUpright: ecapAt('upright', amplitudeMa),
        openSupine: ecapAt('supine', amplitudeMa),
        closedUpright: amplitudeForTargetMa((a) => ecapAt('upright', a), targetUv, 6),
        closedSupine: amplitudeForTargetMa((a) => ecapAt('supine', a), targetUv, 6),
      },
    };
    // classesFor reads engine only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [engine, amplitudeMa, recordMm, posture, targetUv]);

  const running =
    th.state.status === 'running' ? th.state : cv.state.status === 'running' ? cv.state : null;
  return (
    <>
      <section className="explain">
        <p>
          When SCS recruits dorsal-column fibres, their action potentials travel along the cord past
          the other contacts of the lead. The sum of their extracellular signals, recorded on a
          non-stimulating contact, is the <strong>evoked compound action potential</strong> (ECAP).
          Each fibre arrives after a latency t = distance / conduction velocity, so large, fast
          fibres arrive first, and the ECAP grows as more fibres are recruited. Closed-loop devices
          measure the ECAP after every pulse (Saluda Evoke) or 50 times a second (Medtronic
          Inceptiv) and adjust the current to hold a target: when the cord moves closer to the lead
          (lying down, coughing) they turn the current down.
        </p>
        <p className="note">
          How this lesson computes it: thresholds of MRG fibres of 6–14 µm at two cord distances and
          their conduction velocities (measured from AP arrival times along the fibre) come from the
          worker pool; the ECAP is the sum of recruited fibres, each contributing a nominal
          triphasic waveform scaled by diameter and delayed by its latency. The single- fibre shape,
          its size and the fibre counts are nominal teaching values, not the ECAP engine of the
          paradigm issue (not there yet).
        </p>
      </section>
      <section className="controls" aria-label="Lesson controls">
        <button type="button" onClick={() => void compute()}>
          Compute fibre thresholds and conduction velocities
        </button>
        {running ? <TaskStatus state={running} /> : null}
        {th.state.status === 'error' ? <TaskStatus state={th.state} /> : null}
        {cv.state.status === 'error' ? <TaskStatus state={cv.state} /> : null}
        <Slider
          label="Stimulus amplitude"
          unit="mA"
          value={amplitudeMa}
          min={0}
          max={6}
          step={0.1}
          onChange={setAmplitude}
        />
        <Slider
          label="Recording contact distance"
          unit="mm"
          value={recordMm}
          min={7}
          max={49}
          step={7}
          digits={0}
          onChange={setRecord}
        />
        <Choice
          legend="Posture (dorsal CSF)"
          value={posture}
          onChange={setPosture}
          options={[
            { value: 'upright', label: `Upright, dCSF ${POSTURES.upright} mm` },
            { value: 'supine', label: `Lying supine, dCSF ${POSTURES.supine} mm` },
          ]}
        />
        <Slider
          label="Closed-loop target"
          unit="µV"
          value={targetUv}
          min={5}
          max={100}
          step={5}
          digits={0}
          onChange={setTarget}
        />
      </section>
      {engine ? (
        <>
          <table className="numbers" data-testid="ecap-velocities">
            <caption>Fibre classes (MRG, computed)</caption>
            <thead>
              <tr>
                <th scope="col">diameter</th>
                <th scope="col">velocity</th>
                <th scope="col">latency at {recordMm} mm</th>
                <th scope="col">threshold upright</th>
                <th scope="col">threshold supine</th>
              </tr>
            </thead>
            <tbody>
              {DIAMETERS_UM.map((d, i) => {
                const v = engine.velocities[i] ?? NaN;
                return (
                  <tr key={d}>
                    <th scope="row">{d} µm</th>
                    <td>{v.toFixed(1)} m/s</td>
                    <td>{latencyMs(recordMm, v).toFixed(2)} ms</td>
                    <td>{engine.thresholds.upright[i]?.toFixed(2) ?? '–'} mA</td>
                    <td>{engine.thresholds.supine[i]?.toFixed(2) ?? '–'} mA</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="charts">
            <Chart
              title="ECAP at the recording contact"
              description={`Peak to peak ${ecapNow.toFixed(1)} µV at ${amplitudeMa.toFixed(1)} mA, ${recordMm} mm away, ${posture}.`}
              xLabel="time after the pulse (ms)"
              yLabel="ECAP (µV)"
              series={[{ label: 'ECAP', stroke: '#0b5d8c' }]}
              data={trace ?? [[], []]}
            />
            <Chart
              title="ECAP growth curve"
              description="Peak-to-peak ECAP against stimulus amplitude in both postures."
              xLabel="amplitude (mA)"
              yLabel="ECAP p-p (µV)"
              series={[
                { label: 'upright', stroke: '#0b5d8c' },
                { label: 'supine', stroke: '#a4161a' },
              ]}
              data={growth ?? [[], [], []]}
            />
          </div>
          {loop ? (
            <p role="status" data-testid="ecap-loop">
              Open loop at {amplitudeMa.toFixed(1)} mA: {loop.openUpright.toFixed(1)} µV upright,{' '}
              {loop.openSupine.toFixed(1)} µV supine. Closed loop holding {targetUv} µV settles at{' '}
              {loop.closedUpright === null
                ? 'more than 6 mA'
                : `${loop.closedUpright.toFixed(2)} mA`}{' '}
              upright and{' '}
              {loop.closedSupine === null ? 'more than 6 mA' : `${loop.closedSupine.toFixed(2)} mA`}{' '}
              supine.
            </p>
          ) : null}
        </>
      ) : (
        <p>Compute the fibres first; the ECAP is then assembled here as you move the sliders.</p>
      )}
    </>
  );
}

export const ecapLesson: Lesson = {
  meta: {
    slug: 'closed-loop-ecap',
    title: 'Closed loop and ECAPs',
    summary:
      'The evoked compound action potential: latency, growth with amplitude, and holding it in closed loop.',
    sources: [
      {
        citation:
          'Saluda Evoke: ECAP after every pulse, 3 µV vs 68 µV deviation closed vs open loop; PMC11041592; FDA P190002D',
        note: 'clinical.md §3.1',
      },
      {
        citation: 'Medtronic Inceptiv: senses 50 times per second (MDDI 2023)',
        note: 'clinical.md §3.1',
      },
      {
        citation: 'Holsheimer et al. AJNR 1994 — dCSF changes with posture',
        note: 'anatomy.md §1.3',
      },
      { citation: 'Fibre classes and conduction velocities (Aβ 33–75 m/s)', note: 'anatomy.md §3' },
    ],
    questions: [
      {
        id: 'ecap-latency',
        prompt:
          'The recording contact is moved from 14 mm to 28 mm from the stimulating contacts. The ECAP peak…',
        options: [
          { id: 'later', text: 'arrives about twice as late' },
          { id: 'earlier', text: 'arrives earlier' },
          { id: 'same', text: 'arrives at the same time' },
        ],
        correctId: 'later',
        explanation: 'Latency = distance / conduction velocity.',
      },
      {
        id: 'ecap-first',
        prompt: 'Which fibres contribute the earliest part of the ECAP?',
        options: [
          { id: 'large', text: 'The largest, fastest fibres' },
          { id: 'small', text: 'The smallest fibres' },
        ],
        correctId: 'large',
        explanation:
          'Conduction velocity grows with diameter (about 5–6 m/s per µm for myelinated fibres).',
      },
      {
        id: 'ecap-loop',
        prompt:
          'The patient lies down and the cord moves closer to the lead. A closed-loop system holding the ECAP target will…',
        options: [
          { id: 'lower', text: 'lower the current' },
          { id: 'raise', text: 'raise the current' },
          { id: 'keep', text: 'keep the current unchanged' },
        ],
        correctId: 'lower',
        explanation:
          'Thresholds fall as the distance shrinks; the same ECAP needs less current. Open loop, the ECAP (and the sensation) would jump.',
      },
    ],
  },
  Body,
};
