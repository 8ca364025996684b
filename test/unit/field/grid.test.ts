/**
 * Grid construction and source columns of the 2.5-D solver: planar interfaces fall on grid lines,
 * contact source points only set the spacing, and merging nearby source points keeps each
 * merged set's first moment.
 */
import { describe, expect, it } from 'vitest';
import { buildAxis } from '../../../models/field/grid.ts';
import { mergeColumns } from '../../../models/field/solver25d.ts';

describe('buildAxis', () => {
  const opts = { growthPerMm: 0.3, maxSpacingMm: 10 };

  it('puts a grid line on every feature that asks for one, and respects the spacing near features', () => {
    const axis = buildAxis(-50, 50, [{ atMm: 1.234, spacingMm: 0.2 }], opts);
    expect(Array.from(axis)).toContain(1.234);
    const i = axis.indexOf(1.234);
    expect(axis[i + 1]! - axis[i]!).toBeLessThanOrEqual(0.2 + 1e-9 + 0.3 * 0.2);
    expect(axis[0]).toBe(-50);
    expect(axis[axis.length - 1]).toBe(50);
  });

  it('features with node: false refine the spacing without forcing lines (oblique contacts)', () => {
    const spread = Array.from({ length: 40 }, (_, i) => ({
      atMm: -2 + (4 * i) / 39 + 0.013,
      spacingMm: 0.2,
      node: false,
    }));
    const axis = buildAxis(-50, 50, spread, opts);
    for (const f of spread) expect(Array.from(axis)).not.toContain(f.atMm);
    // spacing stays ≈ 0.2 mm across the refined span instead of one line per feature (0.1 mm)
    const inside = Array.from(axis).filter((x) => x > -2 && x < 2);
    expect(inside.length).toBeLessThan(25);
    expect(inside.length).toBeGreaterThan(15);
    for (let i = 1; i < inside.length; i++)
      expect(inside[i]! - inside[i - 1]!).toBeLessThanOrEqual(0.2 + 0.3 * 0.2 + 1e-9);
  });
});

describe('mergeColumns', () => {
  it('snaps points closer than the tolerance to their weighted mean and leaves the others', () => {
    // u, v, w interleaved: two points 0.05 mm apart, one far away
    const uvw = Float64Array.from([0, 1, -1, 0.05, 1, 1, 2, 1, 0]);
    const w = Float64Array.from([0.25, 0.25, 0.5]);
    const before = { u: 0.25 * 0 + 0.25 * 0.05, w: [...uvw].filter((_x, i) => i % 3 === 2) };
    mergeColumns(uvw, w, 0.1);
    expect(uvw[0]).toBeCloseTo(0.025, 12);
    expect(uvw[3]).toBeCloseTo(0.025, 12);
    expect(uvw[6]).toBe(2);
    // first moment of the merged pair and all axial positions unchanged
    expect(0.25 * uvw[0]! + 0.25 * uvw[3]!).toBeCloseTo(before.u, 12);
    expect([...uvw].filter((_x, i) => i % 3 === 2)).toEqual(before.w);
  });

  it('does nothing with a zero tolerance', () => {
    const uvw = Float64Array.from([0, 1, -1, 0.05, 1, 1]);
    mergeColumns(uvw, Float64Array.from([0.5, 0.5]), 0);
    expect(Array.from(uvw)).toEqual([0, 1, -1, 0.05, 1, 1]);
  });
});
