/**
 * Fibre responses under pulse trains: spikes follow a slow tonic train, refractoriness of the
 * MRG membrane limits following at high rates, the ExpSyn test-pulse source fires the fibre,
 * and the reciprocity recording conserves charge (a constant lead field records nothing).
 */
import { describe, expect, it } from 'vitest';
import { buildFiber } from '../../../models/neuron/build.ts';
import { pointSourceField } from '../../../models/neuron/extracellular.ts';
import { findThreshold } from '../../../models/neuron/threshold.ts';
import { summariseSpikes, simulateTrain } from '../../../models/response/train.ts';
import { buildPulseTrain, sampleWaveform } from '../../../models/stimulation/train.ts';
import type { Program } from '../../../models/scenario.ts';

const DT_US = 5; // models/neuron DEFAULT_DT_US
const fiber = buildFiber('mrg', 10, { nodeCount: 21, passiveEndNodes: 1 });
const field = pointSourceField(fiber, { distanceMm: 1, sigmaSPerM: 0.2 });

function tonic(rateHz: number, pulseWidthUs: number): Program {
  return {
    name: 'test',
    generatorId: 'g',
    contacts: [],
    caseIsReturn: true,
    amplitudeMa: 1,
    pulseWidthUs,
    rateHz,
    waveform: { kind: 'tonic', shape: 'biphasic-cathodic-first', interphaseUs: 20 },
  };
}

/** Unit train samples of a program over a window, and its stimulating pulse onsets (ms). */
function trainOf(program: Program, windowMs: number) {
  const train = buildPulseTrain(program, { windowUs: windowMs * 1000 });
  const samples = sampleWaveform(train, DT_US, windowMs * 1000);
  const onsets = (train.groups[0]?.phases ?? [])
    .filter((p) => p.kind === 'stimulus')
    .map((p) => p.startUs / 1000);
  return { samples, onsets };
}

const single = findThreshold(fiber, field, {
  kind: 'biphasic-cathodic-first',
  pulseWidthUs: 210,
  interphaseUs: 20,
});

describe('fibre response to a pulse train', () => {
  it('fires once per pulse at 50 Hz and 1.5× the single-pulse threshold', () => {
    const { samples, onsets } = trainOf(tonic(50, 210), 100);
    const r = simulateTrain(fiber, field, 1.5 * single.thresholdMa, samples, {
      dtUs: DT_US,
      durationMs: 100,
    });
    const s = summariseSpikes(r.detectionSpikesMs, 100, onsets);
    expect(onsets.length).toBe(5);
    expect(s.spikeCount).toBe(5);
    expect(s.spikesPerPulse).toBe(1);
    expect(s.pattern).toBe('follows');
    expect(s.firingRateHz).toBeCloseTo(50, 6);
  });

  it('stays silent below the single-pulse threshold (0.8×)', () => {
    const { samples, onsets } = trainOf(tonic(50, 210), 60);
    const r = simulateTrain(fiber, field, 0.8 * single.thresholdMa, samples, {
      dtUs: DT_US,
      durationMs: 60,
    });
    expect(summariseSpikes(r.detectionSpikesMs, 60, onsets).pattern).toBe('silent');
  });

  it('cannot follow a 2 kHz train: refractoriness drops pulses and keeps spikes ≥ 0.5 ms apart', () => {
    const { samples, onsets } = trainOf(tonic(2000, 60), 20);
    const r = simulateTrain(fiber, field, 3 * single.thresholdMa, samples, {
      dtUs: DT_US,
      durationMs: 20,
    });
    const s = summariseSpikes(r.detectionSpikesMs, 20, onsets);
    expect(onsets.length).toBe(40);
    expect(s.spikeCount).toBeGreaterThan(0);
    expect(s.spikesPerPulse).toBeLessThan(0.9);
    const t = r.detectionSpikesMs;
    for (let i = 1; i < t.length; i++) {
      // pulses come every 0.5 ms: the membrane never fires on two consecutive pulses
      expect((t[i] as number) - (t[i - 1] as number)).toBeGreaterThan(0.5);
    }
  });

  it('an ExpSyn test pulse at node 2 reaches the far node once per event', () => {
    const zeros = new Float64Array(fiber.network.compartmentCount);
    const r = simulateTrain(fiber, zeros, 0, new Float64Array(0), {
      dtUs: 1,
      durationMs: 12,
      recordNodes: 'all',
      intrinsic: { nodeIndex: 2, startMs: 1, intervalMs: 5, count: 3 },
    });
    expect(r.detectionSpikesMs.length).toBe(3);
    // the AP starts at the synapse node and reaches node 18 later
    const t2 = r.spikeTimesMs[2]?.[0] as number;
    const t18 = r.detectionSpikesMs[0] as number;
    expect(t2).toBeGreaterThan(1);
    expect(t18).toBeGreaterThan(t2);
  });

  it('a uniform lead field records zero: the currents leaving the fibre sum to zero', () => {
    const { samples } = trainOf(tonic(50, 210), 4);
    const constant = new Float64Array(fiber.network.compartmentCount).fill(1000);
    const r = simulateTrain(fiber, field, 1.5 * single.thresholdMa, samples, {
      dtUs: DT_US,
      durationMs: 4,
      recording: { leadFieldsMvPerMa: [constant, field] },
    });
    const [flat, real] = r.recordedUv as [Float64Array, Float64Array];
    const peak = (a: Float64Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(peak(flat)).toBeLessThan(1e-9 * peak(real));
    expect(peak(real)).toBeGreaterThan(0);
  });

  it('a supra-threshold AP gives a far-node spike and a biphasic-or-triphasic recorded trace', () => {
    const { samples } = trainOf(tonic(50, 210), 4);
    const r = simulateTrain(fiber, field, 1.5 * single.thresholdMa, samples, {
      dtUs: DT_US,
      durationMs: 4,
      recording: { leadFieldsMvPerMa: [field], everySteps: 2 },
    });
    const tr = (r.recordedUv as Float64Array[])[0] as Float64Array;
    expect(tr.length).toBe(400);
    expect(r.recordDtUs).toBe(10);
    expect(Math.min(...tr)).toBeLessThan(0);
    expect(Math.max(...tr)).toBeGreaterThan(0);
  });
});
