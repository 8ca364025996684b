/**
 * REDCap-style CSV export: one row for the non-repeating forms (screening, end of trial,
 * implant) and one row per instance of each repeating form (medication, non-drug care,
 * instrument, session, diary, selection rule, override, follow-up, adverse event, revision),
 * keyed by `record_id`, `redcap_repeat_instrument`, `redcap_repeat_instance`; plus a data
 * dictionary in REDCap's column layout. Values the app computes are read-only text fields
 * (`@READONLY` action tag), never `calc` fields: REDCap only imports a calc field with a
 * REDCap equation. Instrument set: clinical.md §5.2.
 */
import { icd10Of } from './diagnoses.ts';
import { tryScore } from './instruments.ts';
import { overlapPercent } from './bodyRegions.ts';
import { currentMme, diaryMme, evaluateTrial } from './evaluation.ts';
import { evaluateSelection } from './selection.ts';
import { overrideProblems, type PatientCase } from './caseSchema.ts';
import { implantCptCodes } from './fhir.ts';

/** REDCap field types this export uses (REDCap data dictionary "Field Type" column). */
type FieldType = 'text' | 'notes' | 'dropdown' | 'yesno';
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
  /** computed by the app: exported as a read-only text field */
  computed?: boolean;
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
  f('instrument', 'instr_followup_month', 'text', 'Follow-up month after implant', {
    validation: 'integer',
    min: 0,
    max: 240,
  }),
  f('instrument', 'instr_total', 'text', 'Total score', { computed: true }),
  f('instrument', 'instr_percent', 'text', 'Percent (ODI)', { computed: true }),
  f('instrument', 'instr_band', 'text', 'Band / anchor', { computed: true }),
  f('instrument', 'instr_flags', 'text', 'Flags', { computed: true }),
  f('instrument', 'instr_eq_profile', 'text', 'EQ-5D-5L profile (5 digits)', { computed: true }),
  f('instrument', 'instr_eq_vas', 'text', 'EQ VAS (0–100)', { computed: true }),
  f('instrument', 'instr_eq_index', 'text', 'EQ-5D-5L index (country value set)', {
    computed: true,
    note: 'empty until a value set is chosen',
  }),
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
  f('session', 'ses_overlap_pct', 'text', 'Paresthesia–pain overlap (%)', { computed: true }),
  f('session', 'ses_nrs', 'text', 'NRS', { validation: 'integer', min: 0, max: 10 }),
  f('session', 'ses_side_effects', 'text', 'Side effects'),
  f('diary', 'dia_day', 'text', 'Trial day', { validation: 'integer' }),
  f('diary', 'dia_date', 'text', 'Date', { validation: 'date_ymd' }),
  f('diary', 'dia_avg_nrs', 'text', 'Average NRS', { validation: 'integer', min: 0, max: 10 }),
  f('diary', 'dia_worst_nrs', 'text', 'Worst NRS', { validation: 'integer', min: 0, max: 10 }),
  f('diary', 'dia_sleep_h', 'text', 'Sleep (h)', { validation: 'number', min: 0, max: 24 }),
  f('diary', 'dia_mme', 'text', 'MME/day (CDC 2022)', { computed: true }),
  f('diary', 'dia_pgic', 'text', 'PGIC (1–7)', { validation: 'integer', min: 1, max: 7 }),
  f('diary', 'dia_activity', 'notes', 'Activity'),
  f('end_of_trial', 'trial_attempt', 'text', 'Trial attempt', { validation: 'integer', min: 1 }),
  f('end_of_trial', 'trial_removal_date', 'text', 'Trial leads removed', {
    validation: 'date_ymd',
  }),
  f('end_of_trial', 'relief_pct', 'text', 'Pain relief vs baseline (%)', { computed: true }),
  f('end_of_trial', 'meets_50', 'yesno', 'Pain relief ≥ 50 %', { computed: true }),
  f('end_of_trial', 'meets_criterion', 'yesno', 'Meets the framework’s trial criterion', {
    computed: true,
  }),
  f('end_of_trial', 'odi_change', 'text', 'ODI change (points)', { computed: true }),
  f('end_of_trial', 'mme_change', 'text', 'MME change (MME/day)', { computed: true }),
  f('end_of_trial', 'pgic', 'text', 'PGIC (1–7, NINDS CDE)', { computed: true }),
  f('end_of_trial', 'pgic_anchor', 'text', 'PGIC anchor', { computed: true }),
  f('end_of_trial', 'preference', 'text', 'Patient preference'),
  f('end_of_trial', 'decision', 'dropdown', 'Decision', {
    choices: 'implant, implant | no_implant, no implant | repeat_trial, repeat trial',
  }),
  f('end_of_trial', 'decision_reasons', 'notes', 'Reasons'),
  f('selection_rule', 'rule_id', 'text', 'Rule', { computed: true }),
  f('selection_rule', 'rule_severity', 'text', 'Severity', { computed: true }),
  f('selection_rule', 'rule_status', 'text', 'Status', { computed: true }),
  f('selection_rule', 'rule_message', 'notes', 'Finding', { computed: true }),
  f('selection_rule', 'rule_source', 'notes', 'Source', { computed: true }),
  f('override', 'ovr_rule', 'text', 'Overridden rule'),
  f('override', 'ovr_by', 'text', 'Clinician'),
  f('override', 'ovr_at', 'text', 'Date and time'),
  f('override', 'ovr_reason', 'notes', 'Reason'),
  f('override', 'ovr_effective', 'yesno', 'Lifts the rule (clinician, date and reason complete)', {
    computed: true,
  }),
  f('implant', 'imp_date', 'text', 'Implant date', { validation: 'date_ymd' }),
  f('implant', 'imp_modality', 'text', 'Modality'),
  f('implant', 'imp_generator', 'text', 'Generator (manufacturer, model)'),
  f('implant', 'imp_leads', 'notes', 'Leads (label: model, levels)'),
  f('implant', 'imp_mri_status', 'dropdown', 'MR status of the system', {
    choices:
      'mr_conditional_full_body, MR conditional (full body) | mr_conditional_head_only, MR conditional (head only) | mr_unsafe, MR unsafe | unknown, unknown',
  }),
  f('implant', 'imp_cpt', 'text', 'CPT codes (| separated)'),
  f('implant', 'imp_abx', 'yesno', 'Antibiotic prophylaxis'),
  f('implant', 'imp_skin_prep', 'text', 'Skin preparation'),
  f('implant', 'imp_glucose_mg_dl', 'text', 'Peri-operative glucose (mg/dL)', {
    validation: 'number',
    min: 20,
    max: 1000,
  }),
  f('implant', 'imp_smoking_stopped', 'yesno', 'Tobacco stopped'),
  f('follow_up', 'fu_month', 'text', 'Months after implant', { validation: 'integer', min: 0 }),
  f('follow_up', 'fu_date', 'text', 'Visit date', { validation: 'date_ymd' }),
  f('follow_up', 'fu_program_changed', 'yesno', 'Program changed'),
  f('adverse_event', 'ae_date', 'text', 'Date', { validation: 'date_ymd' }),
  f('adverse_event', 'ae_phase', 'text', 'Phase'),
  f('adverse_event', 'ae_kind', 'text', 'Kind'),
  f('adverse_event', 'ae_grade', 'text', 'CTCAE v5.0 grade', {
    validation: 'integer',
    min: 1,
    max: 5,
  }),
  f('adverse_event', 'ae_serious', 'yesno', 'Serious'),
  f('adverse_event', 'ae_outcome', 'text', 'Outcome'),
  f('adverse_event', 'ae_action', 'text', 'Action taken'),
  f('revision', 'rev_date', 'text', 'Date', { validation: 'date_ymd' }),
  f('revision', 'rev_kind', 'text', 'Revision, explant or generator replacement'),
  f('revision', 'rev_components', 'text', 'Components'),
  f('revision', 'rev_reason', 'notes', 'Reason'),
];

