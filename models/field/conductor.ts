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
  type SheetLayer,
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
  sheets: SheetLayer[];
  extentMm: { uMin: number; uMax: number; vMin: number; vMax: number };
  boundaries: { uMin: BoundaryKind; uMax: BoundaryKind; vMin: BoundaryKind; vMax: BoundaryKind };
  featuresUMm: number[];
  featuresVMm: number[];
  /** where fibres of interest lie: resolved with the finest spacing */
  targetsUMm?: number[];
  targetsVMm?: number[];
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
    sheets: section.sheets,
    extentMm: section.extentMm,
    boundaries: section.boundaries,
    featuresUMm: section.featuresUMm,
    featuresVMm: section.featuresVMm,
    targetsUMm: section.targetsUMm ?? [],
    targetsVMm: section.targetsVMm ?? [],
    describe: () => ({ section, conductivities: set }),
  };
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
