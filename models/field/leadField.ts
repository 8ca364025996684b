/**
 * Sampling unit lead fields at points (fibre compartments) and superposing them for a program.
 * φ_c(p) = φ_an(p; σ0, sources shifted to the contact) + (1/π)∫[Φc cos + Φs sin] (mV per mA).
 */
import { toStructure } from '../anatomy/index.ts';
import { logBesselK0 } from './bessel.ts';
import { inverseTransformTable } from './kspace.ts';
import { MV_PER_V } from './pointSource.ts';
import {
  gridWeights,
  lumpBlend,
  pieceNodes,
  unknownCount,
  type UnitLeadFields,
} from './solver25d.ts';

/** Points prepared for repeated sampling: structure coordinates and per-group Φ_c(k) values. */
export interface PreparedPoints {
  count: number;
  /** u, v, w interleaved */
  uvw: Float64Array;
  /** per group: K values per point (cos part), point-major */
  cosK: Float64Array[];
  sinK: (Float64Array | null)[];
}

/**
 * `contactsUsed`: only the groups of these contacts are interpolated (a program that drives a
 * few contacts of an oblique lead need not prepare the others); default all.
 */
export function preparePoints(
  f: UnitLeadFields,
  pointsMm: Float64Array,
  contactsUsed?: number[],
): PreparedPoints {
  const used = new Set(
    contactsUsed ? contactsUsed.map((c) => f.contacts[c]?.group ?? -1) : f.groups.map((_g, i) => i),
  );
  const n = pointsMm.length / 3;
  const K = f.kNodes.length;
  const N = unknownCount(f);
  const uvw = new Float64Array(3 * n);
  const cosK = f.groups.map((_g, i) => new Float64Array(used.has(i) ? n * K : 0));
  const sinK = f.groups.map((g, i) => (g.sin && used.has(i) ? new Float64Array(n * K) : null));
  const shapes = f.groups.map((g, gi) => (used.has(gi) ? groupShape(f, g) : null));
  // the coefficients depend on the cross-section position (u, v) only: points that share it
  // (every node of a fibre parallel to the structure axis) copy the first one's
  const seen = new Map<number, Map<number, number>>();
  for (let p = 0; p < n; p++) {
    const s = toStructure(f.frame, pointsMm[3 * p]!, pointsMm[3 * p + 1]!, pointsMm[3 * p + 2]!);
    uvw[3 * p] = s[0];
    uvw[3 * p + 1] = s[1];
    uvw[3 * p + 2] = s[2];
    let byV = seen.get(s[0]);
    if (!byV) seen.set(s[0], (byV = new Map()));
    const same = byV.get(s[1]);
    if (same !== undefined) {
      for (let gi = 0; gi < cosK.length; gi++) {
        if (!shapes[gi]) continue;
        cosK[gi]!.copyWithin(p * K, same * K, same * K + K);
        sinK[gi]?.copyWithin(p * K, same * K, same * K + K);
      }
      continue;
    }
    byV.set(s[1], p);
    const gw = gridWeights(f, s[0], s[1]);
    if (!gw) continue;
    f.groups.forEach((g, gi) => {
      const shape = shapes[gi];
      if (!shape) return;
      const out = cosK[gi]!;
      const outS = sinK[gi];
      const du = s[0] - shape.uMm;
      const dv = s[1] - shape.vMm;
      const rEu = Math.sqrt(du * du + dv * dv);
      // χ: plain bilinear near the contact, shape-following further out
      const t = Math.min(Math.max((rEu - shape.innerMm) / (shape.outerMm - shape.innerMm), 0), 1);
      const chi = 1 - t * t * (3 - 2 * t);
      const rho = Math.sqrt(du * du * shape.iu + dv * dv * shape.iv);
      for (let kq = 0; kq < K; kq++) {
        let a = 0;
        let b = 0;
        for (let q = 0; q < gw.n.length; q++) {
          const idx = kq * N + gw.n[q]!;
          a += gw.w[q]! * g.cos[idx]!;
          if (g.sin) b += gw.w[q]! * g.sin[idx]!;
        }
        if (chi < 1) {
          // shape-following weights, unless G varies by more than e^RATIO_MAX_LN across the cell
          // (high k far out, where the field is negligible and stored values are round-off)
          const lnGp = logBesselK0(Math.max(shape.kappa[kq]! * rho, 1e-12));
          let ok = true;
          let ar = 0;
          let br = 0;
          for (let q = 0; q < gw.n.length && ok; q++) {
            const idx = kq * N + gw.n[q]!;
            const d = lnGp - shape.lnG[idx]!;
            if (Math.abs(d) > RATIO_MAX_LN) ok = false;
            const r = gw.w[q]! * Math.exp(d);
            ar += r * g.cos[idx]!;
            if (g.sin) br += r * g.sin[idx]!;
          }
          if (ok) {
            a = chi * a + (1 - chi) * ar;
            b = chi * b + (1 - chi) * br;
          }
        }
        out[p * K + kq] = a;
        if (outS) outS[p * K + kq] = b;
      }
    });
  }
  return { count: n, uvw, cosK, sinK };
}

