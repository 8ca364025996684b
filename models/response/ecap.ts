/**
 * Evoked compound action potential (ECAP) on a non-stimulating contact, by reciprocity: the
 * potential a contact records from a current I leaving the fibre at point p is I · L(p), where
 * L is the contact's own unit lead field (mV per mA; symmetric Green's function, e.g. Plonsey
 * & Barr, Bioelectricity). Each fibre's outward currents at every compartment (train.ts,
 * CurrentRecording) are projected on L; fibres add linearly; a representative sample is scaled
 * to the population count.
 *
 * Canonical SCS layout (local frame, mm): x along the cord (fibre axis), y lateral, z dorsal;
 * the cord surface is the plane z = 0, CSF above (z > 0), dorsal-column white matter below.
 * Stimulating and recording contacts are points in the CSF half-space at height
 * h = dCSF + dura thickness, the recording contact `recordingOffsetMm` along x. Potentials
 * come from the two-half-space image solution (models/field twoHalfSpacesMvPerMa).
 *
 * Per fibre, once: the threshold at every dCSF of a grid (instant tier by default), and the
 * single-fibre ECAP template recorded at every dCSF of the grid in one simulation (recording is
 * linear, so one run feeds all lead fields). The stimulus-locked passive response of the fibre
 * is removed by subtracting a scaled sub-threshold run. ECAP(A, dCSF) = Σ over fibres with
 * threshold ≤ A of weight · template. README.md lists what this leaves out.
 */
import { twoHalfSpacesMvPerMa } from '../field/pointSource.ts';
import { buildFiber, internodeLengthUm } from '../neuron/build.ts';
import type { Fiber } from '../neuron/fiber.ts';
import { instantThresholdFromNodes } from '../neuron/instant.ts';
import { DEFAULT_POPULATION_FIBER_MODEL } from '../neuron/registry.ts';
import {
  sampleDcDiameterUm,
  seededRandom,
  DC_DIAMETER_MEDIAN_UM,
  DC_DIAMETER_SIGMA_LN,
} from '../neuron/populations.ts';
import { FiberSession } from '../neuron/simulate.ts';
import { findThreshold } from '../neuron/threshold.ts';
import { sampleWaveform, type WaveformSpec } from '../neuron/waveform.ts';
import { simulateTrain } from './train.ts';

export interface EcapSetup {
  seed: number;
  /** fibres simulated (the representative sample) */
  sampleCount: number;
  /** fibres the sample stands for; default derived from Feirabend 2002 (see populationCountDefault) */
  populationCount?: number;
  /** dCSF values (mm) at which templates and thresholds are computed */
  dcsfGridMm: readonly number[];
  duraThicknessMm: number;
  recordingOffsetMm: number;
  sigmaCsfSPerM: number;
  sigmaCordSPerM: number;
  /** dorsal-column half-width and populated depth (mm) */
  dcHalfWidthMm: number;
  dcDepthMm: number;
  minDiameterUm: number;
  maxDiameterUm: number;
  /** biphasic cathodic-first stimulus */
  pulseWidthUs: number;
  interphaseUs: number;
  dtUs: number;
  /** recorded time after pulse onset (ms) */
  windowMs: number;
  /** fibre extends this far beyond the stimulating and recording contacts (mm) */
  marginMm: number;
  thresholdTier: 'instant' | 'full';
}

