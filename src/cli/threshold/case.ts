/**
 * One `neuromod threshold` case: read from flags or a CSV row (`readCase`), then run (`runCase`).
 * Every value is checked against the range of its flag (flags.ts) and a problem names the flag or
 * column it came from. Activation thresholds are searched with models/neuron/threshold.ts, block
 * thresholds with models/response/block.ts.
 */
import { buildFiber, diameterProblem, type BuildOptions } from '../../../models/neuron/build.ts';
import { pointSourceField } from '../../../models/neuron/extracellular.ts';
import { fiberSpanUm, type Fiber, type FiberModelName } from '../../../models/neuron/fiber.ts';
import { FIBER_MODELS, FIBER_REGISTRY } from '../../../models/neuron/registry.ts';
import { instantThresholdMa } from '../../../models/neuron/instant.ts';
import { FiberSession } from '../../../models/neuron/simulate.ts';
import { findThreshold } from '../../../models/neuron/threshold.ts';
import { WAVEFORM_KINDS, type PulseKind } from '../../../models/neuron/waveform.ts';
import { blockThreshold } from '../../../models/response/block.ts';
import { KHZ_WAVEFORMS, type KhzWaveformKind } from '../../../models/response/khz.ts';
import { UsageError, numberValue, type NumberRange } from '../io.ts';
import {
  DEFAULT_MODEL,
  DEFAULT_WINDOW_SCAN_X,
  MAX_BRANCH_DIAMETER_UM,
  MAX_COLLATERAL_LENGTH_UM,
  MAX_STEPS_PER_TRIAL,
  SIGMA_AXES,
  THRESHOLD_FLAGS,
  WINDOW_SCAN_STEP,
} from './flags.ts';

const DEFAULT_NODES = 21; // MRGaxon.hoc axonnodes
const DEFAULT_DIAMETER_UM = 10; // our choice: the reference case of the MRG validation
const DEFAULT_DISTANCE_MM = 1; // our choice: the reference case of the MRG validation
const DEFAULT_SIGMA_S_PER_M = 0.2; // PyFibers/ASCENT homogeneous medium of the tests
const DEFAULT_PW_US = 210; // our choice: a common clinical SCS pulse width (clinical.md §3.1)
const DEFAULT_DT_US = 5; // MRGaxon.hoc dt = 0.005 ms
const DEFAULT_AFTER_STIM_MS = 15; // models/neuron/threshold.ts default
const DEFAULT_BLOCK_FREQUENCY_HZ = 20_000; // PyFibers test_block_threshold

export const CONVENTIONS =
  'threshold = the lowest amplitude that fires; the search proves it by a clean trial below ' +
  '(no active node reached −30 mV); windows reported (amplitudes above the threshold where ' +
  'the fibre is quiet again). Bisection to a 1 % bracket, upper bound reported; ' +
  'AP = Vm > −30 mV (−20 mV for mcneal) at node ⌊0.9·(N−1)⌋';

/** Where the values of one case come from: flags (`--dt-us`) or a CSV row (`column dt_us`). */
export interface CaseSource {
  /** the raw text of a value, undefined when absent */
  text(flag: string): string | undefined;
  /** a boolean flag's value */
  bool(flag: string): boolean;
  /** how a message names the flag */
  label(flag: string): string;
}

/** The fibre and the point source next to it, common to both kinds of case. */
interface PointSourceFibreCase {
  model: FiberModelName;
  diameterUm: number;
  nodes: number;
  distanceMm: number;
  over: 'node' | 'internode';
  sigmaSPerM: number | [number, number, number];
  tstopMs: number | undefined;
  passiveEndNodes: boolean;
}

export interface ActivationCase extends PointSourceFibreCase {
  condition: 'activation';
  kind: PulseKind;
  pulseWidthUs: number;
  interphaseUs: number;
  dtUs: number;
  windowScanX: number;
  branches: Pick<BuildOptions, 'collaterals' | 'stem'>;
}

export interface BlockCase extends PointSourceFibreCase {
  condition: 'block';
  waveform: KhzWaveformKind;
  frequencyHz: number;
  dtUs: number | undefined;
}

