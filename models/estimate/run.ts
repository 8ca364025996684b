/**
 * One estimate of a Scenario, orchestration only: anatomy → volume conductor → unit lead fields
 * (one per contact, 1 mA; cached) → the program's potential sampled along every fibre
 * (sampling.ts) → thresholds per fibre (instant: calibrated activating-function estimate; full:
 * cable-model search, progressively) → Result. Pure (no Node or DOM APIs): the CLI and the
 * app's workers run identical code.
 */
import { conductivityPreset, crossSection, type ResolvedAnatomy } from '../anatomy/index.ts';
import {
  conductorFromSection,
  leadFieldKey,
  solveUnitFields,
  type ContactGeometry,
  type LeadFieldLru,
  type UnitLeadFields,
  type VolumeConductor,
} from '../field/index.ts';
import {
  firesAt,
  fullPopulationSteps,
  fullPopulationThresholds,
  instantPopulation,
  instantUncovered,
  type PopulationThresholds,
} from '../neuron/populationRun.ts';
import type { FiberPath } from '../neuron/populations.ts';
import type { WaveformSpec } from '../neuron/waveform.ts';
import type { FieldIssue, Scenario } from '../scenario.ts';
import {
  contactPlacementIssues,
  contactPlacementNotes,
  programWeights,
  scenarioContacts,
  structureW,
  type ContactKey,
} from './contacts.ts';
import { PopulationCache, defaultPopulationCache } from './populations.ts';
import { ContactTableCache, contactTableSpec, defaultTableCache } from './fieldTable.ts';
import {
  defaultSamplingCache,
  prepareFibres,
  SamplingCache,
  type FieldSource,
  type TabledContacts,
} from './sampling.ts';
import { therapyModule } from './therapies/index.ts';

export const ESTIMATE_MODEL =
  '2.5-D finite-volume lead fields + fibre populations (models/field, models/neuron)';

export interface PopulationResult {
  /** stable id of the population within its therapy (results are keyed by it) */
  id: string;
  name: string;
  /** recruited only as a side effect (the population's `sideEffect`); absent for targets */
  sideEffect?: 'motor';
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
  /** the search's ceiling (mA): a null threshold means silent up to it */
  searchedToMa?: number;
  /**
   * A partial full-tier result: per fibre, whether its full-tier threshold is in; the others
   * carry the instant tier's estimate meanwhile
   */
  pending?: boolean[];
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
  /** a full-tier result still being computed: fibres done of all (absent when complete) */
  progress?: { doneFibres: number; totalFibres: number };
  field: {
    solver: string;
    gridNodes: number;
    wavenumbers: number;
    contacts: number;
    elapsedMs: number;
    /** hash of anatomy + lead poses + conductivities (models/field/cache.ts) */
    cacheKey: string;
    fromCache: boolean;
    /** the instant tier answered the pose from a contact table (fieldTable.ts) */
    table?: { track: string; positions: number; solved: number };
  };
  notes: string[];
  /** wall time of the whole run (field.elapsedMs: the lead-field solve alone, 0 when cached) */
  elapsedMs?: number;
  provenance: { model: string; settings: Scenario['model']; appVersion: string; time: string };
}

/** The caches an estimate consults, as one explicit object (one per worker or process). */
export interface EstimateCaches {
  fields?: LeadFieldLru;
  populations: PopulationCache;
  sampling: SamplingCache;
  /** contact tables (fieldTable.ts); their positions are read from `fields` */
  tables?: ContactTableCache;
}

export const defaultCaches: EstimateCaches = {
  populations: defaultPopulationCache,
  sampling: defaultSamplingCache,
  tables: defaultTableCache,
};

