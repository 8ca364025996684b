/**
 * Plausibility of a parsed case, beyond what each field's schema says on its own: instrument
 * answers within each item's range (the instrument registry's `checkAnswers`), session and
 * diary dates inside the trial window, doses and durations of a plausible magnitude, no
 * overlong text, and a pinned program snapshot that is a real scenario (and, when it carries
 * one, a well-formed result summary). Run at every edge
 * by `parseCase`, so import, IndexedDB reads and the CLI refuse the same things.
 */
import { MAX_TEXT_CHARS, overlongStrings, type LimitIssue } from '../limits.ts';
import { parseScenario } from '../scenario.ts';
import { ResultSummarySchema } from '../estimate/resultSummary.ts';
import type { PatientCase } from './caseSchema.ts';
import { InstrumentInputError, checkAnswers } from './instruments.ts';

/**
 * Highest daily dose accepted (mg/day; µg/h for transdermal fentanyl). The highest labelled
 * daily doses of the agents listed are gabapentin 3600 mg/day (Neurontin label) and
 * pregabalin 600 mg/day; opioid doses in cancer pain reach a few thousand mg/day oral
 * morphine equivalent (WHO 2018 cancer pain guideline). 10 000 is above all of them.
 */
export const MAX_DOSE_PER_DAY = 10_000;

/** Longest treatment duration: 100 years, in weeks (no patient record spans more). */
export const MAX_DURATION_WEEKS = 5_200;

export { MAX_TEXT_CHARS };

export const SNAPSHOT_KIND = 'neuromod-planner/scenario-snapshot';

function snapshotIssues(snapshot: unknown, path: string): LimitIssue[] {
  if (snapshot === undefined) return [];
  const o = snapshot as { kind?: unknown; scenario?: unknown; result?: unknown } | null;
  if (typeof o !== 'object' || o === null || o.kind !== SNAPSHOT_KIND) {
    return [{ path: `${path}.kind`, message: `expected a pinned program ("${SNAPSHOT_KIND}")` }];
  }
  const s = parseScenario(o.scenario);
  const issues = s.ok
    ? []
    : s.issues.map((i) => ({ path: `${path}.scenario.${i.path}`, message: i.message }));
  // the pinned Result (resultSummary.ts) is optional: snapshots pinned before it carry none
  if (o.result !== undefined) {
    const r = ResultSummarySchema.safeParse(o.result);
    if (!r.success)
      issues.push(
        ...r.error.issues.map((i) => ({
          path: [`${path}.result`, ...i.path.map(String)].join('.'),
          message: i.message,
        })),
      );
  }
  return issues;
}

/** Every plausibility problem of a schema-valid case, by path. */
export function caseLimitIssues(c: PatientCase): LimitIssue[] {
  const issues: LimitIssue[] = [];
  c.instruments.forEach((a, i) => {
    try {
      checkAnswers(a.instrument, a.answers);
    } catch (e) {
      if (!(e instanceof InstrumentInputError)) throw e;
      const item = e.item - 1;
      const path =
        item < a.answers.length ? `instruments.${i}.answers.${item}` : `instruments.${i}.answers`;
      issues.push({ path, message: e.message });
    }
  });
  c.conservativeCare.medications.forEach((m, i) => {
    if (m.dose !== null && m.dose > MAX_DOSE_PER_DAY)
      issues.push({
        path: `conservativeCare.medications.${i}.dose`,
        message: `dose ${m.dose} is above the plausible maximum of ${MAX_DOSE_PER_DAY} per day`,
      });
    if (m.durationWeeks !== null && m.durationWeeks > MAX_DURATION_WEEKS)
      issues.push({
        path: `conservativeCare.medications.${i}.durationWeeks`,
        message: `${m.durationWeeks} weeks is above the plausible maximum of ${MAX_DURATION_WEEKS}`,
      });
  });
  c.conservativeCare.nonDrug.forEach((m, i) => {
    if (m.durationWeeks !== null && m.durationWeeks > MAX_DURATION_WEEKS)
      issues.push({
        path: `conservativeCare.nonDrug.${i}.durationWeeks`,
        message: `${m.durationWeeks} weeks is above the plausible maximum of ${MAX_DURATION_WEEKS}`,
      });
  });
  const t = c.trial;
  if (t) {
    const window = `the trial window ${t.startDate} to ${t.endDate}`;
    t.sessions.forEach((s, i) => {
      if (s.date < t.startDate || s.date > t.endDate)
        issues.push({
          path: `trial.sessions.${i}.date`,
          message: `${s.date} is outside ${window}`,
        });
      issues.push(...snapshotIssues(s.programSnapshot, `trial.sessions.${i}.programSnapshot`));
    });
    t.diary.forEach((d, i) => {
      if (d.date < t.startDate || d.date > t.endDate)
        issues.push({ path: `trial.diary.${i}.date`, message: `${d.date} is outside ${window}` });
      d.medications.forEach((m, j) => {
        if (m.dose > MAX_DOSE_PER_DAY)
          issues.push({
            path: `trial.diary.${i}.medications.${j}.dose`,
            message: `dose ${m.dose} is above the plausible maximum of ${MAX_DOSE_PER_DAY} per day`,
          });
      });
    });
  }
  issues.push(...overlongStrings(c));
  return issues;
}
