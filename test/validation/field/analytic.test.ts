/**
 * The 2.5-D numerical solver against closed-form solutions.
 * Expected values: point source in a homogeneous isotropic medium φ = I/(4πσr) and the
 * anisotropic form φ = I/(4π√(σxσyσz)·√(x²/σx+y²/σy+z²/σz)) (Plonsey & Barr, Bioelectricity:
 * A Quantitative Approach; the anisotropic case as in PyFibers' point_source_potentials,
 * models.md §1); two half-spaces by the method of images (Rush & Driscoll 1968, IEEE TBME 15:23).
 * Conductivities from anatomy.md §6 (CSF 1.7, dura 0.6 upper range, fat 0.04, WM 0.083/0.6).
 */
import { describe, expect, it } from 'vitest';
import {
  discretiseContact,
  distributedSourceMvPerMa,
  homogeneousConductor,
  pointSourceIsotropicMvPerMa,
  sampleUnitFields,
  solveUnitFields,
  twoHalfSpacesMvPerMa,
  twoLayerConductor,
  type ContactGeometry,
  type VolumeConductor,
} from '../../../models/field/index.ts';

/** points at 1–40 mm from the origin, off the axial line through the source (see README) */
function offAxisPoints(): Float64Array {
  const pts: number[] = [];
  for (const d of [1, 1.5, 2, 3, 5, 8, 12, 20, 40]) {
    pts.push(
      d,
      0,
      0,
      0,
      d,
      0,
      d / Math.SQRT2,
      0,
      d / Math.SQRT2,
      -d / Math.sqrt(3),
      d / Math.sqrt(3),
      -d / Math.sqrt(3),
    );
  }
  return Float64Array.from(pts);
}

function maxRelError(num: ArrayLike<number>, ref: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < ref.length; i++)
    m = Math.max(m, Math.abs(num[i]! - ref[i]!) / Math.abs(ref[i]!));
  return m;
}

const origin: ContactGeometry = { kind: 'point', centreMm: { x: 0, y: 0, z: 0 } };

