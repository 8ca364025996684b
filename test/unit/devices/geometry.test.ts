import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LeadPlacementSchema, type LeadPlacement } from '../../../models/scenario.ts';
import {
  LEAD_CATALOGUE,
  contactGeometry,
  findLead,
  leadContactCount,
  leadFrame,
  type LeadCatalogEntry,
} from '../../../models/devices/index.ts';

function lead(id: string): LeadCatalogEntry {
  const entry = findLead(id);
  if (!entry) throw new Error(`no lead ${id}`);
  return entry;
}

function place(partial: Partial<LeadPlacement> & { catalogId: string }): LeadPlacement {
  return LeadPlacementSchema.parse({
    id: 'lead-1',
    tipMm: { xMm: 0, yMm: 6, zMm: 20 },
    direction: { x: 0, y: 0, z: -1 },
    ...partial,
  });
}

const dist = (a: { xMm: number; yMm: number; zMm: number }, b: typeof a) =>
  Math.hypot(a.xMm - b.xMm, a.yMm - b.yMm, a.zMm - b.zMm);

describe('contactGeometry: ring leads', () => {
  it('puts contact 0 at the tip and spaces centres by L + g along the direction (leads.md §0)', () => {
    // perc-8-4mm: L = 3 mm, g = 4 mm → pitch 7 mm (leads.md §1, Compact/Octrode row)
    const contacts = contactGeometry(lead('perc-8-4mm'), place({ catalogId: 'perc-8-4mm' }));
    expect(contacts).toHaveLength(8);
    contacts.forEach((c, k) => {
      expect(c.kind).toBe('ring');
      expect(c.centreMm.xMm).toBeCloseTo(0, 12);
      expect(c.centreMm.yMm).toBeCloseTo(6, 12);
      expect(c.centreMm.zMm).toBeCloseTo(20 - 7 * k, 12);
      expect(c.axis).toEqual({ x: 0, y: 0, z: -1 });
    });
    // span = n·L + (n−1)·g = 52 mm (leads.md §1)
    const first = contacts[0];
    const last = contacts[7];
    expect(first && last && dist(first.centreMm, last.centreMm) + 3).toBeCloseTo(52, 9);
  });

  it.each([
    ['perc-8-1mm', 4],
    ['perc-8-1.5mm', 4.5],
    ['perc-8-6mm', 9],
    ['perc-16-1mm', 4],
    ['drg-4', 5.13],
  ])('spaces %s contacts %f mm centre to centre (leads.md §1, §3)', (id, pitchMm) => {
    const contacts = contactGeometry(lead(id), place({ catalogId: id }));
    for (let k = 1; k < contacts.length; k++) {
      const a = contacts[k - 1];
      const b = contacts[k];
      expect(a && b && dist(a.centreMm, b.centreMm)).toBeCloseTo(pitchMm, 9);
    }
  });

  it('gives rings the area π·Ø·L (clinical.md §3.4)', () => {
    // 1.3 mm × 3 mm → 12.25 mm² = 0.1225 cm² (leads.md §1)
    const [c] = contactGeometry(lead('perc-8-4mm'), place({ catalogId: 'perc-8-4mm' }));
    expect(c?.areaCm2).toBeCloseTo((Math.PI * 1.3 * 3) / 100, 12);
    expect(c?.areaCm2).toBeCloseTo(0.1225, 4);
    expect(c?.diameterMm).toBe(1.3);
    expect(c?.lengthMm).toBe(3);
    // DRG contact 1.10 × 1.25 mm ≈ 4.32 mm² (leads.md §3 quotes ≈ 4.33 from rounded figures)
    const [d] = contactGeometry(lead('drg-4'), place({ catalogId: 'drg-4' }));
    expect(d?.areaCm2).toBeCloseTo((Math.PI * 1.1 * 1.25) / 100, 12);
    expect(d?.areaCm2).toBeCloseTo(0.0432, 4);
    // coiled micro-lead envelope 0.6 × 10 mm ≈ 19 mm² (leads.md §4, derived ⚠)
    const [m] = contactGeometry(lead('pns-coil-1'), place({ catalogId: 'pns-coil-1' }));
    expect(m?.areaCm2).toBeCloseTo(0.1885, 4);
  });

  it('applies placement overrides to spacing, length and diameter, and stops calling them nominal', () => {
    const contacts = contactGeometry(
      lead('perc-8-4mm'),
      place({
        catalogId: 'perc-8-4mm',
        overrides: { contactSpacingMm: 2, contactLengthMm: 2, diameterMm: 1.35 },
      }),
    );
    const [a, b] = contacts;
    expect(a && b && dist(a.centreMm, b.centreMm)).toBeCloseTo(4, 12);
    expect(a?.areaCm2).toBeCloseTo((Math.PI * 1.35 * 2) / 100, 12);
    expect(a?.overriddenFields.sort()).toEqual([
      'contactLengthMm',
      'contactSpacingMm',
      'diameterMm',
    ]);
    expect(a?.nominalFields).toEqual([]);
  });

  it('normalises the direction, so a scaled direction gives the same centres', () => {
    const entry = lead('perc-8-4mm');
    const unit = contactGeometry(
      entry,
      place({ catalogId: entry.id, direction: { x: 0.6, y: 0, z: -0.8 } }),
    );
    const direction = { x: 6, y: 0, z: -8 }; // bypass the schema's normalisation
    const scaled = contactGeometry(entry, { ...place({ catalogId: entry.id }), direction });
    scaled.forEach((c, k) => {
      const u = unit[k];
      expect(u && dist(c.centreMm, u.centreMm)).toBeCloseTo(0, 12);
    });
  });
});

