import { useMemo, useState } from 'react';
import { chargeDose } from '../../../models/stimulation/dose.ts';
import { Chart } from '../../app/Chart.tsx';
import { Choice, Slider } from '../components/Slider.tsx';
import { TaskStatus, useAutoRun, usePoolTask } from '../components/usePoolTask.tsx';
import { DC_DEPTH_MM, LEAD_RADIUS_MM, fmtMa, job } from './common.ts';
import {
  DEFAULT_AMPLITUDE_MA,
  PARADIGM_LABELS,
  THRESHOLD_WINDOW_US,
  paradigmProgram,
  unitSamples,
  type Paradigm,
} from './paradigmsModel.ts';
import type { Lesson } from './types.ts';

const PARADIGMS: readonly Paradigm[] = ['tonic', 'burst', 'khz'];
const PLOT_DT_US = 5;
const PLOT_WINDOW_US = 30_000;
const DIAMETER_UM = 12;
const PITCH_MM = 7;

function Body() {
  const [amps, setAmps] = useState<Record<Paradigm, number>>(DEFAULT_AMPLITUDE_MA);
  const [shown, setShown] = useState<Paradigm>('burst');
  const [dCsfMm, setDCsf] = useState(4);
  const task = usePoolTask('learn.thresholds', 'Thresholds per paradigm');
  const doses = PARADIGMS.map((p) => chargeDose(paradigmProgram(p, amps[p])));
  const wave = useMemo(() => {
    const s = unitSamples(shown, PLOT_DT_US, PLOT_WINDOW_US);
    const t = Array.from(s, (_, i) => (i * PLOT_DT_US) / 1000);
    return [t, Array.from(s, (v) => v * amps[shown])];
  }, [shown, amps]);
  const compute = () => {
    const y = dCsfMm + DC_DEPTH_MM + LEAD_RADIUS_MM;
    const src = [
      { xMm: 0, yMm: y, zMm: 0, weight: -1 },
      { xMm: 0, yMm: y, zMm: PITCH_MM, weight: 1 },
    ];
    const fibre = { xMm: 0, yMm: 0, zMm: 0, axis: 'z' as const };
    void task.run({
      jobs: PARADIGMS.map((p) =>
        job(DIAMETER_UM, src, fibre, {
          kind: 'sampled',
          sampleDtUs: 5,
          samples: Array.from(unitSamples(p, 5, THRESHOLD_WINDOW_US[p])),
        }),
      ),
    });
  };
  useAutoRun(`${dCsfMm}`, compute);
  const t = task.state.status === 'done' ? task.state.result.thresholdsMa : null;
  return (
    <>
      <section className="explain">
        <p>
          Three families of SCS programs dominate. <strong>Tonic</strong> stimulation delivers a
          steady train of charge-balanced pulses (typically 40–60 Hz, 180–240 µs) at an amplitude
          the patient feels as paresthesia. <strong>Burst</strong> (BurstDR) packs five 1 ms pulses
          at 500 Hz into bursts repeated 40 times a second, with passive recharge.{' '}
          <strong>10 kHz</strong> (HF10) uses 30 µs pulses ten thousand times a second and is
          paresthesia-free. Charge per phase is I·PW; charge per second multiplies by the pulses per
          second.
        </p>
        <p>
          What do fibres do? The pool computes the amplitude at which a 12 µm dorsal-column fibre
          fires for one tonic pulse, one burst and 5 ms of 10 kHz, each sampled from the same
          pulse-train engine the planner uses. Compare with the programmed amplitudes. Single
          thresholds cannot show what happens over seconds (firing rates, conduction block, dorsal
          horn effects): that is the time-domain simulator's job (issue 7), and the mechanisms of
          burst and 10 kHz are still debated.
        </p>
      </section>
      <section className="controls" aria-label="Lesson controls">
        {PARADIGMS.map((p) => (
          <Slider
            key={p}
            label={`${PARADIGM_LABELS[p]}: amplitude`}
            unit="mA"
            value={amps[p]}
            min={0.1}
            max={6}
            step={0.1}
            onChange={(v) => setAmps((a) => ({ ...a, [p]: v }))}
          />
        ))}
        <Choice
          legend="Waveform shown"
          value={shown}
          onChange={setShown}
          options={PARADIGMS.map((p) => ({ value: p, label: PARADIGM_LABELS[p] }))}
        />
      </section>
      <Chart
        title={`Waveform: ${PARADIGM_LABELS[shown]}`}
        description={`The first 30 ms at ${amps[shown].toFixed(1)} mA; cathodic phases negative.`}
        xLabel="time (ms)"
        yLabel="current (mA)"
        series={[{ label: 'current at the cathode', stroke: '#0b5d8c', width: 1 }]}
        data={wave}
        height={200}
      />
      <table className="numbers" data-testid="paradigm-charge">
        <caption>Charge by paradigm (models/stimulation)</caption>
        <thead>
          <tr>
            <th scope="col">Paradigm</th>
            <th scope="col">amplitude</th>
            <th scope="col">charge per phase</th>
            <th scope="col">pulses per second</th>
            <th scope="col">charge per second</th>
            <th scope="col">output duty</th>
            <th scope="col">fibre threshold</th>
          </tr>
        </thead>
        <tbody>
          {PARADIGMS.map((p, i) => {
            const d = doses[i]!;
            const th = t?.[i];
            return (
              <tr key={p}>
                <th scope="row">{PARADIGM_LABELS[p]}</th>
                <td>{amps[p].toFixed(1)} mA</td>
                <td>{d.chargePerPhaseUc.toFixed(3)} µC</td>
                <td>{d.pulsesPerSecond.toFixed(0)}</td>
                <td>{d.chargePerSecondUc.toFixed(0)} µC/s</td>
                <td>{(d.outputDutyFraction * 100).toFixed(1)} %</td>
                <td>
                  {th === undefined
                    ? '–'
                    : `${fmtMa(th)}${th !== null ? (amps[p] >= th ? ' (fires)' : ' (below)') : ''}`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <section className="controls" aria-label="Fibre model">
        <Slider
          label="Dorsal CSF thickness"
          unit="mm"
          value={dCsfMm}
          min={1.5}
          max={8.5}
          step={0.1}
          onChange={setDCsf}
        />
        <button type="button" onClick={compute}>
          Compute fibre thresholds for the three paradigms
        </button>
      </section>
      <TaskStatus state={task.state} />
    </>
  );
}

export const paradigmsLesson: Lesson = {
  meta: {
    slug: 'tonic-burst-10khz',
    title: 'Tonic, burst and 10 kHz',
    summary: 'Three paradigms compared by charge and by what a dorsal-column fibre does.',
    sources: [
      {
        citation: 'Tonic: Han & Cong, Front Neurol 2024; WaveWriter defaults 40 Hz, 210 µs',
        note: 'clinical.md §3.1',
      },
      {
        citation:
          'Burst: De Ridder et al. (BurstDR 5 × 1 ms at 500 Hz, 40 Hz); SUNBURST doi:10.1111/ner.12698',
        note: 'clinical.md §3.1, leads.md §6',
      },
      {
        citation:
          'Kapural L et al. Anesthesiology 2015;123:851 (SENZA-RCT); Lempka et al. Anesthesiology 2015;122:1362 (10 kHz activation/block)',
        note: 'clinical.md §3.1, models.md §4',
      },
      {
        citation: 'Charge per phase Q = I·PW; charge per second',
        note: 'models/stimulation README; clinical.md §3.4',
      },
    ],
    questions: [
      {
        id: 'par-charge',
        prompt: 'At their default amplitudes, which paradigm delivers the most charge per second?',
        options: [
          {
            id: 'tonic',
            text: 'Tonic',
            feedback:
              'Tonic has the largest charge in a single pulse here (3 mA × 210 µs = 0.63 µC), but only 50 pulses a second: 31.5 µC/s, the least of the three.',
          },
          {
            id: 'burst',
            text: 'Burst',
            feedback:
              'Burst delivers 1.5 mA × 1 ms × 200 pulses/s = 300 µC/s. That is ten times tonic, but only half of 10 kHz: 2 mA × 30 µs × 10 000/s = 600 µC/s.',
          },
          { id: 'khz', text: '10 kHz' },
        ],
        correctId: 'khz',
        hint: 'Charge per second is amplitude × pulse width × pulses per second. Count how many pulses each paradigm delivers in a second.',
        explanation:
          'Tiny phases, but 10 000 of them a second: 2 mA × 30 µs × 10 000/s = 600 µC/s, far above burst (1.5 mA × 1 ms × 200/s = 300 µC/s) and tonic (3 mA × 210 µs × 50/s = 31.5 µC/s).',
      },
      {
        id: 'par-khz',
        prompt: 'At typical 10 kHz amplitudes the 12 µm dorsal-column fibre in this model…',
        options: [
          {
            id: 'below',
            text: 'stays below its firing threshold — consistent with paresthesia-free therapy',
          },
          {
            id: 'fires',
            text: 'fires with every pulse',
            feedback:
              'Each 30 µs phase is far shorter than the chronaxie, so the threshold at 10 kHz is high. Lempka 2015 found that direct dorsal-column activation needs amplitudes at the top of, or above, the clinical 0.5–5 mA range. No fibre could fire 10 000 times a second anyway: that is beyond its refractory period.',
          },
          {
            id: 'blocked',
            text: 'is always blocked',
            feedback:
              'Block is possible, but it is not the rule. In Lempka 2015, conduction block within the clinical range needed a thin dorsal CSF layer. At typical amplitudes the fibre is simply below threshold.',
          },
        ],
        correctId: 'below',
        hint: "Compute the fibre's threshold for 10 kHz and compare it with the amplitudes used clinically (typically 0.5–3.5 mA).",
        explanation:
          'Lempka 2015: direct DC activation needs amplitudes at the top of or above the clinical range; compute the thresholds to see it.',
      },
      {
        id: 'par-burst',
        prompt: 'Why can one burst fire the fibre at a lower amplitude than one tonic pulse?',
        options: [
          {
            id: 'long',
            text: 'Its 1 ms pulses are longer than the chronaxie, and five in a row add up',
          },
          {
            id: 'freq',
            text: 'Because 40 Hz is a lower rate',
            feedback:
              'The 40 Hz rate only says how often the bursts repeat. The threshold of a single burst depends on its pulses: 1 ms each, longer than the chronaxie, and five of them 2 ms apart, which summate.',
          },
          {
            id: 'recharge',
            text: 'Because of its passive recharge',
            feedback:
              'Passive recharge is the slow, low-amplitude return of charge after the burst. It balances the charge and does not help to excite. The lower threshold comes from the long pulses and their summation.',
          },
        ],
        correctId: 'long',
        hint: 'Recall the strength–duration lesson. How does the threshold depend on pulse width, and what happens when sub-threshold pulses follow each other closely?',
        explanation:
          'Strength–duration: a longer pulse needs less current; successive sub-threshold pulses also summate.',
      },
    ],
  },
  Body,
};
