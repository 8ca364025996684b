/**
 * Parametric spinal canal and cord, vertebral levels C2–S1. Cross-section uniform along the
 * cord axis within the modelled level (discs, laminae and root sleeves are not resolved).
 * Sources: ../shared/research/anatomy.md §1–§3 (section numbers on each row).
 */
import { SPINAL_LEVELS, type SpinalLevel } from '../scenario.ts';
import { IDENTITY_FRAME, type CrossSection, type Region } from './shapes.ts';

interface LevelRow {
  /** cord transverse (RL) diameter, mm; anatomy.md §1.1 (PAM50, vertebral level); 0 = no cord */
  cordRlMm: number;
  /** cord AP diameter, mm; anatomy.md §1.1 */
  cordApMm: number;
  /** intrathecal sac RL, mm; anatomy.md §1.2 */
  sacRlMm: number;
  /** intrathecal sac AP, mm; anatomy.md §1.2 */
  sacApMm: number;
  /** dorsal CSF thickness at the midline, supine, mm; anatomy.md §0/§1.3 */
  dCsfMm: number;
  /** dura + arachnoid thickness, mm; anatomy.md §1.5 */
  duraMm: number;
  /** posterior epidural fat depth, mm; anatomy.md §1.4 */
  epiduralFatMm: number;
  /** vertebral level length (body + disc), mm; anatomy.md §1.6 (derived, PAM50) */
  levelLengthMm: number;
}

/* Row sources. cord: §1.1 PAM50 table (L1 conus: cord of §1.1 kept; L2–S1 cauda equina, no cord).
 * sac: §1.2 spine-generic C2–T4; T5 12.3×14.3 and T9 11.6×13.9 (Lee 1988); T6–T8 interpolated
 * (derived); T10–S1 nominal guess = T9 (lumbar sac not tabulated).
 * dCSF: §0 defaults C4–6 2.5, T5–6 5.5, T8–T10 4, T11–12 3; T2 3.9 and T5 5.8 (Imbelloni 2010);
 * others interpolated (derived) or nominal (C2–C3 2.5, L1–S1 3–4).
 * dura: cervical 0.379 (Kwon 2018), thoracic 0.307 (Hong 2011), lumbar 0.322 (Reina 1999).
 * fat: cervical 1.5 (1–2 mm, unverified), C6–T2 3/4/5/4 (Aldrete 1998), T3–T10 3.5 (unverified 3–4),
 * T11–T12 4.5 (interpolated, derived), L1–L5 5.5 (5–6 mm, unverified), S1 2 (unverified).
 * length: §1.6 PAM50 derived C2–L1; L2–L5 34 (33–35 unverified, §2.2); S1 30 nominal guess. */
