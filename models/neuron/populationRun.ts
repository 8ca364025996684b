/**
 * Runs a population through either tier given a field function (mV per mA at a point in mm):
 * builds each fibre to fit its path, samples Ve at compartment (full) or node (instant)
 * positions, and returns thresholds in the population's order.
 */
import { buildFiber, internodeLengthUm } from './build.ts';
import type { Fiber } from './fiber.ts';
import { instantCovers, instantThresholdFromNodes } from './instant.ts';
import { FIBER_REGISTRY } from './registry.ts';
import {
  compartmentPointsOnPath,
  nodeCountForPath,
  pathBranches,
  type FiberPath,
} from './populations.ts';
import { findThreshold, type ThresholdResult, type ThresholdWindow } from './threshold.ts';
import { MARGIN_NODES, truncateToDriven, type TruncateOptions } from './truncate.ts';
import type { WaveformSpec } from './waveform.ts';

export type UnitField = (xMm: number, yMm: number, zMm: number) => number;

/** Fibre built to span its path (node count from the path length). */
export function fiberForPath(p: FiberPath, passiveEndNodes = 1): Fiber {
  const n = nodeCountForPath(p.pathMm, internodeLengthUm(p.model, p.diameterUm) / 1000);
  const c = p.collaterals;
  return buildFiber(p.model, p.diameterUm, {
    nodeCount: n,
    passiveEndNodes,
    ...(c
      ? {
          collaterals: {
            diameterUm: c.diameterUm,
            lengthUm: c.lengthMm * 1000,
            everyNodes: c.everyNodes,
          },
        }
      : {}),
    ...(p.stem
      ? {
          stem: {
            diameterUm: p.stem.diameterUm,
            ...(p.stem.geometry ? { geometry: p.stem.geometry } : {}),
          },
        }
      : {}),
  });
}

export function sampleField(fiber: Fiber, p: FiberPath, field: UnitField): Float64Array {
  const pts = compartmentPointsOnPath(fiber, p.pathMm, pathBranches(p));
  const out = new Float64Array(pts.length / 3);
  for (let k = 0; k < out.length; k++) {
    out[k] = field(pts[3 * k] as number, pts[3 * k + 1] as number, pts[3 * k + 2] as number);
  }
  return out;
}

export interface PreparedFiber {
  path: FiberPath;
  fiber: Fiber;
  veUnitMv: Float64Array;
  nodeVe: Float64Array;
}

export function preparePopulation(paths: FiberPath[], field: UnitField): PreparedFiber[] {
  return paths.map((path) => {
    const fiber = fiberForPath(path);
    const veUnitMv = sampleField(fiber, path, field);
    const nodeVe = Float64Array.from(fiber.nodeCompartments, (k) => veUnitMv[k] as number);
    return { path, fiber, veUnitMv, nodeVe };
  });
}

export function instantPopulation(prepared: PreparedFiber[], waveform: WaveformSpec): Float64Array {
  const scratch = new Float64Array(4096);
  return Float64Array.from(prepared, (p) =>
    instantThresholdFromNodes(p.fiber.model, p.fiber.diameterUm, p.nodeVe, waveform, scratch),
  );
}

/**
 * How many fibres of a prepared population lie outside the instant tier's calibration, among
 * those of models that have one (registry.ts; the others have no instant tier at all).
 */
export function instantUncovered(prepared: PreparedFiber[], waveform: WaveformSpec): number {
  const scratch = new Float64Array(4096);
  return prepared.filter(
    (p) =>
      FIBER_REGISTRY.instantCalibration(p.fiber.model) !== null &&
      !instantCovers(p.fiber.model, p.fiber.diameterUm, p.nodeVe, waveform, scratch),
  ).length;
}

/** AP counted once it has travelled this many nodes (population mode, see simulate.ts). */
export const POPULATION_PROPAGATED_AP_NODES = 5;

/**
 * Time step once the pulse is over, in population runs (our choice): the pulse itself keeps
 * the 5 µs step; whether the AP then develops and travels is resolved as well at 10 µs.
 * Population thresholds stay within 1.5 % of fixed-step ones, about the 1 % search bracket (test/unit/neuron
 * populationDt.test.ts) and the run takes about half the time. The CLI keeps one fixed step.
 */
export const POPULATION_DT_AFTER_STIM_US = 10;

/**
 * Step of the population window scan (our choice), from each fibre's threshold up to the
 * caller's `windowScanToMa`. Near-electrode windows span ×5–×100 (NEURON,
 * test/validation/neuron/mrgNear.neuron.test.ts), so a ×2.5 step meets any window at least
 * half as wide as the narrowest seen; once met, its edges are bisected to
 * POPULATION_WINDOW_EDGE (test/validation/neuron/populationScan.test.ts holds the result
 * against an exhaustive ×1.1 scan).
 */
