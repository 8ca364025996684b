/**
 * Schema of a lead catalogue entry. A lead is a contact layout plus the provenance of every
 * dimension (see `provenance.ts`): the catalogue ships nominal presets that the user can edit
 * through `LeadPlacement.overrides` (models/scenario.ts).
 *
 * Layout conventions (all mm):
 *  - cylindrical / coil: contacts are rings numbered 0 (most distal, at the placement tip)
 *    to n−1 (most proximal); `contactSpacingMm` is the edge-to-edge gap `g` of leads.md, so the
 *    centre-to-centre pitch is `p = L + g`.
 *  - paddle: pads on one face, in columns across the paddle and rows along it; numbered column
 *    by column (column 0 is on the paddle's −width side, see geometry.ts), distal to proximal
 *    within a column. `rowOffset` shifts a column along the axis by that many row pitches
 *    (0.5 for the staggered outer columns of a 5-6-5 paddle).
 */
import { z } from 'zod';
import { ProvenanceSchema } from './provenance.ts';

const positiveMm = () => z.number().finite().positive().max(200);

export const CylindricalGeometrySchema = z.object({
  kind: z.literal('cylindrical'),
  contactCount: z.number().int().min(1).max(64),
  /** ring length along the lead, `L` */
  contactLengthMm: positiveMm(),
  /** edge-to-edge gap between neighbouring rings, `g` */
  contactSpacingMm: z.number().finite().min(0).max(50),
  /** ring (and lead body) outer diameter, `Ø` */
  diameterMm: positiveMm(),
});

/** A coiled-wire electrode (e.g. a PNS micro-lead): modelled as its cylindrical envelope. */
export const CoilGeometrySchema = z.object({
  kind: z.literal('coil'),
  contactCount: z.number().int().min(1).max(8),
  /** exposed (uninsulated) coil length, modelled as the ring length */
  contactLengthMm: positiveMm(),
  contactSpacingMm: z.number().finite().min(0).max(50),
  /** outer diameter of the coil, modelled as the ring diameter */
  diameterMm: positiveMm(),
  /** diameter of the wire the coil is wound from (display only) */
  wireDiameterMm: positiveMm(),
});

export const PaddleColumnSchema = z.object({
  contactCount: z.number().int().min(1).max(16),
  /** shift of this column along the axis, in row pitches (stagger) */
  rowOffset: z.number().finite().min(0).max(2),
});

export const PaddleGeometrySchema = z.object({
  kind: z.literal('paddle'),
  columns: z.array(PaddleColumnSchema).min(1).max(8),
  /** pad length along the paddle axis */
  contactLengthMm: positiveMm(),
  /** pad width across the paddle */
  contactWidthMm: positiveMm(),
  /** edge-to-edge gap between pads of one column along the axis */
  contactSpacingMm: z.number().finite().min(0).max(50),
  /** centre-to-centre distance between neighbouring columns */
  columnPitchMm: positiveMm(),
  paddleWidthMm: positiveMm(),
  paddleThicknessMm: positiveMm(),
  paddleLengthMm: positiveMm(),
});

export const LeadGeometrySchema = z.discriminatedUnion('kind', [
  CylindricalGeometrySchema,
  CoilGeometrySchema,
  PaddleGeometrySchema,
]);
export type LeadGeometry = z.infer<typeof LeadGeometrySchema>;
export type CylindricalGeometry = z.infer<typeof CylindricalGeometrySchema>;
export type CoilGeometry = z.infer<typeof CoilGeometrySchema>;
export type PaddleGeometry = z.infer<typeof PaddleGeometrySchema>;

export const LEAD_FORMS = ['percutaneous', 'paddle', 'micro-lead'] as const;

/** `vendor` of the vendor-neutral presets. */
export const GENERIC_VENDOR = 'Generic';
/** Fields a named (vendor) entry must give a provenance for, besides its geometry. */
export const NAMED_DEVICE_FIELDS = ['modelNumbers', 'leadLengthsCm'] as const;

export const LeadCatalogEntrySchema = z
  .object({
    /** vendor-neutral id referenced by `LeadPlacement.catalogId` */
    id: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[a-z0-9][a-z0-9.-]*$/, 'ids are lower-case letters, digits, dots and hyphens'),
    displayName: z.string().min(1).max(80),
    /** maker of a named device, or "Generic" for the vendor-neutral presets */
    vendor: z.string().min(1).max(60).default(GENERIC_VENDOR),
    /** model numbers of a named device (empty for generic presets or when none was found) */
    modelNumbers: z.array(z.string().min(1).max(40)).max(20).default([]),
    /** lead body lengths sold, cm (empty when none was found) */
    leadLengthsCm: z.array(z.number().finite().positive().max(200)).max(10).default([]),
    /** which published lead(s) the nominal geometry is modelled on (vendor names only here) */
    modelledOn: z.string().min(1),
    therapies: z.array(z.enum(['SCS', 'DRG', 'PNS'])).min(1),
    form: z.enum(LEAD_FORMS),
    geometry: LeadGeometrySchema,
    /** provenance of every geometry field (and of `contactCount` / `layout`) */
    provenance: z.record(z.string(), ProvenanceSchema),
    notes: z.string().default(''),
  })
  .superRefine((entry, ctx) => {
    for (const [key, value] of Object.entries(entry.geometry)) {
      if (typeof value !== 'number' && key !== 'columns') continue;
      const field = key === 'columns' ? 'layout' : key;
      if (!(field in entry.provenance)) {
        ctx.addIssue({
          code: 'custom',
          path: ['provenance', field],
          message: `lead "${entry.id}": geometry field "${field}" has no provenance`,
        });
      }
    }
    // a named device says where its model numbers and lengths come from, or why they are absent
    if (entry.vendor !== GENERIC_VENDOR) {
      for (const field of NAMED_DEVICE_FIELDS) {
        if (!(field in entry.provenance)) {
          ctx.addIssue({
            code: 'custom',
            path: ['provenance', field],
            message: `lead "${entry.id}": named-device field "${field}" has no provenance`,
          });
        }
      }
    }
    const expectedForm = entry.geometry.kind === 'paddle' ? 'paddle' : null;
    if (expectedForm !== null && entry.form !== expectedForm) {
      ctx.addIssue({
        code: 'custom',
        path: ['form'],
        message: `lead "${entry.id}": paddle geometry needs form "paddle"`,
      });
    }
  });
export type LeadCatalogEntry = z.infer<typeof LeadCatalogEntrySchema>;
export type LeadCatalogEntryInput = z.input<typeof LeadCatalogEntrySchema>;

/** Number of contacts of a catalogue geometry. */
export function leadContactCount(geometry: LeadGeometry): number {
  return geometry.kind === 'paddle'
    ? geometry.columns.reduce((s, c) => s + c.contactCount, 0)
    : geometry.contactCount;
}
