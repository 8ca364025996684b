/**
 * Studies over many processes, with real parts: Debian's redis-server started here on a free
 * 127.0.0.1 port (`.ci/run` installs it), `neuromod sweep --queue` and two `neuromod worker`
 * processes. A 1,000-job study gives the same store, line for line, through the queue as in
 * one process; a worker killed while it holds a job loses none (another takes it once the lock
 * lapses), and every job is stored exactly once.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultScenario } from '../../../models/scenario.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const bin = join(root, 'bin', 'neuromod.mjs');
const dir = mkdtempSync(join(tmpdir(), 'neuromod-queue-'));
let redis: ChildProcess | null = null;
let url = '';
const children: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

function neuromod(args: string[]): ChildProcess {
  const c = spawn(process.execPath, [bin, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(c);
  return c;
}

function finished(c: ChildProcess): Promise<{ code: number | null; out: string; err: string }> {
  let out = '';
  let err = '';
  c.stdout?.on('data', (d) => (out += d));
  c.stderr?.on('data', (d) => (err += d));
  return new Promise((resolve) => c.on('close', (code) => resolve({ code, out, err })));
}

/** A study of `n` instant-tier jobs on one lead pose (one field solve per process). */
function writeStudy(name: string, amplitudes: number, pulseWidths: number, rates: number) {
  const base = defaultScenario('SCS');
  const study = {
    kind: 'neuromod-study',
    studyVersion: 1,
    name,
    base: { ...base, model: { ...base.model, fibresPerPopulation: 12 } },
    tier: 'instant',
    axes: {
      amplitudeMa: Array.from({ length: amplitudes }, (_v, i) => 0.5 + 0.25 * i),
      pulseWidthUs: Array.from({ length: pulseWidths }, (_v, i) => 100 + 50 * i),
      rateHz: Array.from({ length: rates }, (_v, i) => 20 + 10 * i),
    },
  };
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(study));
  return file;
}

const sortedLines = (file: string) => readFileSync(file, 'utf8').trim().split('\n').sort();

beforeAll(async () => {
  const port = await freePort();
  redis = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    { stdio: 'ignore' },
  );
  url = `redis://127.0.0.1:${port}`;
  // ready once it answers PING
  for (let i = 0; i < 100; i++) {
    const r = spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' });
    if (r.stdout.trim() === 'PONG') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('redis-server did not start');
});

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  redis?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('a study on the queue', () => {
  it('1,000 jobs over two queue workers: the same store, line for line, as one process', async () => {
    const study = writeStudy('thousand', 10, 10, 10);
    const local = join(dir, 'local.jsonl');
    const queued = join(dir, 'queued.jsonl');
    const one = await finished(
      neuromod(['sweep', study, '--out', local, '--workers', '0', '--quiet']),
    );
    expect(one.err).toBe('');
    expect(one.code).toBe(0);
    expect(JSON.parse(one.out)).toMatchObject({ jobs: 1000, ran: 1000, failed: 0 });

    const workers = [0, 1].map(() =>
      finished(neuromod(['worker', '--queue', url, '--idle-exit-ms', '4000'])),
    );
    const sweep = await finished(neuromod(['sweep', study, '--out', queued, '--queue', url]));
    expect(sweep.code, sweep.err).toBe(0);
    expect(JSON.parse(sweep.out)).toMatchObject({ jobs: 1000, ran: 1000, failed: 0 });
    expect(sweep.err).toMatch(/sweep: 1000\/1000 jobs/);
    const ws = await Promise.all(workers);
    const taken = ws.map((w) => Number(/stopped after (\d+) jobs/.exec(w.err)?.[1]));
    // both workers took jobs, and no job twice
    expect(taken.every((n) => n > 0)).toBe(true);
    expect(taken[0]! + taken[1]!).toBe(1000);

    const a = sortedLines(local);
    const b = sortedLines(queued);
    expect(a).toHaveLength(1000);
    expect(b).toEqual(a);
    // every record carries its result, not an error
    expect(a.every((l) => JSON.parse(l).result && !JSON.parse(l).error)).toBe(true);

    // rerun: nothing left to do
    const again = await finished(
      neuromod(['sweep', study, '--out', queued, '--queue', url, '--quiet']),
    );
    expect(JSON.parse(again.out)).toMatchObject({ alreadyStored: 1000, ran: 0 });
  }, 150_000);

  it('a worker killed while it holds a job loses none: another takes it, each job stored once', async () => {
    const study = writeStudy('killed', 5, 4, 3);
    const out = join(dir, 'killed.jsonl');
    const lock = ['--lock-ms', '2000'];
    const victim = neuromod(['worker', '--queue', url, ...lock]);
    const sweep = finished(neuromod(['sweep', study, '--out', out, '--queue', url, '--quiet']));
    // wait until the victim holds a job (its first: the field solve takes seconds)
    const { Queue } = await import('bullmq');
    const { Redis } = await import('ioredis');
    const connection = new Redis(url, { maxRetriesPerRequest: null });
    const queue = new Queue('neuromod-study', { connection });
    let active = 0;
    for (let i = 0; i < 300 && active === 0; i++) {
      active = await queue.getActiveCount();
      if (active === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(active).toBe(1);
    victim.kill('SIGKILL');
    await new Promise((r) => victim.on('close', r));
    const rescuer = finished(
      neuromod(['worker', '--queue', url, ...lock, '--idle-exit-ms', '3000']),
    );
    const s = await sweep;
    expect(s.code, s.err).toBe(0);
    expect(JSON.parse(s.out)).toMatchObject({ jobs: 60, ran: 60, failed: 0 });
    const r = await rescuer;
    expect(Number(/stopped after (\d+) jobs/.exec(r.err)?.[1])).toBeGreaterThanOrEqual(1);
    const ids = sortedLines(out).map((l) => JSON.parse(l).jobId as string);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    await queue.close();
    connection.disconnect();
  }, 150_000);
});
