/**
 * ECAP concepts from the pieces that exist (the ECAP engine of issue 7 is not there yet):
 * a compound action potential as the sum of single-fibre contributions, each delayed by its
 * conduction latency t = distance / velocity and present only when the fibre is recruited
 * (amplitude ≥ its threshold). Thresholds and velocities come from MRG fibres computed in the
 * worker pool; the single-fibre waveform shape and its size scaling are nominal (labelled so).
 */

/** Least-squares slope of position (mm) against AP crossing time (ms): m/s (mm/ms = m/s). */
export function conductionVelocityMPerS(positionsMm: number[], timesMs: number[]): number {
  const n = Math.min(positionsMm.length, timesMs.length);
  if (n < 2) return NaN;
  let mt = 0;
  let mx = 0;
  for (let i = 0; i < n; i++) {
    mt += timesMs[i] as number;
    mx += positionsMm[i] as number;
  }
  mt /= n;
  mx /= n;
  let stx = 0;
  let stt = 0;
  for (let i = 0; i < n; i++) {
    const dt = (timesMs[i] as number) - mt;
    stx += dt * ((positionsMm[i] as number) - mx);
    stt += dt * dt;
  }
  return stt === 0 ? NaN : stx / stt;
}

/** Latency (ms) of a fibre's AP at a recording contact `distanceMm` away. */
export function latencyMs(distanceMm: number, velocityMPerS: number): number {
  return distanceMm / velocityMPerS; // mm / (m/s) = ms
}

export interface EcapFibreClass {
  diameterUm: number;
  /** fibres of this class in the recorded population (nominal) */
  count: number;
  thresholdMa: number;
  velocityMPerS: number;
}

/**
 * A nominal triphasic single-fibre waveform (µV per fibre at unit size): a difference of
 * Gaussians centred on the arrival time, lasting about 0.3 ms (our choice, for the lesson).
 */
export function singleFibreUv(tMs: number, arrivalMs: number): number {
  const s = 0.06; // ms, width of each lobe (nominal)
  const g = (mu: number) => Math.exp(-0.5 * ((tMs - mu) / s) ** 2);
  return g(arrivalMs - 1.5 * s) * 0.5 - g(arrivalMs) + g(arrivalMs + 1.5 * s) * 0.5;
}

/** Per-fibre contribution size: proportional to diameter (nominal scaling; µV per fibre). */
export const UV_PER_FIBRE_PER_UM = 0.05; // nominal guess, chosen so a few hundred recruited fibres give tens of µV

/** ECAP (µV) sampled at `timesMs` for a stimulus `amplitudeMa` and recording distance. */
export function ecapTraceUv(
  classes: readonly EcapFibreClass[],
  amplitudeMa: number,
  recordingDistanceMm: number,
  timesMs: readonly number[],
): Float64Array {
  const out = new Float64Array(timesMs.length);
  for (const c of classes) {
    if (!(amplitudeMa >= c.thresholdMa)) continue;
    const arrival = latencyMs(recordingDistanceMm, c.velocityMPerS);
    const size = c.count * c.diameterUm * UV_PER_FIBRE_PER_UM;
    for (let i = 0; i < timesMs.length; i++) {
      out[i] = (out[i] as number) + size * singleFibreUv(timesMs[i] as number, arrival);
    }
  }
  return out;
}

/** Peak-to-peak amplitude (µV) of a trace. */
export function peakToPeakUv(trace: ArrayLike<number>): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < trace.length; i++) {
    const v = trace[i] as number;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return trace.length === 0 ? 0 : hi - lo;
}

/** Times (ms) from `fromMs` to `toMs` in `count` samples. */
export function timeAxisMs(fromMs: number, toMs: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => fromMs + ((toMs - fromMs) * i) / (count - 1));
}

/**
 * Closed loop in one line: the smallest amplitude on a grid whose ECAP reaches the target.
 * A device steps towards it pulse by pulse; the lesson shows where it settles.
 */
export function amplitudeForTargetMa(
  ecapAt: (amplitudeMa: number) => number,
  targetUv: number,
  maxMa: number,
  stepMa = 0.05,
): number | null {
  for (let a = stepMa; a <= maxMa + 1e-9; a += stepMa) {
    if (ecapAt(a) >= targetUv) return Math.round(a * 100) / 100;
  }
  return null;
}
