/**
 * The nerve a PNS plan targets: a choice of the presets of models/anatomy/nerve.ts, and what the
 * chosen nerve carries (sensory, motor, mixed fascicles). Choosing a target resets the nerve's
 * patient values to that preset and keeps each lead at its distance from the nerve
 * (placement.ts `withAnatomy`).
 */
import {
  NERVE_PRESETS,
  nerveComposition,
  type FascicleIdentity,
} from '../../models/anatomy/nerve.ts';
import { defaultAnatomy, withAnatomy } from '../../models/estimate/placement.ts';
import { PNS_TARGETS, type PnsTarget } from '../../models/scenario.ts';
import { usePlanner } from './store.ts';

const COMPOSITION: Record<FascicleIdentity, string> = {
  sensory: 'purely sensory: no motor fibres modelled',
  motor: 'motor fibres only',
  mixed: 'sensory and motor fibres',
};

/** "3 mixed, 1 motor" for a preset's fascicles. */
function fascicleSummary(target: PnsTarget): string {
  const counts = new Map<FascicleIdentity, number>();
  for (const id of NERVE_PRESETS[target].fascicleIdentities)
    counts.set(id, (counts.get(id) ?? 0) + 1);
  return (['sensory', 'motor', 'mixed'] as const)
    .filter((k) => counts.has(k))
    .map((k) => `${counts.get(k)} ${k}`)
    .join(', ');
}

export function PnsTargetFields() {
  const anatomy = usePlanner((s) => s.scenario.anatomy);
  const update = usePlanner((s) => s.update);
  if (anatomy.kind !== 'nerve') return null;
  const target = anatomy.target;
  const preset = NERVE_PRESETS[target];
  const fascicles = `${preset.fascicleCount} fascicle${preset.fascicleCount === 1 ? '' : 's'}`;
  return (
    <div className="pns-target" data-testid="pns-target">
      <label className="field">
        <span>Target nerve</span>
        <select
          value={target}
          data-testid="pns-target-select"
          aria-describedby="pns-target-note"
          onChange={(e) => {
            const next = e.target.value as PnsTarget;
            update((s) =>
              s.anatomy.kind === 'nerve'
                ? withAnatomy(s, defaultAnatomy({ kind: 'nerve', target: next }))
                : s,
            );
          }}
        >
          {PNS_TARGETS.map((t) => (
            <option key={t} value={t}>
              {NERVE_PRESETS[t].label}
            </option>
          ))}
        </select>
      </label>
      <p id="pns-target-note" className="muted small" data-testid="pns-target-note">
        The {preset.label}: {COMPOSITION[nerveComposition(target)]}; {fascicles} (
        {fascicleSummary(target)}). Fascicle identities {preset.identitySource}.{' '}
        {preset.illustrative.length > 0 && (
          <span className="nominal-badge">illustrative: {preset.illustrative.join(', ')}</span>
        )}
      </p>
    </div>
  );
}
