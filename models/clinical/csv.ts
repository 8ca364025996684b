/**
 * REDCap-style CSV export: one row for the non-repeating forms (screening, end of trial) and
 * one row per instance of each repeating form (medication, non-drug care, instrument, session,
 * diary), keyed by `record_id`, `redcap_repeat_instrument`, `redcap_repeat_instance`; plus a
 * data dictionary in REDCap's column layout. Instrument set: clinical.md §5.2.
 */
import { diagnosisById } from './diagnoses.ts';
import { tryScore } from './instruments.ts';
import { overlapPercent } from './bodyRegions.ts';
import { currentMme, diaryMme, evaluateTrial } from './evaluation.ts';
import { evaluateSelection } from './selection.ts';
import type { PatientCase } from './caseSchema.ts';

type FieldType = 'text' | 'notes' | 'dropdown' | 'yesno' | 'calc';
interface FieldDef {
  name: string;
  form: string;
  type: FieldType;
  label: string;
  choices?: string;
  validation?: 'integer' | 'number' | 'date_ymd';
  min?: number;
  max?: number;
  note?: string;
}

const f = (
  form: string,
  name: string,
  type: FieldType,
  label: string,
  extra: Partial<FieldDef> = {},
): FieldDef => ({ name, form, type, label, ...extra });

export const CSV_FIELDS: readonly FieldDef[] = [
  f('screening', 'record_id', 'text', 'Record ID'),
  f('screening', 'pseudonym', 'text', 'Pseudonym'),
  f('screening', 'age_years', 'text', 'Age (years)', { validation: 'integer', min: 0, max: 120 }),
  f('screening', 'sex', 'dropdown', 'Sex', {
    choices: 'female, female | male, male | other, other | unknown, unknown',
  }),
  f('screening', 'primary_dx', 'text', 'Primary diagnosis (clinical.md §1.2 id)'),
  f('screening', 'primary_dx_icd10', 'text', 'Primary diagnosis ICD-10-CM', {
    note: 'codes unverified (clinical.md §1.2)',
  }),
  f('screening', 'pain_phenotype', 'dropdown', 'Pain phenotype', {
    choices: 'neuropathic, neuropathic | mixed, mixed | nociceptive, nociceptive',
  }),
  f('screening', 'pain_duration_months', 'text', 'Pain duration (months)', {
    validation: 'number',
    min: 0,
  }),
  f('screening', 'pain_regions', 'notes', 'Pain map: region=NRS; …'),
  f('screening', 'framework', 'text', 'Coverage framework'),
  f('screening', 'modality', 'text', 'Planned modality'),
  f('screening', 'verdict', 'text', 'Checklist verdict'),
  f('screening', 'mme_per_day', 'text', 'Current MME/day (CDC 2022)', {
    validation: 'number',
    min: 0,
  }),
  f('medication', 'med_class', 'text', 'Drug class'),
  f('medication', 'med_agent', 'text', 'Agent'),
  f('medication', 'med_dose', 'text', 'Dose (mg/day; µg/h for transdermal fentanyl)', {
    validation: 'number',
    min: 0,
  }),
  f('medication', 'med_duration_weeks', 'text', 'Duration (weeks)', {
    validation: 'number',
    min: 0,
  }),
  f('medication', 'med_outcome', 'dropdown', 'Outcome', {
    choices:
      'ineffective, ineffective | intolerable, intolerable | contraindicated, contraindicated | partial, partial',
  }),
  f('medication', 'med_current', 'yesno', 'Currently taken'),
  f('non_drug_care', 'care_kind', 'text', 'Non-drug care'),
  f('non_drug_care', 'care_duration_weeks', 'text', 'Duration (weeks)', {
    validation: 'number',
    min: 0,
  }),
  f('non_drug_care', 'care_outcome', 'text', 'Outcome'),
  f('instrument', 'instr_id', 'text', 'Instrument'),
  f('instrument', 'instr_date', 'text', 'Date', { validation: 'date_ymd' }),
  f('instrument', 'instr_context', 'text', 'Context'),
  f('instrument', 'instr_answers', 'text', 'Item answers (| separated; empty = missing)'),
  f('instrument', 'instr_total', 'calc', 'Total score'),
  f('instrument', 'instr_percent', 'calc', 'Percent (ODI)'),
  f('instrument', 'instr_band', 'calc', 'Band / anchor'),
  f('instrument', 'instr_flags', 'calc', 'Flags'),
  f('session', 'ses_date', 'text', 'Session date', { validation: 'date_ymd' }),
  f('session', 'ses_day', 'text', 'Trial day', { validation: 'integer' }),
  f('session', 'ses_waveform', 'text', 'Waveform'),
  f('session', 'ses_amplitude_ma', 'text', 'Amplitude (mA)', { validation: 'number' }),
  f('session', 'ses_pw_us', 'text', 'Pulse width (µs)', { validation: 'number' }),
  f('session', 'ses_rate_hz', 'text', 'Rate (Hz)', { validation: 'number' }),
  f('session', 'ses_contacts', 'text', 'Electrode configuration'),
  f('session', 'ses_impedances_ohm', 'text', 'Impedances (Ω, | separated)'),
  f('session', 'ses_perception_ma', 'text', 'Perception threshold (mA)', { validation: 'number' }),
  f('session', 'ses_comfort_ma', 'text', 'Comfort level (mA)', { validation: 'number' }),
  f('session', 'ses_max_ma', 'text', 'Maximum tolerable (mA)', { validation: 'number' }),
  f('session', 'ses_overlap_pct', 'calc', 'Paresthesia–pain overlap (%)'),
  f('session', 'ses_nrs', 'text', 'NRS', { validation: 'integer', min: 0, max: 10 }),
  f('session', 'ses_side_effects', 'text', 'Side effects'),
  f('diary', 'dia_day', 'text', 'Trial day', { validation: 'integer' }),
  f('diary', 'dia_date', 'text', 'Date', { validation: 'date_ymd' }),
  f('diary', 'dia_avg_nrs', 'text', 'Average NRS', { validation: 'integer', min: 0, max: 10 }),
  f('diary', 'dia_worst_nrs', 'text', 'Worst NRS', { validation: 'integer', min: 0, max: 10 }),
  f('diary', 'dia_sleep_h', 'text', 'Sleep (h)', { validation: 'number', min: 0, max: 24 }),
  f('diary', 'dia_mme', 'calc', 'MME/day'),
  f('diary', 'dia_pgic', 'text', 'PGIC (1–7)', { validation: 'integer', min: 1, max: 7 }),
  f('diary', 'dia_activity', 'notes', 'Activity'),
  f('end_of_trial', 'relief_pct', 'calc', 'Pain relief vs baseline (%)'),
  f('end_of_trial', 'meets_50', 'calc', 'Meets ≥ 50 % rule'),
  f('end_of_trial', 'odi_change', 'calc', 'ODI change (points)'),
  f('end_of_trial', 'mme_change', 'calc', 'MME change (MME/day)'),
  f('end_of_trial', 'pgic', 'calc', 'PGIC'),
  f('end_of_trial', 'preference', 'text', 'Patient preference'),
  f('end_of_trial', 'decision', 'dropdown', 'Decision', {
    choices: 'implant, implant | no_implant, no implant | repeat_trial, repeat trial',
  }),
  f('end_of_trial', 'decision_reasons', 'notes', 'Reasons'),
];

