/**
 * 2.5-D finite-volume solver for unit lead fields in media uniform along one axis (w).
 *
 * Method (README.md): axial cosine/sine transform (kspace.ts); per wavenumber a vertex-centred
 * 5-point finite-volume discretisation of −∇⊥·σ⊥∇⊥Φ + k²σ_wΦ on a nonuniform tensor grid
 * (grid.ts), factorised by band Cholesky (bandedCholesky.ts). The singular part of each
 * contact's field is subtracted analytically: Φ = Φ_an(σ0) + Φ_c, where Φ_an is the exact field
 * of the contact's point sources in a homogeneous medium of the conductivity σ0 at the contact,
 * and Φ_c, smooth near the contact, is solved on the grid with the source term
 * −(A − A0)Φ_an plus the boundary flux correction. Outer boundaries take the asymptotic
 * decay of the 2-D Green's function (Robin: ∂Φ/∂n = −κ K1(κr)/K0(κr)·(r̂·n)·Φ) or no flux.
 *
 * Contacts whose point sets differ only by a shift along w share one solve (shift invariance):
 * all contacts of a straight lead parallel to the axis cost one solve, and moving a lead along
 * the axis costs nothing but a new inverse transform.
 *
 * Units inside: mm, mA, S/m → volts; converted to mV at the edge (MV_PER_V).
 */
import { besselK0, besselK1 } from './bessel.ts';
import { BandMatrix, choleskyInPlace, choleskySolveManyInPlace } from './bandedCholesky.ts';
import { discretiseContact, type ContactGeometry, type DiscretisationOptions } from './contact.ts';
import { shapeCrossings, type SigmaTensor, type VolumeConductor } from './conductor.ts';
import {
  cellMass,
  cellMassBySide,
  FACE_STRIPS,
  linkConductance,
  segmentResistivity,
  segmentSheetResistance,
  sheetSideAt,
  stripAt,
} from './faceConductance.ts';
import { buildAxis, locate, type GridFeature } from './grid.ts';
import { defaultKNodes } from './kspace.ts';
import {
  insideShape,
  toStructure,
  type EllipseShape,
  type StructureFrame,
  type TargetSpan,
} from '../anatomy/index.ts';

// design choice: Φ_an lumped beyond 12 × the source spread (SCS dorsal-column potentials and AF
// identical to no lumping to 4 digits; 8× was not), blended in smoothly up to 20 × (LUMP_TAPER_END):
// a hard switch is a ~0.2 % step in Φ_an on a circle around the contact, which the grid part
// carries as a step of its own and which put false activating-function peaks (up to 8 % in
// thresholds) into fibres crossing that circle, e.g. the far side's root entry zone under a
// lateral lead. The point reconstruction (leadField.ts analyticBlend) uses the same blend.
export const LUMP_FACTOR = 12;
export const LUMP_TAPER_END = 20;

/** Weight of the lumped Φ_an at a 2-D distance from a group's lump centre (0 near, 1 far). */
export function lumpBlend(distanceMm: number, radiusMm: number): number {
  if (radiusMm === 0) return 1;
  const t = (distanceMm / radiusMm - LUMP_FACTOR) / (LUMP_TAPER_END - LUMP_FACTOR);
  if (t <= 0) return 0;
  if (t >= 1) return 1;
  return t * t * (3 - 2 * t);
}
// design choice: interface spacing grows by 0.06 mm per mm of distance from the nearest contact (grid-convergence test)
const INTERFACE_RELAX = 0.06;
// design choice: A0Φ_an is kept as the source within this distance of a source column even where
// other tissue adjoins (the discrete point source spreads over the cells around it); 0.5 and 1 mm
// give the same two-half-space and SCS accuracy, 2 mm reaches the interface in the 1 mm image tests
const SOURCE_KEEP_MM = 0.5;

// design choice: source points of one contact closer than this across the section share one
// column (a ring 4.6° to the axis: 40 columns → 16; potentials in the cord change < 0.03 %,
// 1 mm from the contact surface ≤ 1 %, the scale of the uniform-current-density contact model)
const COLUMN_MERGE_MM = 0.1;

/**
 * Snaps the cross-section positions of nearby source points to their weighted mean, in place, so
 * that they share one source column (one set of K0 evaluations per node). The first moment of
 * each merged set is kept, so the change to the field is of second order in the spread.
 */
export function mergeColumns(uvw: Float64Array, weights: Float64Array, tolMm: number): void {
  if (!(tolMm > 0)) return;
  const n = weights.length;
  const cluster = new Int32Array(n).fill(-1);
  const anchors: number[] = [];
  for (let i = 0; i < n; i++) {
    for (const a of anchors) {
      if (Math.hypot(uvw[3 * i]! - uvw[3 * a]!, uvw[3 * i + 1]! - uvw[3 * a + 1]!) < tolMm) {
        cluster[i] = a;
        break;
      }
    }
    if (cluster[i]! < 0) {
      cluster[i] = i;
      anchors.push(i);
    }
  }
  for (const a of anchors) {
    let su = 0;
    let sv = 0;
    let sw = 0;
    for (let i = 0; i < n; i++) {
      if (cluster[i] !== a) continue;
      su += weights[i]! * uvw[3 * i]!;
      sv += weights[i]! * uvw[3 * i + 1]!;
      sw += weights[i]!;
    }
    for (let i = 0; i < n; i++) {
      if (cluster[i] !== a) continue;
      uvw[3 * i] = su / sw;
      uvw[3 * i + 1] = sv / sw;
    }
  }
}

// our choice: a contact centred within this distance of a tissue boundary takes as σ0 the mean
// conductivity around it (README "Singularity subtraction": a source on an interface)
const INTERFACE_PROBE_MM = 0.05;
const PROBE_POINTS = 32;
// our choice: links nearly parallel to a sheet take at most 10× its normal resistance (the
// few links so placed carry little current across it)
const SHEET_MIN_COSINE = 0.1;
// a source column this close to a node (mm) sits on it (grid lines are placed at contact centres)
const NODE_TOL_MM = 1e-6;

/**
 * Reference conductivity σ0 of the analytic part for sources centred at (u, v): the tissue there,
 * or, within INTERFACE_PROBE_MM of a boundary, the mean of σ around a circle of that radius. A
 * point source on a flat interface between σ1 and σ2 sets up I/(2π(σ1+σ2)r) on both sides, the
 * homogeneous field of (σ1+σ2)/2, so Φ_c stays smooth at the source instead of carrying a
 * logarithmic singularity that the grid would resolve only slowly.
 */
export function referenceSigmaAt(conductor: VolumeConductor, u: number, v: number): SigmaTensor {
  return probeSigma(conductor, u, v).sigma;
}

