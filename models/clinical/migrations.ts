/**
 * Case schema migrations, one step per version. Version 1 (the first records prototype) kept
 * age and sex at the top level (`age`, `sex` as "M"/"F"/"X"), the pain map as
 * `{region, intensity}` and no acknowledged warnings. Version 2 had no laterality, opioid
 * route, trial removal, implant, follow-ups, adverse events or revisions, and no ischaemic-pain field; version 3 is `caseSchema.ts`.
 */
import { CASE_SCHEMA_VERSION, EMPTY_INFECTION_PREVENTION, daysBetween } from './caseSchema.ts';

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
  2: (doc) => {
    // a list is migrated entry by entry; anything else is left for the schema to refuse
    const mapList = (v: unknown, f: (x: Doc) => unknown): unknown =>
      Array.isArray(v) ? (v as Doc[]).map(f) : v;
    const selection = (doc.selection ?? {}) as Doc;
    const fields = (selection.fields ?? {}) as Doc;
    const care = (doc.conservativeCare ?? {}) as Doc;
    const trial = doc.trial as Doc | null | undefined;
    const start = typeof trial?.startDate === 'string' ? trial.startDate : null;
    const dayOf = (date: unknown, fallback: unknown) =>
      start !== null && typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date)
        ? daysBetween(start, date)
        : fallback;
    return {
      ...doc,
      schemaVersion: 3,
      diagnoses: mapList(doc.diagnoses, (d) =>
        isRecord(d) ? { ...d, laterality: d.laterality ?? null } : d,
      ),
      conservativeCare: {
        ...care,
        medications: mapList(care.medications, (m) =>
          isRecord(m)
            ? {
                ...m,
                route: m.route ?? (m.agent === 'fentanyl-transdermal' ? 'transdermal' : null),
              }
            : m,
        ),
      },
      selection: {
        ...selection,
        fields: { ...fields, painOfIschaemicOrigin: fields.painOfIschaemicOrigin ?? null },
      },
      trial:
        trial && typeof trial === 'object'
          ? {
              ...trial,
              // Session and diary days counted from the start date (day 0), as the dates say.
              // (entries that are not objects are left for the schema to refuse by path)
              sessions: mapList(trial.sessions, (x) =>
                isRecord(x) ? { ...x, trialDay: dayOf(x.date, x.trialDay) } : x,
              ),
              diary: mapList(trial.diary, (x) =>
                isRecord(x) ? { ...x, day: dayOf(x.date, x.day) } : x,
              ),
              attempt: trial.attempt ?? 1,
              removalDate: trial.removalDate ?? null,
              removalNote: trial.removalNote ?? '',
              infectionPrevention: trial.infectionPrevention ?? { ...EMPTY_INFECTION_PREVENTION },
            }
          : (trial ?? null),
      implant: doc.implant ?? null,
      followUps: doc.followUps ?? [],
      adverseEvents: doc.adverseEvents ?? [],
      revisions: doc.revisions ?? [],
    };
  },
};

function isRecord(x: unknown): x is Doc {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

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