/** A plain decimal number: spreadsheets read it as a number, never as a formula. */
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** First characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell the app itself writes and a reader must see as it is (a REDCap action tag such as
 * `@READONLY`): never user data, so never neutralised.
 */
class TrustedCell {
  constructor(readonly text: string) {}
}

/**
 * One CSV cell (RFC 4180 quoting). A text that a spreadsheet would run as a formula (starting
 * with = + - @, tab or carriage return) is prefixed with a single quote, as OWASP's CSV
 * Injection page recommends; plain numbers such as -2.5 are left as they are.
 */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = v instanceof TrustedCell ? v.text : String(v);
  if (!(v instanceof TrustedCell) && FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
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

export const REPEAT_FORMS = new Set([
  'medication',
  'non_drug_care',
  'instrument',
  'session',
  'diary',
  'selection_rule',
  'override',
  'follow_up',
  'adverse_event',
  'revision',
]);

const yesNo = (v: boolean | null | undefined) => (v === null || v === undefined ? '' : v ? 1 : 0);

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
    primary_dx_icd10: primary ? icd10Of(primary) : '',
    pain_phenotype: c.painPhenotype,
    pain_duration_months: c.painDurationMonths,
    pain_regions: c.painMap.map((r) => `${r.regionId}=${r.intensityNrs}`).join('; '),
    framework: c.selection.framework,
    modality: c.selection.modality,
    verdict: sel.verdict,
    mme_per_day: currentMme(c),
    trial_attempt: c.trial?.attempt,
    trial_removal_date: c.trial?.removalDate,
    relief_pct: ev.reliefPct,
    meets_50: yesNo(ev.meetsReliefRule),
    meets_criterion: yesNo(ev.meetsCriterion),
    odi_change: ev.odiChangePoints,
    mme_change: ev.mmeChange,
    pgic: ev.pgic,
    pgic_anchor: ev.pgicAnchor,
    ...(c.implant
      ? {
          imp_date: c.implant.date,
          imp_modality: c.implant.modality,
          imp_generator: [c.implant.generator.manufacturer, c.implant.generator.model]
            .filter(Boolean)
            .join(' '),
          imp_leads: c.implant.leads
            .map((l) => `${l.label}: ${l.model}, ${l.topLevel}–${l.bottomLevel}`)
            .join('; '),
          imp_mri_status: c.implant.mriStatus,
          imp_cpt: implantCptCodes(c.implant).join('|'),
          imp_abx: yesNo(c.implant.infectionPrevention.antibioticProphylaxis),
          imp_skin_prep: c.implant.infectionPrevention.skinPreparation,
          imp_glucose_mg_dl: c.implant.infectionPrevention.glucoseMgDl,
          imp_smoking_stopped: yesNo(c.implant.infectionPrevention.smokingStopped),
        }
      : {}),
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
      instr_followup_month: a.followUpMonth,
      instr_total: s?.total,
      instr_percent: s?.percent,
      instr_band: a.instrument === 'pgic' ? s?.anchorText : s?.band,
      instr_flags: s?.flags.join('|'),
      instr_eq_profile: a.instrument === 'eq5d5l' ? s?.profile : undefined,
      instr_eq_vas: a.instrument === 'eq5d5l' ? s?.vas : undefined,
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
  sel.outcomes.forEach((o, i) =>
    repeat('selection_rule', i, {
      rule_id: o.ruleId,
      rule_severity: o.severity,
      rule_status: o.status,
      rule_message: o.message,
      rule_source: o.source,
    }),
  );
  c.selection.overrides.forEach((o, i) =>
    repeat('override', i, {
      ovr_rule: o.ruleId,
      ovr_by: o.by,
      ovr_at: o.at,
      ovr_reason: o.reason,
      ovr_effective: overrideProblems(o).length === 0 ? 1 : 0,
    }),
  );
  c.followUps.forEach((x, i) =>
    repeat('follow_up', i, {
      fu_month: x.month,
      fu_date: x.date,
      fu_program_changed: yesNo(x.programChanged),
    }),
  );
  c.adverseEvents.forEach((e, i) =>
    repeat('adverse_event', i, {
      ae_date: e.date,
      ae_phase: e.phase,
      ae_kind: e.kind,
      ae_grade: e.grade,
      ae_serious: yesNo(e.serious),
      ae_outcome: e.outcome,
      ae_action: e.action,
    }),
  );
  c.revisions.forEach((r, i) =>
    repeat('revision', i, {
      rev_date: r.date,
      rev_kind: r.kind,
      rev_components: r.components,
      rev_reason: r.reason,
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
    'Choices, Calculations, OR Slider Labels': x.choices ?? '',
    'Field Note': [
      x.note,
      x.computed ? 'computed by Neuromod Planner' : undefined,
      REPEAT_FORMS.has(x.form) ? 'repeating instrument' : undefined,
    ]
      .filter(Boolean)
      .join('; '),
    'Text Validation Type OR Show Slider Number': x.validation ?? '',
    'Text Validation Min': x.min,
    'Text Validation Max': x.max,
    'Identifier?': x.name === 'pseudonym' || x.name === 'ovr_by' ? 'y' : '',
    'Field Annotation': x.computed ? new TrustedCell('@READONLY') : '',
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
