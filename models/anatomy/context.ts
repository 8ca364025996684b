/**
 * Context anatomy for the 3-D scene: vertebral bodies, discs, pedicles, laminae, spinous and
 * transverse processes per level; the bony margins of the foramen around a DRG with the dural
 * sac and the root; the skin surface and a depth ruler over a peripheral nerve.
 *
 * Drawn for orientation only. The field solver does not see these shapes: it models bone as the
 * uniform ellipse of the cross-section (spine.ts, drg.ts) and the section as uniform along the
 * cord. Every size here is placed from the solver's own section (canal, sac, bone extent) and the
 * level table, and the rest is nominal (marked on each constant).
 */
import type { SpinalLevel } from '../scenario.ts';
import type { DrgParams } from './drg.ts';
import type { NerveParams } from './nerve.ts';
import type { CrossSection, Region } from './shapes.ts';
import { SPINE_LEVEL_TABLE, vertebralLevelPositions, type SpineParams } from './spine.ts';

export type Vec3Mm = [number, number, number];

/** What a context part is, for its colour and its group in the structure list. */
export type ContextRole = 'vertebra' | 'disc' | 'dural-sac' | 'root' | 'skin' | 'ruler';

/** A solid given by its 8 corners (anatomy frame, mm): the 4 of one face, then the opposite 4. */
export interface ContextBlock {
  kind: 'block';
  name: string;
  role: ContextRole;
  cornersMm: Vec3Mm[];
}

/** An elliptic cylinder between two points (anatomy frame, mm). */
export interface ContextTube {
  kind: 'tube';
  name: string;
  role: ContextRole;
  fromMm: Vec3Mm;
  toMm: Vec3Mm;
  /** semi-axes of the section; the first lies in the plane of the tube and x (or y when along x) */
  radiiMm: [number, number];
}

export type ContextPart = ContextBlock | ContextTube;

export interface ContextLabel {
  text: string;
  positionMm: Vec3Mm;
}

export interface SceneContext {
  parts: ContextPart[];
  labels: ContextLabel[];
  /** the range along z (mm) over which the section's own structures are drawn (spine only) */
  drawnZMm?: { minMm: number; maxMm: number };
  /** one line for the structure list: what is drawn and that the solver does not see it */
  caption: string;
}

/** A box from its centre and half sizes along x, y, z, its top face (+y) shifted by `shearZMm`. */
function box(
  name: string,
  role: ContextRole,
  c: Vec3Mm,
  h: Vec3Mm,
  topShiftMm: Vec3Mm = [0, 0, 0],
): ContextBlock {
  const [x, y, z] = c;
  const [a, b, d] = h;
  const lo = (dx: number, dz: number): Vec3Mm => [x + dx, y - b, z + dz];
  const hi = (dx: number, dz: number): Vec3Mm => [
    x + dx + topShiftMm[0],
    y + b + topShiftMm[1],
    z + dz + topShiftMm[2],
  ];
  return {
    kind: 'block',
    name,
    role,
    cornersMm: [
      lo(-a, -d),
      lo(a, -d),
      lo(a, d),
      lo(-a, d),
      hi(-a, -d),
      hi(a, -d),
      hi(a, d),
      hi(-a, d),
    ],
  };
}

function ellipseOf(cs: CrossSection, name: string): Extract<Region['shape'], { kind: 'ellipse' }> {
  const r = cs.regions.find((q) => q.name === name);
  if (!r || r.shape.kind !== 'ellipse') throw new Error(`the section has no "${name}" ellipse`);
  return r.shape;
}

/* Vertebral body height (mm). Thoracic: mean of anterior and posterior heights, T2 17.3 → T9
 * 19.6 (Egwu et al. 2019 via anatomy.md §1.6), T1–T12 interpolated/held (derived); lumbar ≈27
 * (anatomy.md §1.6, Witek 2019); cervical 14 and S1 24 nominal guesses. The disc fills the rest
 * of the level length (level table, body + disc). */
function bodyHeightMm(level: SpinalLevel): number {
  if (level.startsWith('C')) return 14;
  if (level === 'S1') return 24;
  if (level.startsWith('L')) return 27;
  const n = Number(level.slice(1));
  return n <= 2 ? 17.3 : n >= 9 ? 19.6 : 17.3 + ((n - 2) * (19.6 - 17.3)) / 7;
}

