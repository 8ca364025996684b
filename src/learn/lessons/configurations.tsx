import { useMemo, useState } from 'react';
import { mrgInterpolatedGeometry } from '../../../models/neuron/mrg.ts';
import {
  activatingFunctionMv,
  configurationSources,
  nodePositionsMm,
  potentialsAlongFibreMv,
  type ContactConfiguration,
} from '../engine/fieldLine.ts';
import { Chart } from '../../app/Chart.tsx';
import { Choice, Slider } from '../components/Slider.tsx';
import { TaskStatus, useAutoRun, usePoolTask } from '../components/usePoolTask.tsx';
import { LESSON_SIGMA_S_PER_M, TONIC_PW_US, cathodic, fmtMa, job } from './common.ts';
import type { Lesson } from './types.ts';

const CONFIGS: readonly ContactConfiguration[] = ['monopole', 'bipole', 'tripole'];
const LABELS: Record<ContactConfiguration, string> = {
  monopole: 'Monopole (cathode, case return)',
  bipole: 'Bipole (cathode + one anode)',
  tripole: 'Guarded tripole (anode–cathode–anode)',
};
const DIAMETER_UM = 12;
const DR_OFFSET_MM = 3; // a fibre 3 mm lateral, standing in for a dorsal-root fibre (lesson choice)

