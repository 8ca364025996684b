/**
 * Fibre responses in time: a fibre (or a batch) under a sampled stimulus waveform of any length
 * — tonic, burst, kHz, multiplexed trains from models/stimulation — with spikes detected at
 * chosen nodes. Refractoriness, frequency following, onset response and kHz conduction block
 * come out of the membrane model itself (MRG / FH / C-fibre gating in models/neuron); nothing
 * here imposes them.
 *
 * Ve(x, t) = amplitudeMa · waveform[i] · veUnitMv(x) during step i (PyFibers ScaledStim
 * convention, as in models/neuron/waveform.ts); after the waveform ends Ve = 0.
 *
 * Optional intrinsic activity (a test-pulse source) is the PyFibers `add_intrinsic_activity`
 * synapse: an exponential synapse (ExpSyn) on one node, driven at fixed intervals; each event
 * adds `weightUs` to its conductance, which decays with `tauMs`; current g·(E − vm) enters the
 * node (models.md §3.1 `test_block_threshold`; PyFibers defaults tau 0.1 ms, E 0 mV, weight
 * 0.1 µS).
 *
 * Units: mV, ms, mA, µS, nA; user-facing steps in µs.
 */
import type { Fiber } from '../neuron/fiber.ts';
import { apDetectionNode } from '../neuron/fiber.ts';
import { FiberSession } from '../neuron/simulate.ts';

export interface IntrinsicActivity {
  /** node index of the synapse; PyFibers loc 0.1 → ⌊0.1·(N − 1)⌋ */
  nodeIndex: number;
  startMs: number;
  intervalMs: number;
  count: number;
  /** PyFibers add_intrinsic_activity defaults: synapse_tau 0.1 ms, reversal 0 mV, weight 0.1 µS */
  tauMs?: number;
  reversalMv?: number;
  weightUs?: number;
}

const SYNAPSE_TAU_MS = 0.1; // PyFibers add_intrinsic_activity synapse_tau
const SYNAPSE_REVERSAL_MV = 0; // PyFibers add_intrinsic_activity synapse_reversal_potential
const SYNAPSE_WEIGHT_US = 0.1; // PyFibers add_intrinsic_activity netcon_weight

/** A linear recording: out[t] = Σ_k I_out,k(t) · leadFieldMvPerMa[k] (reciprocity), see ecap.ts. */
export interface CurrentRecording {
  /** per compartment lead fields (mV per mA), one array per recording contact */
  leadFieldsMvPerMa: readonly Float64Array[];
  /** record every `everySteps` steps (default 1) */
  everySteps?: number;
}

export interface TrainSimulationOptions {
  dtUs: number;
  /** simulated time (ms); the waveform is zero after its last sample */
  durationMs: number;
  /** nodes whose spike times are kept (default: the detection node ⌊0.9·(N−1)⌋ only) */
  recordNodes?: 'all' | readonly number[];
  /** upward crossing that counts as a spike (mV); default the fibre's (−30 mV for MRG) */
  apThresholdMv?: number;
  intrinsic?: IntrinsicActivity;
  /** stop early once a spike is seen at `stopAfterSpikeAt.nodeIndex` after `afterMs` */
  stopAfterSpikeAt?: { nodeIndex: number; afterMs: number };
  recording?: CurrentRecording;
  /** a reused session (rest state computed once per fibre) */
  session?: FiberSession;
}

export interface FiberTrainResponse {
  /** node indices whose spikes are reported, in the order of spikeTimesMs */
  recordedNodes: number[];
  /** spike times (ms) per recorded node */
  spikeTimesMs: Float64Array[];
  /** the detection node ⌊0.9·(N−1)⌋ and its spikes */
  detectionNode: number;
  detectionSpikesMs: Float64Array;
  /** simulated time actually run (ms) */
  simulatedMs: number;
  steps: number;
  /** steps where the spatial pattern changed while the field was on (see simulateMultiGroupTrain) */
  patternSwitchSteps: number;
  /** recorded potentials (µV), one trace per lead field of `recording` (see ecap.ts) */
  recordedUv?: Float64Array[];
  recordDtUs?: number;
}

/** Growable list of spike times for one node, without allocation per step. */
class SpikeList {
  times = new Float64Array(16);
  n = 0;
  push(t: number) {
    if (this.n === this.times.length) {
      const next = new Float64Array(this.times.length * 2);
      next.set(this.times);
      this.times = next;
    }
    this.times[this.n++] = t;
  }
  result(): Float64Array {
    return this.times.slice(0, this.n);
  }
}

