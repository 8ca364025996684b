/**
 * Benchmarks of models/response (issue 7 targets): 100 ms of 10 kHz stimulation on 100 MRG
 * fibres (≤ 10 s on all cores) and a 10-second closed-loop timeline on the instant tier
 * (≤ 5 s). The fibre batch runs on all cores with worker_threads: this module is also the
 * worker's entry point (as src/cli/bench/neuron.ts).
 */
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { buildFiber } from '../../../models/neuron/build.ts';
import { pointSourceField } from '../../../models/neuron/extracellular.ts';
import { DEFAULT_CLOSED_LOOP, simulateClosedLoop } from '../../../models/response/closedLoop.ts';
import { buildEcapModel, ecapSurface } from '../../../models/response/ecap.ts';
import { defaultDtUs } from '../../../models/response/paradigm.ts';
import { simulateTrain } from '../../../models/response/train.ts';
import type { Program } from '../../../models/scenario.ts';
import { buildPulseTrain, sampleWaveform } from '../../../models/stimulation/train.ts';

/** 10 kHz, 30 µs (clinical.md §3.1), 3 mA (within the 0.5–5 mA clinical range, Lempka 2015). */
const KHZ_PROGRAM: Program = {
  name: 'bench 10 kHz',
  generatorId: 'bench',
  contacts: [],
  caseIsReturn: true,
  amplitudeMa: 3,
  pulseWidthUs: 30,
  rateHz: 10000,
  waveform: { kind: 'khz', frequencyHz: 10000 },
};
const WINDOW_MS = 100; // issue 7 target
const FIBRES = 100; // issue 7 target
const NODES = 21; // MRGaxon.hoc axonnodes
const SIGMA_S_PER_M = 0.2; // models.md §3.2 (ρe 500 Ω·cm)

/** Fibre i of the batch: diameters 5.7–16 µm, 1–3 mm from the contact (nominal spread). */
function batchFibre(i: number) {
  const u = (i % 10) / 9;
  const v = Math.floor(i / 10) / 9;
  const fiber = buildFiber('mrg-interp', 5.7 + u * (16 - 5.7), {
    nodeCount: NODES,
    passiveEndNodes: 1,
  });
  const field = pointSourceField(fiber, { distanceMm: 1 + 2 * v, sigmaSPerM: SIGMA_S_PER_M });
  return { fiber, field };
}

interface SliceResult {
  spikes: number[];
  steps: number;
}

function runSlice(start: number, end: number): SliceResult {
  const dtUs = defaultDtUs(KHZ_PROGRAM.pulseWidthUs);
  const train = buildPulseTrain(KHZ_PROGRAM, { windowUs: WINDOW_MS * 1000 });
  const samples = sampleWaveform(train, dtUs, WINDOW_MS * 1000);
  const spikes: number[] = [];
  let steps = 0;
  for (let i = start; i < end; i++) {
    const { fiber, field } = batchFibre(i);
    const r = simulateTrain(fiber, field, KHZ_PROGRAM.amplitudeMa, samples, {
      dtUs,
      durationMs: WINDOW_MS,
    });
    spikes.push(r.detectionSpikesMs.length);
    steps += r.steps;
  }
  return { spikes, steps };
}

if (!isMainThread && (workerData as { responseBench?: boolean } | null)?.responseBench) {
  const { start, end } = workerData as { start: number; end: number };
  parentPort?.postMessage(runSlice(start, end));
}

async function onAllCores(count: number): Promise<SliceResult & { workers: number }> {
  const workers = Math.max(1, Math.min(availableParallelism(), count));
  const chunk = Math.ceil(count / workers);
  const parts = await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const start = w * chunk;
      const end = Math.min(count, start + chunk);
      return new Promise<SliceResult>((resolve, reject) => {
        // the worker needs the TypeScript loader before it imports this module
        const boot =
          `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};` +
          `register(); await import(${JSON.stringify(import.meta.url)});`;
        const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), {
          workerData: { responseBench: true, start, end },
        });
        worker.once('message', (m: SliceResult) => {
          resolve(m);
          void worker.terminate();
        });
        worker.once('error', reject);
      });
    }),
  );
  return {
    spikes: parts.flatMap((p) => p.spikes),
    steps: parts.reduce((s, p) => s + p.steps, 0),
    workers,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

export const benchSections = [
  {
    name: 'response: 100 ms of 10 kHz (30 µs, 3 mA) on 100 MRG fibres (21 nodes, 5.7–16 µm, 1–3 mm, dt 5 µs)',
    run: async ({ quick }: { quick: boolean }) => {
      const count = quick ? 10 : FIBRES;
      const t1 = performance.now();
      const one = runSlice(0, Math.min(count, quick ? 2 : 10));
      const perFibreMs = (performance.now() - t1) / one.spikes.length;
      const t0 = performance.now();
      const all = await onAllCores(count);
      const wallMs = performance.now() - t0;
      const firing = all.spikes.filter((n) => n > 0).length;
      return [
        {
          metric: `${count} fibres × ${WINDOW_MS} ms, all cores`,
          medianMs: wallMs,
          note: `${all.workers} worker threads; target ≤ 10 000 ms for 100 fibres; one run`,
        },
        {
          metric: 'one fibre, one thread',
          medianMs: perFibreMs,
          note: `${NODES} nodes, ${Math.round(all.steps / count)} steps`,
        },
        {
          metric: 'fibres that fired (onset response)',
          value: firing,
          unit: `of ${count}`,
        },
      ];
    },
  },
  {
    name: 'response: 10 s closed-loop timeline (instant tier: ECAP surface, 50 Hz, update every pulse)',
    run: async ({ quick }: { quick: boolean }) => {
      const t0 = performance.now();
      const model = buildEcapModel(quick ? { sampleCount: 12 } : {});
      const surface = ecapSurface(
        model,
        Array.from({ length: 52 }, (_, i) => i * 0.5),
      );
      const surfaceMs = performance.now() - t0;
      const reps = quick ? 5 : 21;
      const times: number[] = [];
      let last = simulateClosedLoop(surface, DEFAULT_CLOSED_LOOP);
      for (let i = 0; i < reps; i++) {
        const t = performance.now();
        last = simulateClosedLoop(surface, DEFAULT_CLOSED_LOOP);
        times.push(performance.now() - t);
      }
      return [
        {
          metric: 'ECAP surface (once per lead/setup)',
          medianMs: surfaceMs,
          note: `${model.fibres.length} fibres sampled, 52 amplitudes × ${surface.dcsfMm.length} dCSF`,
        },
        {
          metric: '10 s timeline, open + closed loop',
          medianMs: median(times),
          note: `${last.timeS.length} pulses; target ≤ 5 000 ms including the surface`,
        },
        {
          metric: 'time in window, open → closed loop',
          value: Math.round(last.closedLoop.timeInWindow * 1000) / 10,
          unit: '%',
          note: `open loop ${Math.round(last.openLoop.timeInWindow * 1000) / 10} %`,
        },
      ];
    },
  },
];
