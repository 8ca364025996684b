import { describe, expect, it } from 'vitest';
import {
  crossSection,
  DEFAULT_CONDUCTIVITIES,
  resolveAnatomy,
} from '../../../models/anatomy/index.ts';
import {
  conductorFromSection,
  FieldCancelledError,
  solveUnitFields,
} from '../../../models/field/index.ts';

describe('a lead-field solve stops when asked', () => {
  it('reports progress per wavenumber and throws FieldCancelledError at the next one after shouldCancel turns true', () => {
    const p = resolveAnatomy({ kind: 'spine', level: 'T9' });
    const cond = conductorFromSection(crossSection(p), DEFAULT_CONDUCTIVITIES);
    const seen: number[] = [];
    let stop = false;
    expect(() =>
      solveUnitFields(cond, [{ kind: 'point', centreMm: { x: 0, y: 7.5, z: 0 } }], {
        onProgress: (f) => {
          seen.push(f);
          if (seen.length === 3) stop = true;
        },
        shouldCancel: () => stop,
      }),
    ).toThrow(FieldCancelledError);
    expect(seen).toHaveLength(3);
    expect(seen[2]!).toBeLessThan(1);
  });
});