export const DEFAULT_ECAP_SETUP: EcapSetup = {
  seed: 1,
  sampleCount: 60, // our choice: runtime (~4 s) vs smoothness of the growth curve
  dcsfGridMm: [1.5, 2.5, 3.5, 4.5, 5.5, 7, 8.5], // anatomy.md §0 slider range 1.5–8.5 mm
  duraThicknessMm: 0.3, // anatomy.md §1.5: 0.19–0.43 mm (±1 SD)
  recordingOffsetMm: 14, // nominal: two contacts of a 3 mm / 4 mm-gap lead away (7 mm pitch)
  sigmaCsfSPerM: 1.7, // models.md §4.2 CSF
  sigmaCordSPerM: Math.sqrt(0.6 * 0.083), // models.md §4.2 white matter 0.6/0.083; geometric mean (nominal isotropic)
  dcHalfWidthMm: 1.4, // derived: Feirabend 2002 68 fibres > 10.7 µm at 2.4 per 0.1 mm ⇒ 2.8 mm width
  dcDepthMm: 1.5, // nominal: about the dorsoventral depth of the dorsal columns; deeper fibres keep the growth curve rising
  minDiameterUm: 5.7, // populations.ts: MRG range, smaller DC fibres not recruited clinically
  maxDiameterUm: 16, // MRG interpolation range
  pulseWidthUs: 210, // clinical.md §3.1 WaveWriter default 210 µs
  interphaseUs: 20, // scenario.ts tonic default interphase
  dtUs: 5, // models/neuron DEFAULT_DT_US (MRGaxon.hoc dt)
  windowMs: 2.5, // our choice: N1–P2 of the slowest sampled fibre at 14 mm ends within ~2 ms
  marginMm: 8, // our choice: keeps the ends ≥ 5 internodes from both contacts
  thresholdTier: 'instant',
};

/** Fibre counts behind the default population (Feirabend et al. 2002, Brain 125:1137; anatomy.md §2.4). */
const FEIRABEND_LARGE_FIBRES = 68; // mean count of fibres > 10.7 µm in the top 300 µm (T10–11)
const FEIRABEND_LARGE_FRACTION = 0.005; // those are ~0.5 % of all fibres there
const FEIRABEND_DEPTH_MM = 0.3; // the top 300 µm
const FEIRABEND_WIDTH_MM = (FEIRABEND_LARGE_FIBRES / 2.4) * 0.1; // 2.4 large fibres per 0.1 mm width

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 erf, |error| < 1.5e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return z >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

/**
 * Derived population count: Feirabend's fibre density (all sizes) × the fraction of the
 * populations.ts log-normal within [min, max] µm × the modelled cross-section.
 */
export function populationCountDefault(s: EcapSetup): number {
  return dcFibresInRegion({
    halfWidthMm: s.dcHalfWidthMm,
    depthMm: s.dcDepthMm,
    minDiameterUm: s.minDiameterUm,
    maxDiameterUm: s.maxDiameterUm,
  });
}

/**
 * Dorsal-column fibres in a layer 2·halfWidth wide and `depthMm` deep with diameters in
 * [min, max] µm: Feirabend's density (all sizes, T10–11) × the fraction of the populations.ts
 * log-normal in that range × the area.
 */
export function dcFibresInRegion(r: {
  halfWidthMm: number;
  depthMm: number;
  minDiameterUm: number;
  maxDiameterUm: number;
}): number {
  const densityPerMm2 =
    FEIRABEND_LARGE_FIBRES / FEIRABEND_LARGE_FRACTION / (FEIRABEND_DEPTH_MM * FEIRABEND_WIDTH_MM);
  const z = (d: number) => Math.log(d / DC_DIAMETER_MEDIAN_UM) / DC_DIAMETER_SIGMA_LN;
  const fraction = normalCdf(z(r.maxDiameterUm)) - normalCdf(z(r.minDiameterUm));
  return Math.round(densityPerMm2 * fraction * 2 * r.halfWidthMm * r.depthMm);
}

export interface EcapFiberSample {
  diameterUm: number;
  lateralMm: number;
  depthMm: number;
  /** threshold (mA) at each dCSF of the grid */
  thresholdsMa: Float64Array;
  /** single-fibre ECAP (µV) at each dCSF of the grid, on the model's time axis */
  templatesUv: Float64Array[];
  /** AP arrival at the node nearest the recording contact (ms after pulse onset), NaN if none */
  arrivalMs: number;
  /** conduction velocity between the nodes under the two contacts (m/s), NaN if none */
  conductionVelocityMPerS: number;
}

export interface EcapModel {
  setup: EcapSetup;
  populationCount: number;
  /** population fibres per sampled fibre */
  weight: number;
  timeMs: Float64Array;
  /** end of the stimulus (ms): amplitudes are measured after it */
  stimulusEndMs: number;
  fibres: EcapFiberSample[];
  tier: 'instant' | 'full';
}