export const POPULATION_WINDOW_STEP = 2.5;
/** Resolution of a window's edges in population runs (factor between tested amplitudes). */
export const POPULATION_WINDOW_EDGE = 1.1;

export interface PopulationThresholds {
  /** lowest firing amplitude per fibre (mA); Infinity when not reached */
  thresholdsMa: Float64Array;
  /** per fibre, the first window above its threshold seen by the scan; null when none */
  windows: (ThresholdWindow | null)[];
  /** top of the window scan (mA); null when no scan ran */
  windowScanToMa: number | null;
  /** instant tier: fibres whose field lies outside the calibration (their thresholds unvalidated) */
  uncalibratedFibres?: number;
}

export interface FullPopulationOptions {
  dtUs?: number;
  /** AP once it has travelled this many nodes (default POPULATION_PROPAGATED_AP_NODES) */
  propagatedApNodes?: number | undefined;
  /** scan each fibre for windows from its threshold up to this amplitude (mA) */
  windowScanToMa?: number;
  /** the search's ceiling (mA): a fibre silent up to it has no threshold (Infinity) */
  maxAmplitudeMa?: number;
  /** only these fibres (indices into `prepared`), in this order; the others stay NaN */
  order?: number[];
  /**
   * Cut each fibre to the stretch the program drives (truncate.ts) before its search; a search
   * on a cut fibre whose AP starts near a cut end, or whose window scan finds a window, is
   * repeated on the whole fibre. Off unless given.
   */
  truncate?: TruncateOptions;
  /** filled with what the cut saved (fibres cut, searches repeated on the whole fibre) */
  truncationStats?: {
    cut: number;
    repeated: number;
    compartmentsBefore: number;
    compartmentsAfter: number;
  };
  /** called after each fibre (its index and threshold); throw from it to stop */
  onFibre?: (index: number, thresholdMa: number, window: ThresholdWindow | null) => void;
}

/**
 * Finer bracket steps for a seeded search (population runs): the instant estimate corrected by
 * the full/instant ratio of the fibres already solved is usually within 1–2 %, and a 1 % bracket
 * around it then needs no bisection (test/unit/neuron/seededSearch.test.ts).
 */
export const SEEDED_GUESS_STEPS = [1.01, 1.02, 1.05, 1.25];

/** Fibres solved before the running full/instant ratio is trusted to correct the guesses. */
const RATIO_AFTER_FIBRES = 3;
/** The ratio is the median of the last this many fibres (neighbours in the search order). */
const RATIO_WINDOW = 9;

/**
 * Full-tier thresholds of a population, with the windows above them. Each search starts from
 * the fibre's instant estimate times the median full/instant ratio of the fibres of the same
 * model solved so far (the instant tier's error is shared by neighbouring fibres of one
 * program), so most searches take two or three simulations.
 */
export function fullPopulationThresholds(
  prepared: PreparedFiber[],
  waveform: WaveformSpec,
  opts: FullPopulationOptions = {},
): PopulationThresholds {
  const steps = fullPopulationSteps(prepared, waveform, opts);
  for (;;) {
    const n = steps.next();
    if (n.done) return n.value;
  }
}

