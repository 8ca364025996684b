/**
 * Lateral lead moves answered from unit fields solved in advance (models/field/lateralTable.ts):
 * the interpolated potentials against a direct solve at the worst place, half-way between two
 * table positions. Criterion: issue 14, interpolation error ≤ 1 %. Expected values: the direct
 * solve of the same contact (the solver's own answer, held elsewhere against FEM-grade checks).
 */
import { describe, expect, it } from 'vitest';
import {
  crossSection,
  DEFAULT_CONDUCTIVITIES,
  resolveAnatomy,
} from '../../../models/anatomy/index.ts';
import {
  buildLateralTable,
  conductorFromSection,
  contactPotentials,
  lateralPotentials,
  lateralWeights,
  prepareLateralPoints,
  preparePoints,
  solveUnitFields,
  type ContactGeometry,
} from '../../../models/field/index.ts';

describe('lateral lead moves without a solve', () => {
  it('interpolation weights sum to 1, reproduce a quadratic on even steps, interior (Catmull–Rom) and end segments', () => {
    const quad = (x: number) => x * x - 3 * x + 2;
    const ev = [0, 1, 2, 3, 4];
    const at = (xs: number[], f: (x: number) => number, x: number) => {
      const { index, weight } = lateralWeights(xs, x);
      expect(weight.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      return index.reduce((s, j, k) => s + weight[k]! * f(xs[j]!), 0);
    };
    for (const x of [0.3, 1.5, 2.25, 3.6]) expect(at(ev, quad, x)).toBeCloseTo(quad(x), 10);
    // uneven steps: still a partition of unity
    at([-3, -2, -1, 0, 1.5, 3], quad, 0.7);
  });

  it('T8, ring on the dura at 1 mm steps: half-way between positions, φ and the peak Δ²φ of DC lines 0.1 and 0.3 mm deep (0–2 mm lateral) within 1 % of a direct solve', () => {
    const p = resolveAnatomy({ kind: 'spine', level: 'T8' });
    if (p.kind !== 'spine') throw new Error('spine expected');
    const cond = conductorFromSection(crossSection(p), DEFAULT_CONDUCTIVITIES);
    const onDura = (x: number) => {
      let y = p.duraDorsalYMm + 3;
      while (cond.regionAt(x, y - 0.01) !== 'dura') y -= 0.01;
      return y + 0.7; // Ø1.3 mm lead resting on the dura
    };
    const ring = (x: number): ContactGeometry[] => [
      {
        kind: 'ring',
        centreMm: { x, y: onDura(x), z: 0 },
        axis: { x: 0, y: 0, z: 1 },
        lengthMm: 3,
        diameterMm: 1.3,
      },
    ];
    const table = buildLateralTable(cond, ring, [-1, 0, 1, 2]);
    const rx = p.cordRlMm / 2;
    const ry = p.cordApMm / 2;
    const pts: number[] = [];
    const lines = [0, 1, 2].flatMap((x) =>
      [0.1, 0.3].map((d) => [x, ry * Math.sqrt(1 - (x / rx) ** 2) - d] as const),
    );
    for (const [x, y] of lines) for (let z = -10; z <= 10; z++) pts.push(x, y, z);
    const P = Float64Array.from(pts);
    const prepared = prepareLateralPoints(table, P);
    const moved = lateralPotentials(table, prepared, 0, 0.5);
    const f = solveUnitFields(cond, ring(0.5));
    const direct = contactPotentials(f, preparePoints(f, P), 0);
    const peak = Math.max(...direct);
    direct.forEach((v, i) => expect(Math.abs(moved[i]! - v) / peak).toBeLessThan(0.01));
    lines.forEach((_l, k) => {
      const drive = (v: Float64Array) => {
        let m = -Infinity;
        for (let q = 1; q < 20; q++) {
          const o = 21 * k + q;
          m = Math.max(m, -(v[o - 1]! - 2 * v[o]! + v[o + 1]!));
        }
        return m;
      };
      expect(Math.abs(drive(moved) / drive(direct) - 1)).toBeLessThan(0.01);
    });
  }, 60_000);
});
