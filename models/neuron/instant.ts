/**
 * Instant tier: threshold from the field alone. The drive is a smoothed activating function
 * (a mirror/driving-function style predictor, cf. Peterson, Izad & Tyler, IEEE TBME 58:1830,
 * 2011): the second difference of Ve over the nodes, weighted over neighbours with
 * exp(−|j|/λ), its maximum over the fibre. Threshold = K(model, D, pulse width, waveform, field
 * spread ρ, node symmetry s) / drive, with K calibrated against the full cable model (instantCalibration.json, written by
 * `npm run calibrate`).
 */
import type { Fiber } from './fiber.ts';
import type {
  CalibrationCell,
  CalibrationPoint,
  CalibrationProfile,
  InstantCalibrationTable,
} from './instantCalibration.ts';
import { FIBER_REGISTRY } from './registry.ts';
import type { WaveformSpec } from './waveform.ts';

/** each table's pulse-width axis in log µs, computed once */
const logPwAxes = new WeakMap<InstantCalibrationTable, number[]>();
function logPwAxis(table: InstantCalibrationTable): number[] {
  let axis = logPwAxes.get(table);
  if (!axis) {
    axis = table.pulseWidthUs.map((p) => Math.log(p));
    logPwAxes.set(table, axis);
  }
  return axis;
}

/** Kernel length scale in nodes; fitted on MRG 5.7–16 µm, 0.2–3 mm, 50–1000 µs. */
export const DRIVE_LAMBDA_NODES = 3;
const KERNEL_HALF_WIDTH = 9; // 3λ
const KERNEL = Float64Array.from({ length: KERNEL_HALF_WIDTH + 1 }, (_, j) =>
  Math.exp(-j / DRIVE_LAMBDA_NODES),
);

export type DriveKind = 'cathodic' | 'anodic' | 'biphasic';

/**
 * Field-shape feature ρ = sqrt(max|Ve| / cathodic drive), in internodes: for a point source it
 * grows with the distance (≈ r/Δx far away), so K can follow how spread out the field is.
 * `drive` is the peak drive for a cathodic leading phase (sign −1) whatever the waveform.
 */
export function fieldSpread(nodeVe: ArrayLike<number>, drive: number): number {
  let vmax = 0;
  for (let i = 0; i < nodeVe.length; i++) vmax = Math.max(vmax, Math.abs(nodeVe[i] as number));
  return Math.sqrt(vmax / drive);
}

/**
 * Peak smoothed activating function (mV per mA of source current) for a leading phase of
 * sign `sign` (−1 cathodic, +1 anodic); `nodeVe` holds Ve at the nodes for +1 mA.
 *
 * With it the node-position feature `symmetry` s: the smoothed drive of the better neighbour of
 * the peak node over that of the peak node, clamped to [0, 1]. A source over a node gives its
 * smallest value for that distance, one over the middle of an internode 1 (two equal peaks). K
 * is calibrated at both positions and blended by s. The smoothed drive keeps s steady where the
 * raw activating function is spiky (bends, tissue boundaries, grid steps).
 */
export function peakDrive(nodeVe: ArrayLike<number>, sign: number, scratch?: Float64Array) {
  const n = nodeVe.length;
  const af = scratch && scratch.length >= n ? scratch : new Float64Array(n);
  af[0] = 0;
  af[n - 1] = 0;
  for (let i = 1; i < n - 1; i++) {
    af[i] =
      sign * ((nodeVe[i - 1] as number) - 2 * (nodeVe[i] as number) + (nodeVe[i + 1] as number));
  }
  const smoothed = (i: number) => {
    let s = (KERNEL[0] as number) * (af[i] as number);
    for (let j = 1; j <= KERNEL_HALF_WIDTH; j++) {
      const w = KERNEL[j] as number;
      if (i - j >= 1) s += w * (af[i - j] as number);
      if (i + j < n - 1) s += w * (af[i + j] as number);
    }
    return s;
  };
  let best = -Infinity;
  let at = 0;
  for (let i = 1; i < n - 1; i++) {
    const s = smoothed(i);
    if (s > best) {
      best = s;
      at = i;
    }
  }
  let symmetry = 0;
  if (best > 0) {
    const left = at > 1 ? smoothed(at - 1) : -Infinity;
    const right = at < n - 2 ? smoothed(at + 1) : -Infinity;
    symmetry = Math.min(1, Math.max(0, Math.max(left, right) / best));
  }
  return { drive: best, nodeIndex: at, symmetry };
}