describe('homogeneous media: numerical vs analytic', () => {
  it('isotropic 0.2 S/m point source: ≤ 2 % at ≥ 1 mm, also with the analytic part at 2σ on a half-spacing grid (grid carries half the field)', () => {
    const medium = homogeneousConductor({ xSPerM: 0.2, ySPerM: 0.2, zSPerM: 0.2 });
    const pts = offAxisPoints();
    const ref = Array.from({ length: pts.length / 3 }, (_, p) =>
      pointSourceIsotropicMvPerMa(0.2, Math.hypot(pts[3 * p]!, pts[3 * p + 1]!, pts[3 * p + 2]!)),
    );
    const plain = sampleUnitFields(solveUnitFields(medium, [origin]), pts)[0]!;
    expect(maxRelError(plain, ref)).toBeLessThan(0.02);
    const stressed = sampleUnitFields(
      solveUnitFields(medium, [origin], {
        referenceSigma: { uSPerM: 0.4, vSPerM: 0.4, wSPerM: 0.4 },
        gridScale: 0.5,
      }),
      pts,
    )[0]!;
    expect(maxRelError(stressed, ref)).toBeLessThan(0.02);
    // 1 mA in 0.2 S/m at 1 mm: 1/(4π·0.2·1e-3 m) V = 397.9 mV
    expect(ref[0]).toBeCloseTo(397.887, 2);
  });

  it('anisotropic 0.083/0.083/0.6 S/m (white matter, anatomy.md §6): ≤ 2 % at ≥ 1 mm, with the analytic part at 1.5σ', () => {
    const s = { xSPerM: 0.083, ySPerM: 0.083, zSPerM: 0.6 };
    const medium = homogeneousConductor(s);
    const pts = offAxisPoints();
    const src = discretiseContact(origin);
    const ref = distributedSourceMvPerMa(src, s, pts);
    const stressed = sampleUnitFields(
      solveUnitFields(medium, [origin], {
        referenceSigma: { uSPerM: 0.1245, vSPerM: 0.1245, wSPerM: 0.9 },
      }),
      pts,
    )[0]!;
    expect(maxRelError(stressed, ref)).toBeLessThan(0.02);
  });

  it('ring contact Ø1.3 × 3 mm as distributed sources: ≤ 2 % at points ≥ 1 mm from the contact surface', () => {
    const ring: ContactGeometry = {
      kind: 'ring',
      centreMm: { x: 0, y: 0, z: 0 },
      axis: { x: 0, y: 0, z: 1 },
      lengthMm: 3,
      diameterMm: 1.3,
    };
    const s = { xSPerM: 0.2, ySPerM: 0.2, zSPerM: 0.2 };
    const pts: number[] = [];
    for (const r of [1.65, 2, 3, 5, 10, 20])
      for (const z of [-4, 0, 1.5, 3]) pts.push(r, 0.3 * r, z);
    const P = Float64Array.from(pts);
    const ref = distributedSourceMvPerMa(discretiseContact(ring), s, P);
    const num = sampleUnitFields(
      solveUnitFields(homogeneousConductor(s), [ring], {
        referenceSigma: { uSPerM: 0.3, vSPerM: 0.3, wSPerM: 0.3 },
      }),
      P,
    )[0]!;
    expect(maxRelError(num, ref)).toBeLessThan(0.02);
  });

  for (const deg of [4.6, 30]) {
    it(`ring contact at ${deg}° to the axis (nearby source points share columns): ≤ 2 % at ≥ 1 mm from its surface`, () => {
      const t = (deg * Math.PI) / 180;
      const ring: ContactGeometry = {
        kind: 'ring',
        centreMm: { x: 0, y: 0, z: 0 },
        axis: { x: Math.sin(t), y: 0, z: Math.cos(t) },
        lengthMm: 3,
        diameterMm: 1.3,
      };
      const s = { xSPerM: 0.2, ySPerM: 0.2, zSPerM: 0.2 };
      // radial direction ⟂ to the axis, partly out of the tilt plane
      const n = Math.hypot(0.96, 0.3);
      const rad = [(0.96 * Math.cos(t)) / n, 0.3 / n, (-0.96 * Math.sin(t)) / n];
      const pts: number[] = [];
      for (const r of [1.65, 2, 3, 5, 10, 20])
        for (const a of [-4, 0, 1.5, 3])
          pts.push(a * Math.sin(t) + r * rad[0]!, r * rad[1]!, a * Math.cos(t) + r * rad[2]!);
      const P = Float64Array.from(pts);
      const ref = distributedSourceMvPerMa(discretiseContact(ring), s, P);
      // default reference (σ0 = tissue): the grid carries nothing, only the merged columns differ
      const merged = sampleUnitFields(solveUnitFields(homogeneousConductor(s), [ring]), P)[0]!;
      expect(maxRelError(merged, ref)).toBeLessThan(0.02);
      // analytic part at 1.5σ: the grid carries a third of the field
      const stressed = sampleUnitFields(
        solveUnitFields(homogeneousConductor(s), [ring], {
          referenceSigma: { uSPerM: 0.3, vSPerM: 0.3, wSPerM: 0.3 },
        }),
        P,
      )[0]!;
      expect(maxRelError(stressed, ref)).toBeLessThan(0.02);
    });
  }
});

describe('two half-spaces: numerical vs the method of images', () => {
  const cases = [
    { name: 'CSF over dura-like layer (1.7 / 0.6 S/m)', s1: 1.7, s2: 0.6 },
    { name: 'dura-like over CSF (0.6 / 1.7 S/m), source in the poorer layer', s1: 0.6, s2: 1.7 },
    { name: 'CSF over grey matter (1.7 / 0.23 S/m)', s1: 1.7, s2: 0.23 },
    // the strongest contrast in the SCS model (42:1), in both directions
    { name: 'CSF over epidural fat (1.7 / 0.04 S/m)', s1: 1.7, s2: 0.04 },
    { name: 'epidural fat over CSF (0.04 / 1.7 S/m), source in the fat', s1: 0.04, s2: 1.7 },
  ];
  for (const c of cases) {
    it(`${c.name}: ≤ 3 % at ≥ 1 mm from the source`, () => {
      const src: ContactGeometry = { kind: 'point', centreMm: { x: 0, y: 0, z: 1 } };
      const pts: number[] = [];
      for (const d of [1, 2, 4, 8, 16]) {
        pts.push(0, 0, 1 + d, d, 0, 1, 0, d * 0.6, 1 - d * 0.8, 0.5 * d, 0.5 * d, 1 - 0.7 * d);
      }
      const P = Float64Array.from(pts);
      const ref = twoHalfSpacesMvPerMa(discretiseContact(src), c.s1, c.s2, P);
      const num = sampleUnitFields(solveUnitFields(twoLayerConductor(c.s1, c.s2), [src]), P)[0]!;
      expect(maxRelError(num, ref)).toBeLessThan(0.03);
    });
  }
});

