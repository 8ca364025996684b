/**
 * Fibre populations as geometry: polylines (mm), diameters (µm), types and the model that
 * simulates each. Frame (models/scenario.ts): mm, +x patient's left, +y dorsal, +z rostral
 * (proximal for DRG/nerve), origin at the target's centre. Cord dimensions come in as plain
 * numbers so this file does not depend on models/anatomy.
 *
 * Every generator takes a seed; the same seed gives the same population.
 */
import type { Fiber, FiberModelName } from './fiber.ts';
import { STEM_ABETA, STEM_ADELTA, stemLengthMm, type StemGeometry } from './mrg.ts';
import { C_FIBER_POPULATION_MODEL, DEFAULT_POPULATION_FIBER_MODEL } from './registry.ts';

export type FiberType =
  | 'Aα'
  | 'Aγ'
  | 'Aβ'
  | 'Aδ'
  | 'C'
  | 'DC'
  | 'DR'
  | 'DRG-axon'
  | 'DRG-stem'
  | 'DRG-Aδ-axon'
  | 'DRG-C-axon'
  | 'VR';

export interface FiberPath {
  id: string;
  type: FiberType;
  model: FiberModelName;
  diameterUm: number;
  /** polyline vertices, x,y,z triples in mm */
  pathMm: Float64Array;
  /** straight myelinated collaterals leaving nodes of the fibre in one direction */
  collaterals?: PathCollaterals;
  /** DRG neuron: the stem from the T-junction (the path's midpoint) to the soma */
  stem?: PathStem;
}

export interface PathStem {
  diameterUm: number;
  /** the stem's internodes, initial segment and soma (default: the Aβ cell, mrg.ts STEM_ABETA) */
  geometry?: StemGeometry;
  /** polyline from the T-junction to the soma (mm) */
  pathMm: Float64Array;
}

export interface PathCollaterals {
  diameterUm: number;
  lengthMm: number;
  everyNodes: number;
  /** unit vector the collaterals run along (mm frame) */
  direction: [number, number, number];
}

/** mulberry32: small, fast, seedable PRNG (public-domain algorithm by T. Ettinger). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/**
 * Dorsal-column diameters: a log-normal with 0.5 % of fibres above 10.7 µm (Feirabend et al.
 * 2002, Brain 125:1137; anatomy.md §2.4). The median (4.2 µm) is our nominal choice; samples
 * are drawn conditional on [minUm, maxUm] (default 5.7–16 µm, the MRG range; smaller fibres
 * are not recruited by SCS at clinical amplitudes).
 */
export const DC_DIAMETER_MEDIAN_UM = 4.2; // nominal (our assumption)
export const DC_DIAMETER_SIGMA_LN = Math.log(10.7 / DC_DIAMETER_MEDIAN_UM) / 2.576; // 0.5 % > 10.7 µm

export function sampleDcDiameterUm(rand: () => number, minUm = 5.7, maxUm = 16): number {
  for (let i = 0; i < 10000; i++) {
    const d = DC_DIAMETER_MEDIAN_UM * Math.exp(DC_DIAMETER_SIGMA_LN * gaussian(rand));
    if (d >= minUm && d <= maxUm) return d;
  }
  return minUm;
}

export interface DorsalColumnOptions {
  count: number;
  seed: number;
  /** cord half-depth (mm, dorsal–ventral), e.g. from models/anatomy */
  cordRadiusMm: number;
  /** cord half-width (mm); the outline is the ellipse of the two half-axes (default: round) */
  cordHalfWidthMm?: number;
  /** half-width of the dorsal columns (mm) about the midline */
  dcHalfWidthMm?: number;
  /** depth below the dorsal cord surface that is populated (mm); Feirabend: top 0.3 mm */
  dcDepthMm?: number;
  /** fibre length along z (mm), centred on z = 0 */
  lengthMm?: number;
  minDiameterUm?: number;
  maxDiameterUm?: number;
  /**
   * Collaterals running straight ventrally (−y) from the fibre's nodes down to y = `endYMm`
   * (e.g. the base of the dorsal horn). Off by default: see the
   * README (models/neuron, validity limits) for what they change.
   */
  collaterals?: { diameterUm: number; everyNodes: number; endYMm: number };
}