// nominal guesses for the posterior elements (orientation only)
const PEDICLE_HALF_WIDTH_MM = 3.5;
const PEDICLE_HALF_HEIGHT_MM = 6;
const TRANSVERSE_LENGTH_MM = 16;
const SPINOUS_LENGTH_MM = 24;
// thoracic spinous processes slope steeply caudally (about one level); lumbar ones run straight back
const SPINOUS_CAUDAL_SLOPE = { C: 0.3, T: 0.8, L: 0.1, S: 0 } as const;
// body section: the solver's bone depth ventral to the canal (spine.ts VERTEBRAL_BODY_DEPTH_MM)
// as the AP diameter less a 2 mm posterior longitudinal ligament gap; RL 1.2× AP thoracic, 1.5×
// lumbar (nominal)
const BODY_GAP_MM = 2;

/** The levels drawn: the span of the leads' contacts (z, mm) and one level beyond each end. */
export function drawnLevels(
  reference: SpinalLevel,
  zMinMm: number,
  zMaxMm: number,
): { level: SpinalLevel; zStartMm: number; zEndMm: number; zMidMm: number }[] {
  const all = vertebralLevelPositions(reference);
  const inside = all.findIndex((l) => l.level === reference);
  let first = all.findIndex((l) => l.zEndMm < zMaxMm); // topmost level reaching the span
  let last = -1;
  all.forEach((l, i) => {
    if (l.zStartMm > zMinMm) last = i;
  });
  if (first < 0) first = inside;
  if (last < 0) last = inside;
  first = Math.max(0, Math.min(first, inside) - 1);
  last = Math.min(all.length - 1, Math.max(last, inside) + 1);
  return all.slice(first, last + 1);
}

export function spineContext(
  p: SpineParams,
  cs: CrossSection,
  leadSpanZMm: { minMm: number; maxMm: number } | undefined,
): SceneContext {
  const canal = ellipseOf(cs, 'epidural space');
  const bone = ellipseOf(cs, 'vertebra');
  const canalVentral = canal.centreVMm - canal.radiusVMm;
  const canalDorsal = canal.centreVMm + canal.radiusVMm;
  const boneBottom = bone.centreVMm - bone.radiusVMm;
  const bodyAp = canalVentral - boneBottom - BODY_GAP_MM;
  const bodyCy = canalVentral - BODY_GAP_MM / 2 - bodyAp / 2;
  const levels = drawnLevels(p.level, leadSpanZMm?.minMm ?? 0, leadSpanZMm?.maxMm ?? 0);
  const parts: ContextPart[] = [];
  const labels: ContextLabel[] = [];
  const laminaThickness = bone.centreVMm + bone.radiusVMm - canalDorsal;
  levels.forEach((l, i) => {
    const len = SPINE_LEVEL_TABLE[l.level].levelLengthMm;
    const hb = Math.min(bodyHeightMm(l.level), len - 3);
    const ratio = l.level.startsWith('L') || l.level === 'S1' ? 1.5 : 1.2;
    const bodyRx = (ratio * bodyAp) / 2;
    parts.push({
      kind: 'tube',
      name: `${l.level} vertebral body`,
      role: 'vertebra',
      fromMm: [0, bodyCy, l.zMidMm - hb / 2],
      toMm: [0, bodyCy, l.zMidMm + hb / 2],
      radiiMm: [bodyRx, bodyAp / 2],
    });
    const next = levels[i + 1];
    if (next) {
      const nextHb = Math.min(
        bodyHeightMm(next.level),
        SPINE_LEVEL_TABLE[next.level].levelLengthMm - 3,
      );
      const top = l.zMidMm - hb / 2;
      const bottom = next.zMidMm + nextHb / 2;
      if (top > bottom)
        parts.push({
          kind: 'tube',
          name: `${l.level}–${next.level} disc`,
          role: 'disc',
          fromMm: [0, bodyCy, bottom],
          toMm: [0, bodyCy, top],
          radiiMm: [bodyRx * 0.97, (bodyAp / 2) * 0.97],
        });
    }
    // posterior elements, in the upper half of the level (pedicles leave the upper body)
    const zp = l.zMidMm + hb / 4;
    for (const s of [1, -1]) {
      const side = s > 0 ? 'left' : 'right';
      const px = s * (canal.radiusUMm + PEDICLE_HALF_WIDTH_MM);
      parts.push(
        box(
          `${l.level} ${side} pedicle`,
          'vertebra',
          [px, (canalVentral + canal.centreVMm) / 2, zp],
          [PEDICLE_HALF_WIDTH_MM, (canal.centreVMm - canalVentral) / 2 + 1, PEDICLE_HALF_HEIGHT_MM],
        ),
      );
      // lamina: from the pedicle's top over the canal's roof to the midline, thick as the
      // solver's bone above the canal, over the middle of the level
      const zl = l.zMidMm - hb / 8;
      const hz = hb / 2.6;
      const lat = s * (canal.radiusUMm + 2 * PEDICLE_HALF_WIDTH_MM);
      const latY = canal.centreVMm + 1;
      const lam = (x: number, y: number, z: number): Vec3Mm => [x, y, z];
      parts.push({
        kind: 'block',
        name: `${l.level} ${side} lamina`,
        role: 'vertebra',
        cornersMm: [
          lam(0, canalDorsal, zl - hz),
          lam(lat, latY, zl - hz),
          lam(lat, latY, zl + hz),
          lam(0, canalDorsal, zl + hz),
          lam(0, canalDorsal + laminaThickness, zl - hz),
          lam(lat, latY + laminaThickness, zl - hz),
          lam(lat, latY + laminaThickness, zl + hz),
          lam(0, canalDorsal + laminaThickness, zl + hz),
        ],
      });
      parts.push(
        box(
          `${l.level} ${side} transverse process`,
          'vertebra',
          [
            s * (canal.radiusUMm + 2 * PEDICLE_HALF_WIDTH_MM + TRANSVERSE_LENGTH_MM / 2),
            canal.centreVMm + 2,
            zp,
          ],
          [TRANSVERSE_LENGTH_MM / 2, 3, 4],
        ),
      );
    }
    const slope = SPINOUS_CAUDAL_SLOPE[l.level[0] as keyof typeof SPINOUS_CAUDAL_SLOPE] ?? 0;
    parts.push(
      box(
        `${l.level} spinous process`,
        'vertebra',
        [0, canalDorsal + laminaThickness + SPINOUS_LENGTH_MM / 2 - 2, l.zMidMm],
        [2.5, SPINOUS_LENGTH_MM / 2, hb / 4],
        [0, 0, -slope * len],
      ),
    );
    labels.push({
      text: l.level,
      positionMm: [
        -(canal.radiusUMm + 2 * PEDICLE_HALF_WIDTH_MM + TRANSVERSE_LENGTH_MM + 6),
        canal.centreVMm,
        l.zMidMm,
      ],
    });
  });
  const top = levels[0]!;
  const bottom = levels.at(-1)!;
  return {
    parts,
    labels,
    drawnZMm: { minMm: bottom.zEndMm, maxMm: top.zStartMm },
    caption: `Vertebrae ${top.level}–${bottom.level} drawn for orientation (nominal shapes); the field model uses the ${p.level} section, uniform along the cord, with bone as one ellipse`,
  };
}

