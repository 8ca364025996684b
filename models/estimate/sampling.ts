/**
 * The one field-to-compartment sampler. A fibre population is built once per path set: its
 * fibres and the points of its nodes (the main axon's, then each branch's). A program's
 * potential is evaluated at those nodes only, from unit lead fields (or any other source of
 * node potentials, e.g. a table of fields solved in advance) and then carried to every
 * compartment by linear interpolation along the fibre and along each branch (internodes are
 * ≈ 1 mm; the potential is smooth on that scale).
 */
import {
  contactPotentials,
  preparePoints,
  type PreparedPoints,
  type ContactFieldTable,
  type ContactGeometry,
  type TablePoints,
  type UnitLeadFields,
} from '../field/index.ts';
import { fiberForPath, type PreparedFiber } from '../neuron/populationRun.ts';
import { compartmentPointsOnPath, pathBranches, type FiberPath } from '../neuron/populations.ts';
import type { Fiber } from '../neuron/fiber.ts';

/** The plan's contacts answered from a contact table instead of their own solve (fieldTable.ts). */
export interface TabledContacts {
  table: ContactFieldTable;
  contacts: ContactGeometry[];
}

/** Where node potentials come from: the solved unit fields of the pose, or a contact table. */
export type FieldSource = UnitLeadFields | TabledContacts;

export const isTabled = (f: FieldSource): f is TabledContacts => 'table' in f;

/** Fibres of a path set and the points (mm, xyz interleaved) where the field is sampled. */
export interface SampledFibres {
  paths: FiberPath[];
  fibres: Fiber[];
  /** node points of all fibres, fibre after fibre (main axon's nodes, then each branch's) */
  nodePointsMm: Float64Array;
  /** number of sampled points per fibre */
  sampledCounts: number[];
}

/** Compartments the field is sampled at: the main axon's nodes, then each branch's nodes. */
function sampledCompartments(f: Fiber): number[] {
  return [
    ...Array.from(f.nodeCompartments),
    ...f.branches.flatMap((b) => Array.from(b.nodeCompartments)),
  ];
}

/** Builds the fibres of `paths` and their sampled points (no field involved). */
export function sampledFibres(paths: FiberPath[]): SampledFibres {
  const fibres = paths.map((p) => fiberForPath(p));
  const perFibre = fibres.map((f, i) => {
    const a = compartmentPointsOnPath(f, paths[i]!.pathMm, pathBranches(paths[i]!));
    const sampled = sampledCompartments(f);
    const out = new Float64Array(sampled.length * 3);
    sampled.forEach((k, j) => out.set(a.subarray(3 * k, 3 * k + 3), 3 * j));
    return out;
  });
  const total = perFibre.reduce((acc, p) => acc + p.length, 0);
  const nodePointsMm = new Float64Array(total);
  let off = 0;
  for (const p of perFibre) {
    nodePointsMm.set(p, off);
    off += p.length;
  }
  return { paths, fibres, nodePointsMm, sampledCounts: perFibre.map((p) => p.length / 3) };
}

/**
 * Caches of the sampler, as an explicit object: fibres per path set (kept while the path array
 * lives), and points prepared per (lead fields, path set, contact group).
 */
export class SamplingCache {
  private fibres = new WeakMap<FiberPath[], SampledFibres>();
  private prepared = new WeakMap<
    UnitLeadFields,
    WeakMap<FiberPath[], Map<number, PreparedPoints>>
  >();

  private tablePoints = new WeakMap<ContactFieldTable, WeakMap<FiberPath[], TablePoints>>();

  /** A path set's node points prepared for a table (positions solved later: lazily). */
  tablePointsOf(table: ContactFieldTable, paths: FiberPath[]): TablePoints {
    let byPaths = this.tablePoints.get(table);
    if (!byPaths) this.tablePoints.set(table, (byPaths = new WeakMap()));
    let hit = byPaths.get(paths);
    if (!hit) byPaths.set(paths, (hit = table.prepare(this.fibresOf(paths).nodePointsMm)));
    return hit;
  }

  fibresOf(paths: FiberPath[]): SampledFibres {
    let hit = this.fibres.get(paths);
    if (!hit) this.fibres.set(paths, (hit = sampledFibres(paths)));
    return hit;
  }

  private lastPreparedFibres = new WeakMap<
    object,
    WeakMap<FiberPath[], { key: string; fibres: PreparedFiber[] }>
  >();

  /**
   * The fibres last prepared for a path set on these fields, when the program's contact
   * weights and axial shift are the same (an amplitude, pulse width, rate or waveform edit
   * leaves the node potentials as they were); otherwise `make()`'s, kept in their place.
   */
  lastPrepared(
    fields: FieldSource,
    paths: FiberPath[],
    weights: ArrayLike<number>,
    axialShiftMm: number,
    make: () => PreparedFiber[],
  ): PreparedFiber[] {
    // a contact table answers for contacts placed anew on each request: key on their geometry
    const owner = isTabled(fields) ? fields.table : fields;
    const key = `${Array.from(weights).join(',')}|${axialShiftMm}${
      isTabled(fields) ? `|${JSON.stringify(fields.contacts)}` : ''
    }`;
    let byPaths = this.lastPreparedFibres.get(owner);
    if (!byPaths) this.lastPreparedFibres.set(owner, (byPaths = new WeakMap()));
    const hit = byPaths.get(paths);
    if (hit && hit.key === key) return hit.fibres;
    const fibres = make();
    byPaths.set(paths, { key, fibres });
    return fibres;
  }