/**
 * DC collaterals as sourced: about 1 mm apart along the parent (100–2600 µm, mean ≈1000 µm,
 * Brown & Fyffe 1978, J Physiol 274:111, abstract) — every node of a ≥ 10 µm MRG fibre is
 * 1.1–1.5 mm; 3 µm thick where they leave (the arbours of Rogers, Capogrosso & Lempka 2024,
 * neuromodulation-um/scs_frequency_collaterals_and_dcn buildCollateral.py); running ventrally
 * to lamina VI (Brown & Fyffe), here the base of the anatomy's dorsal horn.
 */
export const DC_COLLATERAL_DIAMETER_UM = 3;
export const DC_COLLATERAL_EVERY_NODES = 1;

/** Collaterals of a fibre at height `yMm` running straight ventrally (−y) down to `endYMm`. */
export function ventralCollaterals(
  yMm: number,
  c: { diameterUm: number; everyNodes: number; endYMm: number },
): PathCollaterals {
  return {
    diameterUm: c.diameterUm,
    everyNodes: c.everyNodes,
    lengthMm: yMm - c.endYMm,
    direction: [0, -1, 0],
  };
}

/** Straight rostro-caudal DC fibres under the dorsal cord surface. */
/** nominal dorsal-column half-width, as a fraction of the cord's dorsoventral half-depth */
export const DC_HALF_WIDTH_PER_CORD_RADIUS = 0.35;
/** nominal depth of the sampled dorsal-column layer (mm): a little beyond Feirabend's 0.3 mm */
export const DC_DEPTH_MM = 0.5;
/** diameter range of sampled DC fibres (µm): the MRG range (sampleDcDiameterUm) */
export const DC_DIAMETER_RANGE_UM = [5.7, 16] as const;

export function dorsalColumnFibers(o: DorsalColumnOptions): FiberPath[] {
  const rand = seededRandom(o.seed);
  const halfW = o.dcHalfWidthMm ?? DC_HALF_WIDTH_PER_CORD_RADIUS * o.cordRadiusMm;
  const depth = o.dcDepthMm ?? DC_DEPTH_MM;
  const L = o.lengthMm ?? 60;
  const out: FiberPath[] = [];
  for (let i = 0; i < o.count; i++) {
    const x = (2 * rand() - 1) * halfW;
    const rx = o.cordHalfWidthMm ?? o.cordRadiusMm;
    const ySurface = o.cordRadiusMm * Math.sqrt(Math.max(0, 1 - (x / rx) ** 2));
    const y = ySurface - 0.01 - rand() * depth;
    out.push({
      id: `dc-${i}`,
      type: 'DC',
      model: DEFAULT_POPULATION_FIBER_MODEL,
      diameterUm: sampleDcDiameterUm(rand, o.minDiameterUm, o.maxDiameterUm),
      pathMm: Float64Array.from([x, y, -L / 2, x, y, L / 2]),
      ...(o.collaterals && y > o.collaterals.endYMm
        ? { collaterals: ventralCollaterals(y, o.collaterals) }
        : {}),
    });
  }
  return out;
}

export interface DorsalRootOptions {
  count: number;
  seed: number;
  /** cord half-depth (mm, dorsal–ventral); also the half-width when `cordHalfWidthMm` is absent */
  cordRadiusMm: number;
  /** cord half-width (mm, left–right): the cord outline is the ellipse of these half-axes */
  cordHalfWidthMm?: number;
  /** side: +1 left (+x), −1 right */
  side?: 1 | -1;
  /** position of the dorsal root entry zone on the cord outline (parametric angle from the dorsal midline, deg); nominal 40° */
  entryAngleDeg?: number;
  /** rostro-caudal extent of the rootlets' entry (mm) */
  entrySpreadMm?: number;
  /** run of the root caudally along the lateral cord margin (mm) */
  rootLengthMm?: number;
  /** caudal run per lateral run of the rootlets between the entry zone and the lateral margin */
  descentPerLateral?: number;
  /** lateral distance of the rootlet's axis from the entry zone, and of the root from the lateral margin (mm) */
  rootOffsetMm?: number;
  /** ascending length inside the dorsal columns (mm) */
  ascendingMm?: number;
  minDiameterUm?: number;
  maxDiameterUm?: number;
}

