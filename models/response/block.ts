/**
 * kHz conduction-block threshold with the PyFibers/ASCENT test-pulse protocol
 * (models.md §1.2, §3.1 `test_block_threshold`, §7):
 *  - the kHz waveform runs from t = 0 to tstop;
 *  - intrinsic activity (an ExpSyn test-pulse source) at node ⌊0.1·(N−1)⌋ fires every
 *    `intervalMs` from `startMs` (PyFibers test: every 5 ms from 10 ms, tstop 50 ms);
 *  - APs are watched at node ⌊0.9·(N−1)⌋, past the electrode; the onset response is ignored
 *    by `blockDelayMs` (10 ms): a trial blocks when no AP reaches the far node after it
 *    (PyFibers threshold_checker: last AP time ≤ block_delay);
 *  - bounds search then bisection to a 1 % bracket (PyFibers termination_tolerance), the upper
 *    bound reported.
 * The bounds search climbs from a low amplitude so that it meets the lower edge of the block
 * window first: far above block, kHz re-excitation makes trials look "not blocked" again
 * (PyFibers algorithms.md; models.md §1.2).
 */
import { buildFiber } from '../neuron/build.ts';
import { pointSourceField, type PointSourceSetup } from '../neuron/extracellular.ts';
import { apDetectionNode, fiberSpanUm, type Fiber, type FiberModelName } from '../neuron/fiber.ts';
import { FiberSession } from '../neuron/simulate.ts';
import { khzSamples, type KhzWaveformKind } from './khz.ts';
import { simulateTrain, type IntrinsicActivity } from './train.ts';

export interface BlockOptions {
  frequencyHz: number;
  waveform?: KhzWaveformKind;
  /** PyFibers test: dt 0.5 µs (time_step 0.0005 ms) */
  dtUs?: number;
  /** PyFibers test: tstop 50 ms */
  tstopMs?: number;
  /** PyFibers test: block_delay 10 ms */
  blockDelayMs?: number;
  /** test pulses; default PyFibers test: loc 0.1, every 5 ms from 10 ms */
  intrinsic?: Partial<IntrinsicActivity>;
  /** relative bracket (PyFibers termination_tolerance 1 %) */
  tolerance?: number;
  /** first amplitude tried (mA); the search climbs from here */
  startMa?: number;
  /** growth factor of the climbing bounds search */
  boundsFactor?: number;
  /** give up above this amplitude (mA) */
  maxAmplitudeMa?: number;
}

export interface BlockTrial {
  amplitudeMa: number;
  blocked: boolean;
  /** AP times at the detection node (ms) */
  spikesMs: number[];
}

export interface BlockThresholdResult {
  /** block threshold (mA, magnitude), the upper bound of the final bracket; Infinity if not found */
  thresholdMa: number;
  found: boolean;
  lowerBoundMa: number;
  simulations: number;
  elapsedMs: number;
  frequencyHz: number;
  waveform: KhzWaveformKind;
  dtUs: number;
  tstopMs: number;
  blockDelayMs: number;
  testNodeIndex: number;
  apNodeIndex: number;
  /** every trial, in order (amplitude, outcome, far-end AP times) */
  trials: BlockTrial[];
  tier: 'full';
  conventions: string;
}

const DEFAULT_DT_US = 0.5; // PyFibers test_block_threshold time_step 0.0005 ms
const DEFAULT_TSTOP_MS = 50; // PyFibers test_block_threshold time_stop
const DEFAULT_BLOCK_DELAY_MS = 10; // PyFibers test_block_threshold block_delay
const DEFAULT_TEST_START_MS = 10; // PyFibers test: add_intrinsic_activity start_time 10
const DEFAULT_TEST_INTERVAL_MS = 5; // PyFibers test: avg_interval 5
const DEFAULT_TEST_LOC = 0.1; // PyFibers add_intrinsic_activity loc 0.1
const DEFAULT_TOLERANCE = 0.01; // PyFibers termination_tolerance 1 %
const DEFAULT_START_MA = 0.005; // our choice: below kHz block of large fibres near a contact
const DEFAULT_BOUNDS_FACTOR = 1.5; // our choice: small enough not to jump over the block window
const DEFAULT_MAX_MA = 100; // our choice: far beyond clinical kHz amplitudes (≤ 15 mA)

export const BLOCK_CONVENTIONS =
  'kHz from t = 0; test pulses (ExpSyn 0.1 ms, 0.1 µS) at node ⌊0.1·(N−1)⌋; blocked when no AP ' +
  '(−30 mV) at node ⌊0.9·(N−1)⌋ after the block delay; bisection to a 1 % bracket, upper bound reported';

