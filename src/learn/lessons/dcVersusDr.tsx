import { useState } from 'react';
import { SPINE_LEVEL_TABLE } from '../../../models/anatomy/spine.ts';
import { mrgInterpolatedGeometry } from '../../../models/neuron/mrg.ts';
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

const ROW = SPINE_LEVEL_TABLE.T8; // lesson anatomy: T8 defaults (anatomy.md §0)
const ROOT_X_MM = ROW.cordRlMm / 2; // dorsal-root entry at the cord's lateral edge (nominal)
const OFFSETS_MM = [0, 1, 2, 3, 4] as const;
const DC_DIAMETER_UM = 10; // DC fibres: mostly < 10 µm, thin tail above 10.7 µm (Feirabend 2002)
const DR_DIAMETER_UM = 12; // root afferents before they branch are larger (lesson choice, nominal)
const PITCH_MM = 7;
const ROOT_NODES = 11;
/** the root fibre starts at the entry zone and runs laterally: its centre lies half its length out */
const ROOT_CENTRE_X_MM =
  ROOT_X_MM + ((ROOT_NODES - 1) / 2) * (mrgInterpolatedGeometry(DR_DIAMETER_UM).deltaXUm / 1000);

function Body() {
  const [dCsfMm, setDCsf] = useState(ROW.dCsfMm);
  const [offsetMm, setOffset] = useState(0);
  const task = usePoolTask('learn.thresholds', 'Dorsal column against dorsal root');
  const compute = () => {
    const y = dCsfMm + DC_DEPTH_MM + LEAD_RADIUS_MM;
    const jobs = OFFSETS_MM.flatMap((x) => {
      const src = [
        { xMm: x, yMm: y, zMm: 0, weight: -1 },
        { xMm: x, yMm: y, zMm: PITCH_MM, weight: 1 },
      ];
      return [
        job(DC_DIAMETER_UM, src, { xMm: 0, yMm: 0, zMm: 0, axis: 'z' }, cathodic(TONIC_PW_US)),
        // root fibre: runs laterally, in the CSF at the cord's dorsal surface level, centred on its entry zone
        job(
          DR_DIAMETER_UM,
          src,
          { xMm: ROOT_CENTRE_X_MM, yMm: DC_DEPTH_MM, zMm: 0, axis: 'x' },
          cathodic(TONIC_PW_US),
          ROOT_NODES,
        ),
      ];
    });
    void task.run({ jobs });
  };
  useAutoRun(`${dCsfMm}`, compute);
  const v =
    task.state.status === 'done'
      ? task.state.result.thresholdsMa
      : task.state.status === 'running'
        ? partialThresholds(task.state.partial)
        : [];
  const dc = OFFSETS_MM.map((_, i) => v[2 * i] ?? null);
  const dr = OFFSETS_MM.map((_, i) => v[2 * i + 1] ?? null);
  const i = OFFSETS_MM.findIndex((o) => o >= offsetMm);
  const nearest = i < 0 ? OFFSETS_MM.length - 1 : i;
  const dcHere = dc[nearest];
  const drHere = dr[nearest];
  return (
    <>
      <section className="explain">
        <p>
          SCS aims at the <strong>dorsal columns</strong> (DC): fibres running along the cord whose
          activation gives paresthesia over many dermatomes below the lead. Next to them the
          <strong> dorsal roots</strong> (DR) enter the cord; their fibres run across and then bend.
          Struijk, Holsheimer and Boom showed that DR fibres have relatively low thresholds — their
          curvature and angle to the lead matter — so a lead that is off the midline recruits roots
          first: segmental paresthesia, chest or abdominal wall tingling, or discomfort, before the
          desired DC coverage.
        </p>
        <p>
          Here: a bipole over the T8 cord (dCSF from the slider), a {DC_DIAMETER_UM} µm DC fibre at
          the midline and a {DR_DIAMETER_UM} µm root fibre running laterally past the root entry
          zone ({ROOT_X_MM.toFixed(1)} mm from the midline). Both are straight, so this model misses
          the curvature that lowers root thresholds further in Struijk's model; it shows the
          geometric part: move the lead sideways and watch the DR/DC ratio.
        </p>
      </section>
      <section className="controls" aria-label="Lesson controls">
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
          Compute DC and DR thresholds across lead positions
        </button>
        <Slider
          label="Lead lateral offset (towards the root)"
          unit="mm"
          value={offsetMm}
          min={0}
          max={4}
          step={1}
          digits={0}
          onChange={setOffset}
        />
      </section>
      <TaskStatus state={task.state} />
      <Chart
        title="Threshold against lead lateral offset"
        description={
          v.length
            ? `At ${OFFSETS_MM[nearest]} mm lateral: DC ${fmtMa(dcHere)}, DR ${fmtMa(drHere)}.`
            : 'Not computed yet.'
        }
        xLabel="lead lateral offset (mm)"
        yLabel="threshold (mA)"
        yLog
        series={[
          { label: `DC fibre ${DC_DIAMETER_UM} µm`, stroke: '#0b5d8c' },
          { label: `DR fibre ${DR_DIAMETER_UM} µm`, stroke: '#a4161a' },
        ]}
        data={[OFFSETS_MM.map(Number), dc, dr]}
      />
      <p role="status" data-testid="dr-dc">
        {dcHere && drHere
          ? `Lead ${OFFSETS_MM[nearest]} mm off the midline: DR/DC threshold ratio ${(drHere / dcHere).toFixed(2)} — ${drHere < dcHere ? 'the root fires first.' : 'the dorsal column fires first.'}`
          : 'Compute the thresholds, then move the lead sideways.'}
      </p>
    </>
  );
}

