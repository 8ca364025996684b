/**
 * Multiplexed groups with two leads: a group names contacts by lead, so contact 3 of one lead is
 * not contact 3 of the other; an older file's plain index still takes that contact on every lead.
 */
import { describe, expect, it } from 'vitest';
import { ProgramSchema, ScenarioSchema, defaultScenario } from '../../../models/scenario.ts';
import { contactGroups, groupIncludes } from '../../../models/stimulation/groups.ts';

function twoLeadProgram(groups: unknown[]) {
  const base = defaultScenario('SCS').program;
  return ProgramSchema.parse({
    ...base,
    generatorId: 'generic-ipg-32',
    contacts: [
      { leadId: 'lead-1', contactIndex: 3, polarity: 'cathode', fractionPercent: 50 },
      { leadId: 'lead-2', contactIndex: 3, polarity: 'cathode', fractionPercent: 50 },
      { leadId: 'lead-1', contactIndex: 4, polarity: 'anode', fractionPercent: 50 },
      { leadId: 'lead-2', contactIndex: 4, polarity: 'anode', fractionPercent: 50 },
    ],
    waveform: { kind: 'multiplexed', groups },
  });
}

describe('multiplexed groups by lead', () => {
  it('a named contact belongs to its lead only; a plain index matches every lead', () => {
    expect(groupIncludes([{ leadId: 'lead-2', contactIndex: 3 }], 'lead-2', 3)).toBe(true);
    expect(groupIncludes([{ leadId: 'lead-2', contactIndex: 3 }], 'lead-1', 3)).toBe(false);
    expect(groupIncludes([3], 'lead-1', 3)).toBe(true);
    expect(groupIncludes([3], 'lead-2', 3)).toBe(true);
  });

  it('each lead fires in its own group with the full amplitude', () => {
    const p = twoLeadProgram([
      {
        contacts: [
          { leadId: 'lead-1', contactIndex: 3 },
          { leadId: 'lead-1', contactIndex: 4 },
        ],
        rateHz: 40,
      },
      {
        contacts: [
          { leadId: 'lead-2', contactIndex: 3 },
          { leadId: 'lead-2', contactIndex: 4 },
        ],
        rateHz: 60,
      },
    ]);
    const g = contactGroups(p);
    expect(
      g.map((x) => x.contacts.map((c) => `${c.leadId}:${c.contactIndex}:${c.polarity}`)),
    ).toEqual([
      ['lead-1:3:cathode', 'lead-1:4:anode'],
      ['lead-2:3:cathode', 'lead-2:4:anode'],
    ]);
    // renormalised within each group: the cathode of each lead carries the whole amplitude
    expect(g[0]!.contacts[0]!.currentMa).toBeCloseTo(p.amplitudeMa, 12);
    expect(g.map((x) => x.rateHz)).toEqual([40, 60]);
  });

  it('an older scenario listing plain indices still parses and takes the contacts of both leads', () => {
    const p = twoLeadProgram([{ contacts: [3, 4], rateHz: 50 }]);
    expect(contactGroups(p)[0]!.contacts).toHaveLength(4);
    const s = defaultScenario('SCS');
    const withOld = {
      ...s,
      program: {
        ...s.program,
        waveform: { kind: 'multiplexed', groups: [{ contacts: [3], rateHz: 50 }] },
      },
    };
    expect(ScenarioSchema.safeParse(withOld).success).toBe(true);
  });
});
