/**
 * `neuromod worker --queue redis://host:port [--concurrency 1] [--lock-ms 60000]
 * [--idle-exit-ms 0]`: takes study jobs from the BullMQ queue that `neuromod sweep --queue`
 * fills, on any machine that reaches the Redis server, until stopped (SIGINT/SIGTERM) or idle.
 * A worker killed mid-job loses nothing: once its lock lapses the job is taken by another.
 * (`--ipc` is the local mode `neuromod sweep` starts its own worker processes in.)
 */
import { parseRedisUrl, serveIpc, serveQueue } from '../study/runners.ts';
import { UsageError, numberFlag, parseFlags, type Command } from '../io.ts';

export const workerCommand: Command = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, {
    queue: { type: 'string' },
    concurrency: { type: 'string' },
    'lock-ms': { type: 'string' },
    'idle-exit-ms': { type: 'string' },
    ipc: { type: 'boolean', default: false },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const pkg = (await import('../../../package.json', { with: { type: 'json' } })).default;
  if (values.ipc) {
    if (!process.send)
      throw new UsageError('--ipc is for the worker processes neuromod sweep starts');
    await serveIpc(pkg.version);
    return 0;
  }
  if (!values.queue) throw new UsageError('--queue redis://host:port is required');
  let address;
  try {
    address = parseRedisUrl(values.queue);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const concurrency = numberFlag('concurrency', values.concurrency, 1, {
    min: 1,
    max: 64,
    integer: true,
  });
  const lockMs = numberFlag('lock-ms', values['lock-ms'], 60_000, {
    min: 1000,
    max: 3_600_000,
    integer: true,
    unit: 'ms',
  });
  const idleExitMs = numberFlag('idle-exit-ms', values['idle-exit-ms'], 0, {
    min: 0,
    max: 86_400_000,
    integer: true,
    unit: 'ms',
  });
  let jobs = 0;
  io.err(`worker: taking study jobs from ${values.queue}`);
  await serveQueue(address, pkg.version, {
    concurrency,
    lockMs,
    idleExitMs,
    onJob: () => {
      jobs++;
    },
  });
  io.err(`worker: stopped after ${jobs} jobs`);
  return 0;
};
