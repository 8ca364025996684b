/**
 * Dorsal root ganglion in its foramen, levels T10–S1. The section is uniform along the root
 * axis (w), which runs from the canal laterally and caudally through the foramen; the ganglion
 * is drawn as a prolate ellipsoid but solved as a cylinder of the ganglion's width.
 * The ventral root (motor) runs beside the ganglion through the foramen, parallel to it.
 * Sources: anatomy.md §2.2 (take-off angles), §2.3 (root size), §4.1 (size), §4.2 (position),
 * §6 (conductivity).
 */
import type { DrgLevel } from '../scenario.ts';
import type { CrossSection, StructureFrame } from './shapes.ts';

interface DrgRow {
  /** ganglion length along the root, mm */
  lengthMm: number;
  /** ganglion width, mm */
  widthMm: number;
  /** coronal take-off angle between root and cord axis, degrees */
  takeOffDeg: number;
}

/* length/width: anatomy.md §4.1 mean of Silav 2016 and Rohini 2022 (derived) for L1–L5;
 * S1 from the 384 mm³ volume (Weiner 2022) as a prolate ellipsoid with L/W 2.2 (derived);
 * T10–T12 nominal guesses extrapolated from L1. take-off: §2.2 52.4° at T11 → 25.8° at L5,
 * linear in between (derived); T10 and S1 nominal guesses. */
// prettier-ignore
export const DRG_LEVEL_TABLE: Record<DrgLevel, DrgRow> = {
  T10: { lengthMm: 5.0,  widthMm: 4.0,  takeOffDeg: 55 },
  T11: { lengthMm: 5.2,  widthMm: 4.2,  takeOffDeg: 52.4 },
  T12: { lengthMm: 5.6,  widthMm: 4.5,  takeOffDeg: 47.1 },
  L1:  { lengthMm: 5.94, widthMm: 4.69, takeOffDeg: 41.8 },
  L2:  { lengthMm: 7.73, widthMm: 5.26, takeOffDeg: 36.5 },
  L3:  { lengthMm: 9.71, widthMm: 5.85, takeOffDeg: 31.2 },
  L4:  { lengthMm: 10.7, widthMm: 6.01, takeOffDeg: 28.5 },
  L5:  { lengthMm: 12.89, widthMm: 6.33, takeOffDeg: 25.8 },
  S1:  { lengthMm: 15.2, widthMm: 6.93, takeOffDeg: 20 },
};

/* ventral-root diameter, mm: Schalow 1985 (anatomy.md §2.3) ≈1 mm at lower thoracic levels,
 * ≈2 mm at L3–S1 (ventral S1 ≈2 mm); L1 and L2 linear in between (derived). */
// prettier-ignore
export const VENTRAL_ROOT_DIAMETER_MM: Record<DrgLevel, number> = {
  T10: 1, T11: 1, T12: 1, L1: 1.33, L2: 1.67, L3: 2, L4: 2, L5: 2, S1: 2,
};
/* nominal guess: the ventral root lies in the foramen ventral and caudal of the ganglion,
 * apart from its capsule by 0.3 mm, its centre 70° from the ventral direction towards the
 * caudal side of the section (anatomy.md has no position of the ventral root in the foramen). */
const VENTRAL_ROOT_GAP_MM = 0.3;
const VENTRAL_ROOT_ANGLE_DEG = 70;

// nominal guess: foramen section half-axes around the ganglion (cranio-caudal 8 mm, AP 5 mm)
const FORAMEN_HALF_U_MM = 8;
const FORAMEN_HALF_V_MM = 5;
// nominal guess: bone around the foramen (pedicles, facet, body) out to 20 × 16 mm half-axes
const BONE_HALF_U_MM = 20;
const BONE_HALF_V_MM = 16;
// nominal guess: ganglion capsule (epineurium-like) thickness
const CAPSULE_MM = 0.2;

export interface DrgParams {
  kind: 'drg';
  level: DrgLevel;
  side: 'left' | 'right';
  ganglionLengthMm: number;
  ganglionWidthMm: number;
  ganglionVolumeMm3: number;
  takeOffDeg: number;
  frame: StructureFrame;
  /** the ventral root beside the ganglion, in the section (u, v; mm): motor axons */
  ventralRoot: { centreUMm: number; centreVMm: number; radiusMm: number };
}

