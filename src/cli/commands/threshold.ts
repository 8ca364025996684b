/**
 * `neuromod threshold`: activation (or kHz block) threshold of one straight fibre next to a point
 * source in a homogeneous (isotropic or anisotropic) medium, with the PyFibers/ASCENT search
 * conventions; optionally with collaterals or a DRG stem and soma (MRG).
 *
 * `--cases cases.csv` runs one case per row (columns named like the flags) and prints one JSON
 * line per row, in order. A bad row prints `{"case", "line", "error"}` in its place, the message
 * (naming line and column) on stderr, and the command exits 2 once every good row has run.
 */
import { parseCsv } from '../csv.ts';
import {
  UsageError,
  parseFlags,
  readInputText,
  printJson,
  type CliIo,
  type Command,
} from '../io.ts';
import {
  FiberCache,
  readCase,
  runCase,
  type CaseSource,
  type ThresholdCase,
} from '../threshold/case.ts';
import { flagForColumn, thresholdParseOptions } from '../threshold/flags.ts';

type FlagValues = Record<string, string | boolean | undefined>;

function flagSource(values: FlagValues): CaseSource {
  return {
    text: (flag) => {
      const v = values[flag];
      return typeof v === 'string' ? v : undefined;
    },
    bool: (flag) => values[flag] === true,
    label: (flag) => `--${flag}`,
  };
}

const TRUE = ['true', 'yes', '1', 'on'];
const FALSE = ['false', 'no', '0', 'off'];

/** A CSV row over the command-line flags: a non-empty cell overrides the flag. */
function rowSource(
  columns: Map<string, { index: number; name: string }>,
  cells: string[],
  line: number,
  file: string,
  defaults: CaseSource,
): CaseSource {
  const cell = (flag: string) => {
    const c = columns.get(flag);
    const v = c === undefined ? undefined : cells[c.index];
    return v === undefined || v === '' ? undefined : v;
  };
  const label = (flag: string) => {
    const c = columns.get(flag);
    return c ? `${file} line ${line}, column ${c.name}` : defaults.label(flag);
  };
  return {
    text: (flag) => cell(flag) ?? defaults.text(flag),
    bool: (flag) => {
      const v = cell(flag);
      if (v === undefined) return defaults.bool(flag);
      if (TRUE.includes(v.toLowerCase())) return true;
      if (FALSE.includes(v.toLowerCase())) return false;
      throw new UsageError(`${label(flag)} must be true or false, got "${v}"`);
    },
    label,
  };
}

function printNotes(io: CliIo, notes: string[], where = ''): void {
  for (const n of notes) io.err(`warning: ${where}${n}`);
}

/** `--cases`: every row read and checked first, then run in order. */
async function runCases(file: string, values: FlagValues, io: CliIo): Promise<number> {
  const { header, rows } = parseCsv(await readInputText(file, '', io), file);
  const columns = new Map<string, { index: number; name: string }>();
  header.forEach((name, index) => {
    if (name === '') throw new UsageError(`${file} line 1: column ${index + 1} has no name`);
    const flag = flagForColumn(name);
    if (!flag)
      throw new UsageError(
        `${file} line 1: unknown column "${name}" (see neuromod threshold --help)`,
      );
    const seen = columns.get(flag.name);
    if (seen)
      throw new UsageError(
        `${file} line 1: columns "${seen.name}" and "${name}" both give --${flag.name}`,
      );
    columns.set(flag.name, { index, name });
  });
  if (rows.length === 0) throw new UsageError(`${file}: no cases after the header`);
  const defaults = flagSource(values);
  const read: Array<{ line: number; c?: ThresholdCase; error?: string; warnings: string[] }> =
    rows.map(({ line, cells }) => {
      const warnings: string[] = [];
      try {
        if (cells.length > header.length) {
          throw new UsageError(
            `${file} line ${line}: ${cells.length} values for ${header.length} columns (quote values with commas: "3,1500,4")`,
          );
        }
        const c = readCase(rowSource(columns, cells, line, file, defaults), warnings);
        return { line, c, warnings };
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        return { line, error: e.message, warnings };
      }
    });
  let code = 0;
  for (const r of read) {
    if (r.error !== undefined) {
      io.err(`neuromod threshold: ${r.error}`);
      code = 2;
    }
  }
  const cache = new FiberCache();
  read.forEach((r, i) => {
    const head = { case: i + 1, line: r.line };
    printNotes(io, r.warnings, `line ${r.line}: `);
    if (r.c === undefined) {
      io.out(JSON.stringify({ ...head, error: r.error }));
      return;
    }
    const notes: string[] = [];
    try {
      io.out(JSON.stringify({ ...head, ...runCase(r.c, cache, notes) }));
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      const message = `${file} line ${r.line}: ${e.message}`;
      io.err(`neuromod threshold: ${message}`);
      io.out(JSON.stringify({ ...head, error: message }));
      code = 2;
    }
    printNotes(io, notes, `line ${r.line}: `);
  });
  return code;
}

export const thresholdCommand: Command = async (argv, io) => {
  const { values } = parseFlags(argv, thresholdParseOptions(), false);
  if (typeof values.cases === 'string') return runCases(values.cases, values, io);
  const warnings: string[] = [];
  const c = readCase(flagSource(values), warnings);
  printNotes(io, warnings);
  const notes: string[] = [];
  printJson(io, runCase(c, undefined, notes));
  printNotes(io, notes);
  return 0;
};