describe('conservation and reciprocity', () => {
  it('current conservation: ∮ σ∇φ·n over a 6 mm cube around a source 1 mm above the interface returns the 1 mA injected (±2 %)', () => {
    const s1 = 1.7;
    const s2 = 0.6;
    const f = solveUnitFields(twoLayerConductor(s1, s2), [
      { kind: 'point', centreMm: { x: 0, y: 0, z: 1 } },
    ]);
    const half = 3; // bilinear sampling limits gradient accuracy in the coarser cells further out
    const m = 24;
    const h = 0.01; // mm, central difference step
    const pts: number[] = [];
    const meta: { sigma: number; area: number }[] = [];
    const faces = [
      [0, 1], [0, -1], [1, 1], [1, -1], [2, 1], [2, -1],
    ] as const; // prettier-ignore
    for (const [ax, sgn] of faces) {
      for (let a = 0; a < m; a++) {
        for (let b = 0; b < m; b++) {
          const p = [0, 0, 0];
          const o = [(ax + 1) % 3, (ax + 2) % 3];
          p[ax] = sgn * half;
          p[o[0]!] = -half + ((a + 0.5) * 2 * half) / m;
          p[o[1]!] = -half + ((b + 0.5) * 2 * half) / m;
          p[2]! += 1; // centre the cube on the source
          const q1 = [...p];
          const q2 = [...p];
          q1[ax]! += sgn * h;
          q2[ax]! -= sgn * h;
          pts.push(...q1, ...q2);
          meta.push({ sigma: p[2]! > 0 ? s1 : s2, area: ((2 * half) / m) ** 2 });
        }
      }
    }
    const phi = sampleUnitFields(f, Float64Array.from(pts))[0]!;
    let outflowMa = 0;
    meta.forEach((mm, i) => {
      const dphiDnMvPerMm = (phi[2 * i]! - phi[2 * i + 1]!) / (2 * h);
      // J = −σ ∂φ/∂n; mV/mm = V/m; S/m·V/m = A/m²; × mm² = 1e-6 A = 1e-3 mA
      outflowMa += -mm.sigma * dphiDnMvPerMm * mm.area * 1e-3;
    });
    expect(outflowMa).toBeGreaterThan(0.98);
    expect(outflowMa).toBeLessThan(1.02);
  });

  it('reciprocity in the heterogeneous SCS section: φ_B(A) = φ_A(B) within 1 %', async () => {
    const { resolveAnatomy, crossSection, DEFAULT_CONDUCTIVITIES } =
      await import('../../../models/anatomy/index.ts');
    const { conductorFromSection } = await import('../../../models/field/index.ts');
    const r = resolveAnatomy({ kind: 'spine', level: 'T8' });
    if (r.kind !== 'spine') throw new Error('spine expected');
    const cond = conductorFromSection(crossSection(r), DEFAULT_CONDUCTIVITIES);
    const a = { x: 1, y: r.duraDorsalYMm + 1, z: 0 }; // epidural fat
    const b = { x: -1.5, y: r.cordDorsalYMm - 1, z: 6 }; // dorsal white matter, 6 mm along the cord
    const f = solveUnitFields(cond, [
      { kind: 'point', centreMm: a },
      { kind: 'point', centreMm: b },
    ]);
    const [fromA, fromB] = sampleUnitFields(f, Float64Array.from([a.x, a.y, a.z, b.x, b.y, b.z]));
    const ab = fromA![1]!;
    const ba = fromB![0]!;
    expect(Math.abs(ab - ba) / Math.abs(ab)).toBeLessThan(0.01);
  });
});

/**
 * Sources exactly on an interface (issue 14: the FEM case is a point source on the dura). Two
 * half-spaces: a point source on the plane between σ1 and σ2 sets up φ = I/(2π(σ1+σ2)R) on both
 * sides (images, Rush & Driscoll 1968, with the source on the boundary). Three layers, epidural
 * fat | dura | CSF (0.04 | 0.6 over 0.307 mm | 1.7 S/m, anatomy.md §6; the T8 dura thickness of
 * models/anatomy), source on the fat–dura plane: the field transmitted into the CSF is the image
 * series I(1+k₂₁)(1+k₂₃)/(4πσ₂) Σₙ (k₂₁k₂₃)ⁿ/Rₙ, k₂ⱼ = (σ₂−σⱼ)/(σ₂+σⱼ), Rₙ the distance to the source
 * moved 2n·t away from the CSF (Plonsey & Barr, images in a slab).
 */
