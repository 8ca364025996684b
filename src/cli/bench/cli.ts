/**
 * Benchmarks of the `neuromod` command as researchers run it (issue 13): start-up of the
 * prebuilt bundle and from source, and a batch of threshold cases through `threshold --cases`
 * against the project's NEURON reference script on the same CSV, with and without the window
 * scan. Every figure is measured by spawning the real command; NEURON figures are measured
 * when NEURON is installed and otherwise printed as a recorded reference, with no ratio.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchRow } from '../commands/bench.ts';
import {
  RECORDED_ON,
  median,
  neuronSetup,
  recordedNote,
  repoRoot,
  runNeuronBatch,
} from './neuronReference.ts';

const DIAMETERS_UM = [5.7, 7.3, 8.7, 10, 11.5, 12.8, 14, 16]; // the MRG table (McIntyre 2002)
const DISTANCES_MM = [0.1, 0.25, 0.5, 1, 2, 3]; // the span of issue 13's 190 NEURON cases
const PULSE_WIDTHS_US = [30, 100, 210, 450, 1000]; // the span of issue 13's 190 NEURON cases
const WAVEFORMS = ['mono-cathodic', 'mono-anodic', 'biphasic-cathodic-first'];
const AFTER_STIM_MS = 5; // the NEURON reference script's tstop = stimulus + 5 ms (mrg.py)
const AGREE = 0.02; // issue 13: the hidden reference set agrees within 2 %

/**
 * Recorded with `neuromod bench --only cli` (RECORDED_ON), 16 cases: NEURON's per-case search
 * (1 % bracket, NEURON loaded) median, and the whole process per case.
 */
const RECORDED_NEURON_CASE = { ms: 443, what: 'median per case (16 cases, 1 % bracket)' };
const RECORDED_NEURON_WALL = { ms: 460, what: 'process wall per case (16 cases)' };

/** A deterministic spread of MRG cases over the regime of issue 13 (near and far, short and long). */
export function benchCasesCsv(count: number): string {
  const rows = [
    'model,diameter_um,nodes,distance_mm,sigma_s_per_m,waveform,pw_us,tstop_ms,passive_end_nodes',
  ];
  for (let i = 0; i < count; i++) {
    const d = DIAMETERS_UM[i % DIAMETERS_UM.length] as number;
    const r = DISTANCES_MM[(i * 5 + 1) % DISTANCES_MM.length] as number;
    const pw = PULSE_WIDTHS_US[(i * 3 + 2) % PULSE_WIDTHS_US.length] as number;
    const w = WAVEFORMS[i % WAVEFORMS.length] as string;
    const stimMs = (w === 'biphasic-cathodic-first' ? 2 * pw : pw) / 1000;
    rows.push(`mrg,${d},21,${r},0.2,${w},${pw},${stimMs + AFTER_STIM_MS},true`);
  }
  return `${rows.join('\n')}\n`;
}

const bin = () => join(repoRoot(), 'bin/neuromod.mjs');

/** Median wall time (ms) of `node bin/neuromod.mjs ...args` over `reps` runs. */
function spawnMedianMs(args: string[], reps: number, env: NodeJS.ProcessEnv = process.env) {
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [bin(), ...args], { env, encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`neuromod ${args.join(' ')} failed: ${r.stderr}`);
  }
  return median(times);
}

interface OurBatch {
  cases: Array<{ thresholdMa: number; ms: number; simulations: number; windows: number }>;
  wallMs: number;
}

function runOurBatch(file: string, windowScanX: number): OurBatch {
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [bin(), 'threshold', '--cases', file, '--window-scan-x', String(windowScanX)],
    { encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`neuromod threshold --cases failed: ${r.stderr}`);
  const cases = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .map((o) => ({
      thresholdMa: o.thresholdMa as number,
      ms: o.elapsedMs as number,
      simulations: o.simulations as number,
      windows: (o.windows as unknown[]).length,
    }));
  return { cases, wallMs };
}

/** The bundle exists and is newer than every source it was built from (as bin/neuromod.mjs checks). */
const bundleBuilt = () => {
  const root = repoRoot();
  if (!existsSync(join(root, 'dist-cli/neuromod.mjs'))) return false;
  try {
    const { builtAtMs, inputs } = JSON.parse(
      readFileSync(join(root, 'dist-cli/inputs.json'), 'utf8'),
    ) as { builtAtMs: number; inputs: string[] };
    return inputs.every((f) => statSync(join(root, f)).mtimeMs <= builtAtMs);
  } catch {
    return false;
  }
};

