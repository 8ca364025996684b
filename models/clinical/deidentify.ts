/**
 * De-identified copy of a case for sharing (teaching files, registries, research extracts).
 *
 * Method (stated in every de-identified export, `DEIDENTIFICATION`): pseudonymisation with
 * date shifting, in the style of an expert determination (45 CFR 164.514(b)(1)), NOT the
 * HIPAA Safe Harbor method: Safe Harbor removes every date element except the year
 * (164.514(b)(2)(i)(B)), which would lose trial days and relief. Here:
 * - the pseudonym becomes a code derived from the case id, and every id is renumbered;
 * - every free-text field is dropped or replaced by "[free text removed]"; every string that
 *   must come from a fixed list (body regions, lead models, vertebral levels, rule ids, PGIC
 *   anchors, contact notation) is kept only when it is on that list;
 * - every date is shifted by one per-case offset so that the earliest becomes 2000-01-01
 *   (intervals kept); times of day are dropped;
 * - ages above 89 are reported as 90 (164.514(b)(2)(i)(C)).
 *
 * Fail-safe: after the field-by-field rules, every string at a path not listed in
 * KNOWN_STRING_PATHS is removed (a calendar date is shifted instead), so a field added to the
 * case schema later is scrubbed until it is listed here.
 */
import { stableUuid } from './fhir.ts';
import { addDays, daysBetween, DRUG_AGENTS, type PatientCase } from './caseSchema.ts';
import { BODY_REGION_IDS } from './bodyRegions.ts';
import { PGIC_ANCHORS_NINDS } from './instruments.ts';
import { RULES } from './selection.ts';
import { LEAD_CATALOGUE } from '../devices/leads.ts';
import { MAX_CALENDAR_YEAR, isCalendarDate } from './calendar.ts';

export const DEID_EPOCH = '2000-01-01';
/** Safe Harbor groups ages over 89 (45 CFR 164.514(b)(2)(i)(C)). */
export const MAX_REPORTED_AGE_YEARS = 90;
export const FREE_TEXT_REMOVED = '[free text removed]';
const REMOVED = '[removed]';

/** The method statement carried by every de-identified export (JSON envelope, FHIR meta). */
export const DEIDENTIFICATION = {
  method: 'pseudonymisation-date-shift',
  standard:
    'Expert-determination style pseudonymisation (45 CFR 164.514(b)(1)); not HIPAA Safe Harbor (164.514(b)(2)), which would remove all dates but the year.',
  summary:
    'Pseudonym replaced by a derived code, ids renumbered, free text removed, listed values only for coded strings, all dates shifted by one per-case offset so the earliest is 2000-01-01 (intervals kept), ages above 89 reported as 90.',
  epoch: DEID_EPOCH,
} as const;

const REGION_IDS = new Set<string>(BODY_REGION_IDS);
const RULE_IDS = new Set<string>(RULES.map((r) => r.id));
const LEAD_MODELS = new Set<string>(LEAD_CATALOGUE.map((l) => l.id));
const PGIC_ANCHORS = new Set<string>(PGIC_ANCHORS_NINDS);
const VERTEBRAL_LEVEL = /^(C[1-8]|T([1-9]|1[0-2])|L[1-5]|S[1-5])$/;
// clinical.md §2.3 contact notation as written by pinProgram: [lead:]E<n><+|->[(<f> %)], case+
const CONTACT_TOKEN = /(?:([^\s:]+):)?E(\d{1,2})([+-])(?:\((\d{1,3}(?:\.\d+)?) %\))?|case\+/g;

