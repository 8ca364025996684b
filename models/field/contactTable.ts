/**
 * Every lead move answered without a solve: the unit field of ONE contact shape, solved at a row
 * of positions along a track across the section where contacts can sit (the dorsal dura for SCS,
 * around the ganglion for DRG, around the nerve for PNS), interpolated between positions by a
 * cubic (Catmull–Rom) in the arc length along the track.
 *
 * Why one contact is enough: `solveUnitFields` already solves each contact on its own (1 mA into
 * it, return at infinity; the lead body is not modelled, README "Contacts"), and a program is the
 * superposition Σ I_c φ_c. The 2.5-D medium is uniform along w, so a contact's field depends only
 * on its place in the section and shifts with it along w. Any contact of any lead — a parallel or
 * angled lead, a second lead, a paddle column — is then a lookup: its centre projected on the
 * track (position s), its centre's w (a shift), and the superposition across contacts.
 * Approximation: the contact's axis is taken along w (a lead angled 4.6° to the cord tilts each
 * ring by 4.6°; contactTable.test.ts measures what that costs against a direct solve).
 *
 * How an estimate uses it:
 *
 *     const table = new ContactFieldTable({ conductor, shape: { kind: 'ring', lengthMm: 3,
 *       diameterMm: 1.3 }, track: duraTrack(conductor, { ... }), positionsMm: evenPositions(track, 1) });
 *     cache key: table.key (anatomy + conductivities + grid options + shape + track + positions)
 *     background: while (table.nextMissing() !== null) table.solve(table.nextMissing()!)
 *       (or on a worker: solveUnitFields(conductor, [table.contactAt(i)], opts) → table.insert(i, f))
 *     per fibre set: const pts = table.prepare(pointsMm)       (once; new positions lazily)
 *     per move:      table.canAnswer(contacts) ? table.potentials(pts, contacts) : solve directly
 *                    table.programPotentials(pts, contacts, currentsMa) → Σ I_c φ_c (mV)
 */
import { type StructureFrame, toAnatomy, toStructure } from '../anatomy/index.ts';
import { canonicalFieldJson, FIELD_SOLVER_VERSION, hashString, leadFieldKey } from './cache.ts';
import type { ContactGeometry } from './contact.ts';
import type { VolumeConductor } from './conductor.ts';
import { lateralWeights } from './lateralTable.ts';
import { addCorrection, analyticSum, preparePoints, type PreparedPoints } from './leadField.ts';
import { MV_PER_V } from './pointSource.ts';
import { solveUnitFields, type SolverOptions, type UnitLeadFields } from './solver25d.ts';

/** The shape of the tabulated contact; its axis is the structure axis w. */
export type ContactShape =
  | { kind: 'ring'; lengthMm: number; diameterMm: number }
  /** a paddle pad, its face towards the track's facing side */
  | { kind: 'pad'; lengthMm: number; widthMm: number }
  | { kind: 'point' };

/**
 * Where contact centres can sit, as a polyline in the section (structure frame u, v, mm),
 * parametrised by arc length s from its first point. `facing`: the side of the polyline
 * (walking from its first point) that a pad's face looks to.
 */
export interface ContactTrack {
  label: string;
  /** u, v interleaved, at least two points */
  uvMm: number[];
  facing: 'left' | 'right';
}

export interface ContactFieldTableSpec {
  conductor: VolumeConductor;
  shape: ContactShape;
  track: ContactTrack;
  /** arc lengths (mm) of the tabulated positions along the track, increasing */
  positionsMm: number[];
  solverOptions?: SolverOptions;
  /**
   * Solve every position on one grid, built around all the positions (default true): the
   * positions' fields then differ by the contact's move alone and interpolate smoothly. Each
   * position solved on its own grid differs from its neighbours by its discretisation too: at
   * root entry zones 5 mm away that put 6 % into instant thresholds half-way between positions.
   */
  sharedGrid?: boolean;
}

