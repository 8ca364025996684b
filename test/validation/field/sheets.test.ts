/**
 * Thin resistive sheets (perineurium) against a closed form: a line source (the solver's 2-D
 * problem at one wavenumber k) beside a fascicle, i.e. a circular cylinder of anisotropic
 * endoneurium wrapped in a sheet of contact conductance G = σ_p/t, in epineurium.
 *
 * Closed form by separation of variables: the source's K0 expanded about the cylinder's axis by
 * Graf's addition theorem, K0(κ|x − x_s|) = Σ ε_n I_n(κr) K_n(κd) cos nθ for r < d (DLMF §10.44(ii),
 * ε_0 = 1, ε_n = 2); outside the scattered part Σ ε_n A_n K_n(κo r) cos nθ, inside
 * Σ ε_n B_n I_n(κi r) cos nθ with κi = k√(σ_w/σ_t) (the endoneurium's axial/transverse ratio);
 * per mode, normal current continuous at r = a and equal to G times the jump of the potential
 * across the sheet. Conductivities and the sheet: ASCENT's peripheral nerve set (anatomy.md §6,
 * models.md §4.1: endoneurium 0.167/0.571 S/m, epineurium 0.159 S/m, perineurium 1/1149 S/m), the
 * thickness rule of anatomy.md §5.2 for a 1.44 mm fascicle (63.9 µm), the default sciatic plan's
 * outer fascicles (models/anatomy/nerve.ts).
 *
 * Criterion: the potential inside the fascicle at the wavenumbers that carry a PNS lead's field
 * at its distance (k = 0.1 and 0.3 mm⁻¹, a lead 2–10 mm away): within 2.5 % on the default nerve
 * grid (0.3 mm) and 1 % on a 0.15 mm grid. The sheet scheme before the sheet pieces (a strip's
 * crossings forced to the parity of its link) erred by up to 5.3 % on the 0.3 mm grid and
 * still 1.7 % on a 0.1 mm grid (models/field/README.md "Thin layers").
 */
import { describe, expect, it } from 'vitest';
import { IDENTITY_FRAME, insideShape, type EllipseShape } from '../../../models/anatomy/index.ts';
import {
  besselK0,
  besselK1,
  preparePoints,
  shapeCrossings,
  solveUnitFields,
  type VolumeConductor,
} from '../../../models/field/index.ts';

const A = 0.72; // fascicle radius (mm)
const D = 3 * A; // source's distance from the axis (mm)
const SIG_O = 0.159;
const SIG_T = 0.167;
const SIG_W = 0.571;
const T = 0.0639;
const SIG_P = 1 / 1149;

/** I_n(x) by its power series (x ≤ 2 here: converges in a few dozen terms). */
function besselI(n: number, x: number): number {
  let term = 1;
  for (let m = 1; m <= n; m++) term *= x / 2 / m;
  let sum = term;
  for (let m = 1; m < 300 && term > 1e-18 * sum; m++) {
    term *= (x / 2) ** 2 / (m * (m + n));
    sum += term;
  }
  return sum;
}

/** K_0 … K_nMax(x) by the upward recurrence K_{n+1} = K_{n−1} + (2n/x) K_n (stable upward). */
function besselKs(nMax: number, x: number): number[] {
  const k = [besselK0(x), besselK1(x)];
  for (let n = 1; n < nMax; n++) k.push(k[n - 1]! + ((2 * n) / x) * k[n]!);
  return k;
}

/** Closed-form Φ(u, v; k) of a unit line source at (D, 0), same units as the solver's. */
function coatedCylinder(k: number): (u: number, v: number) => number {
  const kO = k;
  const kI = k * Math.sqrt(SIG_W / SIG_T);
  const G = SIG_P / T;
  const NMAX = 40;
  const kA = besselKs(NMAX + 2, kO * A);
  const kD = besselKs(NMAX + 2, kO * D);
  const dI = (n: number, x: number) => (besselI(Math.abs(n - 1), x) + besselI(n + 1, x)) / 2;
  const as: number[] = [];
  const bs: number[] = [];
  for (let n = 0; n <= NMAX; n++) {
    const io = besselI(n, kO * A);
    const ipo = dI(n, kO * A);
    const ii = besselI(n, kI * A);
    const ipi = dI(n, kI * A);
    const ko = kA[n]!;
    const kpo = -(kA[Math.abs(n - 1)]! + kA[n + 1]!) / 2;
    const kd = kD[n]!;
    // σo ∂r Φo = σt ∂r Φi = G (Φo − Φi) at r = a, mode n
    const b =
      (G * kd * (io - (ko * ipo) / kpo)) /
      (SIG_T * kI * ipi * (1 - (G * ko) / (SIG_O * kO * kpo)) + G * ii);
    as.push((SIG_T * kI * b * ipi - SIG_O * kO * kd * ipo) / (SIG_O * kO * kpo));
    bs.push(b);
  }
  const amp = 1 / (2 * Math.PI * SIG_O);
  return (u, v) => {
    const r = Math.hypot(u, v);
    const th = Math.atan2(v, u);
    let s = 0;
    if (r < A) {
      for (let n = 0; n <= NMAX; n++)
        s += (n ? 2 : 1) * bs[n]! * besselI(n, kI * r) * Math.cos(n * th);
      return amp * s;
    }
    const kr = besselKs(NMAX + 1, kO * r);
    for (let n = 0; n <= NMAX; n++) s += (n ? 2 : 1) * as[n]! * kr[n]! * Math.cos(n * th);
    return amp * (besselK0(kO * Math.hypot(u - D, v)) + s);
  };
}

