/**
 * Activation threshold search. The threshold is the lowest amplitude that fires the fibre
 * (an AP reaches the detection node), and the search establishes it as such:
 *
 * - bracket and bisect with the ASCENT/PyFibers conventions (models.md §1.1, §3.1): a sub- and a
 *   supra-threshold amplitude, then arithmetic bisection until the bracket is within 1 % of its
 *   upper bound; the upper bound is reported. An AP is an upward crossing of −30 mV at node
 *   ⌊0.9·(N−1)⌋ (or, in population mode, an AP that has travelled a few nodes);
 * - every trial is classed as *fires*, *clean* (no active node reached the AP threshold
 *   anywhere) or *excited* (a node fired locally but the AP did not travel: block by the
 *   hyperpolarised flanking nodes near the electrode, the window of issue 13). Only a clean
 *   trial proves the floor: below it the membrane response is subthreshold everywhere and
 *   shrinks with the amplitude. When the bracket's quiet end is excited, the search keeps
 *   stepping down (÷2) until a clean trial, moving to any lower firing band it meets;
 * - the trials seen, and an optional geometric scan above the threshold, report windows:
 *   amplitudes above the threshold at which the fibre is quiet again.
 *
 * A last run at the reported amplitude checks where excitation started, and flags excitation
 * at a fibre end.
 *
 * Speed: one FiberSession per search (rest state computed once); trials stop at the AP or
 * once the fibre is quiet after the stimulus; the bracket may start from an estimate. A search
 * whose quiet end is clean (every fibre away from the electrode) costs nothing extra.
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
  /**
   * Bracket steps from the guess (factors, then `boundsFactor`); default [1.03, 1.25]. A caller
   * whose guess is usually within 1–2 % passes a finer ladder (e.g. [1.01, 1.02, 1.05, 1.25]):
   * a 1 % bracket then often needs no bisection at all.
   */
  guessSteps?: number[];
  /** bracket growth factor in the bounds search */
  boundsFactor?: number;
  /** upper limit of the search (mA); above it the fibre counts as not activated */
  maxAmplitudeMa?: number;
  /**
   * Without a guess, try `maxAmplitudeMa` first rather than climbing from 0.1 mA: a clean trial
   * there proves the fibre silent in one simulation (below a clean trial the response is
   * subthreshold everywhere), and a firing one is stepped down from. For populations in which
   * many fibres stay silent up to the ceiling and no estimate seeds the search (C fibres).
   */
  ceilingFirst?: boolean;
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
  /**
   * After the threshold, test amplitudes threshold·f, threshold·f², … up to `upToMa`, or up to
   * `upToMultiple` × threshold, for windows (quiet above the threshold). Costs one trial per
   * step; off by default.
   */
  windowScan?: {
    upToMa?: number;
    upToMultiple?: number;
    stepFactor?: number;
    /**
     * Once the scan meets a window, its edges (first quiet, first firing again) are bisected
     * (geometrically) until the tested amplitudes either side are within this factor; default:
     * no refinement. Lets a coarse scan step find windows and still report their edges finely.
     */
    refineFactor?: number;
  };
}

/** Amplitudes above the threshold at which the fibre is quiet again (tested amplitudes). */
export interface ThresholdWindow {
  /** lowest tested amplitude above the threshold at which the fibre did not fire (mA) */
  quietFromMa: number;
  /** highest tested quiet amplitude of this window (mA) */
  quietToMa: number;
  /** lowest tested amplitude above the window that fires again (mA); null: not seen */
  firesAgainMa: number | null;
}