// prettier-ignore
export const SPINE_LEVEL_TABLE: Record<SpinalLevel, LevelRow> = {
  C2:  { cordRlMm: 11.55, cordApMm: 7.76, sacRlMm: 22.24, sacApMm: 14.5,  dCsfMm: 2.5, duraMm: 0.379, epiduralFatMm: 1.5, levelLengthMm: 15.5 },
  C3:  { cordRlMm: 12.0,  cordApMm: 7.44, sacRlMm: 20.84, sacApMm: 13.06, dCsfMm: 2.5, duraMm: 0.379, epiduralFatMm: 1.5, levelLengthMm: 18.5 },
  C4:  { cordRlMm: 12.73, cordApMm: 7.43, sacRlMm: 20.97, sacApMm: 12.8,  dCsfMm: 2.5, duraMm: 0.379, epiduralFatMm: 1.5, levelLengthMm: 18.5 },
  C5:  { cordRlMm: 12.64, cordApMm: 7.28, sacRlMm: 21.17, sacApMm: 12.78, dCsfMm: 2.5, duraMm: 0.379, epiduralFatMm: 1.5, levelLengthMm: 16.5 },
  C6:  { cordRlMm: 12.03, cordApMm: 6.86, sacRlMm: 20.68, sacApMm: 12.58, dCsfMm: 2.5, duraMm: 0.379, epiduralFatMm: 3.0, levelLengthMm: 15.5 },
  C7:  { cordRlMm: 10.6,  cordApMm: 6.41, sacRlMm: 19.74, sacApMm: 12.76, dCsfMm: 3.0, duraMm: 0.379, epiduralFatMm: 4.0, levelLengthMm: 17 },
  T1:  { cordRlMm: 9.25,  cordApMm: 6.25, sacRlMm: 18.0,  sacApMm: 12.9,  dCsfMm: 3.5, duraMm: 0.307, epiduralFatMm: 5.0, levelLengthMm: 21.5 },
  T2:  { cordRlMm: 8.66,  cordApMm: 6.14, sacRlMm: 16.08, sacApMm: 12.69, dCsfMm: 3.9, duraMm: 0.307, epiduralFatMm: 4.0, levelLengthMm: 23 },
  T3:  { cordRlMm: 8.26,  cordApMm: 5.89, sacRlMm: 15.15, sacApMm: 12.61, dCsfMm: 4.5, duraMm: 0.307, epiduralFatMm: 3.5, levelLengthMm: 23 },
  T4:  { cordRlMm: 8.0,   cordApMm: 5.68, sacRlMm: 14.42, sacApMm: 12.55, dCsfMm: 5.0, duraMm: 0.307, epiduralFatMm: 3.5, levelLengthMm: 24.5 },
  T5:  { cordRlMm: 7.83,  cordApMm: 5.61, sacRlMm: 14.3,  sacApMm: 12.3,  dCsfMm: 5.8, duraMm: 0.307, epiduralFatMm: 3.5, levelLengthMm: 25.5 },
  T6:  { cordRlMm: 7.71,  cordApMm: 5.66, sacRlMm: 14.2,  sacApMm: 12.1,  dCsfMm: 5.5, duraMm: 0.307, epiduralFatMm: 3.5, levelLengthMm: 25.5 },
  T7:  { cordRlMm: 7.7,   cordApMm: 5.8,  sacRlMm: 14.1,  sacApMm: 11.9,  dCsfMm: 4.5, duraMm: 0.307, epiduralFatMm: 3.5, levelLengthMm: 26.5 },
  T8:  { cordRlMm: 7.78,  cordApMm: 6.05, sacRlMm: 14.0,  sacApMm: 11.8,  dCsfMm: 4.0, duraMm: 0.307, epiduralFatMm: 3.5, levelLengthMm: 27 },
  T9:  { cordRlMm: 7.87,  cordApMm: 6.28, sacRlMm: 13.9,  sacApMm: 11.6,  dCsfMm: 4.0, duraMm: 0.307, epiduralFatMm: 3.5, levelLengthMm: 26.5 },
  T10: { cordRlMm: 8.18,  cordApMm: 6.52, sacRlMm: 13.9,  sacApMm: 11.6,  dCsfMm: 4.1, duraMm: 0.307, epiduralFatMm: 3.5, levelLengthMm: 29 },
  T11: { cordRlMm: 8.7,   cordApMm: 7.0,  sacRlMm: 13.9,  sacApMm: 11.6,  dCsfMm: 3.0, duraMm: 0.307, epiduralFatMm: 4.5, levelLengthMm: 31.5 },
  T12: { cordRlMm: 8.24,  cordApMm: 6.73, sacRlMm: 13.9,  sacApMm: 11.6,  dCsfMm: 3.0, duraMm: 0.307, epiduralFatMm: 4.5, levelLengthMm: 31.5 },
  L1:  { cordRlMm: 4.54,  cordApMm: 4.08, sacRlMm: 13.9,  sacApMm: 11.6,  dCsfMm: 3.5, duraMm: 0.322, epiduralFatMm: 5.5, levelLengthMm: 33 },
  L2:  { cordRlMm: 0,     cordApMm: 0,    sacRlMm: 13.9,  sacApMm: 11.6,  dCsfMm: 4.0, duraMm: 0.322, epiduralFatMm: 5.5, levelLengthMm: 34 },
  L3:  { cordRlMm: 0,     cordApMm: 0,    sacRlMm: 13.9,  sacApMm: 11.6,  dCsfMm: 4.0, duraMm: 0.322, epiduralFatMm: 5.5, levelLengthMm: 34 },
  L4:  { cordRlMm: 0,     cordApMm: 0,    sacRlMm: 13.9,  sacApMm: 11.6,  dCsfMm: 4.0, duraMm: 0.322, epiduralFatMm: 5.5, levelLengthMm: 34 },
  L5:  { cordRlMm: 0,     cordApMm: 0,    sacRlMm: 13.9,  sacApMm: 11.6,  dCsfMm: 4.0, duraMm: 0.322, epiduralFatMm: 5.5, levelLengthMm: 34 },
  S1:  { cordRlMm: 0,     cordApMm: 0,    sacRlMm: 13.9,  sacApMm: 11.6,  dCsfMm: 4.0, duraMm: 0.322, epiduralFatMm: 2.0, levelLengthMm: 30 },
};