/** Per-fibre buffers for the current recording (total current leaving each compartment). */
function outwardCurrentsNa(fiber: Fiber, vi: Float64Array, vx: Float64Array, out: Float64Array) {
  const { axialUs, periaxialUs, compartmentCount: n, parent } = fiber.network;
  out.fill(0);
  for (let k = 1; k < n; k++) {
    // the coupling k − 1 joins compartment k to its parent (k − 1 on a chain, cable.ts)
    const p = parent ? (parent[k] as number) : k - 1;
    // current flowing from p to k inside the axon and in the periaxonal layer (nA)
    const ia = (axialUs[k - 1] as number) * ((vi[p] as number) - (vi[k] as number));
    const ip = (periaxialUs[k - 1] as number) * ((vx[p] as number) - (vx[k] as number));
    const i = ia + ip;
    // what flows into k along the fibre must leave it across the outer boundary
    out[p] = (out[p] as number) - i;
    out[k] = (out[k] as number) + i;
  }
}

/**
 * What the field does during one step: Ve = scale · ve. `set(step)` updates both. The
 * integrator treats the previous step's Ve as lastScale · ve (models/neuron/cable.ts), so a
 * change of spatial pattern is exact only when the previous scale was 0 or the pattern is the
 * same; `inexactSteps` counts the other switches.
 */
interface StepDrive {
  ve: Float64Array;
  scale: number;
  inexactSteps: number;
  set(step: number): void;
}

function singleDrive(
  veUnitMv: Float64Array,
  amplitudeMa: number,
  waveform: Float64Array,
): StepDrive {
  const n = waveform.length;
  return {
    ve: veUnitMv,
    scale: 0,
    inexactSteps: 0,
    set(step: number) {
      this.scale = step < n ? amplitudeMa * (waveform[step] as number) : 0;
    },
  };
}

export interface GroupDrive {
  /** unit potentials of this contact group (mV per mA) at every compartment */
  veUnitMv: Float64Array;
  /** unit samples of this group per step (models/stimulation sampleWaveform, groupIndex) */
  waveform: Float64Array;
}

/**
 * Several contact groups, each with its own field and train (multiplexed programs):
 * Ve(x, t) = I · Σ_g w_g(t) · Ve_g(x). One active group uses its own pattern (exact, also at
 * its onsets and offsets); overlapping groups use a summed pattern, exact while the group
 * samples stay constant (within phases).
 */
function multiDrive(groups: readonly GroupDrive[], amplitudeMa: number, nComp: number): StepDrive {
  const combined = new Float64Array(nComp);
  const prevSamples = new Float64Array(groups.length).fill(NaN);
  const G = groups.length;
  let lastKind = -1; // −1 none, g ≥ 0 single group, G combined
  return {
    ve: groups[0]?.veUnitMv ?? combined,
    scale: 0,
    inexactSteps: 0,
    set(step: number) {
      let active = 0;
      let which = -1;
      let same = true;
      for (let g = 0; g < G; g++) {
        const w = (groups[g] as GroupDrive).waveform;
        const v = step < w.length ? (w[step] as number) : 0;
        if (v !== 0) {
          active++;
          which = g;
        }
        if (v !== prevSamples[g]) same = false;
        prevSamples[g] = v;
      }
      const prevScale = this.scale;
      if (active === 0) {
        this.scale = 0;
        lastKind = -1;
        return;
      }
      if (active === 1) {
        const gd = groups[which] as GroupDrive;
        if (prevScale !== 0 && lastKind !== which) this.inexactSteps++;
        this.ve = gd.veUnitMv;
        this.scale = amplitudeMa * (gd.waveform[step] as number);
        lastKind = which;
        return;
      }
      if (prevScale !== 0 && !(lastKind === G && same)) this.inexactSteps++;
      combined.fill(0);
      for (let g = 0; g < G; g++) {
        const gd = groups[g] as GroupDrive;
        const v = step < gd.waveform.length ? (gd.waveform[step] as number) : 0;
        if (v === 0) continue;
        const p = gd.veUnitMv;
        for (let k = 0; k < nComp; k++)
          combined[k] = (combined[k] as number) + v * (p[k] as number);
      }
      this.ve = combined;
      this.scale = amplitudeMa;
      lastKind = G;
    },
  };
}

/**
 * Simulates `fiber` under amplitudeMa · waveform(t) · veUnitMv, starting from rest.
 * `waveform` holds one unit sample per step of dtUs (e.g. models/stimulation sampleWaveform).
 */
export function simulateTrain(
  fiber: Fiber,
  veUnitMv: Float64Array,
  amplitudeMa: number,
  waveform: Float64Array,
  opts: TrainSimulationOptions,
): FiberTrainResponse {
  return simulateDriven(fiber, singleDrive(veUnitMv, amplitudeMa, waveform), opts);
}