function probeSigma(
  conductor: VolumeConductor,
  u: number,
  v: number,
): { sigma: SigmaTensor; onInterface: boolean; halfPlane?: HalfPlaneModel | null } {
  const own = conductor.sigmaAt(u, v);
  let su = 0;
  let sv = 0;
  let sw = 0;
  let mixed = false;
  for (let q = 0; q < PROBE_POINTS; q++) {
    const a = (2 * Math.PI * (q + 0.5)) / PROBE_POINTS;
    const s = conductor.sigmaAt(
      u + INTERFACE_PROBE_MM * Math.cos(a),
      v + INTERFACE_PROBE_MM * Math.sin(a),
    );
    if (s.uSPerM !== own.uSPerM || s.vSPerM !== own.vSPerM || s.wSPerM !== own.wSPerM) mixed = true;
    su += s.uSPerM;
    sv += s.vSPerM;
    sw += s.wSPerM;
  }
  if (!mixed) return { sigma: own, onInterface: false };
  return {
    sigma: { uSPerM: su / PROBE_POINTS, vSPerM: sv / PROBE_POINTS, wSPerM: sw / PROBE_POINTS },
    onInterface: true,
    halfPlane: probeHalfPlane(conductor, u, v, own),
  };
}

/**
 * The two half-spaces that a source on an interface sees: its own tissue on one side of the
 * interface's tangent line, the other tissue beyond (normal = mean direction of the probe points
 * in the other tissue). Null when the probe meets more than two tissues, thin sheets, or an
 * interface that is not a straight line across the probe circle.
 */
function probeHalfPlane(
  conductor: VolumeConductor,
  u: number,
  v: number,
  own: SigmaTensor,
): HalfPlaneModel | null {
  if (conductor.sheets.length) return null;
  let other: SigmaTensor | null = null;
  let nu = 0;
  let nv = 0;
  let nOther = 0;
  for (let q = 0; q < PROBE_POINTS; q++) {
    const a = (2 * Math.PI * (q + 0.5)) / PROBE_POINTS;
    const s = conductor.sigmaAt(
      u + INTERFACE_PROBE_MM * Math.cos(a),
      v + INTERFACE_PROBE_MM * Math.sin(a),
    );
    if (sameTensor(s, own)) continue;
    if (other && !sameTensor(s, other)) return null;
    other = s;
    nu += Math.cos(a);
    nv += Math.sin(a);
    nOther++;
  }
  const len = Math.hypot(nu, nv);
  // a straight interface through the source leaves half the circle in each tissue
  if (!other || !(len > 0) || Math.abs(nOther - PROBE_POINTS / 2) > PROBE_POINTS / 8) return null;
  return { uMm: u, vMm: v, nu: nu / len, nv: nv / len, own, other };
}

const sameTensor = (a: SigmaTensor, b: SigmaTensor) =>
  a.uSPerM === b.uSPerM && a.vSPerM === b.vSPerM && a.wSPerM === b.wSPerM;

/** Two half-spaces split by the line through (u, v) with unit normal n (pointing into `other`). */
interface HalfPlaneModel {
  uMm: number;
  vMm: number;
  nu: number;
  nv: number;
  own: SigmaTensor;
  other: SigmaTensor;
}

function halfPlaneConductor(base: VolumeConductor, m: HalfPlaneModel): VolumeConductor {
  const side = (u: number, v: number) => (u - m.uMm) * m.nu + (v - m.vMm) * m.nv;
  return {
    ...base,
    label: `${base.label} (tangent half-spaces)`,
    sigmaAt: (u, v) => (side(u, v) > 0 ? m.other : m.own),
    regionAt: (u, v) => (side(u, v) > 0 ? 'other' : 'own'),
    boundaryCrossings: (u0, v0, u1, v1) => {
      const a = side(u0, v0);
      const b = side(u1, v1);
      return a * b < 0 ? [a / (a - b)] : [];
    },
    sheets: [],
  };
}

export class FieldCancelledError extends Error {
  constructor() {
    super('field computation cancelled');
    this.name = 'FieldCancelledError';
  }
}

export interface SolverOptions extends DiscretisationOptions {
  kNodes?: Float64Array;
  /** grid spacing at contacts (mm) */
  contactSpacingMm?: number;
  /** grid spacing where fibres of interest lie (mm) */
  targetSpacingMm?: number;
  /** grid spacing at tissue interfaces (mm) */
  interfaceSpacingMm?: number;
  /** growth of the spacing per mm of distance from the nearest feature */
  growthPerMm?: number;
  maxSpacingMm?: number;
  /** multiplies every spacing (grid convergence studies: 0.5 halves the spacing) */
  gridScale?: number;
  /** reference conductivity for the analytic part (tests); default: the tissue at the contact */
  referenceSigma?: SigmaTensor;
  /** source points of one contact closer than this (mm) across the section share a column; 0: never */
  columnMergeMm?: number;
  /**
   * how tissue interfaces enter the faces: 'face-fraction' (the fraction of each face in each
   * tissue, faceConductance.ts) or 'cell-centre' (the tissue at each half-cell's centre: the
   * former scheme, kept for comparison)
   */
  interfaceRule?: 'face-fraction' | 'cell-centre';
  /**
   * reference medium of a source on an interface: 'half-spaces' (default: the two tissues split by
   * the interface's tangent line) or 'homogeneous' (σ0 = their mean everywhere; comparisons)
   */
  interfaceReference?: 'half-spaces' | 'homogeneous';

  /**
   * Build the grid around these section points (u, v interleaved, mm) instead of around the
   * contacts: every field solved with the same points shares one grid, so that fields of a
   * contact at different places (a contact table, contactTable.ts) differ by the contact's move
   * alone, not by their discretisations.
   */
  gridAroundUvMm?: number[];
  /** A0Φ_an is kept as a source within this distance (mm) of the source columns (tests) */
  sourceKeepMm?: number;
  onProgress?: (fraction: number) => void;
  shouldCancel?: () => boolean;
}

export const DEFAULT_SOLVER_OPTIONS = {
  // README "Discretisation": face fractions, so that oblique interfaces carry no staircase
  interfaceRule: 'face-fraction',
} as const satisfies Partial<SolverOptions>;

export interface FieldGroup {
  sigma0: SigmaTensor;
  /** where Φ_an acts as one column of sources: centre (u, v) and spread of the columns (mm) */
  lump: { uMm: number; vMm: number; radiusMm: number };
  /** point sources in the structure frame, centred on w = 0 (u, v, w interleaved) */
  sourcesUvw: Float64Array;
  weights: Float64Array;
  /** Φ_c for the cosine part, K × N (k-major), volts per mA */
  cos: Float32Array;
  /** Φ_c for the sine part, or null when the source set is symmetric in w */
  sin: Float32Array | null;
}

export interface ContactField {
  group: number;
  /** shift of the group's reference along w (mm) */
  shiftWMm: number;
}

export interface UnitLeadFields {
  conductorLabel: string;
  frame: StructureFrame;
  gridU: Float64Array;
  gridV: Float64Array;
  /** index of node (i, j): fastU ? i + nu·j : j + nv·i */
  fastU: boolean;
  kNodes: Float64Array;
  groups: FieldGroup[];
  contacts: ContactField[];
  /**
   * thin resistive sheets (perineurium) of the section, and the sheet each node lies inside (−1:
   * none): sampling between nodes keeps to the point's side (leadField.ts); absent without sheets
   */
  sheets?: EllipseShape[];
  nodeSide?: Int16Array;
  /**
   * the parts of nodes' dual cells on another side of a sheet than their node, each an unknown
   * of its own (README "Thin layers"): node n's pieces are unknowns N + first[n] … N + first[n+1]
   * − 1 (N = grid nodes), on sides side[…]; stored after the nodes in `cos`/`sin` (K × unknowns)
   */
  pieces?: { first: Int32Array; side: Int16Array };
  stats: { nodes: number; bandwidth: number; kCount: number; solves: number; elapsedMs: number };
}

