/**
 * Face conductances and reaction masses of the vertex-centred 5-point finite volumes from the
 * fraction of each face in each tissue (README "Discretisation"):
 *
 *   G_ab = (1/h) · ∫_L dt / ( (1/h) ∫_a^b ds / σ_n(s, t) )      (harmonic across, arithmetic along)
 *   M_a  = ∫_cell σ_w dA                                            (reaction term, k²·M_a)
 *
 * The link a→b owns the rectangle of length h between the nodes and width L (the dual face).
 * It is split into strips parallel to the link; along each strip the resistance ∫ ds/σ is exact
 * (the strip is cut at every tissue boundary it crosses), and the strips act in parallel. So an
 * interface across the link is a series resistance and one along it a parallel conductance, and a
 * curved interface crossing the face obliquely is averaged by the fraction of the face on each
 * side instead of the staircase of cell-centre sampling.
 */
import { insideShape, type SheetLayer } from '../anatomy/index.ts';
import { shapeCrossings, type SigmaTensor, type VolumeConductor } from './conductor.ts';

// our choice: strips per face (midpoint rule across the link); an interface crossing a face at a
// fixed angle is then located to 1/16 of the face width. 8 vs 16 strips: SCS dorsal-column peak
// Δ²φ within 0.1 % (measured at T8, dCSF 2–6 mm)
export const FACE_STRIPS = 8;

/** Component of σ along the link. */
type Component = 'uSPerM' | 'vSPerM' | 'wSPerM';

/**
 * Parameters t ∈ (0, 1) where the segment p0 → p1 crosses a tissue boundary, from the conductor
 * when it knows its shapes, else by sampling and bisection (steps of 1/32 of the segment).
 */
function crossings(c: VolumeConductor, u0: number, v0: number, u1: number, v1: number): number[] {
  if (c.boundaryCrossings) return c.boundaryCrossings(u0, v0, u1, v1);
  const out: number[] = [];
  const n = 32;
  let prev = c.sigmaAt(u0, v0);
  let tPrev = 0;
  for (let i = 1; i <= n; i++) {
    const t = i / n;
    const s = c.sigmaAt(u0 + t * (u1 - u0), v0 + t * (v1 - v0));
    if (!sameSigma(s, prev)) {
      let lo = tPrev;
      let hi = t;
      for (let q = 0; q < 30; q++) {
        const mid = (lo + hi) / 2;
        const sm = c.sigmaAt(u0 + mid * (u1 - u0), v0 + mid * (v1 - v0));
        if (sameSigma(sm, prev)) lo = mid;
        else hi = mid;
      }
      out.push((lo + hi) / 2);
    }
    prev = s;
    tPrev = t;
  }
  return out;
}

function sameSigma(a: SigmaTensor, b: SigmaTensor): boolean {
  return a.uSPerM === b.uSPerM && a.vSPerM === b.vSPerM && a.wSPerM === b.wSPerM;
}

/** ∫_0^1 f(σ_comp) dt along the segment (in units of its length), exact between crossings. */
function integrateAlong(
  c: VolumeConductor,
  comp: Component,
  u0: number,
  v0: number,
  u1: number,
  v1: number,
  f: (sigma: number) => number,
): number {
  const ts = crossings(c, u0, v0, u1, v1).filter((t) => t > 0 && t < 1);
  ts.sort((x, y) => x - y);
  let sum = 0;
  let a = 0;
  for (let q = 0; q <= ts.length; q++) {
    const b = q < ts.length ? ts[q]! : 1;
    if (b > a) {
      const m = (a + b) / 2;
      sum += (b - a) * f(c.sigmaAt(u0 + m * (u1 - u0), v0 + m * (v1 - v0))[comp]);
    }
    a = b;
  }
  return sum;
}

/** ∫_0^1 dt / σ_comp along the segment (in units of its length), exact between crossings. */
export function segmentResistivity(
  c: VolumeConductor,
  comp: Component,
  u0: number,
  v0: number,
  u1: number,
  v1: number,
): number {
  return integrateAlong(c, comp, u0, v0, u1, v1, (sigma) => 1 / sigma);
}

/** ∫_0^1 σ_comp dt along the segment, exact between crossings. */
export function segmentMeanSigma(
  c: VolumeConductor,
  comp: Component,
  u0: number,
  v0: number,
  u1: number,
  v1: number,
): number {
  return integrateAlong(c, comp, u0, v0, u1, v1, (sigma) => sigma);
}

// our choice: a strip nearly parallel to a sheet takes at most 10× its normal resistance (the few
// strips so placed carry little current across it)
const SHEET_MIN_COSINE = 0.1;

/**
 * The sheet (index into `sheets`) whose outline encloses (u, v), or −1: which side of every
 * sheet a point is on (sheets do not overlap: the fascicles of one nerve).
 */
export function sheetSideAt(sheets: readonly SheetLayer[], u: number, v: number): number {
  for (let s = 0; s < sheets.length; s++) if (insideShape(sheets[s]!.shape, u, v)) return s;
  return -1;
}

