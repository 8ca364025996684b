/**
 * Dermatome of each spinal root: ISNCSCI key sensory point and a body region.
 * Source: anatomy.md §3.1 (ISNCSCI key sensory points, 2008/2011 worksheet); regions from
 * clinical.md §4.1 dermatome bands (EP2327446 background).
 */
export const ROOTS = [
  'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8',
  'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12',
  'L1', 'L2', 'L3', 'L4', 'L5', 'S1', 'S2', 'S3', 'S4',
] as const; // prettier-ignore
export type Root = (typeof ROOTS)[number];

export interface Dermatome {
  root: Root;
  /** ISNCSCI key sensory point (anatomy.md §3.1) */
  keyPoint: string;
  /** coarse body region for coverage maps (clinical.md §4.1 bands) */
  region: 'head-neck' | 'upper-limb' | 'trunk' | 'lower-limb' | 'perineum';
}

// anatomy.md §3.1 key points; region by clinical.md §4.1 bands
export const DERMATOMES: Record<Root, Dermatome> = {
  C2: { root: 'C2', keyPoint: '≥1 cm lateral to the occipital protuberance', region: 'head-neck' },
  C3: { root: 'C3', keyPoint: 'supraclavicular fossa, midclavicular line', region: 'head-neck' },
  C4: { root: 'C4', keyPoint: 'over the acromioclavicular joint', region: 'head-neck' },
  C5: { root: 'C5', keyPoint: 'lateral antecubital fossa', region: 'upper-limb' },
  C6: { root: 'C6', keyPoint: 'dorsum of proximal phalanx of the thumb', region: 'upper-limb' },
  C7: {
    root: 'C7',
    keyPoint: 'dorsum of proximal phalanx of the middle finger',
    region: 'upper-limb',
  },
  C8: {
    root: 'C8',
    keyPoint: 'dorsum of proximal phalanx of the little finger',
    region: 'upper-limb',
  },
  T1: { root: 'T1', keyPoint: 'medial antecubital fossa', region: 'upper-limb' },
  T2: { root: 'T2', keyPoint: 'apex of the axilla', region: 'trunk' },
  T3: { root: 'T3', keyPoint: '3rd intercostal space, midclavicular line', region: 'trunk' },
  T4: { root: 'T4', keyPoint: '4th intercostal space (nipple line)', region: 'trunk' },
  T5: { root: 'T5', keyPoint: '5th intercostal space', region: 'trunk' },
  T6: { root: 'T6', keyPoint: 'xiphisternum', region: 'trunk' },
  T7: { root: 'T7', keyPoint: '7th intercostal space', region: 'trunk' },
  T8: { root: 'T8', keyPoint: '8th intercostal space', region: 'trunk' },
  T9: { root: 'T9', keyPoint: '9th intercostal space', region: 'trunk' },
  T10: { root: 'T10', keyPoint: 'umbilicus', region: 'trunk' },
  T11: { root: 'T11', keyPoint: '11th intercostal space', region: 'trunk' },
  T12: { root: 'T12', keyPoint: 'midpoint of the inguinal ligament', region: 'trunk' },
  L1: { root: 'L1', keyPoint: 'half-way between T12 and L2 points', region: 'trunk' },
  L2: { root: 'L2', keyPoint: 'mid-anterior thigh', region: 'lower-limb' },
  L3: { root: 'L3', keyPoint: 'medial femoral condyle', region: 'lower-limb' },
  L4: { root: 'L4', keyPoint: 'medial malleolus', region: 'lower-limb' },
  L5: {
    root: 'L5',
    keyPoint: 'dorsum of foot at 3rd metatarsophalangeal joint',
    region: 'lower-limb',
  },
  S1: { root: 'S1', keyPoint: 'lateral heel', region: 'lower-limb' },
  S2: { root: 'S2', keyPoint: 'popliteal fossa, midline', region: 'lower-limb' },
  S3: { root: 'S3', keyPoint: 'ischial tuberosity', region: 'perineum' },
  S4: { root: 'S4', keyPoint: 'perianal area (S4–5)', region: 'perineum' },
};