// nominal guess: lateral epidural space between sac and pedicle, each side (mm)
const LATERAL_EPIDURAL_MM = 2;
// nominal guess: lamina / posterior arch thickness dorsal to the canal (mm)
const LAMINA_THICKNESS_MM = 7;
// nominal guess: vertebral body depth ventral to the canal (mm); lumbar body height ≈27 mm (anatomy.md §1.6) as scale
const VERTEBRAL_BODY_DEPTH_MM = 30;
// nominal guess: pedicle/lateral mass half-width beyond the canal (mm)
const LATERAL_BONE_MM = 10;
// derived: minimum ventral CSF kept between cord and dura (mm), so that the sac encloses the cord
const MIN_VENTRAL_CSF_MM = 1;
// derived: cauda equina bundle fills ≈30 % of the sac section below the conus (nominal guess, anatomy.md §1.7)
const CAUDA_FILL = 0.3;
// derived: grey matter ≈16–20 % of cord area (anatomy.md §1.9); central ellipse + two dorsal horns
const GM_CENTRAL_RX = 0.25;
const GM_CENTRAL_RY = 0.3;
// nominal: dorsal horns as ellipses centred 0.4·ry dorsal of the cord centre, 0.35·ry high
const DORSAL_HORN_CENTRE_V = 0.4;
const DORSAL_HORN_HALF_HEIGHT_V = 0.35;

/** y (mm) of the ventral end of the drawn and solved dorsal horns (lamina VI lies at their base). */
export function dorsalHornBaseYMm(p: Pick<SpineParams, 'cordApMm'>): number {
  return ((DORSAL_HORN_CENTRE_V - DORSAL_HORN_HALF_HEIGHT_V) * p.cordApMm) / 2;
}

export interface SpineParams {
  kind: 'spine';
  level: SpinalLevel;
  cordRlMm: number;
  cordApMm: number;
  cordLateralOffsetMm: number;
  dorsalCsfThicknessMm: number;
  ventralCsfThicknessMm: number;
  sacRlMm: number;
  duraThicknessMm: number;
  epiduralFatDepthMm: number;
  levelLengthMm: number;
  /** derived y positions (mm, anatomy frame) */
  cordDorsalYMm: number;
  sacDorsalYMm: number;
  duraDorsalYMm: number;
  canalDorsalYMm: number;
  /** true below the conus (L2–S1): the sac holds cauda equina roots, not cord */
  caudaEquina: boolean;
}

export function resolveSpine(a: {
  level: SpinalLevel;
  dorsalCsfThicknessMm?: number | undefined;
  cordLateralOffsetMm?: number | undefined;
  duraThicknessMm?: number | undefined;
  epiduralFatDepthMm?: number | undefined;
}): SpineParams {
  const row = SPINE_LEVEL_TABLE[a.level];
  const caudaEquina = row.cordRlMm === 0;
  const cordApMm = caudaEquina ? row.sacApMm * CAUDA_FILL * 1.5 : row.cordApMm;
  const cordRlMm = caudaEquina ? row.sacRlMm * CAUDA_FILL * 1.5 : row.cordRlMm;
  const dCsf = a.dorsalCsfThicknessMm ?? row.dCsfMm;
  const ventral = Math.max(MIN_VENTRAL_CSF_MM, row.sacApMm - row.cordApMm - row.dCsfMm);
  const dura = a.duraThicknessMm ?? row.duraMm;
  const fat = a.epiduralFatDepthMm ?? row.epiduralFatMm;
  const cordDorsalYMm = cordApMm / 2;
  const sacDorsalYMm = cordDorsalYMm + dCsf;
  const duraDorsalYMm = sacDorsalYMm + dura;
  return {
    kind: 'spine',
    level: a.level,
    cordRlMm,
    cordApMm,
    cordLateralOffsetMm: a.cordLateralOffsetMm ?? 0,
    dorsalCsfThicknessMm: dCsf,
    ventralCsfThicknessMm: ventral,
    sacRlMm: Math.max(
      row.sacRlMm,
      cordRlMm + 2 * MIN_VENTRAL_CSF_MM + 2 * Math.abs(a.cordLateralOffsetMm ?? 0),
    ),
    duraThicknessMm: dura,
    epiduralFatDepthMm: fat,
    levelLengthMm: row.levelLengthMm,
    cordDorsalYMm,
    sacDorsalYMm,
    duraDorsalYMm,
    canalDorsalYMm: duraDorsalYMm + fat,
    caudaEquina,
  };
}

