/**
 * One simulation of a fibre under Ve(x, t) = amplitude · waveform(t) · veUnit(x), starting from
 * the fibre's resting state (PyFibers: finitialize(v_init), then 200 ms at dt 10 ms with Ve = 0).
 * The resting state is computed once per session and reused by every trial.
 *
 * Units: mV, ms, mA (amplitude), µs for user-facing steps.
 */
import { CableIntegrator, type CableState } from './cable.ts';
import { apDetectionNode, type Fiber } from './fiber.ts';

export interface SimulationOptions {
  dtUs: number;
  /** simulated time after t = 0 (ms); a trial may stop earlier once its outcome is known */
  tstopMs: number;
  /** stop as soon as the detection node fires (threshold searches) */
  stopOnAp?: boolean;
  /** stop a quiet trial once the stimulus is over and every node is back near rest */
  stopWhenQuiet?: boolean;
  /** a coarser step once the stimulus is over (µs); default dtUs */
  dtAfterStimUs?: number;
  /** node index watched for the AP; default ⌊0.9·(N−1)⌋ */
  apNodeIndex?: number;
  /**
   * Population mode: count an AP once it has travelled this many nodes from the first node
   * that fired (instead of waiting for the detection node). Same outcome whenever nothing
   * blocks the AP on its way; used for population runs, not for the PyFibers-convention CLI.
   */
  propagatedApNodes?: number;
}

export interface SimulationResult {
  ap: boolean;
  /** time of the AP at the detection node (ms) or NaN */
  apTimeMs: number;
  /** first upward crossing of the AP threshold per node (ms), NaN where none */
  nodeCrossingMs: Float64Array;
  steps: number;
}

/** Quiet: |vm − rest| below this at every node, this long after the stimulus ends. */
const QUIET_MARGIN_MV = 3; // our choice; checked against full-length runs in the tests
const QUIET_AFTER_STIM_MS = 0.1; // our choice; see above
/** Or: the largest |vm − rest| is below this and has shrunk over DECAY_STEPS steps. */
const DECAY_CEILING_MV = 10; // our choice; checked like the quiet rule
const DECAY_STEPS = 20; // our choice (0.1 ms at dt 5 µs)

export class FiberSession {
  readonly fiber: Fiber;
  readonly integrator: CableIntegrator;
  private rest: CableState | undefined;
  private readonly restVm: Float64Array;
  /** nodes of the side branches, watched (with the main nodes) by the quiet rule */
  private readonly branchNodes: Int32Array;
  private readonly branchRestVm: Float64Array;
  private readonly zeros: Float64Array;
  simulations = 0;

  constructor(fiber: Fiber) {
    this.fiber = fiber;
    this.integrator = new CableIntegrator(fiber.network, fiber.createMechanisms());
    this.restVm = new Float64Array(fiber.nodeCount);
    this.branchNodes = Int32Array.from(
      fiber.branches.flatMap((b) => Array.from(b.nodeCompartments)),
    );
    this.branchRestVm = new Float64Array(this.branchNodes.length);
    this.zeros = new Float64Array(fiber.network.compartmentCount);
  }

  /** The resting state after the steady-state settling run (computed once). */
  restState(): CableState {
    if (!this.rest) {
      const it = this.integrator;
      const f = this.fiber;
      it.initialize(f.vInitMv);
      // PyFibers _steady_state: while t <= −dt_ss: fadvance(), starting at t = −t_ss
      const steps = Math.round(f.steadyStateMs / f.steadyStateDtMs);
      for (let i = 0; i < steps; i++) it.step(f.steadyStateDtMs, this.zeros, 0);
      this.rest = it.saveState();
      for (let j = 0; j < f.nodeCount; j++) {
        this.restVm[j] = it.vm[f.nodeCompartments[j] as number] as number;
      }
      this.branchNodes.forEach((k, j) => (this.branchRestVm[j] = it.vm[k] as number));
    }
    return this.rest;
  }

