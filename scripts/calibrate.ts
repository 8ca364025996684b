/**
 * `npm run calibrate`: writes the instant tier's MRG table (models/neuron/instantCalibration.json)
 * from the full cable model with models/neuron/calibrate.ts `calibrateProfile`: for every
 * waveform kind, diameter and pulse width, K = threshold × peak drive with its field spread ρ at
 * each calibration distance. Thresholds are the lowest firing amplitudes (threshold.ts), so the
 * near-electrode long-pulse cells sit on the lower firing band.
 *
 *   npm run calibrate                      the whole table, on every core
 *   npm run calibrate -- --check 20        re-derive 20 random cells and compare with the file
 *   npm run calibrate -- --workers 1
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { CALIBRATION_DISTANCES_MM, calibrateProfile } from '../models/neuron/calibrate.ts';
import type { DriveKind } from '../models/neuron/instant.ts';
import {
  MRG_CALIBRATION_D_UM,
  MRG_CALIBRATION_KINDS,
  MRG_CALIBRATION_PW_US,
  type InstantCalibrationTable,
} from '../models/neuron/instantCalibration.ts';

const OUT = new URL('../models/neuron/instantCalibration.json', import.meta.url);
const SIGNIFICANT = 5; // digits kept: far below the 1 % bracket of the thresholds behind K

interface Cell {
  kind: DriveKind;
  i: number;
  j: number;
}
type Profile = Array<[number, number]>;

function derive(c: Cell): Profile {
  const d = MRG_CALIBRATION_D_UM[c.i] as number;
  const pw = MRG_CALIBRATION_PW_US[c.j] as number;
  return calibrateProfile('mrg', d, pw, c.kind).map(
    (p) =>
      [Number(p.rho.toPrecision(SIGNIFICANT)), Number(p.k.toPrecision(SIGNIFICANT))] as [
        number,
        number,
      ],
  );
}

async function onWorkers(cells: Cell[], workers: number): Promise<Profile[]> {
  const out: Profile[] = new Array(cells.length);
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: Math.min(workers, cells.length) }, async () => {
      const w = new Worker(new URL('./calibrate-worker.mjs', import.meta.url), {
        workerData: { worker: true },
      });
      const ask = (idx: number) =>
        new Promise<Profile>((resolve, reject) => {
          const fail = (e: Error) => reject(e);
          w.once('error', fail);
          w.once('message', (p: Profile) => {
            w.off('error', fail);
            resolve(p);
          });
          w.postMessage(cells[idx]);
        });
      while (next < cells.length) {
        const idx = next++;
        out[idx] = await ask(idx);
        done++;
        if (done % 10 === 0) process.stderr.write(`calibrate: ${done}/${cells.length}\n`);
      }
      await w.terminate();
    }),
  );
  return out;
}

async function main() {
  const { values } = parseArgs({
    options: { check: { type: 'string' }, workers: { type: 'string' } },
  });
  const workers = Number(values.workers ?? availableParallelism());
  const all: Cell[] = MRG_CALIBRATION_KINDS.flatMap((kind) =>
    MRG_CALIBRATION_D_UM.flatMap((_, i) => MRG_CALIBRATION_PW_US.map((_, j) => ({ kind, i, j }))),
  );
  if (values.check !== undefined) {
    const stored = JSON.parse(readFileSync(OUT, 'utf8')) as InstantCalibrationTable;
    const n = Number(values.check);
    const sample = all.sort(() => Math.random() - 0.5).slice(0, n);
    const fresh = await onWorkers(sample, workers);
    let worst = 0;
    sample.forEach((c, s) => {
      const old = stored.profiles[c.kind][c.i]![c.j]!;
      fresh[s]!.forEach(([, k], m) => (worst = Math.max(worst, Math.abs(k / old[m]![1] - 1))));
    });
    console.log(JSON.stringify({ cells: n, worstRelativeKDifference: worst }));
    return;
  }
  const started = Date.now();
  const profiles = await onWorkers(all, workers);
  const table: InstantCalibrationTable = {
    model: 'mrg',
    generatedBy: 'scripts/calibrate.ts (npm run calibrate)',
    sigmaSPerM: 0.2,
    distancesMm: CALIBRATION_DISTANCES_MM,
    diameterUm: MRG_CALIBRATION_D_UM,
    pulseWidthUs: MRG_CALIBRATION_PW_US,
    profiles: { cathodic: [], anodic: [], biphasic: [] },
  };
  all.forEach((c, idx) => {
    const rows = table.profiles[c.kind];
    (rows[c.i] ??= [])[c.j] = profiles[idx]!;
  });
  writeFileSync(OUT, `${JSON.stringify(table)}\n`);
  console.log(
    `calibrate: ${all.length} profiles in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
}

if (isMainThread) await main();
else if ((workerData as { worker?: boolean }).worker) {
  parentPort!.on('message', (c: Cell) => parentPort!.postMessage(derive(c)));
}
