/**
 * Candidate selection as a rules engine: the checklist of clinical.md §1.5. Each rule has a
 * severity (HARD blocks the "eligible for trial" verdict until resolved, or overridden by a
 * named clinician with a dated reason; WARN needs acknowledgement; INFO is recorded), a source
 * quoted in its label or message, and thresholds that depend on the coverage framework:
 * CMS NCD 160.7 (the national Medicare rule), CMS LCD L37632 (a local rule, binding only in
 * its contractor's jurisdiction; L36204 uses the same template), NICE TA159, or a generic
 * commercial policy.
 */
import { bodyRegionById } from './bodyRegions.ts';
import { diagnosisById, icd10Of, needsLaterality } from './diagnoses.ts';
import { scorePcs, scorePhq9, scoreGad7, tryScore } from './instruments.ts';
import { MME_CDC_CAUTION_AT, MME_STUDY_EXCLUSION_ABOVE } from './mme.ts';
import { administrationsOf, baselineNrs, currentMmeResult, odiPercent } from './evaluation.ts';
import {
  daysBetween,
  overrideProblems,
  type Framework,
  type Modality,
  type PatientCase,
} from './caseSchema.ts';

export type Severity = 'HARD' | 'WARN' | 'INFO';
export type RuleStatus = 'pass' | 'fail' | 'unknown' | 'overridden' | 'not_applicable';

export interface RuleOutcome {
  ruleId: string;
  label: string;
  severity: Severity;
  status: RuleStatus;
  message: string;
  source: string;
  /** for a failing HARD rule: does it postpone ("not yet") or exclude ("not eligible")? */
  blocks?: 'not_yet' | 'not_eligible';
  overrideReason?: string;
  /** the clinician and date of the override that lifted the rule */
  overrideBy?: string;
  overrideAt?: string;
}

export type Verdict = 'eligible' | 'not_yet' | 'not_eligible';

export interface SelectionResult {
  framework: Framework;
  modality: Modality;
  verdict: Verdict;
  reasons: string[];
  outcomes: RuleOutcome[];
  unacknowledgedWarnings: string[];
}

export const FRAMEWORK_LABELS: Readonly<Record<Framework, string>> = {
  CMS_NCD_160_7: 'CMS NCD 160.7 (Medicare, national)',
  CMS_LCD_L37632:
    'CMS LCD L37632 (Medicare, local: binds only its contractor’s jurisdiction; L36204 is the same template)',
  NICE_TA159: 'NICE TA159 (England and Wales)',
  commercial_generic: 'Generic commercial policy (Aetna/BCBS-type)',
  none: 'No coverage framework',
};

// clinical.md §1.1: NICE ≥ 6 months at ≥ 50/100 mm; commercial ≥ 6 months, NRS ≥ 5, ODI ≥ 21 %.
export const PAIN_DURATION_MIN_MONTHS = 6;
export const PAIN_DURATION_BCBS_MIN_MONTHS = 3;
export const BASELINE_NRS_MIN = 5;
export const ODI_MIN_PCT = 21;
// clinical.md §1.5 conservative_care[]: ≥ 2 pharmacologic classes; ≥ 6 months (26 weeks) total.
export const MIN_DRUG_CLASSES = 2;
export const MIN_CONSERVATIVE_WEEKS = 26;
// clinical.md §1.5 phq9/gad7/pcs thresholds.
export const PHQ9_HARD_AT = 20;
export const PHQ9_WARN_AT = 15;
export const GAD7_WARN_AT = 15;
export const PCS_WARN_ABOVE = 30;
// clinical.md §1.5 hba1c/bmi/mrsa/age.
export const HBA1C_WARN_ABOVE_PCT = 10;
export const BMI_WARN_ABOVE = 45;
/** HWE ICB policy: MRSA screen "less than four weeks before" the procedure, so day 28 fails. */
export const MRSA_SCREEN_MAX_DAYS = 28;
/** NICE TA159 §1.1: at least 50 mm on a 0–100 mm VAS. */
export const NICE_VAS_MIN_MM = 50;
/** ⚠ nominal: one repeat trial (a third attempt needs a documented reason); no source sets a number. */
export const MAX_TRIAL_ATTEMPTS = 2;
export const ADULT_AGE_YEARS = 18;
export const TRIAL_POPULATION_MIN_AGE_YEARS = 22;

const isCms = (f: Framework) => f === 'CMS_NCD_160_7' || f === 'CMS_LCD_L37632';

/** Outcomes that count as "tried and not satisfactory, or unsuitable" (NCD 160.7 B.2(b)). */
const FAILED_OUTCOMES = ['ineffective', 'intolerable', 'contraindicated', 'partial'] as const;

/**
 * The pain phenotype for the NICE rule: as recorded, else from a neuropathic screen (DN4 ≥ 4,
 * DN4-interview ≥ 3, S-LANSS ≥ 12), with where it came from.
 */