export interface RunOptions {
  tier?: 'instant' | 'full';
  appVersion?: string;
  now?: () => Date;
  onProgress?: (fraction: number, stage: string) => void;
  /**
   * Full tier: a partial result (instant estimates for the fibres not yet done), about every
   * `partialEveryMs`
   */
  onPartial?: (partial: RunResult) => void;
  partialEveryMs?: number;
  shouldCancel?: () => boolean;
  /** lead fields computed earlier for this scenario's key */
  leadFields?: UnitLeadFields;
  /** in-memory lead-field cache consulted and filled by key */
  cache?: LeadFieldLru;
  caches?: Partial<EstimateCaches>;
  /** full tier over several workers: this run solves fibres i ≡ index (mod count) only */
  shard?: { index: number; count: number };
  /**
   * Instant tier: answer the pose from a contact table when its positions are in the field cache
   * (fieldTable.ts); default true. The full tier always solves the pose.
   */
  contactTables?: boolean;
  /** full tier: simulate every fibre whole, not cut to the stretch the program drives (studies of the cut) */
  wholeFibres?: boolean;
}

export class ScenarioProblem extends Error {
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    this.name = 'ScenarioProblem';
    this.issues = issues;
  }
}

export function scenarioConductor(s: Scenario): {
  resolved: ResolvedAnatomy;
  conductor: VolumeConductor;
  issues: FieldIssue[];
} {
  const resolved = defaultPopulationCache.get(s).resolved;
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

/** Contacts slid along the structure axis so that the first sits at w = 0 (see scenarioLeadFields). */
function slideToAxisOrigin(
  conductor: VolumeConductor,
  contacts: ContactGeometry[],
  canonical: boolean,
): { solved: ContactGeometry[]; axialShiftMm: number } {
  if (!canonical || contacts.length === 0) return { solved: contacts, axialShiftMm: 0 };
  const f = conductor.frame;
  // rounded so that equal poses share a cache key (keys are exact to 1e-5 mm)
  const axialShiftMm = Math.round(structureW(f, contacts[0]!.centreMm) * 1e4) / 1e4;
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

/** The scenario's conductor and contacts, checked; throws ScenarioProblem naming what is wrong. */
export function checkedScenarioContacts(s: Scenario) {
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
  return { resolved, conductor, contacts, keys: keys as ContactKey[] };
}

/**
 * The scenario's contacts answered from a contact table when its positions around them are
 * solved (in the field cache), or null (solve the pose). Throws ScenarioProblem like
 * scenarioLeadFields.
 */
export function scenarioTabledContacts(
  s: Scenario,
  caches: Pick<EstimateCaches, 'fields' | 'tables'>,
): (ReturnType<typeof checkedScenarioContacts> & { tabled: TabledContacts }) | null {
  const checked = checkedScenarioContacts(s);
  if (!caches.fields || !caches.tables) return null;
  const spec = contactTableSpec(checked.resolved, checked.conductor, checked.contacts);
  if (!('spec' in spec)) return null;
  const table = caches.tables.get(spec.spec, caches.fields);
  if (!table.canAnswer(checked.contacts)) return null;
  return { ...checked, tabled: { table, contacts: checked.contacts } };
}

/** Validates, solves (or reuses) the unit lead fields. Throws ScenarioProblem before any solve. */
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
  const { resolved, conductor, contacts, keys } = checkedScenarioContacts(s);
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

/**
 * Top of the full tier's window scan per therapy (mA), from the therapy modules; the search's
 * ceiling is SEARCH_CEILING_MULTIPLE times it: a fibre silent up to there reads "not reached".
 */
export const WINDOW_SCAN_TO_MA: Record<Scenario['therapy'], number> = {
  SCS: therapyModule('SCS').windowScanToMa,
  DRG: therapyModule('DRG').windowScanToMa,
  PNS: therapyModule('PNS').windowScanToMa,
};
/** our choice: 4× the highest programmable amplitude (SCS 102 mA, DRG 24 mA, PNS 41 mA) */
export const SEARCH_CEILING_MULTIPLE = 4;

/** Thresholds of a population in either tier, with the full tier's windows. */
export function populationEstimate(
  fields: FieldSource,
  paths: FiberPath[],
  weights: ArrayLike<number>,
  spec: WaveformSpec,
  tier: 'instant' | 'full',
  dtUs = 5,
  axialShiftMm = 0,
  windowScanToMa?: number,
  full: Pick<
    Parameters<typeof fullPopulationThresholds>[2] & object,
    'order' | 'onFibre' | 'maxAmplitudeMa'
  > = {},
  sampling: SamplingCache = defaultSamplingCache,
): PopulationThresholds {
  const prepared = prepareFibres(fields, paths, weights, axialShiftMm, sampling);
  if (tier === 'full') {
    return fullPopulationThresholds(prepared, spec, {
      dtUs,
      ...(windowScanToMa !== undefined ? { windowScanToMa } : {}),
      ...full,
    });
  }
  return {
    thresholdsMa: instantPopulation(prepared, spec),
    windows: prepared.map(() => null),
    windowScanToMa: null,
    uncalibratedFibres: instantUncovered(prepared, spec),
  };
}

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

const finiteOrNull = (t: number) => (Number.isFinite(t) ? t : null);

function shareOf(activated: boolean[]): number {
  return activated.length ? activated.filter(Boolean).length / activated.length : 0;
}

/** The whole estimate, synchronously (the CLI, tests). */
export function runScenario(s: Scenario, opts: RunOptions = {}): RunResult {
  const steps = runScenarioSteps(s, opts);
  for (;;) {
    const n = steps.next();
    if (n.done) return n.value;
  }
}

/**
 * The estimate one step at a time: yields after the lead fields, after the instant tier and
 * after each full-tier fibre, so that a worker can pause there (take a cancel message, stay
 * responsive) without a new worker or lost caches.
 */
export function* runScenarioSteps(s: Scenario, opts: RunOptions = {}): Generator<void, RunResult> {
  const tier = opts.tier ?? s.model.tier;
  const caches = {
    ...defaultCaches,
    ...(opts.cache ? { fields: opts.cache } : {}),
    ...opts.caches,
  };
  const t0 = Date.now();
  const fromTable =
    tier === 'instant' && opts.contactTables !== false && !opts.leadFields
      ? scenarioTabledContacts(s, caches)
      : null;
  const lf = fromTable
    ? { ...fromTable, axialShiftMm: 0 }
    : scenarioLeadFields(s, {
        ...opts,
        ...(caches.fields ? { cache: caches.fields } : {}),
        axialCanonical: true,
      });
  yield;
  const fields: FieldSource = fromTable
    ? fromTable.tabled
    : (lf as { fields: UnitLeadFields }).fields;
  const weights = programWeights(s, lf.keys);
  const { spec, note } = programWaveform(s);
  const therapy = therapyModule(s.therapy);
  const notes: string[] = [];
  if (note) notes.push(note);
  if (s.program.caseIsReturn)
    notes.push('the generator case is the return: modelled as a distant ground');
  notes.push(...contactPlacementNotes(lf.conductor, lf.contacts, lf.keys, s.therapy));
  if (tier === 'instant') notes.push(...therapy.instantNotes);
  notes.push(...(therapy.fieldNotes ?? []));
  const pops = caches.populations.get(s).populations;
  const amp = s.program.amplitudeMa;
  const scanTo = therapy.windowScanToMa;
  const ceiling = scanTo * SEARCH_CEILING_MULTIPLE;

  // instant tier first: the answer of the instant tier, and the full tier's seeds and order
  const instant = pops.map((pop) =>
    populationEstimate(
      fields,
      pop.paths,
      weights,
      spec,
      'instant',
      s.model.dtUs,
      lf.axialShiftMm,
      undefined,
      {},
      caches.sampling,
    ),
  );
  if (tier === 'instant') {
    instant.forEach((est, pi) => {
      const uncalibrated = est.uncalibratedFibres ?? 0;
      if (uncalibrated > 0)
        notes.push(
          `instant tier: ${uncalibrated} of ${pops[pi]!.paths.length} fibres of "${pops[pi]!.name}" lie outside its calibration (field spread beyond a 4 mm point source, or the peak drive at a fibre end); their instant thresholds are not validated — the full tier's are the answer`,
        );
    });
  }
  const base = (): Omit<RunResult, 'populations' | 'notes'> => ({
    kind: 'neuromod-result',
    resultVersion: 1,
    scenarioName: s.name,
    therapy: s.therapy,
    tier,
    field: fieldSummary(),
    elapsedMs: Date.now() - t0,
    provenance: {
      model: ESTIMATE_MODEL,
      settings: s.model,
      appVersion: opts.appVersion ?? 'unknown',
      time: (opts.now?.() ?? new Date()).toISOString(),
    },
  });
  function fieldSummary(): RunResult['field'] {
    if (fromTable) {
      const { table } = fromTable.tabled;
      const stats = table.fields.find((f) => f)!.stats;
      return {
        solver: '2.5-D finite volume, contact table',
        gridNodes: stats.nodes,
        wavenumbers: stats.kCount,
        contacts: fromTable.contacts.length,
        elapsedMs: 0,
        cacheKey: table.key,
        fromCache: true,
        table: {
          track: table.spec.track.label,
          positions: table.positionsMm.length,
          solved: table.solvedCount,
        },
      };
    }
    const f = fields as UnitLeadFields;
    const solved = lf as ReturnType<typeof scenarioLeadFields>;
    return {
      solver: '2.5-D finite volume',
      gridNodes: f.stats.nodes,
      wavenumbers: f.stats.kCount,
      contacts: f.contacts.length,
      elapsedMs: solved.fromCache ? 0 : f.stats.elapsedMs,
      cacheKey: solved.key,
      fromCache: solved.fromCache,
    };
  }
  if (fromTable)
    notes.push(
      `lead fields looked up in a table of one contact solved at ${fromTable.tabled.table.positionsMm.length} positions ${fromTable.tabled.table.spec.track.label} (within 1 % of a direct solve in peak activating function); the full tier solves this pose directly`,
    );
  const fibreType = (paths: FiberPath[]) =>
    new Set(paths.map((p) => p.type)).size > 1 ? 'mixed' : (paths[0]?.type ?? 'none');

  if (tier === 'instant') {
    const populations = pops.map((pop, pi): PopulationResult => {
      const thresholdsMa = Array.from(instant[pi]!.thresholdsMa, finiteOrNull);
      const activated = thresholdsMa.map((t) => firesAt(t, null, amp));
      return {
        id: pop.id,
        name: pop.name,
        ...(pop.sideEffect ? { sideEffect: pop.sideEffect } : {}),
        fibreType: fibreType(pop.paths),
        fibreCount: pop.paths.length,
        thresholdsMa,
        activated,
        shareActivated: shareOf(activated),
        amplitudeMa: amp,
      };
    });
    opts.onProgress?.(1, 'populations');
    return { ...base(), populations, notes };
  }

  yield;
  // full tier: every fibre (of this shard), the fibres nearest the programmed amplitude first
  // (they decide what fires now), instant estimates standing in until each is done
  const shard = opts.shard ?? { index: 0, count: 1 };
  const thresholds = pops.map((_p, pi) => Float64Array.from(instant[pi]!.thresholdsMa));
  type Win = { quietFromMa: number; firesAgainMa: number | null } | null;
  const windows = pops.map((p) => p.paths.map((): Win => null));
  // per fibre: its full-tier threshold not (yet) in this run's result
  const pending = pops.map((p) => p.paths.map(() => true));
  const work: { pi: number; i: number; d: number }[] = [];
  let global = 0;
  pops.forEach((pop, pi) =>
    pop.paths.forEach((_p, i) => {
      if (global++ % shard.count === shard.index) {
        const t = instant[pi]!.thresholdsMa[i]!;
        work.push({ pi, i, d: Number.isFinite(t) && t > 0 ? Math.abs(Math.log(t / amp)) : 1e9 });
      }
    }),
  );
  const totalFibres = work.length;
  let done = 0;
  let lastPartial = Date.now();
  const partialEvery = opts.partialEveryMs ?? 250;
  const snapshot = (complete: boolean): RunResult => {
    const populations = pops.map((pop, pi): PopulationResult => {
      const thresholdsMa = Array.from(thresholds[pi]!, finiteOrNull);
      const win = windows[pi]!;
      const activated = thresholdsMa.map((t, i) => firesAt(t, win[i], amp));
      return {
        id: pop.id,
        name: pop.name,
        ...(pop.sideEffect ? { sideEffect: pop.sideEffect } : {}),
        fibreType: fibreType(pop.paths),
        fibreCount: pop.paths.length,
        thresholdsMa,
        windows: win,
        windowScanToMa: scanTo,
        searchedToMa: ceiling,
        // a shard's result always says which fibres it solved (mergeShards)
        ...(complete && shard.count === 1 ? {} : { pending: pending[pi]!.slice() }),
        activated,
        shareActivated: shareOf(activated),
        amplitudeMa: amp,
      };
    });
    return {
      ...base(),
      populations,
      notes,
      ...(complete ? {} : { progress: { doneFibres: done, totalFibres } }),
    };
  };
  const byPop = new Map<number, number[]>();
  for (const w of [...work].sort((a, b) => a.d - b.d)) {
    const list = byPop.get(w.pi) ?? [];
    list.push(w.i);
    byPop.set(w.pi, list);
  }
  // populations in the order of their nearest fibre; within each, fibres by distance
  for (const [pi, order] of byPop) {
    const prepared = prepareFibres(
      fields,
      pops[pi]!.paths,
      weights,
      lf.axialShiftMm,
      caches.sampling,
    );
    yield* fullPopulationSteps(prepared, spec, {
      dtUs: s.model.dtUs,
      windowScanToMa: scanTo,
      order,
      maxAmplitudeMa: ceiling,
      // each fibre simulated on the stretch the program drives (test/validation/neuron/truncation.test.ts)
      ...(opts.wholeFibres ? {} : { truncate: {} }),
      onFibre: (i, t, w) => {
        if (opts.shouldCancel?.()) throw new Error('run cancelled');
        thresholds[pi]![i] = t;
        windows[pi]![i] = w ? { quietFromMa: w.quietFromMa, firesAgainMa: w.firesAgainMa } : null;
        pending[pi]![i] = false;
        done++;
        opts.onProgress?.(done / totalFibres, 'fibres');
        if (opts.onPartial && Date.now() - lastPartial >= partialEvery) {
          lastPartial = Date.now();
          opts.onPartial(snapshot(false));
        }
      },
    });
  }
  return snapshot(true);
}

/**
 * Merges the results of the shards of one full-tier run (or their partial results): each
 * fibre's threshold from the shard that solved it, instant estimates where none has yet.
 */
export function mergeShards(parts: RunResult[]): RunResult {
  const first = parts[0];
  if (!first) throw new Error('no shard results to merge');
  if (parts.length === 1 && !first.populations.some((p) => p.pending)) return first;
  let done = 0;
  let total = 0;
  const populations = first.populations.map((p0, pi): PopulationResult => {
    const thresholdsMa = p0.thresholdsMa.slice();
    const windows = (p0.windows ?? p0.thresholdsMa.map(() => null)).slice();
    const pending = p0.thresholdsMa.map(() => true);
    for (const part of parts) {
      const p = part.populations[pi]!;
      p.thresholdsMa.forEach((t, i) => {
        if (p.pending?.[i] === false || !p.pending) {
          thresholdsMa[i] = t;
          windows[i] = p.windows?.[i] ?? null;
          pending[i] = false;
        }
      });
    }
    const activated = thresholdsMa.map((t, i) => firesAt(t, windows[i], p0.amplitudeMa));
    done += pending.filter((x) => !x).length;
    total += pending.length;
    return {
      ...p0,
      thresholdsMa,
      windows,
      ...(pending.some(Boolean) ? { pending } : { pending: undefined }),
      activated,
      shareActivated: shareOf(activated),
    };
  });
  for (const p of populations) if (p.pending === undefined) delete p.pending;
  const { progress: _progress, ...rest } = first;
  return {
    ...rest,
    populations,
    elapsedMs: Math.max(...parts.map((p) => p.elapsedMs ?? 0)),
    ...(done < total ? { progress: { doneFibres: done, totalFibres: total } } : {}),
  };
}
