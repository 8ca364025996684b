/**
 * A program's pulse train applied to a set of fibres: the glue between models/stimulation
 * (buildPulseTrain, sampleWaveform) and train.ts, with the request schema used at the worker
 * and CLI edges. Each fibre lies beside a point source in a homogeneous medium, or carries its
 * own sampled unit potentials (mV per mA per compartment, e.g. from models/field lead fields).
 */
import { z } from 'zod';
import { buildFiber } from '../neuron/build.ts';
import { pointSourceField } from '../neuron/extracellular.ts';
import type { Fiber } from '../neuron/fiber.ts';
import { FIBER_MODELS } from '../neuron/registry.ts';
import { ProgramSchema, type Program } from '../scenario.ts';
import { buildPulseTrain, sampleWaveform, type GroupTrain } from '../stimulation/train.ts';
import { summariseSpikes, simulateMultiGroupTrain, type TrainResponseSummary } from './train.ts';

const MAX_WINDOW_MS = 2000; // our limit: a browser task of minutes at most
const MAX_FIBRES = 2000; // our limit

export const TrainFiberSchema = z.object({
  id: z.string().max(64).optional(),
  model: z.enum(FIBER_MODELS),
  diameterUm: z.number().finite().positive(),
  nodes: z.number().int().min(3).max(2001),
  passiveEndNodes: z.boolean().default(true),
  field: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('point-source'),
      distanceMm: z.number().finite().positive(),
      sigmaSPerM: z.number().finite().positive(),
      alongMm: z.number().finite().default(0),
    }),
    z.object({ kind: z.literal('sampled'), veUnitMv: z.array(z.number().finite()) }),
    /** one point source per contact group (multiplexed programs), same medium */
    z.object({
      kind: z.literal('point-source-per-group'),
      sigmaSPerM: z.number().finite().positive(),
      sources: z
        .array(
          z.object({ distanceMm: z.number().finite().positive(), alongMm: z.number().finite() }),
        )
        .min(1)
        .max(8),
    }),
    /** sampled potentials per contact group (multiplexed programs) */
    z.object({
      kind: z.literal('sampled-per-group'),
      veUnitMvByGroup: z.array(z.array(z.number().finite())).min(1).max(8),
    }),
  ]),
});
export type TrainFiber = z.infer<typeof TrainFiberSchema>;

export const TrainRequestSchema = z.object({
  program: ProgramSchema,
  windowMs: z.number().finite().positive().max(MAX_WINDOW_MS),
  /** µs; 5 µs for tonic and burst (MRGaxon.hoc dt), ≤ PW/6 for kHz */
  dtUs: z.number().finite().positive().max(50).optional(),
  /** the contact group to simulate; 'all' drives each fibre with every group's field and train */
  groupIndex: z.union([z.number().int().min(0), z.literal('all')]).default(0),
  fibers: z.array(TrainFiberSchema).min(1).max(MAX_FIBRES),
  /** onset window for kHz onset responses (ms) */
  onsetWindowMs: z.number().finite().positive().default(10),
});
export type TrainRequest = z.input<typeof TrainRequestSchema>;

export interface FiberTrainSummary extends TrainResponseSummary {
  id: string;
  diameterUm: number;
  /** spike times (ms) at the detection node ⌊0.9·(N−1)⌋ */
  spikesMs: number[];
}

export interface TrainResponse {
  paradigm: string;
  amplitudeMa: number;
  windowMs: number;
  dtUs: number;
  /** stimulating pulse onsets of the simulated group (ms) */
  pulseStartsMs: number[];
  fibers: FiberTrainSummary[];
  simulatedSteps: number;
  /** steps where overlapping groups changed pattern while on (approximate, see train.ts) */
  patternSwitchSteps: number;
  elapsedMs: number;
  tier: 'full';
}

/** Default step: 5 µs (MRGaxon.hoc), finer for short phases so a phase spans ≥ 6 steps. */
export function defaultDtUs(pulseWidthUs: number): number {
  const MIN_STEPS_PER_PHASE = 6; // our choice: 30 µs kHz phases → 5 µs
  return Math.min(5, pulseWidthUs / MIN_STEPS_PER_PHASE);
}

export interface ProgramTrainFiber {
  fiber: Fiber;
  /**
   * potentials (mV per mA of program amplitude) at every compartment: one array for the
   * simulated group, or one per contact group when `groupIndex` is 'all'
   */
  veUnitMv: Float64Array | readonly Float64Array[];
  id?: string;
}

export interface ProgramTrainOptions {
  windowMs: number;
  dtUs?: number;
  /** one contact group (default 0) or 'all' (multiplexed: per-group fields) */
  groupIndex?: number | 'all';
  onsetWindowMs?: number;
}

/**
 * The program's train (one contact group) on already-built fibres with their unit fields —
 * the typed-array entry point for models/pipeline and `neuromod run`. `onFiber` is awaited
 * after each fibre (progress, cancellation).
 */