/** The same with one field and train per contact group (multiplexed programs). */
export function simulateMultiGroupTrain(
  fiber: Fiber,
  groups: readonly GroupDrive[],
  amplitudeMa: number,
  opts: TrainSimulationOptions,
): FiberTrainResponse {
  if (groups.length === 0) throw new RangeError('at least one contact group is needed');
  for (const g of groups) {
    if (g.veUnitMv.length !== fiber.network.compartmentCount) {
      throw new RangeError('each group needs one potential per compartment');
    }
  }
  const drive =
    groups.length === 1
      ? singleDrive(
          (groups[0] as GroupDrive).veUnitMv,
          amplitudeMa,
          (groups[0] as GroupDrive).waveform,
        )
      : multiDrive(groups, amplitudeMa, fiber.network.compartmentCount);
  return simulateDriven(fiber, drive, opts);
}

function simulateDriven(
  fiber: Fiber,
  drive: StepDrive,
  opts: TrainSimulationOptions,
): FiberTrainResponse {
  const session = opts.session ?? new FiberSession(fiber);
  const it = session.integrator;
  it.restoreState(session.restState());
  session.simulations++;
  const dtMs = opts.dtUs / 1000;
  const nSteps = Math.max(0, Math.round(opts.durationMs / dtMs));
  const nodes = fiber.nodeCompartments;
  const nodeCount = fiber.nodeCount;
  const detNode = apDetectionNode(nodeCount);
  const recorded: number[] =
    opts.recordNodes === 'all'
      ? Array.from({ length: nodeCount }, (_, j) => j)
      : opts.recordNodes
        ? [...opts.recordNodes]
        : [detNode];
  for (const j of recorded) {
    if (!(j >= 0 && j < nodeCount)) throw new RangeError(`node ${j} is not on this fibre`);
  }
  if (!recorded.includes(detNode)) recorded.push(detNode);
  const stopNode = opts.stopAfterSpikeAt?.nodeIndex;
  if (stopNode !== undefined && !recorded.includes(stopNode)) recorded.push(stopNode);
  const watch = Int32Array.from(recorded, (j) => nodes[j] as number);
  const lists = recorded.map(() => new SpikeList());
  const thr = opts.apThresholdMv ?? fiber.apThresholdMv;
  const vm = it.vm;
  const above = new Uint8Array(watch.length);
  for (let r = 0; r < watch.length; r++)
    above[r] = (vm[watch[r] as number] as number) > thr ? 1 : 0;

  // intrinsic activity (ExpSyn on one node)
  const ia = opts.intrinsic;
  let synComp = -1;
  let synG = 0;
  let synDecay = 1;
  let nextEventMs = Infinity;
  let eventsLeft = 0;
  let stim: Float64Array | undefined;
  const synE = ia?.reversalMv ?? SYNAPSE_REVERSAL_MV;
  const synW = ia?.weightUs ?? SYNAPSE_WEIGHT_US;
  if (ia && ia.count > 0) {
    if (!(ia.nodeIndex >= 0 && ia.nodeIndex < nodeCount)) {
      throw new RangeError(`intrinsic activity node ${ia.nodeIndex} is not on this fibre`);
    }
    synComp = nodes[ia.nodeIndex] as number;
    synDecay = Math.exp(-dtMs / (ia.tauMs ?? SYNAPSE_TAU_MS));
    nextEventMs = ia.startMs;
    eventsLeft = ia.count;
    stim = new Float64Array(fiber.network.compartmentCount);
  }

  // current recording
  const rec = opts.recording;
  const every = Math.max(1, Math.round(rec?.everySteps ?? 1));
  const recLen = rec ? Math.floor(nSteps / every) : 0;
  const recordedUv = rec ? rec.leadFieldsMvPerMa.map(() => new Float64Array(recLen)) : undefined;
  const iOut = rec ? new Float64Array(fiber.network.compartmentCount) : undefined;

  const stopRow = stopNode === undefined ? -1 : recorded.indexOf(stopNode);
  const stopAfterMs = opts.stopAfterSpikeAt?.afterMs ?? Infinity;

  let step = 0;
  let tMs = 0;
  for (; step < nSteps; step++) {
    drive.set(step);
    if (stim) {
      // events at t_e take effect from the step that starts at or after t_e
      while (eventsLeft > 0 && nextEventMs <= tMs + 1e-9) {
        synG += synW;
        eventsLeft--;
        nextEventMs += (ia as IntrinsicActivity).intervalMs;
      }
      // ExpSyn: i = g·(v − e) outward; injected = g·(e − vm), g at the start of the step
      stim[synComp] = synG * (synE - (vm[synComp] as number));
      it.step(dtMs, drive.ve, drive.scale, stim);
      synG *= synDecay;
    } else {
      it.step(dtMs, drive.ve, drive.scale);
    }
    tMs += dtMs;
    let stop = false;
    for (let r = 0; r < watch.length; r++) {
      const v = vm[watch[r] as number] as number;
      if (v > thr) {
        if (above[r] === 0) {
          above[r] = 1;
          (lists[r] as SpikeList).push(tMs);
          if (r === stopRow && tMs > stopAfterMs) stop = true;
        }
      } else above[r] = 0;
    }
    if (rec && iOut && recordedUv && (step + 1) % every === 0) {
      const idx = (step + 1) / every - 1;
      if (idx < recLen) {
        outwardCurrentsNa(fiber, it.vi, it.vx, iOut);
        for (let c = 0; c < recordedUv.length; c++) {
          const lf = rec.leadFieldsMvPerMa[c] as Float64Array;
          let s = 0;
          for (let k = 0; k < iOut.length; k++) s += (iOut[k] as number) * (lf[k] as number);
          // nA · mV/mA = 1e-6 mV = 1e-3 µV
          (recordedUv[c] as Float64Array)[idx] = s * 1e-3;
        }
      }
    }
    if (stop) {
      step++;
      break;
    }
  }
  const spikeTimesMs = lists.map((l) => l.result());
  const detRow = recorded.indexOf(detNode);
  return {
    recordedNodes: recorded,
    spikeTimesMs,
    detectionNode: detNode,
    detectionSpikesMs: spikeTimesMs[detRow] as Float64Array,
    simulatedMs: tMs,
    steps: step,
    patternSwitchSteps: drive.inexactSteps,
    ...(recordedUv ? { recordedUv, recordDtUs: opts.dtUs * every } : {}),
  };
}