function contactHeightMm(s: EcapSetup, dcsfMm: number): number {
  return dcsfMm + s.duraThicknessMm;
}

/** Unit potentials (mV/mA) at points from a point contact at (x, 0, h) in the CSF half-space. */
function contactField(s: EcapSetup, xMm: number, hMm: number, pointsMm: Float64Array) {
  return twoHalfSpacesMvPerMa(
    { positionsMm: Float64Array.of(xMm, 0, hMm), weights: Float64Array.of(1) },
    s.sigmaCsfSPerM,
    s.sigmaCordSPerM,
    pointsMm,
  );
}

function nodeValues(f: Fiber, perCompartment: Float64Array): Float64Array {
  return Float64Array.from(f.nodeCompartments, (k) => perCompartment[k] as number);
}

/** Fibre geometry of one sample: straight along x at (y, −depth), start shifted by a node phase. */
function placeFiber(s: EcapSetup, diameterUm: number, phase: number) {
  // the dorsal column fibres of the planner's populations (registry.ts)
  const model = DEFAULT_POPULATION_FIBER_MODEL;
  const dxUm = internodeLengthUm(model, diameterUm);
  const spanMm = s.recordingOffsetMm + 2 * s.marginMm;
  let nodes = Math.floor((spanMm * 1000) / dxUm) + 1;
  if (nodes % 2 === 0) nodes++;
  const fiber = buildFiber(model, diameterUm, { nodeCount: nodes, passiveEndNodes: 1 });
  const startMm = -s.marginMm - phase * (dxUm / 1000);
  return { fiber, startMm };
}

function compartmentPoints(fiber: Fiber, startMm: number, yMm: number, zMm: number) {
  const pos = fiber.compartmentPositionsUm;
  const pts = new Float64Array(3 * pos.length);
  for (let k = 0; k < pos.length; k++) {
    pts[3 * k] = startMm + (pos[k] as number) / 1000;
    pts[3 * k + 1] = yMm;
    pts[3 * k + 2] = zMm;
  }
  return pts;
}

function nearestNode(fiber: Fiber, startMm: number, xMm: number): number {
  let best = 0;
  let bestD = Infinity;
  fiber.nodeCompartments.forEach((k, j) => {
    const d = Math.abs(startMm + (fiber.compartmentPositionsUm[k] as number) / 1000 - xMm);
    if (d < bestD) {
      bestD = d;
      best = j;
    }
  });
  return best;
}

/** Sub-threshold fraction used to remove the stimulus-locked passive response (our choice). */
const PASSIVE_PROBE_FRACTION = 0.2;
/** Amplitude of the template run relative to threshold (our choice; retried ×2 if silent). */
const TEMPLATE_SUPRA_FACTOR = 1.5;

interface EcapContext {
  s: EcapSetup;
  rand: () => number;
  waveform: WaveformSpec;
  samples: Float64Array;
  nRec: number;
  refIndex: number;
}

function ecapContext(partial: Partial<EcapSetup>) {
  const s: EcapSetup = { ...DEFAULT_ECAP_SETUP, ...partial };
  if (s.dcsfGridMm.length < 1) throw new RangeError('dcsfGridMm needs at least one value');
  if (!(s.sampleCount >= 1)) throw new RangeError('sampleCount must be at least 1');
  const waveform: WaveformSpec = {
    kind: 'biphasic-cathodic-first',
    pulseWidthUs: s.pulseWidthUs,
    interphaseUs: s.interphaseUs,
  };
  const samples = sampleWaveform(waveform, s.dtUs);
  const ctx: EcapContext = {
    s,
    rand: seededRandom(s.seed),
    waveform,
    samples,
    nRec: Math.round(s.windowMs / (s.dtUs / 1000)),
    refIndex: Math.floor(s.dcsfGridMm.length / 2),
  };
  const populationCount = s.populationCount ?? populationCountDefault(s);
  const model: EcapModel = {
    setup: s,
    populationCount,
    weight: populationCount / s.sampleCount,
    timeMs: Float64Array.from({ length: ctx.nRec }, (_, i) => ((i + 1) * s.dtUs) / 1000),
    stimulusEndMs: (samples.length * s.dtUs) / 1000,
    fibres: [],
    tier: s.thresholdTier,
  };
  return { ctx, model };
}

