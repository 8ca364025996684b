import { describe, expect, it } from 'vitest';
import {
  besselK0,
  besselK1,
  defaultKNodes,
  inverseTransformTable,
  inverseTransformWeights,
  maxDrive,
  resamplePolyline,
} from '../../../models/field/index.ts';

describe('Bessel functions (Abramowitz & Stegun §9.8)', () => {
  it('match tabulated values (A&S Table 9.8)', () => {
    // K0(1) = 0.4210244382, K1(1) = 0.6019072302, K0(0.1) = 2.4270690247, K0(5) = 0.0036910983
    expect(besselK0(1)).toBeCloseTo(0.4210244382, 6);
    expect(besselK1(1)).toBeCloseTo(0.6019072302, 6);
    expect(besselK0(0.1)).toBeCloseTo(2.4270690247, 6);
    expect(besselK0(5)).toBeCloseTo(0.0036910983, 8);
  });
});

describe('inverse axial transform', () => {
  it('turns K0(kρ)/(2πσ) back into 1/(4πσR) within 0.2 % (ρ = 0.5–4 mm, |w| ≤ 30 mm)', () => {
    const k = defaultKNodes();
    const wc = new Float64Array(k.length);
    const ws = new Float64Array(k.length);
    for (const rho of [0.5, 1, 4]) {
      const F = Float64Array.from(k, (kk) => besselK0(kk * rho));
      for (const w of [0, 0.7, 3, 10, 30]) {
        inverseTransformWeights(k, w, wc, ws);
        let s = 0;
        for (let j = 0; j < k.length; j++) s += wc[j]! * F[j]!;
        const exact = 0.5 / Math.hypot(rho, w); // (1/π)∫K0(kρ)cos(kw)dk = 1/(2R)
        expect(Math.abs(s / exact - 1)).toBeLessThan(0.002);
        // the tabulated weights agree with the direct ones
        const t = inverseTransformTable(k).apply(w, F, null, 0);
        expect(Math.abs(t / s - 1)).toBeLessThan(0.002);
      }
    }
  });
});

describe('activating function helpers', () => {
  it('resamples a polyline at equal arc length and finds the peak drive under a point source (Rattay 1986)', () => {
    const pts = resamplePolyline([0, 0, 0, 0, 0, 10], 1);
    expect(pts.length / 3).toBe(11);
    // φ = 1/r from a source 2 mm off the fibre at z = 5: −Δ²φ peaks at the closest node
    const phi = Array.from({ length: 11 }, (_v, i) => 1 / Math.hypot(2, i - 5));
    expect(maxDrive(phi)).toBeCloseTo(-(2 / Math.hypot(2, 1) - 2 / 2), 12);
  });
});
