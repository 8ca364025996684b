/**
 * Outcomes after the permanent implant, by follow-up month (1, 3, 6, 12, 24; clinical.md §5.2
 * item 6): the instruments of the baseline assessment scored again at each visit, and pain
 * relief against the baseline NRS, computed as for the trial (evaluation.ts).
 */
import {
  FOLLOW_UP_MONTHS,
  type FollowUp,
  type InstrumentAdministration,
  type PatientCase,
} from './caseSchema.ts';
import { INSTRUMENT_IDS, tryScore, type InstrumentId, type ScoreResult } from './instruments.ts';
import { baselineNrs } from './evaluation.ts';

export type FollowUpMonth = (typeof FOLLOW_UP_MONTHS)[number];

export interface FollowUpScore {
  instrument: InstrumentId;
  baseline: ScoreResult | null;
  followUp: ScoreResult | null;
  /** date of the follow-up administration */
  date: string | null;
}

export interface FollowUpOutcome {
  month: FollowUpMonth;
  visit: FollowUp | null;
  /** one row per instrument given at baseline or at this visit */
  scores: FollowUpScore[];
  /** baseline instruments not (yet) given at this visit: "the same instruments" */
  missing: InstrumentId[];
  nrs: number | null;
  /** (baseline NRS − follow-up NRS) / baseline NRS, % (one decimal) */
  reliefPct: number | null;
}

function latestOf(list: readonly InstrumentAdministration[]): InstrumentAdministration | undefined {
  return [...list].sort((a, b) => a.date.localeCompare(b.date)).at(-1);
}

const scoreOf = (a: InstrumentAdministration | undefined) =>
  a ? tryScore(a.instrument, a.answers) : null;

/** Instruments compared at follow-up: PGIC is a change rating and has no baseline of its own. */
function baselineInstruments(c: PatientCase): InstrumentId[] {
  const ids = new Set(
    c.instruments.filter((a) => a.context === 'baseline').map((a) => a.instrument),
  );
  return INSTRUMENT_IDS.filter((id) => ids.has(id) && id !== 'pgic');
}

/** One row per follow-up month that has a visit or an administration, in month order. */
export function followUpOutcomes(c: PatientCase): FollowUpOutcome[] {
  const base = baselineInstruments(c);
  const baseNrs = baselineNrs(c);
  const out: FollowUpOutcome[] = [];
  for (const month of FOLLOW_UP_MONTHS) {
    const visit = c.followUps.find((f) => f.month === month) ?? null;
    const given = c.instruments.filter(
      (a) => a.context === 'follow_up' && a.followUpMonth === month,
    );
    if (!visit && given.length === 0) continue;
    const ids = INSTRUMENT_IDS.filter(
      (id) => base.includes(id) || given.some((a) => a.instrument === id),
    );
    const scores = ids.map((instrument): FollowUpScore => {
      const f = latestOf(given.filter((a) => a.instrument === instrument));
      const b = latestOf(
        c.instruments.filter((a) => a.context === 'baseline' && a.instrument === instrument),
      );
      return { instrument, baseline: scoreOf(b), followUp: scoreOf(f), date: f?.date ?? null };
    });
    const nrs = scores.find((s) => s.instrument === 'nrs')?.followUp?.total ?? null;
    const reliefPct =
      nrs === null || baseNrs === null || baseNrs === 0
        ? null
        : Math.round(((baseNrs - nrs) / baseNrs) * 1000) / 10;
    out.push({
      month,
      visit,
      scores,
      missing: base.filter((id) => !given.some((a) => a.instrument === id)),
      nrs,
      reliefPct,
    });
  }
  return out;
}
