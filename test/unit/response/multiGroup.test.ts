/**
 * Multiplexed programs: each contact group drives the fibre with its own field and train.
 * Groups that fire in turn switch spatial pattern through zero, which the integrator handles
 * exactly — so two groups sharing one field must match one group carrying both trains.
 */
import { describe, expect, it } from 'vitest';
import { buildFiber } from '../../../models/neuron/build.ts';
import { pointSourceField } from '../../../models/neuron/extracellular.ts';
import { simulateMultiGroupTrain, simulateTrain } from '../../../models/response/train.ts';
import { responseTasks } from '../../../workers/response.tasks.ts';

const fiber = buildFiber('mrg', 10, { nodeCount: 21, passiveEndNodes: 1 });
const field = pointSourceField(fiber, { distanceMm: 1, sigmaSPerM: 0.2 });
const DT_US = 5;

function pulse(startStep: number, total: number): Float64Array {
  const w = new Float64Array(total);
  for (let i = startStep; i < startStep + 42; i++) w[i] = -1; // 210 µs cathodic
  for (let i = startStep + 46; i < startStep + 88; i++) w[i] = 1; // 20 µs gap, 210 µs anodic
  return w;
}

describe('multi-group trains', () => {
  it('two groups on one field equal one group carrying both trains, switches exact', () => {
    const total = 8000; // 40 ms
    const a = pulse(0, total);
    const b = pulse(2000, total); // 10 ms later
    const both = a.map((v, i) => v + (b[i] as number));
    const rec = { leadFieldsMvPerMa: [field] };
    const multi = simulateMultiGroupTrain(
      fiber,
      [
        { veUnitMv: field, waveform: a },
        { veUnitMv: field, waveform: b },
      ],
      2,
      { dtUs: DT_US, durationMs: 40, recording: rec },
    );
    const single = simulateTrain(fiber, field, 2, both, {
      dtUs: DT_US,
      durationMs: 40,
      recording: rec,
    });
    expect(multi.patternSwitchSteps).toBe(0);
    expect(Array.from(multi.detectionSpikesMs)).toEqual(Array.from(single.detectionSpikesMs));
    const ma = multi.recordedUv?.[0] as Float64Array;
    const sa = single.recordedUv?.[0] as Float64Array;
    let maxDiff = 0;
    for (let i = 0; i < ma.length; i++)
      maxDiff = Math.max(maxDiff, Math.abs((ma[i] as number) - (sa[i] as number)));
    expect(maxDiff).toBe(0);
  });

  it('overlapping groups are counted when their summed pattern changes while on', () => {
    const total = 400;
    const a = new Float64Array(total).fill(-1, 0, 100);
    const b = new Float64Array(total).fill(-1, 50, 150);
    const other = pointSourceField(fiber, { distanceMm: 1, sigmaSPerM: 0.2, alongMm: 3 });
    const r = simulateMultiGroupTrain(
      fiber,
      [
        { veUnitMv: field, waveform: a },
        { veUnitMv: other, waveform: b },
      ],
      0.1,
      { dtUs: DT_US, durationMs: 2 },
    );
    // a alone → a+b at step 50 (switch while on), a+b → b alone at step 100
    expect(r.patternSwitchSteps).toBe(2);
  });

  it('a multiplexed program: the fibre near group 1 fires at its pulses only', async () => {
    const task = responseTasks['response.train'];
    if (!task) throw new Error('no task');
    const r = (await task(
      {
        program: {
          generatorId: 'g',
          contacts: [],
          caseIsReturn: true,
          amplitudeMa: 1,
          pulseWidthUs: 210,
          rateHz: 50,
          waveform: {
            kind: 'multiplexed',
            groups: [
              { contacts: [0], rateHz: 50 },
              { contacts: [1], rateHz: 50 },
            ],
          },
        },
        windowMs: 60,
        groupIndex: 'all',
        fibers: [
          {
            model: 'mrg',
            diameterUm: 10,
            nodes: 21,
            field: {
              kind: 'point-source-per-group',
              sigmaSPerM: 0.2,
              sources: [
                { distanceMm: 0.5, alongMm: 0 },
                { distanceMm: 10, alongMm: 0 },
              ],
            },
          },
        ],
      },
      { progress: () => {}, checkpoint: async () => {}, cancelled: false },
    )) as { pulseStartsMs: number[]; fibers: { spikesMs: number[] }[]; patternSwitchSteps: number };
    // groups fire in turn: group 2 starts T/G = 10 ms into the 20 ms period (models/stimulation)
    expect(r.pulseStartsMs).toEqual([0, 10, 20, 30, 40, 50]);
    const spikes = r.fibers[0]?.spikesMs ?? [];
    expect(spikes.length).toBe(3);
    spikes.forEach((t, i) => {
      expect(t).toBeGreaterThan(20 * i);
      expect(t).toBeLessThan(20 * i + 2);
    });
    expect(r.patternSwitchSteps).toBe(0);
  });
});