// our choice: a contact whose centre lies farther than this from the track is not answered from
// the table. Near the contact the field is steep: 0.13 mm off the track moved potentials in the
// dorsal columns by 3.5 % (contactTableRun.test.ts); lead poses are kept to 0.01 mm (placement.ts)
export const TRACK_TOLERANCE_MM = 0.01;
// our choice: a contact whose axis is tilted more than this from the structure axis is solved
// directly (the table's contacts lie along w; 5° covers a lead steered a little off the midline
// track, e.g. the 4.6° of a lead crossing 2 mm over 25 mm)
export const AXIS_TOLERANCE_DEG = 5;

/** Cache key of a contact field table: no lead pose in it (moves are lookups). */
export function contactTableKey(spec: ContactFieldTableSpec): string {
  const { conductor, shape, track, positionsMm } = spec;
  const { onProgress: _p, shouldCancel: _c, ...opts } = tableSolverOptions(spec);
  const body = canonicalFieldJson({
    conductor: conductor.describe(),
    shape,
    track,
    positionsMm,
    opts,
    v: FIELD_SOLVER_VERSION,
  });
  return `contact-table-v${FIELD_SOLVER_VERSION}-${hashString(body)}`;
}

/** The solver options every position of a table is solved with (its shared grid included). */
export function tableSolverOptions(spec: ContactFieldTableSpec): SolverOptions {
  const opts = spec.solverOptions ?? {};
  if (spec.sharedGrid === false || opts.gridAroundUvMm) return opts;
  const uv: number[] = [];
  for (const sMm of spec.positionsMm) {
    const p = trackPoint(spec.track, sMm);
    uv.push(p.u, p.v);
  }
  return { ...opts, gridAroundUvMm: uv };
}

/** Total arc length of a track (mm). */
export function trackLengthMm(track: ContactTrack): number {
  let s = 0;
  const p = track.uvMm;
  for (let i = 2; i + 1 < p.length; i += 2)
    s += Math.hypot(p[i]! - p[i - 2]!, p[i + 1]! - p[i - 1]!);
  return s;
}

/** Positions every `stepMm` along the track, centred on its middle. */
export function evenPositions(track: ContactTrack, stepMm: number): number[] {
  const L = trackLengthMm(track);
  const n = Math.floor(L / stepMm + 1e-9);
  const first = (L - n * stepMm) / 2;
  return Array.from({ length: n + 1 }, (_, i) => first + i * stepMm);
}

/** Point (u, v) and unit tangent at arc length s (clamped to the track). */
export function trackPoint(
  track: ContactTrack,
  sMm: number,
): { u: number; v: number; tu: number; tv: number } {
  const p = track.uvMm;
  let acc = 0;
  const last = p.length / 2 - 1;
  for (let i = 0; i < last; i++) {
    const du = p[2 * i + 2]! - p[2 * i]!;
    const dv = p[2 * i + 3]! - p[2 * i + 1]!;
    const len = Math.hypot(du, dv);
    if (acc + len >= sMm || i === last - 1) {
      const t = len > 0 ? Math.min(Math.max((sMm - acc) / len, 0), 1) : 0;
      return { u: p[2 * i]! + t * du, v: p[2 * i + 1]! + t * dv, tu: du / len, tv: dv / len };
    }
    acc += len;
  }
  throw new Error(`track "${track.label}" needs at least two points`);
}

/** Arc length of the point of the track nearest to (u, v), and the distance to it (mm). */
export function projectOnTrack(
  track: ContactTrack,
  u: number,
  v: number,
): { sMm: number; offMm: number } {
  const p = track.uvMm;
  let best = { sMm: 0, offMm: Infinity };
  let acc = 0;
  for (let i = 0; i + 3 < p.length; i += 2) {
    const du = p[i + 2]! - p[i]!;
    const dv = p[i + 3]! - p[i + 1]!;
    const len2 = du * du + dv * dv;
    const t =
      len2 > 0 ? Math.min(Math.max(((u - p[i]!) * du + (v - p[i + 1]!) * dv) / len2, 0), 1) : 0;
    const off = Math.hypot(p[i]! + t * du - u, p[i + 1]! + t * dv - v);
    if (off < best.offMm) best = { sMm: acc + t * Math.sqrt(len2), offMm: off };
    acc += Math.sqrt(len2);
  }
  return best;
}

