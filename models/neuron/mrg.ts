/**
 * MRG double-cable myelinated axon (McIntyre, Richardson & Grill, J Neurophysiol 87:995, 2002)
 * built section by section as ModelDB 3810 `MRGaxon.hoc` and PyFibers `models/mrg.py` do:
 * per internode node, MYSA, FLUT, 6 × STIN, FLUT, MYSA; nseg = 1; MYSA/FLUT/STIN use diam =
 * fibre diameter with Ra and cm scaled by (d/D); the periaxonal space is the first layer of
 * `extracellular` (xraxial from the periaxonal gap, xg/xc from the myelin lamellae); nodes
 * short-circuit that layer (xg = 1e10, xc = 0). Parameters: ../shared/research/models.md §2.
 */
import { assembleFiber, type BranchParts, type Fiber } from './fiber.ts';
import { MRG_NODE_DEFAULTS, MrgNodeMechanism } from './mrgNode.ts';
import { sectionArea, type SectionLink, type SectionSpec } from './sections.ts';

export interface MrgGeometry {
  diameterUm: number;
  /** node-to-node distance Δx (µm) */
  deltaXUm: number;
  flutLengthUm: number;
  axonDiamUm: number;
  nodeDiamUm: number;
  lamellae: number;
}

/** Discrete table (models.md §2.1; MRGaxon.hoc dependent_var; PyFibers mrg.py l.69–80). */
export const MRG_TABLE: readonly MrgGeometry[] = [
  { diameterUm: 1.0, deltaXUm: 100, flutLengthUm: 5, axonDiamUm: 0.8, nodeDiamUm: 0.7, lamellae: 15 },
  { diameterUm: 2.0, deltaXUm: 200, flutLengthUm: 10, axonDiamUm: 1.6, nodeDiamUm: 1.4, lamellae: 30 },
  { diameterUm: 5.7, deltaXUm: 500, flutLengthUm: 35, axonDiamUm: 3.4, nodeDiamUm: 1.9, lamellae: 80 },
  { diameterUm: 7.3, deltaXUm: 750, flutLengthUm: 38, axonDiamUm: 4.6, nodeDiamUm: 2.4, lamellae: 100 },
  { diameterUm: 8.7, deltaXUm: 1000, flutLengthUm: 40, axonDiamUm: 5.8, nodeDiamUm: 2.8, lamellae: 110 },
  { diameterUm: 10.0, deltaXUm: 1150, flutLengthUm: 46, axonDiamUm: 6.9, nodeDiamUm: 3.3, lamellae: 120 },
  { diameterUm: 11.5, deltaXUm: 1250, flutLengthUm: 50, axonDiamUm: 8.1, nodeDiamUm: 3.7, lamellae: 130 },
  { diameterUm: 12.8, deltaXUm: 1350, flutLengthUm: 54, axonDiamUm: 9.2, nodeDiamUm: 4.2, lamellae: 135 },
  { diameterUm: 14.0, deltaXUm: 1400, flutLengthUm: 56, axonDiamUm: 10.4, nodeDiamUm: 4.7, lamellae: 140 },
  { diameterUm: 15.0, deltaXUm: 1450, flutLengthUm: 58, axonDiamUm: 11.5, nodeDiamUm: 5.0, lamellae: 145 },
  { diameterUm: 16.0, deltaXUm: 1500, flutLengthUm: 60, axonDiamUm: 12.7, nodeDiamUm: 5.5, lamellae: 150 },
]; // prettier-ignore

/** Interpolation range of the MRG_INTERPOLATION fits (models.md §2.2; PyFibers mrg.py). */
export const MRG_INTERP_RANGE_UM = { min: 2, max: 16 } as const;

/** Quadratic fits of models.md §2.2 (PyFibers mrg.py l.82–92; ASCENT fiber_z.json). */
export function mrgInterpolatedGeometry(d: number): MrgGeometry {
  return {
    diameterUm: d,
    deltaXUm: d >= 5.643 ? -8.215 * d * d + 272.4 * d - 780.2 : 81.08 * d + 37.84,
    flutLengthUm: -0.1652 * d * d + 6.354 * d - 0.2862,
    axonDiamUm: 0.02361 * d * d + 0.3673 * d + 0.7122,
    nodeDiamUm: 0.01093 * d * d + 0.1008 * d + 1.099,
    lamellae: -0.4749 * d * d + 16.85 * d - 0.7648,
  };
}

