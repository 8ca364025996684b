/**
 * Sampling unit lead fields at points (fibre compartments) and superposing them for a program.
 * φ_c(p) = φ_an(p; σ0, sources shifted to the contact) + (1/π)∫[Φc cos + Φs sin] (mV per mA).
 */
import { toStructure } from '../anatomy/index.ts';
import { inverseTransformTable } from './kspace.ts';
import { MV_PER_V } from './pointSource.ts';
import { gridWeights, type UnitLeadFields } from './solver25d.ts';

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
  const N = f.gridU.length * f.gridV.length;
  const uvw = new Float64Array(3 * n);
  const cosK = f.groups.map((_g, i) => new Float64Array(used.has(i) ? n * K : 0));
  const sinK = f.groups.map((g, i) => (g.sin && used.has(i) ? new Float64Array(n * K) : null));
  for (let p = 0; p < n; p++) {
    const s = toStructure(f.frame, pointsMm[3 * p]!, pointsMm[3 * p + 1]!, pointsMm[3 * p + 2]!);
    uvw[3 * p] = s[0];
    uvw[3 * p + 1] = s[1];
    uvw[3 * p + 2] = s[2];
    const gw = gridWeights(f, s[0], s[1]);
    if (!gw) continue;
    f.groups.forEach((g, gi) => {
      if (!used.has(gi)) return;
      const out = cosK[gi]!;
      const outS = sinK[gi];
      for (let kq = 0; kq < K; kq++) {
        let a = 0;
        let b = 0;
        for (let q = 0; q < 4; q++) {
          const idx = kq * N + gw.n[q]!;
          a += gw.w[q]! * g.cos[idx]!;
          if (g.sin) b += gw.w[q]! * g.sin[idx]!;
        }
        out[p * K + kq] = a;
        if (outS) outS[p * K + kq] = b;
      }
    });
  }
  return { count: n, uvw, cosK, sinK };
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
  const c = f.contacts[contactIndex];
  if (!c) throw new Error(`no contact ${contactIndex} in this lead field`);
  const g = f.groups[c.group]!;
  const K = f.kNodes.length;
  const res = out ?? new Float64Array(pp.count);
  const table = inverseTransformTable(f.kNodes);
  const s0 = g.sigma0;
  const iu = 1 / s0.uSPerM;
  const iv = 1 / s0.vSPerM;
  const iw = 1 / s0.wSPerM;
  const amp = MV_PER_V / (4 * Math.PI * Math.sqrt(s0.uSPerM * s0.vSPerM * s0.wSPerM));
  const shift = c.shiftWMm + extraShiftWMm;
  const m = g.weights.length;
  const cosK = pp.cosK[c.group]!;
  if (cosK.length < pp.count * K)
    throw new Error(`contact ${contactIndex} was not prepared (preparePoints contactsUsed)`);
  const sinK = pp.sinK[c.group] ?? null;
  for (let p = 0; p < pp.count; p++) {
    const u = pp.uvw[3 * p]!;
    const v = pp.uvw[3 * p + 1]!;
    const w = pp.uvw[3 * p + 2]! - shift;
    let an = 0;
    for (let j = 0; j < m; j++) {
      const du = u - g.sourcesUvw[3 * j]!;
      const dv = v - g.sourcesUvw[3 * j + 1]!;
      const dw = w - g.sourcesUvw[3 * j + 2]!;
      an += g.weights[j]! / Math.max(Math.sqrt(du * du * iu + dv * dv * iv + dw * dw * iw), 1e-4);
    }
    const corr = table.apply(w, cosK, sinK, p * K);
    res[p] = amp * an + MV_PER_V * corr;
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