/**
 * The outer surface of a region seen from above (+v) across u, lifted by `liftMm` (a lead's
 * radius): for SCS the dorsal dura (`region: 'dura'`), from u = fromMm to toMm.
 */
export function surfaceTrack(
  conductor: VolumeConductor,
  o: {
    region: string;
    fromMm: number;
    toMm: number;
    liftMm: number;
    /** v above the surface everywhere on the span, where the search starts */
    aboveVMm: number;
    stepMm?: number;
  },
): ContactTrack {
  const step = o.stepMm ?? 0.25; // our choice: the polyline follows the surface every 0.25 mm
  const uv: number[] = [];
  const n = Math.max(1, Math.round((o.toMm - o.fromMm) / step));
  for (let i = 0; i <= n; i++) {
    const u = o.fromMm + ((o.toMm - o.fromMm) * i) / n;
    let hi = o.aboveVMm;
    let v = hi;
    while (conductor.regionAt(u, v) !== o.region) {
      v -= 0.05;
      if (v < conductor.extentMm.vMin)
        throw new Error(`surfaceTrack: no "${o.region}" below v = ${o.aboveVMm} at u = ${u}`);
    }
    // bisect the surface to 1 µm between v (inside) and v + 0.05 (outside)
    let lo = v;
    hi = v + 0.05;
    while (hi - lo > 1e-3) {
      const m = (lo + hi) / 2;
      if (conductor.regionAt(u, m) === o.region) lo = m;
      else hi = m;
    }
    uv.push(u, hi + o.liftMm);
  }
  return { label: `${o.region} surface + ${o.liftMm} mm`, uvMm: uv, facing: 'right' };
}

/** An elliptical arc around a structure, counter-clockwise from fromDeg to toDeg, facing inwards. */
export function ellipseTrack(o: {
  label: string;
  centreUMm: number;
  centreVMm: number;
  radiusUMm: number;
  radiusVMm: number;
  fromDeg: number;
  toDeg: number;
  stepDeg?: number;
}): ContactTrack {
  const step = o.stepDeg ?? 1; // our choice: 1° chords (arc-length error < 4e-5)
  const n = Math.max(1, Math.round((o.toDeg - o.fromDeg) / step));
  const uv: number[] = [];
  for (let i = 0; i <= n; i++) {
    const a = ((o.fromDeg + ((o.toDeg - o.fromDeg) * i) / n) * Math.PI) / 180;
    uv.push(o.centreUMm + o.radiusUMm * Math.cos(a), o.centreVMm + o.radiusVMm * Math.sin(a));
  }
  return { label: o.label, uvMm: uv, facing: 'left' };
}

/** Fibre points prepared at each solved position of a table (positions filled later: lazily). */
export interface TablePoints {
  pointsMm: Float64Array;
  count: number;
  /** structure coordinates u, v, w interleaved */
  uvw: Float64Array;
  byPosition: (PreparedPoints | undefined)[];
  /**
   * unit potentials of the table's contact at position j shifted to w, kept once a w has come
   * back (a lead moved across the section keeps its contacts' w): such a move is then a sum
   * of four stored arrays per contact. Insertion-ordered, bounded by UNIT_CACHE_ENTRIES.
   */
  units?: Map<string, Float64Array>;
  /** the w values (mm, rounded) of earlier lookups */
  seenW?: Set<string>;
}

// our choice: 8 contacts × 4 positions × a few lateral brackets; ≈ 0.1–0.5 MB per entry
const UNIT_CACHE_ENTRIES = 96;
const wKey = (wMm: number) => wMm.toFixed(6);

/** Where a contact sits in table terms. */
export interface TableLookup {
  sMm: number;
  wMm: number;
  offTrackMm: number;
  /** angle between the contact's axis and the structure axis (0 for a pad or point) */
  tiltDeg: number;
}

