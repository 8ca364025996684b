/**
 * Tonic, burst and 10 kHz programs as Scenario programs (vendor-neutral parameters from
 * clinical.md §3.1), their pulse trains from models/stimulation, and the unit samples the
 * neuron model takes (both use cathodic = −1).
 */
import { defaultScenario, type Program } from '../../../models/scenario.ts';
import { buildPulseTrain, sampleWaveform } from '../../../models/stimulation/train.ts';

export type Paradigm = 'tonic' | 'burst' | 'khz';

export const PARADIGM_LABELS: Record<Paradigm, string> = {
  tonic: 'Tonic 50 Hz, 210 µs',
  burst: 'Burst 5 × 1 ms at 500 Hz, 40 Hz',
  khz: '10 kHz, 30 µs',
};

/** Default amplitudes (mA): typical programmed values, clinical.md §3.1 (10 kHz 0.5–3.5 mA, SENZA-PDN). */
export const DEFAULT_AMPLITUDE_MA: Record<Paradigm, number> = { tonic: 3, burst: 1.5, khz: 2 };

export function paradigmProgram(p: Paradigm, amplitudeMa: number): Program {
  const base = defaultScenario('SCS').program;
  if (p === 'tonic')
    // WaveWriter default 40 Hz, 210 µs; 50 Hz here as in the default scenario (clinical.md §3.1)
    return {
      ...base,
      amplitudeMa,
      pulseWidthUs: 210,
      rateHz: 50,
      waveform: { kind: 'tonic', shape: 'biphasic-cathodic-first', interphaseUs: 20 },
    };
  if (p === 'burst')
    // BurstDR: 5 pulses of 1000 µs at 500 Hz, bursts at 40 Hz, passive recharge (De Ridder; clinical.md §3.1)
    return {
      ...base,
      amplitudeMa,
      pulseWidthUs: 1000,
      rateHz: 40,
      waveform: { kind: 'burst', pulsesPerBurst: 5, intraBurstRateHz: 500, recharge: 'passive' },
    };
  // HF10: 10 kHz, 30 µs (clinical.md §3.1)
  return {
    ...base,
    amplitudeMa,
    pulseWidthUs: 30,
    rateHz: 10000,
    waveform: { kind: 'khz', frequencyHz: 10000 },
  };
}

/** The stretch of each paradigm a threshold search looks at: one pulse, one burst, 5 ms of 10 kHz. */
export const THRESHOLD_WINDOW_US: Record<Paradigm, number> = {
  tonic: 500,
  burst: 10_000,
  khz: 5_000,
};

export function unitSamples(p: Paradigm, dtUs: number, windowUs: number): Float64Array {
  const train = buildPulseTrain(paradigmProgram(p, 1), { windowUs });
  return sampleWaveform(train, dtUs, windowUs);
}
