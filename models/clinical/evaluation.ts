/**
 * Trial evaluation (clinical.md §2.2): relief against baseline with the ≥ 50 % rule (NCD 160.7,
 * LCD L37632), ODI change, MME change, PGIC and patient preference, each reported separately,
 * and a suggested decision with reasons. The clinician decides; the suggestion is support.
 */
import { PGIC_ANCHORS_NINDS, scoreOdi } from './instruments.ts';
import { isOpioidAgent, mmePerDay, type OpioidDose } from './mme.ts';
import { overlapPercent } from './bodyRegions.ts';
import type { PatientCase, DiaryDay, InstrumentAdministration } from './caseSchema.ts';

/** ≥ 50 % relief with the temporary electrode (clinical.md §2.2: NCD 160.7; LCD L37632; BCBS). */
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

/** Current opioid load from conservative care (medications marked current). */
export function currentMme(c: PatientCase): number | null {
  const doses: OpioidDose[] = c.conservativeCare.medications
    .filter(
      (m) => m.drugClass === 'opioid' && m.current && m.dose !== null && isOpioidAgent(m.agent),
    )
    .map((m) => ({ agent: m.agent as OpioidDose['agent'], dose: m.dose ?? 0 }));
  return doses.length === 0 ? 0 : mmePerDay(doses).mmePerDay;
}

export function diaryMme(day: DiaryDay): number {
  return mmePerDay(day.medications).mmePerDay ?? 0;
}

function meanOf(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
}

const round1 = (v: number) => Math.round(v * 10) / 10;

export interface TrialEvaluation {
  baselineNrs: number | null;
  trialMeanNrs: number | null;
  reliefPct: number | null;
  meetsReliefRule: boolean | null;
  odiBaselinePct: number | null;
  odiEndPct: number | null;
  odiChangePoints: number | null;
  mmeBaseline: number | null;
  mmeTrialMean: number | null;
  mmeChange: number | null;
  pgic: number | null;
  pgicAnchor: string | null;
  bestOverlapPct: number | null;
  patientPreference: PatientCase['evaluation']['patientPreference'];
  suggestedDecision: 'implant' | 'no_implant' | 'repeat_trial' | null;
  reasons: string[];
}

export function evaluateTrial(c: PatientCase): TrialEvaluation {
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
  const mmeB = currentMme(c);
  const mmeT = diary.length === 0 ? null : round1(meanOf(diary.map(diaryMme)) ?? 0);
  const pgicDays = diary.filter((d) => d.pgic !== null);
  const pgicAdmin = latest(administrationsOf(c, 'pgic', 'end_of_trial'));
  const pgic = pgicDays.at(-1)?.pgic ?? pgicAdmin?.answers[0] ?? null;
  const pgicAnchor =
    pgicAdmin?.anchorText ?? (pgic === null ? null : (PGIC_ANCHORS_NINDS[pgic - 1] ?? null));
  const overlaps = (c.trial?.sessions ?? [])
    .map((s) => overlapPercent(c.painMap, s.paresthesiaRegions))
    .filter((v): v is number => v !== null);
  const bestOverlap = overlaps.length ? Math.max(...overlaps) : null;
  const pref = c.evaluation.patientPreference;

  const reasons: string[] = [];
  let suggested: TrialEvaluation['suggestedDecision'] = null;
  if (reliefPct !== null) {
    reasons.push(
      meets
        ? `Pain relief ${reliefPct} % meets the ≥ ${RELIEF_SUCCESS_PCT} % rule (NCD 160.7; LCD L37632).`
        : `Pain relief ${reliefPct} % is below the ≥ ${RELIEF_SUCCESS_PCT} % rule (NCD 160.7; LCD L37632).`,
    );
    if (odiB !== null && odiE !== null) {
      const ch = round1(odiE - odiB);
      reasons.push(
        `ODI ${odiB} % → ${odiE} % (${ch >= 0 ? '+' : ''}${ch} points; meaningful ≤ ${ODI_MEANINGFUL_CHANGE_POINTS}).`,
      );
    }
    if (mmeB !== null && mmeT !== null)
      reasons.push(
        mmeT <= mmeB
          ? `Opioid use stable or reduced (${mmeB} → ${mmeT} MME/day).`
          : `Opioid use increased (${mmeB} → ${mmeT} MME/day).`,
      );
    if (pgic !== null) reasons.push(`PGIC ${pgic}${pgicAnchor ? ` (${pgicAnchor})` : ''}.`);
    if (pref) reasons.push(`Patient preference: ${pref.replace('_', ' ')}.`);
    if (meets && pref !== 'declines') suggested = 'implant';
    else if (!meets && bestOverlap !== null && bestOverlap < TECHNICALLY_INADEQUATE_OVERLAP_PCT) {
      suggested = 'repeat_trial';
      reasons.push(
        `Paresthesia covered at best ${bestOverlap} % of the pain map: technically inadequate trial, consider a repeat (neuromodfound trial outcomes).`,
      );
    } else suggested = 'no_implant';
    if (meets && pref === 'declines') reasons.push('The patient declines the implant.');
  }
  return {
    baselineNrs: base,
    trialMeanNrs: trialMean === null ? null : round1(trialMean),
    reliefPct,
    meetsReliefRule: meets,
    odiBaselinePct: odiB,
    odiEndPct: odiE,
    odiChangePoints: odiB !== null && odiE !== null ? round1(odiE - odiB) : null,
    mmeBaseline: mmeB,
    mmeTrialMean: mmeT,
    mmeChange: mmeB !== null && mmeT !== null ? round1(mmeT - mmeB) : null,
    pgic,
    pgicAnchor,
    bestOverlapPct: bestOverlap,
    patientPreference: pref,
    suggestedDecision: suggested,
    reasons,
  };
}
