/**
 * The whole estimate for one Scenario, pure (no Node or DOM APIs) so that the CLI and the app's
 * workers run identical code: anatomy → volume conductor → unit lead fields (one per contact,
 * 1 mA) → program field by superposition → fibre populations → thresholds (instant tier:
 * calibrated activating-function estimate of models/neuron; full tier: cable-model threshold
 * search) → Result.
 */
import { toAnatomy, type StructureFrame } from './anatomy/shapes.ts';
import { DREZ_ANGLE_DEG } from './anatomy/roots.ts';
import { MRG_TABLE } from './neuron/mrg.ts';
import {
  conductivityPreset,
  crossSection,
  resolveAnatomy,
  type ResolvedAnatomy,
} from './anatomy/index.ts';
import { contactGeometry, findLead } from './devices/index.ts';
import {
  conductorFromSection,
  contactPotentials,
  preparePoints,
  solveUnitFields,
  type ContactGeometry,
  type UnitLeadFields,
  type VolumeConductor,
  leadFieldKey,
  LeadFieldLru,
} from './field/index.ts';
import {
  fiberForPath,
  instantPopulation,
  firesAt,
  fullPopulationThresholds,
  instantUncovered,
  type PopulationThresholds,
  type PreparedFiber,
} from './neuron/populationRun.ts';
import {
  compartmentPointsOnPath,
  dorsalColumnFibers,
  mapPathPoints,
  pathBranches,
  dorsalRootFibers,
  drgNeurons,
  fascicleFibers,
  type FiberPath,
} from './neuron/populations.ts';
import type { WaveformSpec } from './neuron/waveform.ts';
import type { Fiber } from './neuron/fiber.ts';
import type { FieldIssue, Scenario } from './scenario.ts';

export const PIPELINE_MODEL =
  '2.5-D finite-volume lead fields + fibre populations (models/field, models/neuron)';

export interface ContactKey {
  leadId: string;
  contactIndex: number;
}

export interface PopulationResult {
  name: string;
  fibreType: string;
  fibreCount: number;
  /** threshold (mA of program amplitude) per fibre, the lowest that fires; null when not reached */
  thresholdsMa: (number | null)[];
  /**
   * Full tier: per fibre, the first window above its threshold (quiet from `quietFromMa`, firing
   * again from `firesAgainMa`, null when not within the scan); null when the fibre has none
   */
  windows?: ({ quietFromMa: number; firesAgainMa: number | null } | null)[];
  /** full tier: how far above each threshold windows were looked for (mA) */
  windowScanToMa?: number;
  /** fires at the programmed amplitude: at or above its threshold and outside its window */
  activated: boolean[];
  shareActivated: number;
  amplitudeMa: number;
}

export interface RunResult {
  kind: 'neuromod-result';
  resultVersion: 1;
  scenarioName: string;
  therapy: Scenario['therapy'];
  tier: 'instant' | 'full';
  populations: PopulationResult[];
  field: {
    solver: string;
    gridNodes: number;
    wavenumbers: number;
    contacts: number;
    elapsedMs: number;
    /** hash of anatomy + lead poses + conductivities (models/field/cache.ts) */
    cacheKey: string;
    fromCache: boolean;
  };
  notes: string[];
  /** wall time of the whole run (field.elapsedMs: the lead-field solve alone, 0 when cached) */
  elapsedMs?: number;
  provenance: { model: string; settings: Scenario['model']; appVersion: string; time: string };
}

/** Contacts of every lead of the scenario, in lead order then contact order. */
export function scenarioContacts(s: Scenario): {
  contacts: ContactGeometry[];
  keys: ContactKey[];
  issues: FieldIssue[];
} {
  const contacts: ContactGeometry[] = [];
  const keys: ContactKey[] = [];
  const issues: FieldIssue[] = [];
  s.leads.forEach((lead, li) => {
    const entry = findLead(lead.catalogId);
    if (!entry) {
      issues.push({
        path: `leads.${li}.catalogId`,
        message: `unknown lead "${lead.catalogId}" in the catalogue`,
      });
      return;
    }
    for (const c of contactGeometry(entry, lead)) {
      const centreMm = { x: c.centreMm.xMm, y: c.centreMm.yMm, z: c.centreMm.zMm };
      contacts.push(
        c.kind === 'pad'
          ? {
              kind: 'pad',
              centreMm,
              axis: c.axis,
              normal: c.normal,
              lengthMm: c.lengthMm,
              widthMm: c.widthMm ?? c.lengthMm,
            }
          : {
              kind: 'ring',
              centreMm,
              axis: c.axis,
              lengthMm: c.lengthMm,
              diameterMm: c.diameterMm ?? 1.3,
            },
      );
      keys.push({ leadId: lead.id, contactIndex: c.contactIndex });
    }
  });
  return { contacts, keys, issues };
}