interface Column {
  u: number;
  v: number;
  ws: number[];
  weights: number[];
}

const r5 = (x: number) => String(Math.round(x * 1e5) / 1e5 + 0);

function groupKey(uvw: Float64Array, weights: Float64Array): string {
  const parts: string[] = [];
  for (let i = 0; i < weights.length; i++) {
    parts.push(
      `${r5(uvw[3 * i]!)},${r5(uvw[3 * i + 1]!)},${r5(uvw[3 * i + 2]!)},${r5(weights[i]! * 1e4)}`,
    );
  }
  return parts.join(';');
}

export function solveUnitFields(
  conductor: VolumeConductor,
  contactGeoms: ContactGeometry[],
  opts: SolverOptions = {},
): UnitLeadFields {
  const t0 = Date.now();
  const kNodes = opts.kNodes ?? defaultKNodes();
  const K = kNodes.length;
  const scale = opts.gridScale ?? 1;
  const hC = (opts.contactSpacingMm ?? 0.2) * scale;
  const hI = (opts.interfaceSpacingMm ?? 0.2) * scale;
  const hT = (opts.targetSpacingMm ?? 0.15) * scale;
  const growth = (opts.growthPerMm ?? 0.3) * Math.min(1, scale);
  const hMax = (opts.maxSpacingMm ?? 10) * scale;
  const frame = conductor.frame;

  // ---- contacts → point sources in the structure frame, grouped by shape up to a w-shift
  const groupsSrc: { uvw: Float64Array; weights: Float64Array; key: string }[] = [];
  const contacts: ContactField[] = [];
  const featU: GridFeature[] = conductor.featuresUMm.map((x) => ({ atMm: x, spacingMm: hI }));
  const featV: GridFeature[] = conductor.featuresVMm.map((x) => ({ atMm: x, spacingMm: hI }));
  for (const c of contactGeoms) {
    const ps = discretiseContact(c, opts);
    const n = ps.weights.length;
    const uvw = new Float64Array(3 * n);
    let wc = 0;
    let cu = 0;
    let cv = 0;
    for (let i = 0; i < n; i++) {
      const s = toStructure(
        frame,
        ps.positionsMm[3 * i]!,
        ps.positionsMm[3 * i + 1]!,
        ps.positionsMm[3 * i + 2]!,
      );
      uvw[3 * i] = s[0];
      uvw[3 * i + 1] = s[1];
      uvw[3 * i + 2] = s[2];
      wc += ps.weights[i]! * s[2];
      cu += ps.weights[i]! * s[0];
      cv += ps.weights[i]! * s[1];
      // spacing only: a grid line at every source point of an oblique contact would crowd the
      // axis (the singular part is analytic, Φ_c is smooth there)
      if (!opts.gridAroundUvMm) {
        featU.push({ atMm: s[0], spacingMm: hC, node: false });
        featV.push({ atMm: s[1], spacingMm: hC, node: false });
      }
    }
    if (!opts.gridAroundUvMm) {
      featU.push({ atMm: cu, spacingMm: hC });
      featV.push({ atMm: cv, spacingMm: hC });
    }
    for (let i = 0; i < n; i++) uvw[3 * i + 2]! -= wc;
    mergeColumns(uvw, ps.weights, opts.columnMergeMm ?? COLUMN_MERGE_MM);
    const key = groupKey(uvw, ps.weights);
    let g = groupsSrc.findIndex((q) => q.key === key);
    if (g < 0) {
      g = groupsSrc.length;
      groupsSrc.push({ uvw, weights: ps.weights, key });
    }
    contacts.push({ group: g, shiftWMm: wc });
  }

  const around = opts.gridAroundUvMm ?? [];
  for (let i = 0; i + 1 < around.length; i += 2) {
    featU.push({ atMm: around[i]!, spacingMm: hC });
    featV.push({ atMm: around[i + 1]!, spacingMm: hC });
  }
  // ---- grid: interfaces far from every contact need less resolution (spacing + 0.06 × distance)
  const nIfU = conductor.featuresUMm.length;
  const nIfV = conductor.featuresVMm.length;
  const contactU = featU.slice(nIfU).map((f) => f.atMm);
  const contactV = featV.slice(nIfV).map((f) => f.atMm);
  const relax = (f: GridFeature, at: number[]): GridFeature =>
    at.length
      ? {
          atMm: f.atMm,
          spacingMm: hI + INTERFACE_RELAX * Math.min(...at.map((a) => Math.abs(a - f.atMm))),
        }
      : f;
  for (let i = 0; i < nIfU; i++) featU[i] = relax(featU[i]!, contactU);
  for (let i = 0; i < nIfV; i++) featV[i] = relax(featV[i]!, contactV);
  for (const t of conductor.targetsUMm ?? []) featU.push({ atMm: t, spacingMm: hT });
  for (const t of conductor.targetsVMm ?? []) featV.push({ atMm: t, spacingMm: hT });
  const span = (t: TargetSpan): GridFeature => ({
    atMm: t.fromMm,
    toMm: t.toMm,
    spacingMm: t.spacingMm !== undefined ? t.spacingMm * scale : hT,
    node: false,
  });
  for (const t of conductor.targetSpansUMm ?? []) featU.push(span(t));
  for (const t of conductor.targetSpansVMm ?? []) featV.push(span(t));
  const e = conductor.extentMm;
  const gu = buildAxis(e.uMin, e.uMax, featU, { growthPerMm: growth, maxSpacingMm: hMax });
  const gv = buildAxis(e.vMin, e.vMax, featV, { growthPerMm: growth, maxSpacingMm: hMax });
  const nu = gu.length;
  const nv = gv.length;
  const N = nu * nv;
  const fastU = nu <= nv;
  const idx = fastU ? (i: number, j: number) => i + nu * j : (i: number, j: number) => j + nv * i;

  // cell conductivities
  const ncu = nu - 1;
  const ncv = nv - 1;
  const su = new Float64Array(ncu * ncv);
  const sv = new Float64Array(ncu * ncv);
  const sw = new Float64Array(ncu * ncv);
  for (let j = 0; j < ncv; j++) {
    for (let i = 0; i < ncu; i++) {
      const s = conductor.sigmaAt((gu[i]! + gu[i + 1]!) / 2, (gv[j]! + gv[j + 1]!) / 2);
      su[i + ncu * j] = s.uSPerM;
      sv[i + ncu * j] = s.vSPerM;
      sw[i + ncu * j] = s.wSPerM;
    }
  }
  const cellCentre = (opts.interfaceRule ?? DEFAULT_SOLVER_OPTIONS.interfaceRule) === 'cell-centre';
  const halfU = (i: number, side: -1 | 1) =>
    side < 0 ? (i > 0 ? (gu[i]! - gu[i - 1]!) / 2 : 0) : i < nu - 1 ? (gu[i + 1]! - gu[i]!) / 2 : 0;
  const halfV = (j: number, side: -1 | 1) =>
    side < 0 ? (j > 0 ? (gv[j]! - gv[j - 1]!) / 2 : 0) : j < nv - 1 ? (gv[j + 1]! - gv[j]!) / 2 : 0;
  // a sheet crossed obliquely: the link runs t/|n·e| through it, and the links crossing it sum to
  // its projection |n·e|·ds, so the series resistance per unit face length is t/(σ|n·e|) and the
  // sheet passes σ/t per unit area in total (without the cosine a staircase of links passes the
  // L1 length of the outline, 4/π of a circle's)
  const sheetSeries = (ua: number, va: number, ub: number, vb: number): number => {
    let r = 0;
    for (const s of conductor.sheets) {
      if (insideShape(s.shape, ua, va) === insideShape(s.shape, ub, vb)) continue;
      const ts: number[] = [];
      shapeCrossings(s.shape, ua, va, ub, vb, ts);
      const t = ts[0] ?? 0.5;
      const nu = (ua + t * (ub - ua) - s.shape.centreUMm) / s.shape.radiusUMm ** 2;
      const nv = (va + t * (vb - va) - s.shape.centreVMm) / s.shape.radiusVMm ** 2;
      const along = Math.abs(ub - ua) > Math.abs(vb - va) ? nu : nv;
      const cos = Math.max(Math.abs(along) / Math.hypot(nu, nv), SHEET_MIN_COSINE);
      r += s.thicknessMm / s.sigmaSPerM / cos;
    }
    return r;
  };

  // the side of the thin sheets each node is on
  const sheets = conductor.sheets;
  const S = sheets.length;
  const nodeSide = new Int16Array(S ? N : 0);
  if (S)
    for (let j = 0; j < nv; j++)
      for (let i = 0; i < nu; i++) nodeSide[idx(i, j)] = sheetSideAt(sheets, gu[i]!, gv[j]!);
  // Thin sheets with face fractions (README "Thin layers"): every part of a node's dual cell on
  // another side of a sheet than the node is an unknown of its own, a *piece* (n, side). Each
  // strip of a link is a chain of resistors through the parts it passes (cut at the sheets and
  // half-way), so an epineurial channel between fascicles, or a fascicle's rim, conducts whether
  // or not a grid node lies in it.
  const usePieces = S > 0 && !cellCentre;
  const sideKey = (n: number, side: number) => n * (S + 1) + side + 1;
  const pieceTemp = new Map<number, number>(); // side key → temporary piece id
  const endKey = (n: number, side: number): number => {
    if (side === nodeSide[n]) return n;
    const key = sideKey(n, side);
    let t = pieceTemp.get(key);
    if (t === undefined) {
      t = pieceTemp.size;
      pieceTemp.set(key, t);
    }
    return -1 - t; // pieces are negative until numbered
  };
  const bare: VolumeConductor = usePieces ? { ...conductor, sheets: [] } : conductor;
  const sheetBoxes = sheets.map((q) => ({
    u0: q.shape.centreUMm - q.shape.radiusUMm,
    u1: q.shape.centreUMm + q.shape.radiusUMm,
    v0: q.shape.centreVMm - q.shape.radiusVMm,
    v1: q.shape.centreVMm + q.shape.radiusVMm,
  }));
  const nearSheet = (u0: number, u1: number, v0: number, v1: number) =>
    sheetBoxes.some((q) => u1 >= q.u0 && u0 <= q.u1 && v1 >= q.v0 && v0 <= q.v1);
  // links between unknowns: ends, conductance, σ0-weight L/h × the share of the face, axis (0 u,
  // 1 v) and the grid link (u-links i + ncu·j, v-links i + nu·j) it belongs to
  const lA: number[] = [];
  const lB: number[] = [];
  const lG: number[] = [];
  const lW: number[] = [];
  const lDir: number[] = [];
  const lF: number[] = [];
  const pushLink = (a: number, b: number, g: number, w: number, dir: number, f: number) => {
    lA.push(a);
    lB.push(b);
    lG.push(g);
    lW.push(w);
    lDir.push(dir);
    lF.push(f);
  };
  const ends: number[] = [];
  const endG: number[] = [];
  const cuts: number[] = [];
  const partUnknown: number[] = [];
  const partPoint: number[] = [];
  /** one grid link a → b along u or v; its face spans [tLo, tHi] around the node line `at` */
  const addGridLink = (
    alongU: boolean,
    na: number,
    nb: number,
    pa: number,
    pb: number,
    tLo: number,
    tHi: number,
    at: number,
    f: number,
  ) => {
    const dir = alongU ? 0 : 1;
    const L = tHi - tLo;
    const h = pb - pa;
    if (cellCentre) {
      // the former scheme: tissue at each half-cell's centre, sheets in series on the link
      const ci = alongU ? f % ncu : f % nu;
      const cj = alongU ? (f - ci) / ncu : (f - ci) / nu;
      let g = alongU
        ? ((cj > 0 ? su[ci + ncu * (cj - 1)]! * (at - tLo) : 0) +
            (cj < ncv ? su[ci + ncu * cj]! * (tHi - at) : 0)) /
          h
        : ((ci > 0 ? sv[ci - 1 + ncu * cj]! * (at - tLo) : 0) +
            (ci < ncu ? sv[ci + ncu * cj]! * (tHi - at) : 0)) /
          h;
      const rs = S ? (alongU ? sheetSeries(pa, at, pb, at) : sheetSeries(at, pa, at, pb)) : 0;
      if (rs > 0) g = 1 / (1 / g + rs / L);
      pushLink(na, nb, g, L / h, dir, f);
      return;
    }
    const near = usePieces && (alongU ? nearSheet(pa, pb, tLo, tHi) : nearSheet(tLo, tHi, pa, pb));
    if (!near) {
      pushLink(na, nb, linkConductance(bare, alongU, pa, pb, tLo, tHi), L / h, dir, f);
      return;
    }
    ends.length = 0;
    endG.length = 0;
    // each strip is cut at the sheets it crosses and at the dual-cell boundary half-way: every
    // part belongs to the unknown of its side in its half's node (the node itself, or a piece),
    // and consecutive parts are resistors in series between their points (a node's at its end
    // of the strip, a piece's at the middle of its part)
    const comp = alongU ? 'uSPerM' : 'vSPerM';
    const at01 = (x: number): [number, number] =>
      alongU ? [pa + x * h, tStrip] : [tStrip, pa + x * h];
    let tStrip = 0;
    for (let q = 0; q < FACE_STRIPS; q++) {
      tStrip = stripAt(tLo, L, q);
      const [u0, v0] = at01(0);
      const [u1, v1] = at01(1);
      cuts.length = 0;
      for (const sh of sheets) shapeCrossings(sh.shape, u0, v0, u1, v1, cuts);
      cuts.push(0.5, 1);
      cuts.sort((x, y) => x - y);
      partUnknown.length = 0;
      partPoint.length = 0;
      let from = 0;
      for (const to of cuts) {
        if (!(to > from)) continue;
        const [um, vm] = at01((from + to) / 2);
        const unk = endKey(to <= 0.5 ? na : nb, sheetSideAt(sheets, um, vm));
        const point = from === 0 && unk === na ? 0 : to === 1 && unk === nb ? 1 : (from + to) / 2;
        if (partUnknown.length && partUnknown[partUnknown.length - 1] === unk) {
          // a cut the side does not change across (the strip grazing a sheet): one part
          if (point === 1) partPoint[partPoint.length - 1] = 1;
        } else {
          partUnknown.push(unk);
          partPoint.push(point);
        }
        from = to;
      }
      for (let e = 0; e + 1 < partUnknown.length; e++) {
        const x0 = partPoint[e]!;
        const x1 = partPoint[e + 1]!;
        const [pu0, pv0] = at01(x0);
        const [pu1, pv1] = at01(x1);
        const r =
          segmentResistivity(bare, comp, pu0, pv0, pu1, pv1) * (x1 - x0) +
          segmentSheetResistance(sheets, pu0, pv0, pu1, pv1) / h;
        const ka = partUnknown[e]!;
        const kb = partUnknown[e + 1]!;
        let m = 0;
        while (m < endG.length && !(ends[2 * m] === ka && ends[2 * m + 1] === kb)) m++;
        if (m === endG.length) {
          ends.push(ka, kb);
          endG.push(0);
        }
        endG[m]! += L / h / FACE_STRIPS / r;
      }
    }
    for (let e = 0; e < endG.length; e++)
      pushLink(ends[2 * e]!, ends[2 * e + 1]!, endG[e]!, 0, dir, f);
    // the reference operator A0 (σ0, no sheets) stays on the grid's nodes: its image of Φ_an is
    // that of the grid without pieces (pieces take Φ_an at their node, A0 rows of zero)
    pushLink(na, nb, 0, L / h, dir, f);
  };
  for (let j = 0; j < nv; j++) {
    const dm = halfV(j, -1);
    const dp = halfV(j, 1);
    for (let i = 0; i < ncu; i++)
      addGridLink(
        true,
        idx(i, j),
        idx(i + 1, j),
        gu[i]!,
        gu[i + 1]!,
        gv[j]! - dm,
        gv[j]! + dp,
        gv[j]!,
        i + ncu * j,
      );
  }
  for (let j = 0; j < ncv; j++)
    for (let i = 0; i < nu; i++) {
      const dm = halfU(i, -1);
      const dp = halfU(i, 1);
      addGridLink(
        false,
        idx(i, j),
        idx(i, j + 1),
        gv[j]!,
        gv[j + 1]!,
        gu[i]! - dm,
        gu[i]! + dp,
        gu[i]!,
        i + nu * j,
      );
    }
  // number the pieces by (node, side): node n's pieces follow it in the band order
  const pieceKeys = [...pieceTemp.keys()].sort((x, y) => x - y);
  const E = pieceKeys.length;
  const M = N + E;
  const tempToPiece = new Int32Array(E);
  pieceKeys.forEach((key, e) => (tempToPiece[pieceTemp.get(key)!] = N + e));
  const pieceFirst = new Int32Array(usePieces ? N + 1 : 0);
  const pieceSide = new Int16Array(E);
  const pieceNode = new Int32Array(E);
  pieceKeys.forEach((key, e) => {
    pieceNode[e] = Math.floor(key / (S + 1));
    pieceSide[e] = (key % (S + 1)) - 1;
  });
  if (usePieces) {
    let e = 0;
    for (let n = 0; n <= N; n++) {
      while (e < E && pieceNode[e]! < n) e++;
      pieceFirst[n] = e;
    }
  }
  const resolve = (k: number) => (k >= 0 ? k : tempToPiece[-1 - k]!);
  const nLinks = lA.length;
  const linkA = Int32Array.from(lA, resolve);
  const linkB = Int32Array.from(lB, resolve);
  const linkG = Float64Array.from(lG);
  const linkW = Float64Array.from(lW);
  const linkDir = Uint8Array.from(lDir);
  const linkF = Int32Array.from(lF);
  /** unknown → row of the band matrix: node n, then its pieces */
  const row = new Int32Array(M);
  for (let n = 0; n < N; n++) row[n] = usePieces ? n + pieceFirst[n]! : n;
  for (let e = 0; e < E; e++) row[N + e] = pieceNode[e]! + e + 1;
  let bw = 0;
  for (let q = 0; q < nLinks; q++) bw = Math.max(bw, Math.abs(row[linkA[q]!]! - row[linkB[q]!]!));
  const pieceOf = (n: number, side: number): number => {
    for (let e = pieceFirst[n]!; e < pieceFirst[n + 1]!; e++)
      if (pieceSide[e] === side) return N + e;
    return -1;
  };
  // reaction (mass) per unknown: Σ quarter-cell σ_w·area on the unknown's side; and the plain
  // area of each node's dual cell (the reference operator's mass, σ0 everywhere)
  const mass = new Float64Array(M);
  const area = new Float64Array(M);
  for (let j = 0; j < nv; j++) {
    for (let i = 0; i < nu; i++) {
      const n = idx(i, j);
      for (const du of [-1, 1] as const) {
        for (const dv of [-1, 1] as const) {
          const ci = du < 0 ? i - 1 : i;
          const cj = dv < 0 ? j - 1 : j;
          if (ci < 0 || cj < 0 || ci >= ncu || cj >= ncv) continue;
          const hu = halfU(i, du);
          const hv = halfV(j, dv);
          const q = hu * hv;
          if (cellCentre) {
            mass[n]! += sw[ci + ncu * cj]! * q;
            area[n]! += q;
            continue;
          }
          const u0 = du < 0 ? gu[i]! - hu : gu[i]!;
          const v0 = dv < 0 ? gv[j]! - hv : gv[j]!;
          if (!usePieces || !nearSheet(u0, u0 + hu, v0, v0 + hv)) {
            mass[n]! += cellMass(bare, u0, u0 + hu, v0, v0 + hv);
            area[n]! += q;
            continue;
          }
          // a part on a side without a piece here (no strip of this node ends in it: a sliver)
          // stays with the node
          for (const [side, [m, a]] of cellMassBySide(conductor, u0, u0 + hu, v0, v0 + hv)) {
            const to = side === nodeSide[n] ? n : pieceOf(n, side);
            mass[to < 0 ? n : to]! += m;
            area[n]! += a;
          }
        }
      }
    }
  }
  // boundary nodes: normal, length, adjacent conductivities
  interface BNode {
    n: number;
    u: number;
    v: number;
    nu: number;
    nv: number;
    len: number;
    sigN: number;
    sigW: number;
    robin: boolean;
  }
  const bnodes: BNode[] = [];
  const addB = (i: number, j: number, nx: number, ny: number, robin: boolean) => {
    const len = nx !== 0 ? halfV(j, -1) + halfV(j, 1) : halfU(i, -1) + halfU(i, 1);
    const ci = Math.min(Math.max(i - (nx > 0 ? 1 : 0), 0), ncu - 1);
    const cj = Math.min(Math.max(j - (ny > 0 ? 1 : 0), 0), ncv - 1);
    const c = ci + ncu * cj;
    bnodes.push({
      n: idx(i, j),
      u: gu[i]!,
      v: gv[j]!,
      nu: nx,
      nv: ny,
      len,
      sigN: nx !== 0 ? su[c]! : sv[c]!,
      sigW: sw[c]!,
      robin,
    });
  };
  const B = conductor.boundaries;
  for (let j = 0; j < nv; j++) {
    addB(0, j, -1, 0, B.uMin === 'robin');
    addB(nu - 1, j, 1, 0, B.uMax === 'robin');
  }
  for (let i = 0; i < nu; i++) {
    addB(i, 0, 0, -1, B.vMin === 'robin');
    addB(i, nv - 1, 0, 1, B.vMax === 'robin');
  }

  // ---- groups: reference conductivity and source columns
  const groups: FieldGroup[] = [];
  const groupCols: Column[][] = [];
  const onInterface: boolean[] = [];
  const halfPlanes: (HalfPlaneModel | null)[] = [];
  // beyond LUMP_FACTOR × the columns' spread, all columns act as one at their centroid (multipole error < 1e-3)
  const lumps: { u: number; v: number; radius: number }[] = [];
  for (const gs of groupsSrc) {
    const n = gs.weights.length;
    let cu = 0;
    let cv = 0;
    for (let i = 0; i < n; i++) {
      cu += gs.weights[i]! * gs.uvw[3 * i]!;
      cv += gs.weights[i]! * gs.uvw[3 * i + 1]!;
    }
    const probe = probeSigma(conductor, cu, cv);
    const sigma0 = opts.referenceSigma ?? probe.sigma;
    onInterface.push(probe.onInterface && !opts.referenceSigma);
    halfPlanes.push(
      probe.onInterface &&
        !opts.referenceSigma &&
        !cellCentre &&
        opts.interfaceReference !== 'homogeneous'
        ? (probe.halfPlane ?? null)
        : null,
    );
    const cols: Column[] = [];
    for (let i = 0; i < n; i++) {
      const u = gs.uvw[3 * i]!;
      const v = gs.uvw[3 * i + 1]!;
      let col = cols.find((c) => Math.abs(c.u - u) < 1e-9 && Math.abs(c.v - v) < 1e-9);
      if (!col) {
        col = { u, v, ws: [], weights: [] };
        cols.push(col);
      }
      col.ws.push(gs.uvw[3 * i + 2]!);
      col.weights.push(gs.weights[i]!);
    }
    const symmetric = cols.every((c) => {
      const sum = c.ws.reduce((s, w, q) => s + w * c.weights[q]!, 0);
      return Math.abs(sum) < 1e-12 && c.ws.every((w) => c.ws.some((w2) => Math.abs(w2 + w) < 1e-9));
    });
    let lumpR = 0;
    for (const c of cols) lumpR = Math.max(lumpR, Math.hypot(c.u - cu, c.v - cv));
    lumps.push({ u: cu, v: cv, radius: lumpR });
    groups.push({
      sigma0,
      lump: { uMm: cu, vMm: cv, radiusMm: lumpR },
      sourcesUvw: gs.uvw,
      weights: gs.weights,
      cos: new Float32Array(K * M),
      sin: symmetric ? null : new Float32Array(K * M),
    });
    groupCols.push(cols);
  }

  // Reference operator A0 of each group: σ0 everywhere, or, for a source on an interface, the
  // two half-spaces split by the interface's tangent line, assembled with the same face fractions
  // as A, so that A0 = A around the source (README "Singularity subtraction")
  const refOps = halfPlanes.map((hp) => {
    if (!hp) return null;
    const model = halfPlaneConductor(conductor, hp);
    const g0U = new Float64Array(ncu * nv);
    const g0V = new Float64Array(nu * ncv);
    const mass0 = new Float64Array(M);
    for (let j = 0; j < nv; j++) {
      const dm = halfV(j, -1);
      const dp = halfV(j, 1);
      for (let i = 0; i < ncu; i++)
        g0U[i + ncu * j] = linkConductance(
          model,
          true,
          gu[i]!,
          gu[i + 1]!,
          gv[j]! - dm,
          gv[j]! + dp,
        );
    }
    for (let j = 0; j < ncv; j++)
      for (let i = 0; i < nu; i++) {
        const dm = halfU(i, -1);
        const dp = halfU(i, 1);
        g0V[i + nu * j] = linkConductance(
          model,
          false,
          gv[j]!,
          gv[j + 1]!,
          gu[i]! - dm,
          gu[i]! + dp,
        );
      }
    for (let j = 0; j < nv; j++)
      for (let i = 0; i < nu; i++)
        for (const du of [-1, 1] as const)
          for (const dv of [-1, 1] as const) {
            const ci = du < 0 ? i - 1 : i;
            const cj = dv < 0 ? j - 1 : j;
            if (ci < 0 || cj < 0 || ci >= ncu || cj >= ncv) continue;
            const hu = halfU(i, du);
            const hv = halfV(j, dv);
            const u0 = du < 0 ? gu[i]! - hu : gu[i]!;
            const v0 = dv < 0 ? gv[j]! - hv : gv[j]!;
            mass0[idx(i, j)]! += cellMass(model, u0, u0 + hu, v0, v0 + hv);
          }
    return { model, g0U, g0V, mass0 };
  });

  // ---- per wavenumber: assemble, factor, solve each group
  const mat = new BandMatrix(M, bw);
  const phiC = new Float64Array(M);
  const phiS = new Float64Array(M);
  const a0C = new Float64Array(M);
  const a0S = new Float64Array(M);
  // A0Φ_an is the source only in the contact's tissue or near the sources: elsewhere it is the
  // truncation residue of a field harmonic there, scaled by σ0 instead of the local σ
  const keeps = groups.map((_g, gi) => {
    const keep = new Uint8Array(M);
    // half-space reference: A0 differs from A only where the section departs from the two
    // half-spaces (the interface's curvature, the next layers), away from the source, where
    // A0Φ_an is a small residue: it is kept everywhere, i.e. A(Φ_an + Φ_c) = A0Φ_an (README)
    if (refOps[gi]) return keep.fill(1);
    // the tissue at the contact (σ0 itself unless a test sets referenceSigma)
    const s0 = conductor.sigmaAt(lumps[gi]!.u, lumps[gi]!.v);
    const same = (c: number) => su[c] === s0.uSPerM && sv[c] === s0.vSPerM && sw[c] === s0.wSPerM;
    const cols = groupCols[gi]!;
    const r2 = (opts.sourceKeepMm ?? SOURCE_KEEP_MM) ** 2;
    for (let j = 0; j < nv; j++)
      for (let i = 0; i < nu; i++) {
        let all = true;
        for (const [ci, cj] of [
          [i - 1, j - 1],
          [i, j - 1],
          [i - 1, j],
          [i, j],
        ] as const) {
          if (ci < 0 || cj < 0 || ci >= ncu || cj >= ncv) continue;
          if (!same(ci + ncu * cj)) all = false;
        }
        const near = cols.some((c) => (gu[i]! - c.u) ** 2 + (gv[j]! - c.v) ** 2 <= r2);
        keep[idx(i, j)] = all || near ? 1 : 0;
      }
    for (let e = 0; e < E; e++) keep[N + e] = keep[pieceNode[e]!]!;
    return keep;
  });
  // Sources on an interface: on the faces (and the mass) of the node at each source column the
  // reference operator takes the real conductances, so that the arbitrary finite value of the
  // singular Φ_an at that node cancels from the right-hand side instead of leaking into the far
  // field through A0 − A (README "Singularity subtraction")
  const singular = groups.map((_g, gi) => {
    const mark = new Uint8Array(M);
    if (!onInterface[gi]) return mark;
    for (const c of groupCols[gi]!) {
      const i = locate(gu, c.u);
      const j = locate(gv, c.v);
      for (const ii of [i, i + 1])
        for (const jj of [j, j + 1])
          if (ii < nu && jj < nv && Math.hypot(gu[ii]! - c.u, gv[jj]! - c.v) < NODE_TOL_MM)
            mark[idx(ii, jj)] = 1;
    }
    return mark;
  });
  // one right-hand side per group and part (cos, sin), solved together per wavenumber
  const rhsCs = groups.map(() => new Float64Array(M));
  const rhsSs = groups.map((g) => (g.sin ? new Float64Array(M) : new Float64Array(0)));
  const batch: Float64Array[] = [];
  groups.forEach((g, i) => {
    batch.push(rhsCs[i]!);
    if (g.sin) batch.push(rhsSs[i]!);
  });
  const batchRows = E ? batch.map(() => new Float64Array(M)) : [];
  const robinCoef = new Float64Array(bnodes.length);
  let solves = 0;

  for (let kq = 0; kq < K; kq++) {
    if (opts.shouldCancel?.()) throw new FieldCancelledError();
    const k = kNodes[kq]!;
    const k2 = k * k;
    mat.data.fill(0);
    for (let q = 0; q < nLinks; q++) {
      const g = linkG[q]!;
      const a = row[linkA[q]!]!;
      const b = row[linkB[q]!]!;
      mat.add(a, a, g);
      mat.add(b, b, g);
      mat.add(Math.max(a, b), Math.min(a, b), -g);
    }
    for (let n = 0; n < M; n++) mat.add(row[n]!, row[n]!, k2 * mass[n]!);
    bnodes.forEach((bn, q) => {
      if (!bn.robin) {
        robinCoef[q] = 0;
        return;
      }
      const r = Math.hypot(bn.u, bn.v);
      const kappa = k * Math.sqrt(bn.sigW / bn.sigN);
      const x = kappa * r;
      const cosang = (bn.u * bn.nu + bn.v * bn.nv) / r;
      const beta = x > 600 ? kappa * cosang : (kappa * besselK1(x) * cosang) / besselK0(x);
      robinCoef[q] = bn.sigN * beta * bn.len;
      mat.add(row[bn.n]!, row[bn.n]!, robinCoef[q]!);
    });
    choleskyInPlace(mat);

    for (let gi = 0; gi < groups.length; gi++) {
      const grp = groups[gi]!;
      const cols = groupCols[gi]!;
      const rhsC = rhsCs[gi]!;
      const rhsS = rhsSs[gi]!;
      const s0 = grp.sigma0;
      const kap0 = k * Math.sqrt(s0.wSPerM);
      const amp = 1 / (2 * Math.PI * Math.sqrt(s0.uSPerM * s0.vSPerM));
      const iu = 1 / s0.uSPerM;
      const iv = 1 / s0.vSPerM;
      const cw = cols.map((c) => c.ws.reduce((s, w, q) => s + c.weights[q]! * Math.cos(k * w), 0));
      const sw2 = cols.map((c) => c.ws.reduce((s, w, q) => s + c.weights[q]! * Math.sin(k * w), 0));
      const doSin = grp.sin !== null;
      // analytic 2-D part at the nodes
      const lump = lumps[gi]!;
      let cwSum = 0;
      let swSum = 0;
      for (let m = 0; m < cols.length; m++) {
        cwSum += cw[m]!;
        swSum += sw2[m]!;
      }
      for (let j = 0; j < nv; j++) {
        for (let i = 0; i < nu; i++) {
          const lu = gu[i]! - lump.u;
          const lv = gv[j]! - lump.v;
          const b = lumpBlend(Math.sqrt(lu * lu + lv * lv), lump.radius);
          const n = idx(i, j);
          let lc = 0;
          let ls = 0;
          if (b > 0) {
            const rho = Math.max(Math.sqrt(lu * lu * iu + lv * lv * iv), 1e-4);
            const kv = besselK0(kap0 * rho);
            lc = kv * cwSum;
            ls = kv * swSum;
          }
          let ac = 0;
          let as = 0;
          if (b < 1) {
            for (let m = 0; m < cols.length; m++) {
              const du = gu[i]! - cols[m]!.u;
              const dv = gv[j]! - cols[m]!.v;
              const rho = Math.max(Math.sqrt(du * du * iu + dv * dv * iv), 1e-4);
              const kv = besselK0(kap0 * rho);
              ac += kv * cw[m]!;
              if (doSin) as += kv * sw2[m]!;
            }
          }
          phiC[n] = amp * ((1 - b) * ac + b * lc);
          phiS[n] = amp * ((1 - b) * as + b * ls);
        }
      }
      for (let e = 0; e < E; e++) {
        phiC[N + e] = phiC[pieceNode[e]!]!;
        phiS[N + e] = phiS[pieceNode[e]!]!;
      }
      // source term keep·A0Φ_an − AΦ_an (README "Singularity subtraction")
      const keep = keeps[gi]!;
      const doS = doSin;
      a0C.fill(0);
      a0S.fill(0);
      rhsC.fill(0);
      rhsS.fill(0);
      const sing = singular[gi]!;
      const face = (a: number, b: number, g: number, g0In: number) => {
        const g0 = sing[a] || sing[b] ? g : g0In;
        const dc = phiC[a]! - phiC[b]!;
        rhsC[a]! -= g * dc;
        rhsC[b]! += g * dc;
        a0C[a]! += g0 * dc;
        a0C[b]! -= g0 * dc;
        if (doS) {
          const ds = phiS[a]! - phiS[b]!;
          rhsS[a]! -= g * ds;
          rhsS[b]! += g * ds;
          a0S[a]! += g0 * ds;
          a0S[b]! -= g0 * ds;
        }
      };
      const ref = refOps[gi];
      for (let q = 0; q < nLinks; q++) {
        const f = linkF[q]!;
        const g0 = ref
          ? linkDir[q]
            ? ref.g0V[f]!
            : ref.g0U[f]!
          : (linkDir[q] ? s0.vSPerM : s0.uSPerM) * linkW[q]!;
        face(linkA[q]!, linkB[q]!, linkG[q]!, g0);
      }
      for (let n = 0; n < M; n++) {
        const m = k2 * mass[n]!;
        const m0 = sing[n] ? m : k2 * (ref ? ref.mass0[n]! : s0.wSPerM * area[n]!);
        rhsC[n]! -= m * phiC[n]!;
        a0C[n]! += m0 * phiC[n]!;
        if (doS) {
          rhsS[n]! -= m * phiS[n]!;
          a0S[n]! += m0 * phiS[n]!;
        }
      }
      // boundaries: A0 takes the exact outflow of Φ_an, A the Robin condition
      bnodes.forEach((bn, q) => {
        let gc = 0;
        let gs = 0;
        for (let m = 0; m < cols.length; m++) {
          const du = bn.u - cols[m]!.u;
          const dv = bn.v - cols[m]!.v;
          const rho = Math.max(Math.sqrt(du * du * iu + dv * dv * iv), 1e-4);
          // ∂/∂n of K0(κ0 ρ') = −κ0 K1 · (n_u Δu/σu + n_v Δv/σv)/ρ'
          const dn = (-kap0 * besselK1(kap0 * rho) * (bn.nu * du * iu + bn.nv * dv * iv)) / rho;
          gc += dn * cw[m]!;
          if (doS) gs += dn * sw2[m]!;
        }
        const sRef = ref ? ref.model.sigmaAt(bn.u, bn.v) : s0;
        const sN = bn.nu !== 0 ? sRef.uSPerM : sRef.vSPerM;
        a0C[bn.n]! += -sN * amp * gc * bn.len;
        rhsC[bn.n]! -= robinCoef[q]! * phiC[bn.n]!;
        if (doS) {
          a0S[bn.n]! += -sN * amp * gs * bn.len;
          rhsS[bn.n]! -= robinCoef[q]! * phiS[bn.n]!;
        }
      });
      for (let n = 0; n < M; n++) {
        if (!keep[n]) continue;
        rhsC[n]! += a0C[n]!;
        if (doS) rhsS[n]! += a0S[n]!;
      }
    }
    if (E) {
      // the band rows interleave the pieces with their nodes
      batch.forEach((x, r) => {
        const y = batchRows[r]!;
        for (let n = 0; n < M; n++) y[row[n]!] = x[n]!;
      });
      choleskySolveManyInPlace(mat, batchRows);
      batch.forEach((x, r) => {
        const y = batchRows[r]!;
        for (let n = 0; n < M; n++) x[n] = y[row[n]!]!;
      });
    } else choleskySolveManyInPlace(mat, batch);
    solves += batch.length;
    groups.forEach((grp, gi) => {
      grp.cos.set(rhsCs[gi]!, kq * M);
      if (grp.sin) grp.sin.set(rhsSs[gi]!, kq * M);
    });
    opts.onProgress?.((kq + 1) / K);
  }
  return {
    conductorLabel: conductor.label,
    frame,
    gridU: gu,
    gridV: gv,
    fastU,
    kNodes,
    groups,
    contacts,
    ...(sheets.length ? { sheets: sheets.map((q) => q.shape), nodeSide } : {}),
    ...(usePieces ? { pieces: { first: pieceFirst, side: pieceSide } } : {}),
    stats: { nodes: M, bandwidth: bw, kCount: K, solves, elapsedMs: Date.now() - t0 },
  };
}