export async function programTrainResponse(
  program: Program,
  batch: readonly ProgramTrainFiber[],
  opts: ProgramTrainOptions,
  onFiber?: (done: number, total: number) => Promise<void> | void,
): Promise<TrainResponse> {
  const started = performance.now();
  const dtUs = opts.dtUs ?? defaultDtUs(program.pulseWidthUs);
  const groupIndex = opts.groupIndex ?? 0;
  const windowUs = opts.windowMs * 1000;
  const train = buildPulseTrain(program, { windowUs });
  const groupIndices = groupIndex === 'all' ? train.groups.map((_, g) => g) : [groupIndex];
  for (const g of groupIndices) {
    if (!train.groups[g]) throw new RangeError(`the program has no contact group ${g}`);
  }
  const groupSamples = groupIndices.map((g) => sampleWaveform(train, dtUs, windowUs, g));
  const pulseStartsMs = groupIndices
    .flatMap((g) => (train.groups[g] as GroupTrain).phases)
    .filter((p) => p.kind === 'stimulus')
    .map((p) => p.startUs / 1000)
    .sort((a, b) => a - b);
  const isKhz = program.waveform.kind === 'khz';
  const out: FiberTrainSummary[] = [];
  let steps = 0;
  let switches = 0;
  for (let i = 0; i < batch.length; i++) {
    const b = batch[i] as ProgramTrainFiber;
    const fields = b.veUnitMv instanceof Float64Array ? [b.veUnitMv] : [...b.veUnitMv];
    if (fields.length !== groupIndices.length) {
      throw new RangeError(
        `fibre ${i}: ${fields.length} fields for ${groupIndices.length} contact group(s)`,
      );
    }
    for (const ve of fields) {
      if (ve.length !== b.fiber.network.compartmentCount) {
        throw new RangeError(
          `fibre ${i}: ${ve.length} potentials for ${b.fiber.network.compartmentCount} compartments`,
        );
      }
    }
    const r = simulateMultiGroupTrain(
      b.fiber,
      fields.map((ve, g) => ({ veUnitMv: ve, waveform: groupSamples[g] as Float64Array })),
      program.amplitudeMa,
      { dtUs, durationMs: opts.windowMs },
    );
    switches += r.patternSwitchSteps;
    steps += r.steps;
    const summary = summariseSpikes(
      r.detectionSpikesMs,
      opts.windowMs,
      isKhz ? [] : pulseStartsMs,
      opts.onsetWindowMs,
    );
    out.push({
      ...summary,
      id: b.id ?? `fibre-${i}`,
      diameterUm: b.fiber.diameterUm,
      spikesMs: Array.from(r.detectionSpikesMs),
    });
    await onFiber?.(i + 1, batch.length);
  }
  return {
    paradigm: program.waveform.kind,
    amplitudeMa: program.amplitudeMa,
    windowMs: opts.windowMs,
    dtUs,
    pulseStartsMs,
    fibers: out,
    simulatedSteps: steps,
    patternSwitchSteps: switches,
    elapsedMs: performance.now() - started,
    tier: 'full',
  };
}

/** The same from a JSON request (worker, CLI): validates, builds fibres and fields. */
export async function runTrainRequest(
  raw: unknown,
  onFiber?: (done: number, total: number) => Promise<void> | void,
): Promise<TrainResponse> {
  const req = TrainRequestSchema.parse(raw);
  const batch = req.fibers.map((spec, i): ProgramTrainFiber => {
    const fiber = buildFiber(spec.model, spec.diameterUm, {
      nodeCount: spec.nodes,
      passiveEndNodes: spec.passiveEndNodes ? 1 : 0,
    });
    const f = spec.field;
    let veUnitMv: Float64Array | Float64Array[];
    if (f.kind === 'point-source') {
      veUnitMv = pointSourceField(fiber, {
        distanceMm: f.distanceMm,
        sigmaSPerM: f.sigmaSPerM,
        alongMm: f.alongMm,
      });
    } else if (f.kind === 'sampled') {
      veUnitMv = Float64Array.from(f.veUnitMv);
    } else if (f.kind === 'point-source-per-group') {
      veUnitMv = f.sources.map((src) =>
        pointSourceField(fiber, {
          distanceMm: src.distanceMm,
          sigmaSPerM: f.sigmaSPerM,
          alongMm: src.alongMm,
        }),
      );
    } else {
      veUnitMv = f.veUnitMvByGroup.map((v) => Float64Array.from(v));
    }
    return { fiber, veUnitMv, id: spec.id ?? `fibre-${i}` };
  });
  return programTrainResponse(
    req.program,
    batch,
    {
      windowMs: req.windowMs,
      ...(req.dtUs !== undefined ? { dtUs: req.dtUs } : {}),
      groupIndex: req.groupIndex,
      onsetWindowMs: req.onsetWindowMs,
    },
    onFiber,
  );
}

export interface WaveformTimelineData {
  timeMs: Float64Array;
  /** current at the cathodes (mA, cathodic negative), one series per contact group */
  groups: { label: string; currentMa: Float64Array }[];
}

/** The program's train over a window, per contact group, for the WaveformTimeline component. */
export function waveformTimeline(
  program: z.input<typeof ProgramSchema>,
  windowMs: number,
  dtUs = 5,
): WaveformTimelineData {
  const p = ProgramSchema.parse(program);
  const windowUs = windowMs * 1000;
  const train = buildPulseTrain(p, { windowUs });
  const n = Math.round(windowUs / dtUs);
  const timeMs = Float64Array.from({ length: n }, (_, i) => (i * dtUs) / 1000);
  return {
    timeMs,
    groups: train.groups.map((g, gi) => ({
      label: g.label,
      currentMa: sampleWaveform(train, dtUs, windowUs, gi).map((v) => v * p.amplitudeMa),
    })),
  };
}
