/**
 * Study throughput: one instant-tier study run by `neuromod sweep` in one process, on 1 and 2
 * local worker processes, and through the BullMQ queue with 1 and 2 `neuromod worker`
 * processes (when Debian's redis-server is installed; it is started here on a free port).
 * Jobs per second as medians, and each runner's ratio to the single process. Every run
 * includes its processes' start and their own lead-field solve, as a user's sweep does.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultScenario } from '../../../models/scenario.ts';
import type { BenchRow } from '../commands/bench.ts';
import { neuromodBin } from '../study/runners.ts';

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
  return spawn(process.execPath, [neuromodBin(), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

function exited(c: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => c.on('close', (code) => resolve(code)));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export const benchSections = [
  {
    name: 'sweep: a study of instant-tier jobs, one process against local and queue workers',
    run: async ({ quick }: { quick: boolean }): Promise<BenchRow[]> => {
      const dir = mkdtempSync(join(tmpdir(), 'neuromod-bench-sweep-'));
      const jobs = quick ? 320 : 960;
      const reps = quick ? 1 : 3;
      const base = defaultScenario('SCS');
      const study = join(dir, 'study.json');
      writeFileSync(
        study,
        JSON.stringify({
          kind: 'neuromod-study',
          studyVersion: 1,
          name: 'bench',
          base: { ...base, model: { ...base.model, fibresPerPopulation: 200 } },
          tier: 'instant',
          axes: {
            amplitudeMa: Array.from({ length: jobs / 8 }, (_v, i) => 0.5 + 0.1 * i),
            pulseWidthUs: [100, 150, 200, 250, 300, 350, 400, 450],
          },
        }),
      );
      const timed = async (label: string, run: (out: string) => Promise<void>) => {
        const ms: number[] = [];
        for (let r = 0; r < reps; r++) {
          const out = join(dir, `${label.replace(/\W+/g, '-')}-${r}.jsonl`);
          const t0 = Date.now();
          await run(out);
          ms.push(Date.now() - t0);
        }
        return median(ms);
      };
      const sweep = async (args: string[]) => {
        const code = await exited(neuromod(['sweep', study, '--quiet', ...args]));
        if (code !== 0) throw new Error(`neuromod sweep ${args.join(' ')} exited ${code}`);
      };
      const results: { label: string; ms: number }[] = [];
      try {
        for (const [label, workers] of [
          ['single process (--workers 0)', 0],
          ['1 local worker', 1],
          ['2 local workers', 2],
        ] as const) {
          results.push({
            label,
            ms: await timed(label, (out) => sweep(['--out', out, '--workers', String(workers)])),
          });
        }
        const haveRedis = spawnSync('redis-server', ['--version']).status === 0;
        if (haveRedis) {
          const port = await freePort();
          const redis = spawn(
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
          const url = `redis://127.0.0.1:${port}`;
          try {
            for (let i = 0; i < 100; i++) {
              if (
                spawnSync('redis-cli', ['-p', String(port), 'ping'], {
                  encoding: 'utf8',
                }).stdout.trim() === 'PONG'
              )
                break;
              await new Promise((r) => setTimeout(r, 100));
            }
            for (const n of [1, 2]) {
              const label = `${n} queue worker${n > 1 ? 's' : ''}`;
              results.push({
                label,
                ms: await timed(label, async (out) => {
                  const ws = Array.from({ length: n }, () =>
                    exited(neuromod(['worker', '--queue', url, '--idle-exit-ms', '300'])),
                  );
                  await sweep(['--out', out, '--queue', url]);
                  await Promise.all(ws);
                }),
              });
            }
          } finally {
            redis.kill('SIGKILL');
          }
        }
        const single = results[0]!.ms;
        const rows: BenchRow[] = results.map((r) => ({
          metric: `${jobs} jobs, ${r.label}`,
          medianMs: r.ms,
          note: `${((jobs * 1000) / r.ms).toFixed(1)} jobs/s; ${(single / r.ms).toFixed(2)}× the single process`,
        }));
        if (!haveRedis)
          rows.push({ metric: 'queue workers', note: 'redis-server not installed: not measured' });
        return rows;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