/** A plain decimal number: spreadsheets read it as a number, never as a formula. */
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** First characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180 quoting). A text that a spreadsheet would run as a formula (starting
 * with = + - @, tab or carriage return) is prefixed with a single quote, as OWASP's CSV
 * Injection page recommends; plain numbers such as -2.5 are left as they are.
 */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function toCsv(header: readonly string[], rows: readonly Record<string, unknown>[]): string {
  return (
    [
      header.map(csvCell).join(','),
      ...rows.map((r) => header.map((h) => csvCell(r[h])).join(',')),
    ].join('\n') + '\n'
  );
}

const REPEAT_FORMS = new Set(['medication', 'non_drug_care', 'instrument', 'session', 'diary']);

export function caseToCsv(c: PatientCase): string {
  const header = [
    'record_id',
    'redcap_repeat_instrument',
    'redcap_repeat_instance',
    ...CSV_FIELDS.filter((x) => x.name !== 'record_id').map((x) => x.name),
  ];
  const rows: Record<string, unknown>[] = [];
  const primary = c.diagnoses.find((d) => d.primary) ?? c.diagnoses[0];
  const sel = evaluateSelection(c);
  const ev = evaluateTrial(c);
  rows.push({
    record_id: c.id,
    pseudonym: c.pseudonym,
    age_years: c.demographics.ageYears,
    sex: c.demographics.sex,
    primary_dx: primary?.id,
    primary_dx_icd10: primary ? diagnosisById(primary.id)?.icd10 : '',
    pain_phenotype: c.painPhenotype,
    pain_duration_months: c.painDurationMonths,
    pain_regions: c.painMap.map((r) => `${r.regionId}=${r.intensityNrs}`).join('; '),
    framework: c.selection.framework,
    modality: c.selection.modality,
    verdict: sel.verdict,
    mme_per_day: currentMme(c),
    relief_pct: ev.reliefPct,
    meets_50: ev.meetsReliefRule === null ? '' : ev.meetsReliefRule ? 1 : 0,
    odi_change: ev.odiChangePoints,
    mme_change: ev.mmeChange,
    pgic: ev.pgic,
    preference: c.evaluation.patientPreference,
    decision: c.evaluation.decision,
    decision_reasons: c.evaluation.reasons,
  });
  const repeat = (form: string, i: number, data: Record<string, unknown>) =>
    rows.push({
      record_id: c.id,
      redcap_repeat_instrument: form,
      redcap_repeat_instance: i + 1,
      ...data,
    });
  c.conservativeCare.medications.forEach((m, i) =>
    repeat('medication', i, {
      med_class: m.drugClass,
      med_agent: m.agent,
      med_dose: m.dose,
      med_duration_weeks: m.durationWeeks,
      med_outcome: m.outcome,
      med_current: m.current ? 1 : 0,
    }),
  );
  c.conservativeCare.nonDrug.forEach((m, i) =>
    repeat('non_drug_care', i, {
      care_kind: m.kind,
      care_duration_weeks: m.durationWeeks,
      care_outcome: m.outcome,
    }),
  );
  c.instruments.forEach((a, i) => {
    const s = tryScore(a.instrument, a.answers);
    repeat('instrument', i, {
      instr_id: a.instrument,
      instr_date: a.date,
      instr_context: a.context,
      instr_answers: a.answers.map((v) => (v === null ? '' : v)).join('|'),
      instr_total: s?.total,
      instr_percent: s?.percent,
      instr_band: a.anchorText ?? s?.band ?? s?.profile,
      instr_flags: s?.flags.join('|'),
    });
  });
  c.trial?.sessions.forEach((s, i) =>
    repeat('session', i, {
      ses_date: s.date,
      ses_day: s.trialDay,
      ses_waveform: s.program.waveform,
      ses_amplitude_ma: s.program.amplitudeMa,
      ses_pw_us: s.program.pulseWidthUs,
      ses_rate_hz: s.program.rateHz,
      ses_contacts: s.program.contacts,
      ses_impedances_ohm: s.impedancesOhm.join('|'),
      ses_perception_ma: s.perceptionMa,
      ses_comfort_ma: s.comfortMa,
      ses_max_ma: s.maxMa,
      ses_overlap_pct: overlapPercent(c.painMap, s.paresthesiaRegions),
      ses_nrs: s.nrs,
      ses_side_effects: s.sideEffects.join('|'),
    }),
  );
  c.trial?.diary.forEach((d, i) =>
    repeat('diary', i, {
      dia_day: d.day,
      dia_date: d.date,
      dia_avg_nrs: d.avgNrs,
      dia_worst_nrs: d.worstNrs,
      dia_sleep_h: d.sleepHours,
      dia_mme: diaryMme(d),
      dia_pgic: d.pgic,
      dia_activity: d.activity,
    }),
  );
  return toCsv(header, rows);
}

