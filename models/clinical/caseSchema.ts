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
import { dateProblem, isCalendarDate, isCalendarDateTime } from './calendar.ts';

export const CASE_SCHEMA_VERSION = 2 as const;

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
export const FRAMEWORKS = ['CMS_LCD_L37632', 'NICE_TA159', 'commercial_generic', 'none'] as const;
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
  expectationsRealistic: z.boolean().nullable(),
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

export const OverrideSchema = z.object({
  ruleId: z.string().min(1),
  reason: z.string().trim().min(3, 'an override needs a reason'),
  at: z.union([isoDateTime, isoDate], { error: 'expected an ISO 8601 date or date-time' }),
  by: z.string().optional(),
});

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
    impedancesOhm: z.array(nonNegative.max(100000)),
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
  day: z.number().int().min(1).max(60),
  date: isoDate,
  avgNrs: nrs.nullable(),
  worstNrs: nrs.nullable(),
  activity: z.string(),
  sleepHours: z.number().finite().min(0).max(24).nullable(),
  medications: z.array(z.object({ agent: z.enum(OPIOID_AGENTS), dose: nonNegative })),
  pgic: z.number().int().min(1).max(7).nullable(),
});

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
  })
  .superRefine((t, ctx) => {
    if (t.endDate < t.startDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['endDate'],
        message: `the trial ends (${t.endDate}) before it starts (${t.startDate})`,
      });
    }
  });

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
    z.object({ id: z.enum(DIAGNOSIS_IDS), primary: z.boolean(), onsetDate: isoDate.nullable() }),
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
});

export type PatientCase = z.infer<typeof CaseSchema>;
export type Medication = z.infer<typeof MedicationSchema>;
export type InstrumentAdministration = z.infer<typeof InstrumentAdministrationSchema>;
export type Trial = z.infer<typeof TrialSchema>;
export type ProgrammingSession = z.infer<typeof SessionSchema>;
export type DiaryDay = z.infer<typeof DiaryDaySchema>;
export type PainRegion = z.infer<typeof PainRegionSchema>;

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
  };
}