  run(
    veUnitMv: Float64Array,
    amplitudeMa: number,
    waveform: Float64Array,
    opts: SimulationOptions,
  ): SimulationResult {
    const f = this.fiber;
    const it = this.integrator;
    it.restoreState(this.restState());
    this.simulations++;
    const dtMs = opts.dtUs / 1000;
    const dtAfterMs = (opts.dtAfterStimUs ?? opts.dtUs) / 1000;
    const stimMs = waveform.length * dtMs;
    const nSteps = waveform.length + Math.max(0, Math.round((opts.tstopMs - stimMs) / dtAfterMs));
    const nodes = f.nodeCompartments;
    const detNode = opts.apNodeIndex ?? apDetectionNode(f.nodeCount);
    const thr = f.apThresholdMv;
    const crossing = new Float64Array(f.nodeCount).fill(NaN);
    const above = new Uint8Array(f.nodeCount);
    for (let j = 0; j < f.nodeCount; j++) {
      above[j] = (it.vm[nodes[j] as number] as number) > thr ? 1 : 0;
    }
    const quietStep = waveform.length + Math.round(QUIET_AFTER_STIM_MS / dtAfterMs);
    let tMs = 0;
    const propagate = opts.propagatedApNodes;
    let firstNode = -1;
    let apTimeMs = NaN;
    let step = 0;
    const vm = it.vm;
    let prevSpread = Infinity;
    let shrinking = 0;
    for (; step < nSteps; step++) {
      const during = step < waveform.length;
      const w = during ? (waveform[step] as number) : 0;
      const h = during ? dtMs : dtAfterMs;
      it.step(h, veUnitMv, amplitudeMa * w);
      tMs += h;
      for (let j = 0; j < nodes.length; j++) {
        const v = vm[nodes[j] as number] as number;
        if (v > thr) {
          if (above[j] === 0) {
            above[j] = 1;
            if (Number.isNaN(crossing[j] as number)) {
              crossing[j] = tMs;
              if (propagate !== undefined) {
                if (firstNode < 0) firstNode = j;
                else if (Number.isNaN(apTimeMs) && Math.abs(j - firstNode) >= propagate) {
                  apTimeMs = tMs;
                }
              }
            }
          }
        } else above[j] = 0;
      }
      if (Number.isNaN(apTimeMs) && !Number.isNaN(crossing[detNode] as number)) {
        apTimeMs = crossing[detNode] as number;
      }
      if (opts.stopOnAp && !Number.isNaN(apTimeMs)) {
        step++;
        break;
      }
      if (opts.stopWhenQuiet && step >= quietStep && Number.isNaN(apTimeMs)) {
        let spread = 0;
        for (let j = 0; j < nodes.length; j++) {
          const dv = Math.abs((vm[nodes[j] as number] as number) - (this.restVm[j] as number));
          if (dv > spread) spread = dv;
        }
        const bn = this.branchNodes;
        for (let j = 0; j < bn.length; j++) {
          const dv = Math.abs((vm[bn[j] as number] as number) - (this.branchRestVm[j] as number));
          if (dv > spread) spread = dv;
        }
        shrinking = spread < prevSpread ? shrinking + 1 : 0;
        prevSpread = spread;
        if (spread < QUIET_MARGIN_MV || (spread < DECAY_CEILING_MV && shrinking >= DECAY_STEPS)) {
          step++;
          break;
        }
      }
    }
    return { ap: !Number.isNaN(apTimeMs), apTimeMs, nodeCrossingMs: crossing, steps: step };
  }
}

/**
 * Nodes where excitation starts: local minima of the first-crossing times (PyFibers
 * end_excitation_checker pads with "never" at both ends and looks for troughs).
 */
export function initiationNodes(crossingMs: Float64Array): number[] {
  const n = crossingMs.length;
  const t = (j: number) => {
    const v = crossingMs[j];
    return v === undefined || Number.isNaN(v) ? Infinity : v;
  };
  const out: number[] = [];
  // a run of equal times is a trough when both neighbours of the run are strictly later
  let j = 0;
  while (j < n) {
    const tj = t(j);
    let end = j;
    while (end + 1 < n && t(end + 1) === tj) end++;
    if (Number.isFinite(tj)) {
      const left = j > 0 ? t(j - 1) : Infinity;
      const right = end < n - 1 ? t(end + 1) : Infinity;
      if (left > tj && right > tj) for (let k = j; k <= end; k++) out.push(k);
    }
    j = end + 1;
  }
  return out;
}

/** End excitation: an initiation node within passiveEndNodes (+1) of either end (PyFibers). */
export function isEndExcitation(initNodes: readonly number[], nodeCount: number, pen: number) {
  return initNodes.some((j) => j <= pen || j >= nodeCount - 1 - pen);
}