export const dcVersusDrLesson: Lesson = {
  meta: {
    slug: 'dorsal-column-vs-root',
    title: 'Dorsal column versus dorsal root, and lead placement',
    summary: 'Why a lead off the midline recruits roots first, and what that feels like.',
    sources: [
      {
        citation:
          'Struijk JJ, Holsheimer J, Boom HBK. IEEE TBME 1993;40:632–639 — DR vs DC thresholds',
        note: 'models.md §4',
      },
      {
        citation:
          'Holsheimer J et al. AJNR 1994;15:951 — cord midline differs from vertebral midline by up to 2 mm',
        note: 'anatomy.md §1.3',
      },
      {
        citation:
          'Barolat/Holsheimer, Stereotact Funct Neurosurg 61:146 — paresthesia coverage by level',
        note: 'clinical.md §3.6',
      },
    ],
    questions: [
      {
        id: 'dr-lateral',
        prompt:
          'The lead drifts 3 mm to the left of the cord midline. What is the patient most likely to notice?',
        options: [
          {
            id: 'segmental',
            text: 'Tingling in a band around the chest or flank on one side, before leg coverage',
          },
          {
            id: 'both-legs',
            text: 'Better coverage of both legs',
            feedback:
              'Moving to one side takes the contacts away from the midline dorsal columns, which carry the leg fibres, and towards the roots of that side. Leg coverage gets worse, and the first paraesthesia is segmental and one-sided.',
          },
          {
            id: 'nothing',
            text: 'Nothing changes',
            feedback:
              'A few millimetres matter. The root entry zone on that side is now closer to the contacts than the dorsal columns, so root thresholds drop below column thresholds and the patient feels a band at that segment.',
          },
        ],
        correctId: 'segmental',
        hint: 'Move the lead off the midline in the plot and watch the dorsal-root and dorsal-column thresholds. Which fibres come closer to the contacts?',
        explanation:
          'Root fibres at that level are recruited first: segmental, one-sided paresthesia.',
      },
      {
        id: 'dr-why',
        prompt: 'According to Struijk and colleagues, why are dorsal-root fibres easy to excite?',
        options: [
          { id: 'curve', text: 'Their curvature and angle to the cord axis (and their size)' },
          {
            id: 'thin',
            text: 'They are thinner than dorsal-column fibres',
            feedback:
              'Thinner fibres have higher thresholds, not lower (see the recruitment-order lesson). The root fibres that SCS excites are large Aβ fibres, like those in the columns, and their low thresholds come from their curved course and angle to the cord axis.',
          },
          {
            id: 'unmyelinated',
            text: 'They are unmyelinated',
            feedback:
              'Unmyelinated C fibres have the highest thresholds of all. The root fibres that SCS excites are large myelinated Aβ fibres, and their thresholds are low because of their curvature and angle near the entry zone.',
          },
        ],
        correctId: 'curve',
        hint: 'Struijk and colleagues explain the low thresholds by how the root fibres run relative to the field, not by what kind of fibre they are.',
        explanation:
          'Struijk 1993: DR thresholds are low because of fibre curvature and angle; excitation starts near the entry zone.',
      },
    ],
  },
  Body,
};