/**
 * Bilinear interpolation weights of (u, v) on the grid; null outside. Where thin sheets cut the
 * cell, only the corners on the point's side of them count (the potential jumps across a sheet),
 * renormalised; a point in a sliver of a cell with no corner on its side takes the nodes on its
 * side among the 4 × 4 around it, by inverse squared distance.
 */
export function gridWeights(
  f: UnitLeadFields,
  u: number,
  v: number,
): { n: Int32Array; w: Float64Array } | null {
  const gu = f.gridU;
  const gv = f.gridV;
  if (u < gu[0]! || u > gu[gu.length - 1]! || v < gv[0]! || v > gv[gv.length - 1]!) return null;
  const i = locate(gu, u);
  const j = locate(gv, v);
  const tu = (u - gu[i]!) / (gu[i + 1]! - gu[i]!);
  const tv = (v - gv[j]!) / (gv[j + 1]! - gv[j]!);
  const nu = gu.length;
  const nv = gv.length;
  const id = f.fastU ? (a: number, b: number) => a + nu * b : (a: number, b: number) => b + nv * a;
  const n = Int32Array.from([id(i, j), id(i + 1, j), id(i, j + 1), id(i + 1, j + 1)]);
  const w = Float64Array.from([(1 - tu) * (1 - tv), tu * (1 - tv), (1 - tu) * tv, tu * tv]);
  const side = f.nodeSide;
  if (!f.sheets || !side) return { n, w };
  let own = -1;
  for (let s = 0; s < f.sheets.length; s++) if (insideShape(f.sheets[s]!, u, v)) own = s;
  // the unknown of each corner on the point's side: the node, or its piece on that side
  const N = nu * nv;
  const onSide = (q: number): number => {
    if (side[q] === own) return q;
    const p = f.pieces;
    if (p) for (let e = p.first[q]!; e < p.first[q + 1]!; e++) if (p.side[e] === own) return N + e;
    return -1;
  };
  let sum = 0;
  for (let q = 0; q < 4; q++) {
    const m = onSide(n[q]!);
    if (m < 0) w[q] = 0;
    else n[q] = m;
    sum += w[q]!;
  }
  if (sum > 0) {
    for (let q = 0; q < 4; q++) w[q]! /= sum;
    return { n, w };
  }
  const ns: number[] = [];
  const ws: number[] = [];
  for (let a = Math.max(i - 1, 0); a <= Math.min(i + 2, nu - 1); a++)
    for (let b = Math.max(j - 1, 0); b <= Math.min(j + 2, nv - 1); b++) {
      const m = onSide(id(a, b));
      if (m < 0) continue;
      ns.push(m);
      ws.push(1 / Math.max((gu[a]! - u) ** 2 + (gv[b]! - v) ** 2, 1e-12));
    }
  if (!ns.length)
    return {
      n: Int32Array.from([id(i, j), id(i + 1, j), id(i, j + 1), id(i + 1, j + 1)]),
      w: Float64Array.from([(1 - tu) * (1 - tv), tu * (1 - tv), (1 - tu) * tv, tu * tv]),
    };
  const total = ws.reduce((x, y) => x + y, 0);
  return { n: Int32Array.from(ns), w: Float64Array.from(ws, (x) => x / total) };
}

/** Unknowns per wavenumber in a group's `cos`/`sin`: the grid nodes, then the sheet pieces. */
export function unknownCount(f: UnitLeadFields): number {
  return f.gridU.length * f.gridV.length + (f.pieces?.side.length ?? 0);
}

/** Grid node of every piece (unknowns N … in order), for values taken at the node's position. */
export function pieceNodes(f: UnitLeadFields): Int32Array {
  const p = f.pieces;
  if (!p) return new Int32Array(0);
  const out = new Int32Array(p.side.length);
  for (let n = 0; n + 1 < p.first.length; n++)
    for (let e = p.first[n]!; e < p.first[n + 1]!; e++) out[e] = n;
  return out;
}
