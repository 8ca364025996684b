/**
 * Fibres cut to the stretch the program drives (full tier, population runs). A fibre far
 * longer than the region its field excites spends most of each simulation on compartments
 * that only carry the AP away: the threshold is set where the activating function is large,
 * and the AP is counted once it has travelled a few nodes (POPULATION_PROPAGATED_AP_NODES).
 * The cut keeps every node whose activating function (the second difference of the node
 * potentials) reaches `AF_FRACTION` of the fibre's peak, plus a margin; a fibre with a DRG stem is cut
 * symmetrically about its T-junction so the stem stays on the middle node. Fibres with
 * collaterals are left whole.
 *
 * The cut fibre's nodes and compartments are the original's (same model, same internode,
 * same sampled potentials), checked compartment by compartment; when they are not, the fibre
 * is left whole. A cut end is a sealed end in a field: the search on a cut fibre is repeated
 * on the whole one when its AP starts near a cut end or a window shows (populationRun.ts).
 * The cut is measured against whole fibres (test/validation/neuron/truncation.test.ts).
 */
import { buildFiber } from './build.ts';
import type { PreparedFiber } from './populationRun.ts';

/**
 * Nodes whose |activating function| reaches this fraction of the peak are kept (our choice,
 * measured: thresholds and windows identical to whole fibres on the default plans, short and
 * long pulses, test/validation/neuron/truncation.test.ts). Scaled down by `driveRatio` for
 * the amplitudes a search goes on to try above the threshold.
 */
export const AF_FRACTION = 0.2;
/** Nodes kept beyond them on each side (our choice: more than the AP's counted travel, 5 nodes). */
export const MARGIN_NODES = 10;
/** A cut that would keep more than 1 − this share of the fibre's nodes is not made. */
const MIN_SAVING = 0.15;

export interface TruncateOptions {
  afFraction?: number;
  marginNodes?: number;
  /**
   * The search's amplitude at its threshold over the highest amplitude it will try (≤ 1):
   * the kept stretch is where the drive at that highest amplitude reaches `afFraction` of the
   * peak drive at threshold
   */
  driveRatio?: number;
}

/** The node window [from, to] kept for a fibre's node potentials, or null to keep it whole. */
export function drivenNodeWindow(
  nodeVe: Float64Array,
  opts: TruncateOptions = {},
): [number, number] | null {
  const n = nodeVe.length;
  if (n < 9) return null;
  const frac = opts.afFraction ?? AF_FRACTION;
  const margin = opts.marginNodes ?? MARGIN_NODES;
  let peak = 0;
  for (let j = 1; j < n - 1; j++) {
    const af = Math.abs(nodeVe[j - 1]! - 2 * nodeVe[j]! + nodeVe[j + 1]!);
    if (af > peak) peak = af;
  }
  if (!(peak > 0)) return null;
  const floor = frac * Math.min(1, opts.driveRatio ?? 1) * peak;
  let lo = -1;
  let hi = -1;
  for (let j = 1; j < n - 1; j++) {
    const af = Math.abs(nodeVe[j - 1]! - 2 * nodeVe[j]! + nodeVe[j + 1]!);
    if (af >= floor) {
      if (lo < 0) lo = j;
      hi = j;
    }
  }
  const from = Math.max(0, lo - margin);
  const to = Math.min(n - 1, hi + margin);
  if (to - from + 1 > (1 - MIN_SAVING) * n) return null;
  return [from, to];
}

/**
 * `p` cut to its driven stretch, or `p` itself when the cut would save little, the fibre has
 * collaterals, or the cut fibre's layout does not match the original's.
 */
export function truncateToDriven(p: PreparedFiber, opts: TruncateOptions = {}): PreparedFiber {
  const f = p.fiber;
  if (p.path.collaterals) return p;
  const win = drivenNodeWindow(p.nodeVe, opts);
  if (!win) return p;
  let [from, to] = win;
  const n = f.nodeCount;
  const stem = p.path.stem;
  if (stem) {
    // the stem hangs on the middle node: keep the window symmetric about it
    if (n % 2 === 0 || f.branches.length !== 1) return p;
    const mid = (n - 1) / 2;
    const half = Math.max(mid - from, to - mid);
    from = mid - half;
    to = mid + half;
    if (from <= 0 || to >= n - 1 || to - from + 1 > (1 - MIN_SAVING) * n) return p;
  } else if (f.branches.length > 0) return p;
  const cut = buildFiber(f.model, f.diameterUm, {
    nodeCount: to - from + 1,
    passiveEndNodes: f.passiveEndNodes,
    ...(stem
      ? {
          stem: {
            diameterUm: stem.diameterUm,
            ...(stem.geometry ? { geometry: stem.geometry } : {}),
          },
        }
      : {}),
  });
  // the main axon's compartments from node `from` to node `to`, then the branch's
  const c0 = f.nodeCompartments[from]!;
  const c1 = f.nodeCompartments[to]!;
  const mainCut = cut.branches[0]?.compartments[0] ?? cut.compartmentPositionsUm.length;
  if (mainCut !== c1 - c0 + 1) return p;
  const pos = f.compartmentPositionsUm;
  const cpos = cut.compartmentPositionsUm;
  for (let k = 0; k < mainCut; k++) {
    if (Math.abs(cpos[k]! - cpos[0]! - (pos[c0 + k]! - pos[c0]!)) > 1e-6) return p;
  }
  for (let j = 0; j < cut.nodeCount; j++) {
    if (cut.nodeCompartments[j]! !== f.nodeCompartments[from + j]! - c0) return p;
  }
  const veUnitMv = new Float64Array(cut.compartmentPositionsUm.length);
  veUnitMv.set(p.veUnitMv.subarray(c0, c1 + 1), 0);
  if (stem) {
    const ob = f.branches[0]!;
    const cb = cut.branches[0]!;
    if (ob.compartments.length !== cb.compartments.length) return p;
    if (cb.attachCompartment !== ob.attachCompartment - c0) return p;
    for (let m = 0; m < ob.compartments.length; m++) {
      if (Math.abs(ob.distancesUm[m]! - cb.distancesUm[m]!) > 1e-6) return p;
      veUnitMv[cb.compartments[m]!] = p.veUnitMv[ob.compartments[m]!]!;
    }
  }
  return { path: p.path, fiber: cut, veUnitMv, nodeVe: p.nodeVe.slice(from, to + 1) };
}
