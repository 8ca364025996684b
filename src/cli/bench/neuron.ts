/**
 * Benchmarks of models/neuron (issue 3 targets): the reference threshold search, one full
 * simulation, and a 1,000-fibre dorsal-column population in both tiers. The population's full
 * tier runs on all cores with worker_threads: this module is also the worker's entry point.
 */
import { availableParallelism, loadavg } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { pointSourceField, pointSourceMv } from '../../../models/neuron/extracellular.ts';
import { instantThresholdMa } from '../../../models/neuron/instant.ts';
import { buildMrg } from '../../../models/neuron/mrg.ts';
import {
  fullPopulation,
  instantPopulation,
  medianAbsRelError,
  preparePopulation,
} from '../../../models/neuron/populationRun.ts';
import { dorsalColumnFibers } from '../../../models/neuron/populations.ts';
import { FiberSession } from '../../../models/neuron/simulate.ts';
import { findThreshold } from '../../../models/neuron/threshold.ts';
import { sampleWaveform, type WaveformSpec } from '../../../models/neuron/waveform.ts';
import type { BenchRow } from '../commands/bench.ts';

import {
  median,
  neuronSetup,
  recordedNote,
  runNeuronBatch,
  type RecordedReference,
} from './neuronReference.ts';

/** The reference case as mrg.py takes it (test/validation/neuron/neuron-reference). */
const NEURON_REFERENCE_CASE = {
  D: 10.0,
  nodes: 21,
  dist_mm: 1.0,
  sigma: 0.2,
  pw_ms: 0.21,
  wave: 'cat',
  pen: 1,
  tstop: 5.21, // our side runs 15 ms after the stimulus but stops once the fibre is quiet
};
/** mrg.py on the reference case, 1 % bracket from 0.1 mA (RECORDED_ON). */
const RECORDED_NEURON_SEARCH: RecordedReference = {
  ms: 356,
  what: 'reference search, 1 % bracket',
};

const REFERENCE_WAVEFORM: WaveformSpec = { kind: 'mono-cathodic', pulseWidthUs: 210 };

/** The population of the benchmark: DC fibres under a contact 3.5 mm above the cord surface. */
const POPULATION = {
  count: 1000,
  seed: 20260124,
  cordRadiusMm: 4, // nominal thoracic cord radius (anatomy.md §1)
  lengthMm: 60,
  contactYMm: 7.5, // cord surface 4 mm + 3.5 mm (nominal dorsal CSF + dura)
  sigmaSPerM: 0.2,
};

function populationField(x: number, y: number, z: number): number {
  return pointSourceMv(x, y - POPULATION.contactYMm, z, POPULATION.sigmaSPerM);
}

function population(count = POPULATION.count) {
  return dorsalColumnFibers({
    count,
    seed: POPULATION.seed,
    cordRadiusMm: POPULATION.cordRadiusMm,
    lengthMm: POPULATION.lengthMm,
  });
}

function referenceCase() {
  const fiber = buildMrg('mrg', 10, { nodeCount: 21, passiveEndNodes: 1 });
  const field = pointSourceField(fiber, { distanceMm: 1, sigmaSPerM: 0.2 });
  return { fiber, field };
}

/** Full-tier thresholds for fibres [start, end) of the population, in this thread. */
function fullSlice(start: number, end: number, count: number): number[] {
  const prepared = preparePopulation(population(count).slice(start, end), populationField);
  return Array.from(fullPopulation(prepared, REFERENCE_WAVEFORM));
}

if (!isMainThread && (workerData as { neuronBench?: boolean } | null)?.neuronBench) {
  const { start, end, count } = workerData as { start: number; end: number; count: number };
  parentPort?.postMessage(fullSlice(start, end, count));
}

async function fullOnAllCores(count: number): Promise<{ thresholds: number[]; workers: number }> {
  const workers = Math.max(1, Math.min(availableParallelism(), count));
  // interleaved chunks keep the cores evenly loaded
  const chunk = Math.ceil(count / workers);
  const parts = await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const start = w * chunk;
      const end = Math.min(count, start + chunk);
      return new Promise<number[]>((resolve, reject) => {
        // the worker needs the TypeScript loader before it imports this module
        const boot =
          `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};` +
          `register(); await import(${JSON.stringify(import.meta.url)});`;
        const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), {
          workerData: { neuronBench: true, start, end, count },
        });
        worker.once('message', (m: number[]) => {
          resolve(m);
          void worker.terminate();
        });
        worker.once('error', reject);
      });
    }),
  );
  return { thresholds: parts.flat(), workers };
}