  preparedPoints(fields: UnitLeadFields, paths: FiberPath[], used: number[]): PreparedPoints {
    let byPaths = this.prepared.get(fields);
    if (!byPaths) this.prepared.set(fields, (byPaths = new WeakMap()));
    let byGroup = byPaths.get(paths);
    if (!byGroup) byPaths.set(paths, (byGroup = new Map()));
    // prepared per contact group (contacts of one shape share a group, shifted along the axis):
    // a program on other contacts of the same lead prepares nothing new
    const groups = [...new Set(used.map((c) => fields.contacts[c]!.group))];
    const missing = groups.filter((g) => !byGroup.has(g));
    if (missing.length > 0) {
      const contactOf = missing.map((g) => fields.contacts.findIndex((c) => c.group === g));
      const pp = preparePoints(fields, this.fibresOf(paths).nodePointsMm, contactOf);
      for (const g of missing) byGroup.set(g, pp);
    }
    const parts = groups.map((g) => [g, byGroup.get(g)!] as const);
    const first = parts[0]?.[1];
    if (!first)
      return {
        count: this.fibresOf(paths).nodePointsMm.length / 3,
        uvw: new Float64Array(0),
        cosK: [],
        sinK: [],
      };
    return {
      count: first.count,
      uvw: first.uvw,
      cosK: fields.groups.map((_g, gi) => parts.find(([g]) => g === gi)?.[1].cosK[gi] ?? EMPTY),
      sinK: fields.groups.map((_g, gi) => parts.find(([g]) => g === gi)?.[1].sinK[gi] ?? null),
    };
  }
}

const EMPTY = new Float64Array(0);

/** The sampler's shared cache (the app's worker and the CLI each hold one per process). */
export const defaultSamplingCache = new SamplingCache();

/** Program potential (mV per mA of amplitude) at every sampled node of a path set. */
export function programNodePotentials(
  fields: FieldSource,
  paths: FiberPath[],
  weights: ArrayLike<number>,
  /** slide of the solved contacts along the structure axis (run.ts, axially canonical solves) */
  axialShiftMm = 0,
  cache: SamplingCache = defaultSamplingCache,
): Float64Array {
  if (isTabled(fields)) {
    // the table places each contact itself (its w included): no axial shift to add
    const tp = cache.tablePointsOf(fields.table, paths);
    return fields.table.programPotentials(tp, fields.contacts, weights);
  }
  const used: number[] = [];
  for (let c = 0; c < weights.length; c++) if (weights[c] !== 0) used.push(c);
  const pp = cache.preparedPoints(fields, paths, used);
  const ve = new Float64Array(pp.count);
  const tmp = new Float64Array(pp.count);
  for (const c of used) {
    contactPotentials(fields, pp, c, axialShiftMm, tmp);
    const w = weights[c]!;
    for (let i = 0; i < ve.length; i++) ve[i]! += w * tmp[i]!;
  }
  return ve;
}

/**
 * Carries node potentials (as sampled by `sampledFibres`) to every compartment: linear along
 * the main axon between nodes, and along each branch from its attachment.
 */
export function expandToCompartments(sf: SampledFibres, nodeVeAll: Float64Array): PreparedFiber[] {
  let o = 0;
  return sf.fibres.map((fiber, i) => {
    const nodeVe = nodeVeAll.slice(o, o + fiber.nodeCount);
    o += fiber.nodeCount;
    const pos = fiber.compartmentPositionsUm;
    const veUnitMv = new Float64Array(pos.length);
    const mainCount = fiber.branches[0]?.compartments[0] ?? pos.length;
    const last = fiber.nodeCount - 1;
    let j = 0;
    for (let k = 0; k < mainCount; k++) {
      while (j + 1 < last && pos[fiber.nodeCompartments[j + 1]!]! < pos[k]!) j++;
      const a = pos[fiber.nodeCompartments[j]!]!;
      const b = pos[fiber.nodeCompartments[Math.min(j + 1, last)]!]!;
      const t = b > a ? Math.min(1, Math.max(0, (pos[k]! - a) / (b - a))) : 0;
      veUnitMv[k] = (1 - t) * nodeVe[j]! + t * nodeVe[Math.min(j + 1, last)]!;
    }
    for (const b of fiber.branches) {
      // between the attachment (distance 0) and the branch's nodes, linearly along the branch
      let prevD = 0;
      let prevV = veUnitMv[b.attachCompartment]!;
      let q = 0;
      const nodeAt = new Map(Array.from(b.nodeCompartments, (k, m) => [k, nodeVeAll[o + m]!]));
      o += b.nodeCompartments.length;
      const dist = b.distancesUm;
      for (let m = 0; m < b.compartments.length; m++) {
        const v = nodeAt.get(b.compartments[m]!);
        if (v === undefined) continue;
        for (; q <= m; q++) {
          const t = dist[m]! > prevD ? (dist[q]! - prevD) / (dist[m]! - prevD) : 1;
          veUnitMv[b.compartments[q]!] = prevV + t * (v - prevV);
        }
        prevD = dist[m]!;
        prevV = v;
      }
      for (; q < b.compartments.length; q++) veUnitMv[b.compartments[q]!] = prevV;
    }
    return { path: sf.paths[i]!, fiber, veUnitMv, nodeVe };
  });
}

/**
 * Unit-program potentials (mV per mA) at every compartment of each fibre for a weighted sum of
 * contacts (cathodes positive).
 */
export function prepareFibres(
  fields: FieldSource,
  paths: FiberPath[],
  weights: ArrayLike<number>,
  axialShiftMm = 0,
  cache: SamplingCache = defaultSamplingCache,
): PreparedFiber[] {
  return cache.lastPrepared(fields, paths, weights, axialShiftMm, () =>
    expandToCompartments(
      cache.fibresOf(paths),
      programNodePotentials(fields, paths, weights, axialShiftMm, cache),
    ),
  );
}
