import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../models/scenario.ts';
import { resolveAnatomy, resolveSpine } from '../../../models/anatomy/index.ts';
import {
  contactPlacementIssues,
  scenarioConductor,
  scenarioContacts,
} from '../../../models/estimate/index.ts';
import { newPlan } from '../../../src/planner/store.ts';
import {
  addLead,
  arrangeTwoLeads,
  epiduralYMm,
  levelOfLead,
  moveLead,
  pnsDistanceMm,
  pnsLeadAtDistance,
  removeLead,
  removeLeadRefusal,
  snapLeadToLevel,
  defaultAnatomy,
  withAnatomy,
} from '../../../models/estimate/placement.ts';

describe('lead placement', () => {
  it('a new SCS plan has its lead on the dorsal dura, centred on T8, and is a valid scenario', () => {
    const s = newPlan('SCS');
    const lead = s.leads[0]!;
    const spine = resolveSpine({ level: 'T8' });
    // lead radius 0.65 mm (1.3 mm percutaneous lead, leads.md §1) above the dura's outer surface
    expect(lead.tipMm.yMm).toBeCloseTo(spine.duraDorsalYMm + 0.65, 2);
    expect(levelOfLead(s, lead)).toBe('T8');
    expect(parseScenario(s).ok).toBe(true);
  });

  it('snaps to a level: the contact array is centred on the level mid-point', () => {
    const s = snapLeadToLevel(newPlan('SCS'), 'lead-1', 'T9');
    expect(levelOfLead(s, s.leads[0]!)).toBe('T9');
    const up = snapLeadToLevel(s, 'lead-1', 'T7');
    expect(up.leads[0]!.tipMm.zMm).toBeGreaterThan(s.leads[0]!.tipMm.zMm);
  });

  it('moving a lead keeps it on the dura whatever the requested depth', () => {
    const s = moveLead(newPlan('SCS'), 'lead-1', { xMm: 2, zMm: -10 });
    const l = s.leads[0]!;
    expect(l.tipMm).toEqual({ xMm: 2, yMm: expect.closeTo(epiduralYMm(s, l), 2), zMm: -10 });
  });

  it('a thicker dorsal CSF lifts the epidural lead accordingly', () => {
    const thin = {
      ...newPlan('SCS'),
      anatomy: { kind: 'spine' as const, level: 'T8' as const, dorsalCsfThicknessMm: 2 },
    };
    const thick = { ...thin, anatomy: { ...thin.anatomy, dorsalCsfThicknessMm: 6 } };
    expect(epiduralYMm(thick, thick.leads[0]!) - epiduralYMm(thin, thin.leads[0]!)).toBeCloseTo(
      4,
      6,
    );
  });

  it('adds a second lead beside the first, arranges them, and removing one keeps the program valid', () => {
    let s = addLead(newPlan('SCS'), 'perc-8-4mm');
    expect(s.leads.map((l) => l.id)).toEqual(['lead-1', 'lead-2']);
    expect(parseScenario(s).ok).toBe(true);
    const side = arrangeTwoLeads(s, 'side-by-side');
    expect(side.leads[0]!.tipMm.zMm).toBe(side.leads[1]!.tipMm.zMm);
    expect(side.leads[0]!.tipMm.xMm).toBe(2.5);
    expect(side.leads[1]!.tipMm.xMm).toBe(-2.5);
    const stag = arrangeTwoLeads(s, 'staggered');
    expect(stag.leads[0]!.tipMm.zMm - stag.leads[1]!.tipMm.zMm).toBeGreaterThan(10);
    // put the anode on lead 2: removing lead 2 would leave only a cathode, and the case is the
    // user's to set, so the removal is refused with the reason until the case is the return
    s = {
      ...s,
      program: {
        ...s.program,
        contacts: [
          { leadId: 'lead-1', contactIndex: 3, polarity: 'cathode', fractionPercent: 100 },
          { leadId: 'lead-2', contactIndex: 3, polarity: 'anode', fractionPercent: 100 },
        ],
      },
    };
    expect(removeLeadRefusal(s, 'lead-2')).toMatch(/would leave only cathodes.*Case is return/);
    expect(removeLead(s, 'lead-2').program.caseIsReturn).toBe(false);
    s = { ...s, program: { ...s.program, caseIsReturn: true } };
    expect(removeLeadRefusal(s, 'lead-2')).toBeUndefined();
    const removed = removeLead(s, 'lead-2');
    expect(removed.leads).toHaveLength(1);
    expect(removed.program.caseIsReturn).toBe(true);
    expect(parseScenario(removed).ok).toBe(true);
    // a lead leaving a three-way cathode split leaves the other two at 50 / 50 exactly
    const three = {
      ...s,
      program: {
        ...s.program,
        contacts: [
          {
            leadId: 'lead-1',
            contactIndex: 3,
            polarity: 'cathode' as const,
            fractionPercent: 33.4,
          },
          {
            leadId: 'lead-1',
            contactIndex: 2,
            polarity: 'cathode' as const,
            fractionPercent: 33.3,
          },
          {
            leadId: 'lead-2',
            contactIndex: 3,
            polarity: 'cathode' as const,
            fractionPercent: 33.3,
          },
          { leadId: 'lead-1', contactIndex: 4, polarity: 'anode' as const, fractionPercent: 100 },
        ],
      },
    };
    expect(removeLead(three, 'lead-2').program.contacts.map((c) => c.fractionPercent)).toEqual([
      50, 50, 100,
    ]);
  });

  it('puts a PNS lead at the requested distance from the nerve surface', () => {
    const s = newPlan('PNS');
    const lead = pnsLeadAtDistance(s, s.leads[0]!, 5);
    expect(pnsDistanceMm(s, lead)).toBeCloseTo(5, 1); // positions are kept to 0.01 mm
  });

  it('a new DRG plan lays the lead on the ganglion in its foramen and is valid', () => {
    const s = newPlan('DRG');
    expect(parseScenario(s).ok).toBe(true);
    expect(s.leads[0]!.tipMm.yMm).toBeGreaterThan(2);
  });
});

