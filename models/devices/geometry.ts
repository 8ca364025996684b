/**
 * Contact geometry of a placed lead in the anatomy frame (models/scenario.ts: mm, +x patient's
 * left, +y dorsal, +z rostral/proximal).
 *
 * Lead frame: `axis` is `placement.direction` (tip → proximal). For rollDeg = 0 the paddle
 * width axis `widthAxis` is anatomy +x made perpendicular to the axis (+y if the axis runs
 * along x), and the contact face normal is `axis × widthAxis`; for a lead running caudally
 * (axis −z) that normal is −y, i.e. a dorsal epidural paddle faces the cord. `rollDeg` turns
 * both about the axis by the right-hand rule.
 *
 * The placement tip is the centre of the most distal contact (ring leads) or the point on the
 * paddle midline level with the most distal row (paddles). Contact k of a ring lead sits at
 * k·(L + g) from the tip (leads.md §0: pitch p = L + g).
 *
 * Areas (geometric, what charge-density limits use; clinical.md §3.4, leads.md §0):
 *   ring A = π·Ø·L;  pad A = W·L (one face only).   1 cm² = 100 mm².
 */
import type { LeadPlacement } from '../scenario.ts';
import type { LeadCatalogEntry, LeadGeometry } from './leadSchema.ts';
import { nominalFields } from './provenance.ts';

export interface Vec3 {
  x: number;
  y: number;
  z: number;
}

export interface LeadFrame {
  /** unit vector from the tip towards the proximal contacts */
  axis: Vec3;
  /** unit vector across a paddle (column direction) */
  widthAxis: Vec3;
  /** unit outward normal of the paddle's contact face */
  normal: Vec3;
}

export type ContactKind = 'ring' | 'pad';

export interface ContactGeometry {
  leadId: string;
  catalogId: string;
  contactIndex: number;
  kind: ContactKind;
  /** contact centre in the anatomy frame */
  centreMm: { xMm: number; yMm: number; zMm: number };
  /** lead axis (tip → proximal), unit vector */
  axis: Vec3;
  /** pads: outward face normal; rings: the lead frame's normal (for orientation only) */
  normal: Vec3;
  /** pads: width direction; rings: the lead frame's width axis */
  widthAxis: Vec3;
  /** offset of the centre from the tip along the axis */
  alongMm: number;
  /** offset of the centre from the paddle midline along widthAxis (0 for rings) */
  acrossMm: number;
  /** ring length or pad length along the axis */
  lengthMm: number;
  /** ring diameter (rings only) */
  diameterMm?: number;
  /** pad width (pads only) */
  widthMm?: number;
  /** geometric surface area, cm² */
  areaCm2: number;
  /** paddle column and row (pads only) */
  column?: number;
  row?: number;
  /** dimensions (after overrides) that are nominal rather than verified */
  nominalFields: string[];
  /** dimensions taken from `placement.overrides` instead of the catalogue */
  overriddenFields: string[];
}

const MM2_PER_CM2 = 100; // unit conversion

function normalise(v: Vec3): Vec3 {
  const n = Math.hypot(v.x, v.y, v.z);
  if (!(n > 1e-12)) throw new Error('direction must not be the zero vector');
  return { x: v.x / n, y: v.y / n, z: v.z / n };
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return { x: a.y * b.z - a.z * b.y, y: a.z * b.x - a.x * b.z, z: a.x * b.y - a.y * b.x };
}

function dot(a: Vec3, b: Vec3): number {
  return a.x * b.x + a.y * b.y + a.z * b.z;
}

/** The orthonormal frame of a placed lead (see the file comment for the conventions). */
export function leadFrame(direction: Vec3, rollDeg = 0): LeadFrame {
  const axis = normalise(direction);
  const reference: Vec3 = Math.abs(axis.x) > 0.999 ? { x: 0, y: 1, z: 0 } : { x: 1, y: 0, z: 0 };
  const r = dot(reference, axis);
  const width0 = normalise({
    x: reference.x - r * axis.x,
    y: reference.y - r * axis.y,
    z: reference.z - r * axis.z,
  });
  const normal0 = cross(axis, width0);
  const theta = (rollDeg * Math.PI) / 180;
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  // Rodrigues for vectors perpendicular to the axis: v' = v cosθ + (axis × v) sinθ
  const widthAxis = {
    x: width0.x * c + normal0.x * s,
    y: width0.y * c + normal0.y * s,
    z: width0.z * c + normal0.z * s,
  };
  const normal = {
    x: normal0.x * c - width0.x * s,
    y: normal0.y * c - width0.y * s,
    z: normal0.z * c - width0.z * s,
  };
  return { axis, widthAxis, normal };
}

