/**
 * Where a study's jobs run: in this process, in local worker processes (`neuromod worker
 * --ipc`, one per core), or on a BullMQ queue on Redis that `neuromod worker --queue` processes
 * on any number of machines take jobs from. Every runner hands back the same records
 * (study.ts runJob), so the store's lines do not depend on where a job ran.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LeadFieldLru } from '../../../models/field/cache.ts';
import { runJob, type StudyJob, type StudyRecord } from './study.ts';

/** Queue name on Redis (one queue serves every study: a job carries its whole scenario). */
export const QUEUE_NAME = 'neuromod-study';

export interface RunnerEvents {
  onRecord: (r: StudyRecord) => void;
}

/** The repository's bin/neuromod.mjs, found upwards from this module (sources or bundle). */
export function neuromodBin(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const bin = join(dir, 'bin', 'neuromod.mjs');
    if (existsSync(bin)) return bin;
    dir = dirname(dir);
  }
  throw new Error('bin/neuromod.mjs not found above the neuromod sources');
}

export async function runInProcess(
  jobs: StudyJob[],
  appVersion: string,
  ev: RunnerEvents,
): Promise<void> {
  const cache = new LeadFieldLru();
  for (const job of jobs) {
    ev.onRecord(runJob(job, appVersion, cache));
    // let progress and signals through between jobs
    await new Promise((r) => setImmediate(r));
  }
}

/** Jobs shared out to `workers` child processes, each taking the next job when it is free. */
export async function runLocalWorkers(
  jobs: StudyJob[],
  workers: number,
  ev: RunnerEvents,
): Promise<void> {
  const bin = neuromodBin();
  let next = 0;
  const children: ChildProcess[] = [];
  try {
    await Promise.all(
      Array.from({ length: Math.min(workers, jobs.length) }, async () => {
        const child = fork(bin, ['worker', '--ipc'], {
          stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        });
        children.push(child);
        await new Promise<void>((resolve, reject) => {
          const give = () => {
            if (next >= jobs.length) {
              child.send({ kind: 'done' });
              resolve();
              return;
            }
            child.send({ kind: 'job', job: jobs[next++] });
          };
          child.on('message', (m: { kind: string; record?: StudyRecord }) => {
            if (m.kind === 'ready') give();
            else if (m.kind === 'record') {
              ev.onRecord(m.record!);
              give();
            }
          });
          child.on('exit', (code) => {
            if (next < jobs.length || code !== 0)
              reject(new Error(`a local worker stopped (exit ${code}) before the study ended`));
          });
        });
      }),
    );
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill();
  }
}

/** `neuromod worker --ipc`: jobs from the parent process over IPC, records back. */
export async function serveIpc(appVersion: string): Promise<void> {
  const cache = new LeadFieldLru();
  await new Promise<void>((resolve) => {
    process.on('message', (m: { kind: string; job?: StudyJob }) => {
      if (m.kind === 'done') {
        resolve();
        return;
      }
      if (m.kind === 'job')
        process.send!({ kind: 'record', record: runJob(m.job!, appVersion, cache) });
    });
    process.send!({ kind: 'ready' });
  });
  process.disconnect?.();
}

export interface RedisAddress {
  host: string;
  port: number;
  db: number;
  password?: string;
  username?: string;
}

/** redis://[user:password@]host:port[/db] */
export function parseRedisUrl(text: string): RedisAddress {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new Error(`--queue must be a redis://host:port URL, got "${text}"`);
  }
  if (u.protocol !== 'redis:')
    throw new Error(`--queue must be a redis://host:port URL, got "${text}"`);
  const port = u.port ? Number(u.port) : 6379;
  const db = u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0;
  if (!u.hostname || !Number.isInteger(port) || !Number.isInteger(db))
    throw new Error(`--queue must be a redis://host:port URL, got "${text}"`);
  return {
    host: u.hostname,
    port,
    db,
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
  };
}

async function redisClient(a: RedisAddress) {
  const { Redis } = await import('ioredis');
  // BullMQ needs maxRetriesPerRequest null for its blocking commands
  return new Redis({ ...a, maxRetriesPerRequest: null, lazyConnect: false });
}

export interface QueueOptions {
  /** attempts per job before it is recorded as failed (BullMQ retries with backoff) */
  attempts: number;
  /** how often the store is filled from finished jobs (ms) */
  pollMs: number;
  onProgress?: (stored: number, total: number) => void;
}

