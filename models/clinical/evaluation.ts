/**
 * Trial evaluation (clinical.md §2.2): the coverage framework's own success criterion (NCD
 * 160.7 asks only for demonstrated relief with a trial electrode; LCD L37632/L36204 ask for
 * ≥ 50 % reduction of target pain or of analgesic medication, and some functional
 * improvement), with ODI change, MME change, PGIC and patient preference each reported
 * separately. An implant is suggested only when the criterion is met and nothing speaks
 * against it (disability, opioid use or PGIC worse, or the patient declines). The clinician
 * decides; the suggestion is support.
 */
import { PGIC_ANCHORS_NINDS, scoreOdi } from './instruments.ts';
import {
  isOpioidAgent,
  mmePerDay,
  type MmeResult,
  type OpioidAgent,
  type OpioidDose,
} from './mme.ts';
import { overlapPercent } from './bodyRegions.ts';
import type { DiaryDay, Framework, InstrumentAdministration, PatientCase } from './caseSchema.ts';

/** ≥ 50 % relief or medication reduction (LCD L37632/L36204; BCBS MP-328; Aetna CPB 0194). */
export const RELIEF_SUCCESS_PCT = 50;
/** ODI change ≤ −10 points (clinical.md §2.2 composite; ⚠ commonly cited MCID, not confirmed). */
export const ODI_MEANINGFUL_CHANGE_POINTS = -10;
/** A trial whose best paresthesia covers less than half the pain is technically inadequate (⚠ nominal, clinical.md §2.2 "poor overlap"). */
export const TECHNICALLY_INADEQUATE_OVERLAP_PCT = 50;

function latest(list: readonly InstrumentAdministration[]): InstrumentAdministration | undefined {
  return [...list].sort((a, b) => a.date.localeCompare(b.date)).at(-1);
}

export function administrationsOf(
  c: PatientCase,
  instrument: InstrumentAdministration['instrument'],
  context?: InstrumentAdministration['context'],
) {
  return c.instruments.filter(
    (a) => a.instrument === instrument && (context === undefined || a.context === context),
  );
}

/** Baseline average pain: the latest baseline NRS, else the BPI "average pain" item (clinical.md §1.5 baseline_nrs_avg). */
export function baselineNrs(c: PatientCase): number | null {
  const nrs = latest(administrationsOf(c, 'nrs', 'baseline'));
  if (nrs && nrs.answers[0] !== null && nrs.answers[0] !== undefined) return nrs.answers[0];
  const bpi = latest(administrationsOf(c, 'bpi', 'baseline'));
  const avg = bpi?.answers[2];
  return avg === null || avg === undefined ? null : avg;
}

export function odiPercent(
  c: PatientCase,
  context: InstrumentAdministration['context'],
): number | null {
  const a = latest(administrationsOf(c, 'odi', context));
  return a ? (scoreOdi(a.answers).percent ?? null) : null;
}

/** Current opioid load from conservative care (medications marked current); null when unknown. */
export function currentMme(c: PatientCase): number | null {
  return currentMmeResult(c).mmePerDay;
}

/** The full CDC 2022 computation for the current opioids (cautions say why a total is unknown). */
export function currentMmeResult(c: PatientCase): MmeResult {
  const doses: OpioidDose[] = c.conservativeCare.medications
    .filter((m) => m.drugClass === 'opioid' && m.current && isOpioidAgent(m.agent))
    .map((m) => ({ agent: m.agent as OpioidAgent, dose: m.dose, route: m.route }));
  if (doses.length === 0)
    return { mmePerDay: 0, perDrug: [], cautions: [], notConverted: [], incomplete: false };
  return mmePerDay(doses);
}

/** MME/day of one diary day: 0 with no opioid recorded, null when a dose cannot be converted. */
export function diaryMme(day: DiaryDay): number | null {
  if (day.medications.length === 0) return 0;
  const r = mmePerDay(day.medications);
  if (r.incomplete) return null;
  return r.mmePerDay ?? 0;
}

