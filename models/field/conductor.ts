/**
 * Volume conductors for the 2.5-D solver: a cross-section uniform along the structure axis w,
 * with a conductivity tensor (principal axes u, v, w) per point, optional thin resistive sheets,
 * and boundary conditions. Built from the anatomy (one source of truth with the scene) or as
 * the canonical test media of the `neuromod field` command.
 */
import {
  IDENTITY_FRAME,
  insideShape,
  type BoundaryKind,
  type ConductivitySet,
  type CrossSection,
  type Shape2D,
  type SheetLayer,
  type TargetSpan,
  type StructureFrame,
  type Tissue,
} from '../anatomy/index.ts';

export interface SigmaTensor {
  uSPerM: number;
  vSPerM: number;
  wSPerM: number;
}

export interface VolumeConductor {
  label: string;
  frame: StructureFrame;
  /** conductivity at a point of the section */
  sigmaAt(uMm: number, vMm: number): SigmaTensor;
  /** name of the structure at a point (messages), or undefined outside tissue */
  regionAt(uMm: number, vMm: number): string | undefined;
  /**
   * Parameters t ∈ (0, 1) where the segment (u0, v0) → (u1, v1) crosses a boundary between
   * regions (face conductances, faceConductance.ts); optional: sampled when absent
   */
  boundaryCrossings?(u0: number, v0: number, u1: number, v1: number): number[];
  sheets: SheetLayer[];
  extentMm: { uMin: number; uMax: number; vMin: number; vMax: number };
  boundaries: { uMin: BoundaryKind; uMax: BoundaryKind; vMin: BoundaryKind; vMax: BoundaryKind };
  featuresUMm: number[];
  featuresVMm: number[];
  /** where fibres of interest lie: resolved with the finest spacing */
  targetsUMm?: number[];
  targetsVMm?: number[];
  /** spans (mm) where fibres of interest lie: the finest spacing throughout */
  targetSpansUMm?: TargetSpan[];
  targetSpansVMm?: TargetSpan[];
  /** plain data describing the conductor, for cache keys */
  describe(): unknown;
}

export function tissueSigma(set: ConductivitySet, t: Tissue): SigmaTensor {
  const c = set[t];
  return {
    uSPerM: c.sigmaTransverseSPerM,
    vSPerM: c.sigmaTransverseSPerM,
    wSPerM: c.sigmaAxialSPerM,
  };
}

export function conductorFromSection(
  section: CrossSection,
  set: ConductivitySet,
  label = 'anatomy',
): VolumeConductor {
  const cache = new Map<Tissue, SigmaTensor>();
  const sig = (t: Tissue) => {
    let s = cache.get(t);
    if (!s) {
      s = tissueSigma(set, t);
      cache.set(t, s);
    }
    return s;
  };
  const regionIndexAt = (u: number, v: number) => {
    let idx = -1;
    section.regions.forEach((r, i) => {
      if (insideShape(r.shape, u, v)) idx = i;
    });
    return idx;
  };
  const e = section.extentMm;
  return {
    label,
    frame: section.frame,
    sigmaAt(u, v) {
      const i = regionIndexAt(u, v);
      return sig(i < 0 ? section.background : section.regions[i]!.tissue);
    },
    regionAt(u, v) {
      if (u < e.uMin || u > e.uMax || v < e.vMin || v > e.vMax) return undefined;
      const i = regionIndexAt(u, v);
      return i < 0 ? section.background : section.regions[i]!.name;
    },
    boundaryCrossings: (u0, v0, u1, v1) => {
      const out: number[] = [];
      for (const r of section.regions) shapeCrossings(r.shape, u0, v0, u1, v1, out);
      return out;
    },
    sheets: section.sheets,
    extentMm: section.extentMm,
    boundaries: section.boundaries,
    featuresUMm: section.featuresUMm,
    featuresVMm: section.featuresVMm,
    targetsUMm: section.targetsUMm ?? [],
    targetsVMm: section.targetsVMm ?? [],
    targetSpansUMm: section.targetSpansUMm ?? [],
    targetSpansVMm: section.targetSpansVMm ?? [],
    describe: () => ({ section, conductivities: set }),
  };
}