/** One spike per pulse, allowing a missed pulse in twenty (our choice). */
const FOLLOWING_FRACTION = 0.95;

export interface TrainResponseSummary {
  spikeCount: number;
  /** spikes per second at the detection node over the analysed window */
  firingRateHz: number;
  /** spikes per stimulating pulse in the analysed window (1 = follows every pulse) */
  spikesPerPulse: number;
  /** spikes in the first `onsetWindowMs` (the onset response of kHz stimulation) */
  onsetSpikes: number;
  /** spikes after the onset window */
  sustainedSpikes: number;
  pattern: 'silent' | 'follows' | 'partial' | 'onset-only' | 'tonic-firing';
}

/**
 * Rate and following at the detection node. `pulseStartsMs` are the stimulating pulse onsets
 * (e.g. phases of kind 'stimulus' from buildPulseTrain); for kHz trains pass an empty list.
 */
export function summariseSpikes(
  spikesMs: Float64Array,
  windowMs: number,
  pulseStartsMs: ArrayLike<number>,
  onsetWindowMs = 10, // PyFibers test_block_threshold block_delay: the onset response is over by 10 ms
): TrainResponseSummary {
  const spikeCount = spikesMs.length;
  let onset = 0;
  for (let i = 0; i < spikeCount; i++) if ((spikesMs[i] as number) <= onsetWindowMs) onset++;
  const sustained = spikeCount - onset;
  const pulses = pulseStartsMs.length;
  const spikesPerPulse = pulses > 0 ? spikeCount / pulses : 0;
  let pattern: TrainResponseSummary['pattern'];
  if (spikeCount === 0) pattern = 'silent';
  else if (pulses > 0 && spikesPerPulse >= FOLLOWING_FRACTION) pattern = 'follows';
  else if (sustained === 0 && windowMs > onsetWindowMs) pattern = 'onset-only';
  else if (pulses > 0) pattern = 'partial';
  else pattern = 'tonic-firing';
  return {
    spikeCount,
    firingRateHz: windowMs > 0 ? (1000 * spikeCount) / windowMs : 0,
    spikesPerPulse,
    onsetSpikes: onset,
    sustainedSpikes: sustained,
    pattern,
  };
}

export interface BatchFiber {
  fiber: Fiber;
  veUnitMv: Float64Array;
  id?: string;
}

/** Simulates every fibre of a batch; `onFiber` after each (progress, cancellation points). */
export function simulateTrainBatch(
  batch: readonly BatchFiber[],
  amplitudeMa: number,
  waveform: Float64Array,
  opts: Omit<TrainSimulationOptions, 'session'>,
  onFiber?: (index: number, r: FiberTrainResponse) => void,
): FiberTrainResponse[] {
  return batch.map((b, i) => {
    const r = simulateTrain(b.fiber, b.veUnitMv, amplitudeMa, waveform, opts);
    onFiber?.(i, r);
    return r;
  });
}
