import { parseArgs, type ParseArgsConfig } from 'node:util';

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
}

export const processIo: CliIo = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

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

/**
 * Parses `text` as a finite number inside `range`; the message names `label` (a flag such as
 * `--dt-us`, or a CSV column) and the accepted range.
 */
export function numberValue(label: string, text: string, range: NumberRange = {}): number {
  const n = Number(text);
  const inRange =
    text.trim() !== '' &&
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
