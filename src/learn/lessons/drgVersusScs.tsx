import { useState } from 'react';
import { findLead } from '../../../models/devices/leads.ts';
import { Chart } from '../../app/Chart.tsx';
import { Slider } from '../components/Slider.tsx';
import { TaskStatus, useAutoRun, usePoolTask } from '../components/usePoolTask.tsx';
import { DC_DEPTH_MM, LEAD_RADIUS_MM, cathodic, fmtMa, job, partialThresholds } from './common.ts';
import type { Lesson } from './types.ts';

const DIAMETERS_UM = [4, 6, 8, 10, 12, 14] as const;
const SCS_PITCH_MM = 7; // perc-8-4mm: 3 mm contacts, 4 mm gap (leads.md §1, nominal)
const drgGeometry = findLead('drg-4')?.geometry;
/** DRG lead pitch: contact length + gap of the catalogue's DRG lead (leads.md §3, RADO-SCS measurement) */
const DRG_PITCH_MM = drgGeometry
  ? drgGeometry.contactLengthMm + drgGeometry.contactSpacingMm
  : 5.13;
const PW_US = 300; // DRG programming often uses longer pulses; the same for both here so only geometry differs (lesson choice)

function Body() {
  const [dCsfMm, setDCsf] = useState(4);
  const [drgDistanceMm, setDrgDistance] = useState(1.5);
  const task = usePoolTask('learn.thresholds', 'DRG and SCS thresholds');
  const compute = () => {
    const fibre = { xMm: 0, yMm: 0, zMm: 0, axis: 'z' as const };
    // the DRG neuron whole: its soma on a stem hangs on the through axon under the cathode
    const neuron = { ...fibre, drgStem: true };
    const ys = dCsfMm + DC_DEPTH_MM + LEAD_RADIUS_MM;
    const scs = [
      { xMm: 0, yMm: ys, zMm: 0, weight: -1 },
      { xMm: 0, yMm: ys, zMm: SCS_PITCH_MM, weight: 1 },
    ];
    const drg = [
      { xMm: 0, yMm: drgDistanceMm, zMm: 0, weight: -1 },
      { xMm: 0, yMm: drgDistanceMm, zMm: DRG_PITCH_MM, weight: 1 },
    ];
    void task.run({
      jobs: [
        ...DIAMETERS_UM.map((d) => job(d, scs, fibre, cathodic(PW_US))),
        ...DIAMETERS_UM.map((d) => job(d, drg, neuron, cathodic(PW_US))),
      ],
    });
  };
  useAutoRun(`${dCsfMm}|${drgDistanceMm}`, compute);
  const v =
    task.state.status === 'done'
      ? task.state.result.thresholdsMa
      : task.state.status === 'running'
        ? partialThresholds(task.state.partial)
        : [];
  const scsT = DIAMETERS_UM.map((_, i) => v[i] ?? null);
  const drgT = DIAMETERS_UM.map((_, i) => v[DIAMETERS_UM.length + i] ?? null);
  const i12 = DIAMETERS_UM.indexOf(12);
  const ratio = scsT[i12] && drgT[i12] ? (scsT[i12] as number) / (drgT[i12] as number) : null;
  return (
    <>
      <section className="explain">
        <p>
          <strong>Dorsal root ganglion (DRG) stimulation</strong> puts a small lead through the
          epidural space into the foramen, right on the ganglion of one root. There is no thick CSF
          layer in between, and the target — the cell bodies and stem axons of that root's sensory
          neurons — lies a millimetre or two from the contacts. SCS reaches its dorsal column fibres
          through several millimetres of CSF. DRG stimulation therefore needs much less current (the
          Axium generator's envelope is 0–6 mA against 0–25.5 mA for SCS generators), and it covers
          one root's territory: groin, knee or foot pain that is hard to reach from the cord. DRG
          stimulation is labelled for CRPS of the lower limb (Axium SSED); its pivotal trial,
          ACCURATE, counted a responder as ≥ 50 % lower-limb pain relief.
        </p>
        <p>
          The model puts a bipole at the chosen distance from fibres of each size for both targets
          (same {PW_US} µs pulse), so the difference you see is mostly geometry. The DRG neuron is
          modelled whole: its through axon passes under the cathode, and its stem, initial segment
          and soma (the geometry of a published Aβ cell model) hang on the T-junction there,
          pointing away from the lead. The soma draws current from the junction: at the default 1.5
          mm a 12 µm DRG neuron needs more than twice the current of its bare axon.
        </p>
      </section>
      <section className="controls" aria-label="Lesson controls">
        <Slider
          label="SCS: dorsal CSF thickness"
          unit="mm"
          value={dCsfMm}
          min={1.5}
          max={8.5}
          step={0.1}
          onChange={setDCsf}
        />
        <Slider
          label="DRG: lead–fibre distance"
          unit="mm"
          value={drgDistanceMm}
          min={0.5}
          max={3}
          step={0.1}
          onChange={setDrgDistance}
        />
        <button type="button" onClick={compute}>
          Compute both targets
        </button>
      </section>
      <TaskStatus state={task.state} />
      <Chart
        title="Thresholds: SCS dorsal column against DRG"
        description={
          ratio
            ? `For 12 µm fibres SCS needs ${ratio.toFixed(1)} times the DRG current.`
            : 'Not computed yet.'
        }
        xLabel="fibre diameter (µm)"
        yLabel="threshold (mA)"
        yLog
        series={[
          { label: 'SCS (dorsal column)', stroke: '#0b5d8c' },
          { label: 'DRG', stroke: '#1d6b35' },
        ]}
        data={[DIAMETERS_UM.map(Number), scsT, drgT]}
      />
      <p role="status" data-testid="drg-ratio">
        {ratio
          ? `12 µm fibre: SCS ${fmtMa(scsT[i12])}, DRG ${fmtMa(drgT[i12])} — SCS needs ${ratio.toFixed(1)}× the current.`
          : 'Compute both targets to compare.'}
      </p>
    </>
  );
}

export const drgVersusScsLesson: Lesson = {
  meta: {
    slug: 'drg-vs-scs',
    title: 'DRG versus SCS targeting',
    summary: 'Why DRG stimulation needs less current and covers one root: distance and target.',
    sources: [
      {
        citation:
          'Deer TR et al. NACC best practices for DRG stimulation (2018); ASPN 2023, J Pain Res 2023:839',
        note: 'clinical.md §1.1',
      },
      {
        citation:
          'ACCURATE, NCT01923285 (responder: ≥ 50 % lower-limb VAS reduction); Axium SSED P150004 (CRPS, lower limb)',
        note: 'clinical.md §2',
      },
      {
        citation: 'Generator envelopes: Axium DRG 0–6 mA; Abbott/Boston SCS 0–25.5 mA',
        note: 'clinical.md §0 (5), §3.2',
      },
      {
        citation: 'DRG lead geometry: 4 contacts, 1.25 mm, pitch 5.13 mm (RADO-SCS measurement)',
        note: 'leads.md §3',
      },
    ],
    questions: [
      {
        id: 'drg-current',
        prompt: 'Why does DRG stimulation usually need less current than SCS?',
        options: [
          {
            id: 'close',
            text: 'The contacts sit a millimetre or two from the target, with no thick CSF layer in between',
          },
          {
            id: 'waveform',
            text: 'DRG generators use a different waveform that needs less charge',
            feedback:
              'DRG stimulation uses conventional tonic pulses. In this lesson both targets get the very same pulse and DRG still needs less current, so the difference is distance, not waveform.',
          },
          {
            id: 'smaller',
            text: 'DRG fibres are larger than dorsal column fibres',
            feedback:
              'The model gives both targets the same fibre diameter, so size cannot explain the difference here. What differs is distance: a millimetre or two at the ganglion, against several millimetres of CSF over the dorsal columns.',
          },
        ],
        correctId: 'close',
        hint: 'In the model both targets get the same fibres and the same pulse. Only the tissue between contact and fibre differs.',
        explanation:
          'The model shows it with the same fibres and pulse: distance alone makes the difference.',
      },
      {
        id: 'drg-area',
        prompt:
          'A patient has focal neuropathic pain in the groin after hernia repair. Why might DRG stimulation be preferred?',
        options: [
          {
            id: 'focal',
            text: 'It targets the one or two roots that carry that area, which SCS covers poorly',
          },
          {
            id: 'cheap',
            text: 'It is always less invasive than SCS',
            feedback:
              'DRG leads are also placed percutaneously, but they are steered out through the foramen to the ganglion, which is not always less invasive and is technically harder. The reason to choose DRG is targeting a focal area.',
          },
          {
            id: 'no-trial',
            text: 'It needs no trial',
            feedback:
              'DRG stimulation needs a trial just like SCS: coverage policies require a trial with at least 50 % relief before any permanent implant.',
          },
        ],
        correctId: 'focal',
        hint: 'Which roots carry the groin, and how well can paraesthesia from a dorsal-column lead reach that area?',
        explanation:
          'Published data support DRG for postsurgical groin, knee and foot pain (clinical.md §1.1).',
      },
    ],
  },
  Body,
};
