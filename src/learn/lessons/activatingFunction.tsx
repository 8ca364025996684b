import { useMemo, useState } from 'react';
import { mrgInterpolatedGeometry } from '../../../models/neuron/mrg.ts';
import {
  activatingFunctionMv,
  argMax,
  nodePositionsMm,
  potentialsAlongFibreMv,
} from '../engine/fieldLine.ts';
import { Chart } from '../../app/Chart.tsx';
import { Choice, Slider } from '../components/Slider.tsx';
import { TaskStatus, useAutoRun, usePoolTask } from '../components/usePoolTask.tsx';
import { LESSON_SIGMA_S_PER_M, cathodic, fmtMa, job } from './common.ts';
import type { Lesson } from './types.ts';

const NODES = 41;

function Body() {
  const [distanceMm, setDistance] = useState(1.5);
  const [diameterUm, setDiameter] = useState(10);
  const [amplitudeMa, setAmplitude] = useState(1);
  const [polarity, setPolarity] = useState<'cathodic' | 'anodic'>('cathodic');
  const task = usePoolTask('learn.thresholds', 'Cathodic and anodic thresholds');

  const internodeMm = mrgInterpolatedGeometry(diameterUm).deltaXUm / 1000;
  const { data, af, peak } = useMemo(() => {
    const x = nodePositionsMm(NODES, internodeMm);
    const sources = [{ xMm: 0, yMm: distanceMm, zMm: 0, weight: polarity === 'cathodic' ? -1 : 1 }];
    const v = potentialsAlongFibreMv(
      sources,
      LESSON_SIGMA_S_PER_M,
      amplitudeMa,
      { xMm: 0, yMm: 0, zMm: 0, axis: 'z' },
      x,
    );
    const f = activatingFunctionMv(v);
    return {
      data: [Array.from(x), Array.from(v)],
      af: [Array.from(x), Array.from(f)],
      peak: { ...argMax(f), x },
    };
  }, [distanceMm, internodeMm, amplitudeMa, polarity]);
  const peakAt = peak.x[peak.index] ?? 0;

  const compute = () => {
    const fibre = { xMm: 0, yMm: 0, zMm: 0, axis: 'z' as const };
    const src = [{ xMm: 0, yMm: distanceMm, zMm: 0, weight: -1 }];
    void task.run({
      jobs: [
        job(diameterUm, src, fibre, cathodic(100)),
        job(diameterUm, src, fibre, { kind: 'mono-anodic', pulseWidthUs: 100 }),
      ],
    });
  };
  useAutoRun(`${distanceMm}|${diameterUm}`, compute);
  const result = task.state.status === 'done' ? task.state.result.thresholdsMa : null;
  const ratio = result && result[0] && result[1] ? result[1] / result[0] : null;

  return (
    <>
      <section className="explain">
        <p>
          A contact that drives current into tissue sets up an extracellular potential V that falls
          off with distance: for a point source in a homogeneous medium V = I / (4πσr). A myelinated
          fibre only feels that potential at its nodes of Ranvier, and what pushes current across
          the membrane at node n is the <em>second difference</em> of the potential along the fibre:
          f<sub>n</sub> = V<sub>n−1</sub> − 2V<sub>n</sub> + V<sub>n+1</sub>. Rattay called it the{' '}
          <strong>activating function</strong>. Where it is positive the membrane depolarises; where
          it is negative it hyperpolarises.
        </p>
        <p>
          Under a cathode the potential is a negative dip, its second difference is positive at the
          node nearest the contact, and that is where the action potential starts. Under an anode
          the centre is hyperpolarised and only the two flanks depolarise, weakly — so anodic
          thresholds are several times higher. Longer internodes (larger fibres) sample the
          potential over a longer baseline and feel a larger f<sub>n</sub>.
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
        <Slider
          label="Fibre diameter"
          unit="µm"
          value={diameterUm}
          min={2}
          max={16}
          step={1}
          digits={0}
          onChange={setDiameter}
          hint={`MRG internode length ${internodeMm.toFixed(2)} mm`}
        />
        <Slider
          label="Stimulus amplitude"
          unit="mA"
          value={amplitudeMa}
          min={0.1}
          max={5}
          step={0.1}
          onChange={setAmplitude}
        />
        <Choice
          legend="Polarity of the contact"
          value={polarity}
          onChange={setPolarity}
          options={[
            { value: 'cathodic', label: 'Cathode (−)' },
            { value: 'anodic', label: 'Anode (+)' },
          ]}
        />
      </section>
      <div className="charts">
        <Chart
          title="Extracellular potential at the nodes"
          description={`Point source ${distanceMm.toFixed(1)} mm from the fibre, ${polarity}, ${amplitudeMa.toFixed(1)} mA.`}
          xLabel="position along the fibre (mm)"
          yLabel="V (mV)"
          series={[{ label: 'V at nodes', stroke: '#0b5d8c' }]}
          data={data}
        />
        <Chart
          title="Activating function at the nodes"
          description={`Largest depolarising value ${peak.value.toFixed(2)} mV at ${peakAt.toFixed(1)} mm from the centre.`}
          xLabel="position along the fibre (mm)"
          yLabel="f (mV)"
          series={[{ label: 'activating function', stroke: '#a4161a' }]}
          data={af}
        />
      </div>
      <p data-testid="af-peak">
        Peak depolarising f<sub>n</sub>: <strong>{peak.value.toFixed(2)} mV</strong> at{' '}
        {peakAt.toFixed(1)} mm from the point under the contact.
      </p>
      <section className="engine" aria-label="Cable model check">
        <p>
          Check it on the MRG cable model: thresholds of this fibre for a 100 µs cathodic and a 100
          µs anodic pulse at {distanceMm.toFixed(1)} mm.
        </p>
        <button type="button" onClick={compute}>
          Compute thresholds
        </button>
        <TaskStatus state={task.state} />
        {result ? (
          <p data-testid="af-thresholds">
            Cathodic {fmtMa(result[0])}, anodic {fmtMa(result[1])}
            {ratio ? ` — the anode needs ${ratio.toFixed(1)}× the current.` : ''}
          </p>
        ) : null}
      </section>
    </>
  );
}

