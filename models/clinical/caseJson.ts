/**
 * Lossless versioned JSON for a patient case, and validated import: the file is migrated from
 * older schema versions, then parsed; every problem is reported with its path, and on any
 * problem nothing is accepted (DESIGN.md "Schemas at the edges").
 */
import { CASE_SCHEMA_VERSION, CaseSchema, type PatientCase } from './caseSchema.ts';
import { migrateCase } from './migrations.ts';

export const CASE_FILE_KIND = 'neuromod-planner/case';

export interface CaseFile {
  kind: typeof CASE_FILE_KIND;
  schemaVersion: number;
  exportedAt: string;
  case: PatientCase;
}

export interface FieldIssue {
  /** dotted path, e.g. "trial.sessions.0.nrs" ("" for the whole file) */
  path: string;
  message: string;
}

export type CaseParseResult =
  | { ok: true; value: PatientCase; migratedFrom: number | null }
  | { ok: false; issues: FieldIssue[] };

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
    raw = (raw as { case?: unknown }).case;
    prefix = 'case.';
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      issues: [{ path: prefix.replace(/\.$/, ''), message: 'expected a patient case object' }],
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
  return {
    ok: true,
    value: parsed.data,
    migratedFrom: migrated.from === CASE_SCHEMA_VERSION ? null : migrated.from,
  };
}

/** Parses the text of a case file (JSON); a syntax error is one issue at the root. */
export function parseCaseText(text: string): CaseParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return {
      ok: false,
      issues: [{ path: '', message: `not valid JSON: ${(e as Error).message}` }],
    };
  }
  return parseCase(json);
}

/** Serialises a case losslessly inside a versioned envelope. */
export function caseToJson(c: PatientCase, exportedAt: Date = new Date()): string {
  const file: CaseFile = {
    kind: CASE_FILE_KIND,
    schemaVersion: CASE_SCHEMA_VERSION,
    exportedAt: exportedAt.toISOString(),
    case: c,
  };
  return JSON.stringify(file, null, 2);
}

export function formatIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => `${i.path || '(file)'}: ${i.message}`).join('\n');
}