export function mrgDiscreteGeometry(d: number): MrgGeometry | undefined {
  return MRG_TABLE.find((g) => Math.abs(g.diameterUm - d) < 1e-9);
}

const NODE_LENGTH_UM = 1; // MRGaxon.hoc nodelength
const MYSA_LENGTH_UM = 3; // MRGaxon.hoc paralength1
const RHO_A_OHM_UM = 0.7e6; // MRGaxon.hoc rhoa (70 Ω·cm)
const MYELIN_CM_UF_PER_CM2 = 0.1; // MRGaxon.hoc mycm, per lamella membrane
const MYELIN_GM_S_PER_CM2 = 0.001; // MRGaxon.hoc mygm, per lamella membrane
const SPACE_NODE_MYSA_UM = 0.002; // MRGaxon.hoc space_p1
const SPACE_FLUT_STIN_UM = 0.004; // MRGaxon.hoc space_p2, space_i
const V_INIT_MV = -80; // MRGaxon.hoc v_init; also e_pas of MYSA/FLUT/STIN
const TEMPERATURE_C = 37; // MRGaxon.hoc celsius
const NODE_SHORT_XG = 1e10; // MRGaxon.hoc node xg (short circuit)
// PyFibers Fiber._make_passive: passive end node numbers
const PASSIVE_NODE_G_S_PER_CM2 = 0.0001;
const PASSIVE_NODE_RA_OHM_CM = 1e10;
const PASSIVE_NODE_CM = 1;

/** Periaxonal resistance per length (MΩ/cm) of a gap `space` around diameter `d` (µm). */
function periaxonalMOhmPerCm(d: number, space: number): number {
  return (RHO_A_OHM_UM * 0.01) / (Math.PI * ((d / 2 + space) ** 2 - (d / 2) ** 2));
}

/**
 * A myelinated section (MYSA, FLUT or STIN) as MRGaxon.hoc builds it: diam = fibre diameter D
 * with Ra and cm scaled by the inner diameter, g_pas (S/cm²) scaled by inner/D, and the
 * periaxonal and myelin layers of `lamellae` lamellae.
 */
function myelinated(
  kind: string,
  lengthUm: number,
  D: number,
  innerDiam: number,
  space: number,
  gPas: number,
  lamellae: number,
): SectionSpec {
  return {
    kind,
    lengthUm,
    diamUm: D,
    raOhmCm: RHO_A_OHM_UM / 1e4 / (innerDiam / D) ** 2,
    cmUfPerCm2: (2 * innerDiam) / D,
    gPasSPerCm2: (gPas * innerDiam) / D,
    ePasMv: V_INIT_MV,
    xraxialMOhmPerCm: periaxonalMOhmPerCm(innerDiam, space),
    xgSPerCm2: MYELIN_GM_S_PER_CM2 / (lamellae * 2),
    xcUfPerCm2: MYELIN_CM_UF_PER_CM2 / (lamellae * 2),
  };
}

export interface MrgOptions {
  nodeCount: number;
  /** number of passive end nodes at each end (PyFibers default: 1) */
  passiveEndNodes?: number;
  /** myelinated side branches hanging on nodes of the main axon */
  collaterals?: CollateralOptions;
  /** DRG neuron: a stem axon with initial segment and soma on the middle node (the T-junction) */
  stem?: StemOptions;
}

export interface StemOptions {
  /** fibre diameter of the stem axon (µm, within the MRG interpolation range) */
  diameterUm: number;
  /** the stem's internodes, initial segment and soma (default: Graham's Aβ cell, STEM_ABETA) */
  geometry?: StemGeometry;
}

/** The parts of a DRG neuron's stem from the T-junction to the soma. */
export interface StemGeometry {
  /** from the T-junction: node-to-node length and a factor on the lamellae of each internode */
  internodes: readonly { deltaXUm: number; lamellaeScale: number }[];
  /** FLUT length of the stem's internodes (µm) */
  flutLengthUm: number;
  /** initial segment between the last stem node and the soma, or null (soma on the last node) */
  iseg: { diamUm: number; lengthUm: number; naScale: number } | null;
  soma: { diamUm: number; lengthUm: number; naScale: number };
}

