/**
 * Worker tasks of issue 7 with a stand-in context: payloads are validated, progress reaches 1,
 * and the results carry the numbers the planner draws.
 */
import { describe, expect, it } from 'vitest';
import { waveformTimeline } from '../../../models/response/paradigm.ts';
import type { TaskContext, TaskProgress } from '../../../workers/protocol.ts';
import { responseTasks } from '../../../workers/response.tasks.ts';
import type { TaskHandler } from '../../../workers/protocol.ts';

function context() {
  const seen: TaskProgress[] = [];
  const ctx: TaskContext = {
    progress: (p) => seen.push(p),
    checkpoint: async () => {},
    cancelled: false,
  };
  return { ctx, seen };
}

const program = {
  generatorId: 'g',
  contacts: [],
  caseIsReturn: true,
  amplitudeMa: 1,
  pulseWidthUs: 210,
  rateHz: 50,
  waveform: { kind: 'tonic' as const },
};

function task(name: string) {
  const t = (responseTasks as Record<string, TaskHandler>)[name];
  if (!t) throw new Error(`no task ${name}`);
  return t;
}

describe('response worker tasks', () => {
  it('exposes the four tasks', () => {
    expect(Object.keys(responseTasks).sort()).toEqual([
      'response.blockThreshold',
      'response.closedLoop',
      'response.ecap',
      'response.train',
    ]);
  });

  it('response.train: a near fibre follows 50 Hz, a far one stays silent', async () => {
    const { ctx, seen } = context();
    const r = (await task('response.train')(
      {
        program,
        windowMs: 60,
        fibers: [
          {
            id: 'near',
            model: 'mrg',
            diameterUm: 10,
            nodes: 21,
            field: { kind: 'point-source', distanceMm: 0.5, sigmaSPerM: 0.2 },
          },
          {
            id: 'far',
            model: 'mrg',
            diameterUm: 10,
            nodes: 21,
            field: { kind: 'point-source', distanceMm: 10, sigmaSPerM: 0.2 },
          },
        ],
      },
      ctx,
    )) as {
      fibers: { id: string; pattern: string; spikesMs: number[] }[];
      pulseStartsMs: number[];
    };
    expect(r.pulseStartsMs).toEqual([0, 20, 40]);
    expect(r.fibers[0]?.pattern).toBe('follows');
    expect(r.fibers[0]?.spikesMs.length).toBe(3);
    expect(r.fibers[1]?.pattern).toBe('silent');
    expect(seen.at(-1)?.fraction).toBe(1);
  });

  it('response.train rejects a payload without fibres, naming the field', async () => {
    const { ctx } = context();
    await expect(
      task('response.train')({ program, windowMs: 10, fibers: [] }, ctx),
    ).rejects.toThrow(/fibers/);
  });

  it('response.blockThreshold rejects a frequency below 100 Hz', async () => {
    const { ctx } = context();
    await expect(
      task('response.blockThreshold')(
        {
          model: 'mrg',
          diameterUm: 10,
          nodes: 21,
          distanceMm: 1,
          sigmaSPerM: 0.2,
          frequencyHz: 50,
        },
        ctx,
      ),
    ).rejects.toThrow(/frequencyHz/);
  });

  it('response.ecap and response.closedLoop run on a small sample', async () => {
    const { ctx } = context();
    const setup = { sampleCount: 4, dcsfGridMm: [2, 4], seed: 2 };
    const e = (await task('response.ecap')(
      {
        setup,
        amplitudesMa: [0, 5, 10, 20],
        dcsfMm: [2, 4],
        traceAt: { amplitudeMa: 20, dcsfMm: 2 },
      },
      ctx,
    )) as { growthCurves: { ecapUv: Float64Array }[]; trace: { ecapUv: number[] } };
    expect(e.growthCurves.length).toBe(2);
    expect(e.growthCurves[0]?.ecapUv[0]).toBe(0);
    expect(Math.min(...e.trace.ecapUv)).toBeLessThan(0);
    const c = (await task('response.closedLoop')(
      {
        ecap: setup,
        loop: {
          durationS: 2,
          targetEcapUv: 0.5 * (e.growthCurves[0]?.ecapUv[3] as number),
          postures: [{ startS: 0, label: 'supine', dcsfMm: 2 }],
          coughs: [],
        },
      },
      ctx,
    )) as { timeS: Float64Array; closedLoop: { amplitudeMa: Float64Array } };
    expect(c.timeS.length).toBe(100);
    expect(c.closedLoop.amplitudeMa.length).toBe(100);
  });
});

describe('waveform timeline', () => {
  it('BurstDR: 5 × 1 ms pulses at 500 Hz, bursts at 40 Hz — 10 pulses in 50 ms', () => {
    // clinical.md §3.1 burst definition
    const t = waveformTimeline(
      {
        ...program,
        amplitudeMa: 2,
        pulseWidthUs: 1000,
        rateHz: 40,
        waveform: { kind: 'burst', pulsesPerBurst: 5, intraBurstRateHz: 500 },
      },
      50,
      50,
    );
    const g = t.groups[0]?.currentMa as Float64Array;
    let onsets = 0;
    for (let i = 0; i < g.length; i++) if ((g[i] as number) < 0 && !((g[i - 1] ?? 0) < 0)) onsets++;
    expect(onsets).toBe(10);
    expect(Math.min(...g)).toBe(-2);
  });
});