/** Parameters t ∈ (0, 1) where the segment p0 → p1 crosses the outline of `shape`, pushed to out. */
export function shapeCrossings(
  shape: Shape2D,
  u0: number,
  v0: number,
  u1: number,
  v1: number,
  out: number[],
): void {
  const du = u1 - u0;
  const dv = v1 - v0;
  if (shape.kind === 'ellipse') {
    // ((u0 + t du − cu)/a)² + ((v0 + t dv − cv)/b)² = 1
    const pu = (u0 - shape.centreUMm) / shape.radiusUMm;
    const pv = (v0 - shape.centreVMm) / shape.radiusVMm;
    const qu = du / shape.radiusUMm;
    const qv = dv / shape.radiusVMm;
    const A = qu * qu + qv * qv;
    if (A === 0) return;
    const B = 2 * (pu * qu + pv * qv);
    const C = pu * pu + pv * pv - 1;
    const disc = B * B - 4 * A * C;
    if (disc <= 0) return;
    const sq = Math.sqrt(disc);
    for (const t of [(-B - sq) / (2 * A), (-B + sq) / (2 * A)]) if (t > 0 && t < 1) out.push(t);
    return;
  }
  const edge = (
    p0: number,
    d: number,
    at: number,
    q0: number,
    dq: number,
    lo: number,
    hi: number,
  ) => {
    if (d === 0) return;
    const t = (at - p0) / d;
    const q = q0 + t * dq;
    if (t > 0 && t < 1 && q >= lo && q <= hi) out.push(t);
  };
  edge(u0, du, shape.uMinMm, v0, dv, shape.vMinMm, shape.vMaxMm);
  edge(u0, du, shape.uMaxMm, v0, dv, shape.vMinMm, shape.vMaxMm);
  edge(v0, dv, shape.vMinMm, u0, du, shape.uMinMm, shape.uMaxMm);
  edge(v0, dv, shape.vMaxMm, u0, du, shape.uMinMm, shape.uMaxMm);
}

const CANONICAL_EXTENT_MM = 200; // nominal: canonical media solved to ±200 mm with asymptotic decay beyond

/** Homogeneous medium, isotropic or with principal conductivities along x, y, z (anatomy frame). */
export function homogeneousConductor(sigma: {
  xSPerM: number;
  ySPerM: number;
  zSPerM: number;
}): VolumeConductor {
  const s: SigmaTensor = { uSPerM: sigma.xSPerM, vSPerM: sigma.ySPerM, wSPerM: sigma.zSPerM };
  const ext = CANONICAL_EXTENT_MM;
  return {
    label: 'homogeneous',
    frame: IDENTITY_FRAME,
    sigmaAt: () => s,
    boundaryCrossings: () => [],
    regionAt: (u, v) => (Math.abs(u) <= ext && Math.abs(v) <= ext ? 'medium' : undefined),
    sheets: [],
    extentMm: { uMin: -ext, uMax: ext, vMin: -ext, vMax: ext },
    boundaries: { uMin: 'robin', uMax: 'robin', vMin: 'robin', vMax: 'robin' },
    featuresUMm: [0],
    featuresVMm: [0],
    describe: () => ({ kind: 'homogeneous', sigma }),
  };
}

/**
 * Two isotropic half-spaces: σ1 for z > 0, σ2 for z < 0 (anatomy frame). The invariant axis is
 * x, so the structure frame is the cyclic permutation (u, v, w) = (y, z, x).
 */
export function twoLayerConductor(sigma1SPerM: number, sigma2SPerM: number): VolumeConductor {
  const ext = CANONICAL_EXTENT_MM;
  const s1: SigmaTensor = { uSPerM: sigma1SPerM, vSPerM: sigma1SPerM, wSPerM: sigma1SPerM };
  const s2: SigmaTensor = { uSPerM: sigma2SPerM, vSPerM: sigma2SPerM, wSPerM: sigma2SPerM };
  return {
    label: 'two-layer',
    frame: { originMm: [0, 0, 0], eU: [0, 1, 0], eV: [0, 0, 1], eW: [1, 0, 0] },
    sigmaAt: (_u, v) => (v > 0 ? s1 : s2),
    boundaryCrossings: (_u0, v0, _u1, v1) => (v0 !== v1 ? [v0 / (v0 - v1)] : []),
    regionAt: (u, v) =>
      Math.abs(u) <= ext && Math.abs(v) <= ext ? (v > 0 ? 'layer 1' : 'layer 2') : undefined,
    sheets: [],
    extentMm: { uMin: -ext, uMax: ext, vMin: -ext, vMax: ext },
    boundaries: { uMin: 'robin', uMax: 'robin', vMin: 'robin', vMax: 'robin' },
    featuresUMm: [0],
    featuresVMm: [0],
    // the interface is resolved at the finest spacing
    targetsVMm: [0],
    describe: () => ({ kind: 'two-layer', sigma1SPerM, sigma2SPerM }),
  };
}
