import { describe, expect, it } from 'vitest';
import { buildMrg, mrgInterpolatedGeometry, MRG_TABLE } from '../../../models/neuron/mrg.ts';
import { pointSourceMv, pointSourceField } from '../../../models/neuron/extracellular.ts';

describe('MRG geometry', () => {
  it('returns the published discrete table (models.md §2.1, MRGaxon.hoc)', () => {
    const d10 = MRG_TABLE.find((g) => g.diameterUm === 10);
    expect(d10).toEqual({
      diameterUm: 10,
      deltaXUm: 1150,
      flutLengthUm: 46,
      axonDiamUm: 6.9,
      nodeDiamUm: 3.3,
      lamellae: 120,
    });
    expect(MRG_TABLE.map((g) => g.deltaXUm)).toEqual([
      100, 200, 500, 750, 1000, 1150, 1250, 1350, 1400, 1450, 1500,
    ]);
  });

  it('follows the interpolation polynomials (models.md §2.2 derived check)', () => {
    // models.md §2.2: Δx 5.7 → 505.6, 10 → 1122.3, 16 → 1475.2; FLUT 5.7 → 30.6; node 10 → 3.20
    expect(mrgInterpolatedGeometry(5.7).deltaXUm).toBeCloseTo(505.6, 0);
    expect(mrgInterpolatedGeometry(10).deltaXUm).toBeCloseTo(1122.3, 0);
    expect(mrgInterpolatedGeometry(16).deltaXUm).toBeCloseTo(1475.2, 0);
    expect(mrgInterpolatedGeometry(5.7).flutLengthUm).toBeCloseTo(30.6, 1);
    expect(mrgInterpolatedGeometry(10).nodeDiamUm).toBeCloseTo(3.2, 1);
    // below 5.643 µm the internode is linear: 81.08·d + 37.84
    expect(mrgInterpolatedGeometry(3).deltaXUm).toBeCloseTo(81.08 * 3 + 37.84, 9);
  });

  it('builds 11 sections per internode with the STIN length of models.md §2.1', () => {
    const f = buildMrg('mrg', 5.7, { nodeCount: 13 });
    expect(f.sections.length).toBe(133); // PyFibers: 13 nodes = 133 sections
    const stin = f.sections.find((s) => s.kind === 'stin');
    expect(stin?.lengthUm).toBeCloseTo(70.5, 6); // models.md §2.1 derived STIN 70.5 µm
    // node centres are Δx apart
    const p = f.compartmentPositionsUm;
    const n0 = p[f.nodeCompartments[0] as number] as number;
    const n1 = p[f.nodeCompartments[1] as number] as number;
    expect(n1 - n0).toBeCloseTo(500, 9);
  });

  it('rejects diameters outside the model range', () => {
    expect(() => buildMrg('mrg', 6, { nodeCount: 21 })).toThrow(/tabulated/);
    expect(() => buildMrg('mrg-interp', 17, { nodeCount: 21 })).toThrow(/2–16/);
  });
});

describe('point source', () => {
  it('gives 795.77 mV at 100 µm for 1 mA in σ = 1 S/m (models.md §9.2)', () => {
    expect(pointSourceMv(0, 0.1, 0, 1)).toBeCloseTo(795.77, 2);
  });

  it('matches PyFibers test_pointsource: 753.537 mV at 105.6 µm (models.md §3.1)', () => {
    // 5.7 µm interpolated fibre, source (0, 100, 3000 µm): potentials[66] = 753.537379490885 mV
    const f = buildMrg('mrg-interp', 5.7, { nodeCount: 13 });
    const pos = f.compartmentPositionsUm;
    const k = 66;
    const dz = ((pos[k] as number) - 3000) / 1000;
    expect(pointSourceMv(dz, 0.1, 0, 1)).toBeCloseTo(753.537379490885, 6);
  });

  it('scales anisotropic potentials as I/(4π·sqrt(σyσz x² + σxσz y² + σxσy z²))', () => {
    const iso = pointSourceMv(0.3, 0.4, 0, 0.2);
    expect(pointSourceMv(0.3, 0.4, 0, [0.2, 0.2, 0.2])).toBeCloseTo(iso, 9);
    const v = pointSourceMv(1, 0, 0, [0.6, 0.083, 0.083]);
    expect(v).toBeCloseTo(1000 / (4 * Math.PI * Math.sqrt(0.083 * 0.083)), 6);
  });

  it('places the source over the central node or mid-internode', () => {
    const f = buildMrg('mrg', 10, { nodeCount: 21 });
    const overNode = pointSourceField(f, { distanceMm: 1, sigmaSPerM: 0.2 });
    const centre = f.nodeCompartments[10] as number;
    expect(overNode[centre]).toBeCloseTo(1000 / (4 * Math.PI * 0.2 * 1), 9);
    const overInternode = pointSourceField(f, {
      distanceMm: 1,
      sigmaSPerM: 0.2,
      over: 'internode',
    });
    expect(overInternode[centre]).toBeLessThan(overNode[centre] as number);
  });
});