export const activatingFunctionLesson: Lesson = {
  meta: {
    slug: 'activating-function',
    title: 'The activating function',
    summary:
      'Why fibres fire under a cathode: the second difference of the potential along the fibre.',
    sources: [
      {
        citation:
          'Rattay F. Analysis of models for external stimulation of axons. IEEE TBME 1986;33:974',
        note: 'models.md §1 (activating function)',
      },
      {
        citation:
          'Plonsey R, Barr RC. Bioelectricity: a quantitative approach (point source V = I/4πσr)',
        note: 'models/field/pointSource.ts',
      },
      {
        citation:
          'McIntyre, Richardson & Grill 2002, MRG double-cable model, as implemented in PyFibers',
        note: 'models.md §1.1',
      },
    ],
    questions: [
      {
        id: 'af-where',
        prompt: 'With a cathode over the fibre, where does the action potential start?',
        options: [
          {
            id: 'under',
            text: 'At the node closest to the contact, where the activating function is largest',
          },
          {
            id: 'flank',
            text: 'At the flanking nodes, a few millimetres away',
            feedback:
              'The flanks are where an anode excites. Under a cathode the activating function is negative at the flanking nodes (they are hyperpolarised), so the action potential cannot start there.',
          },
          {
            id: 'end',
            text: 'At the end of the fibre',
            feedback:
              'Far from the contact the potential is almost flat, so its second difference (the drive on the membrane) is close to zero. Excitation at an end needs a fibre that ends or bends near the electrode, and this straight fibre does neither.',
          },
        ],
        correctId: 'under',
        hint: 'The activating function is the second spatial difference of the extracellular potential along the fibre, taken node to node. Switch the polarity in the plot and see where it is most positive under a cathode.',
        explanation:
          'The cathode makes a negative dip in V; its second difference is positive and largest at the node under the contact.',
      },
      {
        id: 'af-anode',
        prompt: 'Compared with a cathode, an anode at the same distance needs…',
        options: [
          {
            id: 'less',
            text: 'less current',
            feedback:
              'An anode makes the potential a positive peak, so the node under it is hyperpolarised. Only the flanking nodes are depolarised, and by a smaller second difference, so the fibre is harder to fire, not easier.',
          },
          {
            id: 'same',
            text: 'the same current',
            feedback:
              "The two polarities are not symmetric. A cathode depolarises the node under it directly, while an anode depolarises only the flanks, and weakly (their positive activating function is a fraction of the cathode's peak). So an anode needs several times more current.",
          },
          { id: 'more', text: 'several times more current' },
        ],
        correctId: 'more',
        hint: 'Look at the sign of the activating function at the node under each contact, then compute both thresholds on the cable model.',
        explanation:
          'Under an anode the centre hyperpolarises; only the flanks depolarise, and weakly, so thresholds are several times higher (compute both on the cable model).',
      },
      {
        id: 'af-diameter',
        prompt: 'At the same distance, a larger fibre has a larger activating function because…',
        options: [
          {
            id: 'internode',
            text: 'its nodes are farther apart, so the second difference spans a longer stretch of the potential',
          },
          {
            id: 'closer',
            text: 'it sits closer to the electrode',
            feedback:
              'The question holds the distance fixed, so both fibres are in the same place. The difference comes from the fibre itself, not from where it lies.',
          },
          {
            id: 'charge',
            text: 'it carries more charge',
            feedback:
              'A fibre carries no charge that adds to the stimulus. The drive is the difference in extracellular potential between neighbouring nodes, and it grows with the node spacing.',
          },
        ],
        correctId: 'internode',
        hint: 'The activating function is sampled at the nodes of Ranvier. Which part of the MRG geometry changes with fibre diameter? The slider hint shows it.',
        explanation:
          'MRG internode length grows with diameter; the second difference over a longer baseline is larger.',
      },
    ],
  },
  Body,
};
