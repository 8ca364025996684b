/**
 * Schema of a generator (IPG / external stimulator) entry: its programmable envelope per
 * waveform family (clinical.md §3.2), its outputs, and the electrical figures the battery
 * estimate uses (nominal, marked).
 */
import { z } from 'zod';
import { ProvenanceSchema } from './provenance.ts';

const finite = () => z.number().finite();

export const RangeSchema = z
  .object({ min: finite(), max: finite() })
  .refine((r) => r.min <= r.max, { message: 'min must not exceed max' });
export type Range = z.infer<typeof RangeSchema>;

export const WAVEFORM_FAMILIES = ['tonic', 'burst', 'khz', 'multiplexed', 'closed-loop'] as const;
export type WaveformFamily = (typeof WAVEFORM_FAMILIES)[number];

export const WaveformEnvelopeSchema = z.object({
  amplitudeMa: RangeSchema,
  pulseWidthUs: RangeSchema,
  /** pulse rate (tonic, closed-loop), burst repetition rate (burst), carrier frequency (khz) */
  rateHz: RangeSchema,
  /** burst only: rate of the pulses inside a burst */
  intraBurstRateHz: RangeSchema.optional(),
  /** burst only */
  pulsesPerBurst: RangeSchema.optional(),
  /** multiplexed only: most groups (areas) that can fire in turn */
  maxGroups: z.number().int().min(1).optional(),
  /** closed-loop only: rate of amplitude updates */
  updateRateHz: RangeSchema.optional(),
  /** largest load at which this family's rated current is still delivered, Ω (where stated) */
  maxLoadOhm: finite().positive().optional(),
  provenance: ProvenanceSchema,
  /** a field whose source differs from the envelope's (e.g. one range that is unverified) */
  fieldProvenance: z.record(z.string(), ProvenanceSchema).optional(),
});
export type WaveformEnvelope = z.infer<typeof WaveformEnvelopeSchema>;

/** Scalar fields of a generator that must carry a provenance whenever they are present. */
export const GENERATOR_PROVENANCE_FIELDS = [
  'control',
  'power',
  'contactCount',
  'maxLeads',
  'maxContactsPerLead',
  'independentCurrentSources',
  'maxPhaseChargeUc',
  'maxLoadOhm',
  'complianceV',
  'batteryCapacityMah',
  'batteryVoltageV',
  'quiescentCurrentUa',
  'conversionEfficiency',
] as const;

export const GeneratorSchema = z
  .object({
    id: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[a-z0-9][a-z0-9.-]*$/),
    /** vendor-neutral name saying which published envelope it models, or the device's own name */
    displayName: z.string().min(1).max(120),
    /** maker of a named device, or "Generic" for the vendor-neutral presets */
    vendor: z.string().min(1).max(60).default('Generic'),
    /** model numbers of a named device (empty when none was found) */
    modelNumbers: z.array(z.string().min(1).max(40)).max(20).default([]),
    modelledOn: z.string().min(1),
    therapies: z.array(z.enum(['SCS', 'DRG', 'PNS'])).min(1),
    control: z.enum(['constant-current', 'constant-voltage']),
    /** where its energy comes from */
    power: z.enum(['rechargeable', 'primary-cell', 'external']),
    /** total output channels (contacts) it can drive */
    contactCount: z.number().int().min(1).max(64),
    maxLeads: z.number().int().min(1).max(8),
    maxContactsPerLead: z.number().int().min(1).max(64),
    /** each contact has its own current source (multiple independent current control) */
    independentCurrentSources: z.boolean(),
    /** hardware limit on charge per phase, µC, where the envelope states one */
    maxPhaseChargeUc: finite().positive().optional(),
    /** largest load at which the rated current is still delivered, Ω (where stated) */
    maxLoadOhm: finite().positive().optional(),
    /** output voltage compliance, V (nominal) */
    complianceV: finite().positive(),
    /** battery capacity, mAh (nominal; for rechargeables: one charge) */
    batteryCapacityMah: finite().positive(),
    /** nominal battery voltage, V */
    batteryVoltageV: finite().positive(),
    /** current drawn by the electronics with no stimulation, µA (nominal) */
    quiescentCurrentUa: finite().min(0),
    /** battery power → stimulation power conversion efficiency, 0–1 (nominal) */
    conversionEfficiency: finite().gt(0).max(1),
    envelopes: z.object({
      tonic: WaveformEnvelopeSchema.optional(),
      burst: WaveformEnvelopeSchema.optional(),
      khz: WaveformEnvelopeSchema.optional(),
      multiplexed: WaveformEnvelopeSchema.optional(),
      'closed-loop': WaveformEnvelopeSchema.optional(),
    }),
    /** provenance of the scalar fields above */
    provenance: z.record(z.string(), ProvenanceSchema),
    notes: z.string().default(''),
  })
  .superRefine((g, ctx) => {
    const fields: string[] = GENERATOR_PROVENANCE_FIELDS.filter((f) => g[f] !== undefined);
    if (g.vendor !== 'Generic') fields.push('modelNumbers');
    for (const field of fields) {
      if (!(field in g.provenance)) {
        ctx.addIssue({
          code: 'custom',
          path: ['provenance', field],
          message: `generator "${g.id}": field "${field}" has no provenance`,
        });
      }
    }
  });
export type Generator = z.infer<typeof GeneratorSchema>;
export type GeneratorInput = z.input<typeof GeneratorSchema>;