export class ContactFieldTable {
  readonly key: string;
  readonly fields: (UnitLeadFields | undefined)[];
  readonly positionsMm: number[];

  constructor(readonly spec: ContactFieldTableSpec) {
    const ps = spec.positionsMm;
    if (ps.length < 2) throw new Error('a contact field table needs at least two positions');
    for (let i = 1; i < ps.length; i++)
      if (!(ps[i]! > ps[i - 1]!)) throw new Error('contact table positionsMm must increase');
    this.positionsMm = [...ps];
    this.fields = ps.map(() => undefined);
    this.key = contactTableKey(spec);
    this.solverOptions = tableSolverOptions(spec);
  }

  /** what every position is solved with (a direct solve with these shares the table's grid) */
  readonly solverOptions: SolverOptions;

  get frame(): StructureFrame {
    return this.spec.conductor.frame;
  }

  /** The contact (anatomy frame) tabulated at position i, centred on w = 0. */
  contactAt(i: number): ContactGeometry {
    const s = this.positionsMm[i];
    if (s === undefined) throw new Error(`no position ${i} in this table`);
    return this.contactAtS(s, 0);
  }

  /** The table's contact shape with its centre at arc length s and axial position w. */
  contactAtS(sMm: number, wMm: number): ContactGeometry {
    const { spec } = this;
    const p = trackPoint(spec.track, sMm);
    const [x, y, z] = toAnatomy(this.frame, p.u, p.v, wMm);
    const centreMm = { x, y, z };
    const eW = this.frame.eW;
    const axis = { x: eW[0], y: eW[1], z: eW[2] };
    const shape = spec.shape;
    if (shape.kind === 'point') return { kind: 'point', centreMm };
    if (shape.kind === 'ring')
      return {
        kind: 'ring',
        centreMm,
        axis,
        lengthMm: shape.lengthMm,
        diameterMm: shape.diameterMm,
      };
    // facing side of the track: left normal (−tv, tu), right normal (tv, −tu)
    const sign = spec.track.facing === 'left' ? 1 : -1;
    const [nx, ny, nz] = toAnatomy(
      { ...this.frame, originMm: [0, 0, 0] },
      -sign * p.tv,
      sign * p.tu,
      0,
    );
    return {
      kind: 'pad',
      centreMm,
      axis,
      normal: { x: nx, y: ny, z: nz },
      lengthMm: shape.lengthMm,
      widthMm: shape.widthMm,
    };
  }

  /** Index of the next position to solve (nearest to `nearSMm` first), or null when full. */
  nextMissing(nearSMm?: number): number | null {
    let best: number | null = null;
    let bestD = Infinity;
    const mid =
      nearSMm ?? (this.positionsMm[0]! + this.positionsMm[this.positionsMm.length - 1]!) / 2;
    this.fields.forEach((f, i) => {
      const d = Math.abs(this.positionsMm[i]! - mid);
      if (!f && d < bestD) {
        best = i;
        bestD = d;
      }
    });
    return best;
  }

  /** Solves position i here (Node, tests, the CLI); the app solves on a worker and inserts. */
  solve(i: number): UnitLeadFields {
    const f = solveUnitFields(this.spec.conductor, [this.contactAt(i)], this.solverOptions);
    this.insert(i, f);
    return f;
  }

  /** Fills every missing position (nearest to `nearSMm` first). */
  fill(nearSMm?: number, onPosition?: (i: number, done: number) => void): void {
    let i = this.nextMissing(nearSMm);
    let done = 0;
    while (i !== null) {
      this.solve(i);
      onPosition?.(i, ++done);
      i = this.nextMissing(nearSMm);
    }
  }

  /** A field solved elsewhere (a worker) for position i: one contact, `contactAt(i)`. */
  insert(i: number, f: UnitLeadFields): void {
    if (this.positionsMm[i] === undefined) throw new Error(`no position ${i} in this table`);
    if (f.contacts.length !== 1)
      throw new Error(`a table position holds one contact's field, got ${f.contacts.length}`);
    this.fields[i] = f;
  }

