/**
 * Request schemas and runners for the worker tasks and the CLI (schemas at the edges,
 * DESIGN.md): ECAP growth curves and traces, the closed-loop timeline, kHz block thresholds.
 * Every runner takes an optional async `onProgress` awaited between units of work, so a worker
 * can report progress and honour cancellation there.
 */
import { z } from 'zod';
import { FIBER_MODELS } from '../neuron/registry.ts';
import { blockThreshold } from './block.ts';
import { DEFAULT_CLOSED_LOOP, simulateClosedLoop, type ClosedLoopResult } from './closedLoop.ts';
import {
  buildEcapModelAsync,
  ecapFeatures,
  ecapSurface,
  ecapTraceUv,
  growthCurve,
  type EcapFeatures,
  type EcapSetup,
  type GrowthCurve,
} from './ecap.ts';
import { KHZ_WAVEFORMS } from './khz.ts';

type Progress = (fraction: number, message: string) => Promise<void> | void;

const MAX_SAMPLE = 400; // our limit: a minute of ECAP sampling in a worker

export const EcapSetupSchema = z
  .object({
    seed: z.number().int(),
    sampleCount: z.number().int().min(1).max(MAX_SAMPLE),
    populationCount: z.number().positive(),
    dcsfGridMm: z.array(z.number().min(0.5).max(15)).min(1).max(20),
    duraThicknessMm: z.number().min(0).max(2),
    recordingOffsetMm: z.number().min(1).max(60),
    sigmaCsfSPerM: z.number().positive(),
    sigmaCordSPerM: z.number().positive(),
    dcHalfWidthMm: z.number().positive().max(5),
    dcDepthMm: z.number().positive().max(5),
    minDiameterUm: z.number().min(2).max(16),
    maxDiameterUm: z.number().min(2).max(16),
    pulseWidthUs: z.number().min(10).max(1000),
    interphaseUs: z.number().min(0).max(1000),
    dtUs: z.number().positive().max(25),
    windowMs: z.number().positive().max(20),
    marginMm: z.number().positive().max(40),
    thresholdTier: z.enum(['instant', 'full']),
  })
  .partial();

const amplitudeGrid = z.array(z.number().min(0).max(100)).min(2).max(500);

export const EcapRequestSchema = z.object({
  setup: EcapSetupSchema.default({}),
  amplitudesMa: amplitudeGrid,
  /** growth curves at these dCSF values (mm) */
  dcsfMm: z.array(z.number().min(0.5).max(15)).min(1).max(20),
  /** an ECAP waveform to return */
  traceAt: z.object({ amplitudeMa: z.number().min(0).max(100), dcsfMm: z.number() }).optional(),
});
export type EcapRequest = z.input<typeof EcapRequestSchema>;

export interface EcapResponse {
  populationCount: number;
  sampleCount: number;
  growthCurves: GrowthCurve[];
  trace?: {
    timeMs: number[];
    ecapUv: number[];
    features: EcapFeatures;
    amplitudeMa: number;
    dcsfMm: number;
  };
  /** conduction velocity of each sampled fibre (m/s) with its diameter */
  fibres: { diameterUm: number; depthMm: number; conductionVelocityMPerS: number }[];
  tier: 'instant' | 'full';
  elapsedMs: number;
}

export async function runEcapRequest(raw: unknown, onProgress?: Progress): Promise<EcapResponse> {
  const started = performance.now();
  const req = EcapRequestSchema.parse(raw);
  const model = await buildEcapModelAsync(req.setup as Partial<EcapSetup>, (done, total) =>
    onProgress?.(done / total, `fibre ${done} of ${total}`),
  );
  const curves = req.dcsfMm.map((d) => growthCurve(model, d, req.amplitudesMa));
  let trace: EcapResponse['trace'];
  if (req.traceAt) {
    const tr = ecapTraceUv(model, req.traceAt.amplitudeMa, req.traceAt.dcsfMm);
    trace = {
      timeMs: Array.from(model.timeMs),
      ecapUv: Array.from(tr),
      features: ecapFeatures(tr, model.timeMs, model.stimulusEndMs),
      amplitudeMa: req.traceAt.amplitudeMa,
      dcsfMm: req.traceAt.dcsfMm,
    };
  }
  return {
    populationCount: model.populationCount,
    sampleCount: model.fibres.length,
    growthCurves: curves,
    ...(trace ? { trace } : {}),
    fibres: model.fibres.map((f) => ({
      diameterUm: f.diameterUm,
      depthMm: f.depthMm,
      conductionVelocityMPerS: f.conductionVelocityMPerS,
    })),
    tier: model.tier,
    elapsedMs: performance.now() - started,
  };
}

