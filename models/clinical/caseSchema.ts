/**
 * The patient case document: one JSON object with a `schemaVersion`, validated by zod at every
 * boundary (import, IndexedDB, CLI). Older versions are migrated step by step (see
 * `migrations.ts`). Fields follow clinical.md §1.5 (checklist), §2.3 (programming session) and
 * §2.4 (instruments); no real identifiers are required (pseudonym only).
 */
import { z } from 'zod';
import { INSTRUMENT_IDS } from './instruments.ts';
import { OPIOID_AGENTS } from './mme.ts';
import { DIAGNOSIS_IDS } from './diagnoses.ts';
import { MAX_IMPEDANCE_OHM } from './impedance.ts';
import { dateProblem, isCalendarDate, isCalendarDateTime } from './calendar.ts';

export const CASE_SCHEMA_VERSION = 3 as const;

const isoDate = z.string().superRefine((s, ctx) => {
  if (!isCalendarDate(s)) ctx.addIssue({ code: 'custom', message: dateProblem(s) });
});
const isoDateTime = z
  .string()
  .refine(isCalendarDateTime, 'expected an ISO 8601 date-time, e.g. 2025-03-01T09:30:00.000Z');
const nrs = z.number().int().min(0).max(10);
const nonNegative = z.number().finite().min(0);

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export const PAIN_PHENOTYPES = ['neuropathic', 'mixed', 'nociceptive'] as const;
export const MODALITIES = ['SCS', 'DRG', 'PNS_permanent', 'PNS_60day'] as const;
export type Modality = (typeof MODALITIES)[number];
export const FRAMEWORKS = [
  'CMS_NCD_160_7',
  'CMS_LCD_L37632',
  'NICE_TA159',
  'commercial_generic',
  'none',
] as const;
export type Framework = (typeof FRAMEWORKS)[number];

// clinical.md §1.5 conservative_care[] classes, with the issue's agents.
export const DRUG_CLASSES = [
  'gabapentinoid',
  'SNRI',
  'TCA',
  'topical_lidocaine',
  'capsaicin_8pct',
  'NSAID',
  'opioid',
  'other',
] as const;
export const DRUG_AGENTS: Readonly<Record<(typeof DRUG_CLASSES)[number], readonly string[]>> = {
  gabapentinoid: ['gabapentin', 'pregabalin'],
  SNRI: ['duloxetine', 'venlafaxine'],
  TCA: ['amitriptyline', 'nortriptyline'],
  topical_lidocaine: ['lidocaine 5% patch'],
  capsaicin_8pct: ['capsaicin 8% patch'],
  NSAID: ['ibuprofen', 'naproxen', 'diclofenac', 'celecoxib'],
  opioid: OPIOID_AGENTS,
  other: [],
};
export const CARE_OUTCOMES = ['ineffective', 'intolerable', 'contraindicated', 'partial'] as const;
export const NON_DRUG_KINDS = [
  'physical_therapy',
  'nerve_gliding',
  'manual_therapy',
  'CBT',
  'mindfulness',
  'injection',
  'nerve_block',
  'other',
] as const;
// clinical.md §2.3 waveform enum and side-effect enum.
export const WAVEFORMS = [
  'tonic',
  'burst',
  '10kHz',
  'DTM',
  'FAST',
  'closed_loop_ECAP',
  'multiplexed',
  'other',
] as const;
export const SIDE_EFFECTS = [
  'positional_change',
  'uncomfortable_paresthesia',
  'motor_activation',
  'site_pain',
  'lead_migration_suspected',
  'skin_irritation',
  'infection_signs',
  'other',
] as const;
export const DECISIONS = ['implant', 'no_implant', 'repeat_trial'] as const;
/** ICD-10-CM laterality of limb diagnoses (the 6th character of G90.5x, G56.4x, G57.7x). */
export const LATERALITIES = ['right', 'left', 'bilateral', 'unspecified'] as const;
/**
 * Route of an opioid: the CDC 2022 MME table covers oral opioids and the fentanyl patch only
 * (CDC 2022 Clinical Practice Guideline, Table of conversion factors).
 */
