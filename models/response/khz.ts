/**
 * kHz waveforms sampled per simulation step, as the PyFibers block test builds them
 * (scipy.signal.square(2π f t): +1 for the first half of each period, −1 for the second;
 * models.md §3.1 `test_block_threshold`). Sign convention of models/neuron/waveform.ts:
 * negative samples are cathodic, so the cathodic-first square wave is −square(2π f t).
 */

export const KHZ_WAVEFORMS = ['khz-square', 'khz-sine'] as const;
export type KhzWaveformKind = (typeof KHZ_WAVEFORMS)[number];

/** Unit samples of a cathodic-first kHz wave over durationMs at step dtUs. */
export function khzSamples(
  kind: KhzWaveformKind,
  frequencyHz: number,
  dtUs: number,
  durationMs: number,
): Float64Array {
  if (!(frequencyHz > 0)) throw new RangeError('frequencyHz must be positive');
  if (!(dtUs > 0)) throw new RangeError('dtUs must be positive');
  const n = Math.round((durationMs * 1000) / dtUs);
  const periodUs = 1e6 / frequencyHz;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const tUs = i * dtUs;
    if (kind === 'khz-square') {
      // phase within the period; a tiny epsilon keeps exact half-period boundaries stable
      const phase = (tUs % periodUs) / periodUs;
      out[i] = phase < 0.5 - 1e-9 ? -1 : 1;
    } else {
      out[i] = -Math.sin((2 * Math.PI * tUs) / periodUs);
    }
  }
  return out;
}