/* DRG context. Medial pedicle border → ganglion midpoint: L1 1.77, L2 2.79, L3 3.23, L4 7.28,
 * L5 8.31 mm (Silav et al. 2016 via anatomy.md §4.2); T10–T12 1.5 and S1 0 nominal guesses (S1
 * ganglia lie mostly in the canal, anatomy.md §4.2). */
const MEDIAL_PEDICLE_TO_DRG_MM: Record<DrgParams['level'], number> = {
  T10: 1.5,
  T11: 1.5,
  T12: 1.5,
  L1: 1.77,
  L2: 2.79,
  L3: 3.23,
  L4: 7.28,
  L5: 8.31,
  S1: 0,
};
// nominal guesses (orientation only): foramen height and AP width, pedicle width and height
const FORAMEN_HEIGHT_MM = 18;
const FORAMEN_AP_MM = 10;
const DRG_PEDICLE_WIDTH_MM = 8;
const DRG_PEDICLE_HEIGHT_MM = 9;
// lateral epidural space and the sac's half width below the conus (spine.ts: 2 mm; 13.9 mm sac)
const SAC_HALF_WIDTH_MM = 13.9 / 2;
const LATERAL_EPIDURAL_MM = 2;

const NEXT_LEVEL: Record<DrgParams['level'], string> = {
  T10: 'T11',
  T11: 'T12',
  T12: 'L1',
  L1: 'L2',
  L2: 'L3',
  L3: 'L4',
  L4: 'L5',
  L5: 'S1',
  S1: 'S2',
};