/** String leaves (index-free paths) that are coded values, dates or already scrubbed. */
const KNOWN_STRING_PATHS = new Set<string>([
  'id',
  'pseudonym',
  'createdAt',
  'demographics.sex',
  'diagnoses.*.id',
  'painPhenotype',
  'painMap.*.regionId',
  'conservativeCare.medications.*.id',
  'conservativeCare.medications.*.drugClass',
  'conservativeCare.medications.*.agent',
  'conservativeCare.medications.*.outcome',
  'conservativeCare.nonDrug.*.id',
  'conservativeCare.nonDrug.*.kind',
  'conservativeCare.nonDrug.*.outcome',
  'instruments.*.id',
  'instruments.*.instrument',
  'instruments.*.context',
  'instruments.*.anchorText',
  'selection.framework',
  'selection.modality',
  'selection.fields.psychEval',
  'selection.fields.canOperateDevice',
  'selection.fields.antithromboticsManaged',
  'selection.fields.mriAnticipated',
  'selection.fields.otherActiveImplants.*',
  'selection.fields.pregnantOrPlanning',
  'selection.fields.priorTrialResult',
  'selection.overrides.*.ruleId',
  'selection.overrides.*.reason',
  'selection.acknowledgedWarnings.*',
  'trial.modality',
  'trial.leads.*.label',
  'trial.leads.*.model',
  'trial.leads.*.topLevel',
  'trial.leads.*.bottomLevel',
  'trial.sessions.*.id',
  'trial.sessions.*.program.name',
  'trial.sessions.*.program.waveform',
  'trial.sessions.*.program.contacts',
  'trial.sessions.*.paresthesiaRegions.*',
  'trial.sessions.*.sideEffects.*',
  'trial.sessions.*.notes',
  'trial.diary.*.activity',
  'trial.diary.*.medications.*.agent',
  'evaluation.patientPreference',
  'evaluation.decision',
  'evaluation.reasons',
]);

/** Date leaves: shifted. */
const DATE_PATHS = new Set<string>([
  'diagnoses.*.onsetDate',
  'instruments.*.date',
  'selection.procedureDate',
  'selection.fields.mrsaScreenDate',
  'selection.overrides.*.at',
  'trial.startDate',
  'trial.endDate',
  'trial.sessions.*.date',
  'trial.diary.*.date',
  'evaluation.decidedAt',
]);