/** REDCap data dictionary (the standard 18 columns). */
export function csvDataDictionary(): string {
  const header = [
    'Variable / Field Name',
    'Form Name',
    'Section Header',
    'Field Type',
    'Field Label',
    'Choices, Calculations, OR Slider Labels',
    'Field Note',
    'Text Validation Type OR Show Slider Number',
    'Text Validation Min',
    'Text Validation Max',
    'Identifier?',
    'Branching Logic (Show field only if...)',
    'Required Field?',
    'Custom Alignment',
    'Question Number (surveys only)',
    'Matrix Group Name',
    'Matrix Ranking?',
    'Field Annotation',
  ];
  const rows = CSV_FIELDS.map((x) => ({
    'Variable / Field Name': x.name,
    'Form Name': x.form,
    'Field Type': x.type,
    'Field Label': x.label,
    'Choices, Calculations, OR Slider Labels':
      x.choices ?? (x.type === 'calc' ? '(computed by Neuromod Planner)' : ''),
    'Field Note': x.note ?? (REPEAT_FORMS.has(x.form) ? 'repeating instrument' : ''),
    'Text Validation Type OR Show Slider Number': x.validation ?? '',
    'Text Validation Min': x.min,
    'Text Validation Max': x.max,
    'Identifier?': x.name === 'pseudonym' ? 'y' : '',
  }));
  return toCsv(header, rows);
}

/** Parses CSV text (RFC 4180 quoting) into rows of cells; used by the tests and the round trip. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else if (ch !== '\r') cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
