import { readFile, stat } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { MAX_IMPORT_BYTES, formatBytes } from '../../models/limits.ts';

/** An error the user can fix: printed as one line on stderr, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Where a command writes: stdout for JSON results, stderr for messages. Swappable in tests. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** what `-` reads (standard input when absent) */
  stdin?: AsyncIterable<Uint8Array | string>;
}

export const processIo: CliIo = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

/** The file argument that means standard input. */
export const STDIN_ARG = '-';

/**
 * Reads a file argument as UTF-8 text: `-` is standard input. A file above `maxBytes` (the
 * app's import limit, models/limits.ts) is refused by its size before it is read, and standard
 * input is refused as soon as it passes the limit; the message names the limit.
 * `what` names the argument in messages ("points", "scenario"; "" for the command's own).
 */
export async function readInputText(
  file: string,
  what: string,
  io: CliIo,
  maxBytes = MAX_IMPORT_BYTES,
): Promise<string> {
  const named = what ? `${what} ${file === STDIN_ARG ? 'from standard input' : file}` : file;
  const tooLarge = (size: string) =>
    new UsageError(
      `${named === STDIN_ARG ? 'standard input' : named} is ${size}, above the input size limit of ${formatBytes(maxBytes)}`,
    );
  if (file === STDIN_ARG) {
    const chunks: Buffer[] = [];
    let bytes = 0;
    for await (const chunk of io.stdin ?? process.stdin) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
      bytes += b.length;
      if (bytes > maxBytes) throw tooLarge(`more than ${formatBytes(maxBytes)}`);
      chunks.push(b);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    const info = await stat(file);
    if (info.isFile() && info.size > maxBytes) throw tooLarge(formatBytes(info.size));
    return await readFile(file, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(
      `cannot read ${what ? `${what} ` : ''}${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}

export type Command = (argv: string[], io: CliIo) => Promise<number>;

/**
 * `--flag -5` → `--flag=-5` for string-valued options, so that a negative number (or a list
 * starting with one, `--source-mm -1,0,2`) reaches the flag's range check instead of being
 * read as an unknown option.
 */
export function joinNegativeValues(
  argv: string[],
  options: NonNullable<ParseArgsConfig['options']>,
): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const next = argv[i + 1];
    const option = a.startsWith('--') && !a.includes('=') ? options[a.slice(2)] : undefined;
    if (option?.type === 'string' && next !== undefined && /^-\.?\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** Strict flag parsing: unknown flags and missing values become a UsageError. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  allowPositionals = true,
) {
  try {
    return parseArgs({
      args: joinNegativeValues(argv, options),
      options,
      strict: true,
      allowPositionals,
    });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\.$/, ''));
  }
}

/** The values a numeric flag accepts: bounds inclusive unless `above` (exclusive lower bound). */
export interface NumberRange {
  min?: number;
  above?: number;
  max?: number;
  integer?: boolean;
  unit?: string;
}

/** The range in words: "a number greater than 0 and at most 100 µs". */
export function describeRange(r: NumberRange): string {
  const unit = r.unit ? ` ${r.unit}` : '';
  const what = r.integer ? 'an integer' : 'a number';
  if (r.min !== undefined && r.max !== undefined) return `${what} from ${r.min} to ${r.max}${unit}`;
  const parts: string[] = [];
  if (r.above !== undefined) parts.push(`greater than ${r.above}`);
  if (r.min !== undefined) parts.push(`at least ${r.min}`);
  if (r.max !== undefined) parts.push(`at most ${r.max}`);
  return parts.length ? `${what} ${parts.join(' and ')}${unit}` : `${what}${unit}`;
}

/** A decimal number as written by hand: no hex, binary or octal forms, no `Infinity`. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Parses `text` as a finite number inside `range`; the message names `label` (a flag such as
 * `--dt-us`, or a CSV column) and the accepted range.
 */
export function numberValue(label: string, text: string, range: NumberRange = {}): number {
  const n = Number(text);
  const inRange =
    DECIMAL.test(text.trim()) &&
    Number.isFinite(n) &&
    (range.min === undefined || n >= range.min) &&
    (range.above === undefined || n > range.above) &&
    (range.max === undefined || n <= range.max) &&
    (!range.integer || Number.isInteger(n));
  if (!inRange) throw new UsageError(`${label} must be ${describeRange(range)}, got "${text}"`);
  return n;
}

/** Parses a flag that must be a finite number (in `range`), naming the flag when it is not. */
export function numberFlag(
  name: string,
  value: string | undefined,
  fallback?: number,
  range?: NumberRange,
): number {
  if (value === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`);
    return fallback;
  }
  return numberValue(`--${name}`, value, range);
}

export function printJson(io: CliIo, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}