/** One internode of a branch: node-to-node length, FLUT length and a factor on the lamellae. */
interface BranchInternode {
  deltaXUm: number;
  flutLengthUm: number;
  lamellaeScale: number;
}

/**
 * Stem of a pseudounipolar DRG neuron as in Graham et al.'s Aβ cell (neuromodulation-um/
 * Cell_models ABetaFiber.hoc; Amir & Devor 2003, Ito & Takahashi 1960): from the T-junction,
 * four short internodes of 201, 168, 130 and 85 µm node to node, with the lamellae thinning
 * to 1, 0.662, 0.486 and 0.077 of the stem's, FLUT 35 µm (the smallest tabulated MRG FLUT),
 * then an initial segment (5 × 200 µm) and the soma (80 × 80 µm). Initial segment and soma
 * carry node channels with the sodium conductances scaled by 500/2000 and 300/2000 (Graham's
 * ratios after Matsumoto & Rosenbluth 1985 and Rosenbluth & Matsumoto 1985). Here every
 * active membrane uses the MRG node kinetics (mrgNode.ts); Graham's cell uses its own
 * sensory-node mechanism.
 */
export const STEM_INTERNODES = [
  { deltaXUm: 201, lamellaeScale: 1 },
  { deltaXUm: 168, lamellaeScale: 0.66197 },
  { deltaXUm: 130, lamellaeScale: 0.48592 },
  { deltaXUm: 85, lamellaeScale: 0.07747 },
] as const; // ABetaFiber.hoc STINT / MYSAT / FLUTT
const STEM_FLUT_LENGTH_UM = 35; // ABetaFiber.hoc FLUTT L = 35
export const STEM_ISEG = { diamUm: 5, lengthUm: 200, naScale: 500 / 2000 } as const; // ABetaFiber.hoc isegD, isegL
export const STEM_SOMA = { diamUm: 80, lengthUm: 80, naScale: 300 / 2000 } as const; // ABetaFiber.hoc somaD, somaL

/** Graham et al.'s Aβ cell (ABetaFiber.hoc): the default stem. */
export const STEM_ABETA: StemGeometry = {
  internodes: STEM_INTERNODES,
  flutLengthUm: STEM_FLUT_LENGTH_UM,
  iseg: STEM_ISEG,
  soma: STEM_SOMA,
};

/**
 * Graham et al.'s Aδ low-threshold mechanoreceptor cell (neuromodulation-um/Cell_models
 * ADeltaFiber_LTMR.hoc): stem internodes of 260, 241, 185 and 123 µm node to node with the Aβ
 * cell's lamellae factors, FLUT 21 µm (the hoc's FLUTT L), no initial segment (the soma hangs
 * on the last stem node), soma 34 × 29 µm (major × minor axis, after Yoshida & Matsuda 1979
 * and Harper & Lawson 1985, anatomy.md §4.3) with a third of the node's sodium conductance
 * (soma gna1p6bar 1.0 against the nodes' 3.0). Graham's cell uses Nav1.6/Kdr/KA channels; here
 * the MRG node kinetics, as for the Aβ cell.
 */
export const STEM_ADELTA: StemGeometry = {
  internodes: [
    { deltaXUm: 260, lamellaeScale: 1 },
    { deltaXUm: 241, lamellaeScale: 0.66197 },
    { deltaXUm: 185, lamellaeScale: 0.48592 },
    { deltaXUm: 123, lamellaeScale: 0.07747 },
  ], // ADeltaFiber_LTMR.hoc STINT lengths, MYSAT/FLUTT lamellae factors
  flutLengthUm: 21, // ADeltaFiber_LTMR.hoc FLUTT L = 21
  iseg: null, // ADeltaFiber_LTMR.hoc: "create soma//, iseg", soma connected to the last stem node
  soma: { diamUm: 34, lengthUm: 29, naScale: 1 / 3 }, // ADeltaFiber_LTMR.hoc somaD, somaL, gna 1.0 vs 3.0
};