  get solvedCount(): number {
    return this.fields.filter((f) => f).length;
  }

  /** Table coordinates of a contact, or an error naming what does not fit. */
  locate(c: ContactGeometry): TableLookup {
    if (c.kind !== this.spec.shape.kind)
      throw new Error(`contact kind ${c.kind}: this table holds ${this.spec.shape.kind} contacts`);
    if (c.kind === 'ring' && this.spec.shape.kind === 'ring') {
      const s = this.spec.shape;
      if (Math.abs(c.lengthMm - s.lengthMm) > 1e-9 || Math.abs(c.diameterMm - s.diameterMm) > 1e-9)
        throw new Error(
          `contact lengthMm/diameterMm ${c.lengthMm}/${c.diameterMm}: this table holds ${s.lengthMm}/${s.diameterMm} mm rings`,
        );
    }
    if (c.kind === 'pad' && this.spec.shape.kind === 'pad') {
      const s = this.spec.shape;
      if (Math.abs(c.lengthMm - s.lengthMm) > 1e-9 || Math.abs(c.widthMm - s.widthMm) > 1e-9)
        throw new Error(
          `contact lengthMm/widthMm ${c.lengthMm}/${c.widthMm}: this table holds ${s.lengthMm}/${s.widthMm} mm pads`,
        );
    }
    const [u, v, w] = toStructure(this.frame, c.centreMm.x, c.centreMm.y, c.centreMm.z);
    const pr = projectOnTrack(this.spec.track, u, v);
    let tiltDeg = 0;
    if (c.kind !== 'point') {
      const a = c.axis;
      const eW = this.frame.eW;
      const cos = Math.abs(a.x * eW[0] + a.y * eW[1] + a.z * eW[2]) / Math.hypot(a.x, a.y, a.z);
      tiltDeg = (Math.acos(Math.min(1, cos)) * 180) / Math.PI;
    }
    return { sMm: pr.sMm, wMm: w, offTrackMm: pr.offMm, tiltDeg };
  }

  /** Table positions (indices) an interpolation at s needs. */
  neededAt(sMm: number): number[] {
    return lateralWeights(this.positionsMm, sMm).index;
  }

  /** Whether every contact is on the track, inside the tabulated span, and its positions are solved. */
  canAnswer(contacts: ContactGeometry[]): boolean {
    try {
      return contacts.every((c) => {
        const l = this.locate(c);
        const ps = this.positionsMm;
        return (
          l.offTrackMm <= TRACK_TOLERANCE_MM &&
          l.tiltDeg <= AXIS_TOLERANCE_DEG &&
          l.sMm >= ps[0]! - 1e-9 &&
          l.sMm <= ps[ps.length - 1]! + 1e-9 &&
          this.neededAt(l.sMm).every((i) => this.fields[i])
        );
      });
    } catch {
      return false;
    }
  }

  /**
   * The field-cache key of position i: the key a direct solve of that one contact has
   * (models/field/cache.ts), so a position solved anywhere (a worker, IndexedDB) is found again.
   */
  positionKey(i: number): string {
    const { onProgress: _p, shouldCancel: _c, ...opts } = this.solverOptions;
    return leadFieldKey({
      conductor: this.spec.conductor.describe(),
      contacts: [this.contactAt(i)],
      ...(Object.keys(opts).length ? { solverOptions: opts } : {}),
    });
  }

  /** Fills unsolved positions from a cache of solved fields; returns how many it found. */
  loadFrom(lookup: (key: string) => UnitLeadFields | undefined, only?: number[]): number {
    let found = 0;
    for (const i of only ?? this.positionsMm.map((_s, j) => j)) {
      if (this.fields[i]) continue;
      const f = lookup(this.positionKey(i));
      if (f) {
        this.insert(i, f);
        found++;
      }
    }
    return found;
  }

