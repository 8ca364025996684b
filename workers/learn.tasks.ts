/**
 * Tasks for the Learn and Demo areas: threshold searches of MRG fibres next to a few point
 * sources, and the demo estimate of a scenario. Each task composes
 * models/ functions (buildMrg, pointSourceMv, findThreshold, FiberSession, models/stimulation),
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
import { centralNodePositionUm, pointSourceMv } from '../models/neuron/extracellular.ts';
import { FiberSession } from '../models/neuron/simulate.ts';
import { findThreshold } from '../models/neuron/threshold.ts';
import type { WaveformSpec } from '../models/neuron/waveform.ts';
import { parseScenario, type Scenario } from '../models/scenario.ts';
import { contactGeometry, findLead } from '../models/devices/index.ts';
import { chargeDose } from '../models/stimulation/dose.ts';
import { contactChargeDensities } from '../models/stimulation/density.ts';
import { SPINE_LEVEL_TABLE } from '../models/anatomy/spine.ts';
import type { TaskContext, TaskHandler } from './protocol.ts';

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
function fibreFor(diameterUm: number, nodeCount: number) {
  const key = `${diameterUm}|${nodeCount}`;
  let f = fibres.get(key);
  if (!f) {
    const fiber = buildMrg('mrg-interp', diameterUm, { nodeCount });
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
    let v = 0;
    for (const src of sources) {
      const r = Math.max(Math.hypot(x - src.xMm, fibre.yMm - src.yMm, z - src.zMm), 0.01);
      v += -src.weight * pointSourceMv(r, 0, 0, sigmaSPerM);
    }
    out[k] = v;
  }
  return out;
}

function thresholdOf(job: z.infer<typeof ThresholdJobSchema>): number | null {
  const { fiber, session } = fibreFor(job.diameterUm, job.nodeCount);
  const field = unitField(fiber, job.fibre, job.sources, job.sigmaSPerM);
  const r = findThreshold(fiber, field, job.waveform as WaveformSpec, {
    dtUs: job.dtUs,
    session,
    maxAmplitudeMa: MAX_LEARN_MA,
  });
  return r.activated ? r.thresholdMa : null;
}

function parse<T>(schema: z.ZodType<T>, payload: unknown, task: string): T {
  const r = schema.safeParse(payload);
  if (!r.success) {
    const first = r.error.issues[0];
    throw new Error(
      `${task}: ${first ? `${first.path.join('.')}: ${first.message}` : 'bad payload'}`,
    );
  }
  return r.data;
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

/** Positions along the lead's target: dorsal-column fibres for SCS, fibres through the DRG or nerve. */
function targetFibres(s: Scenario): { xMm: number; yMm: number; zMm: number; label: string }[] {
  if (s.anatomy.kind === 'spine') {
    const row = SPINE_LEVEL_TABLE[s.anatomy.level];
    // dorsal columns 0.25 mm under the cord surface (Feirabend 2002 activation depth, models.md §4)
    const y = row.cordApMm > 0 ? row.cordApMm / 2 - 0.25 : 0;
    return [-2, -1, 0, 1, 2].map((x) => ({ xMm: x, yMm: y, zMm: 0, label: `DC ${x} mm` }));
  }
  // DRG and nerve: fibres along the target's axis through its centre and 1 mm around (nominal)
  return [
    { xMm: 0, yMm: 0, zMm: 0, label: 'centre' },
    { xMm: 1, yMm: 0, zMm: 0, label: 'left 1 mm' },
    { xMm: -1, yMm: 0, zMm: 0, label: 'right 1 mm' },
    { xMm: 0, yMm: 1, zMm: 0, label: 'dorsal 1 mm' },
  ];
}

/** σ of the homogeneous medium the demo estimate assumes (PyFibers' default 0.2 S/m; nominal). */
export const DEMO_SIGMA_S_PER_M = 0.2;
/** Fibre diameters of the demo estimate: a large and a medium Aβ fibre (anatomy.md §3 classes). */
export const DEMO_DIAMETERS_UM = [12, 8] as const;
export const DEMO_MODEL_ID = 'learn-demo-estimate/1 (MRG interp, homogeneous point sources)';