export type ThresholdCase = ActivationCase | BlockCase;

const RANGES = new Map(THRESHOLD_FLAGS.map((f) => [f.name, f.range ?? {}]));

function rangeOf(flag: string): NumberRange {
  return RANGES.get(flag) ?? {};
}

/** The reader of one case: numbers in their flag's range, choices among their values. */
function reader(src: CaseSource) {
  const num = (flag: string, fallback?: number, range: NumberRange = rangeOf(flag)) => {
    const t = src.text(flag);
    if (t === undefined) {
      if (fallback === undefined) throw new UsageError(`${src.label(flag)} is required`);
      return fallback;
    }
    return numberValue(src.label(flag), t, range);
  };
  const optionalNum = (flag: string) =>
    src.text(flag) === undefined ? undefined : num(flag, undefined);
  const choice = <T extends string>(flag: string, allowed: readonly T[], fallback: T): T => {
    const v = src.text(flag) ?? fallback;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    throw new UsageError(`${src.label(flag)} must be one of ${allowed.join(', ')}, got "${v}"`);
  };
  return { num, optionalNum, choice };
}

function readSigma(src: CaseSource, warnings: string[]): number | [number, number, number] {
  const { num } = reader(src);
  const named = ['sigma-along-s-per-m', 'sigma-towards-s-per-m', 'sigma-third-s-per-m'];
  const givenNamed = named.filter((f) => src.text(f) !== undefined);
  const given = [
    src.text('sigma-s-per-m') !== undefined ? 'sigma-s-per-m' : undefined,
    src.text('sigma-xyz-s-per-m') !== undefined ? 'sigma-xyz-s-per-m' : undefined,
    givenNamed.length ? 'the named axes' : undefined,
  ].filter((x) => x !== undefined);
  if (given.length > 1) {
    throw new UsageError(
      `give one conductivity: ${src.label('sigma-s-per-m')}, ${src.label('sigma-xyz-s-per-m')} or the three named axes (${given.join(' and ')} given)`,
    );
  }
  let sigma: [number, number, number];
  if (givenNamed.length) {
    if (givenNamed.length !== 3) {
      throw new UsageError(
        `the named conductivity axes go together: give ${named.map((f) => src.label(f)).join(', ')}`,
      );
    }
    sigma = named.map((f) => num(f)) as [number, number, number];
  } else if (src.text('sigma-xyz-s-per-m') !== undefined) {
    const label = src.label('sigma-xyz-s-per-m');
    const parts = (src.text('sigma-xyz-s-per-m') as string).split(',').map((p) => p.trim());
    if (parts.length !== 3) {
      throw new UsageError(`${label} needs three values sx,sy,sz (S/m): ${SIGMA_AXES}`);
    }
    sigma = parts.map((p) => numberValue(label, p, rangeOf('sigma-s-per-m'))) as [
      number,
      number,
      number,
    ];
  } else {
    return num('sigma-s-per-m', DEFAULT_SIGMA_S_PER_M);
  }
  // nerve conducts best along its fibres (endoneurium 0.571 along vs 0.167 S/m across, models.md
  // §4.1): a lower value along x than across is most often a fibre-along-z order, which gives
  // thresholds 23–58 % low (issue 13)
  if (sigma[0] < sigma[2] || sigma[0] < sigma[1]) {
    warnings.push(
      `conductivity along the fibre (x, ${sigma[0]} S/m) is lower than across it (${sigma[1]}, ${sigma[2]} S/m): the order is ${SIGMA_AXES}`,
    );
  }
  return sigma;
}

/**
 * `collaterals D,L,N`: collaterals of D µm, L µm long, on every N-th node;
 * `drg-stem-um D`: a DRG stem of D µm with initial segment and soma on the middle node.
 * Both MRG only; branches run straight away from the source.
 */