// fine-grid spans of the section (solver grid): |u| ≤ sin 55° · rx and v ≥ cos 55° · ry hold the
// root entry zones (DREZ_ANGLE_DEG = 55, roots.ts), rounded out to 0.85 and 0.5
const DREZ_SPAN = 0.85;
const DREZ_SPAN_V = 0.5;
// our choice: spacing across the dorsal CSF (convergence test of peak Δ²φ)
const DORSAL_CSF_SPACING_MM = 0.2;

/** Cross-section of the spine model (structure frame = anatomy frame). */
export function spineCrossSection(p: SpineParams): CrossSection {
  const sacVentralY = -p.cordApMm / 2 - p.ventralCsfThicknessMm;
  const sacCy = (p.sacDorsalYMm + sacVentralY) / 2;
  const sacRy = (p.sacDorsalYMm - sacVentralY) / 2;
  const sacRx = p.sacRlMm / 2;
  const duraRy = sacRy + p.duraThicknessMm;
  const duraRx = sacRx + p.duraThicknessMm;
  const canalVentralY = sacVentralY - p.duraThicknessMm - 1; // nominal 1 mm ventral epidural space
  const canalCy = (p.canalDorsalYMm + canalVentralY) / 2;
  const canalRy = (p.canalDorsalYMm - canalVentralY) / 2;
  const canalRx = duraRx + LATERAL_EPIDURAL_MM;
  const boneTop = p.canalDorsalYMm + LAMINA_THICKNESS_MM;
  const boneBottom = canalVentralY - VERTEBRAL_BODY_DEPTH_MM;
  const ox = p.cordLateralOffsetMm;
  const regions: Region[] = [
    {
      name: 'vertebra',
      tissue: 'bone',
      shape: {
        kind: 'ellipse',
        centreUMm: 0,
        centreVMm: (boneTop + boneBottom) / 2,
        radiusUMm: canalRx + LATERAL_BONE_MM,
        radiusVMm: (boneTop - boneBottom) / 2,
      },
    },
    {
      name: 'epidural space',
      tissue: 'epidural-fat',
      shape: {
        kind: 'ellipse',
        centreUMm: 0,
        centreVMm: canalCy,
        radiusUMm: canalRx,
        radiusVMm: canalRy,
      },
    },
    {
      name: 'dura',
      tissue: 'dura',
      shape: {
        kind: 'ellipse',
        centreUMm: 0,
        centreVMm: sacCy,
        radiusUMm: duraRx,
        radiusVMm: duraRy,
      },
    },
    {
      name: 'CSF',
      tissue: 'csf',
      shape: {
        kind: 'ellipse',
        centreUMm: 0,
        centreVMm: sacCy,
        radiusUMm: sacRx,
        radiusVMm: sacRy,
      },
    },
  ];
  if (p.caudaEquina) {
    regions.push({
      name: 'cauda equina',
      tissue: 'nerve-root',
      shape: {
        kind: 'ellipse',
        centreUMm: ox,
        centreVMm: 0,
        radiusUMm: p.cordRlMm / 2,
        radiusVMm: p.cordApMm / 2,
      },
    });
  } else {
    const rx = p.cordRlMm / 2;
    const ry = p.cordApMm / 2;
    regions.push(
      {
        name: 'cord white matter',
        tissue: 'white-matter',
        shape: { kind: 'ellipse', centreUMm: ox, centreVMm: 0, radiusUMm: rx, radiusVMm: ry },
      },
      {
        name: 'grey matter',
        tissue: 'grey-matter',
        shape: {
          kind: 'ellipse',
          centreUMm: ox,
          centreVMm: -0.1 * ry,
          radiusUMm: GM_CENTRAL_RX * rx * 2,
          radiusVMm: GM_CENTRAL_RY * ry,
        },
      },
      {
        name: 'left dorsal horn',
        tissue: 'grey-matter',
        shape: {
          kind: 'ellipse',
          centreUMm: ox + 0.3 * rx,
          centreVMm: DORSAL_HORN_CENTRE_V * ry,
          radiusUMm: 0.1 * rx,
          radiusVMm: DORSAL_HORN_HALF_HEIGHT_V * ry,
        },
      },
      {
        name: 'right dorsal horn',
        tissue: 'grey-matter',
        shape: {
          kind: 'ellipse',
          centreUMm: ox - 0.3 * rx,
          centreVMm: DORSAL_HORN_CENTRE_V * ry,
          radiusUMm: 0.1 * rx,
          radiusVMm: DORSAL_HORN_HALF_HEIGHT_V * ry,
        },
      },
    );
  }
  const ext = 100; // nominal: section solved to ±100 mm, asymptotic decay imposed beyond
  return {
    frame: IDENTITY_FRAME,
    background: 'soft-tissue',
    regions,
    sheets: [],
    extentMm: { uMin: -ext, uMax: ext, vMin: -ext, vMax: ext },
    boundaries: { uMin: 'robin', uMax: 'robin', vMin: 'robin', vMax: 'robin' },
    axialExtentMm: { wMin: -p.levelLengthMm * 1.5, wMax: p.levelLengthMm * 1.5 },
    featuresUMm: [
      ox - p.cordRlMm / 2,
      ox,
      ox + p.cordRlMm / 2,
      -sacRx,
      sacRx,
      -duraRx,
      duraRx,
      -canalRx,
      canalRx,
    ],
    featuresVMm: [
      -p.cordApMm / 2,
      0,
      p.cordDorsalYMm,
      p.sacDorsalYMm,
      p.duraDorsalYMm,
      p.canalDorsalYMm,
      sacVentralY,
      boneTop,
    ],
    // dorsal columns: the top 0.5 mm of the cord (Feirabend 2002: activation within ≈0.25 mm)
    targetsVMm: p.caudaEquina ? [] : [p.cordDorsalYMm, p.cordDorsalYMm - 0.5],
    // where fibres are sampled: the dorsal columns and both root entry zones (DREZ_ANGLE_DEG
    // on the outline: |u| ≤ 0.82 rx, v ≥ 0.57 ry), at the finest spacing; the dorsal CSF between
    // the dura and the cord, where the field of an epidural contact bends, at 0.2 mm (our choice:
    // peak Δ²φ at T8 within 1.2 % of a 3× finer grid, test/validation/field/convergence.test.ts)
    targetSpansUMm: p.caudaEquina
      ? []
      : [{ fromMm: ox - (DREZ_SPAN * p.cordRlMm) / 2, toMm: ox + (DREZ_SPAN * p.cordRlMm) / 2 }],
    targetSpansVMm: p.caudaEquina
      ? []
      : [
          { fromMm: DREZ_SPAN_V * p.cordDorsalYMm, toMm: p.cordDorsalYMm },
          { fromMm: p.cordDorsalYMm, toMm: p.sacDorsalYMm, spacingMm: DORSAL_CSF_SPACING_MM },
        ],
  };
}

