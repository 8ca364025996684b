/**
 * Analytic potentials of current sources in homogeneous media (mm, mA, S/m → mV).
 *   isotropic:   φ = I / (4π σ r)                      (e.g. Plonsey & Barr, Bioelectricity)
 *   anisotropic: φ = I / (4π √(σx σy σz) √(x²/σx + y²/σy + z²/σz))   (principal axes = frame axes)
 * With I in mA, σ in S/m and r in mm the bracket is in volts; MV_PER_V turns it into mV.
 */
import type { PointSources } from './contact.ts';

/** unit conversion: volts → millivolts */
export const MV_PER_V = 1000;

export interface AnisotropicSigma {
  xSPerM: number;
  ySPerM: number;
  zSPerM: number;
}

export function pointSourceIsotropicMvPerMa(sigmaSPerM: number, distanceMm: number): number {
  return MV_PER_V / (4 * Math.PI * sigmaSPerM * distanceMm);
}

export function pointSourceAnisotropicMvPerMa(
  s: AnisotropicSigma,
  dxMm: number,
  dyMm: number,
  dzMm: number,
): number {
  const r = Math.sqrt(
    (dxMm * dxMm) / s.xSPerM + (dyMm * dyMm) / s.ySPerM + (dzMm * dzMm) / s.zSPerM,
  );
  return MV_PER_V / (4 * Math.PI * Math.sqrt(s.xSPerM * s.ySPerM * s.zSPerM) * r);
}

/** A point source at a position (mm) carrying `weight` mA per mA of program current. */
export interface WeightedPointSource {
  xMm: number;
  yMm: number;
  zMm: number;
  weight: number;
}

/**
 * Σ weight · I/(4πσr) at one point in a homogeneous isotropic medium (mV per mA), with r floored at
 * `minDistanceMm` so that a point on a source stays finite (lessons put fibre nodes under contacts).
 */
export function weightedSourcesMvPerMa(
  sources: readonly WeightedPointSource[],
  sigmaSPerM: number,
  xMm: number,
  yMm: number,
  zMm: number,
  minDistanceMm = 0.01,
): number {
  let v = 0;
  for (const s of sources) {
    const r = Math.max(Math.hypot(xMm - s.xMm, yMm - s.yMm, zMm - s.zMm), minDistanceMm);
    v += s.weight * pointSourceIsotropicMvPerMa(sigmaSPerM, r);
  }
  return v;
}

/** Potentials (mV per mA of total source current) at points (x,y,z interleaved) from distributed sources. */
export function distributedSourceMvPerMa(
  src: PointSources,
  s: AnisotropicSigma,
  pointsMm: Float64Array,
): Float64Array {
  const n = pointsMm.length / 3;
  const out = new Float64Array(n);
  const ix = 1 / s.xSPerM;
  const iy = 1 / s.ySPerM;
  const iz = 1 / s.zSPerM;
  const c = MV_PER_V / (4 * Math.PI * Math.sqrt(s.xSPerM * s.ySPerM * s.zSPerM));
  const m = src.weights.length;
  for (let p = 0; p < n; p++) {
    const x = pointsMm[3 * p]!;
    const y = pointsMm[3 * p + 1]!;
    const z = pointsMm[3 * p + 2]!;
    let acc = 0;
    for (let j = 0; j < m; j++) {
      const dx = x - src.positionsMm[3 * j]!;
      const dy = y - src.positionsMm[3 * j + 1]!;
      const dz = z - src.positionsMm[3 * j + 2]!;
      const r = Math.sqrt(dx * dx * ix + dy * dy * iy + dz * dz * iz);
      acc += src.weights[j]! / Math.max(r, 1e-6);
    }
    out[p] = c * acc;
  }
  return out;
}

/**
 * Two half-spaces (σ1 for z > 0, σ2 for z < 0) by the method of images (e.g. Plonsey & Barr;
 * Rush & Driscoll 1968): a source in medium 1 at height h sees an image of strength
 * (σ1 − σ2)/(σ1 + σ2) at −h; in medium 2 the field is that of a source 2σ1/(σ1 + σ2) in σ1.
 */
export function twoHalfSpacesMvPerMa(
  src: PointSources,
  sigma1SPerM: number,
  sigma2SPerM: number,
  pointsMm: Float64Array,
): Float64Array {
  const n = pointsMm.length / 3;
  const out = new Float64Array(n);
  const m = src.weights.length;
  for (let p = 0; p < n; p++) {
    const x = pointsMm[3 * p]!;
    const y = pointsMm[3 * p + 1]!;
    const z = pointsMm[3 * p + 2]!;
    let acc = 0;
    for (let j = 0; j < m; j++) {
      const sx = src.positionsMm[3 * j]!;
      const sy = src.positionsMm[3 * j + 1]!;
      const sz = src.positionsMm[3 * j + 2]!;
      const wj = src.weights[j]!;
      const [sa, sb] = sz >= 0 ? [sigma1SPerM, sigma2SPerM] : [sigma2SPerM, sigma1SPerM];
      const sameSide = z >= 0 === sz >= 0;
      const r = Math.max(Math.hypot(x - sx, y - sy, z - sz), 1e-6);
      if (sameSide) {
        const ri = Math.max(Math.hypot(x - sx, y - sy, z + sz), 1e-6);
        acc += (wj / (4 * Math.PI * sa)) * (1 / r + (sa - sb) / (sa + sb) / ri);
      } else {
        acc += wj / (2 * Math.PI * (sa + sb) * r);
      }
    }
    out[p] = MV_PER_V * acc;
  }
  return out;
}
