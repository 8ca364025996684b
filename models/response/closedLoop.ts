/**
 * Closed-loop ECAP control over a timeline of posture changes and coughs, against open loop.
 *
 * Plant: the ECAP amplitude (µV, N1–P2) for a stimulation amplitude and a dorsal CSF thickness,
 * read from a precomputed surface (ecap.ts ecapSurface — the instant tier), plus optional
 * seeded measurement noise. Posture sets dCSF (anatomy.md §1.3: supine → prone adds ≈ 2.2 mm
 * at T11, ≈ 3.4 mm at T12); a cough is a brief dCSF change (here a raised-cosine dip).
 *
 * Controller (after each measurement): integral action on the error,
 *   A ← clamp(A + gain · (target − measured), 0, maxAmplitudeMa),
 * measured after every pulse (Saluda Evoke: clinical.md §3.1) or at a set rate (Medtronic
 * Inceptiv: 50 per second). Open loop keeps the starting amplitude.
 * The gain defaults to `loopGain / slope` of the growth curve at the starting point (a loop
 * that corrects `loopGain` of the error per update), our choice.
 */
import { seededRandom } from '../neuron/populations.ts';
import { ecapAt, type EcapSurface } from './ecap.ts';

export interface PostureSegment {
  startS: number;
  label: string;
  dcsfMm: number;
}

export interface CoughEvent {
  atS: number;
  durationS: number;
  /** change of dCSF at the peak (mm, negative: the cord comes closer to the lead) */
  deltaDcsfMm: number;
}

export interface ClosedLoopSetup {
  durationS: number;
  /** pulses per second (program rate) */
  pulseRateHz: number;
  /** measurements per second; ≥ pulse rate means every pulse */
  updateRateHz: number;
  targetEcapUv: number;
  /** starting amplitude (mA); default: the amplitude giving the target at the first posture */
  startAmplitudeMa?: number;
  maxAmplitudeMa: number;
  /** mA per µV; default loopGain / slope at the start */
  gainMaPerUv?: number;
  loopGain: number;
  /** ECAP range counted as the therapeutic window (µV) */
  windowUv: { lowUv: number; highUv: number };
  postures: PostureSegment[];
  coughs: CoughEvent[];
  /** RMS measurement noise (µV) and its seed */
  noiseUv: number;
  seed: number;
}

export const DEFAULT_CLOSED_LOOP: ClosedLoopSetup = {
  durationS: 10,
  pulseRateHz: 50, // clinical.md §3.1 (Inceptiv senses 50 times per second)
  updateRateHz: 50, // same
  targetEcapUv: 20, // nominal, within our model's growth range (clinical example: Evoke 50 µV)
  maxAmplitudeMa: 25.5, // clinical.md §3.2 (WaveWriter / Proclaim 0–25.5 mA)
  loopGain: 0.3, // our choice: a third of the error per update, stable with margin
  windowUv: { lowUv: 10, highUv: 40 }, // nominal: ½× to 2× the target (perception … discomfort)
  postures: [
    { startS: 0, label: 'supine', dcsfMm: 3 }, // anatomy.md §1.3 T11–12 supine 1.5–6 mm
    { startS: 4, label: 'prone', dcsfMm: 5.2 }, // + 2.2 mm prone at T11 (Holsheimer 1994)
    { startS: 7, label: 'supine', dcsfMm: 3 },
  ],
  coughs: [{ atS: 2, durationS: 0.4, deltaDcsfMm: -1 }], // nominal cough: cord 1 mm closer for 0.4 s
  noiseUv: 1, // nominal recording noise
  seed: 1,
};

/** dCSF (mm) at time t: the posture in force plus any cough (raised-cosine pulse). */
export function dcsfAt(setup: Pick<ClosedLoopSetup, 'postures' | 'coughs'>, tS: number): number {
  let d = setup.postures[0]?.dcsfMm ?? NaN;
  for (const p of setup.postures) if (p.startS <= tS) d = p.dcsfMm;
  for (const c of setup.coughs) {
    const u = (tS - c.atS) / c.durationS;
    if (u >= 0 && u <= 1) d += c.deltaDcsfMm * 0.5 * (1 - Math.cos(2 * Math.PI * u));
  }
  return d;
}

/** Smallest amplitude of the surface row (interpolated) reaching `targetUv` at `dcsfMm`. */
export function amplitudeForTarget(s: EcapSurface, targetUv: number, dcsfMm: number): number {
  const a = s.amplitudesMa;
  let prev = ecapAt(s, a[0] as number, dcsfMm);
  if (prev >= targetUv) return a[0] as number;
  for (let j = 1; j < a.length; j++) {
    const v = ecapAt(s, a[j] as number, dcsfMm);
    if (v >= targetUv) {
      const a0 = a[j - 1] as number;
      const a1 = a[j] as number;
      return a0 + ((targetUv - prev) / (v - prev)) * (a1 - a0);
    }
    prev = v;
  }
  return NaN;
}