export function scenarioConductor(s: Scenario): {
  resolved: ResolvedAnatomy;
  conductor: VolumeConductor;
  issues: FieldIssue[];
} {
  const resolved = resolveAnatomy(s.anatomy);
  const set = conductivityPreset(s.model.conductivityPreset);
  const issues: FieldIssue[] = [];
  if (!set)
    issues.push({
      path: 'model.conductivityPreset',
      message: `unknown conductivity preset "${s.model.conductivityPreset}"`,
    });
  const conductor = conductorFromSection(
    crossSection(resolved),
    set ?? conductivityPreset('default')!,
    s.anatomy.kind,
  );
  return { resolved, conductor, issues };
}

/** Checks that every contact lies in tissue inside the model; nothing is solved when issues are returned. */
export function contactPlacementIssues(
  conductor: VolumeConductor,
  contacts: ContactGeometry[],
  keys: ContactKey[],
  leadIndex: (id: string) => number,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const f = conductor.frame;
  contacts.forEach((c, i) => {
    const p = c.centreMm;
    const [u, v] = structureUv(f, p.x, p.y, p.z);
    const region = conductor.regionAt(u, v);
    const k = keys[i]!;
    if (region === undefined) {
      issues.push({
        path: `leads.${leadIndex(k.leadId)}.tipMm`,
        message: `contact ${k.contactIndex} of lead "${k.leadId}" at (${p.x.toFixed(1)}, ${p.y.toFixed(1)}, ${p.z.toFixed(1)}) mm lies outside the tissue of the model`,
      });
    } else if (region === 'cord white matter' || region === 'grey matter') {
      issues.push({
        path: `leads.${leadIndex(k.leadId)}.tipMm`,
        message: `contact ${k.contactIndex} of lead "${k.leadId}" lies inside the spinal cord (${region})`,
      });
    }
  });
  return issues;
}

function structureUv(f: StructureFrame, x: number, y: number, z: number): [number, number] {
  const dx = x - f.originMm[0];
  const dy = y - f.originMm[1];
  const dz = z - f.originMm[2];
  return [f.eU[0] * dx + f.eU[1] * dy + f.eU[2] * dz, f.eV[0] * dx + f.eV[1] * dy + f.eV[2] * dz];
}

/** Signed contact currents per mA of program amplitude, cathodes positive (they act as sources of Ve < 0 under a cathodic pulse). */
export function programWeights(s: Scenario, keys: ContactKey[]): Float64Array {
  const w = new Float64Array(keys.length);
  for (const c of s.program.contacts) {
    const i = keys.findIndex((k) => k.leadId === c.leadId && k.contactIndex === c.contactIndex);
    if (i < 0 || c.polarity === 'off') continue;
    w[i] = (c.polarity === 'cathode' ? 1 : -1) * (c.fractionPercent / 100);
  }
  return w;
}

export function programWaveform(s: Scenario): { spec: WaveformSpec; note?: string } {
  const pw = s.program.pulseWidthUs;
  const wf = s.program.waveform;
  if (wf.kind === 'tonic')
    return { spec: { kind: wf.shape, pulseWidthUs: pw, interphaseUs: wf.interphaseUs } };
  return {
    spec: { kind: 'biphasic-cathodic-first', pulseWidthUs: pw, interphaseUs: 20 },
    note: `${wf.kind} waveform estimated from its single pulse (biphasic, cathodic first); train effects are not modelled`,
  };
}

