import { useState } from 'react';
import { SPINAL_LEVELS, type SpinalLevel } from '../../../models/scenario.ts';
import { SPINE_LEVEL_TABLE } from '../../../models/anatomy/spine.ts';
import { Chart } from '../../app/Chart.tsx';
import { Slider } from '../components/Slider.tsx';
import { TaskStatus, useAutoRun, usePoolTask } from '../components/usePoolTask.tsx';
import {
  DC_DEPTH_MM,
  LEAD_RADIUS_MM,
  TONIC_PW_US,
  cathodic,
  fmtMa,
  job,
  partialThresholds,
} from './common.ts';
import type { Lesson } from './types.ts';

const CSF_MM = [1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5] as const; // anatomy.md §1.3 range 1.5–8.5 mm
const DIAMETER_UM = 12;
const PITCH_MM = 7; // 3 mm contacts with a 4 mm gap (perc-8-4mm, leads.md §1, nominal)
const CORD_LEVELS = SPINAL_LEVELS.filter((l) => SPINE_LEVEL_TABLE[l].cordApMm > 0);

function Body() {
  const [level, setLevel] = useState<SpinalLevel>('T8');
  const [dCsfMm, setDCsf] = useState(SPINE_LEVEL_TABLE.T8.dCsfMm);
  const task = usePoolTask('learn.thresholds', 'Threshold against dorsal CSF');
  const compute = () => {
    const fibre = { xMm: 0, yMm: 0, zMm: 0, axis: 'z' as const };
    void task.run({
      jobs: CSF_MM.map((d) => {
        const y = d + DC_DEPTH_MM + LEAD_RADIUS_MM;
        const bipole = [
          { xMm: 0, yMm: y, zMm: 0, weight: -1 },
          { xMm: 0, yMm: y, zMm: PITCH_MM, weight: 1 },
        ];
        return job(DIAMETER_UM, bipole, fibre, cathodic(TONIC_PW_US));
      }),
    });
  };
  useAutoRun('once', compute);
  const values =
    task.state.status === 'done'
      ? task.state.result.thresholdsMa
      : task.state.status === 'running'
        ? partialThresholds(task.state.partial)
        : [];
  // threshold at the chosen dCSF, interpolated on log scale between computed points
  const at = interpolate(CSF_MM, values, dCsfMm);
  const data = [CSF_MM.map(Number), CSF_MM.map((_, i) => values[i] ?? null)];
  return (
    <>
      <section className="explain">
        <p>
          Between an epidural lead and the dorsal columns lies the dorsal cerebrospinal fluid
          (dCSF). It is the most important single reason why SCS amplitudes differ between levels
          and between patients: CSF conducts well, so current spreads through it instead of reaching
          the cord, and the fibres simply sit farther away. In MRI of 26 healthy subjects Holsheimer
          et al. found dCSF of 1.5–4 mm at C4–C6 but 4–8.5 mm at T5–T6; at T11–T12 it grew by about
          2.2–3.4 mm when the subject lay prone. Perception thresholds rise with dCSF.
        </p>
        <p>
          The model: a bipole (3 mm contacts, 7 mm apart) over the midline, a 12 µm dorsal-column
          fibre 0.25 mm under the cord surface, homogeneous medium. Pick a level to see the spine
          model's default dCSF, compute the curve, then move the slider.
        </p>
      </section>
      <section className="controls" aria-label="Lesson controls">
        <label>
          Spinal level{' '}
          <select
            value={level}
            onChange={(e) => {
              const l = e.currentTarget.value as SpinalLevel;
              setLevel(l);
              setDCsf(SPINE_LEVEL_TABLE[l].dCsfMm);
            }}
          >
            {CORD_LEVELS.map((l) => (
              <option key={l} value={l}>
                {l} (default dCSF {SPINE_LEVEL_TABLE[l].dCsfMm} mm)
              </option>
            ))}
          </select>
        </label>
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
          Compute threshold against dCSF
        </button>
      </section>
      <TaskStatus state={task.state} />
      <Chart
        title="Dorsal-column threshold against dorsal CSF thickness"
        description={
          values.length
            ? `From ${fmtMa(values[0])} at 1.5 mm to ${fmtMa(values[values.length - 1])} at the thickest computed layer.`
            : 'Not computed yet.'
        }
        xLabel="dorsal CSF thickness (mm)"
        yLabel="threshold (mA)"
        yLog
        series={[{ label: '12 µm DC fibre, bipole', stroke: '#0b5d8c' }]}
        data={data}
      />
      <p role="status" data-testid="csf-at">
        {at === null
          ? 'Compute the curve to read the threshold at this thickness.'
          : `At ${level} with ${dCsfMm.toFixed(1)} mm of dorsal CSF the 12 µm fibre needs about ${at.toFixed(2)} mA.`}
      </p>
    </>
  );
}

