/**
 * `neuromod bench`: runs the benchmark modules of src/cli/bench/ (each exports
 * `benchSections`; listed in BENCH_MODULES so that the prebuilt bundle carries them) and prints
 * a table, or JSON with --json. --quick shortens the runs; --only <module> runs one module.
 */
import { UsageError, parseFlags, printJson, type Command } from '../io.ts';

export interface BenchRow {
  metric: string;
  medianMs?: number;
  value?: number;
  unit?: string;
  note?: string;
}

export interface BenchSection {
  name: string;
  run: (opts: { quick: boolean }) => Promise<BenchRow[]>;
}

/** One line per benchmark module (file name in src/cli/bench/ → loader). */
export const BENCH_MODULES: Record<string, () => Promise<{ benchSections?: BenchSection[] }>> = {
  browser: () => import('../bench/browser.ts'),
  cli: () => import('../bench/cli.ts'),
  field: () => import('../bench/field.ts'),
  neuron: () => import('../bench/neuron.ts'),
  planner: () => import('../bench/planner.ts'),
  response: () => import('../bench/response.ts'),
  sweep: () => import('../bench/sweep.ts'),
};

async function loadSections(only?: string): Promise<BenchSection[]> {
  const names = Object.keys(BENCH_MODULES).filter((n) => !only || n.startsWith(only));
  if (names.length === 0) {
    throw new UsageError(
      `--only ${only}: no benchmark module of that name (${Object.keys(BENCH_MODULES).join(', ')})`,
    );
  }
  const sections: BenchSection[] = [];
  for (const n of names) {
    const mod = await (BENCH_MODULES[n] as () => Promise<{ benchSections?: BenchSection[] }>)();
    if (Array.isArray(mod.benchSections)) sections.push(...mod.benchSections);
  }
  return sections;
}

function fmt(n: number | undefined, digits = 3): string {
  if (n === undefined || !Number.isFinite(n)) return '';
  return Math.abs(n) >= 100 ? n.toFixed(0) : Number(n.toPrecision(digits)).toString();
}

export const benchCommand: Command = async (argv, io) => {
  const { values } = parseFlags(
    argv,
    {
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      only: { type: 'string' },
    },
    false,
  );
  const sections = await loadSections(values.only);
  const results: Array<{ section: string; rows: BenchRow[] }> = [];
  for (const s of sections) {
    if (!values.json) io.err(`running ${s.name}…`);
    results.push({ section: s.name, rows: await s.run({ quick: values.quick }) });
  }
  if (values.json) {
    printJson(io, { quick: values.quick, sections: results });
    return 0;
  }
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`\n${r.section}`);
    const w = Math.max(10, ...r.rows.map((x) => x.metric.length));
    for (const row of r.rows) {
      const med = row.medianMs !== undefined ? `${fmt(row.medianMs)} ms` : '';
      const val =
        row.value !== undefined ? `${fmt(row.value)}${row.unit ? ` ${row.unit}` : ''}` : '';
      lines.push(
        `  ${row.metric.padEnd(w)}  ${med.padStart(12)}  ${val.padStart(14)}  ${row.note ?? ''}`.trimEnd(),
      );
    }
  }
  io.out(lines.join('\n'));
  return 0;
};