/**
 * Dorsal-root fibres inside the dural sac. Rootlets leave the dorsal root entry zone laterally
 * through the CSF at the coronal take-off slope `descentPerLateral` (≈45°; anatomy.md §2.2:
 * 26–52°), the root then runs caudally along the lateral cord margin (thoracic and lower roots,
 * anatomy.md §2.2, Clin Anat 1993;6:167). At the entry zone each fibre dips through the pia and
 * curves into a rostral course in the dorsal column. Roots stay inside the sac here: they reach
 * their foramen caudal of the modelled segment.
 */
export function dorsalRootFibers(o: DorsalRootOptions): FiberPath[] {
  const rand = seededRandom(o.seed);
  const side = o.side ?? 1;
  const ry = o.cordRadiusMm;
  const rx = o.cordHalfWidthMm ?? o.cordRadiusMm;
  const phiE = ((o.entryAngleDeg ?? 40) * Math.PI) / 180; // nominal DREZ position
  const spread = o.entrySpreadMm ?? 8; // nominal rootlet spread
  const alongMargin = o.rootLengthMm ?? 15;
  const descent = o.descentPerLateral ?? 1; // ≈45° coronal take-off (anatomy.md §2: 26–52°)
  // rootlets 0.3–0.7 mm thick (anatomy.md §2.1): axis ≈0.3 mm off the cord where they touch it
  const offset = o.rootOffsetMm ?? 0.3;
  const up = o.ascendingMm ?? 20;
  const bendMm = 1; // nominal: caudal run over which the rootlet dips through the pia into the column
  const joinMm = 5; // nominal: caudal run over which the rootlets gather onto the lateral margin
  // entry zone on the outline (parametric angle φ from dorsal) and the column point `depth` inside
  const ex = rx * Math.sin(phiE);
  const ey = ry * Math.cos(phiE);
  const inward = (depth: number): [number, number] => {
    const nx = Math.sin(phiE) / rx;
    const ny = Math.cos(phiE) / ry;
    const nn = Math.hypot(nx, ny);
    return [ex - (depth * nx) / nn, ey - (depth * ny) / nn];
  };
  const xr = ex + offset; // the rootlet just outside the entry zone
  const xm = rx + offset; // the root beside the lateral margin
  const lateralCaudal = descent * (xm - xr);
  const out: FiberPath[] = [];
  for (let i = 0; i < o.count; i++) {
    const zEntry = (rand() - 0.5) * spread;
    const depth = 0.05 + rand() * 0.3;
    const pts: number[] = [];
    const zA = zEntry - bendMm - lateralCaudal; // where the rootlet leaves the root, lateral
    const zB = zA - joinMm;
    // along the lateral margin, caudal → rostral
    for (let k = 0; k < 6; k++) pts.push(side * xm, 0, zB - alongMargin * (1 - k / 6));
    // rising from the margin to the entry zone's height
    for (let k = 0; k < 4; k++) pts.push(side * xm, (ey * k) / 4, zB + (joinMm * k) / 4);
    // the rootlet: medially and rostrally through the CSF at the take-off slope
    for (let k = 0; k <= 6; k++) {
      const t = k / 6;
      pts.push(side * (xm + (xr - xm) * t), ey, zA + lateralCaudal * t);
    }
    // through the pia into the dorsal column along a half cosine
    const [ax, ay] = inward(depth);
    for (let k = 1; k <= 8; k++) {
      const w = (1 - Math.cos((Math.PI * k) / 8)) / 2;
      pts.push(side * (xr + (ax - xr) * w), ey + (ay - ey) * w, zEntry - bendMm * (1 - k / 8));
    }
    // ascending branch in the dorsal column
    pts.push(side * ax, ay, zEntry + up);
    out.push({
      id: `dr-${i}`,
      type: 'DR',
      model: DEFAULT_POPULATION_FIBER_MODEL,
      diameterUm: sampleDcDiameterUm(rand, o.minDiameterUm ?? 7, o.maxDiameterUm ?? 16),
      pathMm: Float64Array.from(pts),
    });
  }
  return out;
}

export interface DrgOptions {
  count: number;
  seed: number;
  /** ganglion half-length along the root axis and radius (mm); nominal L5: 5 × 2.5 mm */
  ganglionHalfLengthMm?: number;
  ganglionRadiusMm?: number;
  axonLengthMm?: number;
  /** which cell (default Aβ): its stem geometry and fibre diameters (DRG_CELLS) */
  cell?: 'Aβ' | 'Aδ';
}