/** fullPopulationThresholds one fibre at a time: yields after each (a caller may pause there). */
export function* fullPopulationSteps(
  prepared: PreparedFiber[],
  waveform: WaveformSpec,
  opts: FullPopulationOptions = {},
): Generator<void, PopulationThresholds> {
  const dtUs = opts.dtUs ?? 5;
  const propagatedApNodes =
    'propagatedApNodes' in opts ? opts.propagatedApNodes : POPULATION_PROPAGATED_AP_NODES;
  const scanTo = opts.windowScanToMa;
  const windows: (ThresholdWindow | null)[] = prepared.map(() => null);
  const thresholdsMa = new Float64Array(prepared.length).fill(NaN);
  const ratios = new Map<string, number[]>();
  const order = opts.order ?? prepared.map((_p, i) => i);
  for (const i of order) {
    const p = prepared[i]!;
    const instant = instantThresholdFromNodes(
      p.fiber.model,
      p.fiber.diameterUm,
      p.nodeVe,
      waveform,
    );
    const seen = ratios.get(p.fiber.model) ?? [];
    const ratio = seen.length >= RATIO_AFTER_FIBRES ? median(seen.slice(-RATIO_WINDOW)) : 1;
    const guess = instant * ratio;
    const search = (q: PreparedFiber) =>
      findThreshold(q.fiber, q.veUnitMv, waveform, {
        dtUs,
        dtAfterStimUs: Math.max(dtUs, POPULATION_DT_AFTER_STIM_US),
        ...(propagatedApNodes !== undefined ? { propagatedApNodes } : {}),
        ...(Number.isFinite(guess) && guess > 0
          ? { initialGuessMa: guess, guessSteps: SEEDED_GUESS_STEPS }
          : { ceilingFirst: true }),
        ...(opts.maxAmplitudeMa !== undefined ? { maxAmplitudeMa: opts.maxAmplitudeMa } : {}),
        ...(scanTo !== undefined
          ? {
              windowScan: {
                upToMa: scanTo,
                stepFactor: POPULATION_WINDOW_STEP,
                refineFactor: POPULATION_WINDOW_EDGE,
              },
            }
          : {}),
      });
    let r: ThresholdResult;
    const seeded = Number.isFinite(guess) && guess > 0;
    const cut = opts.truncate
      ? truncateToDriven(p, {
          ...opts.truncate,
          // the window scan drives the fibre up to scanTo: keep what it reaches there; an
          // unseeded search starts at its ceiling, its threshold unknown
          driveRatio: seeded
            ? scanTo !== undefined
              ? Math.min(1, guess / scanTo)
              : 1
            : UNSEEDED_DRIVE_RATIO,
        })
      : p;
    if (cut === p) r = search(p);
    else {
      r = search(cut);
      const stats = opts.truncationStats;
      if (stats) {
        stats.cut++;
        stats.compartmentsBefore += p.fiber.compartmentPositionsUm.length;
        stats.compartmentsAfter += cut.fiber.compartmentPositionsUm.length;
      }
      if (!cutResultTrusted(r, cut.fiber.nodeCount)) {
        r = search(p);
        if (stats) stats.repeated++;
      }
    }
    windows[i] = r.windows[0] ?? null;
    thresholdsMa[i] = r.thresholdMa;
    if (Number.isFinite(r.thresholdMa) && Number.isFinite(instant) && instant > 0) {
      seen.push(r.thresholdMa / instant);
      ratios.set(p.fiber.model, seen);
    }
    opts.onFibre?.(i, r.thresholdMa, windows[i]);
    yield;
  }
  return { thresholdsMa, windows, windowScanToMa: scanTo ?? null };
}

/** driveRatio of a cut before an unseeded search (our choice, measured in truncation.test.ts) */
const UNSEEDED_DRIVE_RATIO = 0.05;

/**
 * A cut fibre's search stands when its AP started well inside the cut (not within the
 * margin's half of either end) and no window was seen (windows come from regions the cut may
 * have dropped); an unactivated fibre stands too (the cut keeps its whole driven stretch).
 */
function cutResultTrusted(r: ThresholdResult, nodeCount: number): boolean {
  if (!r.activated) return true;
  if (r.endExcitation || r.windows.length > 0) return false;
  const edge = MARGIN_NODES / 2;
  return r.initiationNodes.every((j) => j >= edge && j <= nodeCount - 1 - edge);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function fullPopulation(
  prepared: PreparedFiber[],
  waveform: WaveformSpec,
  dtUs = 5,
  propagatedApNodes: number | undefined = POPULATION_PROPAGATED_AP_NODES,
): Float64Array {
  return fullPopulationThresholds(prepared, waveform, { dtUs, propagatedApNodes }).thresholdsMa;
}

/**
 * Whether a fibre fires at `amplitudeMa`: at or above its threshold and not inside its window
 * (from the first quiet tested amplitude up to the first that fires again, or to the scan's top).
 */
export function firesAt(
  thresholdMa: number | null,
  window: Pick<ThresholdWindow, 'quietFromMa' | 'firesAgainMa'> | null | undefined,
  amplitudeMa: number,
): boolean {
  if (thresholdMa === null || !(thresholdMa <= amplitudeMa)) return false;
  if (!window) return true;
  return !(
    amplitudeMa >= window.quietFromMa &&
    (window.firesAgainMa === null || amplitudeMa < window.firesAgainMa)
  );
}

/** Median of |instant/full − 1| over fibres where both are finite. */
export function medianAbsRelError(instant: ArrayLike<number>, full: ArrayLike<number>): number {
  const e: number[] = [];
  for (let i = 0; i < full.length; i++) {
    const a = instant[i] as number;
    const b = full[i] as number;
    if (Number.isFinite(a) && Number.isFinite(b)) e.push(Math.abs(a / b - 1));
  }
  e.sort((x, y) => x - y);
  if (e.length === 0) return NaN;
  const m = Math.floor(e.length / 2);
  return e.length % 2 ? (e[m] as number) : ((e[m - 1] as number) + (e[m] as number)) / 2;
}
