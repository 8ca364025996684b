/**
 * kHz conduction block against PyFibers `tests/integration/test_extra_thresholds.py`
 * `test_block_threshold` (models.md §3.1, §7): MRG interpolated 10 µm, 265 sections (25 nodes,
 * passive end nodes), point source 250 µm over the centre, 20 kHz square wave, dt 0.5 µs,
 * tstop 50 ms, intrinsic activity at 0.1 of the length every 5 ms from 10 ms, block delay 10 ms.
 * Expected: −2.696328125 mA at σ = 10 S/m → 53.9 µA at σ = 0.2 S/m (derived, exact scaling),
 * ±5 % (issue 7). Without stimulation: 8 APs at the far node, the last at 45.477 ms.
 *
 * Measured here: 53.99 µA (+0.2 %), 13 simulations; no stimulation: 8 APs, last at 45.4765 ms.
 */
import { describe, expect, it } from 'vitest';
import { buildFiber } from '../../../models/neuron/build.ts';
import { blockThreshold } from '../../../models/response/block.ts';
import { simulateTrain } from '../../../models/response/train.ts';

const PYFIBERS_BLOCK_MA_AT_SIGMA_10 = 2.696328125; // test_block_threshold expected |amp|
const PYFIBERS_SIGMA_S_PER_M = 10; // point_source_potentials(…, 1, 10)
const SIGMA_S_PER_M = 0.2; // issue 7 states the value at σ 0.2 S/m
const EXPECTED_MA = (PYFIBERS_BLOCK_MA_AT_SIGMA_10 * SIGMA_S_PER_M) / PYFIBERS_SIGMA_S_PER_M; // 0.05393
const PYFIBERS_SPONTANEOUS_APS = 8; // test_block_threshold: n == 8 with no stimulation
const PYFIBERS_LAST_AP_MS = 45.477; // test_block_threshold: t ≈ 45.477

describe('kHz block threshold (PyFibers test_block_threshold)', () => {
  it('the test pulses alone: 8 APs at the far node, the last at 45.477 ms', () => {
    const fiber = buildFiber('mrg-interp', 10, { nodeCount: 25, passiveEndNodes: 1 });
    const zeros = new Float64Array(fiber.network.compartmentCount);
    const r = simulateTrain(fiber, zeros, 0, new Float64Array(0), {
      dtUs: 0.5,
      durationMs: 50,
      intrinsic: { nodeIndex: 2, startMs: 10, intervalMs: 5, count: 10000 },
    });
    expect(r.detectionNode).toBe(21);
    expect(r.detectionSpikesMs.length).toBe(PYFIBERS_SPONTANEOUS_APS);
    // NEURON APCount time vs our step-end crossing: within two steps
    expect(Math.abs((r.detectionSpikesMs[7] as number) - PYFIBERS_LAST_AP_MS)).toBeLessThan(0.002);
  });

  it('20 kHz square wave, 250 µm: 53.9 µA at σ 0.2 S/m within 5 %', () => {
    const r = blockThreshold({
      model: 'mrg-interp',
      diameterUm: 10,
      nodes: 25,
      distanceMm: 0.25,
      sigmaSPerM: SIGMA_S_PER_M,
      frequencyHz: 20000,
      waveform: 'khz-square',
      passiveEndNodes: true,
    });
    expect(r.blocked).toBe(true);
    const thr = r.thresholdMa as number;
    expect(Math.abs(thr - EXPECTED_MA) / EXPECTED_MA).toBeLessThan(0.05);
    expect((r.lowerBoundMa as number) / thr).toBeGreaterThan(0.99);
    expect(r.simulations).toBeGreaterThan(5);
  });
});