export function painPhenotypeOf(c: PatientCase): {
  phenotype: PatientCase['painPhenotype'];
  from: string;
  screen: string | null;
} {
  const screens = c.instruments
    .filter((a) => a.instrument === 'dn4' || a.instrument === 's_lanss')
    .sort((a, b) => a.date.localeCompare(b.date));
  const last = screens.at(-1);
  const r = last ? tryScore(last.instrument, last.answers) : null;
  const screen =
    last && r && r.total !== null
      ? `${last.instrument === 'dn4' ? 'DN4' : 'S-LANSS'} ${r.total} (${r.band}) on ${last.date}`
      : null;
  if (c.painPhenotype !== null) return { phenotype: c.painPhenotype, from: 'recorded', screen };
  if (r && r.total !== null)
    return {
      phenotype: r.flags.includes('neuropathic') ? 'neuropathic' : null,
      from: 'screen',
      screen,
    };
  return { phenotype: null, from: 'none', screen };
}

interface Ctx {
  c: PatientCase;
  framework: Framework;
  modality: Modality;
}

interface Rule {
  id: string;
  label: string;
  source: string;
  evaluate(ctx: Ctx): Omit<RuleOutcome, 'ruleId' | 'label' | 'source'> | null;
}

const pass = (severity: Severity, message: string) => ({
  severity,
  status: 'pass' as const,
  message,
});
const fail = (severity: Severity, message: string, blocks?: 'not_yet' | 'not_eligible') => ({
  severity,
  status: 'fail' as const,
  message,
  ...(severity === 'HARD' ? { blocks: blocks ?? 'not_yet' } : {}),
});
const unknown = (severity: Severity, message: string) => ({
  severity,
  status: 'unknown' as const,
  message,
});

function bool(
  v: boolean | null,
  severity: Severity,
  ifTrue: string,
  ifFalse: string,
  missing: string,
  failWhen: boolean,
  blocks?: 'not_yet' | 'not_eligible',
) {
  if (v === null) return unknown(severity, missing);
  return v === failWhen
    ? fail(severity, failWhen ? ifTrue : ifFalse, blocks)
    : pass(severity, failWhen ? ifFalse : ifTrue);
}

function latestScore<T>(
  c: PatientCase,
  id: 'phq9' | 'gad7' | 'pcs',
  f: (answers: (number | null)[]) => T,
): T | null {
  const list = administrationsOf(c, id).sort((a, b) => a.date.localeCompare(b.date));
  const last = list.at(-1);
  return last ? f(last.answers) : null;
}

const PHARMA_CLASSES = [
  'gabapentinoid',
  'SNRI',
  'TCA',
  'topical_lidocaine',
  'capsaicin_8pct',
  'NSAID',
  'opioid',
];

