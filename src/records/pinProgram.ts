/**
 * Pins a planner scenario's program to a programming session: the session's program fields
 * are filled from the scenario, and the whole scenario is kept as the session's snapshot
 * (DESIGN.md "records can pin a Scenario + Result snapshot to a programming session").
 */
import type { Scenario } from '../../models/scenario.ts';
import type { ProgrammingSession } from '../../models/clinical/index.ts';

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

export function snapshotOf(scenarioId: string, scenario: Scenario, at: Date = new Date()) {
  return {
    kind: 'neuromod-planner/scenario-snapshot',
    scenarioId,
    pinnedAt: at.toISOString(),
    scenario,
  };
}
