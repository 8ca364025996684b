/**
 * The target of a DRG plan: the ganglion's level (T10–S1) and side. A change carries the leads
 * onto the chosen ganglion (placement.ts `withAnatomy`); a new level drops a typed ganglion
 * volume, which belonged to the other ganglion.
 */
import { DRG_LEVEL_TABLE } from '../../models/anatomy/index.ts';
import { withAnatomy } from '../../models/estimate/placement.ts';
import { DRG_LEVELS, type DrgLevel } from '../../models/scenario.ts';
import { usePlanner } from './store.ts';

type Side = 'left' | 'right';

/** The DRG target in words, e.g. "left L5 dorsal root ganglion". */
export function drgTargetWords(a: { level: DrgLevel; side: Side }): string {
  return `${a.side} ${a.level} dorsal root ganglion`;
}

export function DrgTargetFields() {
  const anatomy = usePlanner((s) => s.scenario.anatomy);
  const update = usePlanner((s) => s.update);
  if (anatomy.kind !== 'drg') return null;
  const row = DRG_LEVEL_TABLE[anatomy.level];
  const set = (change: { level?: DrgLevel; side?: Side }) =>
    update((s) => {
      if (s.anatomy.kind !== 'drg') return s;
      const level = change.level ?? s.anatomy.level;
      const side = change.side ?? s.anatomy.side;
      const keepVolume = level === s.anatomy.level && s.anatomy.ganglionVolumeMm3 !== undefined;
      return withAnatomy(s, {
        kind: 'drg',
        level,
        side,
        ...(keepVolume ? { ganglionVolumeMm3: s.anatomy.ganglionVolumeMm3 } : {}),
      });
    });
  return (
    <div className="drg-target" role="group" aria-labelledby="drg-target-heading">
      <p id="drg-target-heading" className="drg-target-heading">
        Target: <strong data-testid="drg-target">{drgTargetWords(anatomy)}</strong>
      </p>
      <div className="drg-target-fields">
        <label className="field">
          <span>Ganglion level</span>
          <select
            value={anatomy.level}
            aria-describedby="drg-target-note"
            onChange={(e) => set({ level: e.target.value as DrgLevel })}
          >
            {DRG_LEVELS.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Side</span>
          <select
            value={anatomy.side}
            aria-describedby="drg-target-note"
            onChange={(e) => set({ side: e.target.value as Side })}
          >
            <option value="left">left</option>
            <option value="right">right</option>
          </select>
        </label>
      </div>
      <p id="drg-target-note" className="muted small">
        {anatomy.level} ganglion {row.lengthMm.toFixed(1)} × {row.widthMm.toFixed(1)} mm, root
        take-off {row.takeOffDeg.toFixed(0)}° (anatomy.md §2.2, §4.1; T10–T12 and S1 partly
        nominal). The lead moves with the ganglion; a new level resets the ganglion volume.
      </p>
    </div>
  );
}