/**
 * The myelinated DRG cells: stem geometry (mrg.ts) and the range the through-axon and stem
 * diameters are drawn from.
 * - Aβ: peripheral 6–17.6 µm, mean 7.4 (Farooqui et al. 2024, anatomy.md §4.3), drawn as the
 *   DC log-normal within that range capped at the MRG range; stem = axon diameter (Graham et
 *   al.'s ABetaFiber.hoc fiberD_stem = fiberD_peripheral).
 * - Aδ: 2–5 µm (Kiernan's 1–5 µm Aδ class, anatomy.md §2.4, from the 2 µm floor of the MRG
 *   interpolation; Graham's Aδ-LTMR cell is run at the 2.0 and 3.0 µm MRG rows), uniform;
 *   stem = axon diameter as for the Aβ cell.
 */
export const DRG_CELLS = {
  Aβ: {
    type: 'DRG-axon',
    stem: STEM_ABETA,
    diameterUm: (rand: () => number) => Math.min(16, sampleDcDiameterUm(rand, 6, 17.6)),
  },
  Aδ: {
    type: 'DRG-Aδ-axon',
    stem: STEM_ADELTA,
    diameterUm: (rand: () => number) => 2 + 3 * rand(),
  },
} as const satisfies Record<
  string,
  { type: FiberType; stem: StemGeometry; diameterUm: (rand: () => number) => number }
>;

/** T-junction to soma centre along the Aβ cell's stem (mm). */
export const DRG_STEM_LENGTH_MM = stemLengthMm(STEM_ABETA);

/** A point uniformly inside the ellipsoid of half-axes (rg, rg, hl) (rejection sampling). */
function pointInGanglion(rand: () => number, rg: number, hl: number): [number, number, number] {
  for (;;) {
    const x = (2 * rand() - 1) * rg;
    const y = (2 * rand() - 1) * rg;
    const z = (2 * rand() - 1) * hl;
    if ((x / rg) ** 2 + (y / rg) ** 2 + (z / hl) ** 2 <= 1) return [x, y, z];
  }
}

/**
 * DRG neurons: soma inside an ellipsoidal ganglion, a stem axon to the T-junction, and the
 * through axon (peripheral −z → central +z) that passes the T-junction. Each neuron yields the
 * through axon (the cell's type, 'DRG-axon' for Aβ, carrying its stem: the cable model
 * simulates the whole neuron, mrg.ts StemOptions) and the stem alone ('DRG-stem', soma →
 * T-junction, for drawing). The stem runs from the soma towards the ganglion axis for the
 * cell's stem length. Diameters and stems per cell: DRG_CELLS.
 */
export function drgNeurons(o: DrgOptions): FiberPath[] {
  const rand = seededRandom(o.seed);
  const hl = o.ganglionHalfLengthMm ?? 5;
  const rg = o.ganglionRadiusMm ?? 2.5;
  const cell = DRG_CELLS[o.cell ?? 'Aβ'];
  const stem = stemLengthMm(cell.stem);
  const L = o.axonLengthMm ?? 40;
  const out: FiberPath[] = [];
  for (let i = 0; i < o.count; i++) {
    const [sx, sy, sz] = pointInGanglion(rand, rg, hl);
    // T-junction one stem length from the soma, towards the ganglion axis
    const rr = Math.hypot(sx, sy);
    const ux = rr > 1e-9 ? sx / rr : 1;
    const uy = rr > 1e-9 ? sy / rr : 0;
    const tx = sx - ux * stem;
    const ty = sy - uy * stem;
    const d = cell.diameterUm(rand);
    const stemPath = Float64Array.from([tx, ty, sz, sx, sy, sz]);
    out.push({
      id: `drg-${i}-axon`,
      type: cell.type,
      model: DEFAULT_POPULATION_FIBER_MODEL,
      diameterUm: d,
      pathMm: Float64Array.from([tx, ty, sz - L / 2, tx, ty, sz, tx, ty, sz + L / 2]),
      stem: {
        diameterUm: d,
        pathMm: stemPath,
        ...(cell.stem !== STEM_ABETA ? { geometry: cell.stem } : {}),
      },
    });
    out.push({
      id: `drg-${i}-stem`,
      type: 'DRG-stem',
      model: DEFAULT_POPULATION_FIBER_MODEL,
      diameterUm: d,
      pathMm: Float64Array.from([sx, sy, sz, tx, ty, sz]),
    });
  }
  return out;
}