export const RULES: readonly Rule[] = [
  {
    id: 'primary_dx',
    label: 'Primary diagnosis on the indication list',
    source: 'clinical.md §1.2, §1.5; BCBS ND; NACC 2014',
    evaluate: ({ c }) => {
      const primary = c.diagnoses.find((d) => d.primary) ?? c.diagnoses[0];
      if (!primary) return unknown('WARN', 'No diagnosis recorded.');
      const def = diagnosisById(primary.id);
      if (!def || def.weakIndication || def.ischaemic)
        return fail(
          'WARN',
          `${def?.label ?? primary.id} is outside the supported indications (nociceptive, central or ischaemic pain).`,
        );
      const code = icd10Of(primary);
      if (needsLaterality(primary.id) && (primary.laterality ?? 'unspecified') === 'unspecified')
        return fail(
          'WARN',
          `${def.label} (${code}): laterality not recorded, so the code is "unspecified"; record the side for a billable specific code.`,
        );
      return pass('WARN', `${def.label} (${code}) is a listed indication.`);
    },
  },
  {
    id: 'pain_type',
    label: 'Neuropathic pain phenotype',
    source:
      'NICE TA159 §1.1: "chronic pain of neuropathic origin"; DN4 (Bouhassira 2005), S-LANSS (Bennett 2005)',
    evaluate: ({ c, framework }) => {
      const sev: Severity = framework === 'NICE_TA159' ? 'HARD' : 'WARN';
      const p = painPhenotypeOf(c);
      const screen = p.screen ? ` Screen: ${p.screen}.` : '';
      if (p.phenotype === null)
        return p.screen
          ? fail(sev, `Neuropathic screen negative and no phenotype recorded.${screen}`)
          : unknown(sev, 'Pain phenotype not recorded and no DN4 or S-LANSS screen.');
      if (p.phenotype === 'nociceptive')
        return fail(
          sev,
          `Nociceptive pain: NICE TA159 recommends SCS for chronic pain of neuropathic origin.${screen}`,
          'not_eligible',
        );
      return pass(
        sev,
        `Pain phenotype ${p.phenotype}${p.from === 'screen' ? ' (from the screen)' : ''}.${screen}`,
      );
    },
  },
  {
    id: 'ischaemic_pain',
    label: 'Pain not of ischaemic origin',
    source:
      'NICE TA159 §1.2: not recommended for chronic pain of ischaemic origin except in research',
    evaluate: ({ c, framework }) => {
      if (framework !== 'NICE_TA159') return null;
      const dx = c.diagnoses.find((d) => diagnosisById(d.id)?.ischaemic);
      if (dx || c.selection.fields.painOfIschaemicOrigin === true)
        return fail(
          'HARD',
          `Pain of ischaemic origin${dx ? ` (${diagnosisById(dx.id)?.label})` : ''}: NICE TA159 recommends SCS only within research.`,
          'not_eligible',
        );
      return pass(
        'HARD',
        c.selection.fields.painOfIschaemicOrigin === false
          ? 'Pain is not of ischaemic origin.'
          : 'No ischaemic diagnosis recorded.',
      );
    },
  },
  {
    id: 'crps_budapest_met',
    label: 'Budapest criteria (CRPS)',
    source: 'Aetna CPB 0194 (clinical.md §1.5)',
    evaluate: ({ c }) => {
      if (!c.diagnoses.some((d) => d.id.startsWith('crps'))) return null;
      return bool(
        c.selection.fields.crpsBudapestMet,
        'WARN',
        'Budapest criteria met.',
        'CRPS without the Budapest criteria met.',
        'Budapest criteria not recorded.',
        false,
      );
    },
  },
  {
    id: 'pain_duration_months',
    label: 'Pain duration',
    source: 'NICE TA159; BCBS MP-328; Aetna CPB 0194 (clinical.md §1.5)',
    evaluate: ({ c, framework }) => {
      const m = c.painDurationMonths;
      const sev: Severity =
        framework === 'NICE_TA159' || framework === 'commercial_generic' ? 'HARD' : 'WARN';
      if (m === null) return unknown(sev, 'Pain duration not recorded.');
      if (m < PAIN_DURATION_BCBS_MIN_MONTHS)
        return fail(
          sev,
          `Pain for ${m} months: under ${PAIN_DURATION_BCBS_MIN_MONTHS} months (BCBS-type) and ${PAIN_DURATION_MIN_MONTHS} months.`,
        );
      if (m < PAIN_DURATION_MIN_MONTHS)
        return fail(sev, `Pain for ${m} months: under ${PAIN_DURATION_MIN_MONTHS} months.`);
      return pass(sev, `Pain for ${m} months (≥ ${PAIN_DURATION_MIN_MONTHS}).`);
    },
  },
  {
    id: 'baseline_nrs_avg',
    label: 'Baseline pain intensity',
    source:
      'NICE TA159 §1.1: "at least 50 mm on a 0–100 mm visual analogue scale"; BCBS MP-328: VAS ≥ 5/10',
    evaluate: ({ c, framework }) => {
      const sev: Severity = framework === 'NICE_TA159' ? 'HARD' : 'WARN';
      const vas = [...administrationsOf(c, 'vas', 'baseline')]
        .sort((a, b) => a.date.localeCompare(b.date))
        .at(-1)?.answers[0];
      if (vas !== null && vas !== undefined)
        return vas < NICE_VAS_MIN_MM
          ? fail(sev, `Baseline VAS ${vas} mm is below ${NICE_VAS_MIN_MM} mm.`)
          : pass(sev, `Baseline VAS ${vas} mm (≥ ${NICE_VAS_MIN_MM} mm).`);
      const v = baselineNrs(c);
      if (v === null) return unknown(sev, 'No baseline VAS, NRS (or BPI average pain) recorded.');
      const proxy =
        framework === 'NICE_TA159'
          ? ' NICE states a 0–100 mm VAS; NRS ≥ 5/10 is taken as its equivalent (nominal).'
          : '';
      return v < BASELINE_NRS_MIN
        ? fail(sev, `Baseline average pain ${v}/10 is below ${BASELINE_NRS_MIN}/10.${proxy}`)
        : pass(sev, `Baseline average pain ${v}/10.${proxy}`);
    },
  },
  {
    id: 'baseline_odi',
    label: 'Baseline ODI ≥ 21 %',
    source: 'Aetna CPB 0194 (clinical.md §1.5)',
    evaluate: ({ c, framework }) => {
      const sev: Severity = framework === 'commercial_generic' ? 'WARN' : 'INFO';
      const v = odiPercent(c, 'baseline');
      if (v === null) return unknown(sev, 'No baseline ODI recorded.');
      return v < ODI_MIN_PCT
        ? fail(sev, `Baseline ODI ${v} % is below ${ODI_MIN_PCT} %.`)
        : pass(sev, `Baseline ODI ${v} %.`);
    },
  },
  {
    id: 'conservative_care_classes',
    label: 'At least two pharmacologic classes tried',
    source: 'ACCURATE / Axium SSED P150004; SENZA-PDN (clinical.md §1.5)',
    evaluate: ({ c }) => {
      const classes = new Set(
        c.conservativeCare.medications
          .map((m) => m.drugClass)
          .filter((k) => PHARMA_CLASSES.includes(k)),
      );
      return classes.size < MIN_DRUG_CLASSES
        ? fail(
            'WARN',
            `${classes.size} pharmacologic class(es) tried; at least ${MIN_DRUG_CLASSES} expected.`,
          )
        : pass('WARN', `${classes.size} pharmacologic classes tried (${[...classes].join(', ')}).`);
    },
  },
  {
    id: 'conservative_care_gabapentinoid_pdn',
    label: 'Gabapentinoid tried (painful diabetic neuropathy)',
    source: 'SENZA-PDN (clinical.md §1.5)',
    evaluate: ({ c }) => {
      if (!c.diagnoses.some((d) => d.id.startsWith('pdn'))) return null;
      return c.conservativeCare.medications.some((m) => m.drugClass === 'gabapentinoid')
        ? pass('WARN', 'A gabapentinoid was tried.')
        : fail('WARN', 'No gabapentinoid tried for painful diabetic neuropathy.');
    },
  },
  {
    id: 'conservative_care_failed',
    label: 'Other treatment modalities tried and not satisfactory, or unsuitable',
    source:
      'NCD 160.7 B.2(b): used only when other modalities have been tried and did not prove satisfactory, or are unsuitable; NICE TA159 §1.1: "despite appropriate conventional medical management"',
    evaluate: ({ c, framework }) => {
      const sev: Severity = framework === 'none' ? 'WARN' : 'HARD';
      const all = [...c.conservativeCare.medications, ...c.conservativeCare.nonDrug];
      if (all.length === 0) return unknown(sev, 'No conservative care recorded.');
      const failed = all.filter(
        (m) => m.outcome !== null && (FAILED_OUTCOMES as readonly string[]).includes(m.outcome),
      );
      if (failed.length === 0)
        return unknown(
          sev,
          'Conservative care recorded without an outcome (not satisfactory or unsuitable).',
        );
      return pass(sev, `${failed.length} treatment(s) tried and not satisfactory or unsuitable.`);
    },
  },
  {
    id: 'conservative_care_duration',
    label: 'Conservative care ≥ 6 months in total',
    source:
      'Aetna CPB 0194; eviCore CMM-211: ≥ 6 months of failed conservative therapy (clinical.md §1.5)',
    evaluate: ({ c }) => {
      const weeks = [...c.conservativeCare.medications, ...c.conservativeCare.nonDrug]
        .map((m) => m.durationWeeks)
        .filter((w): w is number => w !== null);
      if (weeks.length === 0) return unknown('WARN', 'No conservative care duration recorded.');
      // The total across treatments (treatments given together are counted once each).
      const total = Math.round(weeks.reduce((a, b) => a + b, 0) * 10) / 10;
      return total < MIN_CONSERVATIVE_WEEKS
        ? fail(
            'WARN',
            `Conservative care ${total} weeks in total; ${MIN_CONSERVATIVE_WEEKS} weeks (6 months) expected.`,
          )
        : pass('WARN', `Conservative care ${total} weeks in total.`);
    },
  },
  {
    id: 'mdt_assessment_done',
    label: 'Multidisciplinary assessment',
    source:
      'NCD 160.7 B.2(c): careful screening and diagnosis by a multidisciplinary team; NICE TA159 §1.1: assessment by a multidisciplinary team',
    evaluate: ({ c, framework }) => {
      const sev: Severity = isCms(framework) || framework === 'NICE_TA159' ? 'HARD' : 'WARN';
      return bool(
        c.selection.fields.mdtAssessmentDone,
        sev,
        'Multidisciplinary assessment done.',
        'No multidisciplinary assessment yet.',
        'Multidisciplinary assessment not recorded.',
        false,
      );
    },
  },
  {
    id: 'psych_eval_done',
    label: 'Psychological evaluation',
    source:
      'NCD 160.7 B.2(c): screening including psychological evaluation; LCD L37632; eviCore CMM-211',
    evaluate: ({ c, framework }) => {
      const sev: Severity =
        isCms(framework) || framework === 'commercial_generic' ? 'HARD' : 'WARN';
      const v = c.selection.fields.psychEval;
      if (v === null) return unknown(sev, 'No psychological evaluation recorded.');
      if (v === 'not_cleared')
        return fail('HARD', 'Psychological evaluation: not cleared.', 'not_eligible');
      return pass(sev, `Psychological evaluation: ${v.replaceAll('_', ' ')}.`);
    },
  },
  {
    id: 'phq9_item9',
    label: 'PHQ-9 item 9 (self-harm thoughts)',
    source: 'PHQ-9 scoring, LOINC LL382-3 (clinical.md §1.5, §2.4)',
    evaluate: ({ c }) => {
      const r = latestScore(c, 'phq9', scorePhq9);
      if (!r) return unknown('HARD', 'No PHQ-9 recorded.');
      return r.flags.includes('item9-positive')
        ? fail('HARD', 'PHQ-9 item 9 above 0: same-day safety assessment and referral.')
        : pass('HARD', 'PHQ-9 item 9 is 0.');
    },
  },
  {
    id: 'phq9_total',
    label: 'PHQ-9 total',
    source: 'PHQ-9 scoring; Medtronic Q&A ⚠ (clinical.md §1.5)',
    evaluate: ({ c }) => {
      const r = latestScore(c, 'phq9', scorePhq9);
      if (!r || r.total === null) return unknown('WARN', 'No complete PHQ-9.');
      if (r.total >= PHQ9_HARD_AT)
        return fail('HARD', `PHQ-9 ${r.total} (${r.band}): psychological review first.`);
      if (r.total >= PHQ9_WARN_AT) return fail('WARN', `PHQ-9 ${r.total} (${r.band}).`);
      return pass('WARN', `PHQ-9 ${r.total} (${r.band}).`);
    },
  },
  {
    id: 'gad7_total',
    label: 'GAD-7 total',
    source: 'GAD-7 scoring (clinical.md §1.5)',
    evaluate: ({ c }) => {
      const r = latestScore(c, 'gad7', scoreGad7);
      if (!r || r.total === null) return unknown('WARN', 'No complete GAD-7.');
      return r.total >= GAD7_WARN_AT
        ? fail('WARN', `GAD-7 ${r.total} (${r.band}).`)
        : pass('WARN', `GAD-7 ${r.total} (${r.band}).`);
    },
  },
  {
    id: 'pcs_total',
    label: 'Pain Catastrophizing Scale',
    source: 'RehabMeasures PCS (clinical.md §1.5)',
    evaluate: ({ c }) => {
      const r = latestScore(c, 'pcs', scorePcs);
      if (!r || r.total === null) return unknown('WARN', 'No complete PCS.');
      return r.total > PCS_WARN_ABOVE
        ? fail('WARN', `PCS ${r.total} > ${PCS_WARN_ABOVE} (clinically relevant).`)
        : pass('WARN', `PCS ${r.total}.`);
    },
  },
  {
    id: 'psychiatric_red_flags',
    label: 'No active psychosis, suicidality or severe cognitive deficit',
    source: 'Medtronic Q&A ⚠ secondary (clinical.md §1.3, §1.5)',
    evaluate: ({ c }) => {
      const f = c.selection.fields;
      const flags = [
        f.activePsychosis && 'active psychosis',
        f.activeSuicidality && 'active suicidality',
        f.severeCognitiveDeficit && 'severe cognitive deficit',
      ].filter(Boolean);
      if (flags.length)
        return fail(
          'HARD',
          `Psychiatric red flag: ${flags.join(', ')}.`,
          f.activeSuicidality && flags.length === 1 ? 'not_yet' : 'not_eligible',
        );
      if (
        f.activePsychosis === null ||
        f.activeSuicidality === null ||
        f.severeCognitiveDeficit === null
      )
        return unknown('HARD', 'Psychiatric red flags not all recorded.');
      return pass('HARD', 'No psychiatric red flags.');
    },
  },
  {
    id: 'active_sud',
    label: 'No active untreated substance use disorder',
    source: 'LCD L37632 (clinical.md §1.5)',
    evaluate: ({ c }) =>
      bool(
        c.selection.fields.activeSud,
        'HARD',
        'Active untreated substance use disorder.',
        'No active substance use disorder.',
        'Substance use not recorded.',
        true,
      ),
  },
  {
    id: 'litigation_or_comp',
    label: 'Litigation or workers’ compensation',
    source: 'Medtronic Q&A ⚠; PMC5131423 (clinical.md §1.5)',
    evaluate: ({ c }) =>
      bool(
        c.selection.fields.litigationOrComp,
        'WARN',
        'Litigation or workers’ compensation pending.',
        'No litigation.',
        'Litigation not recorded.',
        true,
      ),
  },
  {
    id: 'expectations_realistic',
    label: 'Education and disclosure (expectations discussed)',
    source: 'LCD L36204 / L37632: patients must undergo education and disclosure before the trial',
    evaluate: ({ c, framework }) =>
      bool(
        c.selection.fields.expectationsRealistic,
        framework === 'CMS_LCD_L37632' ? 'HARD' : 'WARN',
        'Education and disclosure done; expectations realistic.',
        'Education and disclosure not yet done, or expectations unrealistic.',
        'Education and disclosure not recorded.',
        false,
      ),
  },
  {
    id: 'can_operate_device',
    label: 'Patient or caregiver can operate the device',
    source: 'Abbott SCS IFU; Axium SSED; StimRouter guide (clinical.md §1.3)',
    evaluate: ({ c }) => {
      const v = c.selection.fields.canOperateDevice;
      if (v === null) return unknown('HARD', 'Ability to operate the device not recorded.');
      return v === 'no'
        ? fail('HARD', 'Unable to operate the system (labelled contraindication).', 'not_eligible')
        : pass(
            'HARD',
            v === 'yes' ? 'Can operate the device.' : 'Can operate the device with a caregiver.',
          );
    },
  },
  {
    id: 'surgical_risk_ok',
    label: 'Acceptable surgical candidate',
    source: 'Axium SSED; StimRouter; Nevro warnings 4.3 (clinical.md §1.3)',
    evaluate: ({ c }) =>
      bool(
        c.selection.fields.surgicalRiskOk,
        'HARD',
        'Acceptable surgical risk.',
        'Poor surgical candidate (labelled contraindication).',
        'Surgical risk not recorded.',
        false,
        'not_eligible',
      ),
  },
  {
    id: 'active_infection',
    label: 'No active infection',
    source: 'NACC 2017 infection; SENZA-PDN exclusions (clinical.md §1.3)',
    evaluate: ({ c }) =>
      bool(
        c.selection.fields.activeInfection,
        'HARD',
        'Active infection: treat before the procedure.',
        'No active infection.',
        'Infection status not recorded.',
        true,
      ),
  },
  {
    id: 'mrsa_screen_date',
    label: 'MRSA/MSSA screen less than four weeks before the procedure',
    source:
      'HWE ICB policy: MRSA screening "less than four weeks before" the procedure (clinical.md §1.1)',
    evaluate: ({ c }) => {
      const d = c.selection.fields.mrsaScreenDate;
      const p = c.selection.procedureDate;
      if (d === null || p === null)
        return unknown('WARN', 'MRSA screen or procedure date not recorded.');
      const days = daysBetween(d, p);
      if (days < 0) return fail('WARN', `MRSA screen ${-days} days after the planned procedure.`);
      return days >= MRSA_SCREEN_MAX_DAYS
        ? fail(
            'WARN',
            `MRSA screen ${days} days before the procedure: not less than four weeks (${MRSA_SCREEN_MAX_DAYS} days).`,
          )
        : pass('WARN', `MRSA screen ${days} days before the procedure.`);
    },
  },
  {
    id: 'hba1c_pct',
    label: 'HbA1c ≤ 10 % (if diabetic)',
    source: 'SENZA-PDN (clinical.md §1.5)',
    evaluate: ({ c }) => {
      const f = c.selection.fields;
      if (f.diabetic !== true && !c.diagnoses.some((d) => d.id.startsWith('pdn'))) return null;
      if (f.hba1cPct === null) return unknown('WARN', 'HbA1c not recorded.');
      return f.hba1cPct > HBA1C_WARN_ABOVE_PCT
        ? fail('WARN', `HbA1c ${f.hba1cPct} % > ${HBA1C_WARN_ABOVE_PCT} %.`)
        : pass('WARN', `HbA1c ${f.hba1cPct} %.`);
    },
  },
  {
    id: 'smoker',
    label: 'Tobacco use',
    source: 'NACC infection (CDC IB) (clinical.md §1.5)',
    evaluate: ({ c }) =>
      bool(
        c.selection.fields.smoker,
        'WARN',
        'Smoker: higher infection risk.',
        'Non-smoker.',
        'Tobacco use not recorded.',
        true,
      ),
  },
  {
    id: 'bmi',
    label: 'BMI ≤ 45',
    source: 'SENZA-PDN (clinical.md §1.5)',
    evaluate: ({ c }) => {
      const v = c.selection.fields.bmi;
      if (v === null) return unknown('WARN', 'BMI not recorded.');
      return v > BMI_WARN_ABOVE
        ? fail('WARN', `BMI ${v} > ${BMI_WARN_ABOVE}.`)
        : pass('WARN', `BMI ${v}.`);
    },
  },
  {
    id: 'antithrombotics',
    label: 'Anticoagulants / antiplatelets managed',
    source: 'Narouze 2018 (ASRA/ESRA/INS) (clinical.md §1.4, §1.5)',
    evaluate: ({ c }) => {
      const v = c.selection.fields.antithromboticsManaged;
      if (v === null) return unknown('HARD', 'Antithrombotic use not recorded.');
      return v === 'unmanaged'
        ? fail('HARD', 'Antithrombotics without a hold plan (confirm with the prescriber).')
        : pass(
            'HARD',
            v === 'none' ? 'No antithrombotics.' : 'Antithrombotics managed with a hold plan.',
          );
    },
  },
  {
    id: 'mme_per_day',
    label: 'Opioid load (MME/day)',
    source:
      'CDC 2022 Clinical Practice Guideline (≥ 50 MME/day caution); SENZA-PDN (> 120 excluded)',
    evaluate: ({ c }) => {
      const r = currentMmeResult(c);
      const v = r.mmePerDay;
      if (v === null)
        return unknown(
          'INFO',
          `MME/day unknown: ${r.cautions.filter((x) => !x.startsWith('MME is') && !x.startsWith('Take extra')).join(' ') || 'no convertible opioid.'}`,
        );
      if (v > MME_STUDY_EXCLUSION_ABOVE)
        return fail('WARN', `${v} MME/day > ${MME_STUDY_EXCLUSION_ABOVE} (study exclusion).`);
      if (v >= MME_CDC_CAUTION_AT)
        return fail('INFO', `${v} MME/day ≥ ${MME_CDC_CAUTION_AT} (CDC caution).`);
      return pass('INFO', `${v} MME/day.`);
    },
  },
  {
    id: 'mri_anticipated',
    label: 'Foreseeable MRI need',
    source: 'SPRINT ISI (MR Unsafe); Medtronic SureScan; WaveWriter Alpha (clinical.md §1.3)',
    evaluate: ({ c, modality }) => {
      const v = c.selection.fields.mriAnticipated;
      if (v === null) return unknown('WARN', 'MRI need not recorded.');
      if (v === 'none') return pass('WARN', 'No MRI anticipated.');
      if (modality === 'PNS_60day')
        return fail(
          'HARD',
          `MRI anticipated (${v.replace('_', ' ')}) with an MR-unsafe 60-day PNS system.`,
          'not_eligible',
        );
      return fail(
        'WARN',
        `MRI anticipated (${v.replace('_', ' ')}): check the device's MR-conditional labelling.`,
      );
    },
  },
  {
    id: 'other_active_implants',
    label: 'Other active implants',
    source: 'SPRINT ISI; Nevro warnings 4.6 (clinical.md §1.3)',
    evaluate: ({ c, modality }) => {
      const v = c.selection.fields.otherActiveImplants;
      if (v.length === 0) return pass('WARN', 'No other active implants.');
      if (modality === 'PNS_60day')
        return fail(
          'HARD',
          `Other active implant (${v.join(', ')}) with 60-day PNS.`,
          'not_eligible',
        );
      return fail('WARN', `Other active implant (${v.join(', ')}): check interactions.`);
    },
  },
  {
    id: 'pregnant_or_planning',
    label: 'Pregnancy',
    source: 'Nevro warnings 4.4 (clinical.md §1.3)',
    evaluate: ({ c }) => {
      const v = c.selection.fields.pregnantOrPlanning;
      if (v === null) return unknown('WARN', 'Pregnancy status not recorded.');
      if (v === 'yes') return fail('HARD', 'Pregnant: postpone (safety not established).');
      if (v === 'planning') return fail('WARN', 'Planning pregnancy (safety not established).');
      return pass('WARN', 'Not pregnant.');
    },
  },
  {
    id: 'age_years',
    label: 'Adult',
    source: 'Nevro warnings 4.5; SENZA-PDN (clinical.md §1.3, §1.5)',
    evaluate: ({ c }) => {
      const v = c.demographics.ageYears;
      if (v === null) return unknown('HARD', 'Age not recorded.');
      if (v < ADULT_AGE_YEARS)
        return fail('HARD', `Age ${v}: paediatric use not established.`, 'not_eligible');
      if (v < TRIAL_POPULATION_MIN_AGE_YEARS)
        return fail(
          'INFO',
          `Age ${v}: trial populations were ≥ ${TRIAL_POPULATION_MIN_AGE_YEARS}.`,
        );
      return pass('HARD', `Age ${v}.`);
    },
  },
  {
    id: 'diathermy_exposure',
    label: 'Diathermy exposure',
    source: 'StimRouter guide (clinical.md §1.3)',
    evaluate: ({ c }) =>
      bool(
        c.selection.fields.diathermyExposure,
        'WARN',
        'Exposure to diathermy.',
        'No diathermy exposure.',
        'Diathermy exposure not recorded.',
        true,
      ),
  },
  {
    id: 'prior_trial_result',
    label: 'Previous trial',
    source: 'Neuromodulation Foundation practice parameters (clinical.md §1.5)',
    evaluate: ({ c }) => {
      const v = c.selection.fields.priorTrialResult;
      if (v === null || v === 'none') return pass('INFO', 'No previous trial.');
      if (v === 'failed') return fail('WARN', 'A previous trial failed.');
      if (v === 'technically_inadequate')
        return fail('INFO', 'A previous trial was technically inadequate (repeat allowed).');
      return pass('INFO', 'A previous trial succeeded.');
    },
  },
  {
    id: 'trial_attempts',
    label: 'Repeat-trial limit',
    source:
      '⚠ nominal: one repeat trial (no policy read sets a number); practice parameters (neuromodfound)',
    evaluate: ({ c }) => {
      const attempt = c.trial?.attempt ?? 1;
      if (attempt <= MAX_TRIAL_ATTEMPTS)
        return pass('WARN', attempt === 1 ? 'First trial.' : `Trial attempt ${attempt}.`);
      return fail(
        'WARN',
        `Trial attempt ${attempt}: more than ${MAX_TRIAL_ATTEMPTS - 1} repeat trial; document why.`,
      );
    },
  },
];