export const OPIOID_ROUTES = [
  'oral',
  'transdermal',
  'intravenous',
  'intramuscular',
  'subcutaneous',
  'buccal_sublingual',
  'intrathecal',
  'other',
] as const;
export type OpioidRoute = (typeof OPIOID_ROUTES)[number];

export const PainRegionSchema = z.object({
  regionId: z.string().min(1),
  intensityNrs: nrs,
});

export const MedicationSchema = z
  .object({
    id: z.string().min(1),
    drugClass: z.enum(DRUG_CLASSES),
    agent: z.string().min(1),
    /** mg/day; for transdermal fentanyl µg/h (clinical.md §2.4 MME table) */
    dose: nonNegative.nullable(),
    durationWeeks: nonNegative.nullable(),
    outcome: z.enum(CARE_OUTCOMES).nullable(),
    /** still taken now: counts for the current MME/day */
    current: z.boolean(),
    /** opioids: the route decides whether a CDC factor applies; null = not recorded */
    route: z.enum(OPIOID_ROUTES).nullable(),
  })
  .superRefine((m, ctx) => {
    if (m.drugClass === 'opioid' && !(OPIOID_AGENTS as readonly string[]).includes(m.agent)) {
      ctx.addIssue({
        code: 'custom',
        path: ['agent'],
        message: `unknown opioid "${m.agent}"; expected one of ${OPIOID_AGENTS.join(', ')}`,
      });
    }
  });

export const NonDrugCareSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(NON_DRUG_KINDS),
  durationWeeks: nonNegative.nullable(),
  outcome: z.enum(CARE_OUTCOMES).nullable(),
  note: z.string().optional(),
});

export const InstrumentAdministrationSchema = z.object({
  id: z.string().min(1),
  instrument: z.enum(INSTRUMENT_IDS),
  date: isoDate,
  context: z.enum(['baseline', 'end_of_trial', 'follow_up']),
  answers: z.array(z.number().int().nullable()),
  /** PGIC: the anchor text of the chosen value, stored with it (clinical.md §2.4) */
  anchorText: z.string().optional(),
  /** follow-up administrations: months after the permanent implant (1, 3, 6, 12, 24) */
  followUpMonth: z.number().int().min(0).max(240).nullable().optional(),
});

/** Checklist fields of clinical.md §1.5 that are not derived from other parts of the case. */
export const SelectionFieldsSchema = z.object({
  crpsBudapestMet: z.boolean().nullable(),
  mdtAssessmentDone: z.boolean().nullable(),
  psychEval: z.enum(['cleared', 'cleared_with_conditions', 'not_cleared']).nullable(),
  activePsychosis: z.boolean().nullable(),
  activeSuicidality: z.boolean().nullable(),
  severeCognitiveDeficit: z.boolean().nullable(),
  activeSud: z.boolean().nullable(),
  litigationOrComp: z.boolean().nullable(),
  /** education and disclosure done and expectations realistic (LCD L36204/L37632) */
  expectationsRealistic: z.boolean().nullable(),
  /** pain of ischaemic origin (NICE TA159 §1.2: not recommended outside research) */
  painOfIschaemicOrigin: z.boolean().nullable(),
  canOperateDevice: z.enum(['yes', 'with_caregiver', 'no']).nullable(),
  surgicalRiskOk: z.boolean().nullable(),
  activeInfection: z.boolean().nullable(),
  mrsaScreenDate: isoDate.nullable(),
  diabetic: z.boolean().nullable(),
  hba1cPct: z.number().finite().min(3).max(25).nullable(),
  smoker: z.boolean().nullable(),
  bmi: z.number().finite().min(10).max(90).nullable(),
  antithromboticsManaged: z.enum(['none', 'managed', 'unmanaged']).nullable(),
  mriAnticipated: z.enum(['none', 'head_only', 'full_body', 'repeated']).nullable(),
  otherActiveImplants: z.array(z.enum(['pacemaker_icd', 'dbs', 'other_stimulator', 'other'])),
  pregnantOrPlanning: z.enum(['no', 'yes', 'planning']).nullable(),
  diathermyExposure: z.boolean().nullable(),
  priorTrialResult: z.enum(['none', 'success', 'failed', 'technically_inadequate']).nullable(),
});
export type SelectionFields = z.infer<typeof SelectionFieldsSchema>;