/** The demo's estimate of a scenario. Deterministic: no clocks or random numbers inside. */
async function demoEstimate(raw: unknown, ctx: TaskContext) {
  const parsed = parseScenario(raw);
  if (!parsed.ok) {
    const first = parsed.issues[0];
    throw new Error(`scenario: ${first ? `${first.path}: ${first.message}` : 'invalid'}`);
  }
  const s = parsed.value;
  const p = s.program;
  const sources: z.infer<typeof SourceSchema>[] = [];
  for (const c of p.contacts) {
    if (c.polarity === 'off') continue;
    const placement = s.leads.find((l) => l.id === c.leadId);
    const entry = placement ? findLead(placement.catalogId) : undefined;
    const geo = entry && placement ? contactGeometry(entry, placement)[c.contactIndex] : undefined;
    if (!geo)
      throw new Error(`contact ${c.contactIndex} of lead ${c.leadId} is not in the catalogue`);
    const share = c.fractionPercent / 100;
    sources.push({ ...geo.centreMm, weight: c.polarity === 'cathode' ? -share : share });
  }
  if (sources.length === 0) throw new Error('the program has no active contact');
  // the case as the return: the lead's polarity alone (a distant return adds ~nothing nearby)
  const cathodes = sources.filter((x) => x.weight < 0);
  const centre = cathodes[0] ?? (sources[0] as z.infer<typeof SourceSchema>);
  const waveform: WaveformSpec =
    p.waveform.kind === 'tonic' && p.waveform.shape !== 'biphasic-cathodic-first'
      ? { kind: p.waveform.shape, pulseWidthUs: p.pulseWidthUs }
      : {
          kind: 'biphasic-cathodic-first',
          pulseWidthUs: p.pulseWidthUs,
          interphaseUs: p.waveform.kind === 'tonic' ? p.waveform.interphaseUs : 20,
        };
  const jobs: z.infer<typeof ThresholdJobSchema>[] = [];
  const fibresAt = targetFibres(s);
  for (const d of DEMO_DIAMETERS_UM)
    for (const f of fibresAt)
      jobs.push({
        diameterUm: d,
        nodeCount: 21,
        sigmaSPerM: DEMO_SIGMA_S_PER_M,
        sources,
        fibre: { xMm: f.xMm, yMm: f.yMm, zMm: centre.zMm, axis: 'z' },
        waveform: waveform as z.infer<typeof WaveformSpecSchema>,
        dtUs: 5,
      });
  const thresholds = await runThresholds(jobs, ctx, 'fibre');
  const round = (v: number, digits = 4) => Number(v.toPrecision(digits));
  const fibresOut = jobs.map((j, i) => {
    const t = thresholds[i] ?? null;
    return {
      diameterUm: j.diameterUm,
      label: fibresAt[i % fibresAt.length]?.label ?? '',
      thresholdMa: t === null ? null : round(t),
      activated: t !== null && p.amplitudeMa >= t,
    };
  });
  const dose = chargeDose(p);
  const densities = contactChargeDensities(p, s.leads).contacts.map((c) => ({
    leadId: c.leadId,
    contactIndex: c.contactIndex,
    polarity: c.polarity,
    densityUcPerCm2: round(c.densityUcPerCm2),
    shannonK: round(c.shannonK),
    exceedsDensityLimit: c.exceedsDensityLimit,
    exceedsShannonLimit: c.exceedsShannonLimit,
  }));
  return {
    model: DEMO_MODEL_ID,
    sigmaSPerM: DEMO_SIGMA_S_PER_M,
    therapy: s.therapy,
    amplitudeMa: p.amplitudeMa,
    pulseWidthUs: p.pulseWidthUs,
    chargePerPhaseUc: round(dose.chargePerPhaseUc),
    chargePerSecondUc: round(dose.chargePerSecondUc),
    pulsesPerSecond: round(dose.pulsesPerSecond),
    contacts: densities,
    fibres: fibresOut,
    activatedCount: fibresOut.filter((f) => f.activated).length,
  };
}
export type DemoEstimate = Awaited<ReturnType<typeof demoEstimate>>;

export const learnTasks: Record<string, TaskHandler> = {
  /** Thresholds (mA) of MRG fibres next to point sources, one per job (null: none up to 100 mA). */
  'learn.thresholds': async (payload, ctx) => {
    const { jobs } = parse(ThresholdsPayloadSchema, payload, 'learn.thresholds');
    return { thresholdsMa: await runThresholds(jobs, ctx, 'threshold') };
  },
  /** The demo estimate of one scenario (see demoEstimate). */
  'learn.demoEstimate': async (payload, ctx) => {
    const { scenario } = (payload ?? {}) as { scenario?: unknown };
    return demoEstimate(scenario, ctx);
  },
};
