/**
 * Extracellular potentials along a straight fibre from a point source in a homogeneous medium
 * (PyFibers Fiber.point_source_potentials): V = I/(4πσr), or for an anisotropic medium with the
 * fibre along x, V = I/(4π·sqrt(σyσz·x² + σxσz·y² + σxσy·z²)). V in mV for I in mA, σ in
 * S/m, distances in m. The fibre runs along x; the source sits at (offset, distance, 0)
 * relative to the fibre centre.
 */
import type { Fiber } from './fiber.ts';
import {
  pointSourceAnisotropicMvPerMa,
  pointSourceIsotropicMvPerMa,
} from '../field/pointSource.ts';

export interface PointSourceSetup {
  distanceMm: number;
  /** isotropic conductivity, or [σx (along the fibre), σy, σz] */
  sigmaSPerM: number | readonly [number, number, number];
  /** where along the fibre the source sits: over the central node or mid-internode */
  over?: 'node' | 'internode';
  /** extra shift of the source along the fibre (mm) */
  alongMm?: number;
}

/** Potential (mV) at a point (dx, dy, dz in mm from the source) for a 1 mA source. */
export function pointSourceMv(
  dxMm: number,
  dyMm: number,
  dzMm: number,
  sigma: PointSourceSetup['sigmaSPerM'],
): number {
  if (typeof sigma === 'number') {
    return pointSourceIsotropicMvPerMa(sigma, Math.hypot(dxMm, dyMm, dzMm));
  }
  const [sx, sy, sz] = sigma;
  return pointSourceAnisotropicMvPerMa({ xSPerM: sx, ySPerM: sy, zSPerM: sz }, dxMm, dyMm, dzMm);
}

/** Position along the fibre (µm) of the central node (index ⌊N/2⌋). */
export function centralNodePositionUm(f: Fiber): number {
  const k = f.nodeCompartments[Math.floor(f.nodeCount / 2)] as number;
  return f.compartmentPositionsUm[k] as number;
}

/**
 * Unit (1 mA) potentials at every compartment of a straight fibre. Side branches (collaterals,
 * a DRG stem) run straight away from the source, perpendicular to the fibre.
 */
export function pointSourceField(f: Fiber, s: PointSourceSetup): Float64Array {
  const centreUm =
    centralNodePositionUm(f) +
    (s.over === 'internode' ? f.internodeLengthUm / 2 : 0) +
    (s.alongMm ?? 0) * 1000;
  const pos = f.compartmentPositionsUm;
  const out = new Float64Array(pos.length);
  for (let k = 0; k < pos.length; k++) {
    out[k] = pointSourceMv(((pos[k] as number) - centreUm) / 1000, s.distanceMm, 0, s.sigmaSPerM);
  }
  for (const b of f.branches) {
    const dx = ((pos[b.attachCompartment] as number) - centreUm) / 1000;
    b.compartments.forEach((k, i) => {
      const dy = s.distanceMm + (b.distancesUm[i] as number) / 1000;
      out[k] = pointSourceMv(dx, dy, 0, s.sigmaSPerM);
    });
  }
  return out;
}

/** Unit potentials of a uniform field E (V/m per unit) along the fibre, zero at its centre. */
export function uniformField(f: Fiber, fieldVPerM: number): Float64Array {
  const pos = f.compartmentPositionsUm;
  const last = f.nodeCompartments[f.nodeCount - 1] as number;
  const mid = ((pos[0] as number) + (pos[last] as number)) / 2;
  // V/m · µm = 1e-6 V = 1e-3 mV; potential falls along +x for a field pointing along +x
  return Float64Array.from(pos, (x) => -fieldVPerM * (x - mid) * 1e-3);
}