export interface ThresholdResult {
  /** threshold source amplitude (mA, positive magnitude; polarity comes from the waveform) */
  thresholdMa: number;
  /** false when no AP up to maxAmplitudeMa */
  activated: boolean;
  simulations: number;
  lowerBoundMa: number;
  /**
   * Highest amplitude below the threshold at which a trial was clean: no active node reached
   * the AP threshold anywhere on the fibre. Nothing tested between it and the threshold fired.
   */
  floorMa: number;
  /** windows above the threshold among the tested amplitudes (empty when none seen) */
  windows: ThresholdWindow[];
  /** highest amplitude examined above the threshold (the window scan's end, or the highest trial) */
  checkedToMa: number;
  /**
   * Lowest tested amplitude below the threshold at which a node fired but no AP travelled
   * (excitation blocked on the fibre); null when none
   */
  blockedBelowMa: number | null;
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
const MIN_AMPLITUDE_MA = 1e-9; // our choice: far below any fibre's threshold
/** step of the descent below an excited quiet trial (our choice: the lower firing band of the
 * near-electrode MRG cases spans a factor ≈ 5, issue 13) */
const DESCENT_FACTOR = 2;
const DEFAULT_WINDOW_STEP = 1.25; // our choice

type Outcome = 'fires' | 'excited' | 'clean';

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
  const steps = opts.initialGuessMa !== undefined ? (opts.guessSteps ?? [1.03, 1.25]) : [];
  const stepAt = (i: number) => steps[i] ?? factor;
  const maxMa = opts.maxAmplitudeMa ?? DEFAULT_MAX_MA;
  const samples = sampleWaveform(waveform, dtUs);
  const tstopMs = (samples.length * dtUs) / 1000 + (opts.afterStimMs ?? DEFAULT_AFTER_STIM_MS);
  const session = opts.session ?? new FiberSession(fiber);
  const sims0 = session.simulations;
  const apNodeIndex = opts.apNodeIndex ?? apDetectionNode(fiber.nodeCount);
  const simOpts = {
    dtUs,
    tstopMs,
    dtAfterStimUs: opts.dtAfterStimUs,
    apNodeIndex: opts.apNodeIndex,
    ...(opts.propagatedApNodes !== undefined ? { propagatedApNodes: opts.propagatedApNodes } : {}),
    stopOnAp: true,
    stopWhenQuiet: !opts.fullLengthTrials,
  };
  // passive end nodes are driven by the field only: they never count as local excitation
  const pen = fiber.passiveEndNodes;
  const activeFrom = pen;
  const activeTo = fiber.nodeCount - 1 - pen;

  const trials = new Map<number, Outcome>();
  const firingRuns = new Map<number, SimulationResult>();
  const trial = (amp: number): Outcome => {
    const known = trials.get(amp);
    if (known) return known;
    const r = session.run(veUnitMv, amp, samples, simOpts);
    let outcome: Outcome = 'clean';
    if (r.ap) {
      outcome = 'fires';
      firingRuns.set(amp, r);
    } else {
      for (let j = activeFrom; j <= activeTo; j++) {
        if (!Number.isNaN(r.nodeCrossingMs[j] as number)) {
          outcome = 'excited';
          break;
        }
      }
    }
    trials.set(amp, outcome);
    return outcome;
  };
  const fires = (amp: number) => trial(amp) === 'fires';

  // 1. bounds: geometric steps from the guess to a firing amplitude
  let guess = opts.initialGuessMa;
  if (!(guess !== undefined && guess > 0 && Number.isFinite(guess)))
    guess = opts.ceilingFirst && Number.isFinite(maxMa) ? maxMa : 0.1;
  let hi = Infinity;
  if (fires(guess)) hi = guess;
  else {
    let a = guess * stepAt(0);
    for (let i = 1; a <= maxMa; i++) {
      if (fires(a)) {
        hi = a;
        break;
      }
      a *= stepAt(i);
    }
    // silent up to the limit: a firing band may still lie below the guess (guess in a window)
    if (!Number.isFinite(hi) && trial(guess) === 'excited') {
      for (let b = guess / DESCENT_FACTOR; b > MIN_AMPLITUDE_MA; b /= DESCENT_FACTOR) {
        const o = trial(b);
        if (o === 'fires') {
          hi = b;
          break;
        }
        if (o === 'clean') break;
      }
    }
  }
  if (!Number.isFinite(hi)) {
    return {
      thresholdMa: Infinity,
      activated: false,
      simulations: session.simulations - sims0,
      lowerBoundMa: highestBelow(trials, Infinity) ?? 0,
      floorMa: highestClean(trials, Infinity) ?? 0,
      windows: [],
      checkedToMa: maxMa,
      blockedBelowMa: lowestExcited(trials, Infinity),
      apNodeIndex,
      initiationNodes: [],
      endExcitation: false,
      apTimeMs: NaN,
    };
  }