/**
 * Bilinear interpolation of Φ_c between coarse nodes far from the contact loses accuracy where Φ_c
 * is large and curved (across a high-contrast interface it nearly cancels Φ_an). There the ratio
 * Φ_c / G, with G = K0(κ0 ρ) the 2-D decay of the contact's field from its centre, is
 * interpolated instead; near the contact (χ = 1) the plain bilinear value is kept.
 */
// design choice (two half-spaces 0.04/1.7 S/m vs images: 0.5 and 1 mm equal, 0.25 mm worse):
// bilinear within 0.5 mm of the contact's sources, blended to shape-following over 1 mm more
const SHAPE_INNER_MM = 0.5;
const SHAPE_TAPER_MM = 1;
// design choice: beyond a ratio of e^2.5 across one cell the stored Φ_c is round-off (high k, far out)
const RATIO_MAX_LN = 2.5;

interface GroupShape {
  uMm: number;
  vMm: number;
  innerMm: number;
  outerMm: number;
  iu: number;
  iv: number;
  kappa: Float64Array;
  /** ln G at the nodes, K × N */
  lnG: Float64Array;
}

// a group's shape depends only on the solved field: computed once per group, reused by every
// later preparation (new fibre sets on the same lead fields)
const shapeCache = new WeakMap<UnitLeadFields['groups'][number], GroupShape>();

function groupShape(f: UnitLeadFields, g: UnitLeadFields['groups'][number]): GroupShape {
  const hit = shapeCache.get(g);
  if (hit) return hit;
  const shape = computeGroupShape(f, g);
  shapeCache.set(g, shape);
  return shape;
}

function computeGroupShape(f: UnitLeadFields, g: UnitLeadFields['groups'][number]): GroupShape {
  let cu = 0;
  let cv = 0;
  let wsum = 0;
  for (let i = 0; i < g.weights.length; i++) {
    cu += g.weights[i]! * g.sourcesUvw[3 * i]!;
    cv += g.weights[i]! * g.sourcesUvw[3 * i + 1]!;
    wsum += g.weights[i]!;
  }
  cu /= wsum;
  cv /= wsum;
  let spread = 0;
  for (let i = 0; i < g.weights.length; i++)
    spread = Math.max(spread, Math.hypot(g.sourcesUvw[3 * i]! - cu, g.sourcesUvw[3 * i + 1]! - cv));
  const s0 = g.sigma0;
  const iu = 1 / s0.uSPerM;
  const iv = 1 / s0.vSPerM;
  const K = f.kNodes.length;
  const kappa = f.kNodes.map((k) => k * Math.sqrt(s0.wSPerM));
  const gu = f.gridU;
  const gv = f.gridV;
  const nu = gu.length;
  const nv = gv.length;
  const nodes = nu * nv;
  const N = unknownCount(f);
  const lnG = new Float64Array(K * N);
  for (let j = 0; j < nv; j++) {
    for (let i = 0; i < nu; i++) {
      const du = gu[i]! - cu;
      const dv = gv[j]! - cv;
      const rho = Math.sqrt(du * du * iu + dv * dv * iv);
      const n = f.fastU ? i + nu * j : j + nv * i;
      for (let kq = 0; kq < K; kq++)
        lnG[kq * N + n] = logBesselK0(Math.max(kappa[kq]! * rho, 1e-12));
    }
  }
  // a sheet piece sits at its node
  pieceNodes(f).forEach((n, e) => {
    for (let kq = 0; kq < K; kq++) lnG[kq * N + nodes + e] = lnG[kq * N + n]!;
  });
  const innerMm = spread + SHAPE_INNER_MM;
  return { uMm: cu, vMm: cv, innerMm, outerMm: innerMm + SHAPE_TAPER_MM, iu, iv, kappa, lnG };
}

/**
 * Potentials (mV per mA) at prepared points for one contact. `extraShiftWMm` moves the contact
 * along the structure axis (a lead slid along the cord or nerve) without a new solve.
 */
export function contactPotentials(
  f: UnitLeadFields,
  pp: PreparedPoints,
  contactIndex: number,
  extraShiftWMm = 0,
  out?: Float64Array,
): Float64Array {
  const res = out ?? new Float64Array(pp.count);
  res.fill(0);
  addAnalyticPart(f, pp, contactIndex, extraShiftWMm, 1, res);
  const c = f.contacts[contactIndex]!;
  return addCorrection(f, pp, c.group, c.shiftWMm + extraShiftWMm, 1, res);
}

