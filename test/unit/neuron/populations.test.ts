import { describe, expect, it } from 'vitest';
import {
  DC_DIAMETER_MEDIAN_UM,
  DC_DIAMETER_SIGMA_LN,
  dorsalColumnFibers,
  dorsalRootFibers,
  drgNeurons,
  DRG_STEM_LENGTH_MM,
  fascicleFibers,
  pathLengthMm,
  pointsAlongPath,
  seededRandom,
} from '../../../models/neuron/populations.ts';

describe('fibre populations', () => {
  it('are reproducible from a seed', () => {
    const a = dorsalColumnFibers({ count: 50, seed: 7, cordRadiusMm: 4 });
    const b = dorsalColumnFibers({ count: 50, seed: 7, cordRadiusMm: 4 });
    const c = dorsalColumnFibers({ count: 50, seed: 8, cordRadiusMm: 4 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('put dorsal-column fibres under the dorsal cord surface, running rostro-caudally', () => {
    const R = 4;
    for (const f of dorsalColumnFibers({ count: 200, seed: 1, cordRadiusMm: R, dcDepthMm: 0.5 })) {
      const [x, y, z0, x1, y1, z1] = Array.from(f.pathMm);
      expect(x1).toBe(x);
      expect(y1).toBe(y);
      expect((z1 as number) - (z0 as number)).toBeCloseTo(60, 9);
      const r = Math.hypot(x as number, y as number);
      expect(r).toBeLessThan(R);
      expect(r).toBeGreaterThan(R - 0.52);
      expect(y as number).toBeGreaterThan(0); // dorsal half
      expect(f.diameterUm).toBeGreaterThanOrEqual(5.7);
      expect(f.diameterUm).toBeLessThanOrEqual(16);
    }
  });

  it('draw DC diameters with 0.5 % of all fibres above 10.7 µm (Feirabend et al. 2002)', () => {
    // the log-normal tail: P(D > 10.7) = 1 − Φ(ln(10.7/median)/σ) = 0.5 %
    const z = Math.log(10.7 / DC_DIAMETER_MEDIAN_UM) / DC_DIAMETER_SIGMA_LN;
    expect(z).toBeCloseTo(2.576, 3);
    // among modelled (≥ 5.7 µm) fibres the large ones stay a small minority
    const big = dorsalColumnFibers({ count: 4000, seed: 2, cordRadiusMm: 4 }).filter(
      (f) => f.diameterUm > 10.7,
    ).length;
    expect(big / 4000).toBeGreaterThan(0.01);
    expect(big / 4000).toBeLessThan(0.05);
  });

  it('bring dorsal-root fibres in from the side and turn them rostral inside the cord', () => {
    const [f] = dorsalRootFibers({ count: 1, seed: 3, cordRadiusMm: 4, side: 1 });
    expect(f).toBeDefined();
    const p = f?.pathMm as Float64Array;
    const n = p.length / 3;
    expect(p[0] as number).toBeGreaterThan(4); // starts outside the cord, on the left (+x)
    const lastZ = p[3 * n - 1] as number;
    const entryZ = p[3 * 6 + 2] as number;
    expect(lastZ - entryZ).toBeGreaterThan(15); // ascends rostrally (+z)
    expect(Math.hypot(p[3 * n - 3] as number, p[3 * n - 2] as number)).toBeLessThan(4);
  });

  it('give DC fibres collaterals that run ventrally to the requested depth when asked', () => {
    const plain = dorsalColumnFibers({ count: 20, seed: 9, cordRadiusMm: 4 });
    const branched = dorsalColumnFibers({
      count: 20,
      seed: 9,
      cordRadiusMm: 4,
      collaterals: { diameterUm: 3, everyNodes: 1, endYMm: 0.2 },
    });
    expect(plain.every((f) => f.collaterals === undefined)).toBe(true);
    branched.forEach((f, i) => {
      expect(f.pathMm).toEqual(plain[i]!.pathMm);
      const y = f.pathMm[1]!;
      expect(f.collaterals?.direction).toEqual([0, -1, 0]);
      expect(y - f.collaterals!.lengthMm).toBeCloseTo(0.2, 12);
    });
  });

  it('give each DRG neuron a through axon carrying its stem, T-junction at the axon midpoint and soma one modelled stem length away', () => {
    const drg = drgNeurons({ count: 10, seed: 4 });
    const axons = drg.filter((f) => f.type === 'DRG-axon');
    expect(axons).toHaveLength(10);
    expect(drg.filter((f) => f.type === 'DRG-stem')).toHaveLength(10);
    // 201 + 168 + 130 + 85 µm of stem internodes, 200 µm initial segment, half the 80 µm soma
    expect(DRG_STEM_LENGTH_MM).toBeCloseTo(0.824, 9);
    for (const a of axons) {
      const s = a.stem!;
      expect(pathLengthMm(s.pathMm)).toBeCloseTo(DRG_STEM_LENGTH_MM, 9);
      const mid = pointsAlongPath(a.pathMm, [pathLengthMm(a.pathMm) / 2]);
      for (let c = 0; c < 3; c++) expect(s.pathMm[c]).toBeCloseTo(mid[c]!, 9);
      expect(s.diameterUm).toBe(a.diameterUm);
    }
  });

  it('mix fascicle fibre classes in the requested proportions with textbook diameters', () => {
    const fibres = fascicleFibers({
      count: 2000,
      seed: 5,
      centreMm: [1, 2],
      radiusMm: 0.5,
      mix: { Aα: 0.1, Aβ: 0.3, Aδ: 0.2, C: 0.4 },
    });
    const share = (t: string) => fibres.filter((f) => f.type === t).length / fibres.length;
    expect(share('C')).toBeCloseTo(0.4, 1);
    expect(share('Aβ')).toBeCloseTo(0.3, 1);
    for (const f of fibres) {
      if (f.type === 'C') {
        expect(f.model).toBe('c-fiber');
        expect(f.diameterUm).toBeLessThanOrEqual(1.5);
      }
      if (f.type === 'Aβ') expect(f.diameterUm).toBeGreaterThanOrEqual(6);
      const x = (f.pathMm[0] as number) - 1;
      const y = (f.pathMm[1] as number) - 2;
      expect(Math.hypot(x, y)).toBeLessThanOrEqual(0.5);
    }
  });

  it('sample points along a polyline by arc length', () => {
    const path = Float64Array.from([0, 0, 0, 3, 0, 0, 3, 4, 0]);
    expect(pathLengthMm(path)).toBeCloseTo(7, 12);
    const pts = pointsAlongPath(path, [0, 1.5, 5, 7]);
    expect(Array.from(pts)).toEqual([0, 0, 0, 1.5, 0, 0, 3, 2, 0, 3, 4, 0]);
  });

  it('uses a uniform seeded generator', () => {
    const r = seededRandom(1);
    let s = 0;
    for (let i = 0; i < 10000; i++) s += r();
    expect(s / 10000).toBeCloseTo(0.5, 1);
  });
});
