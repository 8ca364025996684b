/**
 * Homogeneous-medium point sources shared by the fibre models, the Learn engine and the field
 * validation: φ = I/(4πσr) (Plonsey & Barr) and its anisotropic form.
 */
import { describe, expect, it } from 'vitest';
import {
  pointSourceAnisotropicMvPerMa,
  pointSourceIsotropicMvPerMa,
  weightedSourcesMvPerMa,
} from '../../../models/field/pointSource.ts';
import { pointSourceMv } from '../../../models/neuron/extracellular.ts';

describe('point sources', () => {
  it('1 mA in 0.2 S/m at 1 mm gives 1000/(4π·0.2) mV', () => {
    expect(pointSourceIsotropicMvPerMa(0.2, 1)).toBeCloseTo(1000 / (4 * Math.PI * 0.2), 9);
  });

  it('the fibre models use the same formulas (one implementation)', () => {
    expect(pointSourceMv(0.3, 0.4, 0, 0.2)).toBe(pointSourceIsotropicMvPerMa(0.2, 0.5));
    expect(pointSourceMv(1, 0.2, 0.1, [0.6, 0.083, 0.083])).toBe(
      pointSourceAnisotropicMvPerMa({ xSPerM: 0.6, ySPerM: 0.083, zSPerM: 0.083 }, 1, 0.2, 0.1),
    );
  });

  it('weighted sources superpose, and a point on a source stays finite (r ≥ 10 µm)', () => {
    const bipole = [
      { xMm: 0, yMm: 0, zMm: -1, weight: -1 },
      { xMm: 0, yMm: 0, zMm: 1, weight: 1 },
    ];
    expect(weightedSourcesMvPerMa(bipole, 0.2, 0, 2, 0)).toBeCloseTo(0, 12);
    expect(weightedSourcesMvPerMa(bipole, 0.2, 0, 0, 3)).toBeCloseTo(
      pointSourceIsotropicMvPerMa(0.2, 2) - pointSourceIsotropicMvPerMa(0.2, 4),
      9,
    );
    expect(weightedSourcesMvPerMa(bipole, 0.2, 0, 0, 1)).toBeCloseTo(
      pointSourceIsotropicMvPerMa(0.2, 0.01) - pointSourceIsotropicMvPerMa(0.2, 2),
      6,
    );
  });
});