/** Fibre populations of the scenario's anatomy, in the anatomy frame. */
export function scenarioPopulations(
  s: Scenario,
  r: ResolvedAnatomy,
): { name: string; paths: FiberPath[] }[] {
  // the same anatomy and settings give the same (seeded) fibres: reuse them, so that caches
  // keyed by the path arrays (prepareFibres) survive a moved lead or a new program
  const key = JSON.stringify([r, s.model.fibresPerPopulation, s.model.seed, s.model.fibreModel]);
  const hit = populationMemo.get(key);
  if (hit) return hit;
  const made = withFibreModel(buildPopulations(s, r), s.model.fibreModel);
  populationMemo.set(key, made);
  if (populationMemo.size > 4) populationMemo.delete(populationMemo.keys().next().value!);
  return made;
}

const populationMemo = new Map<string, { name: string; paths: FiberPath[] }[]>();

/**
 * The scenario's fibre model for the myelinated fibres (C fibres keep their own model): MRG with
 * interpolated geometry (default), or MRG with its tabulated geometry, each fibre at the nearest
 * tabulated diameter (McIntyre 2002: 5.7–16 µm).
 */
function withFibreModel(
  pops: { name: string; paths: FiberPath[] }[],
  model: Scenario['model']['fibreModel'],
): { name: string; paths: FiberPath[] }[] {
  if (model === 'mrg-interp') return pops;
  const nearest = (d: number) =>
    MRG_TABLE.reduce(
      (b, g) => (Math.abs(g.diameterUm - d) < Math.abs(b - d) ? g.diameterUm : b),
      16,
    );
  return pops.map((p) => ({
    ...p,
    paths: p.paths.map((f) =>
      f.model === 'c-fiber'
        ? f
        : {
            ...f,
            model,
            diameterUm: model === 'mrg' ? nearest(f.diameterUm) : f.diameterUm,
          },
    ),
  }));
}

function buildPopulations(s: Scenario, r: ResolvedAnatomy): { name: string; paths: FiberPath[] }[] {
  const n = s.model.fibresPerPopulation;
  const seed = s.model.seed;
  if (r.kind === 'spine') {
    const cordRadiusMm = r.cordApMm / 2;
    const cordHalfWidthMm = r.cordRlMm / 2;
    // the roots enter where models/anatomy draws the dorsal root entry zones
    const rootShape = { cordRadiusMm, cordHalfWidthMm, entryAngleDeg: DREZ_ANGLE_DEG };
    const shift = (paths: FiberPath[]) =>
      paths.map((p) => {
        const q = Float64Array.from(p.pathMm);
        for (let i = 0; i < q.length; i += 3) q[i]! += r.cordLateralOffsetMm;
        return { ...p, pathMm: q };
      });
    if (r.caudaEquina) {
      return [
        {
          name: 'cauda equina roots',
          paths: shift(
            fascicleFibers({
              count: n,
              seed,
              centreMm: [0, 0],
              radiusMm: cordRadiusMm,
              mix: { Aα: 0.3, Aβ: 0.7, Aδ: 0, C: 0 },
            }),
          ),
        },
      ];
    }
    return [
      {
        name: 'dorsal columns',
        paths: shift(dorsalColumnFibers({ count: n, seed, cordRadiusMm, cordHalfWidthMm })),
      },
      {
        name: 'dorsal roots (left)',
        paths: shift(dorsalRootFibers({ count: n, seed: seed + 1, ...rootShape, side: 1 })),
      },
      {
        name: 'dorsal roots (right)',
        paths: shift(dorsalRootFibers({ count: n, seed: seed + 2, ...rootShape, side: -1 })),
      },
    ];
  }
  if (r.kind === 'drg') {
    // generator frame: ganglion along +z (central); structure frame: w along the root, distal → (−x, y, −z)
    const toFrame = (paths: FiberPath[]) =>
      paths.map((p) => mapPathPoints(p, (x, y, z) => toAnatomy(r.frame, -x, y, -z)));
    const all = drgNeurons({
      count: n,
      seed,
      ganglionHalfLengthMm: r.ganglionLengthMm / 2,
      ganglionRadiusMm: r.ganglionWidthMm / 2,
    });
    return [
      {
        name: 'DRG Aβ neurons',
        paths: toFrame(all.filter((p) => p.type === 'DRG-axon')),
      },
    ];
  }
  return r.fascicles.map((f, i) => ({
    name: `fascicle ${i + 1}`,
    paths: fascicleFibers({
      count: Math.max(1, Math.round(n / r.fascicles.length)),
      seed: seed + i,
      centreMm: [f.centreUMm, f.centreVMm],
      radiusMm: f.diameterMm / 2,
    }),
  }));
}

