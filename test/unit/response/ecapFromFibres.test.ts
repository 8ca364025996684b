/** ECAP from fibres in any geometry: weights add, silent fibres add nothing. */
import { describe, expect, it } from 'vitest';
import { buildFiber } from '../../../models/neuron/build.ts';
import { pointSourceField } from '../../../models/neuron/extracellular.ts';
import { findThreshold } from '../../../models/neuron/threshold.ts';
import type { WaveformSpec } from '../../../models/neuron/waveform.ts';
import { ecapFromFibres } from '../../../models/response/ecap.ts';

const waveform: WaveformSpec = {
  kind: 'biphasic-cathodic-first',
  pulseWidthUs: 210,
  interphaseUs: 20,
};
const fiber = buildFiber('mrg', 10, { nodeCount: 41, passiveEndNodes: 1 });
const stim = pointSourceField(fiber, { distanceMm: 2, sigmaSPerM: 0.2 });
// recording contact 16 mm along the fibre, 2 mm away
const rec = pointSourceField(fiber, { distanceMm: 2, sigmaSPerM: 0.2, alongMm: 16 });
const thr = findThreshold(fiber, stim, waveform).thresholdMa;

describe('ecapFromFibres', () => {
  it('below threshold nothing fires and the trace is flat zero', () => {
    const r = ecapFromFibres(
      [{ fiber, stimVeUnitMv: stim, recordingLeadFieldsMvPerMa: [rec] }],
      0.8 * thr,
      waveform,
    );
    expect(r.activated).toEqual([false]);
    expect(r.tracesUv[0]?.every((v) => v === 0)).toBe(true);
  });

  it('one fibre of weight 2 records what two of weight 1 do, with N1 after the pulse', () => {
    const one = { fiber, stimVeUnitMv: stim, recordingLeadFieldsMvPerMa: [rec] };
    const a = ecapFromFibres([{ ...one, weight: 2 }], 1.5 * thr, waveform);
    const b = ecapFromFibres([one, one], 1.5 * thr, waveform);
    expect(a.activated).toEqual([true]);
    expect(a.features[0]?.amplitudeUv).toBeCloseTo(b.features[0]?.amplitudeUv as number, 9);
    expect(a.features[0]?.n1Uv).toBeLessThan(0);
    // 16 mm at ≈ 54 m/s (10 µm MRG) ≈ 0.3 ms after initiation (≈ 0.2 ms): after the 0.44 ms pulse
    expect(a.features[0]?.n1LatencyMs).toBeGreaterThan(a.stimulusEndMs);
    expect(a.features[0]?.n1LatencyMs).toBeLessThan(1.2);
  });
});
