/**
 * What kHz stimulation does to a fibre, around its block threshold (models.md §1.2, §7;
 * PyFibers algorithms.md): below block the test pulses conduct; at and above block an onset
 * response fades and the test pulses no longer reach the far end; far above block the fibre is
 * re-excited and fires again (why the block search climbs from below).
 * MRG 10 µm, 21 nodes, point source 1 mm, σ 0.2 S/m, 10 kHz square, dt 1 µs, 25 ms, test pulses
 * at node 2 at 10, 15, 20 ms. Measured: block threshold 0.507 mA (19 simulations); 0.3× → test
 * pulses at 10.4/15.4/20.4 ms; 1.5× → onset spikes ≤ 6.8 ms only; 3× → firing through 13 ms.
 */
import { describe, expect, it } from 'vitest';
import { buildFiber } from '../../../models/neuron/build.ts';
import { pointSourceField } from '../../../models/neuron/extracellular.ts';
import { blockThreshold } from '../../../models/response/block.ts';
import { khzSamples } from '../../../models/response/khz.ts';
import { simulateTrain, summariseSpikes } from '../../../models/response/train.ts';

const TSTOP_MS = 25;
const BLOCK_DELAY_MS = 10; // PyFibers test_block_threshold block_delay
const DT_US = 1;

describe('kHz stimulation around the block threshold', () => {
  const block = blockThreshold({
    model: 'mrg',
    diameterUm: 10,
    nodes: 21,
    distanceMm: 1,
    sigmaSPerM: 0.2,
    frequencyHz: 10000,
    passiveEndNodes: true,
    dtUs: DT_US,
    tstopMs: TSTOP_MS,
    blockDelayMs: BLOCK_DELAY_MS,
  });
  const fiber = buildFiber('mrg', 10, { nodeCount: 21, passiveEndNodes: 1 });
  const field = pointSourceField(fiber, { distanceMm: 1, sigmaSPerM: 0.2 });
  const samples = khzSamples('khz-square', 10000, DT_US, TSTOP_MS);
  const run = (factor: number) =>
    simulateTrain(fiber, field, factor * (block.thresholdMa as number), samples, {
      dtUs: DT_US,
      durationMs: TSTOP_MS,
      intrinsic: { nodeIndex: 2, startMs: 10, intervalMs: 5, count: 3 },
    }).detectionSpikesMs;

  it('finds a block threshold in the clinical kHz range (0.5–5 mA, Lempka 2015) for a near fibre', () => {
    expect(block.blocked).toBe(true);
    expect(block.thresholdMa as number).toBeGreaterThan(0.1);
    expect(block.thresholdMa as number).toBeLessThan(5);
  });

  it('below block (0.3×) every test pulse reaches the far end', () => {
    const late = Array.from(run(0.3)).filter((t) => t > BLOCK_DELAY_MS);
    expect(late.length).toBe(3);
  });

  it('above block (1.5×) an onset response fades and no test pulse gets through', () => {
    const s = run(1.5);
    const summary = summariseSpikes(s, TSTOP_MS, [], BLOCK_DELAY_MS);
    expect(summary.onsetSpikes).toBeGreaterThan(0);
    expect(summary.sustainedSpikes).toBe(0);
    expect(summary.pattern).toBe('onset-only');
  });

  it('far above block (3×) the fibre is re-excited and fires after the onset window', () => {
    const s = run(3);
    expect(Array.from(s).some((t) => t > BLOCK_DELAY_MS)).toBe(true);
  });
});