export interface LoopTrace {
  /** amplitude delivered at each pulse (mA) */
  amplitudeMa: Float64Array;
  /** true ECAP (µV) and measured ECAP (with noise) at each pulse */
  ecapUv: Float64Array;
  measuredUv: Float64Array;
  /** fraction of time with the ECAP inside the window, and below / above it */
  timeInWindow: number;
  timeBelow: number;
  timeAbove: number;
  /** mean |ECAP − target| (µV) */
  meanAbsErrorUv: number;
}

export interface ClosedLoopResult {
  timeS: Float64Array;
  dcsfMm: Float64Array;
  openLoop: LoopTrace;
  closedLoop: LoopTrace;
  gainMaPerUv: number;
  startAmplitudeMa: number;
  setup: ClosedLoopSetup;
  tier: EcapSurface['tier'];
  elapsedMs: number;
}

function loopTrace(n: number): LoopTrace {
  return {
    amplitudeMa: new Float64Array(n),
    ecapUv: new Float64Array(n),
    measuredUv: new Float64Array(n),
    timeInWindow: 0,
    timeBelow: 0,
    timeAbove: 0,
    meanAbsErrorUv: 0,
  };
}

function finish(tr: LoopTrace, setup: ClosedLoopSetup): void {
  const n = tr.ecapUv.length;
  let inside = 0;
  let below = 0;
  let above = 0;
  let err = 0;
  for (let i = 0; i < n; i++) {
    const e = tr.ecapUv[i] as number;
    if (e < setup.windowUv.lowUv) below++;
    else if (e > setup.windowUv.highUv) above++;
    else inside++;
    err += Math.abs(e - setup.targetEcapUv);
  }
  tr.timeInWindow = n > 0 ? inside / n : 0;
  tr.timeBelow = n > 0 ? below / n : 0;
  tr.timeAbove = n > 0 ? above / n : 0;
  tr.meanAbsErrorUv = n > 0 ? err / n : 0;
}

/** Runs open and closed loop side by side, one step per pulse. */
export function simulateClosedLoop(
  surface: EcapSurface,
  partial: Partial<ClosedLoopSetup> = {},
): ClosedLoopResult {
  const started = performance.now();
  const setup: ClosedLoopSetup = { ...DEFAULT_CLOSED_LOOP, ...partial };
  if (!(setup.pulseRateHz > 0)) throw new RangeError('pulseRateHz must be positive');
  if (!(setup.updateRateHz > 0)) throw new RangeError('updateRateHz must be positive');
  const n = Math.max(1, Math.round(setup.durationS * setup.pulseRateHz));
  const timeS = Float64Array.from({ length: n }, (_, i) => i / setup.pulseRateHz);
  const dcsf = timeS.map((t) => dcsfAt(setup, t));
  const d0 = dcsf[0] as number;
  const start = setup.startAmplitudeMa ?? amplitudeForTarget(surface, setup.targetEcapUv, d0);
  if (!Number.isFinite(start)) {
    throw new RangeError(
      `the target ${setup.targetEcapUv} µV is not reached within ${surface.amplitudesMa[surface.amplitudesMa.length - 1]} mA at dCSF ${d0} mm`,
    );
  }
  let gain = setup.gainMaPerUv;
  if (gain === undefined) {
    const h = 0.05 * start || 0.05; // our choice: 5 % finite difference
    const slope = (ecapAt(surface, start + h, d0) - ecapAt(surface, start - h, d0)) / (2 * h);
    gain = slope > 0 ? setup.loopGain / slope : 0;
  }
  const rand = seededRandom(setup.seed);
  const noise = () => {
    if (setup.noiseUv <= 0) return 0;
    const u = Math.max(rand(), 1e-12);
    return setup.noiseUv * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
  const open = loopTrace(n);
  const closed = loopTrace(n);
  // a measurement every `pulsesPerUpdate` pulses (1 = every pulse)
  const pulsesPerUpdate = Math.max(1, Math.round(setup.pulseRateHz / setup.updateRateHz));
  let a = start;
  for (let i = 0; i < n; i++) {
    const d = dcsf[i] as number;
    const eOpen = ecapAt(surface, start, d);
    open.amplitudeMa[i] = start;
    open.ecapUv[i] = eOpen;
    open.measuredUv[i] = eOpen + noise();
    const eClosed = ecapAt(surface, a, d);
    closed.amplitudeMa[i] = a;
    closed.ecapUv[i] = eClosed;
    const measured = eClosed + noise();
    closed.measuredUv[i] = measured;
    if ((i + 1) % pulsesPerUpdate === 0) {
      a = Math.min(setup.maxAmplitudeMa, Math.max(0, a + gain * (setup.targetEcapUv - measured)));
    }
  }
  finish(open, setup);
  finish(closed, setup);
  return {
    timeS,
    dcsfMm: dcsf,
    openLoop: open,
    closedLoop: closed,
    gainMaPerUv: gain,
    startAmplitudeMa: start,
    setup,
    tier: surface.tier,
    elapsedMs: performance.now() - started,
  };
}