/**
 * Σ_q w_q / |x − x_q|_σ0 of a group's sources at (u, v, w) (w relative to the group's
 * reference), blended into the same sources moved onto their lump centre's column far from
 * them, exactly as the solver blends its nodal Φ_an (solver25d.ts lumpBlend): the grid part
 * was solved against that Φ_an, so the sum of the two is smooth across the blend.
 */
export function analyticSum(
  g: UnitLeadFields['groups'][number],
  iu: number,
  iv: number,
  iw: number,
  u: number,
  v: number,
  w: number,
): number {
  const src = g.sourcesUvw;
  const wt = g.weights;
  const m = wt.length;
  const lu = u - g.lump.uMm;
  const lv = v - g.lump.vMm;
  const b = lumpBlend(Math.sqrt(lu * lu + lv * lv), g.lump.radiusMm);
  let exact = 0;
  let lumped = 0;
  if (b < 1)
    for (let q = 0; q < m; q++) {
      const du = u - src[3 * q]!;
      const dv = v - src[3 * q + 1]!;
      const dw = w - src[3 * q + 2]!;
      exact += wt[q]! / Math.max(Math.sqrt(du * du * iu + dv * dv * iv + dw * dw * iw), 1e-4);
    }
  if (b > 0) {
    const r2 = lu * lu * iu + lv * lv * iv;
    for (let q = 0; q < m; q++) {
      const dw = w - src[3 * q + 2]!;
      lumped += wt[q]! / Math.max(Math.sqrt(r2 + dw * dw * iw), 1e-4);
    }
  }
  return (1 - b) * exact + b * lumped;
}

/** res += weight · φ_an (mV per mA) of one contact at the prepared points. */
export function addAnalyticPart(
  f: UnitLeadFields,
  pp: PreparedPoints,
  contactIndex: number,
  extraShiftWMm: number,
  weight: number,
  res: Float64Array,
): Float64Array {
  const c = f.contacts[contactIndex];
  if (!c) throw new Error(`no contact ${contactIndex} in this lead field`);
  const g = f.groups[c.group]!;
  const s0 = g.sigma0;
  const iu = 1 / s0.uSPerM;
  const iv = 1 / s0.vSPerM;
  const iw = 1 / s0.wSPerM;
  const amp = (weight * MV_PER_V) / (4 * Math.PI * Math.sqrt(s0.uSPerM * s0.vSPerM * s0.wSPerM));
  const shift = c.shiftWMm + extraShiftWMm;
  for (let p = 0; p < pp.count; p++)
    res[p]! +=
      amp *
      analyticSum(g, iu, iv, iw, pp.uvw[3 * p]!, pp.uvw[3 * p + 1]!, pp.uvw[3 * p + 2]! - shift);
  return res;
}

/**
 * res += weight · (1/π)∫[Φc cos + Φs sin] (mV per mA): the grid's part of a group's field,
 * its reference shifted by `shiftWMm` along w. `pp.cosK[group]` may be a weighted sum of several
 * preparations (lateralTable.ts): the transform is linear.
 */
export function addCorrection(
  f: UnitLeadFields,
  pp: PreparedPoints,
  group: number,
  shiftWMm: number,
  weight: number,
  res: Float64Array,
): Float64Array {
  const K = f.kNodes.length;
  const table = inverseTransformTable(f.kNodes);
  const cosK = pp.cosK[group]!;
  if (cosK.length < pp.count * K)
    throw new Error(`group ${group} was not prepared (preparePoints contactsUsed)`);
  const sinK = pp.sinK[group] ?? null;
  const mv = weight * MV_PER_V;
  for (let p = 0; p < pp.count; p++) {
    const w = pp.uvw[3 * p + 2]! - shiftWMm;
    res[p]! += mv * table.apply(w, cosK, sinK, p * K);
  }
  return res;
}

/** All contacts' potentials at points: result[c][p] in mV per mA. */
export function sampleUnitFields(f: UnitLeadFields, pointsMm: Float64Array): Float64Array[] {
  const pp = preparePoints(f, pointsMm);
  return f.contacts.map((_c, i) => contactPotentials(f, pp, i));
}

/** Superposition: Σ_c I_c · φ_c (I in mA, φ in mV/mA) → mV. */
export function superpose(unit: Float64Array[], currentsMa: ArrayLike<number>): Float64Array {
  const n = unit[0]?.length ?? 0;
  const out = new Float64Array(n);
  unit.forEach((u, c) => {
    const i = currentsMa[c] ?? 0;
    if (i === 0) return;
    for (let p = 0; p < n; p++) out[p]! += i * u[p]!;
  });
  return out;
}
