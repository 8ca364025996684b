/**
 * Contact geometry as the solvers see it, and its discretisation into point sources.
 * The lead catalogue (models/devices) maps its leads onto this minimal type.
 */

export interface Vec3 {
  x: number;
  y: number;
  z: number;
}

/** A cylindrical (ring) contact of a percutaneous lead. */
export interface RingContact {
  kind: 'ring';
  centreMm: Vec3;
  /** unit vector along the lead axis */
  axis: Vec3;
  lengthMm: number;
  diameterMm: number;
}

/** A flat paddle pad: current leaves through the face pointing along `normal`. */
export interface PadContact {
  kind: 'pad';
  centreMm: Vec3;
  /** unit vector along the pad's length (the paddle's long axis) */
  axis: Vec3;
  /** unit vector out of the pad's face, into the tissue */
  normal: Vec3;
  lengthMm: number;
  widthMm: number;
}

/** An ideal point source (canonical media, tests). */
export interface PointContact {
  kind: 'point';
  centreMm: Vec3;
}

export type ContactGeometry = RingContact | PadContact | PointContact;

/** Point sources: positions (x, y, z interleaved, mm) and weights summing to 1. */
export interface PointSources {
  positionsMm: Float64Array;
  weights: Float64Array;
}

export interface DiscretisationOptions {
  /** points along the contact length */
  pointsAlong?: number;
  /** points around a ring, or across a pad */
  pointsAround?: number;
}

function normalise(v: Vec3): Vec3 {
  const n = Math.hypot(v.x, v.y, v.z);
  if (!(n > 0)) throw new Error('contact axis must not be the zero vector');
  return { x: v.x / n, y: v.y / n, z: v.z / n };
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return { x: a.y * b.z - a.z * b.y, y: a.z * b.x - a.x * b.z, z: a.x * b.y - a.y * b.x };
}

/** Any unit vector perpendicular to a. */
function perpendicular(a: Vec3): Vec3 {
  const ref = Math.abs(a.z) < 0.9 ? { x: 0, y: 0, z: 1 } : { x: 1, y: 0, z: 0 };
  return normalise(cross(a, ref));
}

/**
 * Distributes a contact's unit current over point sources on its surface: midpoint rule along
 * the length, equally spaced around a ring (current density taken as uniform, the usual
 * first-order model of a current-controlled contact) or over a pad's face.
 */
export function discretiseContact(
  c: ContactGeometry,
  opts: DiscretisationOptions = {},
): PointSources {
  if (c.kind === 'point') {
    return {
      positionsMm: new Float64Array([c.centreMm.x, c.centreMm.y, c.centreMm.z]),
      weights: new Float64Array([1]),
    };
  }
  const nA = Math.max(1, opts.pointsAlong ?? 5);
  const nR = Math.max(1, opts.pointsAround ?? (c.kind === 'ring' ? 8 : 3));
  const axis = normalise(c.axis);
  const pos = new Float64Array(nA * nR * 3);
  const w = new Float64Array(nA * nR).fill(1 / (nA * nR));
  let e1: Vec3;
  let e2: Vec3;
  if (c.kind === 'ring') {
    e1 = perpendicular(axis);
    e2 = cross(axis, e1);
  } else {
    e1 = normalise(cross(c.normal, axis)); // across the pad
    e2 = normalise(c.normal);
  }
  let k = 0;
  for (let i = 0; i < nA; i++) {
    const s = c.lengthMm * ((i + 0.5) / nA - 0.5);
    for (let j = 0; j < nR; j++) {
      let ox: number;
      let oy: number;
      let oz: number;
      if (c.kind === 'ring') {
        const ang = (2 * Math.PI * (j + 0.5)) / nR;
        const r = c.diameterMm / 2;
        ox = r * (Math.cos(ang) * e1.x + Math.sin(ang) * e2.x);
        oy = r * (Math.cos(ang) * e1.y + Math.sin(ang) * e2.y);
        oz = r * (Math.cos(ang) * e1.z + Math.sin(ang) * e2.z);
      } else {
        const t = c.widthMm * ((j + 0.5) / nR - 0.5);
        ox = t * e1.x;
        oy = t * e1.y;
        oz = t * e1.z;
      }
      pos[3 * k] = c.centreMm.x + s * axis.x + ox;
      pos[3 * k + 1] = c.centreMm.y + s * axis.y + oy;
      pos[3 * k + 2] = c.centreMm.z + s * axis.z + oz;
      k++;
    }
  }
  return { positionsMm: pos, weights: w };
}