  /** Positions an answer for these contacts needs (each contact's Catmull–Rom neighbours). */
  positionsFor(contacts: ContactGeometry[]): number[] {
    const need = new Set<number>();
    for (const c of contacts) for (const i of this.neededAt(this.locate(c).sMm)) need.add(i);
    return [...need].sort((a, b) => a - b);
  }

  /**
   * Fibre points (anatomy frame, x y z interleaved) for lookups: each position is prepared when
   * a lookup first needs it (`warm` prepares the rest ahead, e.g. while the user is idle), so a
   * move waits for at most the few positions around it, not for every position of the table.
   */
  prepare(pointsMm: Float64Array): TablePoints {
    const count = pointsMm.length / 3;
    const uvw = new Float64Array(pointsMm.length);
    for (let p = 0; p < count; p++) {
      const s = toStructure(
        this.frame,
        pointsMm[3 * p]!,
        pointsMm[3 * p + 1]!,
        pointsMm[3 * p + 2]!,
      );
      uvw.set(s, 3 * p);
    }
    return { pointsMm, count, uvw, byPosition: this.fields.map(() => undefined) };
  }

  /**
   * Prepares one more solved position of `tp` that no lookup has needed yet, nearest first to
   * `nearSMm` (default the table's middle); returns its index, or null when none is left.
   */
  warm(tp: TablePoints, nearSMm?: number): number | null {
    const s0 =
      nearSMm ?? (this.positionsMm[0]! + this.positionsMm[this.positionsMm.length - 1]!) / 2;
    let best: number | null = null;
    this.fields.forEach((f, i) => {
      if (!f || tp.byPosition[i]) return;
      if (
        best === null ||
        Math.abs(this.positionsMm[i]! - s0) < Math.abs(this.positionsMm[best]! - s0)
      )
        best = i;
    });
    if (best !== null) this.preparedAt(tp, best);
    return best;
  }

  private preparedAt(tp: TablePoints, i: number): PreparedPoints {
    const hit = tp.byPosition[i];
    if (hit) return hit;
    const f = this.fields[i];
    if (!f)
      throw new Error(`table position ${i} (s = ${this.positionsMm[i]} mm) is not solved yet`);
    const pp = preparePoints(f, tp.pointsMm);
    tp.byPosition[i] = pp;
    return pp;
  }

  /**
   * Unit potentials (mV per mA) at the prepared points for each contact, without a solve.
   * Contacts at the same place in the section (a lead parallel to the axis) share one
   * combination of the positions' grid parts in k-space; each then costs its analytic part
   * and one inverse transform.
   */
  potentials(tp: TablePoints, contacts: ContactGeometry[]): Float64Array[] {
    const looks = contacts.map((c, ci) => {
      const l = this.locate(c);
      if (l.offTrackMm > TRACK_TOLERANCE_MM)
        throw new Error(
          `contact ${ci + 1} lies ${l.offTrackMm.toFixed(2)} mm off the table's track "${this.spec.track.label}" (tolerance ${TRACK_TOLERANCE_MM} mm)`,
        );
      return l;
    });
    const combined = new Map<string, { index: number[]; weight: number[]; pp: PreparedPoints }>();
    tp.units ??= new Map();
    tp.seenW ??= new Set();
    const seen = new Set(tp.seenW);
    for (const l of looks) tp.seenW.add(wKey(l.wMm));
    return looks.map((l) => {
      const { index, weight } = lateralWeights(this.positionsMm, l.sMm);
      if (seen.has(wKey(l.wMm))) {
        // a w seen before (a move across the section): the positions' own unit potentials at
        // that w, stored, weighted and summed (the same linear combination as below)
        const res = new Float64Array(tp.count);
        index.forEach((j, q) => {
          const u = this.unitAt(tp, j, l.wMm);
          const w = weight[q]!;
          for (let p = 0; p < res.length; p++) res[p]! += w * u[p]!;
        });
        return res;
      }
      const key = index.map((j, q) => `${j}:${weight[q]!.toPrecision(15)}`).join(',');
      let comb = combined.get(key);
      if (!comb) {
        comb = { index, weight, pp: this.combine(tp, index, weight) };
        combined.set(key, comb);
      }
      const res = new Float64Array(tp.count);
      index.forEach((j, q) => this.addAnalytic(j, tp, l.wMm, weight[q]!, res));
      const f0 = this.fields[index[0]!]!;
      return addCorrection(f0, comb.pp, 0, f0.contacts[0]!.shiftWMm + l.wMm, 1, res);
    });
  }

