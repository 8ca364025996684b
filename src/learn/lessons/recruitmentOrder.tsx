import { useState } from 'react';
import { Chart } from '../../app/Chart.tsx';
import { Slider } from '../components/Slider.tsx';
import { TaskStatus, useAutoRun, usePoolTask } from '../components/usePoolTask.tsx';
import { TONIC_PW_US, cathodic, fmtMa, job, partialThresholds } from './common.ts';
import type { Lesson } from './types.ts';

/** Aβ spans 6–12 µm, Aδ 1–5 µm (anatomy.md §3 textbook classes); MRG covers 2–16 µm. */
const DIAMETERS_UM = [2, 4, 6, 8, 10, 12, 14, 16] as const;

function Body() {
  const [distanceMm, setDistance] = useState(2);
  const [amplitudeMa, setAmplitude] = useState(0.5);
  const task = usePoolTask('learn.thresholds', 'Thresholds by fibre diameter');
  const compute = () => {
    const fibre = { xMm: 0, yMm: 0, zMm: 0, axis: 'z' as const };
    const src = [{ xMm: 0, yMm: distanceMm, zMm: 0, weight: -1 }];
    void task.run({ jobs: DIAMETERS_UM.map((d) => job(d, src, fibre, cathodic(TONIC_PW_US))) });
  };
  useAutoRun(`${distanceMm}`, compute);
  const values =
    task.state.status === 'done'
      ? task.state.result.thresholdsMa
      : task.state.status === 'running'
        ? partialThresholds(task.state.partial)
        : [];
  const recruited = DIAMETERS_UM.filter((_, i) => {
    const t = values[i];
    return t !== undefined && t !== null && amplitudeMa >= t;
  });
  const data = [
    DIAMETERS_UM.map(Number),
    DIAMETERS_UM.map((_, i) => values[i] ?? null),
    DIAMETERS_UM.map(() => amplitudeMa),
  ];
  return (
    <>
      <section className="explain">
        <p>
          With electrical stimulation the <strong>largest fibres fire first</strong> — the reverse
          of the natural order. Large myelinated fibres have long internodes and wide nodes, so the
          same field gives them a larger activating function and more membrane to depolarise. In SCS
          this means the large Aβ fibres of the dorsal columns (the paresthesia pathway) are
          recruited long before thin Aδ and C fibres (which carry pain and are not what SCS aims to
          activate).
        </p>
        <p>
          Compute the thresholds of MRG fibres from 2 to 16 µm under a {TONIC_PW_US} µs cathodic
          pulse, then raise the amplitude and see which diameters are recruited.
        </p>
      </section>
      <section className="controls" aria-label="Lesson controls">
        <Slider
          label="Electrode–fibre distance"
          unit="mm"
          value={distanceMm}
          min={0.5}
          max={5}
          step={0.1}
          onChange={setDistance}
        />
        <button type="button" onClick={compute}>
          Compute thresholds by diameter
        </button>
        <Slider
          label="Stimulus amplitude"
          unit="mA"
          value={amplitudeMa}
          min={0.05}
          max={5}
          step={0.05}
          digits={2}
          onChange={setAmplitude}
        />
      </section>
      <TaskStatus state={task.state} />
      <Chart
        title="Threshold against fibre diameter"
        description={
          values.length
            ? `Thresholds from ${fmtMa(values[0])} at 2 µm to ${fmtMa(values[values.length - 1])} at the largest computed diameter.`
            : 'Not computed yet.'
        }
        xLabel="fibre diameter (µm)"
        yLabel="threshold (mA)"
        yLog
        series={[
          { label: 'threshold', stroke: '#0b5d8c' },
          { label: 'amplitude', stroke: '#8a5a00', dash: [6, 4] },
        ]}
        data={data}
      />
      <p role="status" data-testid="recruited">
        {values.length === 0
          ? 'Compute the thresholds to see which fibres this amplitude recruits.'
          : recruited.length === 0
            ? `At ${amplitudeMa.toFixed(2)} mA no fibre is recruited.`
            : `At ${amplitudeMa.toFixed(2)} mA the fibres of ${recruited.join(', ')} µm are recruited.`}
      </p>
    </>
  );
}

export const recruitmentOrderLesson: Lesson = {
  meta: {
    slug: 'recruitment-order',
    title: 'Recruitment order by fibre size',
    summary: 'Large fibres fire first: thresholds of MRG fibres from 2 to 16 µm.',
    sources: [
      {
        citation: 'Kiernan 2003, fibre classes and diameters (Aβ 6–12 µm, Aδ 1–5 µm, C 0.2–1.5 µm)',
        note: 'anatomy.md §3',
      },
      {
        citation:
          'Feirabend et al. Brain 2002;125:1137 — few DC fibres > 10.7 µm, activatable to ~0.25 mm depth',
        note: 'models.md §4',
      },
      {
        citation: 'McIntyre, Richardson & Grill 2002 (MRG), PyFibers interpolation 2–16 µm',
        note: 'models.md §1.1',
      },
    ],
    questions: [
      {
        id: 'ro-first',
        prompt: 'Raising the amplitude from zero, which fibres are recruited first?',
        options: [
          { id: 'large', text: 'The largest diameters' },
          {
            id: 'small',
            text: 'The smallest diameters',
            feedback:
              'Small fibres have short internodes and so a smaller activating function: their thresholds are higher and they are recruited last. Electrical stimulation reverses the small-before-large order of natural recruitment.',
          },
          {
            id: 'all',
            text: 'All diameters at once',
            feedback:
              'Thresholds differ with diameter, so recruitment is graded. As the amplitude rises, the largest fibres fire first and then progressively smaller ones.',
          },
        ],
        correctId: 'large',
        hint: 'Compute the thresholds by diameter and read which fibres have the lowest.',
        explanation: 'Thresholds fall with diameter, so the largest fibres lead the recruitment.',
      },
      {
        id: 'ro-pain',
        prompt: 'Why does SCS at comfortable amplitudes not directly activate C fibres?',
        options: [
          {
            id: 'thin',
            text: 'They are thin (and unmyelinated): their thresholds lie far above the therapeutic range',
          },
          {
            id: 'deep',
            text: 'They are absent from the spinal cord',
            feedback:
              'C fibres are there: they enter with the dorsal roots and end in the superficial dorsal horn. They are not activated because their thresholds lie far above the therapeutic range.',
          },
          {
            id: 'fast',
            text: 'They conduct too fast to be recorded',
            feedback:
              'C fibres are the slowest of all, around 1 m/s, and conduction velocity does not decide whether a fibre is excited anyway. It is their high thresholds that keep them out of reach.',
          },
        ],
        correctId: 'thin',
        hint: 'Follow the threshold-by-diameter curve below 2 µm, and remember that C fibres have no myelin at all.',
        explanation:
          'Thresholds rise steeply as fibres get thinner; even 2 µm myelinated fibres need many times the current of 12 µm ones.',
      },
    ],
  },
  Body,
};
