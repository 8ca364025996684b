/**
 * Stimulus waveforms as per-step unit samples (ScaledStim convention of PyFibers: the sample
 * of step i is applied during the step from t_i to t_i + dt; a phase of width pw covers exactly
 * round(pw/dt) steps from t = 0). Sign: +1 is anodic (positive source current), −1 cathodic.
 */

export const WAVEFORM_KINDS = ['mono-cathodic', 'mono-anodic', 'biphasic-cathodic-first'] as const;
export type PulseKind = (typeof WAVEFORM_KINDS)[number];

export type WaveformSpec =
  | { kind: PulseKind; pulseWidthUs: number; interphaseUs?: number }
  /** arbitrary waveform sampled at `sampleDtUs`, held constant over each sample */
  | { kind: 'sampled'; sampleDtUs: number; samples: ArrayLike<number> };

/** Unit samples for a simulation step `dtUs` (no trailing zeros). */
export function sampleWaveform(w: WaveformSpec, dtUs: number): Float64Array {
  if (w.kind === 'sampled') {
    const durationUs = w.samples.length * w.sampleDtUs;
    const n = Math.round(durationUs / dtUs);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const j = Math.min(w.samples.length - 1, Math.floor(((i + 0.5) * dtUs) / w.sampleDtUs));
      out[i] = w.samples[j] ?? 0;
    }
    return out;
  }
  const nPhase = Math.round(w.pulseWidthUs / dtUs);
  if (w.kind === 'mono-cathodic') return new Float64Array(nPhase).fill(-1);
  if (w.kind === 'mono-anodic') return new Float64Array(nPhase).fill(1);
  const nGap = Math.round((w.interphaseUs ?? 0) / dtUs);
  const out = new Float64Array(2 * nPhase + nGap);
  out.fill(-1, 0, nPhase);
  out.fill(1, nPhase + nGap);
  return out;
}

/** Width of the first phase (µs), used by the instant tier. */
export function leadingPhaseUs(w: WaveformSpec): number {
  if (w.kind !== 'sampled') return w.pulseWidthUs;
  const first = w.samples[0] ?? 0;
  let n = 0;
  while (n < w.samples.length && Math.sign(w.samples[n] ?? 0) === Math.sign(first)) n++;
  return n * w.sampleDtUs;
}
