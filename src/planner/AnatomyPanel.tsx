/**
 * The patient's anatomy and tissue model: the parameters of models/anatomy a planner can set
 * from imaging (dorsal CSF, cord offset, dura, epidural fat; ganglion volume; nerve depth and
 * size) and the conductivity preset. Each value is checked against the scenario's range before it is kept;
 * leads stay where they were placed relative to the anatomy (placement.ts `withAnatomy`).
 */
import { useMemo } from 'react';
import {
  CONDUCTIVITY_PRESETS,
  resolveAnatomy,
  SPINE_LEVEL_TABLE,
} from '../../models/anatomy/index.ts';
import type { Scenario } from '../../models/scenario.ts';
import { SliderNumberField } from './SliderNumberField.tsx';
import { DrgTargetFields } from './DrgTargetFields.tsx';
import { PnsTargetFields } from './PnsTargetFields.tsx';
import { defaultAnatomy, withAnatomy } from '../../models/estimate/placement.ts';
import { usePlanner } from './store.ts';

type Anatomy = Scenario['anatomy'];

/** A patient parameter of models/anatomy: its key in the scenario and the resolved anatomy. */
interface AnatomyField {
  key: string;
  label: string;
  unit: string;
  min: number;
  max: number;
  step: number;
  hint: (a: Anatomy) => string;
}

// ranges as in models/scenario.ts, sources as there
const FIELDS: Record<Anatomy['kind'], AnatomyField[]> = {
  spine: [
    {
      key: 'dorsalCsfThicknessMm',
      label: 'Dorsal CSF thickness',
      unit: 'mm',
      min: 1.5,
      max: 8.5,
      step: 0.1,
      hint: (a) =>
        a.kind === 'spine'
          ? `${a.level} default ${SPINE_LEVEL_TABLE[a.level].dCsfMm} mm; 1.5–8.5 mm (anatomy.md §1.3)`
          : '',
    },
    {
      key: 'cordLateralOffsetMm',
      label: 'Cord offset to the left',
      unit: 'mm',
      min: -2,
      max: 2,
      step: 0.1,
      hint: () => 'negative: to the right; up to 2 mm either side (anatomy.md §1.3)',
    },
    {
      key: 'duraThicknessMm',
      label: 'Dura thickness',
      unit: 'mm',
      min: 0.1,
      max: 0.6,
      step: 0.01,
      hint: () => '0.19–0.43 mm ± 1 SD (anatomy.md §1.5)',
    },
    {
      key: 'epiduralFatDepthMm',
      label: 'Epidural fat depth',
      unit: 'mm',
      min: 1,
      max: 25,
      step: 0.5,
      hint: () => 'posterior epidural space, 1–25 mm (anatomy.md §1.4)',
    },
  ],
  drg: [
    {
      key: 'ganglionVolumeMm3',
      label: 'Ganglion volume',
      unit: 'mm³',
      min: 50,
      max: 800,
      step: 5,
      hint: () => 'L4 / L5 / S1 means 211 / 291 / 384 mm³ (anatomy.md §4.1)',
    },
  ],
  nerve: [
    {
      key: 'depthMm',
      label: 'Nerve depth below the skin',
      unit: 'mm',
      min: 2,
      max: 120,
      step: 1,
      hint: () => 'patient specific, e.g. from ultrasound (clinical.md §4.3)',
    },
    {
      key: 'nerveDiameterMm',
      label: 'Nerve diameter',
      unit: 'mm',
      min: 0.5,
      max: 25,
      step: 0.1,
      hint: () => 'anatomy.md §5.1',
    },
  ],
};

export function AnatomyPanel() {
  const scenario = usePlanner((s) => s.scenario);
  const update = usePlanner((s) => s.update);
  const resolved = useMemo(() => resolveAnatomy(scenario.anatomy), [scenario.anatomy]);
  const a = scenario.anatomy;
  const presetId = scenario.model.conductivityPreset;
  const preset = CONDUCTIVITY_PRESETS[presetId];
  return (
    <fieldset className="anatomy-panel">
      <legend>Anatomy and tissue</legend>
      <DrgTargetFields />
      <PnsTargetFields />
      {FIELDS[a.kind].map((f) => (
        <SliderNumberField
          key={f.key}
          label={f.label}
          unit={f.unit}
          value={(resolved as unknown as Record<string, number>)[f.key]!}
          min={f.min}
          max={f.max}
          step={f.step}
          hint={f.hint(a)}
          onCommit={(v) =>
            update((s) =>
              s.anatomy.kind === a.kind
                ? withAnatomy(s, { ...s.anatomy, [f.key]: v } as Anatomy)
                : s,
            )
          }
        />
      ))}
      <div className="button-row">
        <button
          type="button"
          onClick={() => update((s) => withAnatomy(s, defaultAnatomy(s.anatomy)))}
        >
          Back to the defaults
        </button>
      </div>
      <label className="field anatomy-preset">
        <span>Tissue conductivities</span>
        <select
          value={presetId}
          aria-describedby="conductivity-preset-note"
          onChange={(e) => {
            const conductivityPreset = e.target.value;
            update((s) => ({ ...s, model: { ...s.model, conductivityPreset } }));
          }}
        >
          {Object.entries(CONDUCTIVITY_PRESETS).map(([id, p]) => (
            <option key={id} value={id}>
              {p.description.split(',')[0]}
            </option>
          ))}
          {!preset && <option value={presetId}>{presetId} (unknown)</option>}
        </select>
      </label>
      <p id="conductivity-preset-note" className="muted small">
        {preset
          ? preset.description
          : `“${presetId}” is not a known set; the estimate will refuse it.`}
      </p>
    </fieldset>
  );
}