function readBranches(
  src: CaseSource,
  model: FiberModelName,
  nodes: number,
): Pick<BuildOptions, 'collaterals' | 'stem'> {
  const collaterals = src.text('collaterals');
  const stem = src.text('drg-stem-um');
  const cl = src.label('collaterals');
  const sl = src.label('drg-stem-um');
  const branches = FIBER_REGISTRY.spec(model).branches;
  if (collaterals !== undefined && !branches.collaterals) {
    throw new UsageError(
      `${cl} needs model ${FIBER_REGISTRY.supporting('collaterals').join(' or ')} (${model} has no collateral model)`,
    );
  }
  if (stem !== undefined && !branches.stem) {
    throw new UsageError(
      `${sl} needs model ${FIBER_REGISTRY.supporting('stem').join(' or ')} (${model} has no DRG stem model)`,
    );
  }
  if (collaterals !== undefined && stem !== undefined) {
    throw new UsageError(`give either ${cl} or ${sl}, not both`);
  }
  if (collaterals !== undefined) {
    const parts = collaterals.split(',').map((p) => p.trim());
    if (parts.length !== 3) {
      throw new UsageError(`${cl} needs diameter µm, length µm and spacing in nodes: D,L,N`);
    }
    const diameterUm = numberValue(`${cl} diameter`, parts[0] as string, {
      above: 0,
      max: MAX_BRANCH_DIAMETER_UM,
      unit: 'µm',
    });
    const lengthUm = numberValue(`${cl} length`, parts[1] as string, {
      above: 0,
      max: MAX_COLLATERAL_LENGTH_UM,
      unit: 'µm',
    });
    const everyNodes = numberValue(`${cl} spacing`, parts[2] as string, {
      min: 1,
      max: nodes,
      integer: true,
      unit: 'nodes',
    });
    return { collaterals: { diameterUm, lengthUm, everyNodes } };
  }
  if (stem !== undefined) return { stem: { diameterUm: reader(src).num('drg-stem-um') } };
  return {};
}