/** ⚠ nominal: a documented reason is at least a short sentence, not a token. */
export const OVERRIDE_REASON_MIN_CHARS = 10;

/**
 * Overriding a HARD rule. Stored overrides keep their older, looser shape so that every stored
 * case still loads; `overrideIsComplete` decides whether one lifts the rule: a named clinician
 * (`by`), an ISO date-time (`at`) and a reason of OVERRIDE_REASON_MIN_CHARS or more.
 */
export const OverrideSchema = z.object({
  ruleId: z.string().min(1),
  reason: z.string().trim().min(3, 'an override needs a reason'),
  at: z.union([isoDateTime, isoDate], { error: 'expected an ISO 8601 date or date-time' }),
  by: z.string().optional(),
  role: z.string().optional(),
});
export type Override = z.infer<typeof OverrideSchema>;

/** What an override still lacks before it may lift a HARD rule ([] = complete). */
export function overrideProblems(o: Override): string[] {
  const problems: string[] = [];
  if (!o.by || o.by.trim().length < 2) problems.push('the name of the clinician who made it');
  if (!isoDateTime.safeParse(o.at).success) problems.push('an ISO date-time');
  if (o.reason.trim().length < OVERRIDE_REASON_MIN_CHARS)
    problems.push(`a reason of at least ${OVERRIDE_REASON_MIN_CHARS} characters`);
  return problems;
}

export const SelectionSchema = z.object({
  framework: z.enum(FRAMEWORKS),
  modality: z.enum(MODALITIES),
  /** planned procedure date, for the MRSA-screen rule */
  procedureDate: isoDate.nullable(),
  fields: SelectionFieldsSchema,
  overrides: z.array(OverrideSchema),
  acknowledgedWarnings: z.array(z.string()),
});

export const ProgramSchema = z.object({
  name: z.string(),
  waveform: z.enum(WAVEFORMS),
  amplitudeMa: nonNegative.max(50),
  pulseWidthUs: nonNegative.max(2000),
  rateHz: nonNegative.max(10000),
  /** electrode configuration, e.g. "E2- E3+ E4-" (clinical.md §2.3) */
  contacts: z.string(),
});

export const SessionSchema = z
  .object({
    id: z.string().min(1),
    date: isoDate,
    trialDay: z.number().int().min(0).max(60),
    program: ProgramSchema,
    /** Scenario + Result snapshot pinned from the planner (opaque here; validated by models/scenario) */
    programSnapshot: z.unknown().optional(),
    impedancesOhm: z.array(
      z
        .number({ error: 'an impedance is a number of ohms' })
        .finite()
        .min(0, 'an impedance is 0 Ω or more')
        .max(MAX_IMPEDANCE_OHM, `an impedance is at most ${MAX_IMPEDANCE_OHM} Ω`),
    ),
    perceptionMa: nonNegative.nullable(),
    comfortMa: nonNegative.nullable(),
    maxMa: nonNegative.nullable(),
    paresthesiaRegions: z.array(z.string().min(1)),
    paresthesiaDescriptor: z.string().optional(),
    nrs: nrs.nullable(),
    sideEffects: z.array(z.enum(SIDE_EFFECTS)),
    notes: z.string(),
  })
  .superRefine((s, ctx) => {
    if (s.perceptionMa !== null && s.maxMa !== null && s.perceptionMa > s.maxMa) {
      ctx.addIssue({
        code: 'custom',
        path: ['perceptionMa'],
        message: 'perception threshold is above the maximum',
      });
    }
    if (s.comfortMa !== null && s.maxMa !== null && s.comfortMa > s.maxMa) {
      ctx.addIssue({
        code: 'custom',
        path: ['comfortMa'],
        message: 'comfort level is above the maximum',
      });
    }
  });

export const DiaryDaySchema = z.object({
  /** trial day, as for sessions: the start date is day 0 (trialDayOf) */
  day: z.number().int().min(0).max(60),
  date: isoDate,
  avgNrs: nrs.nullable(),
  worstNrs: nrs.nullable(),
  activity: z.string(),
  sleepHours: z.number().finite().min(0).max(24).nullable(),
  medications: z.array(
    z.object({
      agent: z.enum(OPIOID_AGENTS),
      dose: nonNegative,
      route: z.enum(OPIOID_ROUTES).nullable().optional(),
    }),
  ),
  pgic: z.number().int().min(1).max(7).nullable(),
});