  /** Σ_c I_c φ_c (mV) of a program: the superposition of the contacts' looked-up unit fields. */
  programPotentials(
    tp: TablePoints,
    contacts: ContactGeometry[],
    currentsMa: ArrayLike<number>,
  ): Float64Array {
    const used = contacts.map((_c, i) => i).filter((i) => (currentsMa[i] ?? 0) !== 0);
    const unit = this.potentials(
      tp,
      used.map((i) => contacts[i]!),
    );
    const out = new Float64Array(tp.count);
    used.forEach((ci, q) => {
      const I = currentsMa[ci]!;
      const u = unit[q]!;
      for (let p = 0; p < out.length; p++) out[p]! += I * u[p]!;
    });
    return out;
  }

  /** Unit potentials (mV per mA) of position j's contact shifted to w, from tp.units or computed. */
  private unitAt(tp: TablePoints, j: number, wMm: number): Float64Array {
    const units = (tp.units ??= new Map());
    const key = `${j}:${wKey(wMm)}`;
    const hit = units.get(key);
    if (hit) {
      units.delete(key);
      units.set(key, hit);
      return hit;
    }
    const f = this.fields[j];
    if (!f) throw new Error(`table position ${j} is not solved yet`);
    const u = new Float64Array(tp.count);
    this.addAnalytic(j, tp, wMm, 1, u);
    addCorrection(f, this.preparedAt(tp, j), 0, f.contacts[0]!.shiftWMm + wMm, 1, u);
    units.set(key, u);
    while (units.size > UNIT_CACHE_ENTRIES) units.delete(units.keys().next().value!);
    return u;
  }

  /** The positions' grid parts weighted and summed in k-space (the transform is linear). */
  private combine(tp: TablePoints, index: number[], weight: number[]): PreparedPoints {
    const f0 = this.fields[index[0]!];
    if (!f0) throw new Error(`table position ${index[0]} is not solved yet`);
    const K = f0.kNodes.length;
    const n = tp.count;
    const cos = new Float64Array(n * K);
    let sin: Float64Array | null = null;
    index.forEach((j, q) => {
      const pp = this.preparedAt(tp, j);
      const w = weight[q]!;
      const pc = pp.cosK[0]!;
      for (let i = 0; i < pc.length; i++) cos[i]! += w * pc[i]!;
      const ps = pp.sinK[0];
      if (ps) {
        sin ??= new Float64Array(n * K);
        for (let i = 0; i < ps.length; i++) sin[i]! += w * ps[i]!;
      }
    });
    return { count: n, uvw: tp.uvw, cosK: [cos], sinK: [sin] };
  }

  /**
   * res += weight · φ_an of position j's contact shifted to w (mV per mA), as the solver and
   * contactPotentials take it (leadField.ts analyticSum).
   */
  private addAnalytic(j: number, tp: TablePoints, wMm: number, weight: number, res: Float64Array) {
    const f = this.fields[j]!;
    const g = f.groups[0]!;
    const c = f.contacts[0]!;
    const s0 = g.sigma0;
    const iu = 1 / s0.uSPerM;
    const iv = 1 / s0.vSPerM;
    const iw = 1 / s0.wSPerM;
    const amp = (weight * MV_PER_V) / (4 * Math.PI * Math.sqrt(s0.uSPerM * s0.vSPerM * s0.wSPerM));
    const shift = c.shiftWMm + wMm;
    const uvw = tp.uvw;
    for (let p = 0; p < tp.count; p++)
      res[p]! +=
        amp * analyticSum(g, iu, iv, iw, uvw[3 * p]!, uvw[3 * p + 1]!, uvw[3 * p + 2]! - shift);
  }
}