function fascicleConductor(spacingMm: number): VolumeConductor {
  const shape: EllipseShape = {
    kind: 'ellipse',
    centreUMm: 0,
    centreVMm: 0,
    radiusUMm: A,
    radiusVMm: A,
  };
  const inside = { uSPerM: SIG_T, vSPerM: SIG_T, wSPerM: SIG_W };
  const outside = { uSPerM: SIG_O, vSPerM: SIG_O, wSPerM: SIG_O };
  return {
    label: 'coated cylinder',
    frame: IDENTITY_FRAME,
    sigmaAt: (u, v) => (insideShape(shape, u, v) ? inside : outside),
    regionAt: (u, v) => (insideShape(shape, u, v) ? 'fascicle' : 'epineurium'),
    boundaryCrossings: (u0, v0, u1, v1) => {
      const out: number[] = [];
      shapeCrossings(shape, u0, v0, u1, v1, out);
      return out;
    },
    sheets: [{ name: 'perineurium', shape, thicknessMm: T, sigmaSPerM: SIG_P }],
    extentMm: { uMin: -80, uMax: 80, vMin: -80, vMax: 80 },
    boundaries: { uMin: 'robin', uMax: 'robin', vMin: 'robin', vMax: 'robin' },
    featuresUMm: [],
    featuresVMm: [],
    targetSpansUMm: [{ fromMm: -A, toMm: A, spacingMm }],
    targetSpansVMm: [{ fromMm: -A, toMm: A, spacingMm }],
    describe: () => ({ coatedCylinder: spacingMm }),
  };
}

// inside the fascicle: centre, towards and away from the source, off-axis, close under the sheet
const INSIDE: [number, number][] = [
  [0, 0],
  [0.5 * A, 0],
  [0.9 * A, 0],
  [-0.8 * A, 0.3 * A],
  [0.13, 0.61],
  [0, 0.95 * A],
];
const KS = [0.1, 0.3];

function worstInside(spacingMm: number): number {
  const f = solveUnitFields(
    fascicleConductor(spacingMm),
    [{ kind: 'point', centreMm: { x: D, y: 0, z: 0 } }],
    {
      kNodes: Float64Array.from(KS),
    },
  );
  const pts = Float64Array.from(INSIDE.flatMap(([u, v]) => [u, v, 0]));
  const pp = preparePoints(f, pts);
  let worst = 0;
  KS.forEach((k, kq) => {
    const exact = coatedCylinder(k);
    INSIDE.forEach(([u, v], p) => {
      // Φ = Φ_an (σ0 = epineurium, the source's tissue) + the grid's Φ_c
      const num =
        pp.cosK[0]![p * KS.length + kq]! +
        besselK0(k * Math.hypot(u - D, v)) / (2 * Math.PI * SIG_O);
      worst = Math.max(worst, Math.abs(num / exact(u, v) - 1));
    });
  });
  return worst;
}

describe('thin resistive sheet (perineurium) around a fascicle vs its closed form', () => {
  it('the closed form meets its interface conditions (flux continuous, equal to G × the jump)', () => {
    const phi = coatedCylinder(0.3);
    const G = SIG_P / T;
    for (const th of [0, 1, 2.5]) {
      const at = (r: number) => phi(r * Math.cos(th), r * Math.sin(th));
      const e = 1e-5;
      const fluxOut = (SIG_O * (at(A + 2 * e) - at(A + e))) / e;
      const fluxIn = (SIG_T * (at(A - e) - at(A - 2 * e))) / e;
      const jump = G * (at(A + e) - at(A - e));
      expect(Math.abs(fluxIn / fluxOut - 1)).toBeLessThan(2e-3);
      expect(Math.abs(jump / fluxIn - 1)).toBeLessThan(2e-3);
    }
  });

  it('potential inside the fascicle at k = 0.1 and 0.3 mm⁻¹: within 2.5 % on the default nerve grid (0.3 mm), 1 % on 0.15 mm', () => {
    expect(worstInside(0.3)).toBeLessThan(0.025);
    expect(worstInside(0.15)).toBeLessThan(0.01);
  }, 120_000);
});
