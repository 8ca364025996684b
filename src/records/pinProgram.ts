/**
 * Pins a planner scenario's program to a programming session: the session's program fields
 * are filled from the scenario, and the whole scenario is kept as the session's snapshot
 * (DESIGN.md "records can pin a Scenario + Result snapshot to a programming session").
 */
import type { Scenario } from '../../models/scenario.ts';
import type { ProgrammingSession } from '../../models/clinical/index.ts';
import { ResultSummarySchema, type ResultSummary } from '../../models/estimate/resultSummary.ts';

const WAVEFORM_MAP: Record<
  Scenario['program']['waveform']['kind'],
  ProgrammingSession['program']['waveform']
> = {
  tonic: 'tonic',
  burst: 'burst',
  khz: '10kHz',
  multiplexed: 'multiplexed',
  'closed-loop': 'closed_loop_ECAP',
};

export function programFromScenario(scenario: Scenario): ProgrammingSession['program'] {
  const p = scenario.program;
  const contacts = p.contacts
    .filter((c) => c.polarity !== 'off')
    .map(
      (c) =>
        `${c.leadId}:E${c.contactIndex}${c.polarity === 'cathode' ? '-' : '+'}${c.fractionPercent < 100 ? `(${c.fractionPercent} %)` : ''}`,
    )
    .join(' ');
  return {
    name: p.name,
    waveform: WAVEFORM_MAP[p.waveform.kind],
    amplitudeMa: p.amplitudeMa,
    pulseWidthUs: p.pulseWidthUs,
    rateHz: p.rateHz,
    contacts: `${contacts}${p.caseIsReturn ? ' case+' : ''}`.trim(),
  };
}

/** The snapshot a session keeps: the Scenario, and the Result summary when one was estimated. */
export function snapshotOf(
  scenarioId: string,
  scenario: Scenario,
  at: Date = new Date(),
  result?: ResultSummary,
) {
  return {
    kind: 'neuromod-planner/scenario-snapshot',
    scenarioId,
    pinnedAt: at.toISOString(),
    scenario,
    ...(result ? { result } : {}),
  };
}

/** The pinned Result summary of a session's snapshot, or null (none pinned, or unreadable). */
export function pinnedResultOf(snapshot: unknown): ResultSummary | null {
  if (typeof snapshot !== 'object' || snapshot === null) return null;
  const r = ResultSummarySchema.safeParse((snapshot as { result?: unknown }).result);
  return r.success ? r.data : null;
}

/** When and from which scenario a snapshot was pinned (null when it is not a snapshot). */
export function pinnedMeta(snapshot: unknown): { scenarioId: string; pinnedAt: string } | null {
  if (typeof snapshot !== 'object' || snapshot === null) return null;
  const o = snapshot as { scenarioId?: unknown; pinnedAt?: unknown };
  return typeof o.scenarioId === 'string' && typeof o.pinnedAt === 'string'
    ? { scenarioId: o.scenarioId, pinnedAt: o.pinnedAt }
    : null;
}