/** Reads and checks one case; `warnings` collects what is accepted but suspicious. */
export function readCase(src: CaseSource, warnings: string[] = []): ThresholdCase {
  const { num, optionalNum, choice } = reader(src);
  const model = choice<FiberModelName>('model', FIBER_MODELS, DEFAULT_MODEL);
  const diameterUm = num('diameter-um', DEFAULT_DIAMETER_UM);
  const problem = diameterProblem(model, diameterUm);
  if (problem) throw new UsageError(`${src.label('diameter-um')} ${diameterUm}: ${problem}`);
  const nodes = num('nodes', DEFAULT_NODES);
  const distanceMm = num('distance-mm', DEFAULT_DISTANCE_MM);
  const over = choice('over', ['node', 'internode'] as const, 'node');
  const sigmaSPerM = readSigma(src, warnings);
  const passiveEndNodes = src.bool('passive-end-nodes');
  const base = { model, diameterUm, nodes, distanceMm, over, sigmaSPerM, passiveEndNodes };

  if (src.bool('block')) {
    if (src.text('collaterals') !== undefined || src.text('drg-stem-um') !== undefined) {
      throw new UsageError(
        `${src.label('block')} runs on unbranched fibres: drop ${src.label('collaterals')} / ${src.label('drg-stem-um')}`,
      );
    }
    if (src.text('pw-us') !== undefined || src.text('interphase-us') !== undefined) {
      throw new UsageError(
        `${src.label('pw-us')} and ${src.label('interphase-us')} do not apply to ${src.label('block')} (the kHz waveform sets them)`,
      );
    }
    if (src.text('window-scan-x') !== undefined) {
      throw new UsageError(
        `${src.label('window-scan-x')} does not apply to ${src.label('block')} (no window scan for block)`,
      );
    }
    const waveform = choice<KhzWaveformKind>('waveform', KHZ_WAVEFORMS, 'khz-square');
    const frequencyHz = num('frequency-hz', DEFAULT_BLOCK_FREQUENCY_HZ);
    const dtUs = optionalNum('dt-us');
    if (dtUs !== undefined && dtUs > 1e6 / frequencyHz / 4) {
      throw new UsageError(
        `${src.label('dt-us')} ${dtUs} is too coarse for ${frequencyHz} Hz (at most a quarter period, ${1e6 / frequencyHz / 4} µs)`,
      );
    }
    const tstopMs = optionalNum('tstop-ms');
    return { condition: 'block', ...base, waveform, frequencyHz, dtUs, tstopMs };
  }

  if (src.text('frequency-hz') !== undefined) {
    throw new UsageError(`${src.label('frequency-hz')} applies to ${src.label('block')} only`);
  }
  const kind = choice<PulseKind>('waveform', WAVEFORM_KINDS, 'mono-cathodic');
  const pulseWidthUs = num('pw-us', DEFAULT_PW_US);
  const interphaseUs = num('interphase-us', 0);
  if (interphaseUs > 0 && kind !== 'biphasic-cathodic-first') {
    throw new UsageError(
      `${src.label('interphase-us')} applies to waveform biphasic-cathodic-first only`,
    );
  }
  const dtUs = num('dt-us', DEFAULT_DT_US);
  if (Math.round(pulseWidthUs / dtUs) < 1) {
    throw new UsageError(
      `${src.label('pw-us')} ${pulseWidthUs} is shorter than one time step (${src.label('dt-us')} ${dtUs})`,
    );
  }
  const stimMs =
    (kind === 'biphasic-cathodic-first' ? 2 * pulseWidthUs + interphaseUs : pulseWidthUs) / 1000;
  const tstopMs = optionalNum('tstop-ms');
  if (tstopMs !== undefined && tstopMs < stimMs) {
    throw new UsageError(
      `${src.label('tstop-ms')} ${tstopMs} ends before the stimulus (${stimMs} ms)`,
    );
  }
  const steps = ((tstopMs ?? stimMs + DEFAULT_AFTER_STIM_MS) * 1000) / dtUs;
  if (steps > MAX_STEPS_PER_TRIAL) {
    throw new UsageError(
      `${src.label('dt-us')} ${dtUs}: ${steps.toExponential(2)} steps per trial, more than the ${MAX_STEPS_PER_TRIAL.toExponential(0)} allowed; use a coarser step or a shorter ${src.label('tstop-ms')}`,
    );
  }
  const windowScanX = num('window-scan-x', DEFAULT_WINDOW_SCAN_X);
  if (windowScanX > 0 && windowScanX < WINDOW_SCAN_STEP) {
    throw new UsageError(
      `${src.label('window-scan-x')} must be 0 (off) or at least ${WINDOW_SCAN_STEP} (one scan step), got ${windowScanX}`,
    );
  }
  const branches = readBranches(src, model, nodes);
  return {
    condition: 'activation',
    ...base,
    kind,
    pulseWidthUs,
    interphaseUs,
    dtUs,
    tstopMs,
    windowScanX,
    branches,
  };
}

/**
 * Fibres and their sessions (rest state computed once), shared by the cases of a batch that
 * run on the same fibre. Bounded: a batch sorted by fibre reuses them all.
 */
export class FiberCache {
  private readonly entries = new Map<string, { fiber: Fiber; session: FiberSession }>();
  constructor(private readonly capacity = 16) {}