describe('contactGeometry: paddles', () => {
  it('faces a caudally running dorsal paddle ventrally at roll 0, columns across x', () => {
    // 2×8: column pitch 4 mm (nominal) → columns at x = ∓2 mm; normal −y towards the cord
    const contacts = contactGeometry(lead('paddle-2x8'), place({ catalogId: 'paddle-2x8' }));
    expect(contacts).toHaveLength(16);
    expect(contacts.every((c) => c.kind === 'pad')).toBe(true);
    expect(contacts[0]?.normal.y).toBeCloseTo(-1, 12);
    expect(contacts[0]?.centreMm.xMm).toBeCloseTo(-2, 12);
    expect(contacts[8]?.centreMm.xMm).toBeCloseTo(2, 12);
    // pad area W × L = 1 × 4 mm² = 0.04 cm² (nominal ≈ 4 × 1 mm, leads.md §2)
    expect(contacts[0]?.areaCm2).toBeCloseTo(0.04, 12);
    expect(contacts[0]?.widthMm).toBe(1);
  });

  it('turns the columns with rollDeg about the lead axis', () => {
    const contacts = contactGeometry(
      lead('paddle-2x8'),
      place({ catalogId: 'paddle-2x8', rollDeg: 90 }),
    );
    // roll 90°: width axis becomes the old normal (−y), so columns sit at y = 6 ± 2
    expect(contacts[0]?.centreMm.xMm).toBeCloseTo(0, 12);
    expect(contacts[0]?.centreMm.yMm).toBeCloseTo(8, 12);
    expect(contacts[8]?.centreMm.yMm).toBeCloseTo(4, 12);
  });

  it('staggers the outer columns of a 5-6-5 paddle by half a row pitch', () => {
    const contacts = contactGeometry(lead('paddle-5-6-5'), place({ catalogId: 'paddle-5-6-5' }));
    const pitch = 4 + 2.5; // nominal L + g
    const middle = contacts.filter((c) => c.column === 1);
    const outer = contacts.filter((c) => c.column === 0);
    expect(middle).toHaveLength(6);
    expect(outer).toHaveLength(5);
    expect(middle[0]?.alongMm).toBe(0);
    expect(middle[0]?.centreMm.zMm).toBeCloseTo(20, 12);
    expect(outer[0]?.alongMm).toBeCloseTo(pitch / 2, 12);
  });

  it('keeps every pad of every paddle in the face plane through the tip', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LEAD_CATALOGUE.filter((l) => l.geometry.kind === 'paddle')),
        fc.record({
          x: fc.double({ min: -1, max: 1, noNaN: true }),
          y: fc.double({ min: -1, max: 1, noNaN: true }),
          z: fc.double({ min: -1, max: 1, noNaN: true }),
        }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        (entry, d, rollDeg) => {
          fc.pre(Math.hypot(d.x, d.y, d.z) > 0.1);
          const p = place({ catalogId: entry.id, direction: d, rollDeg });
          const contacts = contactGeometry(entry, p);
          expect(contacts).toHaveLength(leadContactCount(entry.geometry));
          for (const c of contacts) {
            const off = {
              x: c.centreMm.xMm - p.tipMm.xMm,
              y: c.centreMm.yMm - p.tipMm.yMm,
              z: c.centreMm.zMm - p.tipMm.zMm,
            };
            expect(off.x * c.normal.x + off.y * c.normal.y + off.z * c.normal.z).toBeCloseTo(0, 9);
          }
        },
      ),
    );
  });
});

describe('leadFrame', () => {
  it('is orthonormal and right-handed for any direction and roll', () => {
    const unit = fc.double({ min: -1, max: 1, noNaN: true });
    fc.assert(
      fc.property(
        unit,
        unit,
        unit,
        fc.double({ min: -180, max: 180, noNaN: true }),
        (x, y, z, roll) => {
          fc.pre(Math.hypot(x, y, z) > 1e-3);
          const { axis, widthAxis, normal } = leadFrame({ x, y, z }, roll);
          const dot = (a: typeof axis, b: typeof axis) => a.x * b.x + a.y * b.y + a.z * b.z;
          expect(dot(axis, axis)).toBeCloseTo(1, 9);
          expect(dot(widthAxis, widthAxis)).toBeCloseTo(1, 9);
          expect(dot(normal, normal)).toBeCloseTo(1, 9);
          expect(dot(axis, widthAxis)).toBeCloseTo(0, 9);
          expect(dot(axis, normal)).toBeCloseTo(0, 9);
          expect(dot(widthAxis, normal)).toBeCloseTo(0, 9);
          // normal = axis × widthAxis
          expect(axis.y * widthAxis.z - axis.z * widthAxis.y).toBeCloseTo(normal.x, 9);
        },
      ),
    );
  });
});
