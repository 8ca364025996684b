/**
 * Lead moves answered without a solve (issue 14): for a plan whose contacts are rings of one
 * size, the instant tier reads the contacts' unit fields from a ContactFieldTable
 * (models/field/contactTable.ts) — one contact solved at a row of positions across the section
 * where leads sit, in advance and in the background — instead of solving the new pose.
 *
 *   SCS: positions every 1 mm across the dorsal epidural space at the height placement.ts gives
 *        a percutaneous lead (top of the dorsal dura + the lead's radius), ±5 mm.
 *   DRG: positions every 5° around the ganglion at the DRG lead's distance (placement.ts),
 *        30°–150° (the dorsal half).
 *   PNS: none yet; PNS lead moves are solved directly.
 *
 * The table's answer is within 1 % in peak Δ²φ of a direct solve at the worst place, half-way
 * between positions (test/validation/field/contactTable.test.ts); the full tier, the reference
 * answer, always solves the pose itself.
 */
import { toStructure, type ResolvedAnatomy } from '../anatomy/index.ts';
import {
  ContactFieldTable,
  ellipseTrack,
  evenPositions,
  type ContactFieldTableSpec,
  type ContactTrack,
  type ContactGeometry,
  type LeadFieldLru,
  type VolumeConductor,
} from '../field/index.ts';

// our choice: 1 mm between SCS positions (0.2 % at the worst place with a direct-solve check,
// lateralTable.test.ts), ±5 mm covers two leads 2.5 mm either side of the midline and a lead
// steered towards one root entry zone
const SCS_TRACK_HALF_SPAN_MM = 5;
const SCS_POSITION_STEP_MM = 1;
// our choice: 5° around the ganglion (≈ 0.2 mm of arc on an L5 ganglion), the dorsal half
const DRG_POSITION_STEP_DEG = 5;
const DRG_TRACK_FROM_DEG = 30;
const DRG_TRACK_TO_DEG = 150;
// placement.ts: a DRG lead rests 0.5 mm off the ganglion's surface (capsule and a little fat)
const DRG_LEAD_GAP_MM = 0.5;

/** The table that would answer moves of these contacts, or why there is none. */
export function contactTableSpec(
  resolved: ResolvedAnatomy,
  conductor: VolumeConductor,
  contacts: ContactGeometry[],
): { spec: ContactFieldTableSpec } | { none: string } {
  const first = contacts[0];
  if (!first) return { none: 'no contacts' };
  if (first.kind !== 'ring') return { none: 'paddle and point contacts are solved directly' };
  const { lengthMm, diameterMm } = first;
  if (
    !contacts.every(
      (c) =>
        c.kind === 'ring' &&
        Math.abs(c.lengthMm - lengthMm) < 1e-9 &&
        Math.abs(c.diameterMm - diameterMm) < 1e-9,
    )
  )
    return { none: 'contacts of different sizes are solved directly' };
  const shape = { kind: 'ring' as const, lengthMm, diameterMm };
  const r = diameterMm / 2;
  if (resolved.kind === 'spine') {
    // placement.ts lays an SCS lead at the height of the dorsal dura's top plus its radius,
    // wherever it sits across the cord: the table's positions lie on that line
    const y = resolved.duraDorsalYMm + r;
    const [u0, v0] = toStructure(conductor.frame, -SCS_TRACK_HALF_SPAN_MM, y, 0);
    const [u1, v1] = toStructure(conductor.frame, SCS_TRACK_HALF_SPAN_MM, y, 0);
    const track: ContactTrack = {
      label: 'across the dorsal epidural space',
      uvMm: [u0, v0, u1, v1],
      facing: 'right',
    };
    return {
      spec: {
        conductor,
        shape,
        track,
        positionsMm: evenPositions(track, SCS_POSITION_STEP_MM),
      },
    };
  }
  if (resolved.kind === 'drg') {
    const rc = resolved.ganglionWidthMm / 2 + DRG_LEAD_GAP_MM + r;
    const track = ellipseTrack({
      label: 'around the ganglion',
      centreUMm: 0,
      centreVMm: 0,
      radiusUMm: rc,
      radiusVMm: rc,
      fromDeg: DRG_TRACK_FROM_DEG,
      toDeg: DRG_TRACK_TO_DEG,
    });
    return {
      spec: {
        conductor,
        shape,
        track,
        positionsMm: evenPositions(track, (rc * DRG_POSITION_STEP_DEG * Math.PI) / 180),
      },
    };
  }
  return { none: 'PNS lead moves are solved directly' };
}

/** Tables by key, a few per process (each holds references to fields in the field cache). */
export class ContactTableCache {
  private tables = new Map<string, ContactFieldTable>();
  constructor(private readonly max = 4) {}

  /** The table for `spec` (the same object while it is kept), positions filled from `fields`. */
  get(spec: ContactFieldTableSpec, fields?: LeadFieldLru): ContactFieldTable {
    const probe = new ContactFieldTable(spec);
    let t = this.tables.get(probe.key);
    if (!t) {
      t = probe;
      this.tables.set(t.key, t);
      if (this.tables.size > this.max) this.tables.delete(this.tables.keys().next().value!);
    }
    if (fields) t.loadFrom((k) => fields.getSync(k));
    return t;
  }
}

export const defaultTableCache = new ContactTableCache();
