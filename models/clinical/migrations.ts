/**
 * Case schema migrations, one step per version. Version 1 (the first records prototype) kept
 * age and sex at the top level (`age`, `sex` as "M"/"F"/"X"), the pain map as
 * `{region, intensity}` and no acknowledged warnings; version 2 is `caseSchema.ts`.
 */
import { CASE_SCHEMA_VERSION } from './caseSchema.ts';

type Doc = Record<string, unknown>;
type Step = (doc: Doc) => Doc;

const SEX_V1: Readonly<Record<string, string>> = {
  M: 'male',
  F: 'female',
  X: 'other',
  U: 'unknown',
};

export const MIGRATIONS: Readonly<Record<number, Step>> = {
  1: (doc) => {
    const { age, sex, painMap, ...rest } = doc;
    const selection = (rest.selection ?? {}) as Doc;
    return {
      ...rest,
      schemaVersion: 2,
      demographics: {
        ageYears: typeof age === 'number' ? age : null,
        sex: typeof sex === 'string' ? (SEX_V1[sex] ?? sex) : 'unknown',
      },
      painMap: Array.isArray(painMap)
        ? painMap.map((r: unknown) => {
            const o = (r ?? {}) as Doc;
            return {
              regionId: o.region ?? o.regionId,
              intensityNrs: o.intensity ?? o.intensityNrs,
            };
          })
        : painMap,
      selection: { ...selection, acknowledgedWarnings: selection.acknowledgedWarnings ?? [] },
    };
  },
};

export type MigrationResult =
  | { ok: true; value: Doc; from: number }
  | { ok: false; issues: { path: string; message: string }[] };

export function migrateCase(doc: Doc): MigrationResult {
  const version = doc.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return {
      ok: false,
      issues: [
        {
          path: 'schemaVersion',
          message: 'missing or not an integer: is this a Neuromod Planner case file?',
        },
      ],
    };
  }
  if (version > CASE_SCHEMA_VERSION) {
    return {
      ok: false,
      issues: [
        {
          path: 'schemaVersion',
          message: `version ${version} is newer than this app understands (${CASE_SCHEMA_VERSION}); update the app`,
        },
      ],
    };
  }
  let current = doc;
  for (let v = version; v < CASE_SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step)
      return {
        ok: false,
        issues: [{ path: 'schemaVersion', message: `no migration from version ${v}` }],
      };
    current = step(current);
  }
  return { ok: true, value: current, from: version };
}