  // 2. the lowest firing amplitude, proved by a clean trial below it
  for (;;) {
    // a non-firing amplitude below hi: the highest tested one, or step down to one
    let lo: number;
    const below = highestBelow(trials, hi);
    if (below !== undefined) lo = below;
    else {
      let a = hi / stepAt(0);
      for (let i = 1; a > MIN_AMPLITUDE_MA; i++) {
        if (!fires(a)) break;
        hi = a;
        a /= stepAt(i);
      }
      lo = highestBelow(trials, hi) ?? 0;
    }
    // bisection to a relative bracket `tol`, report the upper bound
    while ((hi - lo) / hi >= tol) {
      const mid = (lo + hi) / 2;
      if (fires(mid)) hi = mid;
      else lo = mid;
    }
    if (lo === 0 || trials.get(lo) === 'clean') break;
    // the quiet end is excited: step down to a clean trial; a firing trial on the way is a
    // lower band, bracketed anew
    let lower: number | undefined;
    for (let a = lo / DESCENT_FACTOR; a > MIN_AMPLITUDE_MA; a /= DESCENT_FACTOR) {
      const o = trial(a);
      if (o === 'clean') break;
      if (o === 'fires') {
        lower = a;
        break;
      }
    }
    if (lower !== undefined) {
      hi = lower;
      continue;
    }
    // clean below, excited above: bisect for the onset of local excitation; a trial there that
    // fires is a lower band
    let q = highestClean(trials, hi) ?? 0;
    let e = lowestExcited(trials, hi) ?? lo;
    while (q > 0 && (e - q) / e >= tol) {
      const mid = (q + e) / 2;
      const o = trial(mid);
      if (o === 'fires') {
        lower = mid;
        break;
      }
      if (o === 'excited') e = mid;
      else q = mid;
    }
    if (lower === undefined) break;
    hi = lower;
  }

  // 3. windows above the threshold: the optional scan, then what the trials show
  let checkedTo = hi;
  if (opts.windowScan) {
    const f = opts.windowScan.stepFactor ?? DEFAULT_WINDOW_STEP;
    const { upToMa, upToMultiple } = opts.windowScan;
    const top = Math.min(
      upToMa ?? Infinity,
      upToMultiple !== undefined ? upToMultiple * hi : Infinity,
      maxMa,
    );
    for (let a = hi * f; a <= top * (1 + 1e-9); a *= f) {
      trial(a);
      checkedTo = a;
    }
    const refine = opts.windowScan.refineFactor;
    if (refine !== undefined && refine > 1) {
      // bisect each edge between a firing and a quiet tested amplitude above the threshold
      for (let guard = 0; guard < 64; guard++) {
        const above = [...trials].filter(([a]) => a >= hi).sort((x, y) => x[0] - y[0]);
        let split: number | undefined;
        for (let j = 0; j + 1 < above.length; j++) {
          const [a, oa] = above[j]!;
          const [b, ob] = above[j + 1]!;
          if ((oa === 'fires') !== (ob === 'fires') && b / a > refine) {
            split = Math.sqrt(a * b);
            break;
          }
        }
        if (split === undefined) break;
        trial(split);
      }
    }
  }
  for (const a of trials.keys()) if (a > checkedTo) checkedTo = a;
  const check = firingRuns.get(hi) ?? session.run(veUnitMv, hi, samples, simOpts);
  const init = initiationNodes(check.nodeCrossingMs);
  const lo = highestBelow(trials, hi) ?? 0;
  const blocked = lowestExcited(trials, hi);
  return {
    thresholdMa: hi,
    activated: true,
    simulations: session.simulations - sims0,
    lowerBoundMa: lo,
    floorMa: highestClean(trials, hi) ?? 0,
    windows: windowsAbove(trials, hi),
    checkedToMa: checkedTo,
    blockedBelowMa: blocked,
    apNodeIndex,
    initiationNodes: init,
    endExcitation: isEndExcitation(init, fiber.nodeCount, fiber.passiveEndNodes),
    apTimeMs: check.apTimeMs,
  };
}

/** Highest tested amplitude below `limit` that did not fire. */
function highestBelow(trials: Map<number, Outcome>, limit: number): number | undefined {
  let best: number | undefined;
  for (const [a, o] of trials)
    if (o !== 'fires' && a < limit && (best === undefined || a > best)) best = a;
  return best;
}

function highestClean(trials: Map<number, Outcome>, limit: number): number | undefined {
  let best: number | undefined;
  for (const [a, o] of trials)
    if (o === 'clean' && a < limit && (best === undefined || a > best)) best = a;
  return best;
}

function lowestExcited(trials: Map<number, Outcome>, limit: number): number | null {
  let best: number | null = null;
  for (const [a, o] of trials)
    if (o === 'excited' && a < limit && (best === null || a < best)) best = a;
  return best;
}

/** Runs of non-firing trials above the threshold, in amplitude order. */
export function windowsAbove(trials: Map<number, Outcome>, thresholdMa: number): ThresholdWindow[] {
  const above = [...trials].filter(([a]) => a > thresholdMa).sort((x, y) => x[0] - y[0]);
  const out: ThresholdWindow[] = [];
  let open: ThresholdWindow | undefined;
  for (const [a, o] of above) {
    if (o !== 'fires') {
      if (open) open.quietToMa = a;
      else open = { quietFromMa: a, quietToMa: a, firesAgainMa: null };
    } else if (open) {
      open.firesAgainMa = a;
      out.push(open);
      open = undefined;
    }
  }
  if (open) out.push(open);
  return out;
}