function scrubContacts(contacts: string): string {
  const leadCodes = new Map<string, string>();
  const tokens: string[] = [];
  for (const m of contacts.matchAll(CONTACT_TOKEN)) {
    if (m[0] === 'case+') {
      tokens.push('case+');
      continue;
    }
    const lead = m[1];
    let prefix = '';
    if (lead !== undefined) {
      if (!leadCodes.has(lead)) leadCodes.set(lead, `L${leadCodes.size + 1}`);
      prefix = `${leadCodes.get(lead)}:`;
    }
    tokens.push(`${prefix}E${m[2]}${m[3]}${m[4] !== undefined ? `(${m[4]} %)` : ''}`);
  }
  return tokens.join(' ');
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function walkStrings(v: Json, path: string, fn: (s: string, path: string) => string): Json {
  if (typeof v === 'string') return fn(v, path);
  if (Array.isArray(v)) return v.map((x) => walkStrings(x, path ? `${path}.*` : '*', fn));
  if (v !== null && typeof v === 'object') {
    const out: { [k: string]: Json } = {};
    for (const [k, x] of Object.entries(v)) out[k] = walkStrings(x, path ? `${path}.${k}` : k, fn);
    return out;
  }
  return v;
}

const dayOf = (s: string) => s.slice(0, 10);

/** The field-by-field rules, before the fail-safe pass and the date shift. */
function scrubFields(c: PatientCase): PatientCase {
  const copy = structuredClone(c);
  copy.pseudonym = `DEID-${stableUuid(c.id).slice(0, 8).toUpperCase()}`;
  copy.id = stableUuid(`deid/${c.id}`);
  if (copy.demographics.ageYears !== null && copy.demographics.ageYears > MAX_REPORTED_AGE_YEARS)
    copy.demographics.ageYears = MAX_REPORTED_AGE_YEARS;
  copy.painMap = copy.painMap.filter((r) => REGION_IDS.has(r.regionId));
  copy.conservativeCare.medications = copy.conservativeCare.medications.map((m, i) => ({
    ...m,
    id: `med-${i + 1}`,
    agent: DRUG_AGENTS[m.drugClass].includes(m.agent) ? m.agent : REMOVED,
  }));
  copy.conservativeCare.nonDrug = copy.conservativeCare.nonDrug.map(
    ({ note: _note, ...rest }, i) => ({ ...rest, id: `care-${i + 1}` }),
  );
  copy.instruments = copy.instruments.map(({ anchorText, ...a }, i) => ({
    ...a,
    id: `instr-${i + 1}`,
    ...(anchorText !== undefined && PGIC_ANCHORS.has(anchorText) ? { anchorText } : {}),
  }));
  copy.selection.overrides = copy.selection.overrides.map((o) => ({
    ruleId: RULE_IDS.has(o.ruleId) ? o.ruleId : REMOVED,
    reason: FREE_TEXT_REMOVED,
    at: isCalendarDate(dayOf(o.at)) ? dayOf(o.at) : DEID_EPOCH,
  }));
  copy.selection.acknowledgedWarnings = copy.selection.acknowledgedWarnings.filter((w) =>
    RULE_IDS.has(w),
  );
  if (copy.trial) {
    const t = copy.trial;
    t.linkedScenarioId = null;
    t.leads = t.leads.map((l, i) => ({
      label: `Lead ${i + 1}`,
      model: LEAD_MODELS.has(l.model) ? l.model : '',
      topLevel: VERTEBRAL_LEVEL.test(l.topLevel) ? l.topLevel : '',
      bottomLevel: VERTEBRAL_LEVEL.test(l.bottomLevel) ? l.bottomLevel : '',
    }));
    t.sessions = t.sessions.map(
      ({ programSnapshot: _snap, paresthesiaDescriptor: _desc, ...s }, i) => ({
        ...s,
        id: `session-${i + 1}`,
        program: {
          ...s.program,
          name: `Program ${i + 1}`,
          contacts: scrubContacts(s.program.contacts),
        },
        paresthesiaRegions: s.paresthesiaRegions.filter((r) => REGION_IDS.has(r)),
        notes: '',
      }),
    );
    t.diary = t.diary.map((d) => ({ ...d, activity: '' }));
  }
  copy.evaluation.reasons = copy.evaluation.reasons ? FREE_TEXT_REMOVED : '';
  return copy;
}

/** The offset (days) that moves the earliest date to DEID_EPOCH, kept inside the calendar. */
function shiftDaysFor(dates: readonly string[]): number {
  const sorted = [...dates].sort();
  const earliest = sorted[0];
  const latest = sorted[sorted.length - 1];
  if (!earliest || !latest) return 0;
  let shift = daysBetween(earliest, DEID_EPOCH);
  // a span over 100 years would push the latest date past the calendar's end: end there instead
  const lastDay = `${MAX_CALENDAR_YEAR}-12-31`;
  if (addDays(latest, shift) > lastDay) shift = daysBetween(latest, lastDay);
  return shift;
}

/** A de-identified copy of a case (see the module comment for the method). Never throws. */
export function deidentifyCase(c: PatientCase): PatientCase {
  const scrubbed = scrubFields(c) as unknown as Json;
  const isDate = (s: string, path: string) =>
    DATE_PATHS.has(path) || (!KNOWN_STRING_PATHS.has(path) && isCalendarDate(s));
  const dates: string[] = [];
  const failSafe = walkStrings(scrubbed, '', (s, path) => {
    if (isDate(s, path)) {
      if (isCalendarDate(s)) {
        dates.push(s);
        return s;
      }
      return DEID_EPOCH;
    }
    return KNOWN_STRING_PATHS.has(path) ? s : REMOVED;
  });
  const shift = shiftDaysFor(dates);
  const shifted = walkStrings(failSafe, '', (s, path) =>
    isDate(s, path) && isCalendarDate(s) ? addDays(s, shift) : s,
  ) as unknown as PatientCase;
  shifted.createdAt = `${DEID_EPOCH}T00:00:00.000Z`;
  return shifted;
}