/** Runs every rule for the case's framework and modality and forms the verdict. */
export function evaluateSelection(
  c: PatientCase,
  framework: Framework = c.selection.framework,
  modality: Modality = c.selection.modality,
): SelectionResult {
  const ctx: Ctx = { c, framework, modality };
  const outcomes: RuleOutcome[] = [];
  for (const rule of RULES) {
    const r = rule.evaluate(ctx);
    if (r === null) continue;
    const o: RuleOutcome = { ruleId: rule.id, label: rule.label, source: rule.source, ...r };
    const override = c.selection.overrides.find((x) => x.ruleId === rule.id);
    if (override && o.severity === 'HARD' && (o.status === 'fail' || o.status === 'unknown')) {
      const problems = overrideProblems(override);
      if (problems.length === 0) {
        o.status = 'overridden';
        o.overrideReason = override.reason;
        o.overrideBy = override.by;
        o.overrideAt = override.at;
      } else
        o.message += ` An override is recorded but does not lift this rule: it needs ${problems.join(', ')}.`;
    }
    outcomes.push(o);
  }
  const hardFails = outcomes.filter((o) => o.severity === 'HARD' && o.status === 'fail');
  const hardUnknown = outcomes.filter((o) => o.severity === 'HARD' && o.status === 'unknown');
  const verdict: Verdict = hardFails.some((o) => o.blocks === 'not_eligible')
    ? 'not_eligible'
    : hardFails.length || hardUnknown.length
      ? 'not_yet'
      : 'eligible';
  const reasons = [
    ...hardFails.map((o) => `HARD: ${o.message} [${o.source}]`),
    ...hardUnknown.map((o) => `Missing: ${o.message} [${o.source}]`),
    ...outcomes
      .filter((o) => o.status === 'overridden')
      .map(
        (o) =>
          `Overridden: ${o.label}, by ${o.overrideBy} on ${o.overrideAt}, reason: ${o.overrideReason}`,
      ),
    ...outcomes
      .filter((o) => o.severity === 'WARN' && o.status === 'fail')
      .map((o) => `WARN: ${o.message} [${o.source}]`),
  ];
  if (verdict === 'eligible')
    reasons.unshift(
      `Eligible for a trial under ${FRAMEWORK_LABELS[framework]}: no HARD rule is failing or open.`,
    );
  const unacknowledgedWarnings = outcomes
    .filter(
      (o) =>
        o.severity === 'WARN' &&
        o.status === 'fail' &&
        !c.selection.acknowledgedWarnings.includes(o.ruleId),
    )
    .map((o) => o.ruleId);
  return { framework, modality, verdict, reasons, outcomes, unacknowledgedWarnings };
}

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  eligible: 'Eligible for trial',
  not_yet: 'Not yet',
  not_eligible: 'Not eligible',
};

