/**
 * Tasks for the Learn area: threshold searches of MRG fibres next to a few point sources.
 * Each task composes models/ functions (buildMrg, weightedSourcesMvPerMa, findThreshold, FiberSession),
 * reports progress per item and stops at the next checkpoint when cancelled.
 *
 * Field: V = I/(4πσr) per source, superposed (models/neuron/extracellular.ts), homogeneous σ.
 * Sign: a source's `weight` is its current per mA of program amplitude, −1 cathodic. With the
 * waveform convention of models/neuron/waveform.ts (cathodic = −1), the unit field handed to
 * findThreshold is Σ(−weight)·V₁(r), so a mono-cathodic pulse drives each source with
 * weight·I.
 */
import { z } from 'zod';
import { buildMrg } from '../models/neuron/mrg.ts';
import type { Fiber } from '../models/neuron/fiber.ts';
import { centralNodePositionUm } from '../models/neuron/extracellular.ts';
import { weightedSourcesMvPerMa } from '../models/field/pointSource.ts';
import { FiberSession } from '../models/neuron/simulate.ts';
import { findThreshold } from '../models/neuron/threshold.ts';
import type { WaveformSpec } from '../models/neuron/waveform.ts';
import { defineTask, type TaskContext } from './protocol.ts';

// the page's CSP forbids eval; zod must not probe for its compiled fast path in the worker either
z.config({ jitless: true });

const SourceSchema = z.object({
  xMm: z.number().finite(),
  yMm: z.number().finite(),
  zMm: z.number().finite(),
  weight: z.number().finite(),
});
const FibreSchema = z.object({
  xMm: z.number().finite(),
  yMm: z.number().finite(),
  zMm: z.number().finite(),
  axis: z.enum(['x', 'z']),
  drgStem: z.boolean().optional(),
});
const WaveformSpecSchema = z.union([
  z.object({
    kind: z.enum(['mono-cathodic', 'mono-anodic', 'biphasic-cathodic-first']),
    pulseWidthUs: z.number().positive().max(100_000),
    interphaseUs: z.number().min(0).max(100_000).optional(),
  }),
  z.object({
    kind: z.literal('sampled'),
    sampleDtUs: z.number().positive(),
    samples: z.array(z.number().finite()).min(1).max(200_000),
  }),
]);
const ThresholdJobSchema = z.object({
  diameterUm: z.number().min(2).max(16), // MRG interpolation range (models/neuron/mrg.ts)
  nodeCount: z.number().int().min(5).max(201).default(21),
  sigmaSPerM: z.number().positive().max(100),
  sources: z.array(SourceSchema).min(1).max(64),
  fibre: FibreSchema,
  waveform: WaveformSpecSchema,
  dtUs: z.number().min(1).max(50).default(5),
});
export type ThresholdJob = z.input<typeof ThresholdJobSchema>;
const ThresholdsPayloadSchema = z.object({ jobs: z.array(ThresholdJobSchema).min(1).max(400) });

const MAX_LEARN_MA = 100; // our limit: beyond any clinical amplitude (clinical.md §3.2 envelopes ≤ 25.5 mA)

const fibres = new Map<string, { fiber: Fiber; session: FiberSession }>();
function fibreFor(diameterUm: number, nodeCount: number, drgStem: boolean) {
  const key = `${diameterUm}|${nodeCount}|${drgStem}`;
  let f = fibres.get(key);
  if (!f) {
    const fiber = buildMrg('mrg-interp', diameterUm, {
      nodeCount,
      ...(drgStem ? { stem: { diameterUm } } : {}),
    });
    f = { fiber, session: new FiberSession(fiber) };
    if (fibres.size > 64) fibres.clear();
    fibres.set(key, f);
  }
  return f;
}

/** Unit potentials (mV per mA) at every compartment of a straight fibre centred on its central node. */
function unitField(
  fiber: Fiber,
  fibre: z.infer<typeof FibreSchema>,
  sources: readonly z.infer<typeof SourceSchema>[],
  sigmaSPerM: number,
): Float64Array {
  const centreUm = centralNodePositionUm(fiber);
  const pos = fiber.compartmentPositionsUm;
  const out = new Float64Array(pos.length);
  for (let k = 0; k < pos.length; k++) {
    const s = ((pos[k] as number) - centreUm) / 1000;
    const x = fibre.axis === 'x' ? fibre.xMm + s : fibre.xMm;
    const z = fibre.axis === 'z' ? fibre.zMm + s : fibre.zMm;
    // cathodes positive, as in models/pipeline.ts (lesson sources carry −1 for a cathode)
    const v = -weightedSourcesMvPerMa(sources, sigmaSPerM, x, fibre.yMm, z);
    out[k] = v;
  }
  // side branches (a DRG stem) run in −y from the compartment they hang on
  for (const b of fiber.branches) {
    const s = ((pos[b.attachCompartment] as number) - centreUm) / 1000;
    const x = fibre.axis === 'x' ? fibre.xMm + s : fibre.xMm;
    const z = fibre.axis === 'z' ? fibre.zMm + s : fibre.zMm;
    b.compartments.forEach((k, i) => {
      const y = fibre.yMm - (b.distancesUm[i] as number) / 1000;
      out[k] = -weightedSourcesMvPerMa(sources, sigmaSPerM, x, y, z);
    });
  }
  return out;
}

function thresholdOf(job: z.infer<typeof ThresholdJobSchema>): number | null {
  const { fiber, session } = fibreFor(job.diameterUm, job.nodeCount, job.fibre.drgStem === true);
  const field = unitField(fiber, job.fibre, job.sources, job.sigmaSPerM);
  const r = findThreshold(fiber, field, job.waveform as WaveformSpec, {
    dtUs: job.dtUs,
    session,
    maxAmplitudeMa: MAX_LEARN_MA,
  });
  return r.activated ? r.thresholdMa : null;
}

async function runThresholds(
  jobs: z.infer<typeof ThresholdJobSchema>[],
  ctx: TaskContext,
  label: string,
): Promise<(number | null)[]> {
  const out: (number | null)[] = [];
  for (let i = 0; i < jobs.length; i++) {
    out.push(thresholdOf(jobs[i] as z.infer<typeof ThresholdJobSchema>));
    ctx.progress({
      fraction: (i + 1) / jobs.length,
      message: `${label} ${i + 1} of ${jobs.length}`,
      partial: out.slice(),
    });
    await ctx.checkpoint();
  }
  return out;
}

export const learnTasks = {
  /** Thresholds (mA) of MRG fibres next to point sources, one per job (null: none up to 100 mA). */
  'learn.thresholds': defineTask(
    'learn.thresholds',
    ThresholdsPayloadSchema,
    async ({ jobs }, ctx) => ({ thresholdsMa: await runThresholds(jobs, ctx, 'threshold') }),
  ),
};