function Body() {
  const [config, setConfig] = useState<ContactConfiguration>('bipole');
  const [pitchMm, setPitch] = useState(7);
  const [depthMm, setDepth] = useState(3);
  const task = usePoolTask('learn.thresholds', 'Thresholds per configuration');
  const internodeMm = mrgInterpolatedGeometry(DIAMETER_UM).deltaXUm / 1000;
  const data = useMemo(() => {
    const x = nodePositionsMm(61, internodeMm);
    const fibre = { xMm: 0, yMm: 0, zMm: 0, axis: 'z' as const };
    const rows = CONFIGS.map((c) =>
      Array.from(
        activatingFunctionMv(
          potentialsAlongFibreMv(
            configurationSources(c, pitchMm, depthMm),
            LESSON_SIGMA_S_PER_M,
            1,
            fibre,
            x,
          ),
        ),
      ),
    );
    return [Array.from(x), ...rows];
  }, [pitchMm, depthMm, internodeMm]);
  const compute = () => {
    const jobs = CONFIGS.flatMap((c) => {
      const src = configurationSources(c, pitchMm, depthMm);
      return [
        job(DIAMETER_UM, src, { xMm: 0, yMm: 0, zMm: 0, axis: 'z' }, cathodic(TONIC_PW_US)),
        job(
          DIAMETER_UM,
          src,
          { xMm: DR_OFFSET_MM, yMm: 0, zMm: 0, axis: 'z' },
          cathodic(TONIC_PW_US),
        ),
      ];
    });
    void task.run({ jobs });
  };
  useAutoRun(`${pitchMm}|${depthMm}`, compute);
  const t = task.state.status === 'done' ? task.state.result.thresholdsMa : null;
  return (
    <>
      <section className="explain">
        <p>
          The same lead can be programmed as a <strong>monopole</strong> (one cathode, the generator
          case as the far return), a <strong>bipole</strong> (a cathode and a nearby anode) or a{' '}
          <strong>guarded tripole</strong> (a cathode between two anodes). An anode hyperpolarises
          the fibre under it but depolarises it on its flanks. Far from the cathode, that flank can
          even help a little; brought close, the anodes take back the current before it spreads and
          hyperpolarise the fibre on each side of the cathode, so the depolarised region gets
          narrower and shallower. Fibres off to the side lose the most, which is why Holsheimer and
          Struijk used the narrow guarded tripole to favour the dorsal columns over the dorsal
          roots.
        </p>
        <p>
          The plot shows the activating function (1 mA) along a dorsal-column fibre under the lead
          for all three configurations; the pool computes the thresholds of a 12 µm fibre under the
          lead and of one {DR_OFFSET_MM} mm to the side.
        </p>
      </section>
      <section className="controls" aria-label="Lesson controls">
        <Choice
          legend="Highlighted configuration"
          value={config}
          onChange={setConfig}
          options={CONFIGS.map((c) => ({ value: c, label: LABELS[c] }))}
        />
        <Slider
          label="Contact pitch (centre to centre)"
          unit="mm"
          value={pitchMm}
          min={4}
          max={12}
          step={0.5}
          onChange={setPitch}
        />
        <Slider
          label="Lead–fibre depth"
          unit="mm"
          value={depthMm}
          min={1}
          max={6}
          step={0.1}
          onChange={setDepth}
        />
        <button type="button" onClick={compute}>
          Compute thresholds for all three
        </button>
      </section>
      <Chart
        title="Activating function along the fibre, 1 mA"
        description={`${LABELS[config]} highlighted; contacts ${pitchMm} mm apart, fibre ${depthMm.toFixed(1)} mm deep.`}
        xLabel="position along the fibre (mm)"
        yLabel="f (mV)"
        series={CONFIGS.map((c, i) => ({
          label: LABELS[c],
          stroke: ['#0b5d8c', '#1d6b35', '#a4161a'][i] as string,
          width: c === config ? 3.5 : 1,
          ...(c === config ? {} : { dash: [4, 4] }),
        }))}
        data={data}
      />
      <TaskStatus state={task.state} />
      {t ? (
        <table className="numbers" data-testid="config-thresholds">
          <caption>Thresholds of a 12 µm fibre, {TONIC_PW_US} µs cathodic pulse</caption>
          <thead>
            <tr>
              <th scope="col">Configuration</th>
              <th scope="col">under the lead</th>
              <th scope="col">{DR_OFFSET_MM} mm lateral</th>
              <th scope="col">lateral / under</th>
            </tr>
          </thead>
          <tbody>
            {CONFIGS.map((c, i) => {
              const a = t[2 * i];
              const b = t[2 * i + 1];
              return (
                <tr key={c}>
                  <th scope="row">{LABELS[c]}</th>
                  <td>{fmtMa(a)}</td>
                  <td>{fmtMa(b)}</td>
                  <td>{a && b ? (b / a).toFixed(2) : '–'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

export const configurationsLesson: Lesson = {
  meta: {
    slug: 'configurations',
    title: 'Monopole, bipole and guarded tripole',
    summary: 'How nearby anodes shape the field: depth, focus and the fibres off to the side.',
    sources: [
      {
        citation:
          'Struijk JJ, Holsheimer J, Boom HBK. IEEE TBME 1993;40:632 — DR and DC thresholds depend on electrode configuration',
        note: 'models.md §4',
      },
      {
        citation: 'Holsheimer & Wesselink 1997; Holsheimer & Struijk 1991 (practice parameters)',
        note: 'models.md §4',
      },
      { citation: 'Rattay 1986, activating function', note: 'models.md §1' },
    ],
    questions: [
      {
        id: 'cfg-focus',
        prompt:
          'Set the contact pitch to 4 mm and compute. Which configuration raises the threshold of the lateral fibre most, relative to the fibre under the cathode?',
        options: [
          {
            id: 'monopole',
            text: 'Monopole',
            feedback:
              'A monopole has no nearby anode, so its potential falls off slowly in every direction. It is the least focused of the three and protects the lateral fibre least.',
          },
          {
            id: 'bipole',
            text: 'Bipole',
            feedback:
              'A bipole shapes the field on one side of the cathode only. The guarded tripole has an anode on both sides and confines the field more, so its lateral-to-under ratio is higher.',
          },
          { id: 'tripole', text: 'Guarded tripole' },
        ],
        correctId: 'tripole',
        hint: "Compare the ratio of the lateral fibre's threshold to the threshold of the fibre under the cathode, not the thresholds themselves. Where do the anodes sit in each configuration?",
        explanation:
          'The two close anodes confine the field: the lateral / under ratio is highest for the tripole — it favours midline (dorsal column) fibres over lateral ones (roots).',
      },
      {
        id: 'cfg-pitch',
        prompt:
          'Bringing the anodes of a bipole from 7 mm to 4 mm away from the cathode makes the threshold under the lead…',
        options: [
          { id: 'up', text: 'rise' },
          {
            id: 'down',
            text: 'fall',
            feedback:
              "A closer anode adds more of its positive potential at the fibre under the cathode. That cancels part of the cathode's dip and flattens its second difference, so the threshold under the lead rises.",
          },
        ],
        correctId: 'up',
        hint: "The fibre sees the sum of the cathode's negative potential and the anode's positive one. What happens to that sum under the cathode as the anode moves closer?",
        explanation:
          'A close anode cancels more of the cathode’s potential at the fibre: compute at 7 and at 4 mm to see it.',
      },
      {
        id: 'cfg-anode',
        prompt: 'Directly under an anode, the fibre membrane is…',
        options: [
          { id: 'hyper', text: 'hyperpolarised (the activating function is negative there)' },
          {
            id: 'depol',
            text: 'depolarised most strongly',
            feedback:
              "That is what happens under a cathode. An anode's positive peak has a negative second difference, which hyperpolarises the node under it. The depolarisation is on the flanks, and it is weaker.",
          },
        ],
        correctId: 'hyper',
        hint: 'Along the fibre, the potential under an anode is a positive peak. What is the sign of a second difference at a peak?',
        explanation:
          'The anode’s potential is a positive peak; its second difference is negative under it and positive on its flanks.',
      },
    ],
  },
  Body,
};