/** ASRA/ESRA/INS 2018 bleeding-risk class by modality (clinical.md §1.4); information only. */
export function bleedingRiskClass(modality: Modality): {
  riskClass: 'high' | 'low';
  note: string;
  source: string;
} {
  const high = modality === 'SCS' || modality === 'DRG';
  return {
    riskClass: high ? 'high' : 'low',
    note: `${modality.replace('_', ' ')} lead placement is a ${high ? 'high' : 'low'} bleeding-risk procedure. Hold intervals are information only: confirm with the prescriber.`,
    source: 'Narouze 2018, RAPM 43:225-262; ASRA News 2019 (clinical.md §1.4)',
  };
}

export interface ModalitySuggestion {
  modality: Modality;
  rationale: string[];
  label: 'Decision support only: the treating team decides.';
}

const FOCAL_DRG_REGIONS = ['groin', 'knee', 'foot', 'heel', 'shin'];

/**
 * Suggests SCS, DRG or PNS from the diagnoses and the pain distribution (clinical.md §1.2
 * modality column, §4.2 DRG targets, §4.3 PNS targets). Decision support, labelled as such.
 */
export function suggestModality(c: PatientCase): ModalitySuggestion {
  const ids = c.diagnoses.map((d) => d.id);
  const regions = c.painMap.map((r) => bodyRegionById(r.regionId)).filter((r) => r !== undefined);
  const sides = new Set(
    regions.map((r) =>
      r.id.endsWith('-left') ? 'left' : r.id.endsWith('-right') ? 'right' : 'midline',
    ),
  );
  const focal =
    regions.length > 0 &&
    regions.length <= 3 &&
    regions.every((r) => FOCAL_DRG_REGIONS.some((k) => r.id.includes(k)));
  const label = 'Decision support only: the treating team decides.' as const;
  if (ids.some((i) => ['phantom', 'residual-limb', 'nerve-injury', 'axial-lbp'].includes(i)))
    return {
      modality: 'PNS_permanent',
      rationale: [
        'Peripheral nerve origin, amputation pain or axial back pain: PNS has evidence (clinical.md §1.2, §4.3).',
      ],
      label,
    };
  if (focal && ids.some((i) => ['crps1-lower', 'crps2-lower', 'cpsp'].includes(i)))
    return {
      modality: 'DRG',
      rationale: [
        'Focal lower-limb or groin pain with CRPS or post-surgical pain: DRG targets single roots (clinical.md §1.2; Axium SSED; PMC6733040).',
      ],
      label,
    };
  const rationale = [
    'Diffuse or bilateral trunk and limb pain, PSPS, radiculopathy or diabetic neuropathy: SCS (clinical.md §1.2).',
  ];
  if (sides.has('left') && sides.has('right')) rationale.push('Pain on both sides.');
  return { modality: 'SCS', rationale, label };
}
