/**
 * `neuromod bench`: runs every benchmark module in src/cli/bench/ (each exports
 * `benchSections`) and prints a table, or JSON with --json. --quick shortens the runs.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseFlags, printJson, type Command } from '../io.ts';

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

const BENCH_DIR = new URL('../bench/', import.meta.url);

async function loadSections(only?: string): Promise<BenchSection[]> {
  const files = (await readdir(fileURLToPath(BENCH_DIR)))
    .filter((f) => /\.(ts|mjs|js)$/.test(f) && !f.endsWith('.d.ts') && !f.includes('.test.'))
    .sort();
  const sections: BenchSection[] = [];
  for (const f of files) {
    if (only && !f.startsWith(only)) continue;
    const mod = (await import(pathToFileURL(fileURLToPath(new URL(f, BENCH_DIR))).href)) as {
      benchSections?: BenchSection[];
    };
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
