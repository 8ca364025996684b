/** One entry point for every fibre model: `buildFiber(model, diameterUm, opts)`. */
import { buildCFiber, C_FIBER_RANGE_UM } from './cFiber.ts';
import type { Fiber, FiberModelName } from './fiber.ts';
import { buildMcNeal, MCNEAL_RANGE_UM } from './mcneal.ts';
import {
  type CollateralOptions,
  type StemOptions,
  buildMrg,
  mrgDiameterProblem,
  mrgDiscreteGeometry,
  mrgInterpolatedGeometry,
} from './mrg.ts';

export interface BuildOptions {
  nodeCount: number;
  passiveEndNodes?: number;
  /** side branches (MRG models only) */
  collaterals?: CollateralOptions;
  /** DRG stem and soma on the middle node (MRG models only) */
  stem?: StemOptions;
}

/** Why a diameter is outside a model's range, or undefined when it is fine. */
export function diameterProblem(model: FiberModelName, diameterUm: number): string | undefined {
  if (!Number.isFinite(diameterUm) || diameterUm <= 0) return 'diameter must be a positive number';
  if (model === 'mrg' || model === 'mrg-interp') return mrgDiameterProblem(model, diameterUm);
  const range = model === 'mcneal' ? MCNEAL_RANGE_UM : C_FIBER_RANGE_UM;
  if (diameterUm < range.min || diameterUm > range.max) {
    return `${model} is defined for ${range.min}–${range.max} µm`;
  }
  return undefined;
}

export function buildFiber(model: FiberModelName, diameterUm: number, opts: BuildOptions): Fiber {
  if (!Number.isInteger(opts.nodeCount) || opts.nodeCount < 3) {
    throw new RangeError('a fibre needs at least 3 nodes');
  }
  switch (model) {
    case 'mrg':
    case 'mrg-interp':
      return buildMrg(model, diameterUm, opts);
    case 'mcneal':
    case 'c-fiber':
      if (opts.collaterals) throw new RangeError(`${model} fibres have no collateral model`);
      if (opts.stem) throw new RangeError(`${model} fibres have no DRG stem model`);
      return model === 'mcneal' ? buildMcNeal(diameterUm, opts) : buildCFiber(diameterUm, opts);
  }
}

/** Node-to-node distance (µm) of a model at a diameter, without building the fibre. */
export function internodeLengthUm(model: FiberModelName, diameterUm: number): number {
  switch (model) {
    case 'mrg':
      return mrgDiscreteGeometry(diameterUm)?.deltaXUm ?? NaN;
    case 'mrg-interp':
      return mrgInterpolatedGeometry(diameterUm).deltaXUm;
    case 'mcneal':
    case 'c-fiber':
      return buildFiber(model, diameterUm, { nodeCount: 3 }).internodeLengthUm;
  }
}
