/**
 * Cord segments, root entry zones (REZ) and dorsal rootlets relative to the vertebral levels.
 * Segment ↔ vertebra rules: anatomy.md §1.8 (Kim 2012; Canbay 2014); rootlet course §2.2.
 */
import type { SpinalLevel } from '../scenario.ts';
import { DERMATOMES, ROOTS, type Dermatome, type Root } from './dermatomes.ts';
import { vertebralLevelPositions, type SpineParams } from './spine.ts';

/** Vertebral levels by which a segment's REZ lies rostral to its own vertebra (fractional). */
function segmentOffsetLevels(root: Root): number {
  const n = Number(root.slice(1));
  if (root.startsWith('C')) return n <= 4 ? 0 : n === 5 ? 0.5 : 1; // §1.8 Kim 2012: C6, C7 one level above; C2–C5 interpolated (derived)
  if (root.startsWith('T')) return n <= 2 ? 1.5 : 2; // §1.8 Kim 2012: T3–T12 two levels above; T1–T2 interpolated (derived)
  return 0; // lumbar/sacral handled by absolute rule below
}

// anatomy.md §1.8 (derived): lumbar segment length ≈12 mm; sacral segments: S1 linea 7.2 mm → S5 4.8 mm (Hauck 2008)
const LUMBAR_SEGMENT_MM = 12;
const SACRAL_SEGMENT_MM = 6;
// anatomy.md §1.8 (Kim 2012): cervical dorsal rootlet span 10–12 mm; thoracic ≈ 19–21 mm (derived)
const CERVICAL_REZ_SPAN_MM = 11;
const THORACIC_REZ_SPAN_MM = 20;
// anatomy.md §2.1: 8–10 dorsal rootlets per root (Reina); nominal 6 drawn per root
const ROOTLETS_PER_ROOT = 6;
// anatomy.md §2.1: rootlet diameter 0.3–0.7 mm; nominal 0.5
export const ROOTLET_DIAMETER_MM = 0.5;
// nominal guess: dorsolateral sulcus at 55° from the dorsal midline on the cord ellipse
export const DREZ_ANGLE_DEG = 55;

export interface RootEntryZone {
  root: Root;
  side: 'left' | 'right';
  /** REZ extent along z on the cord surface (mm, frame of the modelled level) */
  zRostralMm: number;
  zCaudalMm: number;
  /** REZ position on the cord surface (dorsolateral sulcus) */
  xMm: number;
  yMm: number;
  /** rootlets: polylines from the foramen exit through the CSF to the REZ (x, y, z triples) */
  rootlets: Float32Array[];
  dermatome: Dermatome;
}

/** z of the REZ centre of a segment, in the frame of `reference` level (mm). */
export function segmentCentreZ(root: Root, reference: SpinalLevel): number | undefined {
  const pos = vertebralLevelPositions(reference);
  const at = (l: SpinalLevel) => pos.find((p) => p.level === l);
  if (root.startsWith('L') || root.startsWith('S')) {
    const t11 = at('T11');
    const l1 = at('L1');
    if (!t11 || !l1) return undefined;
    const n = Number(root.slice(1));
    // §1.8 Canbay 2014: lumbar segments begin at the upper third of T11; sacral at the upper third of L1
    if (root.startsWith('L'))
      return t11.zStartMm - t11.lengthMm / 3 - (n - 0.5) * LUMBAR_SEGMENT_MM;
    return l1.zStartMm - l1.lengthMm / 3 - (n - 0.5) * SACRAL_SEGMENT_MM;
  }
  const vertebra = (root === 'C8' ? 'C7' : root) as SpinalLevel;
  const idx = pos.findIndex((p) => p.level === vertebra);
  const own = pos[idx];
  if (!own) return undefined;
  const off = segmentOffsetLevels(root);
  const whole = Math.floor(off);
  const frac = off - whole;
  const base = pos[Math.max(0, idx - whole)] ?? own;
  const above = pos[Math.max(0, idx - whole - 1)] ?? base;
  // C8 segment sits below C7's: §1.8 (derived) shift half a level caudal
  const c8 = root === 'C8' ? -own.lengthMm / 2 : 0;
  return base.zMidMm + frac * (above.zMidMm - base.zMidMm) + c8;
}

/** z of the foramen through which a root leaves (mm, frame of `reference`). */
export function foramenZ(root: Root, reference: SpinalLevel): number | undefined {
  const pos = vertebralLevelPositions(reference);
  if (root.startsWith('C') && root !== 'C8') {
    // cervical roots exit above their vertebra (standard anatomy)
    return pos.find((p) => p.level === root)?.zStartMm;
  }
  const vertebra = (root === 'C8' ? 'C7' : root) as SpinalLevel;
  const p = pos.find((q) => q.level === vertebra);
  if (p) return p.zEndMm;
  if (root === 'S2' || root === 'S3' || root === 'S4') {
    const s1 = pos.find((q) => q.level === 'S1');
    return s1 ? s1.zEndMm - (Number(root.slice(1)) - 1) * 20 : undefined; // nominal guess: sacral foramina ≈20 mm apart
  }
  return undefined;
}

function rezSpanMm(root: Root): number {
  if (root.startsWith('C')) return CERVICAL_REZ_SPAN_MM;
  if (root.startsWith('T')) return THORACIC_REZ_SPAN_MM;
  if (root.startsWith('L')) return LUMBAR_SEGMENT_MM;
  return SACRAL_SEGMENT_MM;
}

/**
 * REZs within `windowMm` of the modelled level's mid-point, both sides, with rootlets running
 * from the REZ through the CSF along the lateral cord margin to the dural exit (§2.2: T3 and
 * below run caudally along the cord before turning laterally).
 */
export function rootEntryZones(p: SpineParams, windowMm = 60): RootEntryZone[] {
  if (p.caudaEquina) return [];
  const out: RootEntryZone[] = [];
  const rx = p.cordRlMm / 2;
  const ry = p.cordApMm / 2;
  const a = (DREZ_ANGLE_DEG * Math.PI) / 180;
  for (const root of ROOTS) {
    const zc = segmentCentreZ(root, p.level);
    const zf = foramenZ(root, p.level);
    if (zc === undefined || zf === undefined || Math.abs(zc) > windowMm) continue;
    const span = rezSpanMm(root);
    for (const side of ['left', 'right'] as const) {
      const s = side === 'left' ? 1 : -1;
      const xRez = p.cordLateralOffsetMm + s * rx * Math.sin(a);
      const yRez = ry * Math.cos(a);
      const xExit = s * (p.sacRlMm / 2 + p.duraThicknessMm);
      const rootlets: Float32Array[] = [];
      for (let i = 0; i < ROOTLETS_PER_ROOT; i++) {
        const z = zc + span / 2 - (span * (i + 0.5)) / ROOTLETS_PER_ROOT;
        const drop = Math.max(0, z - zf);
        // along the lateral margin, then laterally to the exit (nominal polyline)
        const xMargin = p.cordLateralOffsetMm + s * (rx + 0.5);
        rootlets.push(
          new Float32Array([
            xRez, yRez, z,
            xMargin, 0.2 * ry, z - 0.3 * drop,
            xMargin, 0, z - 0.85 * drop,
            xExit, 0, zf,
          ]), // prettier-ignore
        );
      }
      out.push({
        root,
        side,
        zRostralMm: zc + span / 2,
        zCaudalMm: zc - span / 2,
        xMm: xRez,
        yMm: yRez,
        rootlets,
        dermatome: DERMATOMES[root],
      });
    }
  }
  return out;
}