describe('default scenarios', () => {
  it.each(['SCS', 'DRG', 'PNS'] as const)(
    'the %s default of models/scenario.ts sits where the planner would place its lead',
    async (therapy) => {
      const { defaultScenario } = await import('../../../models/scenario.ts');
      const a = defaultScenario(therapy).leads[0]!;
      const b = newPlan(therapy).leads[0]!;
      for (const k of ['xMm', 'yMm', 'zMm'] as const) expect(a.tipMm[k]).toBeCloseTo(b.tipMm[k], 1);
      for (const k of ['x', 'y', 'z'] as const)
        expect(a.direction[k]).toBeCloseTo(b.direction[k], 3);
    },
  );
});

describe('sliding a DRG lead along its root', () => {
  it('keeps the lead on the ganglion: only the position along the root changes', async () => {
    const { positionAlongAxisMm, slideLeadAlongAxis, structureAxis } =
      await import('../../../models/estimate/placement.ts');
    const s = newPlan('DRG');
    const before = s.leads[0]!;
    const moved = slideLeadAlongAxis(s, 'lead-1', positionAlongAxisMm(s, before) + 2);
    const after = moved.leads[0]!;
    expect(positionAlongAxisMm(moved, after) - positionAlongAxisMm(s, before)).toBeCloseTo(2, 1);
    const a = structureAxis(s);
    // the offset from the root axis (perpendicular part) is unchanged
    const perp = (t: { xMm: number; yMm: number; zMm: number }) => {
      const along = t.xMm * a.x + t.yMm * a.y + t.zMm * a.z;
      return [t.xMm - along * a.x, t.yMm - along * a.y, t.zMm - along * a.z];
    };
    perp(after.tipMm).forEach((v, i) => expect(v).toBeCloseTo(perp(before.tipMm)[i]!, 1));
    expect(parseScenario(moved).ok).toBe(true);
  });
});

describe('anatomy edits keep the leads where they were placed', () => {
  it('a thinner dorsal CSF brings an SCS lead down with the dura; its lateral and axial place stay', () => {
    const s = newPlan('SCS');
    const before = s.leads[0]!;
    const next = withAnatomy(s, { kind: 'spine', level: 'T8', dorsalCsfThicknessMm: 2.5 });
    const after = next.leads[0]!;
    expect(after.tipMm.xMm).toBe(before.tipMm.xMm);
    expect(after.tipMm.zMm).toBe(before.tipMm.zMm);
    expect(after.tipMm.yMm).toBeCloseTo(epiduralYMm(next, after), 2);
    // default dCSF at T8 is 4.0 mm: the dura, and the lead on it, come 1.5 mm closer to the cord
    expect(before.tipMm.yMm - after.tipMm.yMm).toBeCloseTo(1.5, 1);
    expect(parseScenario(next).ok).toBe(true);
  });

  it('a deeper or thicker nerve keeps a PNS lead at its distance from the nerve surface', () => {
    const s = newPlan('PNS');
    const d = pnsDistanceMm(s, s.leads[0]!);
    const next = withAnatomy(s, { kind: 'nerve', target: 'sciatic', nerveDiameterMm: 12 });
    expect(pnsDistanceMm(next, next.leads[0]!)).toBeCloseTo(d, 2);
  });
});

describe('a resized ganglion', () => {
  it('keeps the DRG lead at its height above the ganglion surface, its contacts still in the tissue of the model', () => {
    const s = newPlan('DRG');
    const before = resolveAnatomy(s.anatomy);
    const next = withAnatomy(s, {
      ...s.anatomy,
      kind: 'drg',
      ganglionVolumeMm3: 600,
    } as typeof s.anatomy);
    const after = resolveAnatomy(next.anatomy);
    if (before.kind !== 'drg' || after.kind !== 'drg') throw new Error('DRG anatomy expected');
    expect(next.leads[0]!.tipMm.yMm - s.leads[0]!.tipMm.yMm).toBeCloseTo(
      (after.ganglionWidthMm - before.ganglionWidthMm) / 2,
      2,
    );
    const { contacts, keys } = scenarioContacts(next);
    const { conductor } = scenarioConductor(next);
    expect(
      contactPlacementIssues(conductor, contacts, keys, (id) =>
        next.leads.findIndex((l) => l.id === id),
      ),
    ).toEqual([]);
  });
});

describe('back to the defaults', () => {
  it('drops every patient value but the level, side or target, and re-seats the leads', () => {
    const drg = newPlan('DRG');
    const grown = withAnatomy(drg, {
      ...drg.anatomy,
      ganglionVolumeMm3: 600,
    } as typeof drg.anatomy);
    const back = withAnatomy(grown, defaultAnatomy(grown.anatomy));
    expect(back.anatomy).toEqual(drg.anatomy);
    expect(back.leads[0]!.tipMm.yMm).toBeCloseTo(drg.leads[0]!.tipMm.yMm, 2);
    const scs = newPlan('SCS');
    const thin = withAnatomy(scs, { kind: 'spine', level: 'T8', dorsalCsfThicknessMm: 2.5 });
    expect(defaultAnatomy(thin.anatomy)).toEqual({ kind: 'spine', level: 'T8' });
    expect(defaultAnatomy({ kind: 'nerve', target: 'sciatic', depthMm: 30 })).toEqual({
      kind: 'nerve',
      target: 'sciatic',
    });
  });
});
