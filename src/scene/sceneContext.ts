/**
 * What the scene draws around the solved anatomy for a plan (orientation structures and labels,
 * models/anatomy/context.ts) and the two zoom views: to the lead's contacts and to the target
 * structure, seen from the direction of the last camera preset.
 */
import { crossSection, type ResolvedAnatomy } from '../../models/anatomy/index.ts';
import {
  drgContext,
  nerveContext,
  spineContext,
  type SceneContext,
} from '../../models/anatomy/context.ts';
import { scenarioContacts } from '../../models/estimate/contacts.ts';
import type { Scenario } from '../../models/scenario.ts';
import { CAMERA_PRESETS } from './cameraPresets.ts';
import type { CustomView } from './SceneCanvas.tsx';

/** The z span (mm) of every contact of the plan, or undefined without contacts. */
export function contactSpanZMm(s: Scenario): { minMm: number; maxMm: number } | undefined {
  const { contacts } = scenarioContacts(s);
  if (contacts.length === 0) return undefined;
  let min = Infinity;
  let max = -Infinity;
  for (const c of contacts) {
    min = Math.min(min, c.centreMm.z);
    max = Math.max(max, c.centreMm.z);
  }
  return { minMm: min, maxMm: max };
}

const nerveName = (target: string) =>
  (target.charAt(0).toUpperCase() + target.slice(1)).replace(/-/g, ' ') + ' nerve';

export function sceneContext(s: Scenario, r: ResolvedAnatomy): SceneContext {
  switch (r.kind) {
    case 'spine':
      return spineContext(r, crossSection(r), contactSpanZMm(s));
    case 'drg':
      return drgContext(r);
    case 'nerve':
      return nerveContext(r, nerveName(r.target));
  }
}

function unit(v: [number, number, number]): [number, number, number] {
  const n = Math.hypot(...v) || 1;
  return [v[0] / n, v[1] / n, v[2] / n];
}

/**
 * A close view of the lead (its contacts' centre, about twice the array's length away) or of
 * the target (cord at the lead's level, the ganglion, the nerve), along the preset's direction.
 */
export function zoomView(
  s: Scenario,
  r: ResolvedAnatomy,
  to: 'lead' | 'target',
  presetId: string,
  leadId: string | undefined,
): CustomView {
  const preset = CAMERA_PRESETS.find((p) => p.id === presetId) ?? CAMERA_PRESETS[0]!;
  const dir = unit(preset.offsetMm);
  const { contacts, keys } = scenarioContacts(s);
  const mine = contacts.filter((_, i) => keys[i]!.leadId === (leadId ?? s.leads[0]?.id));
  let target: [number, number, number];
  let distance: number;
  if (to === 'lead' && mine.length > 0) {
    let [x, y, z] = [0, 0, 0];
    for (const q of mine) {
      x += q.centreMm.x;
      y += q.centreMm.y;
      z += q.centreMm.z;
    }
    target = [x / mine.length, y / mine.length, z / mine.length];
    let spread = 0;
    for (const q of mine)
      spread = Math.max(
        spread,
        Math.hypot(q.centreMm.x - target[0], q.centreMm.y - target[1], q.centreMm.z - target[2]),
      );
    distance = Math.max(25, 3.2 * spread + 15);
  } else if (r.kind === 'spine') {
    const span = contactSpanZMm(s);
    target = [r.cordLateralOffsetMm, r.cordDorsalYMm, span ? (span.minMm + span.maxMm) / 2 : 0];
    distance = 55;
  } else if (r.kind === 'drg') {
    target = [0, 0, 0];
    distance = Math.max(30, 4 * r.ganglionLengthMm);
  } else {
    target = [0, 0, 0];
    distance = Math.max(20, 7 * r.nerveDiameterMm);
  }
  return {
    targetMm: target,
    offsetMm: [dir[0] * distance, dir[1] * distance, dir[2] * distance],
  };
}