/** One sampled fibre: placement, thresholds per dCSF, templates per dCSF. */
function sampleEcapFiber(ctx: EcapContext): EcapFiberSample {
  const { s, rand, waveform, samples, nRec, refIndex } = ctx;
  const diameterUm = sampleDcDiameterUm(rand, s.minDiameterUm, s.maxDiameterUm);
  const lateralMm = (2 * rand() - 1) * s.dcHalfWidthMm;
  const depthMm = 0.01 + rand() * s.dcDepthMm;
  const { fiber, startMm } = placeFiber(s, diameterUm, rand());
  const pts = compartmentPoints(fiber, startMm, lateralMm, -depthMm);
  const stimFields = s.dcsfGridMm.map((d) => contactField(s, 0, contactHeightMm(s, d), pts));
  const recFields = s.dcsfGridMm.map((d) =>
    contactField(s, s.recordingOffsetMm, contactHeightMm(s, d), pts),
  );
  const session = new FiberSession(fiber);
  const thresholdsMa = Float64Array.from(stimFields, (ve) => {
    if (s.thresholdTier === 'instant') {
      return instantThresholdFromNodes(fiber.model, diameterUm, nodeValues(fiber, ve), waveform);
    }
    const r = findThreshold(fiber, ve, waveform, {
      dtUs: s.dtUs,
      session,
      initialGuessMa: instantThresholdFromNodes(
        fiber.model,
        diameterUm,
        nodeValues(fiber, ve),
        waveform,
      ),
    });
    return r.activated ? r.thresholdMa : Infinity;
  });
  const recNode = nearestNode(fiber, startMm, s.recordingOffsetMm);
  const stimNode = nearestNode(fiber, startMm, 0);
  const refVe = stimFields[refIndex] as Float64Array;
  let amp = TEMPLATE_SUPRA_FACTOR * (thresholdsMa[refIndex] as number);
  let templatesUv: Float64Array[] = recFields.map(() => new Float64Array(nRec));
  let arrivalMs = NaN;
  let cv = NaN;
  if (Number.isFinite(amp) && amp > 0) {
    for (let attempt = 0; attempt < 4; attempt++) {
      const run = simulateTrain(fiber, refVe, amp, samples, {
        dtUs: s.dtUs,
        durationMs: s.windowMs,
        recordNodes: [stimNode, recNode],
        recording: { leadFieldsMvPerMa: recFields },
        session,
      });
      const arrival = run.spikeTimesMs[1]?.[0];
      if (arrival !== undefined) {
        const probe = simulateTrain(fiber, refVe, PASSIVE_PROBE_FRACTION * amp, samples, {
          dtUs: s.dtUs,
          durationMs: s.windowMs,
          recording: { leadFieldsMvPerMa: recFields },
          session,
        });
        const k = 1 / PASSIVE_PROBE_FRACTION;
        templatesUv = (run.recordedUv as Float64Array[]).map((tr, c) => {
          const p = (probe.recordedUv as Float64Array[])[c] as Float64Array;
          return Float64Array.from(tr, (v, j) => v - k * (p[j] as number));
        });
        arrivalMs = arrival;
        const start = run.spikeTimesMs[0]?.[0];
        if (start !== undefined && arrival > start) {
          const nodeX = (j: number) =>
            (fiber.compartmentPositionsUm[fiber.nodeCompartments[j] as number] as number) / 1000;
          cv = Math.abs(nodeX(recNode) - nodeX(stimNode)) / (arrival - start); // mm/ms = m/s
        }
        break;
      }
      amp *= 2;
    }
  }
  return {
    diameterUm,
    lateralMm,
    depthMm,
    thresholdsMa,
    templatesUv,
    arrivalMs,
    conductionVelocityMPerS: cv,
  };
}

