/**
 * The Result a programming session pins beside its Scenario (DESIGN.md "records can pin a
 * Scenario + Result snapshot"): not the per-fibre thresholds, but what the record needs to say
 * what was predicted — recruitment per population at the programmed amplitude, the dermatomes
 * reached with the share of their fibres, the overlap with the pain map, the estimate's tier and
 * state, and the hash of the estimate key it was computed for (view.ts estimateKey).
 */
import { z } from 'zod';
import { ROOTS } from '../anatomy/dermatomes.ts';
import { hashString } from '../field/cache.ts';
import type { DermatomeShare, ParaesthesiaOverlap } from './paraesthesia.ts';
import type { ShownEstimate } from './view.ts';

export const RESULT_SUMMARY_KIND = 'neuromod-planner/result-summary';

const percent = z.number().finite().min(0).max(100);

export const ResultSummarySchema = z
  .object({
    kind: z.literal(RESULT_SUMMARY_KIND),
    /** hashString(estimateKey(scenario)): the plan the thresholds are for */
    estimateKeyHash: z.string().regex(/^[0-9a-f]{1,32}$/),
    tier: z.enum(['instant', 'full']),
    /** the derived view's state when pinned (view.ts ShownState) */
    state: z.enum(['full', 'full-partial', 'instant', 'stale']),
    amplitudeMa: z.number().finite().min(0).max(100),
    populations: z
      .array(
        z
          .object({
            id: z.string().min(1).max(64),
            name: z.string().min(1).max(120),
            fibreType: z.string().max(32),
            fibres: z.number().int().min(0).max(100000),
            recruitedPercent: percent,
          })
          .strict(),
      )
      .max(16),
    dermatomes: z
      .array(
        z
          .object({
            root: z.enum(ROOTS),
            side: z.enum(['left', 'right']),
            fibres: z.number().int().min(0).max(100000),
            recruited: z.number().int().min(0).max(100000),
            sharePercent: percent,
          })
          .strict(),
      )
      .max(64),
    /** pain map covered, weighted (paraesthesia.ts); null without a pain map */
    painCoveredPercent: percent.nullable(),
    /** paraesthesia outside the pain map; null when nothing fires */
    offTargetPercent: percent.nullable(),
    /** where the pain map came from, e.g. "case Wren-61" or "plan" */
    painMapSource: z.string().max(200),
    appVersion: z.string().max(64),
    /** when the estimate was computed (its provenance), ISO 8601 */
    computedAt: z.string().max(40),
  })
  .strict();
export type ResultSummary = z.infer<typeof ResultSummarySchema>;

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The summary of the shown estimate (view.ts shownEstimate), its dermatome shares and overlap. */
export function summariseResult(
  shown: ShownEstimate,
  shares: readonly DermatomeShare[],
  overlap: ParaesthesiaOverlap,
  painMapSource: string,
): ResultSummary {
  const r = shown.result;
  return {
    kind: RESULT_SUMMARY_KIND,
    estimateKeyHash: hashString(shown.key),
    tier: shown.tier,
    state: shown.state,
    amplitudeMa: r.populations[0]?.amplitudeMa ?? 0,
    populations: r.populations.map((p) => ({
      id: p.id,
      name: p.name,
      fibreType: p.fibreType,
      fibres: p.fibreCount,
      recruitedPercent: round1(p.shareActivated * 100),
    })),
    dermatomes: shares.map((s) => ({
      root: s.root,
      side: s.side,
      fibres: s.fibres,
      recruited: s.recruited,
      sharePercent: round1(s.share * 100),
    })),
    painCoveredPercent:
      overlap.painCoveredPercent === null ? null : round1(overlap.painCoveredPercent),
    offTargetPercent: overlap.offTargetPercent === null ? null : round1(overlap.offTargetPercent),
    painMapSource,
    appVersion: r.provenance.appVersion,
    computedAt: r.provenance.time,
  };
}

/** The dermatomes of a summary as short text, e.g. "L4 L 35 %, L5 L 20 %". */
export function summaryDermatomeText(s: ResultSummary, minPercent = 0): string {
  const list = s.dermatomes.filter((d) => d.sharePercent > minPercent);
  return list.length
    ? list.map((d) => `${d.root} ${d.side === 'left' ? 'L' : 'R'} ${d.sharePercent} %`).join(', ')
    : 'none';
}
