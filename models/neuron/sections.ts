/**
 * NEURON-style sections (one segment each, nseg = 1) reduced to a CableNetwork.
 *
 * A section carries the same numbers a hoc file sets: L, diam, Ra, cm, g_pas/e_pas and the
 * first layer of `extracellular` (xraxial, xg, xc). With nseg = 1 the compartment sits at the
 * section centre, and two connected sections couple through their two half-lengths in series,
 * which is what NEURON's zero-area end nodes reduce to (The NEURON Book, ch. 5).
 *
 * Units: µm for lengths, Ω·cm for Ra, µF/cm² for cm and xc, S/cm² for g_pas and xg, MΩ/cm for
 * xraxial. The network is in µS, nF (see cable.ts).
 */
import type { CableNetwork } from './cable.ts';

export interface SectionSpec {
  kind: string;
  lengthUm: number;
  diamUm: number;
  raOhmCm: number;
  cmUfPerCm2: number;
  gPasSPerCm2: number;
  ePasMv: number;
  /** periaxonal resistance per length (MΩ/cm); Infinity or 1e9 (NEURON default) = none */
  xraxialMOhmPerCm: number;
  /** myelin conductance (S/cm²); ≥ 1e9 means short-circuited to Ve */
  xgSPerCm2: number;
  xcUfPerCm2: number;
}

/** NEURON's extracellular default xg is 1e9 S/cm²; at or above it the layer follows Ve. */
const SHORT_CIRCUIT_XG_S_PER_CM2 = 1e9; // NEURON extracellular reference: default xg = 1e9

export function sectionArea(s: SectionSpec): number {
  return Math.PI * s.diamUm * s.lengthUm; // µm²
}

/** Half-section intracellular resistance (MΩ): 4·Ra·(L/2)/(π·d²), with unit conversions. */
function halfAxialMOhm(s: SectionSpec): number {
  // Ω·cm · µm / µm² = Ω·cm/µm = 1e4 Ω → ×1e-6 for MΩ
  return ((4 * s.raOhmCm * (s.lengthUm / 2)) / (Math.PI * s.diamUm * s.diamUm)) * 1e-2;
}

function halfPeriaxialMOhm(s: SectionSpec): number {
  return s.xraxialMOhmPerCm * (s.lengthUm / 2) * 1e-4;
}

/**
 * How a section of a branched fibre hangs on the tree: the section it connects to (which must
 * come earlier in the list) and whether it connects at that section's centre (NEURON
 * `connect child(0), parent(0.5)`: only the child's half-length lies between the two
 * compartments) or at its far end (`parent(1)`: both half-lengths in series).
 */
export interface SectionLink {
  parent: number;
  atParentCentre?: boolean;
}

export function buildNetwork(
  sections: readonly SectionSpec[],
  links?: readonly (SectionLink | undefined)[],
): CableNetwork {
  const n = sections.length;
  const cmNf = new Float64Array(n);
  const gPasUs = new Float64Array(n);
  const ePasMv = new Float64Array(n);
  const axialUs = new Float64Array(Math.max(0, n - 1));
  const periaxialUs = new Float64Array(Math.max(0, n - 1));
  const myelinGUs = new Float64Array(n);
  const myelinCNf = new Float64Array(n);
  const outerClamped = new Uint8Array(n);
  const parent = links ? new Int32Array(n).fill(-1) : undefined;
  sections.forEach((s, k) => {
    const areaUm2 = sectionArea(s);
    // µF/cm² · µm² = 1e-8 µF = 1e-5 nF; S/cm² · µm² = 1e-8 S = 1e-2 µS
    cmNf[k] = s.cmUfPerCm2 * areaUm2 * 1e-5;
    gPasUs[k] = s.gPasSPerCm2 * areaUm2 * 1e-2;
    ePasMv[k] = s.ePasMv;
    myelinGUs[k] = s.xgSPerCm2 * areaUm2 * 1e-2;
    myelinCNf[k] = s.xcUfPerCm2 * areaUm2 * 1e-5;
    outerClamped[k] = s.xgSPerCm2 >= SHORT_CIRCUIT_XG_S_PER_CM2 ? 1 : 0;
    if (k === 0) return;
    const link = links ? links[k] : undefined;
    const p = link ? link.parent : k - 1;
    if (!(p >= 0 && p < k)) throw new RangeError(`section ${k}: its parent must come before it`);
    if (parent) parent[k] = p;
    const up = sections[p] as SectionSpec;
    const centre = link?.atParentCentre === true;
    axialUs[k - 1] = 1 / (halfAxialMOhm(s) + (centre ? 0 : halfAxialMOhm(up)));
    const rp = halfPeriaxialMOhm(s) + (centre ? 0 : halfPeriaxialMOhm(up));
    periaxialUs[k - 1] = Number.isFinite(rp) && rp > 0 ? 1 / rp : 0;
  });
  return {
    compartmentCount: n,
    cmNf,
    gPasUs,
    ePasMv,
    axialUs,
    periaxialUs,
    myelinGUs,
    myelinCNf,
    outerClamped,
    ...(parent ? { parent } : {}),
  };
}

/** Arc-length position (µm) of each section centre, the first section starting at 0. */
export function sectionCentresUm(sections: readonly SectionSpec[]): Float64Array {
  const out = new Float64Array(sections.length);
  let start = 0;
  sections.forEach((s, k) => {
    out[k] = start + s.lengthUm / 2;
    start += s.lengthUm;
  });
  return out;
}