/**
 * Infection-prevention checklist for a lead or generator procedure: NACC 2017 infection
 * guidance (Deer et al., Neuromodulation 20:31-50; clinical.md §1.3): prophylactic antibiotics
 * within the hour before incision, alcohol-based skin preparation, glucose control, stopping
 * tobacco (CDC surgical-site-infection measures, NACC Table 2).
 */
export const SKIN_PREPS = ['chlorhexidine_alcohol', 'povidone_iodine_alcohol', 'other'] as const;
export const InfectionPreventionSchema = z.object({
  antibioticProphylaxis: z.boolean().nullable(),
  antibioticAgent: z.string(),
  skinPreparation: z.enum(SKIN_PREPS).nullable(),
  /** peri-operative blood glucose, mg/dL */
  glucoseMgDl: z.number().finite().min(20).max(1000).nullable(),
  /** tobacco stopped (or never smoked) before the procedure */
  smokingStopped: z.boolean().nullable(),
  mrsaDecolonisation: z.boolean().nullable(),
});
export type InfectionPrevention = z.infer<typeof InfectionPreventionSchema>;
export const EMPTY_INFECTION_PREVENTION: InfectionPrevention = {
  antibioticProphylaxis: null,
  antibioticAgent: '',
  skinPreparation: null,
  glucoseMgDl: null,
  smokingStopped: null,
  mrsaDecolonisation: null,
};

export const TrialSchema = z
  .object({
    modality: z.enum(MODALITIES),
    leads: z.array(
      z.object({
        label: z.string(),
        model: z.string(),
        /** vertebral level of the top and bottom contact, e.g. "T8" */
        topLevel: z.string(),
        bottomLevel: z.string(),
      }),
    ),
    linkedScenarioId: z.string().nullable(),
    startDate: isoDate,
    endDate: isoDate,
    sessions: z.array(SessionSchema),
    diary: z.array(DiaryDaySchema),
    /** 1 for a first trial, 2 for the first repeat … */
    attempt: z.number().int().min(1).max(10),
    /** the day the trial leads came out; null while they are in */
    removalDate: isoDate.nullable(),
    removalNote: z.string(),
    infectionPrevention: InfectionPreventionSchema,
  })
  .superRefine((t, ctx) => {
    t.sessions.forEach((x, i) => {
      const day = daysBetween(t.startDate, x.date);
      if (x.trialDay !== day)
        ctx.addIssue({
          code: 'custom',
          path: ['sessions', i, 'trialDay'],
          message: `trial day ${x.trialDay} does not match the session date ${x.date} (day ${day}; the start date is day 0)`,
        });
    });
    t.diary.forEach((x, i) => {
      const day = daysBetween(t.startDate, x.date);
      if (x.day !== day)
        ctx.addIssue({
          code: 'custom',
          path: ['diary', i, 'day'],
          message: `diary day ${x.day} does not match its date ${x.date} (day ${day}; the start date is day 0)`,
        });
    });
    if (t.removalDate !== null && t.removalDate < t.startDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['removalDate'],
        message: `the trial leads come out (${t.removalDate}) before the trial starts (${t.startDate})`,
      });
    }
    if (t.endDate < t.startDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['endDate'],
        message: `the trial ends (${t.endDate}) before it starts (${t.startDate})`,
      });
    }
  });

/** MR status of an implanted system as labelled (ASTM F2503 terms; clinical.md §1.3 MRI need). */
export const MRI_STATUSES = [
  'mr_conditional_full_body',
  'mr_conditional_head_only',
  'mr_unsafe',
  'unknown',
] as const;
export const LEAD_APPROACHES = ['percutaneous', 'paddle'] as const;

