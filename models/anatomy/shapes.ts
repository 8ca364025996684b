/**
 * Plain-data shape descriptions shared by the solver (which rasterises them) and the 3-D scene
 * (which extrudes them): one source of truth for what is drawn and what is solved.
 *
 * A cross-section lives in a structure frame (u, v, w): w is the structure's long axis
 * (cord, root, nerve), along which the simplified anatomy is uniform; u, v span the section.
 * `frame` maps anatomy-frame millimetres (+x left, +y dorsal, +z rostral) to (u, v, w).
 */
import type { Tissue } from './conductivity.ts';

export interface EllipseShape {
  kind: 'ellipse';
  centreUMm: number;
  centreVMm: number;
  radiusUMm: number;
  radiusVMm: number;
}
export interface RectShape {
  kind: 'rect';
  uMinMm: number;
  uMaxMm: number;
  vMinMm: number;
  vMaxMm: number;
}
export type Shape2D = EllipseShape | RectShape;

export interface Region {
  /** structure name, e.g. "cord white matter", "fascicle 3" */
  name: string;
  tissue: Tissue;
  shape: Shape2D;
}

/** A thin resistive layer on the boundary of a circle (perineurium). */
export interface SheetLayer {
  name: string;
  shape: EllipseShape;
  thicknessMm: number;
  sigmaSPerM: number;
}

export type BoundaryKind = 'robin' | 'neumann';

/** Orthonormal structure frame: (u, v, w) = rows · (p − origin), all in the anatomy frame. */
export interface StructureFrame {
  originMm: readonly [number, number, number];
  eU: readonly [number, number, number];
  eV: readonly [number, number, number];
  eW: readonly [number, number, number];
}

export const IDENTITY_FRAME: StructureFrame = {
  originMm: [0, 0, 0],
  eU: [1, 0, 0],
  eV: [0, 1, 0],
  eW: [0, 0, 1],
};

export interface CrossSection {
  frame: StructureFrame;
  /** tissue outside every region */
  background: Tissue;
  /** painted in order: a later region overrides an earlier one */
  regions: Region[];
  sheets: SheetLayer[];
  /** extent of the solved section (mm); beyond it the asymptotic decay is imposed */
  extentMm: { uMin: number; uMax: number; vMin: number; vMax: number };
  boundaries: { uMin: BoundaryKind; uMax: BoundaryKind; vMin: BoundaryKind; vMax: BoundaryKind };
  /** axial extent the scene draws (mm along w); the solver treats the section as infinite */
  axialExtentMm: { wMin: number; wMax: number };
  /** coordinates that the solver grid should resolve (interfaces), per axis */
  featuresUMm: number[];
  featuresVMm: number[];
  /** coordinates where fibres of interest lie (dorsal cord surface, ganglion, fascicles): finest grid */
  targetsUMm?: number[];
  targetsVMm?: number[];
  /** spans across which fibres of interest are sampled or the field is strongly curved */
  targetSpansUMm?: TargetSpan[];
  targetSpansVMm?: TargetSpan[];
}

/** An interval of one section axis resolved at a fixed spacing (default the solver's finest). */
export interface TargetSpan {
  fromMm: number;
  toMm: number;
  /** grid spacing throughout the span (mm, before the solver's grid scale); default the target spacing */
  spacingMm?: number;
}

export function insideShape(shape: Shape2D, u: number, v: number): boolean {
  if (shape.kind === 'ellipse') {
    const a = (u - shape.centreUMm) / shape.radiusUMm;
    const b = (v - shape.centreVMm) / shape.radiusVMm;
    return a * a + b * b <= 1;
  }
  return u >= shape.uMinMm && u <= shape.uMaxMm && v >= shape.vMinMm && v <= shape.vMaxMm;
}

/** Tissue at a point of the section (last region containing it, else the background). */
export function tissueAt(section: CrossSection, u: number, v: number): Tissue {
  let t: Tissue = section.background;
  for (const r of section.regions) if (insideShape(r.shape, u, v)) t = r.tissue;
  return t;
}

export function toStructure(
  frame: StructureFrame,
  x: number,
  y: number,
  z: number,
): [number, number, number] {
  const dx = x - frame.originMm[0];
  const dy = y - frame.originMm[1];
  const dz = z - frame.originMm[2];
  return [
    frame.eU[0] * dx + frame.eU[1] * dy + frame.eU[2] * dz,
    frame.eV[0] * dx + frame.eV[1] * dy + frame.eV[2] * dz,
    frame.eW[0] * dx + frame.eW[1] * dy + frame.eW[2] * dz,
  ];
}

export function toAnatomy(
  frame: StructureFrame,
  u: number,
  v: number,
  w: number,
): [number, number, number] {
  return [
    frame.originMm[0] + frame.eU[0] * u + frame.eV[0] * v + frame.eW[0] * w,
    frame.originMm[1] + frame.eU[1] * u + frame.eV[1] * v + frame.eW[1] * w,
    frame.originMm[2] + frame.eU[2] * u + frame.eV[2] * v + frame.eW[2] * w,
  ];
}

/** Ellipse outline as a closed polygon (u, v pairs) for drawing. */
export function ellipseOutline(e: EllipseShape, segments = 48): Float32Array {
  const out = new Float32Array(segments * 2);
  for (let i = 0; i < segments; i++) {
    const a = (2 * Math.PI * i) / segments;
    out[2 * i] = e.centreUMm + e.radiusUMm * Math.cos(a);
    out[2 * i + 1] = e.centreVMm + e.radiusVMm * Math.sin(a);
  }
  return out;
}