export interface RunOptions {
  tier?: 'instant' | 'full';
  appVersion?: string;
  now?: () => Date;
  onProgress?: (fraction: number, stage: string) => void;
  shouldCancel?: () => boolean;
  /** lead fields computed earlier for this scenario's key */
  leadFields?: UnitLeadFields;
  /** in-memory cache consulted and filled by key */
  cache?: LeadFieldLru;
}

export class ScenarioProblem extends Error {
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    this.name = 'ScenarioProblem';
    this.issues = issues;
  }
}

/** Validates, solves (or reuses) the unit lead fields. Throws ScenarioProblem before any solve. */
/** Contacts slid along the structure axis so that the first sits at w = 0 (see scenarioLeadFields). */
function slideToAxisOrigin(
  conductor: VolumeConductor,
  contacts: ContactGeometry[],
  canonical: boolean,
): { solved: ContactGeometry[]; axialShiftMm: number } {
  if (!canonical || contacts.length === 0) return { solved: contacts, axialShiftMm: 0 };
  const f = conductor.frame;
  const c0 = contacts[0]!.centreMm;
  // rounded so that equal poses share a cache key (keys are exact to 1e-5 mm)
  const axialShiftMm =
    Math.round(
      (f.eW[0] * (c0.x - f.originMm[0]) +
        f.eW[1] * (c0.y - f.originMm[1]) +
        f.eW[2] * (c0.z - f.originMm[2])) *
        1e4,
    ) / 1e4;
  const solved = contacts.map((c) => ({
    ...c,
    centreMm: {
      x: c.centreMm.x - axialShiftMm * f.eW[0],
      y: c.centreMm.y - axialShiftMm * f.eW[1],
      z: c.centreMm.z - axialShiftMm * f.eW[2],
    },
  }));
  return { solved, axialShiftMm };
}

/** The cache key of a scenario's lead fields as runScenario solves them (axially canonical). */
export function scenarioFieldKey(s: Scenario): string {
  const { conductor } = scenarioConductor(s);
  const { contacts } = scenarioContacts(s);
  const { solved } = slideToAxisOrigin(conductor, contacts, true);
  return leadFieldKey({ conductor: conductor.describe(), contacts: solved });
}

export function scenarioLeadFields(
  s: Scenario,
  opts: Pick<RunOptions, 'onProgress' | 'shouldCancel' | 'leadFields' | 'cache'> & {
    /**
     * Solve (and key the cache) with the contacts slid along the structure axis so that the first
     * one sits at w = 0; `axialShiftMm` then says how far to slide the fields back when sampling
     * (contactPotentials' extra shift). The anatomy is uniform along that axis, so a lead moved
     * along the cord or nerve reuses the same solve.
     */
    axialCanonical?: boolean;
    /** multiplies every grid spacing (convergence studies, `neuromod field --grid-scale`); default 1 */
    gridScale?: number;
  } = {},
) {
  const { resolved, conductor, issues } = scenarioConductor(s);
  const { contacts, keys, issues: ci } = scenarioContacts(s);
  const all = [...issues, ...ci];
  if (all.length === 0)
    all.push(
      ...contactPlacementIssues(conductor, contacts, keys, (id) =>
        s.leads.findIndex((l) => l.id === id),
      ),
    );
  if (contacts.length === 0 && all.length === 0)
    all.push({ path: 'leads', message: 'the scenario has no lead contacts' });
  if (all.length) throw new ScenarioProblem(all);
  const { solved, axialShiftMm } = slideToAxisOrigin(
    conductor,
    contacts,
    opts.axialCanonical ?? false,
  );
  const gridScale = opts.gridScale ?? 1;
  const key = leadFieldKey({
    conductor: conductor.describe(),
    contacts: solved,
    ...(gridScale !== 1 ? { solverOptions: { gridScale } } : {}),
  });
  const cached = opts.leadFields ?? opts.cache?.getSync(key);
  const fields =
    cached ??
    solveUnitFields(conductor, solved, {
      ...(gridScale !== 1 ? { gridScale } : {}),
      onProgress: (f) => opts.onProgress?.(f, 'lead fields'),
      ...(opts.shouldCancel ? { shouldCancel: opts.shouldCancel } : {}),
    });
  if (!cached) opts.cache?.putSync(key, fields);
  return {
    resolved,
    conductor,
    contacts,
    keys,
    fields,
    key,
    axialShiftMm,
    fromCache: cached !== undefined,
  };
}

