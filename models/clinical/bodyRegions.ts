/**
 * Pain-map regions on front and back body outlines, each with the dermatomes (spinal roots)
 * it mostly lies in. Root assignments follow the ISNCSCI key sensory points
 * (../shared/research/anatomy.md §3.1) and the dermatome bands of clinical.md §4.1; they are a
 * coarse, region-level simplification for display, not a dermatome atlas.
 */

export type BodyView = 'front' | 'back';

export interface BodyRegion {
  id: string;
  label: string;
  view: BodyView;
  dermatomes: readonly string[];
}

const L = (
  side: 'left' | 'right',
  id: string,
  label: string,
  view: BodyView,
  dermatomes: string[],
): BodyRegion => ({
  id: `${view}-${id}-${side}`,
  label: `${label}, ${side}${view === 'back' ? ' (back)' : ''}`,
  view,
  dermatomes,
});

const bilateral = (
  id: string,
  label: string,
  view: BodyView,
  dermatomes: string[],
): BodyRegion[] => [
  L('left', id, label, view, dermatomes),
  L('right', id, label, view, dermatomes),
];

// Key points (anatomy.md §3.1): C2 occiput; C3 supraclavicular; C4 AC joint; C5 lateral elbow;
// C6 thumb; C7 middle finger; C8 little finger; T1 medial elbow; T4 nipple; T10 umbilicus;
// T12 inguinal ligament; L2 mid-anterior thigh; L3 medial femoral condyle; L4 medial malleolus;
// L5 dorsum of foot; S1 lateral heel; S2 popliteal fossa; S3 ischial tuberosity.
export const BODY_REGIONS: readonly BodyRegion[] = [
  { id: 'front-head', label: 'Head and face', view: 'front', dermatomes: ['C2'] },
  { id: 'front-neck', label: 'Neck, front', view: 'front', dermatomes: ['C3', 'C4'] },
  { id: 'front-chest', label: 'Chest', view: 'front', dermatomes: ['T2', 'T3', 'T4', 'T5', 'T6'] },
  {
    id: 'front-abdomen',
    label: 'Abdomen',
    view: 'front',
    dermatomes: ['T7', 'T8', 'T9', 'T10', 'T11'],
  },
  { id: 'front-groin', label: 'Groin and pubis', view: 'front', dermatomes: ['T12', 'L1'] },
  ...bilateral('shoulder', 'Shoulder', 'front', ['C4']),
  ...bilateral('upper-arm', 'Upper arm', 'front', ['C5', 'T1', 'T2']),
  ...bilateral('forearm', 'Forearm', 'front', ['C6', 'C8', 'T1']),
  ...bilateral('hand', 'Hand', 'front', ['C6', 'C7', 'C8']),
  ...bilateral('thigh', 'Anterior thigh', 'front', ['L1', 'L2', 'L3']),
  ...bilateral('knee', 'Knee', 'front', ['L3', 'L4']),
  ...bilateral('shin', 'Shin', 'front', ['L4', 'L5']),
  ...bilateral('foot', 'Foot, dorsum', 'front', ['L4', 'L5', 'S1']),
  { id: 'back-head', label: 'Occiput', view: 'back', dermatomes: ['C2', 'C3'] },
  { id: 'back-neck', label: 'Neck, back', view: 'back', dermatomes: ['C3', 'C4', 'C5'] },
  {
    id: 'back-upper-back',
    label: 'Upper back',
    view: 'back',
    dermatomes: ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'],
  },
  {
    id: 'back-mid-back',
    label: 'Mid back',
    view: 'back',
    dermatomes: ['T7', 'T8', 'T9', 'T10', 'T11', 'T12'],
  },
  {
    id: 'back-low-back',
    label: 'Low back',
    view: 'back',
    dermatomes: ['L1', 'L2', 'L3', 'L4', 'L5'],
  },
  ...bilateral('buttock', 'Buttock', 'back', ['S1', 'S2', 'S3']),
  ...bilateral('posterior-arm', 'Posterior arm', 'back', ['C5', 'C6', 'C7', 'C8']),
  ...bilateral('posterior-thigh', 'Posterior thigh', 'back', ['S1', 'S2']),
  ...bilateral('calf', 'Calf', 'back', ['S1', 'S2', 'L5']),
  ...bilateral('heel', 'Heel and sole', 'back', ['S1', 'L5']),
];

export const BODY_REGION_IDS = BODY_REGIONS.map((r) => r.id);

export function bodyRegionById(id: string): BodyRegion | undefined {
  return BODY_REGIONS.find((r) => r.id === id);
}

/** Dermatomes touched by a set of regions, in root order. */
export function dermatomesOf(regionIds: readonly string[]): string[] {
  const order = ['C', 'T', 'L', 'S'];
  const set = new Set<string>();
  for (const id of regionIds) for (const d of bodyRegionById(id)?.dermatomes ?? []) set.add(d);
  return [...set].sort(
    (a, b) =>
      order.indexOf(a[0] ?? '') - order.indexOf(b[0] ?? '') ||
      Number(a.slice(1)) - Number(b.slice(1)),
  );
}

/**
 * Overlap of paresthesia with pain: the share of the pain map's regions (weighted by pain
 * intensity) that the paresthesia regions cover, in percent (clinical.md §2.3 "% overlap
 * with the pain map"). Null without pain regions.
 */
export function overlapPercent(
  painRegions: readonly { regionId: string; intensityNrs: number }[],
  paresthesiaRegionIds: readonly string[],
): number | null {
  const covered = new Set(paresthesiaRegionIds);
  const weights = painRegions.map((r) => Math.max(r.intensityNrs, 1));
  const total = weights.reduce((s, w) => s + w, 0);
  if (painRegions.length === 0 || total === 0) return null;
  const hit = painRegions.reduce(
    (s, r, i) => s + (covered.has(r.regionId) ? (weights[i] ?? 0) : 0),
    0,
  );
  return Math.round((hit / total) * 1000) / 10;
}