export function drgContext(p: DrgParams): SceneContext {
  const s = p.side === 'left' ? 1 : -1; // +x is the patient's left
  const dMed = MEDIAL_PEDICLE_TO_DRG_MM[p.level];
  const r = p.ganglionWidthMm / 2;
  const pedMedial = -s * dMed; // x of the pedicle's medial border
  const pedCx = pedMedial + (s * DRG_PEDICLE_WIDTH_MM) / 2;
  const zTop = r + 2; // the ganglion lies in the upper foramen, under the pedicle
  const zBottom = zTop - FORAMEN_HEIGHT_MM;
  const hy = FORAMEN_AP_MM / 2;
  const halfW = DRG_PEDICLE_WIDTH_MM / 2;
  const hp = DRG_PEDICLE_HEIGHT_MM / 2;
  const sacCx = pedMedial - s * (LATERAL_EPIDURAL_MM + SAC_HALF_WIDTH_MM);
  const parts: ContextPart[] = [
    box(`${p.level} pedicle (above)`, 'vertebra', [pedCx, 0, zTop + hp], [halfW, hy + 2, hp]),
    box(
      `${NEXT_LEVEL[p.level]} pedicle (below)`,
      'vertebra',
      [pedCx, 0, zBottom - hp],
      [halfW, hy + 2, hp],
    ),
    // ventral margin: the back of the vertebral body and disc; dorsal margin: the facet joint
    box(
      'vertebral body and disc (ventral margin)',
      'vertebra',
      [pedCx - s * 8, -hy - 6, (zTop + zBottom) / 2],
      [halfW + 8, 6, FORAMEN_HEIGHT_MM / 2 + DRG_PEDICLE_HEIGHT_MM],
    ),
    box(
      'facet joint (dorsal margin)',
      'vertebra',
      [pedCx, hy + 3, (zTop + zBottom) / 2 - 2],
      [halfW, 3, FORAMEN_HEIGHT_MM / 2 + 2],
    ),
    {
      kind: 'tube',
      name: 'dural sac',
      role: 'dural-sac',
      fromMm: [sacCx, -1, -45],
      toMm: [sacCx, -1, 45],
      radiiMm: [SAC_HALF_WIDTH_MM, 5.8],
    },
  ];
  // the root from the sac to the ganglion's proximal pole; the spinal nerve beyond the distal pole
  const [ex, ey, ez] = p.frame.eW;
  const half = p.ganglionLengthMm / 2;
  const proximal: Vec3Mm = [-ex * half, -ey * half, -ez * half];
  const distal: Vec3Mm = [ex * half, ey * half, ez * half];
  const rootR = Math.max(1, r * 0.45);
  parts.push(
    {
      kind: 'tube',
      name: 'root (sac to ganglion)',
      role: 'root',
      fromMm: [sacCx + s * SAC_HALF_WIDTH_MM * 0.8, 0, proximal[2] + 14],
      toMm: proximal,
      radiiMm: [rootR, rootR],
    },
    {
      kind: 'tube',
      name: 'spinal nerve',
      role: 'root',
      fromMm: distal,
      toMm: [distal[0] + ex * 25, distal[1] + ey * 25, distal[2] + ez * 25],
      radiiMm: [r * 0.8, r * 0.8],
    },
  );
  return {
    parts,
    labels: [
      { text: `${p.level} ganglion (${p.side})`, positionMm: [s * (r + 10), 0, r + 4] },
      { text: `${p.level} pedicle`, positionMm: [pedCx, hy + 4, zTop + 2 * hp + 3] },
      { text: `${NEXT_LEVEL[p.level]} pedicle`, positionMm: [pedCx, hy + 4, zBottom - 2 * hp - 3] },
      { text: 'Dural sac', positionMm: [sacCx, 8, 30] },
    ],
    caption: `Foramen margins, dural sac and root drawn for orientation (nominal shapes; ganglion–pedicle distance from Silav 2016 at L1–L5); the field model sees the ganglion in foraminal fat inside one bone ellipse`,
  };
}

const RULER_HALF_WIDTH_MM = 0.4;

export function nerveContext(p: NerveParams, targetName: string): SceneContext {
  const skinTop = p.depthMm;
  return {
    parts: [
      // the depth ruler from the skin surface down to the nerve's surface
      box(
        'depth ruler',
        'ruler',
        [-(p.nerveRadiusUMm + 6), (skinTop + p.nerveRadiusVMm) / 2, 0],
        [RULER_HALF_WIDTH_MM, (skinTop - p.nerveRadiusVMm) / 2, RULER_HALF_WIDTH_MM],
      ),
    ],
    labels: [
      { text: 'Skin', positionMm: [-(p.nerveRadiusUMm + 16), skinTop, 0] },
      {
        text: `${targetName}: ${p.depthMm.toFixed(0)} mm deep, ⌀ ${p.nerveDiameterMm.toFixed(1)} mm`,
        positionMm: [p.nerveRadiusUMm + 14, 0, 0.8 * p.nerveDiameterMm + 3],
      },
      {
        text: `Fat ${p.fatThicknessMm.toFixed(0)} mm`,
        positionMm: [
          -(p.nerveRadiusUMm + 16),
          skinTop - p.skinThicknessMm - p.fatThicknessMm / 2,
          0,
        ],
      },
      {
        text: 'Muscle',
        positionMm: [
          -(p.nerveRadiusUMm + 16),
          (skinTop - p.skinThicknessMm - p.fatThicknessMm + p.nerveRadiusVMm) / 2,
          0,
        ],
      },
    ],
    caption:
      'Skin, fat and muscle as the field model has them; the depth ruler runs from the skin to the nerve',
  };
}
