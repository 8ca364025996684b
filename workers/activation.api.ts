/**
 * Activation worker API: thresholds (full tier) and instant estimates for batches of fibres,
 * given each fibre's extracellular potential per mA of source current. Plain object so node
 * tests import it directly; `activation.worker.ts` exposes it with Comlink. No science here:
 * everything comes from models/neuron.
 */
import { buildFiber } from '../models/neuron/build.ts';
import type { FiberModelName } from '../models/neuron/fiber.ts';
import { instantThresholdFromNodes, instantThresholdMa } from '../models/neuron/instant.ts';
import { FiberSession } from '../models/neuron/simulate.ts';
import { findThreshold } from '../models/neuron/threshold.ts';
import type { WaveformSpec } from '../models/neuron/waveform.ts';
import type { TaskContext, TaskHandler } from './protocol.ts';

export interface FiberJob {
  id: string;
  model: FiberModelName;
  diameterUm: number;
  nodeCount: number;
  passiveEndNodes?: number;
  /**
   * Ve (mV per mA) along the fibre: either one value per compartment (length equal to the
   * fibre's compartment count, see `fiberLayout`), or samples at arc lengths `arcMm` (mm from
   * the fibre start, increasing) that are linearly interpolated onto the compartments with the
   * fibre centred on the samples (PyFibers resample_potentials, center = true).
   */
  veMvPerMa: Float64Array | number[];
  arcMm?: Float64Array | number[];
}

export interface ThresholdBatchRequest {
  fibers: FiberJob[];
  waveform: WaveformSpec;
  dtUs?: number;
  /** upper limit (mA): fibres not activated below it report activated = false */
  maxAmplitudeMa?: number;
  /** a shared flag: set element 0 to 1 (Atomics.store) to stop after the current fibre */
  cancelFlag?: Int32Array;
}

export interface FiberThreshold {
  id: string;
  thresholdMa: number | null;
  activated: boolean;
  simulations: number;
  endExcitation: boolean;
  instantMa: number | null;
  tier: 'full' | 'instant';
}

export interface ThresholdBatchResult {
  results: FiberThreshold[];
  completed: number;
  total: number;
  cancelled: boolean;
  elapsedMs: number;
}

export interface BatchProgress {
  done: number;
  total: number;
  /** the results finished since the previous progress report */
  latest: FiberThreshold[];
}

type MaybeAsync<T> = T | Promise<T>;