/**
 * C-neuron diameters (µm): 0.2–1.5 µm, Kiernan's C class (anatomy.md §2.4), uniform; within
 * the Sundt C-fibre model's range.
 */
export const DRG_C_DIAMETER_UM = [0.2, 1.5] as const;

/**
 * Small (C) DRG neurons, their through axons only: the C-fibre cable model (cFiber.ts, Sundt
 * 2015) has no stem, T-junction or soma (registry: `branches.stem` false), and no C-soma size
 * was extracted (anatomy.md §4.3 gap). Each through axon passes a point drawn uniformly in the
 * ganglion (where its T-junction would be), peripheral −z → central +z; it carries no stem.
 * The missing stem and soma are said with every DRG estimate (therapies/drg.ts fieldNotes).
 */
export function drgCNeuronAxons(o: Omit<DrgOptions, 'cell'>): FiberPath[] {
  const rand = seededRandom(o.seed);
  const hl = o.ganglionHalfLengthMm ?? 5;
  const rg = o.ganglionRadiusMm ?? 2.5;
  // our choice: 20 mm (a C fibre's length constant is well under 1 mm; the DRG field falls
  // off within a few mm), keeping the 8.3 µm-compartment cable to 2400 compartments
  const L = o.axonLengthMm ?? 20;
  const [lo, hi] = DRG_C_DIAMETER_UM;
  const out: FiberPath[] = [];
  for (let i = 0; i < o.count; i++) {
    const [x, y, z] = pointInGanglion(rand, rg, hl);
    out.push({
      id: `drg-c-${i}`,
      type: 'DRG-C-axon',
      model: C_FIBER_POPULATION_MODEL,
      diameterUm: lo + (hi - lo) * rand(),
      pathMm: Float64Array.from([x, y, z - L / 2, x, y, z, x, y, z + L / 2]),
    });
  }
  return out;
}

export interface VentralRootOptions {
  count: number;
  seed: number;
  /** the root's centre in the generator frame (mm, x and y; the root runs along z) */
  centreMm: [number, number];
  radiusMm: number;
  lengthMm?: number;
}

/**
 * Motor axons of the ventral root beside the ganglion: straight, parallel to the ganglion's
 * axis, uniform over the root's section. Diameters: the large (Aα) motor fibres, 12–16 µm
 * (FIBER_CLASS_DIAMETER_UM, Kiernan via anatomy.md §2.4, capped at the MRG range); the
 * ventral roots' intermediate (Aγ, ≈30 %, Kawamura 1977, anatomy.md §5.3) and unmyelinated
 * (≈20 %, Ko 2009) fibres are not modelled: the large motor axons are recruited first.
 */
export function ventralRootFibers(o: VentralRootOptions): FiberPath[] {
  const rand = seededRandom(o.seed);
  const L = o.lengthMm ?? 40;
  const [lo, hi] = FIBER_CLASS_DIAMETER_UM['Aα'];
  const out: FiberPath[] = [];
  for (let i = 0; i < o.count; i++) {
    const r = o.radiusMm * Math.sqrt(rand());
    const a = 2 * Math.PI * rand();
    const x = o.centreMm[0] + r * Math.cos(a);
    const y = o.centreMm[1] + r * Math.sin(a);
    out.push({
      id: `vr-${i}`,
      type: 'VR',
      model: DEFAULT_POPULATION_FIBER_MODEL,
      diameterUm: lo + (hi - lo) * rand(),
      pathMm: Float64Array.from([x, y, -L / 2, x, y, 0, x, y, L / 2]),
    });
  }
  return out;
}
/** The peripheral fibre classes a fascicle can hold. */
export type FascicleFiberClass = 'Aα' | 'Aγ' | 'Aβ' | 'Aδ' | 'C';

