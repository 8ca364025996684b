/**
 * `neuromod sweep <study.json> --out results.jsonl [--workers N | --queue redis://host:port]`:
 * a study's grid (src/cli/study/study.ts) run into a resumable JSON-lines store. By default the
 * jobs run on local worker processes (one per core; `--workers 0` runs them in this process);
 * with `--queue` they go onto a BullMQ queue on Redis for `neuromod worker --queue` processes on
 * any machine, and this command collects their results. Progress goes to stderr; stdout gets a
 * JSON summary. Thin: parsing and printing; the work is in src/cli/study/.
 */
import { availableParallelism } from 'node:os';
import { ResultStore, StoreError } from '../study/store.ts';
import { parseRedisUrl, runInProcess, runLocalWorkers, runOnQueue } from '../study/runners.ts';
import { StudyError, expandStudy, jobCount, parseStudy, type StudyJob } from '../study/study.ts';
import {
  UsageError,
  numberFlag,
  parseFlags,
  printJson,
  readInputText,
  type Command,
} from '../io.ts';

export const sweepCommand: Command = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, {
    out: { type: 'string' },
    workers: { type: 'string' },
    queue: { type: 'string' },
    attempts: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  });
  const file = positionals[0];
  if (!file) throw new UsageError('missing <study.json>');
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  if (!values.out) throw new UsageError('--out <results.jsonl> is required (the result store)');
  if (values.queue !== undefined && values.workers !== undefined)
    throw new UsageError(
      '--workers and --queue exclude each other (queue workers are started apart)',
    );
  const workers = numberFlag('workers', values.workers, availableParallelism(), {
    min: 0,
    max: 256,
    integer: true,
  });
  const attempts = numberFlag('attempts', values.attempts, 3, { min: 1, max: 20, integer: true });
  let address;
  try {
    address = values.queue !== undefined ? parseRedisUrl(values.queue) : null;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const text = await readInputText(file, '', io);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file}: not JSON: ${(e as Error).message}`);
  }
  let jobs: StudyJob[];
  let study;
  try {
    study = parseStudy(raw);
    jobs = [...expandStudy(study)];
  } catch (e) {
    if (e instanceof StudyError) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
  let store: ResultStore;
  try {
    store = new ResultStore(values.out);
  } catch (e) {
    if (e instanceof StoreError) throw new UsageError(e.message);
    throw e;
  }
  const pkg = (await import('../../../package.json', { with: { type: 'json' } })).default;
  const todo = jobs.filter((j) => !store.has(j.id, j.scenarioHash));
  const started = Date.now();
  let done = 0;
  let failed = 0;
  let lastReport = 0;
  const report = (force = false) => {
    if (values.quiet) return;
    const now = Date.now();
    if (!force && now - lastReport < 1000) return;
    lastReport = now;
    const rate = done / Math.max((now - started) / 1000, 1e-3);
    io.err(
      `sweep: ${done}/${todo.length} jobs (${rate.toFixed(1)}/s)${failed ? `, ${failed} failed` : ''}`,
    );
  };
  const onRecord = (r: Parameters<ResultStore['add']>[0]) => {
    store.add(r);
    done++;
    if (r.error !== undefined) failed++;
    report();
  };
  if (!values.quiet && jobs.length > todo.length)
    io.err(`sweep: ${jobs.length - todo.length} of ${jobs.length} jobs already in ${values.out}`);
  if (store.repaired && !values.quiet)
    io.err(`sweep: ${values.out}: a last line cut short was dropped (its job runs again)`);
  try {
    if (address) await runOnQueue(address, todo, { attempts, pollMs: 250 }, { onRecord });
    else if (workers === 0) await runInProcess(todo, pkg.version, { onRecord });
    else await runLocalWorkers(todo, workers, { onRecord });
  } finally {
    store.close();
  }
  report(true);
  printJson(io, {
    study: study.name,
    jobs: jobCount(study),
    alreadyStored: jobs.length - todo.length,
    ran: done,
    failed,
    out: values.out,
    runner: address
      ? `queue ${values.queue}`
      : workers === 0
        ? 'this process'
        : `${workers} local workers`,
    elapsedMs: Date.now() - started,
  });
  return failed > 0 ? 1 : 0;
};