function meanOf(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/** PGIC values 5–7 are "worse" on the NINDS CDE scale (1 very much improved … 7 very much worse). */
export const PGIC_WORSE_FROM = 5;

/** The trial success criterion of a coverage framework, with the source's condition. */
export interface TrialCriterion {
  framework: Framework;
  text: string;
  source: string;
  /** the criterion needs some functional improvement as well as relief (LCD) */
  needsFunction: boolean;
  /** a ≥ 50 % reduction of analgesic medication may stand in for pain relief (LCD) */
  medicationAlternative: boolean;
  /** the 50 % threshold is not the source's own (NCD 160.7 sets none) */
  thresholdNominal: boolean;
}

export function trialCriterion(framework: Framework): TrialCriterion {
  switch (framework) {
    case 'CMS_LCD_L37632':
      return {
        framework,
        text: '≥ 50 % reduction of target pain or ≥ 50 % reduction of analgesic medication, and some functional improvement',
        source: 'LCD L37632 / L36204 (trial requirements)',
        needsFunction: true,
        medicationAlternative: true,
        thresholdNominal: false,
      };
    case 'CMS_NCD_160_7':
      return {
        framework,
        text: 'pain relief demonstrated with a temporarily implanted electrode before the permanent implant (no threshold in the NCD; ≥ 50 % used here as the common LCD and payer threshold)',
        source: 'NCD 160.7 B.2(d)',
        needsFunction: false,
        medicationAlternative: false,
        thresholdNominal: true,
      };
    case 'NICE_TA159':
      return {
        framework,
        text: 'a successful trial of stimulation (≥ 50 % pain relief, clinical.md §0 point 1)',
        source: 'NICE TA159 §1.1; clinical.md §2.2',
        needsFunction: false,
        medicationAlternative: false,
        thresholdNominal: true,
      };
    default:
      return {
        framework,
        text: '≥ 50 % pain relief with the temporary electrode',
        source: 'BCBS MP-328; Aetna CPB 0194 (clinical.md §2.2)',
        needsFunction: false,
        medicationAlternative: false,
        thresholdNominal: false,
      };
  }
}

export interface TrialEvaluation {
  criterion: TrialCriterion;
  baselineNrs: number | null;
  trialMeanNrs: number | null;
  reliefPct: number | null;
  meetsReliefRule: boolean | null;
  /** the framework's whole success criterion (relief or medication, and function where asked) */
  meetsCriterion: boolean | null;
  odiBaselinePct: number | null;
  odiEndPct: number | null;
  odiChangePoints: number | null;
  functionalImprovement: boolean | null;
  mmeBaseline: number | null;
  mmeTrialMean: number | null;
  mmeChange: number | null;
  mmeReductionPct: number | null;
  pgic: number | null;
  pgicAnchor: string | null;
  pgicSource: 'end_of_trial' | 'diary' | null;
  bestOverlapPct: number | null;
  patientPreference: PatientCase['evaluation']['patientPreference'];
  /** outcomes that speak against an implant although the criterion is met */
  conflicts: string[];
  suggestedDecision: 'implant' | 'no_implant' | 'repeat_trial' | null;
  reasons: string[];
}

/** The latest PGIC with its own anchor: the end-of-trial form if there is one, else the diary. */
function trialPgic(c: PatientCase): {
  value: number | null;
  anchor: string | null;
  from: 'end_of_trial' | 'diary' | null;
} {
  const form = latest(administrationsOf(c, 'pgic', 'end_of_trial'));
  const formValue = form?.answers[0];
  if (form && formValue !== null && formValue !== undefined)
    return {
      value: formValue,
      anchor: PGIC_ANCHORS_NINDS[formValue - 1] ?? form.anchorText ?? null,
      from: 'end_of_trial',
    };
  const day = (c.trial?.diary ?? []).filter((d) => d.pgic !== null).at(-1);
  if (day?.pgic != null)
    return { value: day.pgic, anchor: PGIC_ANCHORS_NINDS[day.pgic - 1] ?? null, from: 'diary' };
  return { value: null, anchor: null, from: null };
}

export function evaluateTrial(
  c: PatientCase,
  framework: Framework = c.selection.framework,
): TrialEvaluation {
  const criterion = trialCriterion(framework);
  const diary = c.trial?.diary ?? [];
  const base = baselineNrs(c);
  const trialMean = meanOf(diary.map((d) => d.avgNrs).filter((v): v is number => v !== null));
  const reliefPct =
    base !== null && base > 0 && trialMean !== null
      ? round1(((base - trialMean) / base) * 100)
      : null;
  const meets = reliefPct === null ? null : reliefPct >= RELIEF_SUCCESS_PCT;
  const odiB = odiPercent(c, 'baseline');
  const odiE = odiPercent(c, 'end_of_trial');
  const odiChange = odiB !== null && odiE !== null ? round1(odiE - odiB) : null;
  const functional = odiChange === null ? null : odiChange < 0;
  const mmeB = currentMme(c);
  const diaryMmes = diary.map(diaryMme);
  const mmeT =
    diary.length === 0 || diaryMmes.some((v) => v === null)
      ? null
      : round1(meanOf(diaryMmes as number[]) ?? 0);
  const mmeChange = mmeB !== null && mmeT !== null ? round1(mmeT - mmeB) : null;
  const mmeReductionPct =
    mmeB !== null && mmeT !== null && mmeB > 0 ? round1(((mmeB - mmeT) / mmeB) * 100) : null;
  const pgic = trialPgic(c);
  const overlaps = (c.trial?.sessions ?? [])
    .map((s) => overlapPercent(c.painMap, s.paresthesiaRegions))
    .filter((v): v is number => v !== null);
  const bestOverlap = overlaps.length ? Math.max(...overlaps) : null;
  const pref = c.evaluation.patientPreference;

  const medsHalved = mmeReductionPct !== null && mmeReductionPct >= RELIEF_SUCCESS_PCT;
  let meetsCriterion: boolean | null;
  if (criterion.needsFunction) {
    const reliefOrMeds =
      meets === true || medsHalved
        ? true
        : meets === null && mmeReductionPct === null
          ? null
          : false;
    meetsCriterion =
      reliefOrMeds === false || functional === false
        ? false
        : reliefOrMeds === null || functional === null
          ? null
          : true;
  } else meetsCriterion = meets;

  const conflicts: string[] = [];
  if (odiChange !== null && odiChange > 0)
    conflicts.push(`Disability worse: ODI rose ${odiChange} points.`);
  if (mmeB !== null && mmeT !== null && mmeT > mmeB)
    conflicts.push(`Opioid use rose (${mmeB} → ${mmeT} MME/day).`);
  if (pgic.value !== null && pgic.value >= PGIC_WORSE_FROM)
    conflicts.push(`PGIC ${pgic.value} (${pgic.anchor}): the patient reports feeling worse.`);
  if (pref === 'declines') conflicts.push('The patient declines the implant.');

  const reasons: string[] = [];
  let suggested: TrialEvaluation['suggestedDecision'] = null;
  if (reliefPct !== null || meetsCriterion !== null) {
    reasons.push(`Criterion (${criterion.source}): ${criterion.text}.`);
    if (reliefPct !== null)
      reasons.push(
        `Pain relief ${reliefPct} % (baseline ${base}/10 → trial mean ${round1(trialMean ?? 0)}/10).`,
      );
    if (criterion.medicationAlternative && mmeReductionPct !== null)
      reasons.push(`Analgesic (opioid) reduction ${mmeReductionPct} %.`);
    if (odiB !== null && odiE !== null)
      reasons.push(
        `ODI ${odiB} % → ${odiE} % (${odiChange! >= 0 ? '+' : ''}${odiChange} points; meaningful ≤ ${ODI_MEANINGFUL_CHANGE_POINTS}).`,
      );
    else if (criterion.needsFunction)
      reasons.push('No end-of-trial ODI: functional improvement is not documented.');
    if (mmeB === null)
      reasons.push('Opioid load before the trial is unknown (a dose or route is missing).');
    else if (mmeT !== null)
      reasons.push(
        mmeT <= mmeB
          ? `Opioid use stable or reduced (${mmeB} → ${mmeT} MME/day).`
          : `Opioid use increased (${mmeB} → ${mmeT} MME/day).`,
      );
    if (pgic.value !== null)
      reasons.push(
        `PGIC ${pgic.value} (${pgic.anchor}; NINDS CDE; from the ${pgic.from === 'diary' ? 'diary' : 'end-of-trial form'}).`,
      );
    if (pref) reasons.push(`Patient preference: ${pref.replace('_', ' ')}.`);
    reasons.push(
      meetsCriterion === true
        ? 'The success criterion is met.'
        : meetsCriterion === false
          ? 'The success criterion is not met.'
          : 'The success criterion cannot be decided yet.',
    );
    if (meetsCriterion === true && conflicts.length === 0) suggested = 'implant';
    else if (meetsCriterion === true) {
      reasons.push(`Review before an implant: ${conflicts.join(' ')}`);
      suggested = pref === 'declines' ? 'no_implant' : null;
    } else if (
      meetsCriterion === false &&
      bestOverlap !== null &&
      bestOverlap < TECHNICALLY_INADEQUATE_OVERLAP_PCT
    ) {
      suggested = 'repeat_trial';
      reasons.push(
        `Paresthesia covered at best ${bestOverlap} % of the pain map: technically inadequate trial, consider a repeat (neuromodfound trial outcomes).`,
      );
    } else if (meetsCriterion === false) suggested = 'no_implant';
  }
  return {
    criterion,
    baselineNrs: base,
    trialMeanNrs: trialMean === null ? null : round1(trialMean),
    reliefPct,
    meetsReliefRule: meets,
    meetsCriterion,
    odiBaselinePct: odiB,
    odiEndPct: odiE,
    odiChangePoints: odiChange,
    functionalImprovement: functional,
    mmeBaseline: mmeB,
    mmeTrialMean: mmeT,
    mmeChange,
    mmeReductionPct,
    pgic: pgic.value,
    pgicAnchor: pgic.anchor,
    pgicSource: pgic.from,
    bestOverlapPct: bestOverlap,
    patientPreference: pref,
    conflicts,
    suggestedDecision: suggested,
    reasons,
  };
}
