/**
 * The instant tier answers a lead moved across the section from the plan's contact table
 * (models/estimate/fieldTable.ts), without solving the new pose. Criterion: issue 14, the
 * table's interpolation error ≤ 1 % (of peak Δ²φ, contactTable.test.ts); instant thresholds
 * follow the field linearly, so they are held to the same 1 % against the instant tier on a
 * direct solve of the same pose.
 */
import { describe, expect, it } from 'vitest';
import {
  checkedScenarioContacts,
  ContactTableCache,
  contactTableSpec,
  runScenario,
  scenarioFieldKey,
} from '../../../models/estimate/index.ts';
import { epiduralYMm } from '../../../models/estimate/placement.ts';
import { LeadFieldLru } from '../../../models/field/index.ts';
import { defaultScenario, type Scenario } from '../../../models/scenario.ts';

const TOLERANCE = 0.01;

function movedTo(s: Scenario, xMm: number): Scenario {
  const lead = { ...s.leads[0]!, tipMm: { ...s.leads[0]!.tipMm, xMm } };
  lead.tipMm.yMm = epiduralYMm(s, lead);
  return { ...s, leads: [lead] };
}

function worstRatio(a: (number | null)[], b: (number | null)[]): number {
  let worst = 0;
  a.forEach((t, i) => {
    const r = b[i];
    if (t === null || r === null || r === undefined) {
      expect(t, `fibre ${i}: one side reached, the other not`).toBe(r);
      return;
    }
    worst = Math.max(worst, Math.abs(t / r - 1));
  });
  return worst;
}

describe('instant estimates of lead moves from the contact table', () => {
  for (const therapy of ['SCS', 'DRG'] as const) {
    it(`${therapy}: the lead moved across the section half-way between table positions is answered from the table, no pose solved, thresholds within 1 % of a direct solve`, () => {
      const base = defaultScenario(therapy);
      const fields = new LeadFieldLru();
      const tables = new ContactTableCache();
      const first = checkedScenarioContacts(base);
      const spec = contactTableSpec(first.resolved, first.conductor, first.contacts);
      if (!('spec' in spec)) throw new Error(spec.none);
      const table = tables.get(spec.spec, fields);
      const step = table.positionsMm[1]! - table.positionsMm[0]!;
      let moved: Scenario;
      if (therapy === 'SCS')
        moved = movedTo(base, 1.5); // half-way between the 1 mm positions
      else {
        // DRG: the lead rolled half a step around the ganglion
        const c0 = table.locate(first.contacts[0]!);
        const target = table.contactAtS(c0.sMm + step / 2, c0.wMm);
        const lead = s0Lead(base);
        const d = {
          x: target.centreMm.x - first.contacts[0]!.centreMm.x,
          y: target.centreMm.y - first.contacts[0]!.centreMm.y,
          z: target.centreMm.z - first.contacts[0]!.centreMm.z,
        };
        moved = {
          ...base,
          leads: [
            {
              ...lead,
              tipMm: {
                xMm: lead.tipMm.xMm + d.x,
                yMm: lead.tipMm.yMm + d.y,
                zMm: lead.tipMm.zMm + d.z,
              },
            },
          ],
        };
      }
      const contacts = checkedScenarioContacts(moved).contacts;
      // the table's positions around the new pose, solved in advance and held in the field cache
      for (const i of table.positionsFor(contacts))
        fields.putSync(table.positionKey(i), table.solve(i));
      const looked = runScenario(moved, { tier: 'instant', cache: fields, caches: { tables } });
      expect(looked.field.solver).toMatch(/contact table/);
      expect(looked.field.table?.solved).toBeGreaterThanOrEqual(4);
      expect(looked.notes.join(' ')).toMatch(/table of one contact/);
      expect(
        fields.getSync(scenarioFieldKey(moved)),
        'the moved pose was not solved',
      ).toBeUndefined();
      const direct = runScenario(moved, { tier: 'instant', contactTables: false });
      expect(direct.field.solver).not.toMatch(/table/);
      let checked = 0;
      looked.populations.forEach((p, pi) => {
        const worst = worstRatio(p.thresholdsMa, direct.populations[pi]!.thresholdsMa);
        expect(worst, `${p.name}: worst threshold ratio`).toBeLessThan(TOLERANCE);
        checked += p.thresholdsMa.filter((t) => t !== null).length;
      });
      expect(checked).toBeGreaterThan(50);
    }, 300_000);
  }

  it('a paddle lead, a tilted lead and a lead off the track are solved directly', () => {
    const s = defaultScenario('SCS');
    const { resolved, conductor, contacts } = checkedScenarioContacts(s);
    const spec = contactTableSpec(resolved, conductor, contacts);
    if (!('spec' in spec)) throw new Error(spec.none);
    const tables = new ContactTableCache();
    const table = tables.get(spec.spec);
    const c = contacts[0]!;
    if (c.kind !== 'ring') throw new Error('ring expected');
    expect(table.locate(c).offTrackMm).toBeLessThan(0.05);
    const tilted = { ...c, axis: { x: Math.sin(0.2), y: 0, z: Math.cos(0.2) } }; // 11.5°
    expect(table.locate(tilted).tiltDeg).toBeGreaterThan(11);
    const lifted = { ...c, centreMm: { ...c.centreMm, y: c.centreMm.y + 1 } };
    for (const i of table.positionsFor([c])) table.solve(i);
    expect(table.canAnswer([c])).toBe(true);
    expect(table.canAnswer([tilted])).toBe(false);
    expect(table.canAnswer([lifted])).toBe(false);
    expect(
      contactTableSpec(resolved, conductor, [
        {
          kind: 'pad',
          centreMm: c.centreMm,
          axis: c.axis,
          normal: { x: 0, y: 1, z: 0 },
          lengthMm: 4,
          widthMm: 1,
        },
      ]),
    ).toEqual({ none: expect.stringMatching(/paddle/) });
  }, 120_000);
});

function s0Lead(s: Scenario) {
  return s.leads[0]!;
}