/**
 * The catalogue geometry with the placement's overrides applied. Overrides map onto every
 * kind: `contactLengthMm` (ring or pad length), `contactSpacingMm` (edge-to-edge gap along
 * the axis), `diameterMm` (ring or coil diameter; ignored for paddles).
 */
export function effectiveGeometry(
  entry: LeadCatalogEntry,
  overrides: LeadPlacement['overrides'] = {},
): { geometry: LeadGeometry; overriddenFields: string[] } {
  const overriddenFields: string[] = [];
  const g = { ...entry.geometry } as LeadGeometry;
  if (overrides.contactLengthMm !== undefined) {
    g.contactLengthMm = overrides.contactLengthMm;
    overriddenFields.push('contactLengthMm');
  }
  if (overrides.contactSpacingMm !== undefined) {
    g.contactSpacingMm = overrides.contactSpacingMm;
    overriddenFields.push('contactSpacingMm');
  }
  if (overrides.diameterMm !== undefined && g.kind !== 'paddle') {
    g.diameterMm = overrides.diameterMm;
    overriddenFields.push('diameterMm');
  }
  return { geometry: g, overriddenFields };
}

/** Geometric area of one contact of a geometry, cm². Ring: π·Ø·L; pad: W·L. */
export function contactAreaCm2(geometry: LeadGeometry): number {
  return geometry.kind === 'paddle'
    ? (geometry.contactWidthMm * geometry.contactLengthMm) / MM2_PER_CM2
    : (Math.PI * geometry.diameterMm * geometry.contactLengthMm) / MM2_PER_CM2;
}

interface LocalContact {
  alongMm: number;
  acrossMm: number;
  column?: number;
  row?: number;
}

/** Contact centres in lead coordinates (along the axis from the tip, across the paddle). */
export function localContactOffsets(geometry: LeadGeometry): LocalContact[] {
  const pitchMm = geometry.contactLengthMm + geometry.contactSpacingMm;
  if (geometry.kind !== 'paddle') {
    return Array.from({ length: geometry.contactCount }, (_, k) => ({
      alongMm: k * pitchMm,
      acrossMm: 0,
    }));
  }
  const nColumns = geometry.columns.length;
  const minOffset = Math.min(...geometry.columns.map((c) => c.rowOffset));
  const out: LocalContact[] = [];
  geometry.columns.forEach((col, column) => {
    const acrossMm = (column - (nColumns - 1) / 2) * geometry.columnPitchMm;
    for (let row = 0; row < col.contactCount; row++) {
      out.push({ alongMm: (row + col.rowOffset - minOffset) * pitchMm, acrossMm, column, row });
    }
  });
  return out;
}

/**
 * Every contact of a placed lead: centre (anatomy frame, mm), axis, kind, dimensions, area.
 * `placement.overrides` replace the catalogue's nominal dimensions.
 */
export function contactGeometry(
  entry: LeadCatalogEntry,
  placement: Pick<LeadPlacement, 'id' | 'tipMm' | 'direction' | 'rollDeg' | 'overrides'>,
): ContactGeometry[] {
  const { geometry, overriddenFields } = effectiveGeometry(entry, placement.overrides);
  const frame = leadFrame(placement.direction, placement.rollDeg);
  const areaCm2 = contactAreaCm2(geometry);
  const nominal = nominalFields(entry.provenance).filter((f) => !overriddenFields.includes(f));
  const tip = placement.tipMm;
  return localContactOffsets(geometry).map((local, contactIndex) => {
    const centreMm = {
      xMm: tip.xMm + local.alongMm * frame.axis.x + local.acrossMm * frame.widthAxis.x,
      yMm: tip.yMm + local.alongMm * frame.axis.y + local.acrossMm * frame.widthAxis.y,
      zMm: tip.zMm + local.alongMm * frame.axis.z + local.acrossMm * frame.widthAxis.z,
    };
    const base = {
      leadId: placement.id,
      catalogId: entry.id,
      contactIndex,
      centreMm,
      axis: frame.axis,
      normal: frame.normal,
      widthAxis: frame.widthAxis,
      alongMm: local.alongMm,
      acrossMm: local.acrossMm,
      lengthMm: geometry.contactLengthMm,
      areaCm2,
      nominalFields: nominal,
      overriddenFields,
    };
    return geometry.kind === 'paddle'
      ? {
          ...base,
          kind: 'pad' as const,
          widthMm: geometry.contactWidthMm,
          ...(local.column !== undefined ? { column: local.column } : {}),
          ...(local.row !== undefined ? { row: local.row } : {}),
        }
      : { ...base, kind: 'ring' as const, diameterMm: geometry.diameterMm };
  });
}
