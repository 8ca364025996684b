/**
 * Potentials and the activating function along a straight fibre from a few point sources in a
 * homogeneous medium: models/field `weightedSourcesMvPerMa` (V = I/(4πσr), Plonsey & Barr,
 * by superposition); the activating function is the second
 * difference of the potential at the nodes, f_n = V_{n−1} − 2V_n + V_{n+1} (Rattay 1986,
 * IEEE TBME 33:974; models.md §1). Units: mm, mA, S/m → mV.
 */
import {
  weightedSourcesMvPerMa,
  type WeightedPointSource,
} from '../../../models/field/pointSource.ts';

export interface PointSourceMa extends WeightedPointSource {
  /** position (mm) in the lesson's frame: x lateral, y dorsal, z along the cord */
  xMm: number;
  yMm: number;
  zMm: number;
  /** source current per mA of program amplitude: +1 anodic, −1 cathodic, fractions allowed */
  weight: number;
}

export type FibreAxis = 'x' | 'z';

export interface StraightFibre {
  /** centre of the fibre (mm) */
  xMm: number;
  yMm: number;
  zMm: number;
  /** the axis the fibre runs along */
  axis: FibreAxis;
  /**
   * a DRG neuron: stem, initial segment and soma on the fibre's middle node (models/neuron
   * mrg.ts StemOptions), the stem running in −y (away from sources above the fibre)
   */
  drgStem?: boolean;
}

/** Potential (mV) at a point for sources scaled by `amplitudeMa`. */
export function potentialMv(
  sources: readonly PointSourceMa[],
  sigmaSPerM: number,
  amplitudeMa: number,
  xMm: number,
  yMm: number,
  zMm: number,
): number {
  // r is kept ≥ 10 µm so a node under a contact stays finite
  return amplitudeMa * weightedSourcesMvPerMa(sources, sigmaSPerM, xMm, yMm, zMm);
}

/** Positions (mm from the fibre centre) of `count` nodes spaced `spacingMm` apart, centred. */
export function nodePositionsMm(count: number, spacingMm: number): Float64Array {
  const mid = (count - 1) / 2;
  return Float64Array.from({ length: count }, (_, i) => (i - mid) * spacingMm);
}

/** Potential (mV) at each position along the fibre. */
export function potentialsAlongFibreMv(
  sources: readonly PointSourceMa[],
  sigmaSPerM: number,
  amplitudeMa: number,
  fibre: StraightFibre,
  positionsMm: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(positionsMm.length);
  for (let i = 0; i < positionsMm.length; i++) {
    const s = positionsMm[i] as number;
    const x = fibre.axis === 'x' ? fibre.xMm + s : fibre.xMm;
    const z = fibre.axis === 'z' ? fibre.zMm + s : fibre.zMm;
    out[i] = potentialMv(sources, sigmaSPerM, amplitudeMa, x, fibre.yMm, z);
  }
  return out;
}

/**
 * Second difference of node potentials (mV), f_n = V_{n−1} − 2V_n + V_{n+1}; the end nodes get
 * 0. Positive values depolarise (Rattay 1986).
 */
export function activatingFunctionMv(nodePotentialsMv: ArrayLike<number>): Float64Array {
  const n = nodePotentialsMv.length;
  const out = new Float64Array(n);
  for (let i = 1; i < n - 1; i++) {
    out[i] =
      (nodePotentialsMv[i - 1] as number) -
      2 * (nodePotentialsMv[i] as number) +
      (nodePotentialsMv[i + 1] as number);
  }
  return out;
}

/** Largest value of an array and its index. */
export function argMax(values: ArrayLike<number>): { index: number; value: number } {
  let index = 0;
  let value = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v > value) {
      value = v;
      index = i;
    }
  }
  return { index, value };
}

/** Contact layouts along a lead (z), contacts `pitchMm` apart, for a lesson on configurations. */
export type ContactConfiguration = 'monopole' | 'bipole' | 'tripole';

export function configurationSources(
  config: ContactConfiguration,
  pitchMm: number,
  leadYMm: number,
): PointSourceMa[] {
  // the cathode sits at z = 0; anodes share the return current (weights sum to 0 on the lead)
  if (config === 'monopole') return [{ xMm: 0, yMm: leadYMm, zMm: 0, weight: -1 }];
  if (config === 'bipole')
    return [
      { xMm: 0, yMm: leadYMm, zMm: 0, weight: -1 },
      { xMm: 0, yMm: leadYMm, zMm: pitchMm, weight: 1 },
    ];
  return [
    { xMm: 0, yMm: leadYMm, zMm: -pitchMm, weight: 0.5 },
    { xMm: 0, yMm: leadYMm, zMm: 0, weight: -1 },
    { xMm: 0, yMm: leadYMm, zMm: pitchMm, weight: 0.5 },
  ];
}