describe('sources on an interface', () => {
  // peak −Δ²φ (1 mm step along the line through the source's foot) and φ at its centre
  const drive = (phi: ArrayLike<number>, i: number) => -(phi[i]! - 2 * phi[i + 1]! + phi[i + 2]!);

  for (const [s1, s2] of [
    [0.04, 0.6],
    [0.04, 1.7],
  ] as const) {
    it(`two half-spaces ${s1} / ${s2} S/m, source on the interface: φ and Δ²φ within 1 % at 0.5–4 mm on both sides`, () => {
      const f = solveUnitFields(twoLayerConductor(s1, s2), [
        { kind: 'point', centreMm: { x: 0, y: 0, z: 0 } },
      ]);
      const an = (r: number) => 1000 / (2 * Math.PI * (s1 + s2) * r); // mV per mA, r in mm
      const depths = [-4, -2, -0.5, 0.5, 2, 4];
      const pts: number[] = [];
      for (const z of depths) pts.push(-1, 0.5, z, 0, 0.5, z, 1, 0.5, z); // x is the invariant axis
      const phi = sampleUnitFields(f, Float64Array.from(pts))[0]!;
      depths.forEach((z, q) => {
        const r0 = Math.hypot(0.5, z);
        const r1 = Math.hypot(1, 0.5, z);
        expect(Math.abs(phi[3 * q + 1]! / an(r0) - 1), `φ at z ${z}`).toBeLessThan(0.01);
        const ref = -(an(r1) - 2 * an(r0) + an(r1));
        expect(Math.abs(drive(phi, 3 * q) / ref - 1), `Δ²φ at z ${z}`).toBeLessThan(0.01);
      });
    });
  }

  it('fat | dura | CSF, source on the fat–dura plane: peak Δ²φ 2, 4, 6 mm into the CSF, 0–2 mm aside, within 2 % and φ within 1 % of the image series', () => {
    const [sFat, sDura, sCsf, t] = [0.04, 0.6, 1.7, 0.307];
    const iso = (s: number) => ({ uSPerM: s, vSPerM: s, wSPerM: s });
    const sig = (v: number) => (v > 0 ? iso(sFat) : v > -t ? iso(sDura) : iso(sCsf));
    const ext = 200;
    // invariant axis x; section (u, v) = (y, z); the CSF where fibres would lie at the finest spacing
    const slab: VolumeConductor = {
      label: 'fat | dura | CSF',
      frame: { originMm: [0, 0, 0], eU: [0, 1, 0], eV: [0, 0, 1], eW: [1, 0, 0] },
      sigmaAt: (_u, v) => sig(v),
      boundaryCrossings: (_u0, v0, _u1, v1) =>
        [0, -t]
          .filter((c) => (v0 - c) * (v1 - c) < 0)
          .map((c) => (v0 - c) / (v0 - v1))
          .sort((a, b) => a - b),
      regionAt: (u, v) => (Math.abs(u) <= ext && Math.abs(v) <= ext ? 'slab' : undefined),
      sheets: [],
      extentMm: { uMin: -ext, uMax: ext, vMin: -ext, vMax: ext },
      boundaries: { uMin: 'robin', uMax: 'robin', vMin: 'robin', vMax: 'robin' },
      featuresUMm: [0],
      featuresVMm: [0, -t],
      targetSpansUMm: [{ fromMm: -3, toMm: 3 }],
      targetSpansVMm: [{ fromMm: -7, toMm: -t }],
      describe: () => ({ kind: 'fat-dura-csf' }),
    };
    const k21 = (sDura - sFat) / (sDura + sFat);
    const k23 = (sDura - sCsf) / (sDura + sCsf);
    const series = (rho: number, depth: number) => {
      let s = 0;
      for (let n = 0; n < 200; n++) s += (k21 * k23) ** n / Math.hypot(rho, t + depth + 2 * n * t);
      return ((1 + k21) * (1 + k23) * 1000 * s) / (4 * Math.PI * sDura);
    };
    const f = solveUnitFields(slab, [{ kind: 'point', centreMm: { x: 0, y: 0, z: 0 } }]);
    for (const depth of [2, 4, 6])
      for (const y of [0, 1, 2]) {
        const z = -t - depth;
        const phi = sampleUnitFields(f, Float64Array.from([-1, y, z, 0, y, z, 1, y, z]))[0]!;
        const ref = -(
          series(Math.hypot(1, y), depth) -
          2 * series(y, depth) +
          series(Math.hypot(1, y), depth)
        );
        expect(
          Math.abs(drive(phi, 0) / ref - 1),
          `Δ²φ ${depth} mm deep, ${y} mm aside`,
        ).toBeLessThan(0.02);
        expect(
          Math.abs(phi[1]! / series(y, depth) - 1),
          `φ ${depth} mm deep, ${y} mm aside`,
        ).toBeLessThan(0.01);
      }
  });
});
