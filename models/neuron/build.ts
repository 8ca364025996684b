/**
 * One entry point for every fibre model: `buildFiber(model, diameterUm, opts)`, with the
 * model's diameter range and branch support from the registry (registry.ts).
 */
import type { Fiber, FiberModelName } from './fiber.ts';
import type { BuildOptions } from './fiberModel.ts';
import { FIBER_REGISTRY } from './registry.ts';

export type { BuildOptions };

/** Why a diameter is outside a model's range, or undefined when it is fine. */
export function diameterProblem(model: FiberModelName, diameterUm: number): string | undefined {
  return FIBER_REGISTRY.diameterProblem(model, diameterUm);
}

export function buildFiber(model: FiberModelName, diameterUm: number, opts: BuildOptions): Fiber {
  return FIBER_REGISTRY.buildFiber(model, diameterUm, opts);
}

/** Node-to-node distance (µm) of a model at a diameter, without building the fibre. */
export function internodeLengthUm(model: FiberModelName, diameterUm: number): number {
  return FIBER_REGISTRY.internodeLengthUm(model, diameterUm);
}