/**
 * Thresholds (mA of program amplitude) of fibres on `paths` for the program field
 * Σ_c weights[c]·φ_c (cathodes positive). Ve is sampled at the nodes and interpolated along the
 * fibre for the other compartments (internodes ≈ 1 mm; the potential is smooth on that scale).
 */
/**
 * Unit-field potentials (mV per mA) at every compartment of each fibre for a weighted sum of
 * contacts: sampled at the nodes, interpolated along the fibre between them.
 */
interface PreparedPointsEntry {
  fibres: Fiber[];
  nodeCounts: number[];
  pp: ReturnType<typeof preparePoints>;
  total: number;
}

/** Fibres built and node points prepared once per (lead fields, fibre set, active contacts). */
const preparedCache = new WeakMap<
  UnitLeadFields,
  WeakMap<FiberPath[], Map<string, PreparedPointsEntry>>
>();

/** Compartments the field is sampled at: the main axon's nodes, then each branch's nodes. */
function sampledCompartments(f: Fiber): number[] {
  return [
    ...Array.from(f.nodeCompartments),
    ...f.branches.flatMap((b) => Array.from(b.nodeCompartments)),
  ];
}

function preparedPoints(
  fields: UnitLeadFields,
  paths: FiberPath[],
  used: number[],
): PreparedPointsEntry {
  let byPaths = preparedCache.get(fields);
  if (!byPaths) preparedCache.set(fields, (byPaths = new WeakMap()));
  let byUsed = byPaths.get(paths);
  if (!byUsed) byPaths.set(paths, (byUsed = new Map()));
  const key = used.join(',');
  const hit = byUsed.get(key);
  if (hit) return hit;
  const fibres = paths.map((p) => fiberForPath(p));
  // sample at the nodes only (main axon, then the branches' nodes); other compartments take
  // the value interpolated along the fibre or branch
  const nodePts = fibres.map((f, i) => {
    const a = compartmentPointsOnPath(f, paths[i]!.pathMm, pathBranches(paths[i]!));
    const sampled = sampledCompartments(f);
    const out = new Float64Array(sampled.length * 3);
    sampled.forEach((k, j) => out.set(a.subarray(3 * k, 3 * k + 3), 3 * j));
    return out;
  });
  const total = nodePts.reduce((acc, p) => acc + p.length, 0);
  const all = new Float64Array(total);
  let off = 0;
  for (const p of nodePts) {
    all.set(p, off);
    off += p.length;
  }
  const entry = {
    fibres,
    nodeCounts: fibres.map((f) => f.nodeCount),
    pp: preparePoints(fields, all, used),
    total,
  };
  byUsed.set(key, entry);
  return entry;
}

/**
 * Unit-field potentials (mV per mA) at every compartment of each fibre for a weighted sum of
 * contacts: sampled at the nodes, interpolated along the fibre between them.
 */