/** Builds the ECAP model: samples fibres, thresholds per dCSF and templates per dCSF. */
export function buildEcapModel(
  partial: Partial<EcapSetup> = {},
  onFiber?: (done: number, total: number) => void,
): EcapModel {
  const { ctx, model } = ecapContext(partial);
  for (let i = 0; i < ctx.s.sampleCount; i++) {
    model.fibres.push(sampleEcapFiber(ctx));
    onFiber?.(i + 1, ctx.s.sampleCount);
  }
  return model;
}

/** The same, awaiting `onFiber` between fibres (worker progress and cancellation). */
export async function buildEcapModelAsync(
  partial: Partial<EcapSetup> = {},
  onFiber?: (done: number, total: number) => Promise<void> | void,
): Promise<EcapModel> {
  const { ctx, model } = ecapContext(partial);
  for (let i = 0; i < ctx.s.sampleCount; i++) {
    model.fibres.push(sampleEcapFiber(ctx));
    await onFiber?.(i + 1, ctx.s.sampleCount);
  }
  return model;
}

/** Grid bracket for a dCSF: lower index and weight of the upper one (clamped at the ends). */
function dcsfBracket(grid: readonly number[], dcsfMm: number): [number, number] {
  const last = grid.length - 1;
  if (last === 0 || dcsfMm <= (grid[0] as number)) return [0, 0];
  if (dcsfMm >= (grid[last] as number)) return [last - 1, 1];
  let i = 0;
  while ((grid[i + 1] as number) < dcsfMm) i++;
  const a = grid[i] as number;
  const b = grid[i + 1] as number;
  return [i, (dcsfMm - a) / (b - a)];
}

/** The population ECAP (µV) at a stimulation amplitude and dCSF, on model.timeMs. */
export function ecapTraceUv(model: EcapModel, amplitudeMa: number, dcsfMm: number): Float64Array {
  const grid = model.setup.dcsfGridMm;
  const [i, w] = dcsfBracket(grid, dcsfMm);
  const j = Math.min(i + 1, grid.length - 1);
  const out = new Float64Array(model.timeMs.length);
  for (const f of model.fibres) {
    // threshold interpolated in log (thresholds grow roughly as a power of distance)
    const ta = f.thresholdsMa[i] as number;
    const tb = f.thresholdsMa[j] as number;
    const thr = Math.exp((1 - w) * Math.log(ta) + w * Math.log(tb));
    if (!(thr <= amplitudeMa)) continue;
    const a = f.templatesUv[i] as Float64Array;
    const b = f.templatesUv[j] as Float64Array;
    for (let t = 0; t < out.length; t++) {
      out[t] =
        (out[t] as number) + model.weight * ((1 - w) * (a[t] as number) + w * (b[t] as number));
    }
  }
  return out;
}

export interface EcapFeatures {
  /** N1–P2 amplitude (µV), the clinical ECAP amplitude */
  amplitudeUv: number;
  n1Uv: number;
  n1LatencyMs: number;
  p2Uv: number;
  p2LatencyMs: number;
}

/** N1 (most negative after the stimulus) and P2 (largest after N1); amplitude = P2 − N1. */
export function ecapFeatures(
  traceUv: Float64Array,
  timeMs: Float64Array,
  fromMs: number,
): EcapFeatures {
  // N1: the trace's minimum after the stimulus, whatever its sign (a recording contact on the
  // far side of the fibres sees the waveform inverted: all-positive is still an ECAP)
  let n1 = Infinity;
  let n1At = -1;
  for (let t = 0; t < traceUv.length; t++) {
    if ((timeMs[t] as number) < fromMs) continue;
    const v = traceUv[t] as number;
    if (v < n1) {
      n1 = v;
      n1At = t;
    }
  }
  if (n1At < 0) return { amplitudeUv: 0, n1Uv: 0, n1LatencyMs: NaN, p2Uv: 0, p2LatencyMs: NaN };
  let p2 = n1;
  let p2At = n1At;
  for (let t = n1At; t < traceUv.length; t++) {
    const v = traceUv[t] as number;
    if (v > p2) {
      p2 = v;
      p2At = t;
    }
  }
  return {
    amplitudeUv: p2 - n1,
    n1Uv: n1,
    n1LatencyMs: timeMs[n1At] as number,
    p2Uv: p2,
    p2LatencyMs: timeMs[p2At] as number,
  };
}