export interface FascicleOptions {
  count: number;
  seed: number;
  centreMm: [number, number];
  radiusMm: number;
  lengthMm?: number;
  /**
   * fractions of each class (those left out hold none); default a cutaneous-like mix of Aα, Aβ,
   * Aδ and C (anatomy.md §5.3, nominal)
   */
  mix?: Partial<Record<FascicleFiberClass, number>>;
  /** prefix of the fibre ids (`${idPrefix}${i}`), default 'fas-' */
  idPrefix?: string;
}

/** Textbook diameter ranges (µm): Kiernan 2003 via anatomy.md §2.4; Aγ Hauck 2009 (§2.4). */
export const FIBER_CLASS_DIAMETER_UM: Record<FascicleFiberClass, readonly [number, number]> = {
  Aα: [12, 16], // 12–20 µm; capped at the MRG range
  Aγ: [2, 4], // γ motor axons 2–4 µm (human sacral roots, Hauck et al. 2009)
  Aβ: [6, 12],
  Aδ: [2, 5], // 1–5 µm; MRG interpolation starts at 2 µm
  C: [0.2, 1.5],
};

const FASCICLE_CLASSES: readonly FascicleFiberClass[] = ['Aα', 'Aγ', 'Aβ', 'Aδ', 'C'];

export function fascicleFibers(o: FascicleOptions): FiberPath[] {
  const rand = seededRandom(o.seed);
  const mix = o.mix ?? { Aα: 0.05, Aβ: 0.2, Aδ: 0.15, C: 0.6 }; // nominal (sural-like)
  const share = (t: FascicleFiberClass) => mix[t] ?? 0;
  const total = FASCICLE_CLASSES.reduce((sum, t) => sum + share(t), 0);
  if (!(total > 0)) throw new Error('fascicleFibers: the mix holds no fibre class');
  const L = o.lengthMm ?? 40;
  const prefix = o.idPrefix ?? 'fas-';
  const classes = FASCICLE_CLASSES.filter((t) => share(t) > 0);
  const out: FiberPath[] = [];
  for (let i = 0; i < o.count; i++) {
    let u = rand() * total;
    let type: FascicleFiberClass = classes[classes.length - 1]!;
    for (const t of classes) {
      if (u < share(t)) {
        type = t;
        break;
      }
      u -= share(t);
    }
    const [lo, hi] = FIBER_CLASS_DIAMETER_UM[type];
    const r = o.radiusMm * Math.sqrt(rand());
    const a = 2 * Math.PI * rand();
    const x = o.centreMm[0] + r * Math.cos(a);
    const y = o.centreMm[1] + r * Math.sin(a);
    out.push({
      id: `${prefix}${i}`,
      type,
      model: type === 'C' ? C_FIBER_POPULATION_MODEL : DEFAULT_POPULATION_FIBER_MODEL,
      diameterUm: lo + (hi - lo) * rand(),
      pathMm: Float64Array.from([x, y, -L / 2, x, y, L / 2]),
    });
  }
  return out;
}

/** Total length of a polyline (mm). */
export function pathLengthMm(pathMm: Float64Array): number {
  let s = 0;
  for (let i = 3; i < pathMm.length; i += 3) {
    s += Math.hypot(
      (pathMm[i] as number) - (pathMm[i - 3] as number),
      (pathMm[i + 1] as number) - (pathMm[i - 2] as number),
      (pathMm[i + 2] as number) - (pathMm[i - 1] as number),
    );
  }
  return s;
}

/** Points (x,y,z triples, mm) at arc lengths `sMm` along a polyline (clamped to its ends). */
export function pointsAlongPath(pathMm: Float64Array, sMm: ArrayLike<number>): Float64Array {
  const out = new Float64Array(3 * sMm.length);
  const nSeg = pathMm.length / 3 - 1;
  let seg = 0;
  let segStart = 0;
  const segLen = (k: number) =>
    Math.hypot(
      (pathMm[3 * k + 3] as number) - (pathMm[3 * k] as number),
      (pathMm[3 * k + 4] as number) - (pathMm[3 * k + 1] as number),
      (pathMm[3 * k + 5] as number) - (pathMm[3 * k + 2] as number),
    );
  for (let i = 0; i < sMm.length; i++) {
    const s = sMm[i] as number;
    if (s < segStart) {
      seg = 0;
      segStart = 0;
    }
    while (seg < nSeg - 1 && s > segStart + segLen(seg)) {
      segStart += segLen(seg);
      seg++;
    }
    const len = segLen(seg) || 1;
    const t = Math.min(1, Math.max(0, (s - segStart) / len));
    for (let c = 0; c < 3; c++) {
      const a = pathMm[3 * seg + c] as number;
      const b = pathMm[3 * seg + 3 + c] as number;
      out[3 * i + c] = a + t * (b - a);
    }
  }
  return out;
}