function interpolate(
  xs: readonly number[],
  ys: readonly (number | null)[],
  x: number,
): number | null {
  for (let i = 0; i < xs.length - 1; i++) {
    const x0 = xs[i] as number;
    const x1 = xs[i + 1] as number;
    const y0 = ys[i];
    const y1 = ys[i + 1];
    if (x >= x0 && x <= x1 && y0 && y1) {
      const f = (x - x0) / (x1 - x0);
      return Math.exp(Math.log(y0) * (1 - f) + Math.log(y1) * f);
    }
  }
  return null;
}

export const csfThicknessLesson: Lesson = {
  meta: {
    slug: 'csf-thickness',
    title: 'Distance and dorsal CSF thickness',
    summary:
      'Why thresholds differ between levels, patients and postures: the CSF layer over the cord.',
    sources: [
      {
        citation:
          'Holsheimer J et al. AJNR 1994;15:951 — dCSF by level in 26 subjects; prone vs supine',
        note: 'anatomy.md §1.3',
      },
      {
        citation:
          'He J, Barolat G, Holsheimer J, Struijk JJ. Pain 1994;59:55 — perception threshold and electrode position',
        note: 'leads.md §6',
      },
      {
        citation: 'Spine level table of models/anatomy (dCSF defaults per level)',
        note: 'anatomy.md §0',
      },
    ],
    questions: [
      {
        id: 'csf-trend',
        prompt: 'As the dorsal CSF gets thicker, the threshold of a dorsal-column fibre…',
        options: [
          { id: 'steep', text: 'rises steeply' },
          {
            id: 'flat',
            text: 'hardly changes',
            feedback:
              "A thicker CSF layer puts the fibre farther from the contact. The second difference of a point source's potential falls roughly with the cube of the distance, so the threshold rises steeply (compute a few values to see it).",
          },
          {
            id: 'falls',
            text: 'falls, because CSF conducts well',
            feedback:
              'CSF does conduct well, and that works against you: it carries current along the canal instead of into the cord, and a thicker layer also puts the fibre farther away. Both raise the threshold.',
          },
        ],
        correctId: 'steep',
        hint: 'The dorsal CSF layer sets the distance between the contacts and the dorsal columns. How fast do the potential and its second difference fall with distance from a source?',
        explanation:
          'The fibre is farther away and the potential and its second difference fall fast with distance.',
      },
      {
        id: 'csf-level',
        prompt: 'Where is dCSF typically thickest?',
        options: [
          { id: 'midthoracic', text: 'Mid-thoracic (T5–T6)' },
          {
            id: 'cervical',
            text: 'Cervical (C4–C6)',
            feedback:
              'In the neck the cord lies close to the dorsal dura. Holsheimer 1994 measured 1.5–4 mm of dorsal CSF at C4–C6, against 4–8.5 mm at T5–T6.',
          },
          {
            id: 'same',
            text: 'It is the same at every level',
            feedback:
              'Dorsal CSF thickness varies with level (and between patients and postures): 1.5–4 mm at C4–C6 against 4–8.5 mm at T5–T6 (Holsheimer 1994). It is the main reason perception thresholds differ from level to level.',
          },
        ],
        correctId: 'midthoracic',
        hint: 'The cord does not sit in the middle of the canal. Think about where the curves of the spine place it relative to the dorsal dura at each level.',
        explanation: 'Holsheimer 1994: 4–8.5 mm at T5–T6 against 1.5–4 mm at C4–C6.',
      },
      {
        id: 'csf-posture',
        prompt:
          'A patient with a T11 lead turns from lying on the back to lying prone. The stimulation will most likely feel…',
        options: [
          { id: 'weaker', text: 'weaker, because the cord moves away from the lead' },
          {
            id: 'stronger',
            text: 'stronger',
            feedback:
              'Lying prone, the cord falls ventrally, away from a dorsal epidural lead. Holsheimer 1994 found the dorsal CSF at T11 about 2.2 mm thicker, so thresholds rise and the same program feels weaker. Lying supine does the opposite.',
          },
          {
            id: 'same',
            text: 'the same',
            feedback:
              'The cord is not fixed: at T11 it moves by about 2.2 mm between supine and prone (Holsheimer 1994), and thresholds change steeply with dorsal CSF. That is why patients feel stimulation change with posture.',
          },
        ],
        correctId: 'weaker',
        hint: 'Gravity moves the cord within the CSF. Lying prone, which way does the cord fall, towards a dorsal epidural lead or away from it?',
        explanation: 'Prone, dCSF at T11 grew by about 2.2 mm (Holsheimer 1994): thresholds rise.',
      },
    ],
  },
  Body,
};
