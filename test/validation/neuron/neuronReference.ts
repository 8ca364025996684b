/**
 * The NEURON reference output (neuron-reference/*.jsonl) as the validation tests read it: one
 * case per line, waves coded cat / an / bi as the reference scripts write them.
 */
import { readFileSync } from 'node:fs';
import type { WaveformSpec } from '../../../models/neuron/waveform.ts';

/** The cases of one reference file, in file order. */
export function readReference<T>(file: string): T[] {
  return readFileSync(new URL(`./neuron-reference/${file}`, import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as T);
}

/** The waveform of a reference case (pulse width and interphase gap in ms). */
export function referenceWaveform(c: {
  pw_ms: number;
  wave: 'cat' | 'an' | 'bi';
  ipg_ms?: number;
}): WaveformSpec {
  const pulseWidthUs = c.pw_ms * 1000;
  if (c.wave === 'cat') return { kind: 'mono-cathodic', pulseWidthUs };
  if (c.wave === 'an') return { kind: 'mono-anodic', pulseWidthUs };
  return { kind: 'biphasic-cathodic-first', pulseWidthUs, interphaseUs: (c.ipg_ms ?? 0) * 1000 };
}
