import { describe, expect, it } from 'vitest';
import type { ComputePool } from '../../../src/compute/pool.ts';
import type { TaskContext } from '../../../workers/protocol.ts';
import { computeTasks, type TaskResult } from '../../../workers/tasks.ts';

const ctx: TaskContext = {
  progress: () => undefined,
  checkpoint: async () => undefined,
  cancelled: false,
};

describe('the compute task table', () => {
  it('gives every kind a payload schema', () => {
    const kinds = Object.keys(computeTasks);
    expect(kinds).toContain('estimate.run');
    expect(kinds).toContain('learn.thresholds');
    for (const k of kinds) {
      const t = computeTasks[k as keyof typeof computeTasks];
      expect(typeof t.payload.safeParse, k).toBe('function');
    }
  });

  it('refuses a payload of the wrong shape before running, naming the task and the field', async () => {
    await expect(
      computeTasks['estimate.run']({ scenario: {}, tier: 'medium' }, ctx),
    ).rejects.toThrow(/^estimate\.run: tier: /);
    await expect(
      computeTasks['estimate.run'](
        { scenario: {}, tier: 'full', shard: { index: 2, count: 2 } },
        ctx,
      ),
    ).rejects.toThrow(/estimate\.run: shard: shard index must be below the shard count/);
    await expect(
      computeTasks['estimate.response']({ scenario: {}, trainWindowMs: -1, ecap: true }, ctx),
    ).rejects.toThrow(/estimate\.response: trainWindowMs/);
    await expect(computeTasks['learn.thresholds']({ jobs: [] }, ctx)).rejects.toThrow(
      /learn\.thresholds: jobs/,
    );
  });

  it('runs a valid payload and returns the typed result', async () => {
    const r: TaskResult<'diagnostics.integrate'> = await computeTasks['diagnostics.integrate'](
      { chunks: 4, pointsPerChunk: 1000 },
      ctx,
    );
    expect(r.integral).toBeCloseTo(2, 5);
  });

  it('types pool.run by kind (checked by tsc: the lines below must not compile)', () => {
    const typed = (pool: ComputePool) => {
      // @ts-expect-error: not a task kind
      void pool.run('estimate.walk', {});
      // @ts-expect-error: tier must be 'instant' or 'full'
      void pool.run('estimate.run', { scenario: {}, tier: 'medium' });
      return pool.run('estimate.run', { scenario: {}, tier: 'instant' });
    };
    expect(typeof typed).toBe('function');
  });
});
