/**
 * Lossless versioned JSON for a patient case, and validated import: the file is migrated from
 * older schema versions, then parsed; every problem is reported with its path, and on any
 * problem nothing is accepted (DESIGN.md "Schemas at the edges").
 */
import { CASE_SCHEMA_VERSION, CaseSchema, type PatientCase } from './caseSchema.ts';
import { migrateCase } from './migrations.ts';
import { caseLimitIssues } from './limits.ts';
import {
  MAX_JSON_DEPTH,
  parseJsonWithinLimits,
  unknownKeys,
  valueDepth,
  type TextLimits,
} from '../limits.ts';

export const CASE_FILE_KIND = 'neuromod-planner/case';

export interface CaseFile {
  kind: typeof CASE_FILE_KIND;
  schemaVersion: number;
  exportedAt: string;
  case: PatientCase;
  /** on de-identified exports: the method used (deidentify.ts DEIDENTIFICATION) */
  deidentification?: Readonly<Record<string, string>>;
}

export interface FieldIssue {
  /** dotted path, e.g. "trial.sessions.0.nrs" ("" for the whole file) */
  path: string;
  message: string;
}

export type CaseParseResult =
  | { ok: true; value: PatientCase; migratedFrom: number | null }
  | { ok: false; issues: FieldIssue[] };

/** Keys of the case file envelope (`deidentification` on de-identified exports). */
const ENVELOPE_KEYS: readonly string[] = [
  'kind',
  'schemaVersion',
  'exportedAt',
  'case',
  'deidentification',
];

function pathOf(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

/** Validates a case object of any known schema version (a bare case or a case file envelope). */
export function parseCase(input: unknown): CaseParseResult {
  let raw = input;
  let prefix = '';
  if (
    typeof raw === 'object' &&
    raw !== null &&
    (raw as { kind?: unknown }).kind === CASE_FILE_KIND
  ) {
    const envelopeExtra = Object.keys(raw).filter((k) => !ENVELOPE_KEYS.includes(k));
    if (envelopeExtra.length > 0) {
      return {
        ok: false,
        issues: envelopeExtra.map((k) => ({
          path: k,
          message: 'unknown field: this version of the app does not know it (it would be lost)',
        })),
      };
    }
    raw = (raw as { case?: unknown }).case;
    prefix = 'case.';
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      issues: [{ path: prefix.replace(/\.$/, ''), message: 'expected a patient case object' }],
    };
  }
  const depth = valueDepth(raw);
  if (depth > MAX_JSON_DEPTH) {
    return {
      ok: false,
      issues: [
        {
          path: prefix.replace(/\.$/, ''),
          message: `the case nests more than ${MAX_JSON_DEPTH} levels deep (the nesting limit)`,
        },
      ],
    };
  }
  const migrated = migrateCase(raw as Record<string, unknown>);
  if (!migrated.ok)
    return {
      ok: false,
      issues: migrated.issues.map((i) => ({ path: prefix + i.path, message: i.message })),
    };
  const parsed = CaseSchema.safeParse(migrated.value);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({
        path: (prefix + pathOf(i.path)).replace(/\.$/, ''),
        message: i.message,
      })),
    };
  }
  const extra = [...unknownKeys(migrated.value, parsed.data), ...caseLimitIssues(parsed.data)];
  if (extra.length > 0) {
    return {
      ok: false,
      issues: extra.map((i) => ({
        path: (prefix + i.path).replace(/\.$/, ''),
        message: i.message,
      })),
    };
  }
  return {
    ok: true,
    value: parsed.data,
    migratedFrom: migrated.from === CASE_SCHEMA_VERSION ? null : migrated.from,
  };
}

/**
 * Parses the text of a case file (JSON) after the size and nesting limits; a syntax error or
 * a limit is one issue at the root.
 */
export function parseCaseText(text: string, limits: TextLimits = {}): CaseParseResult {
  const json = parseJsonWithinLimits(text, limits);
  return json.ok ? parseCase(json.value) : { ok: false, issues: json.issues };
}

/** Serialises a case losslessly inside a versioned envelope. */
export function caseToJson(
  c: PatientCase,
  exportedAt: Date = new Date(),
  deidentification?: Readonly<Record<string, string>>,
): string {
  const file: CaseFile = {
    kind: CASE_FILE_KIND,
    schemaVersion: CASE_SCHEMA_VERSION,
    exportedAt: exportedAt.toISOString(),
    case: c,
    ...(deidentification ? { deidentification } : {}),
  };
  return JSON.stringify(file, null, 2);
}

export function formatIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => `${i.path || '(file)'}: ${i.message}`).join('\n');
}
