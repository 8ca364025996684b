/**
 * A fibre ready to simulate: its sections (geometry + passive electrical numbers), the
 * network the integrator runs on, where each compartment lies along the fibre, and a factory
 * for its membrane mechanisms (which hold gating state, so each simulation owns its own).
 */
import type { CableNetwork, Mechanism } from './cable.ts';
import { buildNetwork, sectionCentresUm, type SectionSpec } from './sections.ts';

export const FIBER_MODELS = ['mrg', 'mrg-interp', 'mcneal', 'c-fiber'] as const;
export type FiberModelName = (typeof FIBER_MODELS)[number];

export interface Fiber {
  readonly model: FiberModelName;
  readonly diameterUm: number;
  readonly sections: readonly SectionSpec[];
  readonly network: CableNetwork;
  /** arc length of each compartment centre from the fibre start (µm) */
  readonly compartmentPositionsUm: Float64Array;
  /** compartment index of each node of Ranvier (every compartment for unmyelinated fibres) */
  readonly nodeCompartments: Int32Array;
  readonly nodeCount: number;
  /** node-to-node distance (µm); compartment length for unmyelinated fibres */
  readonly internodeLengthUm: number;
  readonly passiveEndNodes: number;
  readonly vInitMv: number;
  readonly temperatureC: number;
  /** default AP detection threshold (mV) for this model */
  readonly apThresholdMv: number;
  /** seconds of steady-state settling (PyFibers t_init_ss) and its step (ms) */
  readonly steadyStateMs: number;
  readonly steadyStateDtMs: number;
  createMechanisms(): Mechanism[];
}

export interface FiberParts {
  model: FiberModelName;
  diameterUm: number;
  sections: SectionSpec[];
  nodeSectionIndices: number[];
  internodeLengthUm: number;
  passiveEndNodes: number;
  vInitMv: number;
  temperatureC: number;
  apThresholdMv: number;
  steadyStateMs: number;
  steadyStateDtMs: number;
  createMechanisms(nodeCompartments: Int32Array, sections: readonly SectionSpec[]): Mechanism[];
}

export function assembleFiber(p: FiberParts): Fiber {
  const nodeCompartments = Int32Array.from(p.nodeSectionIndices);
  return {
    model: p.model,
    diameterUm: p.diameterUm,
    sections: p.sections,
    network: buildNetwork(p.sections),
    compartmentPositionsUm: sectionCentresUm(p.sections),
    nodeCompartments,
    nodeCount: nodeCompartments.length,
    internodeLengthUm: p.internodeLengthUm,
    passiveEndNodes: p.passiveEndNodes,
    vInitMv: p.vInitMv,
    temperatureC: p.temperatureC,
    apThresholdMv: p.apThresholdMv,
    steadyStateMs: p.steadyStateMs,
    steadyStateDtMs: p.steadyStateDtMs,
    createMechanisms: () => p.createMechanisms(nodeCompartments, p.sections),
  };
}

/** Node index at which an AP is detected: ⌊0.9·(N − 1)⌋ (PyFibers ap_detect_location 0.9). */
export function apDetectionNode(nodeCount: number): number {
  return Math.floor(0.9 * (nodeCount - 1));
}

/** Fibre length from the first to the last compartment centre (µm). */
export function fiberSpanUm(f: Fiber): number {
  const p = f.compartmentPositionsUm;
  return (p[p.length - 1] as number) - (p[0] as number);
}