/**
 * Conductance σ·L/h (S/m; the 5-point stencil per unit axial length) of the link from a to b
 * along u (alongU) or v, whose dual face spans [tLo, tHi] on the other axis, in the conductor's
 * tissues (thin sheets are the solver's: it splits the link by the sides of the strips' ends).
 */
export function linkConductance(
  c: VolumeConductor,
  alongU: boolean,
  a: number,
  b: number,
  tLo: number,
  tHi: number,
): number {
  const L = tHi - tLo;
  if (!(L > 0)) return 0;
  const comp: Component = alongU ? 'uSPerM' : 'vSPerM';
  const h = b - a;
  let g = 0;
  for (let s = 0; s < FACE_STRIPS; s++) {
    const t = stripAt(tLo, L, s);
    g += alongU
      ? 1 / segmentResistivity(c, comp, a, t, b, t)
      : 1 / segmentResistivity(c, comp, t, a, t, b);
  }
  return (g / FACE_STRIPS) * (L / h);
}

/** Offset of strip s of a face spanning [tLo, tLo + L] (midpoint rule). */
export function stripAt(tLo: number, L: number, s: number): number {
  return tLo + ((s + 0.5) * L) / FACE_STRIPS;
}

/** ∫ σ_w dA over the rectangle [u0, u1] × [v0, v1] (strips along u, exact along each strip). */
export function cellMass(
  c: VolumeConductor,
  u0: number,
  u1: number,
  v0: number,
  v1: number,
): number {
  const H = v1 - v0;
  const W = u1 - u0;
  if (!(H > 0) || !(W > 0)) return 0;
  let m = 0;
  for (let s = 0; s < FACE_STRIPS; s++) {
    const v = v0 + ((s + 0.5) * H) / FACE_STRIPS;
    m += segmentMeanSigma(c, 'wSPerM', u0, v, u1, v);
  }
  return (m / FACE_STRIPS) * W * H;
}

/**
 * ∫ σ_w dA and the area of the rectangle [u0, u1] × [v0, v1], split by the side of the sheets each
 * part lies on (sheetSideAt): `bySide.get(s)` is [mass, area] of the part enclosed by sheet s,
 * `bySide.get(−1)` of the part outside every sheet. Strips along u, cut at tissue boundaries and
 * at the sheets' outlines.
 */
export function cellMassBySide(
  c: VolumeConductor,
  u0: number,
  u1: number,
  v0: number,
  v1: number,
): Map<number, [number, number]> {
  const out = new Map<number, [number, number]>();
  const H = v1 - v0;
  const W = u1 - u0;
  if (!(H > 0) || !(W > 0)) return out;
  const ts: number[] = [];
  for (let s = 0; s < FACE_STRIPS; s++) {
    const v = v0 + ((s + 0.5) * H) / FACE_STRIPS;
    ts.length = 0;
    for (const t of crossings(c, u0, v, u1, v)) ts.push(t);
    for (const sh of c.sheets) shapeCrossings(sh.shape, u0, v, u1, v, ts);
    const cuts = ts.filter((t) => t > 0 && t < 1).sort((x, y) => x - y);
    let a = 0;
    for (let q = 0; q <= cuts.length; q++) {
      const b = q < cuts.length ? cuts[q]! : 1;
      if (b > a) {
        const um = u0 + ((a + b) / 2) * W;
        const side = sheetSideAt(c.sheets, um, v);
        const area = ((b - a) * W * H) / FACE_STRIPS;
        const m = c.sigmaAt(um, v).wSPerM * area;
        const acc = out.get(side);
        if (acc) {
          acc[0] += m;
          acc[1] += area;
        } else out.set(side, [m, area]);
      }
      a = b;
    }
  }
  return out;
}

/**
 * Contact resistance (Ω·m² per unit width, t/σ_p per crossing) of the thin sheets along the
 * segment p0 → p1: every actual crossing counts t/(σ_p·|n·e|) with n the sheet's normal there and
 * e the segment's direction (a staircase of segments then passes the sheet's true area, not the
 * 4/π larger L1 length of its outline), at least 1/SHEET_MIN_COSINE × t/σ_p. The solver joins the
 * unknowns of the sides at the segment's two ends (README "Thin layers"), so no crossing is
 * implied that the segment does not make.
 */
export function segmentSheetResistance(
  sheets: readonly SheetLayer[],
  u0: number,
  v0: number,
  u1: number,
  v1: number,
): number {
  const du = u1 - u0;
  const dv = v1 - v0;
  const len = Math.hypot(du, dv);
  let r = 0;
  const ts: number[] = [];
  for (const s of sheets) {
    ts.length = 0;
    shapeCrossings(s.shape, u0, v0, u1, v1, ts);
    for (const t of ts) {
      const nu = (u0 + t * du - s.shape.centreUMm) / s.shape.radiusUMm ** 2;
      const nv = (v0 + t * dv - s.shape.centreVMm) / s.shape.radiusVMm ** 2;
      const cos = Math.max(
        Math.abs(nu * du + nv * dv) / len / Math.hypot(nu, nv),
        SHEET_MIN_COSINE,
      );
      r += s.thicknessMm / s.sigmaSPerM / cos;
    }
  }
  return r;
}