export const ImplantSchema = z
  .object({
    date: isoDate,
    modality: z.enum(MODALITIES),
    generator: z.object({
      manufacturer: z.string(),
      model: z.string(),
      serialNumber: z.string(),
      /** UDI carrier (human-readable form), when the label gives one */
      udi: z.string(),
      location: z.string(),
      rechargeable: z.boolean().nullable(),
    }),
    leads: z.array(
      z.object({
        label: z.string(),
        manufacturer: z.string(),
        model: z.string(),
        serialNumber: z.string(),
        approach: z.enum(LEAD_APPROACHES),
        /** SCS/DRG: vertebral level of the top and bottom contact; PNS: the target nerve */
        topLevel: z.string(),
        bottomLevel: z.string(),
      }),
    ),
    mriStatus: z.enum(MRI_STATUSES),
    infectionPrevention: InfectionPreventionSchema,
    /** CPT codes billed; empty = derived from modality and lead approach (fhir.ts) */
    procedureCodes: z.array(z.string().regex(/^\d{4}[0-9T]$/, 'expected a 5-character CPT code')),
    surgeon: z.string(),
    notes: z.string(),
  })
  .superRefine((im, ctx) => {
    if (im.leads.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['leads'],
        message: 'a permanent implant needs at least one lead',
      });
  });
export type Implant = z.infer<typeof ImplantSchema>;