/** T-junction to soma centre along a stem (mm): its internodes, initial segment, half the soma. */
export function stemLengthMm(g: StemGeometry): number {
  return (
    (g.internodes.reduce((a, q) => a + q.deltaXUm, 0) +
      (g.iseg?.lengthUm ?? 0) +
      g.soma.lengthUm / 2) /
    1000
  );
}

/** A node of Ranvier (MRGaxon.hoc node: cm 2, short-circuited periaxonal layer). */
function nodeSection(diamUm: number): SectionSpec {
  return {
    kind: 'node',
    lengthUm: NODE_LENGTH_UM,
    diamUm,
    raOhmCm: RHO_A_OHM_UM / 1e4,
    cmUfPerCm2: 2,
    gPasSPerCm2: 0,
    ePasMv: V_INIT_MV,
    xraxialMOhmPerCm: periaxonalMOhmPerCm(diamUm, SPACE_NODE_MYSA_UM),
    xgSPerCm2: NODE_SHORT_XG,
    xcUfPerCm2: 0,
  };
}

/**
 * Straight myelinated collaterals, each an MRG fibre of its own diameter (interpolated
 * geometry) connected at the centre of a main-axon node and ending in an active node.
 */
export interface CollateralOptions {
  /** fibre diameter of the collateral (µm, within the MRG interpolation range) */
  diameterUm: number;
  /** length of each collateral (µm); rounded to whole internodes, at least one */
  lengthUm: number;
  /** a collateral on every `everyNodes`-th node, counted from the middle node */
  everyNodes: number;
}

/** Nodes of the main axon that carry a collateral: every k-th from the middle, clear of the ends. */
export function collateralNodes(nodeCount: number, pen: number, everyNodes: number): number[] {
  const mid = Math.floor(nodeCount / 2);
  const out: number[] = [];
  for (let i = 0; i < nodeCount; i++) {
    if ((i - mid) % everyNodes !== 0) continue;
    // keep two active nodes between a collateral and a passive end
    if (i < pen + 2 || nodeCount - 1 - i < pen + 2) continue;
    out.push(i);
  }
  return out;
}

