/**
 * What the rest of the toolkit needs to know about one fibre model, in one place: its id and
 * label, the diameters it is defined for (and where that range comes from), how its geometry is
 * built, its membrane mechanisms, which branches it supports, whether the instant tier is
 * calibrated for it, and the paper it implements. One spec per file in `models/`, listed once
 * in `registry.ts`; schema enums, CLI help and checks are derived from the registry.
 */
import type { Fiber } from './fiber.ts';
import type { InstantCalibrationTable } from './instantCalibration.ts';
import type { CollateralOptions, StemOptions } from './mrg.ts';

export interface BuildOptions {
  nodeCount: number;
  passiveEndNodes?: number;
  /** side branches (models whose spec has `branches.collaterals`) */
  collaterals?: CollateralOptions;
  /** DRG stem and soma on the middle node (models whose spec has `branches.stem`) */
  stem?: StemOptions;
}

export interface DiameterRange {
  minUm: number;
  maxUm: number;
  /** the only diameters between min and max the model is defined at (a geometry table) */
  tabulatedUm?: readonly number[];
  /** where the range comes from */
  source: string;
}

export interface MechanismPlacement {
  /** where it sits: 'nodes', 'internodes', 'every compartment', 'DRG soma'… */
  region: string;
  /** the mechanism and its source */
  mechanism: string;
}

/**
 * The role a model plays in population estimates: the scenario's choice for the myelinated
 * fibres (`Scenario.model.fibreModel`), the model of the unmyelinated (C) fibres, or none (single
 * fibres only, `neuromod threshold`).
 */
export type PopulationRole = 'myelinated' | 'unmyelinated' | null;

export interface FiberModelSpec<Id extends string = string> {
  readonly id: Id;
  /** a short name for help texts and captions */
  readonly label: string;
  readonly myelinated: boolean;
  readonly diameter: DiameterRange;
  /**
   * Why a diameter is not accepted, or undefined when it is; when absent, the diameter must lie
   * in `diameter` (the message names the range).
   */
  diameterProblem?(diameterUm: number): string | undefined;
  /** the fibre (the diameter is checked by the caller through the registry) */
  build(diameterUm: number, opts: BuildOptions): Fiber;
  /** node-to-node distance (µm) at a diameter, without building the fibre (NaN outside the model) */
  internodeLengthUm(diameterUm: number): number;
  readonly mechanisms: readonly MechanismPlacement[];
  readonly branches: { readonly collaterals: boolean; readonly stem: boolean };
  /** the instant tier's calibration table for this model, or null: full tier (cable model) only */
  readonly instantCalibration: InstantCalibrationTable | null;
  readonly populationRole: PopulationRole;
  /** the paper (and the code) it implements */
  readonly citation: string;
}

/** Declares a fibre model spec, keeping its id and role as literal types for the derived enums. */
export function defineFiberModel<const S extends FiberModelSpec>(spec: S): S {
  return spec;
}