/**
 * Puts the jobs not yet stored on the queue (a job's queue id is its id and scenario hash, so
 * a rerun never queues a job twice) and collects finished ones into the store until every job
 * is there. Finished jobs stay on the queue until stored, so a sweep stopped and started again
 * collects what the workers did meanwhile.
 */
export async function runOnQueue(
  address: RedisAddress,
  jobs: StudyJob[],
  opts: QueueOptions,
  ev: RunnerEvents,
): Promise<void> {
  const { Queue } = await import('bullmq');
  const connection = await redisClient(address);
  const queue = new Queue(QUEUE_NAME, { connection });
  try {
    const queueId = (j: StudyJob) => `${j.id}-${j.scenarioHash}`;
    const wanted = new Map(jobs.map((j) => [queueId(j), j]));
    for (let i = 0; i < jobs.length; i += 500) {
      await queue.addBulk(
        jobs.slice(i, i + 500).map((job) => ({
          name: 'study-job',
          data: job,
          opts: {
            jobId: queueId(job),
            attempts: opts.attempts,
            backoff: { type: 'exponential', delay: 500 },
            removeOnComplete: false,
            removeOnFail: false,
          },
        })),
      );
    }
    let stored = 0;
    const total = jobs.length;
    while (stored < total) {
      for (const state of ['completed', 'failed'] as const) {
        for (let start = 0; ; start += 1000) {
          const batch = await queue.getJobs([state], start, start + 999, true);
          if (batch.length === 0) break;
          for (const j of batch) {
            if (!j.id || !wanted.has(j.id)) continue;
            if (state === 'failed' && j.attemptsMade < opts.attempts) continue;
            const job = wanted.get(j.id)!;
            const record: StudyRecord =
              state === 'completed'
                ? (j.returnvalue as StudyRecord)
                : {
                    jobId: job.id,
                    scenarioHash: job.scenarioHash,
                    at: job.at,
                    error: `failed after ${j.attemptsMade} attempts: ${j.failedReason}`,
                  };
            ev.onRecord(record);
            wanted.delete(j.id);
            stored++;
            await j.remove().catch(() => undefined);
          }
          if (batch.length < 1000) break;
        }
      }
      opts.onProgress?.(stored, total);
      if (stored < total) await new Promise((r) => setTimeout(r, opts.pollMs));
    }
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

export interface QueueWorkerOptions {
  concurrency: number;
  /** how long a worker holds a job without renewing its lock before it counts as stalled (ms) */
  lockMs: number;
  /** stop after this long without a job once the queue holds none (ms); 0: run until stopped */
  idleExitMs: number;
  onJob?: (r: StudyRecord) => void;
}

/** `neuromod worker --queue`: takes jobs from the queue until stopped (or idle for idleExitMs). */
export async function serveQueue(
  address: RedisAddress,
  appVersion: string,
  opts: QueueWorkerOptions,
): Promise<void> {
  const { Queue, Worker } = await import('bullmq');
  const connection = await redisClient(address);
  const queueConnection = await redisClient(address);
  const queue = new Queue(QUEUE_NAME, { connection: queueConnection });
  const cache = new LeadFieldLru();
  let last = Date.now();
  let busy = 0;
  const worker = new Worker(
    QUEUE_NAME,
    async (job) => {
      busy++;
      try {
        const record = runJob(job.data as StudyJob, appVersion, cache);
        if (record.error !== undefined) throw new Error(record.error);
        opts.onJob?.(record);
        return record;
      } finally {
        busy--;
        last = Date.now();
      }
    },
    {
      connection,
      concurrency: opts.concurrency,
      lockDuration: opts.lockMs,
      stalledInterval: Math.max(500, Math.round(opts.lockMs / 2)),
      maxStalledCount: 3,
    },
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (opts.idleExitMs > 0) {
      let checking = false;
      const timer = setInterval(() => {
        if (checking || busy > 0 || Date.now() - last <= opts.idleExitMs) return;
        // idle, and nothing left for anyone: no job waiting, delayed for a retry, or held by
        // a worker (a job held by a worker that died comes back once its lock lapses)
        checking = true;
        void queue
          .getJobCounts('waiting', 'active', 'delayed', 'prioritized')
          .then((c) => {
            if (Object.values(c).every((n) => n === 0)) {
              clearInterval(timer);
              resolve();
            } else last = Date.now() - opts.idleExitMs / 2;
          })
          .catch(() => undefined)
          .finally(() => (checking = false));
      }, 200);
    }
  });
  await worker.close();
  await queue.close();
  connection.disconnect();
  queueConnection.disconnect();
}