export function buildMrgFiber(
  geometry: MrgGeometry,
  model: 'mrg' | 'mrg-interp',
  opts: MrgOptions,
): Fiber {
  const { diameterUm: D, deltaXUm, flutLengthUm, axonDiamUm, nodeDiamUm, lamellae } = geometry;
  const nodeCount = opts.nodeCount;
  const pen = opts.passiveEndNodes ?? 0;
  const stinLengthUm = (deltaXUm - NODE_LENGTH_UM - 2 * MYSA_LENGTH_UM - 2 * flutLengthUm) / 6;
  const rhoaOhmCm = RHO_A_OHM_UM / 1e4;

  const internodal = (
    kind: string,
    lengthUm: number,
    innerDiam: number,
    space: number,
    gPas: number,
  ): SectionSpec => myelinated(kind, lengthUm, D, innerDiam, space, gPas, lamellae);

  const sections: SectionSpec[] = [];
  const nodeSectionIndices: number[] = [];
  const activeNodes: number[] = [];
  for (let i = 0; i < nodeCount; i++) {
    const passive = i < pen || nodeCount - 1 - i < pen;
    nodeSectionIndices.push(sections.length);
    if (!passive) activeNodes.push(sections.length);
    sections.push({
      kind: passive ? 'passive-node' : 'node',
      lengthUm: NODE_LENGTH_UM,
      diamUm: nodeDiamUm,
      raOhmCm: passive ? PASSIVE_NODE_RA_OHM_CM : rhoaOhmCm,
      cmUfPerCm2: passive ? PASSIVE_NODE_CM : 2, // MRGaxon.hoc node cm = 2
      gPasSPerCm2: passive ? PASSIVE_NODE_G_S_PER_CM2 : 0,
      ePasMv: V_INIT_MV,
      xraxialMOhmPerCm: periaxonalMOhmPerCm(nodeDiamUm, SPACE_NODE_MYSA_UM),
      xgSPerCm2: NODE_SHORT_XG,
      xcUfPerCm2: 0,
    });
    if (i === nodeCount - 1) break;
    // MYSA g_pas 0.001, FLUT/STIN 0.0001 S/cm², scaled by d/D (MRGaxon.hoc initialize)
    sections.push(internodal('mysa', MYSA_LENGTH_UM, nodeDiamUm, SPACE_NODE_MYSA_UM, 0.001));
    sections.push(internodal('flut', flutLengthUm, axonDiamUm, SPACE_FLUT_STIN_UM, 0.0001));
    for (let j = 0; j < 6; j++) {
      sections.push(internodal('stin', stinLengthUm, axonDiamUm, SPACE_FLUT_STIN_UM, 0.0001));
    }
    sections.push(internodal('flut', flutLengthUm, axonDiamUm, SPACE_FLUT_STIN_UM, 0.0001));
    sections.push(internodal('mysa', MYSA_LENGTH_UM, nodeDiamUm, SPACE_NODE_MYSA_UM, 0.001));
  }
  const branches: BranchParts[] = [];
  const links: (SectionLink | undefined)[] = [];
  /** a myelinated branch on main-axon section `attach`: MYSA, FLUT, 6 × STIN, FLUT, MYSA, node per internode */
  const branch = (attach: number, g: MrgGeometry, internodes: readonly BranchInternode[]) => {
    const b: BranchParts = { attachSection: attach, sections: [], nodeSections: [] };
    const add = (spec: SectionSpec) => {
      const k = sections.length;
      // the first section connects at the centre of the main-axon node (NEURON child(0), node(0.5))
      links[k] = {
        parent: b.sections.length === 0 ? attach : k - 1,
        atParentCentre: b.sections.length === 0,
      };
      b.sections.push(k);
      sections.push(spec);
      return k;
    };
    const d = g.diameterUm;
    for (const q of internodes) {
      const lam = g.lamellae * q.lamellaeScale;
      const part = (kind: string, lengthUm: number, inner: number, space: number, gPas: number) =>
        add(myelinated(kind, lengthUm, d, inner, space, gPas, lam));
      const stin = (q.deltaXUm - NODE_LENGTH_UM - 2 * MYSA_LENGTH_UM - 2 * q.flutLengthUm) / 6;
      part('mysa', MYSA_LENGTH_UM, g.nodeDiamUm, SPACE_NODE_MYSA_UM, 0.001);
      part('flut', q.flutLengthUm, g.axonDiamUm, SPACE_FLUT_STIN_UM, 0.0001);
      for (let j = 0; j < 6; j++) part('stin', stin, g.axonDiamUm, SPACE_FLUT_STIN_UM, 0.0001);
      part('flut', q.flutLengthUm, g.axonDiamUm, SPACE_FLUT_STIN_UM, 0.0001);
      part('mysa', MYSA_LENGTH_UM, g.nodeDiamUm, SPACE_NODE_MYSA_UM, 0.001);
      const node = add(nodeSection(g.nodeDiamUm));
      b.nodeSections.push(node);
      activeNodes.push(node);
    }
    branches.push(b);
    return { b, add };
  };
  const col = opts.collaterals;
  if (col) {
    const problem = mrgDiameterProblem('mrg-interp', col.diameterUm);
    if (problem) throw new RangeError(`collateral: ${problem}`);
    if (!(Number.isInteger(col.everyNodes) && col.everyNodes >= 1)) {
      throw new RangeError('collateral: everyNodes must be a whole number ≥ 1');
    }
    const cg = mrgInterpolatedGeometry(col.diameterUm);
    const count = Math.max(1, Math.round(col.lengthUm / cg.deltaXUm));
    const internodes = Array.from({ length: count }, () => ({
      deltaXUm: cg.deltaXUm,
      flutLengthUm: cg.flutLengthUm,
      lamellaeScale: 1,
    }));
    for (const i of collateralNodes(nodeCount, pen, col.everyNodes)) {
      branch(nodeSectionIndices[i] as number, cg, internodes);
    }
  }
  const somaParts: { section: number; naScale: number }[] = [];
  if (opts.stem) {
    const problem = mrgDiameterProblem('mrg-interp', opts.stem.diameterUm);
    if (problem) throw new RangeError(`stem: ${problem}`);
    const mid = Math.floor(nodeCount / 2);
    if (mid < pen + 2 || nodeCount - 1 - mid < pen + 2) {
      throw new RangeError(
        'stem: the fibre needs at least two active nodes each side of the T-junction',
      );
    }
    const sg = mrgInterpolatedGeometry(opts.stem.diameterUm);
    const stem = opts.stem.geometry ?? STEM_ABETA;
    const { b, add } = branch(
      nodeSectionIndices[mid] as number,
      sg,
      stem.internodes.map((q) => ({ ...q, flutLengthUm: stem.flutLengthUm })),
    );
    const part = (kind: string, g: { diamUm: number; lengthUm: number; naScale: number }) => {
      const k = add({ ...nodeSection(g.diamUm), kind, lengthUm: g.lengthUm });
      // sampled and watched like the stem's nodes
      b.nodeSections.push(k);
      somaParts.push({ section: k, naScale: g.naScale });
    };
    if (stem.iseg) part('iseg', stem.iseg);
    part('soma', stem.soma);
  }
  const active = Int32Array.from(activeNodes);
  return assembleFiber({
    ...(branches.length > 0 ? { branches, links } : {}),
    model,
    diameterUm: D,
    sections,
    nodeSectionIndices,
    internodeLengthUm: deltaXUm,
    passiveEndNodes: pen,
    vInitMv: V_INIT_MV,
    temperatureC: TEMPERATURE_C,
    apThresholdMv: -30, // PyFibers ap_detect_threshold
    steadyStateMs: 200, // PyFibers t_init_ss = −200 ms
    steadyStateDtMs: 10, // PyFibers Stimulation dt_init_ss default
    createMechanisms: (_nodes, secs) => {
      const areas = Float64Array.from(activeNodes, (k) => sectionArea(secs[k] as SectionSpec));
      const mechs = [new MrgNodeMechanism(active, areas, TEMPERATURE_C)];
      for (const { section: k, naScale } of somaParts) {
        mechs.push(
          new MrgNodeMechanism(
            Int32Array.of(k),
            Float64Array.of(sectionArea(secs[k] as SectionSpec)),
            TEMPERATURE_C,
            {
              ...MRG_NODE_DEFAULTS,
              gNaBarSPerCm2: MRG_NODE_DEFAULTS.gNaBarSPerCm2 * naScale,
              gNapBarSPerCm2: MRG_NODE_DEFAULTS.gNapBarSPerCm2 * naScale,
            },
          ),
        );
      }
      return mechs;
    },
  });
}

