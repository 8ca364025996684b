/**
 * Points that share a cross-section position (every node of a fibre parallel to the structure
 * axis) are prepared once: the potentials at a row of such points are bit for bit those of
 * each point prepared on its own, and points off the row are not confused with it.
 */
import { describe, expect, it } from 'vitest';
import {
  crossSection,
  DEFAULT_CONDUCTIVITIES,
  resolveAnatomy,
} from '../../../models/anatomy/index.ts';
import {
  conductorFromSection,
  contactPotentials,
  preparePoints,
  solveUnitFields,
} from '../../../models/field/index.ts';

describe('preparing points that share a cross-section position', () => {
  it('gives every point the potential it has when prepared alone', () => {
    const p = resolveAnatomy({ kind: 'spine', level: 'T9' });
    const cond = conductorFromSection(crossSection(p), DEFAULT_CONDUCTIVITIES);
    const f = solveUnitFields(cond, [{ kind: 'point', centreMm: { x: 0, y: 7.5, z: 0 } }]);
    // two rows along the axis (x, y fixed) interleaved with points off both rows
    const pts: number[] = [];
    for (let i = 0; i < 12; i++) {
      pts.push(0.5, 6.2, -6 + i); // row A
      pts.push(-1.25, 5.9, -6 + 0.7 * i); // row B
      pts.push(0.5 + 0.01 * (i + 1), 6.2, 2 - i); // off the rows: x varies
      pts.push(0.5, 6.2 + 0.01 * (i + 1), 2 - i); // off the rows: y varies
    }
    const all = Float64Array.from(pts);
    const together = contactPotentials(f, preparePoints(f, all), 0);
    for (let q = 0; q < all.length / 3; q++) {
      const alone = contactPotentials(f, preparePoints(f, all.subarray(3 * q, 3 * q + 3)), 0);
      expect(together[q], `point ${q}`).toBe(alone[0]);
    }
    // the rows are not flat: the potential changes along them
    expect(Math.abs(together[0]! - together[4 * 6]!)).toBeGreaterThan(0);
  });
});
