import { useState } from 'react';
import { Chart } from '../../app/Chart.tsx';
import { Slider } from '../components/Slider.tsx';
import { TaskStatus, usePoolTask } from '../components/usePoolTask.tsx';
import { SD_PULSE_WIDTHS_US, fitWeiss, weissThresholdMa } from '../engine/strengthDuration.ts';
import { cathodic, fmtMa, job, partialThresholds } from './common.ts';
import type { Lesson } from './types.ts';

function Body() {
  const [distanceMm, setDistance] = useState(2);
  const [diameterUm, setDiameter] = useState(10);
  const task = usePoolTask('learn.thresholds', 'Strength–duration curve');
  const [measuredFor, setMeasuredFor] = useState<string>('');

  const measure = () => {
    const fibre = { xMm: 0, yMm: 0, zMm: 0, axis: 'z' as const };
    const src = [{ xMm: 0, yMm: distanceMm, zMm: 0, weight: -1 }];
    setMeasuredFor(`${diameterUm} µm fibre at ${distanceMm.toFixed(1)} mm`);
    void task.run({
      jobs: SD_PULSE_WIDTHS_US.map((pw) => job(diameterUm, src, fibre, cathodic(pw))),
    });
  };
  const values =
    task.state.status === 'done'
      ? task.state.result.thresholdsMa
      : task.state.status === 'running'
        ? partialThresholds(task.state.partial)
        : [];
  const points = values.map((t, i) => ({
    pulseWidthUs: SD_PULSE_WIDTHS_US[i] as number,
    thresholdMa: t ?? NaN,
  }));
  const fit = task.state.status === 'done' ? fitWeiss(points) : null;
  const xs = SD_PULSE_WIDTHS_US.map(Number);
  const data = [
    xs,
    xs.map((_, i) => values[i] ?? null),
    xs.map((x) => (fit ? weissThresholdMa(fit, x) : null)),
  ];

  return (
    <>
      <section className="explain">
        <p>
          A shorter pulse needs more current to fire the same fibre. Plotting threshold current
          against pulse width gives the <strong>strength–duration curve</strong>. Its floor, the
          current that still fires with an endless pulse, is the <strong>rheobase</strong>; the
          pulse width at which the threshold is twice the rheobase is the <strong>chronaxie</strong>
          . Weiss's law I = b·(1 + c/d) describes it with two numbers: rheobase b and chronaxie c.
          Written as charge, Q = I·d = b·d + b·c is a straight line in d, so a least-squares line
          through the measured charges gives both.
        </p>
        <p>
          Measure a curve: the worker pool runs a threshold search on the MRG cable model at seven
          pulse widths from 20 µs to 2 ms. Axons have chronaxies of tens to a couple of hundred
          microseconds; in patients with tonic SCS Hershey et al. measured a chronaxie of 295 µs and
          a rheobase of 2.5 mA (perception, whole-lead), which also contains the electrode and
          tissue between lead and fibres.
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
        />
        <button type="button" onClick={measure}>
          Measure the strength–duration curve
        </button>
      </section>
      <TaskStatus state={task.state} />
      <Chart
        title="Strength–duration curve"
        description={
          fit
            ? `Measured for a ${measuredFor}. Rheobase ${fit.rheobaseMa.toFixed(3)} mA, chronaxie ${fit.chronaxieUs.toFixed(0)} µs.`
            : 'Not measured yet.'
        }
        xLabel="pulse width (µs)"
        yLabel="threshold (mA)"
        xLog
        yLog
        xRange={[10, 3000]}
        series={[
          { label: 'measured threshold', stroke: '#0b5d8c', pointsOnly: true },
          { label: 'Weiss fit', stroke: '#a4161a', dash: [6, 4] },
        ]}
        data={data}
      />
      {fit ? (
        <table className="numbers" data-testid="sd-fit">
          <caption>Fit for the {measuredFor}</caption>
          <tbody>
            <tr>
              <th scope="row">Rheobase</th>
              <td>{fmtMa(fit.rheobaseMa, 3)}</td>
            </tr>
            <tr>
              <th scope="row">Chronaxie</th>
              <td>{fit.chronaxieUs.toFixed(0)} µs</td>
            </tr>
            <tr>
              <th scope="row">Charge line fit, R²</th>
              <td>{fit.r2.toFixed(3)}</td>
            </tr>
            <tr>
              <th scope="row">Threshold at the chronaxie</th>
              <td>{fmtMa(weissThresholdMa(fit, fit.chronaxieUs), 3)} (2 × rheobase)</td>
            </tr>
          </tbody>
        </table>
      ) : null}
    </>
  );
}

