/**
 * What a payer submission for a neuromodulation trial or implant needs, gathered from a case:
 * the conservative-care history (each drug with dose, duration and outcome; non-drug care),
 * the psychological screen (PHQ-9, GAD-7, PCS and the clearance), the selection verdict with
 * every rule outcome and each override (named clinician, date, reason), the trial result
 * against the framework's criterion, and the implant, follow-up and complication summary when
 * present. NCD 160.7 B.2(b)-(d) and LCD L37632/L36204 (documentation of failed conservative
 * care, psychological evaluation and trial relief); clinical.md §1.5, §2.2.
 */
import {
  type AdverseEvent,
  type Implant,
  type PatientCase,
  type Revision,
  type SelectionFields,
} from './caseSchema.ts';
import { INSTRUMENTS, tryScore, type InstrumentId, type ScoreResult } from './instruments.ts';
import { doseUnitOf, isOpioidAgent } from './mme.ts';
import {
  FRAMEWORK_LABELS,
  evaluateSelection,
  type RuleOutcome,
  type Verdict,
} from './selection.ts';
import { evaluateTrial, type TrialEvaluation } from './evaluation.ts';
import { implantCptCodes } from './fhir.ts';
import { followUpOutcomes, type FollowUpOutcome } from './followUp.ts';

export interface CareRow {
  treatment: string;
  kind: string;
  /** dose with its unit, or "dose not recorded" */
  dose: string;
  durationWeeks: number | null;
  outcome: string;
  current: boolean;
}

export interface ScreenRow {
  instrument: InstrumentId;
  name: string;
  date: string;
  score: ScoreResult | null;
}

export interface OverrideRow {
  ruleId: string;
  label: string;
  by: string;
  at: string;
  reason: string;
  /** the override lifts the HARD rule (named clinician, date-time, documented reason) */
  lifts: boolean;
}

export interface PayerReport {
  conservativeCare: { medications: CareRow[]; nonDrug: CareRow[]; totalWeeks: number | null };
  screens: ScreenRow[];
  psychEval: SelectionFields['psychEval'];
  selection: {
    frameworkLabel: string;
    verdict: Verdict;
    outcomes: RuleOutcome[];
    overrides: OverrideRow[];
  };
  trial: TrialEvaluation | null;
  implant: { implant: Implant; cptCodes: string[] } | null;
  followUps: FollowUpOutcome[];
  adverseEvents: AdverseEvent[];
  revisions: Revision[];
}

/** Instruments of the psychological screen and function a payer asks for (clinical.md §1.5). */
export const PAYER_SCREEN_INSTRUMENTS: readonly InstrumentId[] = ['phq9', 'gad7', 'pcs', 'odi'];

const words = (s: string | null) => (s === null ? 'not recorded' : s.replaceAll('_', ' '));

function doseText(m: PatientCase['conservativeCare']['medications'][number]): string {
  if (m.dose === null) return 'dose not recorded';
  const unit =
    m.drugClass === 'opioid' && isOpioidAgent(m.agent) && doseUnitOf(m.agent) === 'ug/h'
      ? 'µg/h'
      : 'mg/day';
  return `${m.dose} ${unit}`;
}

export function payerReport(c: PatientCase): PayerReport {
  const medications: CareRow[] = c.conservativeCare.medications.map((m) => ({
    treatment: m.agent,
    kind: m.drugClass.replaceAll('_', ' '),
    dose: doseText(m),
    durationWeeks: m.durationWeeks,
    outcome: words(m.outcome),
    current: m.current,
  }));
  const nonDrug: CareRow[] = c.conservativeCare.nonDrug.map((n) => ({
    treatment: n.note ? `${n.kind.replaceAll('_', ' ')} (${n.note})` : n.kind.replaceAll('_', ' '),
    kind: 'non-drug',
    dose: '—',
    durationWeeks: n.durationWeeks,
    outcome: words(n.outcome),
    current: false,
  }));
  const weeks = [...medications, ...nonDrug]
    .map((r) => r.durationWeeks)
    .filter((w): w is number => w !== null);
  const screens: ScreenRow[] = PAYER_SCREEN_INSTRUMENTS.flatMap((id) => {
    const a = c.instruments
      .filter((x) => x.instrument === id && x.context === 'baseline')
      .sort((x, y) => x.date.localeCompare(y.date))
      .at(-1);
    return a
      ? [
          {
            instrument: id,
            name: INSTRUMENTS[id].name,
            date: a.date,
            score: tryScore(id, a.answers),
          },
        ]
      : [];
  });
  const sel = evaluateSelection(c);
  const overrides: OverrideRow[] = c.selection.overrides.map((o) => {
    const outcome = sel.outcomes.find((x) => x.ruleId === o.ruleId);
    return {
      ruleId: o.ruleId,
      label: outcome?.label ?? o.ruleId,
      by: o.by ?? '',
      at: o.at,
      reason: o.reason,
      lifts: outcome?.status === 'overridden',
    };
  });
  return {
    conservativeCare: {
      medications,
      nonDrug,
      totalWeeks: weeks.length ? Math.round(weeks.reduce((a, b) => a + b, 0) * 10) / 10 : null,
    },
    screens,
    psychEval: c.selection.fields.psychEval,
    selection: {
      frameworkLabel: FRAMEWORK_LABELS[sel.framework],
      verdict: sel.verdict,
      outcomes: sel.outcomes,
      overrides,
    },
    trial: c.trial ? evaluateTrial(c) : null,
    implant: c.implant ? { implant: c.implant, cptCodes: implantCptCodes(c.implant) } : null,
    followUps: followUpOutcomes(c),
    adverseEvents: c.adverseEvents,
    revisions: c.revisions,
  };
}