/** ECAP amplitude (µV, N1–P2) at an amplitude and dCSF. */
export function ecapAmplitudeUv(model: EcapModel, amplitudeMa: number, dcsfMm: number): number {
  return ecapFeatures(ecapTraceUv(model, amplitudeMa, dcsfMm), model.timeMs, model.stimulusEndMs)
    .amplitudeUv;
}

/** Recruitment: fraction of the sample with threshold ≤ amplitude at a dCSF. */
export function recruitedFraction(model: EcapModel, amplitudeMa: number, dcsfMm: number): number {
  const grid = model.setup.dcsfGridMm;
  const [i, w] = dcsfBracket(grid, dcsfMm);
  const j = Math.min(i + 1, grid.length - 1);
  let n = 0;
  for (const f of model.fibres) {
    const thr = Math.exp(
      (1 - w) * Math.log(f.thresholdsMa[i] as number) + w * Math.log(f.thresholdsMa[j] as number),
    );
    if (thr <= amplitudeMa) n++;
  }
  return model.fibres.length > 0 ? n / model.fibres.length : 0;
}

export interface GrowthCurve {
  dcsfMm: number;
  amplitudesMa: Float64Array;
  ecapUv: Float64Array;
  recruitedFraction: Float64Array;
  /** lowest amplitude of the grid with a non-zero ECAP (mA), NaN if none */
  ecapThresholdMa: number;
}

/** ECAP amplitude against stimulation amplitude at one dCSF. */
export function growthCurve(
  model: EcapModel,
  dcsfMm: number,
  amplitudesMa: ArrayLike<number>,
): GrowthCurve {
  const a = Float64Array.from(amplitudesMa);
  const ecapUv = a.map((x) => ecapAmplitudeUv(model, x, dcsfMm));
  const rec = a.map((x) => recruitedFraction(model, x, dcsfMm));
  const first = ecapUv.findIndex((v) => v > 0);
  return {
    dcsfMm,
    amplitudesMa: a,
    ecapUv,
    recruitedFraction: rec,
    ecapThresholdMa: first >= 0 ? (a[first] as number) : NaN,
  };
}

/** ECAP amplitude over a grid of (dCSF, amplitude): the instant tier of the closed loop. */
export interface EcapSurface {
  dcsfMm: Float64Array;
  amplitudesMa: Float64Array;
  /** row-major [dcsf][amplitude], µV */
  ecapUv: Float64Array;
  tier: 'instant' | 'full';
}

export function ecapSurface(
  model: EcapModel,
  amplitudesMa: ArrayLike<number>,
  dcsfMm: ArrayLike<number> = model.setup.dcsfGridMm,
): EcapSurface {
  const a = Float64Array.from(amplitudesMa);
  const d = Float64Array.from(dcsfMm);
  const out = new Float64Array(a.length * d.length);
  for (let i = 0; i < d.length; i++) {
    for (let j = 0; j < a.length; j++) {
      out[i * a.length + j] = ecapAmplitudeUv(model, a[j] as number, d[i] as number);
    }
  }
  return { dcsfMm: d, amplitudesMa: a, ecapUv: out, tier: model.tier };
}

function axisBracket(axis: Float64Array, x: number): [number, number] {
  const last = axis.length - 1;
  if (last <= 0 || x <= (axis[0] as number)) return [0, 0];
  if (x >= (axis[last] as number)) return [last - 1, 1];
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((axis[mid] as number) <= x) lo = mid;
    else hi = mid;
  }
  return [lo, (x - (axis[lo] as number)) / ((axis[lo + 1] as number) - (axis[lo] as number))];
}

/** Bilinear look-up of the surface (clamped at its edges), µV. */
export function ecapAt(s: EcapSurface, amplitudeMa: number, dcsfMm: number): number {
  const na = s.amplitudesMa.length;
  const [i, wi] = axisBracket(s.dcsfMm, dcsfMm);
  const [j, wj] = axisBracket(s.amplitudesMa, amplitudeMa);
  const i1 = Math.min(i + 1, s.dcsfMm.length - 1);
  const j1 = Math.min(j + 1, na - 1);
  const v = (r: number, c: number) => s.ecapUv[r * na + c] as number;
  return (
    (1 - wi) * ((1 - wj) * v(i, j) + wj * v(i, j1)) + wi * ((1 - wj) * v(i1, j) + wj * v(i1, j1))
  );
}