export const strengthDurationLesson: Lesson = {
  meta: {
    slug: 'strength-duration',
    title: 'Strength–duration, rheobase and chronaxie',
    summary: 'Measure a strength–duration curve on the cable model and fit rheobase and chronaxie.',
    sources: [
      {
        citation: 'Weiss G. 1901; strength–duration forms I = b(1 + c/d) and Lapicque',
        note: 'models.md §4 (strength–duration forms)',
      },
      {
        citation:
          'Hershey B et al. Pain Physician 2010;13:321 — tonic SCS chronaxie 295 µs, rheobase 2.5 mA',
        note: 'clinical.md §3.1',
      },
      {
        citation: 'Ranck 1975: axon chronaxies ~0.03–0.2 ms (unverified range)',
        note: 'models.md §4',
      },
    ],
    questions: [
      {
        id: 'sd-chronaxie',
        prompt: 'The chronaxie is…',
        options: [
          { id: 'twice', text: 'the pulse width at which the threshold is twice the rheobase' },
          {
            id: 'min',
            text: 'the shortest pulse that can fire the fibre',
            feedback:
              'There is no shortest pulse that can fire. Shorter pulses still fire, at higher currents: with Weiss, I = b(1 + c/d) grows without bound as d → 0. The chronaxie is the pulse width at which the threshold is twice the rheobase.',
          },
          {
            id: 'half',
            text: 'half the rheobase current',
            feedback:
              'The chronaxie is a time, not a current. It is the pulse width at which the threshold is twice the rheobase.',
          },
        ],
        correctId: 'twice',
        hint: 'The strength–duration curve has two parameters: the rheobase is a current, the chronaxie is a time.',
        explanation: 'By definition; with Weiss, I(c) = b(1 + c/c) = 2b.',
      },
      {
        id: 'sd-charge',
        prompt: 'Which pulse widths fire the fibre with the least charge per pulse?',
        options: [
          { id: 'short', text: 'Short pulses, well below the chronaxie' },
          {
            id: 'long',
            text: 'Long pulses, well above the chronaxie',
            feedback:
              'Long pulses need the least current, close to the rheobase, but the charge Q = b·(d + c) keeps growing with d: the pulse goes on delivering charge after the membrane has stopped gaining from it.',
          },
          {
            id: 'same',
            text: 'Charge is the same at every pulse width',
            feedback:
              'The charge Q = I·d = b·(d + c) depends on pulse width. It rises linearly with d, and its minimum, b·c, is approached with short pulses.',
          },
        ],
        correctId: 'short',
        hint: 'Multiply the Weiss threshold I = b(1 + c/d) by the pulse width d, then see how the product changes with d.',
        explanation:
          'Q = b·(d + c) grows with d; the minimum charge b·c is approached as d → 0, although the current then gets large.',
      },
      {
        id: 'sd-distance',
        prompt: 'Move the fibre farther away and measure again. The rheobase…',
        options: [
          { id: 'up', text: 'rises' },
          {
            id: 'down',
            text: 'falls',
            feedback:
              'Farther away, the potential and its second difference are smaller, so every threshold rises, the rheobase included.',
          },
          {
            id: 'same',
            text: 'stays the same',
            feedback:
              'The rheobase is a threshold too: it depends on how strongly the field drives the fibre, and that drive falls with distance. So the rheobase rises.',
          },
        ],
        correctId: 'up',
        hint: 'The rheobase is the threshold for very long pulses. What happens to any threshold when the field at the fibre gets weaker?',
        explanation:
          'The potential falls with distance, so every threshold, and the rheobase with them, rises.',
      },
    ],
  },
  Body,
};
