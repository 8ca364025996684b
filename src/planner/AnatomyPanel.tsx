/**
 * The patient's anatomy and tissue model: the parameters of models/anatomy a planner can set
 * from imaging (dorsal CSF, cord offset, dura, epidural fat; ganglion volume; nerve depth and
 * size) and the
 * conductivity preset. Each value is checked against the scenario's range before it is kept;
 * leads stay where they were placed relative to the anatomy (on the dura, at their distance from
 * the nerve).
 */
import { useMemo } from 'react';
import {
  CONDUCTIVITY_PRESETS,
  resolveAnatomy,
  SPINE_LEVEL_TABLE,
} from '../../models/anatomy/index.ts';
import type { Scenario } from '../../models/scenario.ts';
import { NumberField } from './NumberField.tsx';
import { moveLead, pnsDistanceMm, pnsLeadAtDistance } from './placement.ts';
import { usePlanner } from './store.ts';

type SpinePatch = Partial<
  Pick<
    Extract<Scenario['anatomy'], { kind: 'spine' }>,
    'dorsalCsfThicknessMm' | 'cordLateralOffsetMm' | 'duraThicknessMm' | 'epiduralFatDepthMm'
  >
>;
type DrgPatch = Partial<Pick<Extract<Scenario['anatomy'], { kind: 'drg' }>, 'ganglionVolumeMm3'>>;
type NervePatch = Partial<
  Pick<Extract<Scenario['anatomy'], { kind: 'nerve' }>, 'depthMm' | 'nerveDiameterMm'>
>;

/**
 * The scenario with new anatomy; SCS leads back on the dura, PNS leads at their distance from
 * the nerve, DRG leads at their height above the ganglion's surface.
 */
export function withAnatomy(s: Scenario, anatomy: Scenario['anatomy']): Scenario {
  let next: Scenario = { ...s, anatomy };
  if (anatomy.kind === 'drg') {
    const before = resolveAnatomy(s.anatomy);
    const after = resolveAnatomy(anatomy);
    if (before.kind === 'drg' && after.kind === 'drg') {
      // the lead lies on the ganglion's dorsal surface (+y): follow the surface's change
      const dy = (after.ganglionWidthMm - before.ganglionWidthMm) / 2;
      next = {
        ...next,
        leads: s.leads.map((l) => ({
          ...l,
          tipMm: { ...l.tipMm, yMm: Math.round((l.tipMm.yMm + dy) * 100) / 100 },
        })),
      };
    }
  } else if (anatomy.kind === 'spine') {
    for (const l of s.leads) next = moveLead(next, l.id, { xMm: l.tipMm.xMm, zMm: l.tipMm.zMm });
  } else if (anatomy.kind === 'nerve') {
    next = {
      ...next,
      leads: s.leads.map((l) => pnsLeadAtDistance(next, l, pnsDistanceMm(s, l))),
    };
  }
  return next;
}

export function AnatomyPanel() {
  const scenario = usePlanner((s) => s.scenario);
  const update = usePlanner((s) => s.update);
  const resolved = useMemo(() => resolveAnatomy(scenario.anatomy), [scenario.anatomy]);
  const a = scenario.anatomy;
  const setSpine = (patch: SpinePatch) =>
    update((s) => (s.anatomy.kind === 'spine' ? withAnatomy(s, { ...s.anatomy, ...patch }) : s));
  const setDrg = (patch: DrgPatch) =>
    update((s) => (s.anatomy.kind === 'drg' ? withAnatomy(s, { ...s.anatomy, ...patch }) : s));
  const setNerve = (patch: NervePatch) =>
    update((s) => (s.anatomy.kind === 'nerve' ? withAnatomy(s, { ...s.anatomy, ...patch }) : s));
  const presetId = scenario.model.conductivityPreset;
  const preset = CONDUCTIVITY_PRESETS[presetId];
  return (
    <fieldset className="anatomy-panel">
      <legend>Anatomy and tissue</legend>
      {a.kind === 'spine' && resolved.kind === 'spine' && (
        <>
          <NumberField
            label="Dorsal CSF thickness"
            unit="mm"
            value={resolved.dorsalCsfThicknessMm}
            min={1.5}
            max={8.5}
            step={0.1}
            hint={`${a.level} default ${SPINE_LEVEL_TABLE[a.level].dCsfMm} mm; 1.5–8.5 mm (anatomy.md §1.3)`}
            onCommit={(v) => setSpine({ dorsalCsfThicknessMm: v })}
          />
          <NumberField
            label="Cord offset to the left"
            unit="mm"
            value={resolved.cordLateralOffsetMm}
            min={-2}
            max={2}
            step={0.1}
            hint="negative: to the right; up to 2 mm either side (anatomy.md §1.3)"
            onCommit={(v) => setSpine({ cordLateralOffsetMm: v })}
          />
          <NumberField
            label="Dura thickness"
            unit="mm"
            value={resolved.duraThicknessMm}
            min={0.1}
            max={0.6}
            step={0.01}
            hint="0.19–0.43 mm ± 1 SD (anatomy.md §1.5)"
            onCommit={(v) => setSpine({ duraThicknessMm: v })}
          />
          <NumberField
            label="Epidural fat depth"
            unit="mm"
            value={resolved.epiduralFatDepthMm}
            min={1}
            max={25}
            step={0.5}
            hint="posterior epidural space, 1–25 mm (anatomy.md §1.4)"
            onCommit={(v) => setSpine({ epiduralFatDepthMm: v })}
          />
        </>
      )}
      {a.kind === 'drg' && resolved.kind === 'drg' && (
        <NumberField
          label="Ganglion volume"
          unit="mm³"
          value={resolved.ganglionVolumeMm3}
          min={50}
          max={800}
          step={5}
          hint="L4 / L5 / S1 means 211 / 291 / 384 mm³ (anatomy.md §4.1)"
          onCommit={(v) => setDrg({ ganglionVolumeMm3: v })}
        />
      )}
      {a.kind === 'nerve' && resolved.kind === 'nerve' && (
        <>
          <NumberField
            label="Nerve depth below the skin"
            unit="mm"
            value={resolved.depthMm}
            min={2}
            max={120}
            step={1}
            hint="patient specific, e.g. from ultrasound (clinical.md §4.3)"
            onCommit={(v) => setNerve({ depthMm: v })}
          />
          <NumberField
            label="Nerve diameter"
            unit="mm"
            value={resolved.nerveDiameterMm}
            min={0.5}
            max={25}
            step={0.1}
            hint="anatomy.md §5.1"
            onCommit={(v) => setNerve({ nerveDiameterMm: v })}
          />
        </>
      )}
      {(a.kind === 'spine' || a.kind === 'nerve' || a.kind === 'drg') && (
        <div className="button-row">
          <button
            type="button"
            onClick={() =>
              update((s) =>
                s.anatomy.kind === 'spine'
                  ? withAnatomy(s, { kind: 'spine', level: s.anatomy.level })
                  : s.anatomy.kind === 'nerve'
                    ? withAnatomy(s, { kind: 'nerve', target: s.anatomy.target })
                    : s,
              )
            }
          >
            Back to the defaults
          </button>
        </div>
      )}
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
              {id === 'default' ? 'Default set' : id}: {p.description.split(',')[0]}
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