/**
 * Branched fibres on the tree solve, the NEURON reference cases of
 * test/validation/neuron/neuron-reference/mrg-branch.jsonl, each with the case as
 * mrg_branch.py takes it and the time its bisection to 0.1 % took when recorded.
 */
const BRANCH_CASES = [
  {
    metric: 'DRG neuron (10 µm, stem + soma, 21 nodes, 0.5 mm, 100 µs)',
    build: () =>
      buildMrg('mrg-interp', 10, { nodeCount: 21, passiveEndNodes: 1, stem: { diameterUm: 10 } }),
    distanceMm: 0.5,
    pulseWidthUs: 100,
    neuronCase: {
      D: 10.0,
      nodes: 21,
      dist_mm: 0.5,
      sigma: 0.2,
      pw_ms: 0.1,
      wave: 'cat',
      interp: true,
      stem: { D: 10.0 },
    },
    recorded: { ms: 348, what: 'bisection to 0.1 % from 0.1 mA' },
    measureInQuick: true,
  },
  {
    metric: '12 µm with 3 µm collaterals on every node (31 nodes, 1 mm, 100 µs)',
    build: () =>
      buildMrg('mrg-interp', 12, {
        nodeCount: 31,
        passiveEndNodes: 1,
        collaterals: { diameterUm: 3, lengthUm: 2000, everyNodes: 1 },
      }),
    distanceMm: 1,
    pulseWidthUs: 100,
    neuronCase: {
      D: 12.0,
      nodes: 31,
      dist_mm: 1.0,
      sigma: 0.2,
      pw_ms: 0.1,
      wave: 'cat',
      interp: true,
      col: { D: 3.0, L_um: 2000, every: 1 },
    },
    recorded: { ms: 9159, what: 'bisection to 0.1 % from 0.1 mA' },
    measureInQuick: false,
  },
];

/** NEURON's search on the reference case, measured when installed (same 1 % bracket). */
function neuronSearchRows(searchMs: number, reps: number): BenchRow[] {
  const nrn = neuronSetup();
  if (!nrn.available) {
    return [
      {
        metric: 'NEURON reference search',
        note: `${recordedNote(RECORDED_NEURON_SEARCH)} (${nrn.reason})`,
      },
    ];
  }
  const n = Math.max(3, Math.ceil(reps / 5));
  const ref = runNeuronBatch(
    nrn,
    'json',
    JSON.stringify(Array.from({ length: n }, () => NEURON_REFERENCE_CASE)),
    0.01,
  );
  const nrnMs = median(ref.cases.map((c) => c.ms));
  return [
    {
      metric: 'NEURON reference search (mrg.py, 1 % bracket)',
      medianMs: nrnMs,
      note: `measured now, ${n} runs`,
    },
    { metric: 'measured ratio, NEURON / ours (search)', value: nrnMs / searchMs, unit: '×' },
  ];
}