/** Vertebral levels along z, relative to the mid-point of `reference` (mm, +z rostral). */
export interface LevelPosition {
  level: SpinalLevel;
  zStartMm: number;
  zEndMm: number;
  zMidMm: number;
  lengthMm: number;
}

export function vertebralLevelPositions(reference: SpinalLevel): LevelPosition[] {
  // Levels are listed rostral → caudal; z decreases caudally.
  const out: LevelPosition[] = [];
  let top = 0;
  for (const level of SPINAL_LEVELS) {
    const len = SPINE_LEVEL_TABLE[level].levelLengthMm;
    out.push({ level, zStartMm: top, zEndMm: top - len, zMidMm: top - len / 2, lengthMm: len });
    top -= len;
  }
  const ref = out.find((l) => l.level === reference);
  const shift = ref ? -ref.zMidMm : 0;
  return out.map((l) => ({
    ...l,
    zStartMm: l.zStartMm + shift,
    zEndMm: l.zEndMm + shift,
    zMidMm: l.zMidMm + shift,
  }));
}

/** Level whose extent contains z (mm in the frame of `reference`), or undefined outside C2–S1. */
export function levelAtZ(reference: SpinalLevel, zMm: number): SpinalLevel | undefined {
  return vertebralLevelPositions(reference).find((l) => zMm <= l.zStartMm && zMm > l.zEndMm)?.level;
}