/**
 * Where each compartment of `fiber` lies on `path` (x,y,z triples, mm), with the fibre centred
 * on the path's midpoint; sample the field there to get the fibre's Ve.
 */
export function compartmentPointsOnPath(
  fiber: Fiber,
  pathMm: Float64Array,
  branches: { direction?: readonly [number, number, number]; stemPathMm?: Float64Array } = {},
): Float64Array {
  const pos = fiber.compartmentPositionsUm;
  const last = fiber.nodeCompartments[fiber.nodeCount - 1] as number;
  const mid = ((pos[0] as number) + (pos[last] as number)) / 2;
  const half = pathLengthMm(pathMm) / 2;
  const out = pointsAlongPath(
    pathMm,
    Float64Array.from(pos, (p) => half + (p - mid) / 1000),
  );
  for (const b of fiber.branches) {
    const a = 3 * b.attachCompartment;
    if (branches.stemPathMm) {
      // the stem follows its polyline from the T-junction (continuing straight past its end)
      const sp = branches.stemPathMm;
      const len = pathLengthMm(sp);
      const pts = pointsAlongPath(
        sp,
        Float64Array.from(b.distancesUm, (d) => Math.min(d / 1000, len)),
      );
      const n = sp.length;
      const ex = sp[n - 3]! - sp[n - 6]!;
      const ey = sp[n - 2]! - sp[n - 5]!;
      const ez = sp[n - 1]! - sp[n - 4]!;
      const el = Math.hypot(ex, ey, ez) || 1;
      b.compartments.forEach((k, i) => {
        const over = Math.max(0, b.distancesUm[i]! / 1000 - len);
        out[3 * k] = pts[3 * i]! + (over * ex) / el;
        out[3 * k + 1] = pts[3 * i + 1]! + (over * ey) / el;
        out[3 * k + 2] = pts[3 * i + 2]! + (over * ez) / el;
      });
      continue;
    }
    if (!branches.direction)
      throw new RangeError('a branched fibre needs the direction of its branches');
    const [dx, dy, dz] = branches.direction;
    b.compartments.forEach((k, i) => {
      const s = (b.distancesUm[i] as number) / 1000;
      out[3 * k] = (out[a] as number) + s * dx;
      out[3 * k + 1] = (out[a + 1] as number) + s * dy;
      out[3 * k + 2] = (out[a + 2] as number) + s * dz;
    });
  }
  return out;
}

/** The path with every point (its own and its stem's) mapped by `f` (mm → mm). */
export function mapPathPoints(
  p: FiberPath,
  f: (x: number, y: number, z: number) => readonly [number, number, number],
): FiberPath {
  const map = (src: Float64Array) => {
    const q = new Float64Array(src.length);
    for (let i = 0; i < q.length; i += 3) {
      const a = f(src[i]!, src[i + 1]!, src[i + 2]!);
      q[i] = a[0];
      q[i + 1] = a[1];
      q[i + 2] = a[2];
    }
    return q;
  };
  return {
    ...p,
    pathMm: map(p.pathMm),
    ...(p.stem ? { stem: { ...p.stem, pathMm: map(p.stem.pathMm) } } : {}),
  };
}

/** The branch geometry of a path, for compartmentPointsOnPath. */
export function pathBranches(p: FiberPath): {
  direction?: readonly [number, number, number];
  stemPathMm?: Float64Array;
} {
  return {
    ...(p.collaterals ? { direction: p.collaterals.direction } : {}),
    ...(p.stem ? { stemPathMm: p.stem.pathMm } : {}),
  };
}

/** How many nodes of a fibre with internode `internodeMm` fit on the path (odd, ≥ 3). */
export function nodeCountForPath(pathMm: Float64Array, internodeMm: number): number {
  let n = Math.floor(pathLengthMm(pathMm) / internodeMm) + 1;
  if (n % 2 === 0) n--;
  return Math.max(3, n);
}
