/**
 * Activation threshold search with the ASCENT/PyFibers conventions (models.md §1.1, §3.1):
 * find a sub- and a supra-threshold amplitude, then bisect (arithmetic mean) until the bracket
 * is within 1 % of its upper bound, and report the upper bound. An AP is an upward crossing of
 * −30 mV at node ⌊0.9·(N−1)⌋. A last run at the reported amplitude checks where excitation
 * started, and flags excitation at a fibre end.
 *
 * Speed: one FiberSession per search (rest state computed once); trials stop at the AP or
 * once the fibre is quiet after the stimulus; the bracket may start from an estimate.
 */
import { apDetectionNode, type Fiber } from './fiber.ts';
import {
  FiberSession,
  initiationNodes,
  isEndExcitation,
  type SimulationResult,
} from './simulate.ts';
import { sampleWaveform, type WaveformSpec } from './waveform.ts';

export interface ThresholdOptions {
  /** time step (µs); PyFibers/NEURON MRG default here 5 µs */
  dtUs?: number;
  /** simulated time after the stimulus ends (ms) */
  afterStimMs?: number;
  /** relative bracket at which bisection stops (0.01 = 1 %) */
  tolerance?: number;
  /** a first guess (mA, magnitude), e.g. from the instant tier */
  initialGuessMa?: number;
  /** bracket growth factor in the bounds search */
  boundsFactor?: number;
  /** upper limit of the search (mA); above it the fibre counts as not activated */
  maxAmplitudeMa?: number;
  /** skip the quiet-fibre early stop (slower, exact NEURON-like full runs) */
  fullLengthTrials?: boolean;
  /** a coarser step after the stimulus (µs) */
  dtAfterStimUs?: number;
  /** node index watched for the AP; default ⌊0.9·(N−1)⌋ */
  apNodeIndex?: number;
  /** population mode: AP once it has travelled this many nodes (see SimulationOptions) */
  propagatedApNodes?: number;
  /** a reused session (e.g. many fields on one fibre) */
  session?: FiberSession;
}

export interface ThresholdResult {
  /** threshold source amplitude (mA, positive magnitude; polarity comes from the waveform) */
  thresholdMa: number;
  /** false when no AP up to maxAmplitudeMa */
  activated: boolean;
  simulations: number;
  lowerBoundMa: number;
  apNodeIndex: number;
  /** node indices where the AP started at threshold */
  initiationNodes: number[];
  endExcitation: boolean;
  /** AP time at the detection node at threshold (ms) */
  apTimeMs: number;
}

export const DEFAULT_DT_US = 5; // issue 3 / MRGaxon.hoc dt = 0.005 ms
const DEFAULT_AFTER_STIM_MS = 15; // our choice: PyFibers runs up to tstop (20–50 ms); quiet trials stop early
const DEFAULT_TOLERANCE = 0.01; // PyFibers termination_tolerance 1 %
const DEFAULT_MAX_MA = 1e4; // our choice: far beyond any clinical amplitude

/**
 * Threshold of `fiber` for Ve(x, t) = I · waveform(t) · veUnitMv(x), I in mA.
 * `veUnitMv` holds the potential (mV) per mA at each compartment (see extracellular.ts).
 */
export function findThreshold(
  fiber: Fiber,
  veUnitMv: Float64Array,
  waveform: WaveformSpec,
  opts: ThresholdOptions = {},
): ThresholdResult {
  const dtUs = opts.dtUs ?? DEFAULT_DT_US;
  const tol = opts.tolerance ?? DEFAULT_TOLERANCE;
  const factor = opts.boundsFactor ?? 2;
  // a caller's estimate (the instant tier: median error ~2 %) is usually close: bracket
  // tightly first, then widen (×1.03, ×1.25, then ×factor). ×1.03 rather than ×1.06 saves a
  // bisection for most fibres: 18 % less time per dorsal-column fibre, same thresholds
  const steps = opts.initialGuessMa !== undefined ? [1.03, 1.25] : [];
  const stepAt = (i: number) => steps[i] ?? factor;
  const maxMa = opts.maxAmplitudeMa ?? DEFAULT_MAX_MA;
  const samples = sampleWaveform(waveform, dtUs);
  const tstopMs = (samples.length * dtUs) / 1000 + (opts.afterStimMs ?? DEFAULT_AFTER_STIM_MS);
  const session = opts.session ?? new FiberSession(fiber);
  const sims0 = session.simulations;
  const common = {
    dtUs,
    tstopMs,
    dtAfterStimUs: opts.dtAfterStimUs,
    apNodeIndex: opts.apNodeIndex,
  };
  const simOpts = { ...common, stopOnAp: true, stopWhenQuiet: !opts.fullLengthTrials };
  // the supra-threshold run at the current upper bound: its crossing times locate the
  // initiation site (the run stops once the detection node fires, as PyFibers' does)
  let atHi: SimulationResult | undefined;
  const fires = (amp: number) => {
    const r = session.run(veUnitMv, amp, samples, simOpts);
    if (r.ap) atHi = r;
    return r.ap;
  };

  // bounds search: geometric steps from the guess
  let guess = opts.initialGuessMa;
  if (!(guess !== undefined && guess > 0 && Number.isFinite(guess))) guess = 0.1;
  let lo = 0;
  let hi = Infinity;
  const searchDown = (start: number, first: number) => {
    hi = start;
    let a = start / first;
    for (let i = 1; a > 1e-9; i++) {
      if (fires(a)) {
        hi = a;
        a /= first === factor ? factor : stepAt(i);
      } else {
        lo = a;
        return;
      }
    }
  };
  if (fires(guess)) {
    searchDown(guess, stepAt(0));
  } else {
    lo = guess;
    let a = guess * stepAt(0);
    let probedBelow = false;
    for (let i = 1; a <= maxMa; i++) {
      if (fires(a)) {
        hi = a;
        break;
      }
      lo = a;
      a *= stepAt(i);
      // far above the guess and still silent: the guess may sit above a block window
      // (virtual anode block); look below it once
      if (!probedBelow && a > 16 * guess) {
        probedBelow = true;
        let b = guess / 4;
        for (let i = 0; i < 4; i++, b /= 4) {
          if (fires(b)) {
            lo = 0;
            searchDown(b, factor);
            break;
          }
        }
        if (Number.isFinite(hi)) break;
      }
    }
    if (!Number.isFinite(hi)) {
      return {
        thresholdMa: Infinity,
        activated: false,
        simulations: session.simulations - sims0,
        lowerBoundMa: lo,
        apNodeIndex: opts.apNodeIndex ?? apDetectionNode(fiber.nodeCount),
        initiationNodes: [],
        endExcitation: false,
        apTimeMs: NaN,
      };
    }
  }
  // bisection to a relative bracket `tol`, report the upper bound
  while ((hi - lo) / hi >= tol) {
    const mid = (lo + hi) / 2;
    if (fires(mid)) hi = mid;
    else lo = mid;
  }
  const check = atHi ?? session.run(veUnitMv, hi, samples, simOpts);
  const init = initiationNodes(check.nodeCrossingMs);
  return {
    thresholdMa: hi,
    activated: true,
    simulations: session.simulations - sims0,
    lowerBoundMa: lo,
    apNodeIndex: opts.apNodeIndex ?? apDetectionNode(fiber.nodeCount),
    initiationNodes: init,
    endExcitation: isEndExcitation(init, fiber.nodeCount, fiber.passiveEndNodes),
    apTimeMs: check.apTimeMs,
  };
}
