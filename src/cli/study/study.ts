/**
 * A study: one base scenario and the axes it varies (programs, amplitudes, pulse widths, rates,
 * lead positions, anatomy variants, conductivity sets), expanded as a Cartesian grid into jobs.
 * Each job is a whole scenario with a stable id (its place in the grid and its scenario hash),
 * so that a result store can tell which jobs are done, whichever machine ran them.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { runScenario, type RunResult } from '../../../models/estimate/index.ts';
import type { LeadFieldLru } from '../../../models/field/cache.ts';
import {
  ProgramSchema,
  canonicalJson,
  parseScenario,
  type Scenario,
} from '../../../models/scenario.ts';

/** Most jobs one study may expand to (our limit: a million lines of results per store). */
export const MAX_STUDY_JOBS = 1_000_000;
const MAX_AXIS_VALUES = 10_000;

const axis = <T extends z.ZodTypeAny>(item: T) => z.array(item).min(1).max(MAX_AXIS_VALUES);

const ShiftSchema = z
  .object({ xMm: z.number().finite(), yMm: z.number().finite(), zMm: z.number().finite() })
  .strict();

export const StudySchema = z
  .object({
    kind: z.literal('neuromod-study'),
    studyVersion: z.literal(1),
    name: z.string().min(1).max(120),
    /** the scenario every job starts from (a Scenario JSON, as `neuromod run` reads) */
    base: z.unknown(),
    tier: z.enum(['instant', 'full']).default('instant'),
    axes: z
      .object({
        /** whole contact programs (the scenario's program.contacts), one per grid value */
        contacts: axis(ProgramSchema.shape.contacts).optional(),
        amplitudeMa: axis(z.number().finite()).optional(),
        pulseWidthUs: axis(z.number().finite()).optional(),
        rateHz: axis(z.number().finite()).optional(),
        /** every lead's tip moved by this much (anatomy-frame mm) */
        leadShiftMm: axis(ShiftSchema).optional(),
        /** anatomy fields set over the base's (e.g. {"dorsalCsfThicknessMm": 4}) */
        anatomy: axis(z.record(z.string(), z.unknown())).optional(),
        /** tissue conductivity sets by name (the scenario's model.conductivityPreset) */
        conductivityPreset: axis(z.string().min(1).max(64)).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();
export type Study = z.infer<typeof StudySchema>;
type Axes = Study['axes'];
export type AxisName = keyof Axes;

export const AXIS_ORDER: AxisName[] = [
  'contacts',
  'amplitudeMa',
  'pulseWidthUs',
  'rateHz',
  'leadShiftMm',
  'anatomy',
  'conductivityPreset',
];

export interface StudyJob {
  /** place in the grid, zero-padded (j000042) */
  id: string;
  /** SHA-256 of the expanded scenario's canonical JSON (first 16 hex digits) */
  scenarioHash: string;
  /** the axis values of this job */
  at: Partial<Record<AxisName, unknown>>;
  tier: 'instant' | 'full';
  scenario: Scenario;
}

export class StudyError extends Error {}

/** The study's problems as one line each, naming the field. */
export function parseStudy(raw: unknown): Study {
  const r = StudySchema.safeParse(raw);
  if (!r.success) {
    throw new StudyError(
      r.error.issues
        .map((i) => `${i.path.length ? i.path.join('.') : '(study)'}: ${i.message}`)
        .join('; '),
    );
  }
  const base = parseScenario(r.data.base);
  if (!base.ok)
    throw new StudyError(base.issues.map((i) => `base.${i.path}: ${i.message}`).join('; '));
  return r.data;
}

export function scenarioHash(s: Scenario): string {
  return createHash('sha256').update(canonicalJson(s)).digest('hex').slice(0, 16);
}

/** How many jobs the study expands to. */
export function jobCount(study: Study): number {
  return AXIS_ORDER.reduce((n, a) => n * (study.axes[a]?.length ?? 1), 1);
}

function applyAxis(raw: Record<string, unknown>, name: AxisName, value: unknown): void {
  const program = raw.program as Record<string, unknown>;
  switch (name) {
    case 'contacts':
      program.contacts = value;
      break;
    case 'amplitudeMa':
    case 'pulseWidthUs':
    case 'rateHz':
      program[name] = value;
      break;
    case 'leadShiftMm': {
      const d = value as { xMm: number; yMm: number; zMm: number };
      for (const lead of raw.leads as { tipMm: { xMm: number; yMm: number; zMm: number } }[]) {
        lead.tipMm = {
          xMm: lead.tipMm.xMm + d.xMm,
          yMm: lead.tipMm.yMm + d.yMm,
          zMm: lead.tipMm.zMm + d.zMm,
        };
      }
      break;
    }
    case 'anatomy':
      raw.anatomy = { ...(raw.anatomy as object), ...(value as object) };
      break;
    case 'conductivityPreset':
      raw.model = { ...(raw.model as object), conductivityPreset: value };
      break;
  }
}

/**
 * The study's jobs in grid order (the last axis varies fastest), each scenario validated: a
 * combination the scenario schema refuses names its job and the field.
 */
export function* expandStudy(study: Study): Generator<StudyJob> {
  const total = jobCount(study);
  if (total > MAX_STUDY_JOBS)
    throw new StudyError(`axes: ${total} jobs, more than the ${MAX_STUDY_JOBS} a study may have`);
  const base = parseScenario(study.base);
  if (!base.ok)
    throw new StudyError(base.issues.map((i) => `base.${i.path}: ${i.message}`).join('; '));
  const present = AXIS_ORDER.filter((a) => study.axes[a]);
  const width = String(Math.max(total - 1, 0)).length;
  for (let index = 0; index < total; index++) {
    const raw = JSON.parse(JSON.stringify(base.value)) as Record<string, unknown>;
    const at: StudyJob['at'] = {};
    let rest = index;
    for (let k = present.length - 1; k >= 0; k--) {
      const name = present[k]!;
      const values = study.axes[name]! as unknown[];
      const value = values[rest % values.length];
      rest = Math.floor(rest / values.length);
      at[name] = value;
      applyAxis(raw, name, value);
    }
    const id = `j${String(index).padStart(width, '0')}`;
    const parsed = parseScenario(raw);
    if (!parsed.ok) {
      throw new StudyError(
        `job ${id} (${JSON.stringify(at)}): ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      );
    }
    yield {
      id,
      scenarioHash: scenarioHash(parsed.value),
      at,
      tier: study.tier,
      scenario: parsed.value,
    };
  }
}

/** One line of a result store: a job's id, hash, axis values and its result or error. */
export interface StudyRecord {
  jobId: string;
  scenarioHash: string;
  at: StudyJob['at'];
  result?: unknown;
  error?: string;
}

/**
 * A result without what depends on the machine and the moment (elapsed times, the clock,
 * whether a field came from a cache), so that the same job gives the same text anywhere.
 */
export function reproducibleResult(r: RunResult): unknown {
  const { elapsedMs: _e, provenance, field, ...rest } = r;
  const { time: _t, ...prov } = provenance;
  const { elapsedMs: _fe, fromCache: _fc, ...f } = field;
  return { ...rest, provenance: prov, field: f };
}

/** Runs one job in this process. */
export function runJob(job: StudyJob, appVersion: string, cache?: LeadFieldLru): StudyRecord {
  const head = { jobId: job.id, scenarioHash: job.scenarioHash, at: job.at };
  try {
    const r = runScenario(job.scenario, {
      tier: job.tier,
      appVersion,
      ...(cache ? { cache } : {}),
    });
    return { ...head, result: reproducibleResult(r) };
  } catch (e) {
    return { ...head, error: (e as Error).message };
  }
}

/** A record as one store line: canonical JSON (equal records, equal text). */
export function recordLine(r: StudyRecord): string {
  return canonicalJson(r);
}