/** Block threshold of a fibre for Ve = I · kHz(t) · veUnitMv (I in mA). */
export function findBlockThreshold(
  fiber: Fiber,
  veUnitMv: Float64Array,
  opts: BlockOptions,
): BlockThresholdResult {
  const started = performance.now();
  const dtUs = opts.dtUs ?? DEFAULT_DT_US;
  const tstopMs = opts.tstopMs ?? DEFAULT_TSTOP_MS;
  const blockDelayMs = opts.blockDelayMs ?? DEFAULT_BLOCK_DELAY_MS;
  const kind = opts.waveform ?? 'khz-square';
  const tol = opts.tolerance ?? DEFAULT_TOLERANCE;
  const factor = opts.boundsFactor ?? DEFAULT_BOUNDS_FACTOR;
  const maxMa = opts.maxAmplitudeMa ?? DEFAULT_MAX_MA;
  const testNode =
    opts.intrinsic?.nodeIndex ?? Math.floor(DEFAULT_TEST_LOC * (fiber.nodeCount - 1));
  const startMs = opts.intrinsic?.startMs ?? DEFAULT_TEST_START_MS;
  const intervalMs = opts.intrinsic?.intervalMs ?? DEFAULT_TEST_INTERVAL_MS;
  const intrinsic: IntrinsicActivity = {
    ...opts.intrinsic,
    nodeIndex: testNode,
    startMs,
    intervalMs,
    count: opts.intrinsic?.count ?? Math.max(1, Math.ceil((tstopMs - startMs) / intervalMs)),
  };
  if (!(startMs >= blockDelayMs)) {
    throw new RangeError('the first test pulse must come at or after the block delay');
  }
  const apNode = apDetectionNode(fiber.nodeCount);
  const samples = khzSamples(kind, opts.frequencyHz, dtUs, tstopMs);
  const session = new FiberSession(fiber);
  const trials: BlockTrial[] = [];
  const isBlocked = (amp: number): boolean => {
    const r = simulateTrain(fiber, veUnitMv, amp, samples, {
      dtUs,
      durationMs: tstopMs,
      intrinsic,
      session,
      stopAfterSpikeAt: { nodeIndex: apNode, afterMs: blockDelayMs },
    });
    const spikes = Array.from(r.detectionSpikesMs);
    const last = spikes[spikes.length - 1];
    // PyFibers: no AP at all means the test pulses never fire — a protocol error
    if (last === undefined) {
      throw new Error(
        'no AP reached the far end: the test pulses did not propagate (check the intrinsic activity)',
      );
    }
    const blocked = last <= blockDelayMs;
    trials.push({ amplitudeMa: amp, blocked, spikesMs: spikes });
    return blocked;
  };

  let lo = 0;
  let hi = Infinity;
  let a = opts.startMa ?? DEFAULT_START_MA;
  if (isBlocked(a)) {
    // already blocked at the start: step down to find an unblocked amplitude
    hi = a;
    for (let b = a / 2; b > 1e-7; b /= 2) {
      if (isBlocked(b)) hi = b;
      else {
        lo = b;
        break;
      }
    }
  } else {
    lo = a;
    while (a * factor <= maxMa) {
      a *= factor;
      if (isBlocked(a)) {
        hi = a;
        break;
      }
      lo = a;
    }
  }
  const base = {
    frequencyHz: opts.frequencyHz,
    waveform: kind,
    dtUs,
    tstopMs,
    blockDelayMs,
    testNodeIndex: testNode,
    apNodeIndex: apNode,
    trials,
    tier: 'full' as const,
    conventions: BLOCK_CONVENTIONS,
  };
  if (!Number.isFinite(hi)) {
    return {
      ...base,
      thresholdMa: Infinity,
      found: false,
      lowerBoundMa: lo,
      simulations: trials.length,
      elapsedMs: performance.now() - started,
    };
  }
  while ((hi - lo) / hi >= tol) {
    const mid = (lo + hi) / 2;
    if (isBlocked(mid)) hi = mid;
    else lo = mid;
  }
  return {
    ...base,
    thresholdMa: hi,
    found: true,
    lowerBoundMa: lo,
    simulations: trials.length,
    elapsedMs: performance.now() - started,
  };
}

export interface PointSourceBlockSetup extends BlockOptions {
  model: FiberModelName;
  diameterUm: number;
  nodes: number;
  distanceMm: number;
  sigmaSPerM: PointSourceSetup['sigmaSPerM'];
  over?: 'node' | 'internode';
  passiveEndNodes?: boolean;
}

/**
 * The `neuromod threshold --block` entry point: one straight fibre beside a point source in a
 * homogeneous medium; returns the JSON the CLI prints (same core fields as activation:
 * thresholdMa, simulations, elapsedMs, …).
 */
export function blockThreshold(s: PointSourceBlockSetup) {
  const started = performance.now();
  const fiber = buildFiber(s.model, s.diameterUm, {
    nodeCount: s.nodes,
    passiveEndNodes: s.passiveEndNodes ? 1 : 0,
  });
  const field = pointSourceField(fiber, {
    distanceMm: s.distanceMm,
    sigmaSPerM: s.sigmaSPerM,
    over: s.over ?? 'node',
  });
  const r = findBlockThreshold(fiber, field, s);
  return {
    model: s.model,
    diameterUm: s.diameterUm,
    nodes: s.nodes,
    fiberLengthMm: fiberSpanUm(fiber) / 1000,
    distanceMm: s.distanceMm,
    over: s.over ?? 'node',
    sigmaSPerM: s.sigmaSPerM,
    waveform: r.waveform,
    frequencyHz: r.frequencyHz,
    dtUs: r.dtUs,
    tstopMs: r.tstopMs,
    blockDelayMs: r.blockDelayMs,
    passiveEndNodes: s.passiveEndNodes ?? false,
    condition: 'block' as const,
    thresholdMa: r.found ? r.thresholdMa : null,
    blocked: r.found,
    lowerBoundMa: r.lowerBoundMa,
    simulations: r.simulations,
    elapsedMs: Math.round((performance.now() - started) * 100) / 100,
    apNodeIndex: r.apNodeIndex,
    testNodeIndex: r.testNodeIndex,
    tier: r.tier,
    conventions: r.conventions,
  };
}