export const ClosedLoopRequestSchema = z.object({
  ecap: EcapSetupSchema.default({}),
  /** amplitude axis of the ECAP surface (mA) */
  amplitudesMa: amplitudeGrid.optional(),
  /** dCSF axis of the surface (mm); default the ECAP grid */
  dcsfMm: z.array(z.number().min(0.5).max(15)).min(1).max(40).optional(),
  loop: z
    .object({
      durationS: z.number().positive().max(600),
      pulseRateHz: z.number().positive().max(1500),
      updateRateHz: z.number().positive().max(1500),
      targetEcapUv: z.number().positive().max(1000),
      startAmplitudeMa: z.number().min(0).max(100),
      maxAmplitudeMa: z.number().positive().max(100),
      gainMaPerUv: z.number().min(0),
      loopGain: z.number().min(0).max(2),
      windowUv: z.object({ lowUv: z.number().min(0), highUv: z.number().positive() }),
      postures: z
        .array(
          z.object({ startS: z.number().min(0), label: z.string().max(40), dcsfMm: z.number() }),
        )
        .min(1)
        .max(100),
      coughs: z
        .array(
          z.object({
            atS: z.number().min(0),
            durationS: z.number().positive(),
            deltaDcsfMm: z.number(),
          }),
        )
        .max(100),
      noiseUv: z.number().min(0),
      seed: z.number().int(),
    })
    .partial()
    .default({}),
});
export type ClosedLoopRequest = z.input<typeof ClosedLoopRequestSchema>;

const DEFAULT_SURFACE_AMPLITUDES_MA = Array.from({ length: 52 }, (_, i) => i * 0.5); // 0–25.5 mA (clinical.md §3.2)

export async function runClosedLoopRequest(
  raw: unknown,
  onProgress?: Progress,
): Promise<ClosedLoopResult & { surfaceMs: number }> {
  const req = ClosedLoopRequestSchema.parse(raw);
  const t0 = performance.now();
  const model = await buildEcapModelAsync(req.ecap as Partial<EcapSetup>, (done, total) =>
    onProgress?.((0.95 * done) / total, `ECAP surface: fibre ${done} of ${total}`),
  );
  const surface = ecapSurface(
    model,
    req.amplitudesMa ?? DEFAULT_SURFACE_AMPLITUDES_MA,
    req.dcsfMm ?? model.setup.dcsfGridMm,
  );
  const surfaceMs = performance.now() - t0;
  const result = simulateClosedLoop(surface, { ...DEFAULT_CLOSED_LOOP, ...req.loop });
  await onProgress?.(1, 'timeline done');
  return { ...result, surfaceMs };
}

export const BlockRequestSchema = z.object({
  model: z.enum(FIBER_MODELS),
  diameterUm: z.number().positive(),
  nodes: z.number().int().min(5).max(401),
  distanceMm: z.number().positive().max(100),
  sigmaSPerM: z.union([
    z.number().positive(),
    z.tuple([z.number().positive(), z.number().positive(), z.number().positive()]),
  ]),
  over: z.enum(['node', 'internode']).optional(),
  passiveEndNodes: z.boolean().optional(),
  frequencyHz: z.number().min(100).max(100000),
  waveform: z.enum(KHZ_WAVEFORMS).optional(),
  dtUs: z.number().positive().max(10).optional(),
  tstopMs: z.number().positive().max(500).optional(),
  blockDelayMs: z.number().min(0).optional(),
  tolerance: z.number().positive().max(0.5).optional(),
  startMa: z.number().positive().optional(),
  maxAmplitudeMa: z.number().positive().optional(),
});
export type BlockRequest = z.input<typeof BlockRequestSchema>;

export async function runBlockRequest(raw: unknown, onProgress?: Progress) {
  const req = BlockRequestSchema.parse(raw);
  await onProgress?.(0, 'block threshold search');
  const r = blockThreshold(req);
  await onProgress?.(1, 'done');
  return r;
}
