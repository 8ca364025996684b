/**
 * The project's NEURON reference scripts (test/validation/neuron/neuron-reference), run by the
 * benchmarks side by side with our code when NEURON is installed. The MRG mechanism
 * (mrgnode.mod) is compiled into a temporary folder once per process, as the reference README
 * says for Debian (nrnivmodl with /usr/lib/nrn/nrnmech_makefile and -L/usr/lib/nrn); nothing is
 * written into the repository.
 *
 * Without NEURON, benchmarks print RECORDED figures, labelled "recorded reference", and no
 * speed-up.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the folder above this file (source or bundle) holding our package.json. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && readFileSync(pkg, 'utf8').includes('"neuromod-planner"')) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('neuromod bench: cannot find the repository root');
    dir = up;
  }
}

// Debian's python3-neuron lives in the system Python, which a PATH python3 may not be
const PYTHON =
  process.env.NEUROMOD_NEURON_PYTHON ??
  (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
const NRNIVMODL = '/usr/bin/nrnivmodl'; // Debian package `neuron`
const NRN_MAKEFILE = '/usr/lib/nrn/nrnmech_makefile';

export type NeuronSetup =
  { available: true; mechanisms: string } | { available: false; reason: string };

let setup: NeuronSetup | undefined;

/** Checks for NEURON and compiles mrgnode.mod (once per process). */
export function neuronSetup(): NeuronSetup {
  if (setup) return setup;
  const probe = spawnSync(PYTHON, ['-c', 'import neuron'], { encoding: 'utf8' });
  if (probe.status !== 0)
    return (setup = { available: false, reason: `${PYTHON} cannot import neuron` });
  if (!existsSync(NRNIVMODL) || !existsSync(NRN_MAKEFILE)) {
    return (setup = { available: false, reason: 'nrnivmodl or its makefile is missing' });
  }
  const dir = mkdtempSync(join(tmpdir(), 'neuromod-nrn-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  copyFileSync(
    join(repoRoot(), 'test/validation/neuron/neuron-reference/mrgnode.mod'),
    join(dir, 'mrgnode.mod'),
  );
  const patched = readFileSync(NRNIVMODL, 'utf8')
    .replace('"${bindir}/nrnmech_makefile"', NRN_MAKEFILE)
    .replace(/^UserLDFLAGS=""/m, 'UserLDFLAGS="-L/usr/lib/nrn"')
    .replace('make -j 4', 'make -j 1');
  writeFileSync(join(dir, 'nrnivmodl'), patched, { mode: 0o755 });
  // the `special` executable fails to link on Debian (no ivstream.h); the library is built first
  spawnSync(join(dir, 'nrnivmodl'), [], { cwd: dir, encoding: 'utf8' });
  const mechanisms = join(dir, 'x86_64', 'libnrnmech.so');
  if (!existsSync(mechanisms)) {
    return (setup = { available: false, reason: 'mrgnode.mod did not compile with nrnivmodl' });
  }
  return (setup = { available: true, mechanisms });
}

export interface NeuronBatch {
  /** per case: threshold (mA) and the search's wall time with NEURON loaded (ms) */
  cases: Array<{ thresholdMa: number; ms: number }>;
  /** Python start to NEURON and the mechanism loaded (ms) */
  loadMs: number;
  /** the whole process, wall (ms) */
  wallMs: number;
}

/**
 * Runs src/cli/bench/neuron_batch.py: `csv` a cases file of `neuromod threshold --cases`,
 * `json` a list of cases as mrg.py / mrg_branch.py take them. `tolerance` is the bisection's
 * relative bracket (the scripts' default 0.1 %).
 */
export function runNeuronBatch(
  s: Extract<NeuronSetup, { available: true }>,
  mode: 'csv' | 'json',
  arg: string,
  tolerance?: number,
): NeuronBatch {
  const script = join(repoRoot(), 'src/cli/bench/neuron_batch.py');
  const args = [
    script,
    s.mechanisms,
    mode,
    arg,
    ...(tolerance !== undefined ? [String(tolerance)] : []),
  ];
  const t0 = performance.now();
  const r = spawnSync(PYTHON, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`NEURON reference failed: ${r.stderr.slice(-2000)}`);
  const lines = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { thr_mA?: number; sec?: number; loadSec?: number });
  return {
    cases: lines
      .filter((l) => l.thr_mA !== undefined)
      .map((l) => ({ thresholdMa: l.thr_mA as number, ms: (l.sec as number) * 1000 })),
    loadMs: (lines.find((l) => l.loadSec !== undefined)?.loadSec ?? NaN) * 1000,
    wallMs,
  };
}

/** A NEURON timing measured once and kept, printed only as a recorded reference. */
export interface RecordedReference {
  ms: number;
  what: string;
}

/** Where the recorded figures were measured. */
export const RECORDED_ON = 'NEURON 8.2.2, 2026-12-02, Debian 12 VM, 2 shared cores';

export function recordedNote(r: RecordedReference): string {
  return `recorded reference (${RECORDED_ON}): ${r.what} ${r.ms} ms — not measured in this run`;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}