export function prepareFibres(
  fields: UnitLeadFields,
  paths: FiberPath[],
  weights: ArrayLike<number>,
  /** slide of the solved contacts along the structure axis (scenarioLeadFields axialCanonical) */
  axialShiftMm = 0,
): PreparedFiber[] {
  const used: number[] = [];
  Array.from(weights).forEach((w, c) => {
    if (w !== 0) used.push(c);
  });
  const { fibres, pp, total } = preparedPoints(fields, paths, used);
  const ve = new Float64Array(total / 3);
  const tmp = new Float64Array(total / 3);
  Array.from(weights).forEach((w, c) => {
    if (w === 0) return;
    contactPotentials(fields, pp, c, axialShiftMm, tmp);
    for (let i = 0; i < ve.length; i++) ve[i]! += w * tmp[i]!;
  });
  let o = 0;
  return fibres.map((fiber, i) => {
    const nodeVe = ve.slice(o, o + fiber.nodeCount);
    o += fiber.nodeCount;
    const pos = fiber.compartmentPositionsUm;
    const veUnitMv = new Float64Array(pos.length);
    const mainCount = fiber.branches[0]?.compartments[0] ?? pos.length;
    let j = 0;
    for (let k = 0; k < mainCount; k++) {
      while (j + 1 < fiber.nodeCount - 1 && pos[fiber.nodeCompartments[j + 1]!]! < pos[k]!) j++;
      const a = pos[fiber.nodeCompartments[j]!]!;
      const b = pos[fiber.nodeCompartments[Math.min(j + 1, fiber.nodeCount - 1)]!]!;
      const t = b > a ? Math.min(1, Math.max(0, (pos[k]! - a) / (b - a))) : 0;
      veUnitMv[k] = (1 - t) * nodeVe[j]! + t * nodeVe[Math.min(j + 1, fiber.nodeCount - 1)]!;
    }
    for (const b of fiber.branches) {
      // between the attachment (distance 0) and the branch's nodes, linearly along the branch
      let prevD = 0;
      let prevV = veUnitMv[b.attachCompartment]!;
      let q = 0;
      // sampled value of each of the branch's nodes (in the order they were sampled)
      const nodeAt = new Map(Array.from(b.nodeCompartments, (k, m) => [k, ve[o + m]!]));
      o += b.nodeCompartments.length;
      const dist = b.distancesUm;
      for (let m = 0; m < b.compartments.length; m++) {
        const k = b.compartments[m]!;
        const v = nodeAt.get(k);
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
    return { path: paths[i]!, fiber, veUnitMv, nodeVe };
  });
}

/**
 * Top of the full tier's window scan per therapy (mA): the highest programmable amplitude of the
 * systems in clinical.md §3.2 (SCS tonic 25.5 mA, Abbott/Boston; DRG 6 mA, Abbott Axium; PNS
 * 10.2 mA, Nalu). Fixed per therapy so that thresholds stay independent of the amplitude.
 */
export const WINDOW_SCAN_TO_MA: Record<Scenario['therapy'], number> = {
  SCS: 25.5,
  DRG: 6,
  PNS: 10.2,
};

export function populationThresholds(
  fields: UnitLeadFields,
  paths: FiberPath[],
  weights: ArrayLike<number>,
  spec: WaveformSpec,
  tier: 'instant' | 'full',
  dtUs = 5,
  axialShiftMm = 0,
): Float64Array {
  return populationEstimate(fields, paths, weights, spec, tier, dtUs, axialShiftMm).thresholdsMa;
}

/** Thresholds of a population in either tier, with the full tier's windows. */
export function populationEstimate(
  fields: UnitLeadFields,
  paths: FiberPath[],
  weights: ArrayLike<number>,
  spec: WaveformSpec,
  tier: 'instant' | 'full',
  dtUs = 5,
  axialShiftMm = 0,
  windowScanToMa?: number,
): PopulationThresholds {
  const prepared = prepareFibres(fields, paths, weights, axialShiftMm);
  if (tier === 'full') {
    return fullPopulationThresholds(prepared, spec, {
      dtUs,
      ...(windowScanToMa !== undefined ? { windowScanToMa } : {}),
    });
  }
  return {
    thresholdsMa: instantPopulation(prepared, spec),
    windows: prepared.map(() => null),
    windowScanToMa: null,
    uncalibratedFibres: instantUncovered(prepared, spec),
  };
}

export function runScenario(s: Scenario, opts: RunOptions = {}): RunResult {
  const tier = opts.tier ?? s.model.tier;
  const t0 = Date.now();
  const lf = scenarioLeadFields(s, { ...opts, axialCanonical: true });
  const fields = lf.fields;
  const weights = programWeights(s, lf.keys);
  const { spec, note } = programWaveform(s);
  const notes: string[] = [];
  if (note) notes.push(note);
  if (s.program.caseIsReturn)
    notes.push('the generator case is the return: modelled as a distant ground');
  lf.contacts.forEach((c, i) => {
    const [u, v] = structureUv(lf.conductor.frame, c.centreMm.x, c.centreMm.y, c.centreMm.z);
    const region = lf.conductor.regionAt(u, v);
    if (region === 'vertebra' || region === 'ganglion') {
      const k = lf.keys[i]!;
      notes.push(
        region === 'vertebra'
          ? `contact ${k.contactIndex} of lead "${k.leadId}" lies in bone of the simplified section (uniform along the ${s.therapy === 'DRG' ? 'root: the canal and foramen openings are not modelled' : 'cord'})`
          : `contact ${k.contactIndex} of lead "${k.leadId}" lies inside the ganglion`,
      );
    }
    if (region === 'CSF' || region === 'dura') {
      const k = lf.keys[i]!;
      notes.push(
        `contact ${k.contactIndex} of lead "${k.leadId}" lies in the ${region}, not in the epidural space`,
      );
    }
  });
  const pops = scenarioPopulations(s, lf.resolved);
  if (tier === 'instant' && s.anatomy.kind === 'nerve') {
    // measured on the default PNS plan (1000 µs): instant/full median 1.2–3.2 per fascicle
    // (README, "Instant tier against the full model")
    notes.push(
      'instant tier inside fascicles: not calibrated for the perineurium-confined field; on the default PNS plan it reads 1.2–3.2× the full tier (median per fascicle). Use the full tier for PNS thresholds',
    );
  }
  const amp = s.program.amplitudeMa;
  const results: PopulationResult[] = [];
  pops.forEach((pop, pi) => {
    if (opts.shouldCancel?.()) throw new Error('run cancelled');
    const est = populationEstimate(
      fields,
      pop.paths,
      weights,
      spec,
      tier,
      s.model.dtUs,
      lf.axialShiftMm,
      WINDOW_SCAN_TO_MA[s.therapy],
    );
    const thresholdsMa = Array.from(est.thresholdsMa, (t) => (Number.isFinite(t) ? t : null));
    const windows =
      tier === 'full'
        ? est.windows.map((w) =>
            w ? { quietFromMa: w.quietFromMa, firesAgainMa: w.firesAgainMa } : null,
          )
        : undefined;
    const activated = thresholdsMa.map((t, i) => firesAt(t, windows?.[i], amp));
    const uncalibrated = est.uncalibratedFibres ?? 0;
    if (uncalibrated > 0) {
      notes.push(
        `instant tier: ${uncalibrated} of ${pop.paths.length} fibres of "${pop.name}" lie outside its calibration (field spread beyond a 4 mm point source, or the peak drive at a fibre end); their instant thresholds are not validated — the full tier's are the answer`,
      );
    }
    results.push({
      name: pop.name,
      fibreType:
        new Set(pop.paths.map((p) => p.type)).size > 1 ? 'mixed' : (pop.paths[0]?.type ?? 'none'),
      fibreCount: pop.paths.length,
      thresholdsMa,
      ...(windows ? { windows, windowScanToMa: WINDOW_SCAN_TO_MA[s.therapy] } : {}),
      activated,
      shareActivated: activated.length ? activated.filter(Boolean).length / activated.length : 0,
      amplitudeMa: amp,
    });
    opts.onProgress?.((pi + 1) / pops.length, 'populations');
  });
  return {
    kind: 'neuromod-result',
    resultVersion: 1,
    scenarioName: s.name,
    therapy: s.therapy,
    tier,
    populations: results,
    field: {
      solver: '2.5-D finite volume',
      gridNodes: fields.stats.nodes,
      wavenumbers: fields.stats.kCount,
      contacts: fields.contacts.length,
      elapsedMs: lf.fromCache ? 0 : fields.stats.elapsedMs,
      cacheKey: lf.key,
      fromCache: lf.fromCache,
    },
    notes,
    elapsedMs: Date.now() - t0,
    provenance: {
      model: PIPELINE_MODEL,
      settings: s.model,
      appVersion: opts.appVersion ?? 'unknown',
      time: (opts.now?.() ?? new Date()).toISOString(),
    },
  };
}