/** Where `buildMrgFiber` places its mechanisms (the same for both geometries), for the registry. */
export const MRG_MECHANISMS = [
  {
    region: 'nodes',
    mechanism: 'MRG node: fast Na, persistent Na, slow K, leak (AXNODE.mod, McIntyre 2002)',
  },
  {
    region: 'MYSA, FLUT, STIN',
    mechanism: 'passive membrane under a myelin sheath, periaxonal layer (double cable)',
  },
  {
    region: 'DRG stem initial segment and soma',
    mechanism: 'MRG node channels with scaled Na (ABetaFiber.hoc)',
  },
] as const;

/** Error text for an MRG diameter outside the model's range, or undefined when valid. */
export function mrgDiameterProblem(model: 'mrg' | 'mrg-interp', d: number): string | undefined {
  if (model === 'mrg') {
    if (mrgDiscreteGeometry(d)) return undefined;
    return `MRG (discrete) needs a tabulated diameter: ${MRG_TABLE.map((g) => g.diameterUm).join(', ')} µm (use mrg-interp for ${MRG_INTERP_RANGE_UM.min}–${MRG_INTERP_RANGE_UM.max} µm)`;
  }
  if (!(d >= MRG_INTERP_RANGE_UM.min && d <= MRG_INTERP_RANGE_UM.max)) {
    return `MRG interpolation is defined for ${MRG_INTERP_RANGE_UM.min}–${MRG_INTERP_RANGE_UM.max} µm`;
  }
  return undefined;
}

export function buildMrg(model: 'mrg' | 'mrg-interp', diameterUm: number, opts: MrgOptions): Fiber {
  const problem = mrgDiameterProblem(model, diameterUm);
  if (problem) throw new RangeError(problem);
  const g =
    model === 'mrg'
      ? (mrgDiscreteGeometry(diameterUm) as MrgGeometry)
      : mrgInterpolatedGeometry(diameterUm);
  return buildMrgFiber(g, model, opts);
}