/** Ve per compartment for a job (validated; throws a message naming the fibre). */
function compartmentVe(job: FiberJob, positionsUm: Float64Array): Float64Array {
  const ve = Float64Array.from(job.veMvPerMa);
  if (!job.arcMm) {
    if (ve.length !== positionsUm.length) {
      throw new RangeError(
        `fibre ${job.id}: veMvPerMa has ${ve.length} values, the fibre has ${positionsUm.length} compartments (give arcMm to resample)`,
      );
    }
    return ve;
  }
  const arc = Float64Array.from(job.arcMm);
  if (arc.length !== ve.length || arc.length < 2) {
    throw new RangeError(`fibre ${job.id}: arcMm and veMvPerMa must have the same length ≥ 2`);
  }
  const first = positionsUm[0] as number;
  const last = positionsUm[positionsUm.length - 1] as number;
  const fibreMid = (first + last) / 2000;
  const sampleMid = ((arc[0] as number) + (arc[arc.length - 1] as number)) / 2;
  const out = new Float64Array(positionsUm.length);
  let j = 0;
  for (let k = 0; k < positionsUm.length; k++) {
    const s = (positionsUm[k] as number) / 1000 - fibreMid + sampleMid;
    if (s < (arc[0] as number) - 1e-9 || s > (arc[arc.length - 1] as number) + 1e-9) {
      throw new RangeError(
        `fibre ${job.id}: the samples do not span the fibre (${s.toFixed(3)} mm)`,
      );
    }
    while (j < arc.length - 2 && s > (arc[j + 1] as number)) j++;
    const a = arc[j] as number;
    const b = arc[j + 1] as number;
    const t = b > a ? Math.min(1, Math.max(0, (s - a) / (b - a))) : 0;
    out[k] = (ve[j] as number) + t * ((ve[j + 1] as number) - (ve[j] as number));
  }
  return out;
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

export const activationApi = {
  /** Compartment positions (µm from the fibre start) and node indices of a fibre. */
  fiberLayout(model: FiberModelName, diameterUm: number, nodeCount: number) {
    const f = buildFiber(model, diameterUm, { nodeCount });
    return {
      compartmentPositionsUm: f.compartmentPositionsUm,
      nodeCompartments: f.nodeCompartments,
      internodeLengthUm: f.internodeLengthUm,
    };
  },

  /** Full-tier thresholds, fibre by fibre, with progress and cooperative cancellation. */
  async thresholds(
    req: ThresholdBatchRequest,
    onProgress?: (p: BatchProgress) => MaybeAsync<void>,
    shouldCancel?: () => MaybeAsync<boolean>,
  ): Promise<ThresholdBatchResult> {
    const started = performance.now();
    const results: FiberThreshold[] = [];
    let pending: FiberThreshold[] = [];
    let lastReport = started;
    let cancelled = false;
    for (const job of req.fibers) {
      if (req.cancelFlag && Atomics.load(req.cancelFlag, 0) !== 0) cancelled = true;
      if (!cancelled && shouldCancel && (await shouldCancel())) cancelled = true;
      if (cancelled) break;
      const fiber = buildFiber(job.model, job.diameterUm, {
        nodeCount: job.nodeCount,
        passiveEndNodes: job.passiveEndNodes ?? 1,
      });
      const ve = compartmentVe(job, fiber.compartmentPositionsUm);
      const guess = instantThresholdMa(fiber, ve, req.waveform);
      const r = findThreshold(fiber, ve, req.waveform, {
        dtUs: req.dtUs ?? 5,
        session: new FiberSession(fiber),
        ...(Number.isFinite(guess) ? { initialGuessMa: guess } : {}),
        ...(req.maxAmplitudeMa !== undefined ? { maxAmplitudeMa: req.maxAmplitudeMa } : {}),
      });
      const item: FiberThreshold = {
        id: job.id,
        thresholdMa: r.activated ? r.thresholdMa : null,
        activated: r.activated,
        simulations: r.simulations,
        endExcitation: r.endExcitation,
        instantMa: finite(guess),
        tier: 'full',
      };
      results.push(item);
      pending.push(item);
      const now = performance.now();
      if (onProgress && (now - lastReport > 50 || results.length === req.fibers.length)) {
        lastReport = now;
        await onProgress({ done: results.length, total: req.fibers.length, latest: pending });
        pending = [];
      }
    }
    if (onProgress && pending.length > 0) {
      await onProgress({ done: results.length, total: req.fibers.length, latest: pending });
    }
    return {
      results,
      completed: results.length,
      total: req.fibers.length,
      cancelled,
      elapsedMs: performance.now() - started,
    };
  },

  /**
   * Instant tier from Ve at the nodes only (mV per mA; `nodeVe[i]` for fibre i), for live
   * feedback: milliseconds for thousands of fibres.
   */
  instantThresholds(req: {
    fibers: Array<{
      id: string;
      model: FiberModelName;
      diameterUm: number;
      nodeVe: Float64Array | number[];
    }>;
    waveform: WaveformSpec;
  }): FiberThreshold[] {
    const scratch = new Float64Array(4096);
    return req.fibers.map((f) => {
      const th = instantThresholdFromNodes(f.model, f.diameterUm, f.nodeVe, req.waveform, scratch);
      return {
        id: f.id,
        thresholdMa: finite(th),
        activated: Number.isFinite(th),
        simulations: 0,
        endExcitation: false,
        instantMa: finite(th),
        tier: 'instant' as const,
      };
    });
  },
};

export type ActivationApi = typeof activationApi;

/** The same operations as task handlers for the shared compute pool (workers/protocol.ts). */
export const activationTasks: Record<string, TaskHandler> = {
  'neuron.thresholds': async (payload: unknown, ctx: TaskContext) => {
    const req = payload as ThresholdBatchRequest;
    return activationApi.thresholds(
      req,
      (p) => ctx.progress({ fraction: p.done / p.total, partial: p.latest }),
      async () => {
        try {
          await ctx.checkpoint();
          return false;
        } catch {
          return true;
        }
      },
    );
  },
  'neuron.instant': async (payload: unknown) =>
    activationApi.instantThresholds(payload as Parameters<ActivationApi['instantThresholds']>[0]),
};