export const benchSections = [
  {
    name: 'neuron: reference threshold (MRG 10 µm, 21 nodes, point source 1 mm, σ 0.2 S/m, 210 µs cathodic, dt 5 µs)',
    run: async ({ quick }: { quick: boolean }) => {
      const { fiber, field } = referenceCase();
      const reps = quick ? 7 : 25;
      const load = loadavg()[0] as number;
      const times: number[] = [];
      let sims = 0;
      let threshold = NaN;
      for (let i = 0; i < reps + 2; i++) {
        const t0 = performance.now();
        // as `neuromod threshold` does: fresh session, instant-tier seed, 1 % bracket
        const guess = instantThresholdMa(fiber, field, REFERENCE_WAVEFORM);
        const r = findThreshold(fiber, field, REFERENCE_WAVEFORM, { initialGuessMa: guess });
        const dt = performance.now() - t0;
        if (i >= 2) times.push(dt); // two warm-up runs for the JIT
        sims = r.simulations;
        threshold = r.thresholdMa;
      }
      const session = new FiberSession(fiber);
      session.restState();
      const samples = sampleWaveform(REFERENCE_WAVEFORM, 5);
      const simTimes: number[] = [];
      for (let i = 0; i < reps + 2; i++) {
        const t0 = performance.now();
        session.run(field, threshold * 0.9, samples, { dtUs: 5, tstopMs: 5, stopOnAp: false });
        if (i >= 2) simTimes.push(performance.now() - t0);
      }
      const searchMs = median(times);
      const simMs = median(simTimes);
      return [
        {
          metric: 'threshold search',
          medianMs: searchMs,
          note: `${sims} simulations, ${reps} runs, load average ${load.toFixed(1)}`,
        },
        {
          metric: 'threshold',
          value: threshold * 1000,
          unit: 'µA',
          note: 'NEURON 8.2.2 reference: 79.93 µA',
        },
        {
          metric: 'one 5 ms simulation (1000 steps, 221 compartments)',
          medianMs: simMs,
          note: 'no NEURON counterpart timed',
        },
        ...neuronSearchRows(searchMs, reps),
      ];
    },
  },
  {
    name: `neuron: dorsal-column population (MRG interp., 5.7–16 µm, ${POPULATION.lengthMm} mm fibres, point source ${POPULATION.contactYMm - POPULATION.cordRadiusMm} mm above the cord, 210 µs cathodic)`,
    run: async ({ quick }: { quick: boolean }) => {
      const count = quick ? 200 : POPULATION.count;
      const paths = population(count);
      const t0 = performance.now();
      const prepared = preparePopulation(paths, populationField);
      const prepMs = performance.now() - t0;
      const instantTimes: number[] = [];
      let instant: Float64Array<ArrayBufferLike> = new Float64Array(0);
      for (let i = 0; i < 7; i++) {
        const t1 = performance.now();
        instant = instantPopulation(prepared, REFERENCE_WAVEFORM);
        instantTimes.push(performance.now() - t1);
      }
      const load = loadavg()[0] as number;
      const cpu0 = process.cpuUsage();
      const t2 = performance.now();
      const { thresholds, workers } = await fullOnAllCores(count);
      const fullMs = performance.now() - t2;
      const cpu = process.cpuUsage(cpu0);
      // process-wide CPU time of all threads: what the run costs when it has the cores alone
      const cpuMs = (cpu.user + cpu.system) / 1000;
      const err = medianAbsRelError(instant, thresholds);
      return [
        {
          metric: `instant tier, ${count} fibres (from node potentials)`,
          medianMs: median(instantTimes),
          note: 'target ≤ 50 ms for 1000',
        },
        {
          metric: `fibre build + field sampling, ${count} fibres`,
          medianMs: prepMs,
          note: 'once per scenario',
        },
        {
          metric: `full tier, ${count} fibres (wall)`,
          medianMs: fullMs,
          note: `${workers} worker threads, load average ${load.toFixed(1)} at start; target ≤ 10 s for 1000 on all cores`,
        },
        {
          metric: 'full tier CPU time per fibre',
          medianMs: cpuMs / count,
          note: 'all threads, incl. worker start-up and fibre building',
        },
        {
          metric: `full tier projected for 1000 fibres on ${workers} idle cores`,
          medianMs: ((cpuMs / count) * 1000) / workers,
          note: 'CPU time / cores (the machine is shared)',
        },
        {
          metric: 'instant vs full: median |error|',
          value: err * 100,
          unit: '%',
          note: 'target ≤ 10 %',
        },
      ];
    },
  },
  {
    name: 'neuron: branched fibres (tree solve, threshold search to 0.1 % as the NEURON reference)',
    run: async ({ quick }: { quick: boolean }) => {
      const reps = quick ? 3 : 9;
      return BRANCH_CASES.flatMap((c) => {
        const fiber = c.build();
        const field = pointSourceField(fiber, { distanceMm: c.distanceMm, sigmaSPerM: 0.2 });
        const w: WaveformSpec = { kind: 'mono-cathodic', pulseWidthUs: c.pulseWidthUs };
        const times: number[] = [];
        for (let i = 0; i < reps + 1; i++) {
          const t0 = performance.now();
          findThreshold(fiber, field, w, { tolerance: 0.001 });
          if (i >= 1) times.push(performance.now() - t0);
        }
        const ms = median(times);
        const rows: BenchRow[] = [
          {
            metric: c.metric,
            medianMs: ms,
            note: `${fiber.network.compartmentCount} compartments`,
          },
        ];
        const nrn = neuronSetup();
        if (nrn.available && (!quick || c.measureInQuick)) {
          const ref = runNeuronBatch(nrn, 'json', JSON.stringify([c.neuronCase]));
          const nrnMs = median(ref.cases.map((x) => x.ms));
          rows.push(
            {
              metric: '  NEURON reference script (mrg_branch.py)',
              medianMs: nrnMs,
              note: 'measured now, 1 run',
            },
            { metric: '  measured ratio, NEURON / ours', value: nrnMs / ms, unit: '×' },
          );
        } else {
          rows.push({
            metric: '  NEURON reference script (mrg_branch.py)',
            note: `${recordedNote(c.recorded)}${nrn.available ? ' (skipped with --quick)' : ` (${nrn.reason})`}`,
          });
        }
        return rows;
      });
    },
  },
];
