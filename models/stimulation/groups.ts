/**
 * Which contacts fire together, and with what current. A program is one contact group, except
 * a multiplexed program, whose waveform lists groups that fire in turn, each at its own rate.
 *
 * Multiplexed groups name contacts as { leadId, contactIndex }; a plain index (older files) takes
 * that contact on every lead. Within a group each polarity's fractions are renormalised to
 * 100 %, so every group delivers the full program amplitude (an assumption: the scenario has one
 * amplitude per program).
 */
import type { GroupContact, Program } from '../scenario.ts';

/** Whether a group's contact list names this contact of this lead. */
export function groupIncludes(
  refs: readonly (number | GroupContact)[],
  leadId: string,
  contactIndex: number,
): boolean {
  return refs.some((r) =>
    typeof r === 'number'
      ? r === contactIndex
      : r.leadId === leadId && r.contactIndex === contactIndex,
  );
}

export type ActivePolarity = 'cathode' | 'anode';

export interface ContactCurrent {
  leadId: string;
  contactIndex: number;
  polarity: ActivePolarity;
  /** share of its polarity's current within the group, 0–1 */
  share: number;
  /** current through this contact during the primary phase, mA */
  currentMa: number;
}

export interface ContactGroup {
  groupIndex: number;
  label: string;
  /** pulse rate of this group, Hz */
  rateHz: number;
  contacts: ContactCurrent[];
}

function groupCurrents(program: Program, settings: Program['contacts']): ContactCurrent[] {
  const out: ContactCurrent[] = [];
  for (const polarity of ['cathode', 'anode'] as const) {
    const active = settings.filter((c) => c.polarity === polarity);
    const total = active.reduce((s, c) => s + c.fractionPercent, 0);
    for (const c of active) {
      const share = total > 0 ? c.fractionPercent / total : 0;
      out.push({
        leadId: c.leadId,
        contactIndex: c.contactIndex,
        polarity,
        share,
        currentMa: program.amplitudeMa * share,
      });
    }
  }
  return out;
}

/** The pulse rate of a single-group program: the carrier for kHz, the pulse rate otherwise. */
export function programRateHz(program: Program): number {
  return program.waveform.kind === 'khz' ? program.waveform.frequencyHz : program.rateHz;
}

/** Contact groups of a program with each contact's current. */
export function contactGroups(program: Program): ContactGroup[] {
  const active = program.contacts.filter((c) => c.polarity !== 'off');
  if (program.waveform.kind !== 'multiplexed') {
    return [
      {
        groupIndex: 0,
        label: 'all contacts',
        rateHz: programRateHz(program),
        contacts: groupCurrents(program, active),
      },
    ];
  }
  return program.waveform.groups.map((g, groupIndex) => ({
    groupIndex,
    label: `group ${groupIndex + 1}`,
    rateHz: g.rateHz,
    contacts: groupCurrents(
      program,
      active.filter((c) => groupIncludes(g.contacts, c.leadId, c.contactIndex)),
    ),
  }));
}
