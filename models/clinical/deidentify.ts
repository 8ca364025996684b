/**
 * De-identified copy of a case for sharing: the pseudonym is replaced by a code derived from
 * the case id, free text is dropped, ages above 89 are grouped as 90 and every date is shifted
 * so the earliest becomes 2000-01-01 (HIPAA Safe Harbor style: no dates, ages over 89 grouped;
 * intervals between dates are kept so trial days and relief stay right).
 */
import { stableUuid } from './fhir.ts';
import { addDays, daysBetween, type PatientCase } from './caseSchema.ts';

export const DEID_EPOCH = '2000-01-01';
/** Safe Harbor groups ages over 89 (45 CFR 164.514(b)(2)(i)(C)). */
export const MAX_REPORTED_AGE_YEARS = 90;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function collectDates(v: unknown, out: string[]): void {
  if (typeof v === 'string' && DATE.test(v)) out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => collectDates(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => collectDates(x, out));
}

function shiftDates<T>(v: T, shiftDays: number): T {
  if (typeof v === 'string' && DATE.test(v)) return addDays(v, shiftDays) as T;
  if (Array.isArray(v)) return v.map((x) => shiftDates(x, shiftDays)) as T;
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, shiftDates(x, shiftDays)]),
    ) as T;
  return v;
}

export function deidentifyCase(c: PatientCase): PatientCase {
  const dates: string[] = [];
  collectDates(c, dates);
  const earliest = dates.sort()[0];
  const shift = earliest ? daysBetween(earliest, DEID_EPOCH) : 0;
  const copy: PatientCase = shiftDates(structuredClone(c), shift);
  copy.pseudonym = `DEID-${stableUuid(c.id).slice(0, 8).toUpperCase()}`;
  copy.id = stableUuid(`deid/${c.id}`);
  copy.createdAt = `${DEID_EPOCH}T00:00:00.000Z`;
  if (
    copy.demographics.ageYears !== null &&
    copy.demographics.ageYears > MAX_REPORTED_AGE_YEARS - 1
  )
    copy.demographics.ageYears = MAX_REPORTED_AGE_YEARS;
  copy.conservativeCare.nonDrug = copy.conservativeCare.nonDrug.map(
    ({ note: _note, ...rest }) => rest,
  );
  copy.selection.overrides = copy.selection.overrides.map((o) => ({
    ruleId: o.ruleId,
    reason: o.reason,
    at: DEID_EPOCH,
  }));
  if (copy.trial) {
    copy.trial.linkedScenarioId = null;
    copy.trial.sessions = copy.trial.sessions.map(({ programSnapshot: _snap, ...s }) => ({
      ...s,
      notes: '',
    }));
    copy.trial.diary = copy.trial.diary.map((d) => ({ ...d, activity: '' }));
  }
  copy.evaluation.reasons = copy.evaluation.reasons ? '[free text removed]' : '';
  return copy;
}