export function resolveDrg(a: {
  level: DrgLevel;
  side: 'left' | 'right';
  ganglionVolumeMm3?: number | undefined;
}): DrgParams {
  const row = DRG_LEVEL_TABLE[a.level];
  const v0 = (Math.PI / 6) * row.lengthMm * row.widthMm * row.widthMm; // prolate ellipsoid (anatomy.md §4.1)
  const scale = a.ganglionVolumeMm3 === undefined ? 1 : Math.cbrt(a.ganglionVolumeMm3 / v0);
  const t = (row.takeOffDeg * Math.PI) / 180;
  const s = a.side === 'left' ? 1 : -1; // +x is the patient's left
  const eW: [number, number, number] = [s * Math.sin(t), 0, -Math.cos(t)];
  const eV: [number, number, number] = [0, 1, 0];
  const eU: [number, number, number] = [
    eV[1] * eW[2] - eV[2] * eW[1],
    eV[2] * eW[0] - eV[0] * eW[2],
    eV[0] * eW[1] - eV[1] * eW[0],
  ];
  // the caudal side of the section: the sign of −z along eU (+u on the left, −u on the right)
  const caudalU = -eU[2] >= 0 ? 1 : -1;
  const vrRadius = VENTRAL_ROOT_DIAMETER_MM[a.level] / 2;
  const vrDistance = (row.widthMm * scale) / 2 + CAPSULE_MM + VENTRAL_ROOT_GAP_MM + vrRadius;
  const phi = (VENTRAL_ROOT_ANGLE_DEG * Math.PI) / 180;
  return {
    kind: 'drg',
    level: a.level,
    side: a.side,
    ganglionLengthMm: row.lengthMm * scale,
    ganglionWidthMm: row.widthMm * scale,
    ganglionVolumeMm3: v0 * scale ** 3,
    takeOffDeg: row.takeOffDeg,
    frame: { originMm: [0, 0, 0], eU, eV, eW },
    ventralRoot: {
      centreUMm: caudalU * vrDistance * Math.sin(phi),
      centreVMm: -vrDistance * Math.cos(phi),
      radiusMm: vrRadius,
    },
  };
}

const GANGLION_SPACING_MM = 0.25;

export function drgCrossSection(p: DrgParams): CrossSection {
  const r = p.ganglionWidthMm / 2;
  const ext = 80; // nominal: section solved to ±80 mm
  const vr = p.ventralRoot;
  const vrU = [vr.centreUMm - vr.radiusMm, vr.centreUMm + vr.radiusMm] as const;
  const vrV = [vr.centreVMm - vr.radiusMm, vr.centreVMm + vr.radiusMm] as const;
  return {
    frame: p.frame,
    background: 'soft-tissue',
    regions: [
      {
        name: 'vertebra',
        tissue: 'bone',
        shape: {
          kind: 'ellipse',
          centreUMm: 0,
          centreVMm: 0,
          radiusUMm: BONE_HALF_U_MM,
          radiusVMm: BONE_HALF_V_MM,
        },
      },
      {
        name: 'foramen',
        tissue: 'foraminal-fat',
        shape: {
          kind: 'ellipse',
          centreUMm: 0,
          centreVMm: 0,
          radiusUMm: FORAMEN_HALF_U_MM,
          radiusVMm: FORAMEN_HALF_V_MM,
        },
      },
      {
        name: 'ventral root',
        tissue: 'nerve-root',
        shape: {
          kind: 'ellipse',
          centreUMm: vr.centreUMm,
          centreVMm: vr.centreVMm,
          radiusUMm: vr.radiusMm,
          radiusVMm: vr.radiusMm,
        },
      },
      {
        name: 'ganglion capsule',
        tissue: 'epineurium',
        shape: {
          kind: 'ellipse',
          centreUMm: 0,
          centreVMm: 0,
          radiusUMm: r + CAPSULE_MM,
          radiusVMm: r + CAPSULE_MM,
        },
      },
      {
        name: 'ganglion',
        tissue: 'ganglion',
        shape: { kind: 'ellipse', centreUMm: 0, centreVMm: 0, radiusUMm: r, radiusVMm: r },
      },
    ],
    sheets: [],
    extentMm: { uMin: -ext, uMax: ext, vMin: -ext, vMax: ext },
    boundaries: { uMin: 'robin', uMax: 'robin', vMin: 'robin', vMax: 'robin' },
    axialExtentMm: { wMin: -p.ganglionLengthMm, wMax: p.ganglionLengthMm },
    featuresUMm: [
      -r - CAPSULE_MM,
      -r,
      0,
      r,
      r + CAPSULE_MM,
      -FORAMEN_HALF_U_MM,
      FORAMEN_HALF_U_MM,
      ...vrU,
    ],
    featuresVMm: [
      -r - CAPSULE_MM,
      -r,
      0,
      r,
      r + CAPSULE_MM,
      -FORAMEN_HALF_V_MM,
      FORAMEN_HALF_V_MM,
      ...vrV,
    ],
    // where fibres are sampled: the whole ganglion (somata, stems, through-axons) and the ventral
    // root, at 0.25 mm (our choice: DRG thresholds within 2 % of a 3× finer grid,
    // validation/field/convergence.test.ts)
    targetSpansUMm: [
      { fromMm: -r, toMm: r, spacingMm: GANGLION_SPACING_MM },
      { fromMm: vrU[0], toMm: vrU[1], spacingMm: GANGLION_SPACING_MM },
    ],
    targetSpansVMm: [
      { fromMm: -r, toMm: r, spacingMm: GANGLION_SPACING_MM },
      { fromMm: vrV[0], toMm: vrV[1], spacingMm: GANGLION_SPACING_MM },
    ],
  };
}