/** Follow-up visits after the permanent implant (clinical.md §5.2 item 6: 1, 3, 6, 12, 24 months). */
export const FOLLOW_UP_MONTHS = [1, 3, 6, 12, 24] as const;
export const FollowUpSchema = z.object({
  id: z.string().min(1),
  month: z.union(
    FOLLOW_UP_MONTHS.map((m) => z.literal(m)) as [z.ZodLiteral<1>, ...z.ZodLiteral<number>[]],
  ),
  date: isoDate,
  programChanged: z.boolean().nullable(),
  /** battery or recharge note, device checks */
  deviceCheck: z.string(),
  notes: z.string(),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

/** Complication kinds: clinical.md §5.2 item 6 and the issue list (infection, migration, CSF leak, wound, hardware). */
export const ADVERSE_EVENT_KINDS = [
  'infection',
  'lead_migration',
  'csf_leak',
  'wound_dehiscence',
  'hardware_failure',
  'pain_at_generator',
  'uncomfortable_stimulation',
  'neurological_deficit',
  'other',
] as const;
/** CTCAE v5.0 grades (NCI 2017): 1 mild … 5 death related to the event. */
export const AE_GRADE_LABELS = ['mild', 'moderate', 'severe', 'life-threatening', 'death'] as const;
export const AdverseEventSchema = z.object({
  id: z.string().min(1),
  date: isoDate,
  phase: z.enum(['trial', 'implant', 'follow_up']),
  kind: z.enum(ADVERSE_EVENT_KINDS),
  grade: z.number().int().min(1, 'grade is 1–5 (CTCAE v5.0)').max(5, 'grade is 1–5 (CTCAE v5.0)'),
  serious: z.boolean(),
  outcome: z.enum(['resolved', 'resolving', 'ongoing', 'resolved_with_sequelae', 'fatal']),
  action: z.enum(['none', 'medication', 'reprogramming', 'revision', 'explant', 'other']),
  description: z.string(),
});
export type AdverseEvent = z.infer<typeof AdverseEventSchema>;

export const RevisionSchema = z.object({
  id: z.string().min(1),
  date: isoDate,
  kind: z.enum(['revision', 'explant', 'generator_replacement']),
  components: z.enum(['leads', 'generator', 'both']),
  reason: z.string().trim().min(1, 'a revision or explant needs a reason'),
  adverseEventId: z.string().nullable(),
});
export type Revision = z.infer<typeof RevisionSchema>;

export const EvaluationSchema = z.object({
  patientPreference: z.enum(['wants_implant', 'undecided', 'declines']).nullable(),
  decision: z.enum(DECISIONS).nullable(),
  reasons: z.string(),
  decidedAt: isoDate.nullable(),
});

export const CaseSchema = z.object({
  schemaVersion: z.literal(CASE_SCHEMA_VERSION),
  id: z.string().min(1),
  pseudonym: z.string().trim().min(1, 'a pseudonym is required'),
  createdAt: isoDateTime,
  demographics: z.object({
    ageYears: z.number().int().min(0).max(120).nullable(),
    sex: z.enum(SEXES),
  }),
  diagnoses: z.array(
    z.object({
      id: z.enum(DIAGNOSIS_IDS),
      primary: z.boolean(),
      onsetDate: isoDate.nullable(),
      laterality: z.enum(LATERALITIES).nullable(),
    }),
  ),
  painPhenotype: z.enum(PAIN_PHENOTYPES).nullable(),
  painDurationMonths: nonNegative.max(1200).nullable(),
  painMap: z.array(PainRegionSchema),
  conservativeCare: z.object({
    medications: z.array(MedicationSchema),
    nonDrug: z.array(NonDrugCareSchema),
  }),
  instruments: z.array(InstrumentAdministrationSchema),
  selection: SelectionSchema,
  trial: TrialSchema.nullable(),
  evaluation: EvaluationSchema,
  implant: ImplantSchema.nullable(),
  followUps: z.array(FollowUpSchema),
  adverseEvents: z.array(AdverseEventSchema),
  revisions: z.array(RevisionSchema),
});

export type PatientCase = z.infer<typeof CaseSchema>;
export type Medication = z.infer<typeof MedicationSchema>;
export type InstrumentAdministration = z.infer<typeof InstrumentAdministrationSchema>;
export type Trial = z.infer<typeof TrialSchema>;
export type ProgrammingSession = z.infer<typeof SessionSchema>;
export type DiaryDay = z.infer<typeof DiaryDaySchema>;
export type PainRegion = z.infer<typeof PainRegionSchema>;
export type Diagnosis = PatientCase['diagnoses'][number];

export const EMPTY_SELECTION_FIELDS: SelectionFields = {
  crpsBudapestMet: null,
  mdtAssessmentDone: null,
  psychEval: null,
  activePsychosis: null,
  activeSuicidality: null,
  severeCognitiveDeficit: null,
  activeSud: null,
  litigationOrComp: null,
  expectationsRealistic: null,
  painOfIschaemicOrigin: null,
  canOperateDevice: null,
  surgicalRiskOk: null,
  activeInfection: null,
  mrsaScreenDate: null,
  diabetic: null,
  hba1cPct: null,
  smoker: null,
  bmi: null,
  antithromboticsManaged: null,
  mriAnticipated: null,
  otherActiveImplants: [],
  pregnantOrPlanning: null,
  diathermyExposure: null,
  priorTrialResult: null,
};

/** clinical.md §2.1: trial length configurable, default 7 days. */
export const DEFAULT_TRIAL_DAYS = 7;
/** clinical.md §2.1: warn beyond 10 days for a percutaneous externalised trial (⚠ local policy). */
export const TRIAL_WARN_ABOVE_DAYS = 10;

export function addDays(isoDay: string, days: number): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round(
    (Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000,
  );
}

export function newCase(id: string, pseudonym: string, now: Date = new Date()): PatientCase {
  return {
    schemaVersion: CASE_SCHEMA_VERSION,
    id,
    pseudonym,
    createdAt: now.toISOString(),
    demographics: { ageYears: null, sex: 'unknown' },
    diagnoses: [],
    painPhenotype: null,
    painDurationMonths: null,
    painMap: [],
    conservativeCare: { medications: [], nonDrug: [] },
    instruments: [],
    selection: {
      framework: 'commercial_generic',
      modality: 'SCS',
      procedureDate: null,
      fields: { ...EMPTY_SELECTION_FIELDS, otherActiveImplants: [] },
      overrides: [],
      acknowledgedWarnings: [],
    },
    trial: null,
    evaluation: { patientPreference: null, decision: null, reasons: '', decidedAt: null },
    implant: null,
    followUps: [],
    adverseEvents: [],
    revisions: [],
  };
}

/** A new trial plan starting on `startDate`, DEFAULT_TRIAL_DAYS long. */
export function newTrial(modality: Modality, startDate: string): Trial {
  return {
    modality,
    leads: [],
    linkedScenarioId: null,
    startDate,
    endDate: addDays(startDate, DEFAULT_TRIAL_DAYS),
    sessions: [],
    diary: [],
    attempt: 1,
    removalDate: null,
    removalNote: '',
    infectionPrevention: { ...EMPTY_INFECTION_PREVENTION },
  };
}

/** Trial day of a date: the start date is day 0, as for programming sessions. */
export function trialDayOf(trial: Pick<Trial, 'startDate'>, isoDay: string): number {
  return daysBetween(trial.startDate, isoDay);
}
