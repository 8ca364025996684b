/**
 * The fibre models, one line each: everything that lists, checks or builds fibre models
 * (the scenario schema, `neuromod threshold` flags and help, `buildFiber`, the instant tier's
 * coverage, the response requests) is derived from this table. A new model is one spec file in
 * `models/` (fiberModel.ts says what it holds) and one entry here.
 */
import type { Fiber } from './fiber.ts';
import type { BuildOptions, FiberModelSpec } from './fiberModel.ts';
import type { InstantCalibrationTable } from './instantCalibration.ts';
import { cFiberModel } from './models/cFiber.ts';
import { mcnealModel } from './models/mcneal.ts';
import { mrgModel } from './models/mrg.ts';
import { mrgInterpModel } from './models/mrgInterp.ts';

export const FIBER_MODEL_SPECS = [mrgModel, mrgInterpModel, mcnealModel, cFiberModel] as const;

type Ids<S extends readonly FiberModelSpec[]> = S[number]['id'];
type IdsWithRole<S extends readonly FiberModelSpec[], R> = Extract<
  S[number],
  { populationRole: R }
>['id'];

/** A registry over a list of specs: lookup, the derived id lists, and the checked builder. */
export function createFiberRegistry<const S extends readonly FiberModelSpec[]>(specs: S) {
  type Id = Ids<S>;
  const byId = new Map<string, FiberModelSpec>();
  for (const s of specs) {
    if (byId.has(s.id)) throw new Error(`fibre model "${s.id}" is registered twice`);
    byId.set(s.id, s);
  }
  const ids = specs.map((s) => s.id) as unknown as readonly [Id, ...Id[]];
  const withRole = <R extends 'myelinated' | 'unmyelinated'>(role: R) =>
    specs.filter((s) => s.populationRole === role).map((s) => s.id) as unknown as readonly [
      IdsWithRole<S, R>,
      ...IdsWithRole<S, R>[],
    ];

  function spec(id: Id): FiberModelSpec {
    const s = byId.get(id);
    if (!s) throw new RangeError(`unknown fibre model "${String(id)}": one of ${ids.join(', ')}`);
    return s;
  }

  /** Why a diameter is outside a model's range, or undefined when it is fine. */
  function diameterProblem(id: Id, diameterUm: number): string | undefined {
    if (!Number.isFinite(diameterUm) || diameterUm <= 0)
      return 'diameter must be a positive number';
    const s = spec(id);
    if (s.diameterProblem) return s.diameterProblem(diameterUm);
    if (diameterUm < s.diameter.minUm || diameterUm > s.diameter.maxUm) {
      return `${s.id} is defined for ${s.diameter.minUm}–${s.diameter.maxUm} µm`;
    }
    return undefined;
  }

  /** The fibre, with the options the model does not support refused by name. */
  function buildFiber(id: Id, diameterUm: number, opts: BuildOptions): Fiber {
    if (!Number.isInteger(opts.nodeCount) || opts.nodeCount < 3) {
      throw new RangeError('a fibre needs at least 3 nodes');
    }
    const s = spec(id);
    if (opts.collaterals && !s.branches.collaterals) {
      throw new RangeError(`${s.id} fibres have no collateral model`);
    }
    if (opts.stem && !s.branches.stem)
      throw new RangeError(`${s.id} fibres have no DRG stem model`);
    return s.build(diameterUm, opts);
  }

  return {
    specs,
    /** every model id, in table order */
    ids,
    /** the models a scenario may choose for its myelinated population fibres */
    myelinatedPopulationIds: withRole('myelinated'),
    spec,
    has: (id: string): id is Id => byId.has(id),
    diameterProblem,
    buildFiber,
    internodeLengthUm: (id: Id, diameterUm: number) => spec(id).internodeLengthUm(diameterUm),
    /** the instant tier's calibration of a model, or null: full tier only */
    instantCalibration: (id: Id): InstantCalibrationTable | null => spec(id).instantCalibration,
    /** the models that support a branch kind */
    supporting: (branch: 'collaterals' | 'stem') =>
      specs.filter((s) => s.branches[branch]).map((s) => s.id as Id),
  };
}

export const FIBER_REGISTRY = createFiberRegistry(FIBER_MODEL_SPECS);

export type FiberModelName = (typeof FIBER_MODEL_SPECS)[number]['id'];
/** the models a scenario may run its myelinated population fibres on */
export type PopulationFiberModelName = IdsWithRole<typeof FIBER_MODEL_SPECS, 'myelinated'>;

/** every fibre model id, in table order (for enums and CLI choices) */
export const FIBER_MODELS = FIBER_REGISTRY.ids;
export const POPULATION_FIBER_MODELS = FIBER_REGISTRY.myelinatedPopulationIds;

/** the myelinated fibres of a population are built with this model unless the scenario picks another */
export const DEFAULT_POPULATION_FIBER_MODEL: PopulationFiberModelName = 'mrg-interp'; // our choice: any diameter 2–16 µm, as populations draw them
/** the model of the unmyelinated (C) fibres of a population */
export const C_FIBER_POPULATION_MODEL: IdsWithRole<typeof FIBER_MODEL_SPECS, 'unmyelinated'> =
  'c-fiber';

export function fiberModelSpec(id: FiberModelName): FiberModelSpec {
  return FIBER_REGISTRY.spec(id);
}

/** One line per model, for help texts: id, label, diameter range, branches, instant tier. */
export function describeFiberModels(
  specs: readonly FiberModelSpec[] = FIBER_MODEL_SPECS,
): string[] {
  return specs.map((s) => {
    const d = s.diameter.tabulatedUm
      ? `${s.diameter.tabulatedUm.join(', ')} µm`
      : `${s.diameter.minUm}–${s.diameter.maxUm} µm`;
    const branches = [s.branches.collaterals && 'collaterals', s.branches.stem && 'DRG stem']
      .filter(Boolean)
      .join(', ');
    return `${s.id}: ${s.label}; ${d}${branches ? `; ${branches}` : ''}; ${s.instantCalibration ? 'instant and full tier' : 'full tier only'} (${s.citation})`;
  });
}