export function driveKind(w: WaveformSpec): DriveKind {
  if (w.kind === 'mono-anodic') return 'anodic';
  if (w.kind === 'biphasic-cathodic-first') return 'biphasic';
  if (w.kind === 'sampled') return (w.samples[0] ?? -1) > 0 ? 'anodic' : 'cathodic';
  return 'cathodic';
}

function pulseUs(w: WaveformSpec): number {
  if (w.kind !== 'sampled') return w.pulseWidthUs;
  const first = Math.sign(w.samples[0] ?? 0);
  let n = 0;
  while (n < w.samples.length && Math.sign(w.samples[n] ?? 0) === first) n++;
  return n * w.sampleDtUs;
}

/** Linear interpolation in a sorted axis, clamped at its ends: index and weight. */
function bracket(axis: readonly number[], x: number): [number, number] {
  const last = axis.length - 1;
  if (x <= (axis[0] as number)) return [0, 0];
  if (x >= (axis[last] as number)) return [last - 1, 1];
  let i = 0;
  while ((axis[i + 1] as number) < x) i++;
  const a = axis[i] as number;
  const b = axis[i + 1] as number;
  return [i, (x - a) / (b - a)];
}

/** log K and s at spread ρ from one calibration profile (sorted by ρ), clamped at its ends. */
function profileAt(profile: CalibrationProfile, rho: number): [number, number] {
  const first = profile[0] as CalibrationPoint;
  const last = profile[profile.length - 1] as CalibrationPoint;
  if (rho <= first[0]) return [Math.log(first[1]), first[2]];
  if (rho >= last[0]) return [Math.log(last[1]), last[2]];
  let i = 0;
  while ((profile[i + 1] as CalibrationPoint)[0] < rho) i++;
  const [r0, k0, s0] = profile[i] as CalibrationPoint;
  const [r1, k1, s1] = profile[i + 1] as CalibrationPoint;
  const t = (Math.log(rho) - Math.log(r0)) / (Math.log(r1) - Math.log(r0));
  return [Math.log(k0) + t * (Math.log(k1) - Math.log(k0)), s0 + t * (s1 - s0)];
}

/** Below this spread of s between the two positions, K does not depend on the position. */
const MIN_SYMMETRY_SPREAD = 0.02; // our choice

/** log K of one table cell at (ρ, s): each position's profile at ρ, blended by s. */
function logKAt(cell: CalibrationCell, rho: number, sym: number): number {
  const [kNode, sNode] = profileAt(cell[0], rho);
  const [kInt, sInt] = profileAt(cell[1], rho);
  const spread = sInt - sNode;
  const t = spread < MIN_SYMMETRY_SPREAD ? 0.5 : Math.min(1, Math.max(0, (sym - sNode) / spread));
  return kNode + t * (kInt - kNode);
}

/**
 * K (mV) from a calibration table at field spread ρ and node symmetry s: per table cell,
 * log-interpolated along ρ and blended between the over-node and over-internode profiles by s,
 * then bilinearly in diameter and log pulse width.
 */
export function tableInstantK(
  calibration: InstantCalibrationTable,
  diameterUm: number,
  pulseWidthUs: number,
  kind: DriveKind,
  rho: number,
  sym: number,
): number {
  const table = calibration.profiles[kind];
  const [i, wi] = bracket(calibration.diameterUm, diameterUm);
  const [j, wj] = bracket(logPwAxis(calibration), Math.log(pulseWidthUs));
  const at = (a: number, b: number) => logKAt(table[a]?.[b] as CalibrationCell, rho, sym);
  const v =
    (1 - wi) * (1 - wj) * at(i, j) +
    wi * (1 - wj) * at(i + 1, j) +
    (1 - wi) * wj * at(i, j + 1) +
    wi * wj * at(i + 1, j + 1);
  return Math.exp(v);
}

