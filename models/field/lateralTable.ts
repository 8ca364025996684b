/**
 * Lead moves across the section answered without a solve: unit lead fields solved in advance
 * at a row of offsets (e.g. across the dorsal dura), and the potentials at prepared fibre points
 * interpolated between them by a cubic (Catmull–Rom) in the offset. Moves along the structure
 * axis stay free (shift invariance, contactPotentials' extra shift).
 *
 * Accuracy (test/validation/field/lateralTable.test.ts): T8, a Ø1.3 × 3 mm ring on the dura,
 * positions every 1 mm: at the worst place (half-way between positions) peak Δ²φ of DC lines
 * 0.1–0.3 mm deep within 0.2 % of a direct solve (2 mm steps: 0.9 %; linear: 0.35 % and 1.3 %).
 */
import type { ContactGeometry } from './contact.ts';
import type { VolumeConductor } from './conductor.ts';
import { addAnalyticPart, addCorrection, preparePoints, type PreparedPoints } from './leadField.ts';
import { solveUnitFields, type SolverOptions, type UnitLeadFields } from './solver25d.ts';

export interface LateralTable {
  /** offsets (mm), increasing */
  offsetsMm: number[];
  fields: UnitLeadFields[];
}

/** Solves the lead (its contacts at each offset, `leadAt(offset)`) at every offset. */
export function buildLateralTable(
  conductor: VolumeConductor,
  leadAt: (offsetMm: number) => ContactGeometry[],
  offsetsMm: number[],
  opts: SolverOptions = {},
): LateralTable {
  const sorted = [...offsetsMm].sort((a, b) => a - b);
  if (sorted.length < 2) throw new Error('a lateral table needs at least two offsets');
  return {
    offsetsMm: sorted,
    fields: sorted.map((o) => solveUnitFields(conductor, leadAt(o), opts)),
  };
}

/** Points prepared once per table position (the fibre set of a plan). */
export function prepareLateralPoints(t: LateralTable, pointsMm: Float64Array): PreparedPoints[] {
  return t.fields.map((f) => preparePoints(f, pointsMm));
}

/** Catmull–Rom weights of the table positions around `offsetMm` (clamped to the table's ends). */
export function lateralWeights(
  offsetsMm: number[],
  offsetMm: number,
): { index: number[]; weight: number[] } {
  const n = offsetsMm.length;
  const x = Math.min(Math.max(offsetMm, offsetsMm[0]!), offsetsMm[n - 1]!);
  let i = 0;
  while (i < n - 2 && offsetsMm[i + 1]! <= x) i++;
  const t = (x - offsetsMm[i]!) / (offsetsMm[i + 1]! - offsetsMm[i]!);
  if (n === 2 || i === 0 || i === n - 2) {
    // an end segment: quadratic through three positions, or linear with only two
    if (n === 2) return { index: [0, 1], weight: [1 - t, t] };
    const [a, b, c] = i === 0 ? [0, 1, 2] : [n - 3, n - 2, n - 1];
    const xa = offsetsMm[a]!;
    const xb = offsetsMm[b]!;
    const xc = offsetsMm[c]!;
    return {
      index: [a, b, c],
      weight: [
        ((x - xb) * (x - xc)) / ((xa - xb) * (xa - xc)),
        ((x - xa) * (x - xc)) / ((xb - xa) * (xb - xc)),
        ((x - xa) * (x - xb)) / ((xc - xa) * (xc - xb)),
      ],
    };
  }
  const t2 = t * t;
  const t3 = t2 * t;
  return {
    index: [i - 1, i, i + 1, i + 2],
    weight: [
      0.5 * (-t + 2 * t2 - t3),
      0.5 * (2 - 5 * t2 + 3 * t3),
      0.5 * (t + 4 * t2 - 3 * t3),
      0.5 * (-t2 + t3),
    ],
  };
}

/**
 * Potentials (mV per mA) of one contact with the lead at `offsetMm`, without a solve: the
 * analytic parts of the neighbouring positions weighted, and their grid parts combined in
 * k-space first, so that one inverse transform serves all of them.
 */
export function lateralPotentials(
  t: LateralTable,
  prepared: PreparedPoints[],
  contactIndex: number,
  offsetMm: number,
  extraShiftWMm = 0,
  out?: Float64Array,
): Float64Array {
  const first = prepared[0]!;
  const n = first.count;
  const res = out ?? new Float64Array(n);
  res.fill(0);
  const { index, weight } = lateralWeights(t.offsetsMm, offsetMm);
  const f0 = t.fields[index[0]!]!;
  const c0 = f0.contacts[contactIndex];
  if (!c0) throw new Error(`no contact ${contactIndex} in this lateral table`);
  const K = f0.kNodes.length;
  const cos = new Float64Array(n * K);
  const withSin = index.some((j) => prepared[j]!.sinK[t.fields[j]!.contacts[contactIndex]!.group]);
  const sin = withSin ? new Float64Array(n * K) : null;
  index.forEach((j, q) => {
    const f = t.fields[j]!;
    const pp = prepared[j]!;
    const c = f.contacts[contactIndex]!;
    if (Math.abs(c.shiftWMm - c0.shiftWMm) > 1e-9)
      throw new Error('lateral table positions must share the contacts’ positions along w');
    addAnalyticPart(f, pp, contactIndex, extraShiftWMm, weight[q]!, res);
    const w = weight[q]!;
    const pc = pp.cosK[c.group]!;
    for (let i = 0; i < pc.length; i++) cos[i]! += w * pc[i]!;
    const ps = pp.sinK[c.group];
    if (sin && ps) for (let i = 0; i < ps.length; i++) sin[i]! += w * ps[i]!;
  });
  const combined: PreparedPoints = { count: n, uvw: first.uvw, cosK: [cos], sinK: [sin] };
  return addCorrection(f0, combined, 0, c0.shiftWMm + extraShiftWMm, 1, res);
}