  get(c: ActivationCase): { fiber: Fiber; session: FiberSession } {
    const key = JSON.stringify([c.model, c.diameterUm, c.nodes, c.passiveEndNodes, c.branches]);
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    let fiber: Fiber;
    try {
      fiber = buildFiber(c.model, c.diameterUm, {
        nodeCount: c.nodes,
        passiveEndNodes: c.passiveEndNodes ? 1 : 0,
        ...c.branches,
      });
    } catch (e) {
      if (e instanceof RangeError) throw new UsageError(e.message);
      throw e;
    }
    const entry = { fiber, session: new FiberSession(fiber) };
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    return entry;
  }
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Runs one case; `notes` collects stderr warnings (end excitation, windows). */
export function runCase(
  c: ThresholdCase,
  cache: FiberCache = new FiberCache(1),
  notes: string[] = [],
): Record<string, unknown> {
  if (c.condition === 'block') {
    return blockThreshold({
      model: c.model,
      diameterUm: c.diameterUm,
      nodes: c.nodes,
      distanceMm: c.distanceMm,
      sigmaSPerM: c.sigmaSPerM,
      over: c.over,
      passiveEndNodes: c.passiveEndNodes,
      frequencyHz: c.frequencyHz,
      waveform: c.waveform,
      ...(c.dtUs !== undefined ? { dtUs: c.dtUs } : {}),
      ...(c.tstopMs !== undefined ? { tstopMs: c.tstopMs } : {}),
    });
  }
  const started = performance.now();
  const { fiber, session } = cache.get(c);
  const field = pointSourceField(fiber, {
    distanceMm: c.distanceMm,
    sigmaSPerM: c.sigmaSPerM,
    over: c.over,
  });
  const waveform = { kind: c.kind, pulseWidthUs: c.pulseWidthUs, interphaseUs: c.interphaseUs };
  const guess = instantThresholdMa(fiber, field, waveform);
  const stimUs =
    c.kind === 'biphasic-cathodic-first' ? 2 * c.pulseWidthUs + c.interphaseUs : c.pulseWidthUs;
  const base = {
    dtUs: c.dtUs,
    initialGuessMa: guess,
    session,
    ...(c.tstopMs !== undefined ? { afterStimMs: Math.max(0, c.tstopMs - stimUs / 1000) } : {}),
  };
  const r = findThreshold(fiber, field, waveform, {
    ...base,
    ...(c.windowScanX > 0
      ? { windowScan: { upToMultiple: c.windowScanX, stepFactor: WINDOW_SCAN_STEP } }
      : {}),
  });
  const { simulations, windows, checkedToMa } = r;
  const elapsedMs = performance.now() - started;
  if (r.endExcitation) {
    notes.push('excitation started at a fibre end; the threshold reflects end excitation');
  }
  for (const w of windows) {
    notes.push(
      `window above the threshold (${round(r.thresholdMa * 1000, 3)} µA): quiet from ${round(w.quietFromMa * 1000, 3)} to ${round(w.quietToMa * 1000, 3)} µA, ${w.firesAgainMa === null ? `not firing again up to ${round(checkedToMa * 1000, 3)} µA` : `fires again at ${round(w.firesAgainMa * 1000, 3)} µA`}`,
    );
  }
  return {
    model: c.model,
    diameterUm: c.diameterUm,
    nodes: c.nodes,
    fiberLengthMm: fiberSpanUm(fiber) / 1000,
    distanceMm: c.distanceMm,
    over: c.over,
    sigmaSPerM: c.sigmaSPerM,
    ...(Array.isArray(c.sigmaSPerM) ? { sigmaAxes: SIGMA_AXES } : {}),
    waveform: c.kind,
    pulseWidthUs: c.pulseWidthUs,
    interphaseUs: c.interphaseUs,
    dtUs: c.dtUs,
    ...(c.tstopMs !== undefined ? { tstopMs: c.tstopMs } : {}),
    passiveEndNodes: c.passiveEndNodes,
    ...(c.branches.collaterals ? { collaterals: c.branches.collaterals } : {}),
    ...(c.branches.stem ? { drgStem: c.branches.stem } : {}),
    thresholdMa: r.activated ? r.thresholdMa : null,
    activated: r.activated,
    lowerBoundMa: r.lowerBoundMa,
    floorMa: r.floorMa,
    blockedBelowMa: r.blockedBelowMa,
    windows,
    checkedToMa: Number.isFinite(checkedToMa) ? checkedToMa : null,
    windowScanX: c.windowScanX,
    simulations,
    elapsedMs: round(elapsedMs),
    apNodeIndex: r.apNodeIndex,
    apTimeMs: Number.isFinite(r.apTimeMs) ? r.apTimeMs : null,
    initiationNodes: r.initiationNodes,
    endExcitation: r.endExcitation,
    instantEstimateMa: guess,
    tier: 'full',
    conventions: CONVENTIONS,
  };
}