export interface EcapFiberInput {
  fiber: Fiber;
  /** stimulation potentials (mV per mA of program amplitude) at every compartment */
  stimVeUnitMv: Float64Array;
  /** unit lead field (mV per mA) of each recording contact at every compartment */
  recordingLeadFieldsMvPerMa: readonly Float64Array[];
  /** population fibres this one stands for (default 1) */
  weight?: number;
}

export interface EcapFromFibresResult {
  timeMs: Float64Array;
  /** one ECAP (µV) per recording contact */
  tracesUv: Float64Array[];
  features: EcapFeatures[];
  /** per fibre: an AP reached either end region (node ⌊0.1·(N−1)⌋ or ⌊0.9·(N−1)⌋) */
  activated: boolean[];
  stimulusEndMs: number;
}

/**
 * ECAP on any recording contacts from fibres in any geometry (e.g. the scenario's lead fields
 * sampled along its populations): each fibre is simulated once at the program amplitude with
 * one pulse; activated fibres add their recorded currents (minus the scaled 0.2× passive run),
 * weighted; fibres that do not fire add nothing.
 */
export function ecapFromFibres(
  inputs: readonly EcapFiberInput[],
  amplitudeMa: number,
  waveform: WaveformSpec,
  opts: { dtUs?: number; windowMs?: number } = {},
): EcapFromFibresResult {
  const dtUs = opts.dtUs ?? DEFAULT_ECAP_SETUP.dtUs;
  const windowMs = opts.windowMs ?? DEFAULT_ECAP_SETUP.windowMs;
  const samples = sampleWaveform(waveform, dtUs);
  const nRec = Math.round(windowMs / (dtUs / 1000));
  const timeMs = Float64Array.from({ length: nRec }, (_, i) => ((i + 1) * dtUs) / 1000);
  const contacts = inputs[0]?.recordingLeadFieldsMvPerMa.length ?? 0;
  const tracesUv = Array.from({ length: contacts }, () => new Float64Array(nRec));
  const activated: boolean[] = [];
  for (const input of inputs) {
    const f = input.fiber;
    if (input.recordingLeadFieldsMvPerMa.length !== contacts) {
      throw new RangeError('every fibre needs the same recording contacts');
    }
    const near = Math.floor(0.1 * (f.nodeCount - 1));
    const session = new FiberSession(f);
    const run = simulateTrain(f, input.stimVeUnitMv, amplitudeMa, samples, {
      dtUs,
      durationMs: windowMs,
      recordNodes: [near],
      recording: { leadFieldsMvPerMa: input.recordingLeadFieldsMvPerMa },
      session,
    });
    const fired = run.spikeTimesMs.some((t) => t.length > 0);
    activated.push(fired);
    if (!fired) continue;
    const probe = simulateTrain(
      f,
      input.stimVeUnitMv,
      PASSIVE_PROBE_FRACTION * amplitudeMa,
      samples,
      {
        dtUs,
        durationMs: windowMs,
        recording: { leadFieldsMvPerMa: input.recordingLeadFieldsMvPerMa },
        session,
      },
    );
    const w = input.weight ?? 1;
    const k = 1 / PASSIVE_PROBE_FRACTION;
    tracesUv.forEach((out, c) => {
      const a = (run.recordedUv as Float64Array[])[c] as Float64Array;
      const p = (probe.recordedUv as Float64Array[])[c] as Float64Array;
      for (let t = 0; t < nRec; t++) {
        out[t] = (out[t] as number) + w * ((a[t] as number) - k * (p[t] as number));
      }
    });
  }
  const stimulusEndMs = (samples.length * dtUs) / 1000;
  return {
    timeMs,
    tracesUv,
    features: tracesUv.map((tr) => ecapFeatures(tr, timeMs, stimulusEndMs)),
    activated,
    stimulusEndMs,
  };
}
