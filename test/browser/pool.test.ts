import { afterEach, describe, expect, it } from 'vitest';
import { ComputePool, TaskError } from '../../src/compute/pool.ts';
import { createComputeWorker } from '../../src/compute/client.ts';

let pool: ComputePool | null = null;
afterEach(() => {
  pool?.dispose();
  pool = null;
});

const integral = { chunks: 100, pointsPerChunk: 20_000 };
const slow = { chunks: 400, pointsPerChunk: 1_000_000 };

describe('compute pool (real module workers)', () => {
  it('runs a task on a worker and streams progress to completion', async () => {
    pool = new ComputePool(createComputeWorker, 1);
    const fractions: number[] = [];
    const r = await pool.run('diagnostics.integrate', integral, {
      onProgress: (p) => fractions.push(p.fraction),
    });
    expect(r.integral).toBeCloseTo(2, 6); // ∫₀^π sin x dx = 2
    expect(fractions.length).toBe(100);
    expect(fractions.at(-1)).toBe(1);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
  });

  it('stops a task through its AbortSignal at the next checkpoint, without replacing the worker', async () => {
    pool = new ComputePool(createComputeWorker, 1);
    const ac = new AbortController();
    const running = pool.run('diagnostics.integrate', slow, {
      signal: ac.signal,
      onProgress: (p) => {
        if (p.fraction > 0.02) ac.abort();
      },
    });
    const err = await running.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TaskError);
    expect((err as TaskError).reason).toBe('cancelled');
    expect(pool.snapshot().replacedWorkers).toBe(0);
    const r = await pool.run('diagnostics.integrate', integral);
    expect(r.integral).toBeCloseTo(2, 6);
  });

  it('rejects a throwing task with its message and replaces the worker', async () => {
    pool = new ComputePool(createComputeWorker, 1);
    await expect(pool.run('diagnostics.throw', null, { label: 'bad task' })).rejects.toThrow(
      '"bad task" failed: diagnostic failure requested',
    );
    expect(pool.snapshot().replacedWorkers).toBe(1);
    await expect(pool.run('diagnostics.integrate', integral)).resolves.toMatchObject({
      points: 2_000_000,
    });
  });

  it('replaces a crashed worker and a hung one past its deadline; the pool stays usable', async () => {
    pool = new ComputePool(createComputeWorker, 1);
    const crash = await pool.run('diagnostics.crash', null).catch((e: unknown) => e);
    expect((crash as TaskError).reason).toBe('crashed');
    expect((crash as TaskError).message).toMatch(/worker crashed/);
    const hang = await pool
      .run('diagnostics.hang', null, { deadlineMs: 500 })
      .catch((e: unknown) => e);
    expect((hang as TaskError).reason).toBe('timeout');
    expect((hang as TaskError).message).toMatch(/did not finish within 0.5 s/);
    expect(pool.snapshot().replacedWorkers).toBe(2);
    await expect(pool.run('diagnostics.integrate', integral)).resolves.toMatchObject({
      points: 2_000_000,
    });
  });

  it('a cancelled task that never checks is stopped by replacing its worker', async () => {
    pool = new ComputePool(createComputeWorker, 1);
    const ac = new AbortController();
    const p = pool.run('diagnostics.hang', null, { signal: ac.signal, deadlineMs: 60_000 });
    setTimeout(() => ac.abort(), 100);
    const err = await p.catch((e: unknown) => e);
    expect((err as TaskError).reason).toBe('cancelled');
    await expect(pool.run('diagnostics.integrate', integral)).resolves.toMatchObject({
      points: 2_000_000,
    });
  });

  it('live work pre-empts background work; the background task is requeued and still completes', async () => {
    pool = new ComputePool(createComputeWorker, 1);
    const order: string[] = [];
    let started!: () => void;
    const backgroundStarted = new Promise<void>((r) => (started = r));
    const bg = pool
      .run(
        'diagnostics.integrate',
        { chunks: 50, pointsPerChunk: 400_000 },
        {
          priority: 'background',
          onProgress: () => started(),
        },
      )
      .then((r) => {
        order.push('background');
        return r;
      });
    await backgroundStarted;
    const live = pool
      .run('diagnostics.integrate', integral, { priority: 'live' })
      .then(() => order.push('live'));
    // a normal task queued after the live one waits behind it
    const normal = pool.run('diagnostics.integrate', integral).then(() => order.push('normal'));
    await Promise.all([bg, live, normal]);
    expect(order).toEqual(['live', 'normal', 'background']);
    expect((await bg).integral).toBeCloseTo(2, 6);
    expect(pool.snapshot().replacedWorkers).toBe(0);
  });
});
