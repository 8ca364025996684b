/**
 * Issue #17 item 8: a worker that cannot load is restarted with back-off and a cap, then the
 * pool says why it stopped (it was restarted 838 times in 12 s). Real module workers in
 * Chromium: the script URL below does not exist, so every worker fails to load.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  ComputePool,
  MAX_CONSECUTIVE_RESTARTS,
  RESTART_BACKOFF_MS,
  TaskError,
} from '../../src/compute/pool.ts';
import { createComputeWorker } from '../../src/compute/client.ts';

let pool: ComputePool | null = null;
afterEach(() => {
  pool?.dispose();
  pool = null;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('restarting a worker that cannot load', () => {
  it('backs off, stops after the cap and fails tasks with a clear message', async () => {
    const spawnedAt: number[] = [];
    const broken = () => {
      spawnedAt.push(performance.now());
      return new Worker(new URL('/no-such-worker-module.js', location.href), { type: 'module' });
    };
    pool = new ComputePool(broken, 1);
    // the task on the first worker fails with it
    const first = await pool.run('diagnostics.integrate', {}).catch((e: unknown) => e);
    expect((first as TaskError).reason).toBe('crashed');
    // then the pool keeps trying with back-off, and gives up (1.5 s of back-off in all)
    const deadline = performance.now() + 10_000;
    while (!pool.snapshot().lastError?.startsWith('The compute workers stopped'))
      if (performance.now() > deadline) throw new Error('the pool never stopped restarting');
      else await sleep(50);
    const err = await pool.run('diagnostics.integrate', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TaskError);
    expect((err as TaskError).message).toMatch(
      /^The compute workers stopped after 5 failed restarts in a row .*Estimates are unavailable until the page is reloaded\.$/,
    );
    // the first spawn plus one immediate restart plus the backed-off ones, then no more
    expect(spawnedAt).toHaveLength(MAX_CONSECUTIVE_RESTARTS + 1);
    await sleep(4 * RESTART_BACKOFF_MS);
    expect(spawnedAt).toHaveLength(MAX_CONSECUTIVE_RESTARTS + 1);
    // the gaps double: ≥ 100, 200, 400, 800 ms between the backed-off attempts
    const gaps = spawnedAt.slice(1).map((t, i) => t - (spawnedAt[i] as number));
    for (let k = 2; k < gaps.length; k++)
      expect(gaps[k]).toBeGreaterThanOrEqual(RESTART_BACKOFF_MS * 2 ** (k - 1) - 5);
  });

  it('a healthy pool still replaces a crashed worker at once and runs on', async () => {
    pool = new ComputePool(createComputeWorker, 1);
    const crash = await pool.run('diagnostics.crash', null).catch((e: unknown) => e);
    expect((crash as TaskError).reason).toBe('crashed');
    await expect(
      pool.run('diagnostics.integrate', { chunks: 10, pointsPerChunk: 1000 }),
    ).resolves.toMatchObject({ points: 10_000 });
  });
});