export const benchSections = [
  {
    name: 'cli: start-up of `node bin/neuromod.mjs` (wall, spawned)',
    run: async ({ quick }: { quick: boolean }): Promise<BenchRow[]> => {
      const reps = quick ? 5 : 11;
      const fromSource = { ...process.env, NEUROMOD_FROM_SOURCE: '1' };
      const rows: BenchRow[] = [];
      if (bundleBuilt()) {
        rows.push(
          {
            metric: '--version, prebuilt bundle',
            medianMs: spawnMedianMs(['--version'], reps),
            note: `${reps} runs`,
          },
          {
            metric: 'threshold --help, prebuilt bundle',
            medianMs: spawnMedianMs(['threshold', '--help'], reps),
          },
        );
      } else
        rows.push({
          metric: 'prebuilt bundle',
          note: 'not built, or older than its sources: npm run build:cli',
        });
      rows.push(
        {
          metric: '--version, from source (tsx)',
          medianMs: spawnMedianMs(['--version'], reps, fromSource),
        },
        {
          metric: 'threshold --help, from source (tsx)',
          medianMs: spawnMedianMs(['threshold', '--help'], reps, fromSource),
        },
        { metric: 'load average at the end', value: loadavg()[0] as number },
      );
      return rows;
    },
  },
  {
    name: 'cli: batch thresholds, `threshold --cases` against the NEURON reference script on the same CSV (MRG, 21 nodes, σ 0.2 S/m, 1 % bracket)',
    run: async ({ quick }: { quick: boolean }): Promise<BenchRow[]> => {
      const count = quick ? 6 : 16;
      const dir = mkdtempSync(join(tmpdir(), 'neuromod-bench-'));
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      const file = join(dir, 'cases.csv');
      writeFileSync(file, benchCasesCsv(count));
      const load = loadavg()[0] as number;
      const off = runOurBatch(file, 0);
      const on = runOurBatch(file, 100);
      const perCase = (b: OurBatch) => median(b.cases.map((c) => c.ms));
      const sims = (b: OurBatch) => median(b.cases.map((c) => c.simulations));
      const extraSims = on.cases.map((c, i) => c.simulations - (off.cases[i]?.simulations ?? 0));
      const extraMs = on.cases.map((c, i) => c.ms - (off.cases[i]?.ms ?? 0));
      const rows: BenchRow[] = [
        {
          metric: `ours, per case (window scan off)`,
          medianMs: perCase(off),
          note: `${count} cases, median ${sims(off)} simulations; ${bundleBuilt() ? 'prebuilt' : 'from source'}; load average ${load.toFixed(1)}`,
        },
        {
          metric: 'ours, per case (window scan to 100 × threshold, the default)',
          medianMs: perCase(on),
          note: `median ${sims(on)} simulations; windows found in ${on.cases.filter((c) => c.windows > 0).length} of ${count}`,
        },
        {
          metric: '  window scan cost per case',
          medianMs: median(extraMs),
          note: `median ${median(extraSims)} extra simulations; total ${Math.round(extraMs.reduce((a, b) => a + b, 0))} ms for ${count} cases`,
        },
        {
          metric: 'ours, process wall per case (scan off, incl. start-up)',
          medianMs: off.wallMs / count,
        },
        {
          metric: 'ours, process wall per case (scan on, incl. start-up)',
          medianMs: on.wallMs / count,
        },
      ];
      const nrn = neuronSetup();
      if (!nrn.available) {
        rows.push(
          {
            metric: 'NEURON, per case',
            note: `${recordedNote(RECORDED_NEURON_CASE)} (${nrn.reason})`,
          },
          { metric: 'NEURON, process wall per case', note: recordedNote(RECORDED_NEURON_WALL) },
        );
        return rows;
      }
      const ref = runNeuronBatch(nrn, 'csv', file, 0.01);
      const nrnCase = median(ref.cases.map((c) => c.ms));
      const agree = ref.cases.filter(
        (c, i) => Math.abs((off.cases[i]?.thresholdMa ?? NaN) / c.thresholdMa - 1) <= AGREE,
      ).length;
      const upper = ref.cases.filter(
        (c, i) => (off.cases[i]?.thresholdMa ?? Infinity) < c.thresholdMa * (1 - AGREE),
      ).length;
      rows.push(
        {
          metric: 'NEURON reference, per case (NEURON loaded)',
          medianMs: nrnCase,
          note: `measured now: mrg.py bisection from 0.1 mA, ${RECORDED_ON.split(',')[0]}`,
        },
        {
          metric: 'NEURON reference, process wall per case',
          medianMs: ref.wallMs / count,
          note: `incl. ${Math.round(ref.loadMs)} ms to load NEURON`,
        },
        {
          metric: 'measured ratio per case, NEURON / ours (scan off)',
          value: nrnCase / perCase(off),
          unit: '×',
        },
        {
          metric: 'measured ratio per case, NEURON / ours (scan on)',
          value: nrnCase / perCase(on),
          unit: '×',
        },
        {
          metric: 'measured ratio wall to wall, NEURON / ours (scan on)',
          value: ref.wallMs / on.wallMs,
          unit: '×',
          note: 'both processes started cold',
        },
        {
          metric: 'thresholds within 2 % of NEURON',
          value: agree,
          unit: `of ${count}`,
          note: upper
            ? `${upper} where NEURON's search from 0.1 mA stopped in an upper firing band (ours lower)`
            : '',
        },
      );
      return rows;
    },
  },
];