/**
 * Calibration constant from the model's calibration table (registry.ts: the MRG table for both
 * MRG geometries); NaN for models without one, which have no instant tier (their thresholds come
 * from the cable model alone).
 */
export function instantK(
  model: Fiber['model'],
  diameterUm: number,
  pulseWidthUs: number,
  kind: DriveKind,
  rho: number,
  sym: number,
): number {
  const calibration = FIBER_REGISTRY.instantCalibration(model);
  if (!calibration) return NaN;
  return tableInstantK(calibration, diameterUm, pulseWidthUs, kind, rho, sym);
}

/** Instant threshold (mA) for a fibre and its unit field; NaN when not calibrated. */
export function instantThresholdMa(
  fiber: Fiber,
  veUnitMv: Float64Array,
  waveform: WaveformSpec,
): number {
  const nodeVe = Float64Array.from(fiber.nodeCompartments, (k) => veUnitMv[k] as number);
  return instantThresholdFromNodes(fiber.model, fiber.diameterUm, nodeVe, waveform);
}

/** The same from Ve at the nodes only (what a population sampler provides). */
export function instantThresholdFromNodes(
  model: Fiber['model'],
  diameterUm: number,
  nodeVe: ArrayLike<number>,
  waveform: WaveformSpec,
  scratch?: Float64Array,
): number {
  const kind = driveKind(waveform);
  const { drive, symmetry: sym } = peakDrive(nodeVe, kind === 'anodic' ? 1 : -1, scratch);
  if (!(drive > 0)) return Infinity;
  const spreadDrive = kind === 'anodic' ? peakDrive(nodeVe, -1, scratch).drive : drive;
  const rho = fieldSpread(nodeVe, Math.abs(spreadDrive));
  return instantK(model, diameterUm, pulseUs(waveform), kind, rho, sym) / drive;
}

/** Peak drive this close to a fibre end (nodes): end effects the calibration never saw. */
const END_MARGIN_NODES = 3; // our choice: within the ±9-node drive kernel's core
/** ρ beyond the calibrated range by more than this factor counts as outside it (our choice). */
const RHO_MARGIN = 1.1;

/**
 * Whether the instant tier's calibration covers this fibre's field: its spread ρ within the
 * calibrated point-source range (up to the 4 mm source) and its peak drive away from the fibre's
 * ends. Fibres outside it keep an instant threshold, but an unvalidated one (README: per-regime
 * errors).
 */
export function instantCovers(
  model: Fiber['model'],
  diameterUm: number,
  nodeVe: ArrayLike<number>,
  waveform: WaveformSpec,
  scratch?: Float64Array,
): boolean {
  const calibration = FIBER_REGISTRY.instantCalibration(model);
  if (!calibration) return false;
  const kind = driveKind(waveform);
  const sign = kind === 'anodic' ? 1 : -1;
  const { drive, nodeIndex } = peakDrive(nodeVe, sign, scratch);
  if (!(drive > 0)) return true; // not excitable by this field: Infinity is right
  if (nodeIndex < END_MARGIN_NODES || nodeIndex > nodeVe.length - 1 - END_MARGIN_NODES) {
    return false;
  }
  const rho = fieldSpread(nodeVe, Math.abs(peakDrive(nodeVe, -1, scratch).drive));
  const [i, wi] = bracket(calibration.diameterUm, diameterUm);
  const [j, wj] = bracket(logPwAxis(calibration), Math.log(pulseUs(waveform)));
  const cell = calibration.profiles[kind][wi < 0.5 ? i : i + 1]?.[wj < 0.5 ? j : j + 1];
  if (!cell) return false;
  const rhoMax = Math.max(...cell.map((p) => (p[p.length - 1] as CalibrationPoint)[0]));
  return rho <= rhoMax * RHO_MARGIN;
}
