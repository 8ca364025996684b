/**
 * A fibre ready to simulate: its sections (geometry + passive electrical numbers), the
 * network the integrator runs on, where each compartment lies along the fibre, and a factory
 * for its membrane mechanisms (which hold gating state, so each simulation owns its own).
 */
import type { CableNetwork, Mechanism } from './cable.ts';
import { buildNetwork, sectionCentresUm, type SectionLink, type SectionSpec } from './sections.ts';
import type { FiberModelName } from './registry.ts';

export type { FiberModelName };

export interface Fiber {
  readonly model: FiberModelName;
  readonly diameterUm: number;
  readonly sections: readonly SectionSpec[];
  readonly network: CableNetwork;
  /** arc length of each compartment centre from the fibre start (µm) */
  readonly compartmentPositionsUm: Float64Array;
  /**
   * compartment index of each node of Ranvier of the main axon (every compartment for
   * unmyelinated fibres); AP detection and initiation sites refer to these
   */
  readonly nodeCompartments: Int32Array;
  /**
   * Side branches (collaterals): compartments numbered after the main axon's. For these,
   * `compartmentPositionsUm` holds the arc position of the main-axon compartment they hang on.
   */
  readonly branches: readonly FiberBranch[];
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

/** A side branch hanging on a main-axon compartment. */
export interface FiberBranch {
  /** main-axon compartment the branch connects to */
  readonly attachCompartment: number;
  /** the branch's compartments, from the attachment outwards */
  readonly compartments: Int32Array;
  /** distance of each of them from the attachment point along the branch (µm) */
  readonly distancesUm: Float64Array;
  /** its active compartments: nodes of Ranvier (and a DRG stem's initial segment and soma) */
  readonly nodeCompartments: Int32Array;
}

export interface BranchParts {
  attachSection: number;
  /** section indices of the branch, from the attachment outwards */
  sections: number[];
  nodeSections: number[];
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
  /** side branches; their sections follow the main axon's and connect through `links` */
  branches?: BranchParts[];
  links?: (SectionLink | undefined)[];
}

export function assembleFiber(p: FiberParts): Fiber {
  const nodeCompartments = Int32Array.from(p.nodeSectionIndices);
  const parts = p.branches ?? [];
  const mainCount =
    parts.length > 0 ? Math.min(...parts.map((b) => b.sections[0] ?? Infinity)) : p.sections.length;
  const positions = sectionCentresUm(p.sections.slice(0, mainCount));
  const all = new Float64Array(p.sections.length);
  all.set(positions);
  const branches = parts.map((b) => {
    const distancesUm = new Float64Array(b.sections.length);
    let s = 0;
    b.sections.forEach((k, i) => {
      const len = (p.sections[k] as SectionSpec).lengthUm;
      distancesUm[i] = s + len / 2;
      s += len;
      all[k] = positions[b.attachSection] as number;
    });
    return {
      attachCompartment: b.attachSection,
      compartments: Int32Array.from(b.sections),
      distancesUm,
      nodeCompartments: Int32Array.from(b.nodeSections),
    };
  });
  return {
    model: p.model,
    diameterUm: p.diameterUm,
    sections: p.sections,
    network: buildNetwork(p.sections, p.links),
    compartmentPositionsUm: all,
    nodeCompartments,
    branches,
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

/** Fibre length from the first to the last compartment centre of the main axon (µm). */
export function fiberSpanUm(f: Fiber): number {
  const p = f.compartmentPositionsUm;
  const last = f.nodeCompartments[f.nodeCount - 1] as number;
  return (p[last] as number) - (p[0] as number);
}
