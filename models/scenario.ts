/**
 * The Scenario: everything that defines one estimate (therapy, anatomy, lead placements,
 * program, model settings). Plain JSON with a `schemaVersion`; it is what gets saved, shared
 * as a link, replayed and run from the CLI. Every boundary parses it with `parseScenario`.
 *
 * Frame of reference for lead poses (all therapies): millimetres, origin at the centre of the
 * target structure (cord centre at the mid-point of the chosen vertebral level; DRG centre;
 * nerve centre), +x to the patient's left, +y dorsal (posterior), +z rostral / proximal along
 * the cord or nerve axis.
 */
import { DeliveryScheduleSchema } from './stimulation/schedule.ts';
import { z } from 'zod';
import { ROOTS } from './anatomy/dermatomes.ts';
import { MAX_JSON_DEPTH, overlongStrings, unknownKeys, valueDepth } from './limits.ts';
import {
  DEFAULT_POPULATION_FIBER_MODEL,
  FIBER_MODEL_SPECS,
  POPULATION_FIBER_MODELS,
  fiberModelSpec,
} from './neuron/registry.ts';

export const SCENARIO_SCHEMA_VERSION = 1 as const;

export const SPINAL_LEVELS = [
  'C2', 'C3', 'C4', 'C5', 'C6', 'C7',
  'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12',
  'L1', 'L2', 'L3', 'L4', 'L5', 'S1',
] as const; // prettier-ignore
export type SpinalLevel = (typeof SPINAL_LEVELS)[number];

/** DRG levels modelled (issue scope: T10–S1 at least). */
export const DRG_LEVELS = ['T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5', 'S1'] as const;
export type DrgLevel = (typeof DRG_LEVELS)[number];

/**
 * PNS targets (models/anatomy/nerve.ts NERVE_PRESETS). 'sciatic' is the subgluteal sciatic (its
 * id since version 1); later targets are appended, so every saved plan still parses.
 */
export const PNS_TARGETS = [
  'sciatic',
  'femoral',
  'lumbar-medial-branch',
  'greater-occipital',
  'suprascapular',
  'sciatic-popliteal',
  'saphenous-genicular',
] as const;
export type PnsTarget = (typeof PNS_TARGETS)[number];

export const THERAPIES = ['SCS', 'DRG', 'PNS'] as const;
export type Therapy = (typeof THERAPIES)[number];

const finite = () => z.number().finite();

/**
 * Anatomy parameters. Optional numbers left out take the level's sourced default
 * (`models/anatomy`); ranges are the slider ranges of ../shared/research/anatomy.md §0.
 */
export const SpineAnatomySchema = z.object({
  kind: z.literal('spine'),
  level: z.enum(SPINAL_LEVELS),
  /** dorsal CSF thickness at the midline; anatomy.md §1.3: 1.5–8.5 mm */
  dorsalCsfThicknessMm: finite().min(1.5).max(8.5).optional(),
  /** cord lateral offset from the canal midline; anatomy.md §1.3: 0–2 mm (either side) */
  cordLateralOffsetMm: finite().min(-2).max(2).optional(),
  /** dura (+arachnoid); anatomy.md §1.5: 0.19–0.43 mm (±1 SD), slider to 0.6 */
  duraThicknessMm: finite().min(0.1).max(0.6).optional(),
  /** posterior epidural fat depth; anatomy.md §1.4: 1–25 mm */
  epiduralFatDepthMm: finite().min(1).max(25).optional(),
});

export const DrgAnatomySchema = z.object({
  kind: z.literal('drg'),
  level: z.enum(DRG_LEVELS),
  side: z.enum(['left', 'right']),
  /** ganglion volume; anatomy.md §4.1 (L4/L5/S1 means 211/291/384 mm³) */
  ganglionVolumeMm3: finite().min(50).max(800).optional(),
});

export const NerveAnatomySchema = z.object({
  kind: z.literal('nerve'),
  target: z.enum(PNS_TARGETS),
  /** skin-to-nerve depth; illustrative, patient specific (clinical.md §4.3) */
  depthMm: finite().min(2).max(120).optional(),
  /** nerve diameter; anatomy.md §5.1 */
  nerveDiameterMm: finite().min(0.5).max(25).optional(),
});

export const AnatomySchema = z.discriminatedUnion('kind', [
  SpineAnatomySchema,
  DrgAnatomySchema,
  NerveAnatomySchema,
]);
export type Anatomy = z.infer<typeof AnatomySchema>;

/**
 * Farthest a lead tip may sit from the target's centre, per axis: twice the largest section
 * the field solver models (±100 mm, models/anatomy/spine.ts); beyond it a lead is outside the
 * modelled body.
 */
export const MAX_TIP_OFFSET_MM = 200;
const tipCoordinate = () => finite().min(-MAX_TIP_OFFSET_MM).max(MAX_TIP_OFFSET_MM);

export const Vec3MmSchema = z.object({ xMm: finite(), yMm: finite(), zMm: finite() });
export type Vec3Mm = z.infer<typeof Vec3MmSchema>;

/** A lead placed in the anatomy frame: position of its distal tip and its direction. */
export const LeadPlacementSchema = z.object({
  id: z.string().min(1).max(64),
  /** id in the lead catalogue (`models/devices`) */
  catalogId: z.string().min(1).max(64),
  label: z.string().max(80).default(''),
  /** position of the most distal contact's centre */
  tipMm: z.object({ xMm: tipCoordinate(), yMm: tipCoordinate(), zMm: tipCoordinate() }),
  /** direction from the tip towards the proximal contacts, as a unit vector (normalised on parse) */
  direction: z
    .object({ x: finite(), y: finite(), z: finite() })
    .refine((d) => Math.hypot(d.x, d.y, d.z) > 1e-9, 'direction must not be the zero vector')
    .transform((d) => {
      const n = Math.hypot(d.x, d.y, d.z);
      // a vector already of unit length is kept as is, so that parsing is idempotent (a saved
      // scenario reads back bit for bit instead of drifting by a rounding step per load)
      if (Math.abs(n - 1) < 1e-12) return { x: d.x, y: d.y, z: d.z };
      return { x: d.x / n, y: d.y / n, z: d.z / n };
    }),
  /** rotation about the lead axis (paddles), degrees */
  rollDeg: finite().min(-180).max(180).default(0),
  /** nominal dimensions edited by the user, overriding the catalogue (mm) */
  overrides: z
    .object({
      contactLengthMm: finite().positive().max(20).optional(),
      contactSpacingMm: finite().min(0).max(50).optional(),
      diameterMm: finite().positive().max(10).optional(),
    })
    .default({}),
});
export type LeadPlacement = z.infer<typeof LeadPlacementSchema>;

export const POLARITIES = ['anode', 'cathode', 'off'] as const;

export const ContactSettingSchema = z.object({
  leadId: z.string().min(1),
  contactIndex: z.number().int().min(0).max(63),
  polarity: z.enum(POLARITIES),
  /** share of this polarity's total current carried by this contact, % */
  fractionPercent: finite().min(0).max(100),
});
export type ContactSetting = z.infer<typeof ContactSettingSchema>;

/** A contact in a multiplexed group: which lead, which contact on it. */
export const GroupContactSchema = z.object({
  leadId: z.string().min(1).max(64),
  contactIndex: z.number().int().min(0),
});
export type GroupContact = z.infer<typeof GroupContactSchema>;

export const WaveformSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('tonic'),
    shape: z
      .enum(['biphasic-cathodic-first', 'mono-cathodic', 'mono-anodic'])
      .default('biphasic-cathodic-first'),
    interphaseUs: finite().min(0).max(1000).default(20),
  }),
  z.object({
    kind: z.literal('burst'),
    pulsesPerBurst: z.number().int().min(2).max(10),
    intraBurstRateHz: finite().min(100).max(1000),
    recharge: z.enum(['passive', 'active']).default('passive'),
  }),
  z.object({ kind: z.literal('khz'), frequencyHz: finite().min(1000).max(20000) }),
  z.object({
    kind: z.literal('multiplexed'),
    /** each group fires in turn within one period */
    groups: z
      .array(
        z.object({
          /** a contact of a named lead, or (older files) a contact index on any lead */
          contacts: z.array(z.union([z.number().int().min(0), GroupContactSchema])),
          rateHz: finite().positive(),
        }),
      )
      .min(1)
      .max(8),
  }),
  z.object({
    kind: z.literal('closed-loop'),
    targetEcapUv: finite().min(1).max(1000),
    updateRateHz: finite().min(1).max(1500),
  }),
]);
export type Waveform = z.infer<typeof WaveformSchema>;

export const ProgramSchema = z
  .object({
    name: z.string().max(80).default('Program 1'),
    generatorId: z.string().min(1).max(64),
    /**
     * the user's own device limits, overriding the catalogue's for this plan (a device
     * representative's generator, a firmware with other limits): upper ends of the amplitude,
     * pulse-width and rate ranges of every waveform family, and the output compliance
     */
    generatorOverrides: z
      .object({
        amplitudeMaxMa: finite().positive().max(100).optional(),
        pulseWidthMaxUs: finite().positive().max(5000).optional(),
        rateMaxHz: finite().positive().max(20000).optional(),
        complianceV: finite().positive().max(100).optional(),
      })
      .strict()
      .optional(),
    contacts: z.array(ContactSettingSchema).max(128),
    /** the generator case takes the return current (monopolar) */
    caseIsReturn: z.boolean().default(false),
    amplitudeMa: finite().min(0).max(100),
    pulseWidthUs: finite().min(1).max(5000),
    rateHz: finite().min(0.5).max(20000),
    waveform: WaveformSchema,
    /** cycling (s on / s off) and dosing (ms on / ms off); absent: always on */
    schedule: DeliveryScheduleSchema.optional(),
  })
  .superRefine((p, ctx) => {
    for (const polarity of ['anode', 'cathode'] as const) {
      const active = p.contacts.filter((c) => c.polarity === polarity);
      if (active.length === 0) continue;
      const sum = active.reduce((s, c) => s + c.fractionPercent, 0);
      if (Math.abs(sum - 100) > 0.5) {
        ctx.addIssue({
          code: 'custom',
          path: ['contacts'],
          message: `${polarity} current fractions sum to ${sum.toFixed(1)} %, must be 100 %`,
        });
      }
    }
    const hasCathode = p.contacts.some((c) => c.polarity === 'cathode');
    const hasAnode = p.contacts.some((c) => c.polarity === 'anode');
    if ((hasCathode || hasAnode) && !(hasCathode && hasAnode) && !p.caseIsReturn) {
      ctx.addIssue({
        code: 'custom',
        path: ['caseIsReturn'],
        message: 'a program with one polarity on the lead needs the case as the return',
      });
    }
    const seen = new Set<string>();
    p.contacts.forEach((c, i) => {
      const key = `${c.leadId}#${c.contactIndex}`;
      if (seen.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['contacts', i],
          message: `contact ${c.contactIndex} of lead ${c.leadId} is listed twice`,
        });
      }
      seen.add(key);
    });
  });
export type Program = z.infer<typeof ProgramSchema>;

/** fibre models a scenario may run its myelinated population fibres on (models/neuron/registry.ts) */
export const POPULATION_FIBRE_MODELS = POPULATION_FIBER_MODELS;
const singleFibreModels = FIBER_MODEL_SPECS.filter((m) => m.populationRole === null);

export const ModelSettingsSchema = z.object({
  tier: z.enum(['instant', 'full']).default('instant'),
  /** the model of the myelinated fibres (C fibres keep their own); models/pipeline.ts */
  fibreModel: z
    .enum(POPULATION_FIBRE_MODELS, {
      error: `must be ${POPULATION_FIBRE_MODELS.join(' or ')}: the myelinated fibres of population estimates run ${POPULATION_FIBRE_MODELS.map((id) => fiberModelSpec(id).label).join(' or ')} (${singleFibreModels.map((m) => m.id).join(' and ')} ${singleFibreModels.length === 1 ? 'is' : 'are'} for single fibres, neuromod threshold)`,
    })
    .default(DEFAULT_POPULATION_FIBER_MODEL),
  dtUs: finite().min(0.5).max(50).default(5),
  conductivityPreset: z.string().min(1).max(64).default('default'),
  /** fibres per population drawn for the estimate */
  fibresPerPopulation: z.number().int().min(1).max(20000).default(200),
  /** seed of the population generator, so that a scenario replays exactly */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
});
export type ModelSettings = z.infer<typeof ModelSettingsSchema>;

export const ScenarioSchema = z
  .object({
    schemaVersion: z.literal(SCENARIO_SCHEMA_VERSION),
    name: z.string().min(1).max(120),
    therapy: z.enum(THERAPIES),
    anatomy: AnatomySchema,
    leads: z.array(LeadPlacementSchema).max(4),
    program: ProgramSchema,
    model: ModelSettingsSchema,
    /** dermatomes where the patient has pain, for coverage (from the patient record or entered here) */
    painMap: z
      .array(z.object({ root: z.enum(ROOTS), side: z.enum(['left', 'right']) }))
      .max(64)
      .default([]),
    notes: z.string().max(5000).default(''),
  })
  .superRefine((s, ctx) => {
    const expected = { SCS: 'spine', DRG: 'drg', PNS: 'nerve' }[s.therapy];
    if (s.anatomy.kind !== expected) {
      ctx.addIssue({
        code: 'custom',
        path: ['anatomy', 'kind'],
        message: `therapy ${s.therapy} needs anatomy of kind "${expected}", got "${s.anatomy.kind}"`,
      });
    }
    const ids = new Set<string>();
    s.leads.forEach((l, i) => {
      if (ids.has(l.id))
        ctx.addIssue({
          code: 'custom',
          path: ['leads', i, 'id'],
          message: `lead id "${l.id}" is used twice`,
        });
      ids.add(l.id);
    });
    s.program.contacts.forEach((c, i) => {
      if (!ids.has(c.leadId))
        ctx.addIssue({
          code: 'custom',
          path: ['program', 'contacts', i, 'leadId'],
          message: `no lead with id "${c.leadId}" in this scenario`,
        });
    });
  });
/** A scenario as stored and exchanged (after parsing: defaults filled, directions normalised). */
export type Scenario = z.infer<typeof ScenarioSchema>;
/** What a file or link may contain before parsing (defaults may be missing). */
export type ScenarioInput = z.input<typeof ScenarioSchema>;

export interface FieldIssue {
  /** dotted path of the offending field, e.g. `program.amplitudeMa` */
  path: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

export function formatPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map((p) => String(p)).join('.');
}

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}

/** Migrations from older schema versions, keyed by the version they upgrade from. */
const migrations: Record<number, (raw: Record<string, unknown>) => Record<string, unknown>> = {};

/** Parses anything (file, link, stored record) into a Scenario, migrating older versions. */
export function parseScenario(raw: unknown): ParseResult<Scenario> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, issues: [{ path: '(root)', message: 'a scenario must be a JSON object' }] };
  }
  if (valueDepth(raw) > MAX_JSON_DEPTH) {
    return {
      ok: false,
      issues: [
        {
          path: '(root)',
          message: `the scenario nests more than ${MAX_JSON_DEPTH} levels deep (the nesting limit)`,
        },
      ],
    };
  }
  let obj = raw as Record<string, unknown>;
  const version = obj.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return {
      ok: false,
      issues: [{ path: 'schemaVersion', message: 'missing or not an integer schema version' }],
    };
  }
  if (version > SCENARIO_SCHEMA_VERSION) {
    return {
      ok: false,
      issues: [
        {
          path: 'schemaVersion',
          message: `version ${version} is newer than this app understands (${SCENARIO_SCHEMA_VERSION})`,
        },
      ],
    };
  }
  for (let v = version; v < SCENARIO_SCHEMA_VERSION; v++) {
    const m = migrations[v];
    if (!m)
      return {
        ok: false,
        issues: [{ path: 'schemaVersion', message: `no migration from version ${v}` }],
      };
    obj = m(obj);
  }
  const r = ScenarioSchema.safeParse(obj);
  if (!r.success) return { ok: false, issues: zodIssues(r.error) };
  // zod drops keys it does not know; a file with one is refused rather than silently trimmed
  const extra = [...unknownKeys(obj, r.data), ...overlongStrings(r.data)];
  return extra.length === 0 ? { ok: true, value: r.data } : { ok: false, issues: extra };
}

/** Canonical JSON: keys sorted, so equal scenarios give equal text (hashes, share links). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
          a < b ? -1 : a > b ? 1 : 0,
        ),
      );
    }
    return v;
  });
}

/** The scenario a new SCS plan starts from: one 8-contact lead at T8 midline, a bipole. */
export function defaultScenario(therapy: Therapy = 'SCS'): Scenario {
  const base = {
    schemaVersion: SCENARIO_SCHEMA_VERSION,
    name: `New ${therapy} plan`,
    therapy,
    model: {},
    notes: '',
  };
  const input: ScenarioInput =
    therapy === 'SCS'
      ? {
          ...base,
          anatomy: { kind: 'spine', level: 'T8' },
          leads: [
            {
              id: 'lead-1',
              catalogId: 'perc-8-4mm',
              label: 'Lead 1',
              // on the dorsal dura, contact array centred on T8 (the planner's placement rules)
              tipMm: { xMm: 0, yMm: 7.98, zMm: 24.5 },
              direction: { x: 0, y: 0, z: -1 },
            },
          ],
          program: {
            generatorId: 'generic-ipg',
            amplitudeMa: 3,
            pulseWidthUs: 210,
            rateHz: 50,
            waveform: { kind: 'tonic' },
            contacts: [
              { leadId: 'lead-1', contactIndex: 3, polarity: 'cathode', fractionPercent: 100 },
              { leadId: 'lead-1', contactIndex: 4, polarity: 'anode', fractionPercent: 100 },
            ],
          },
        }
      : therapy === 'DRG'
        ? {
            ...base,
            anatomy: { kind: 'drg', level: 'L5', side: 'left' },
            leads: [
              {
                id: 'lead-1',
                catalogId: 'drg-4',
                label: 'DRG lead',
                // on the dorsal surface of the left L5 ganglion, running medially along the root
                tipMm: { xMm: 2.37, yMm: 4.22, zMm: -4.9 },
                direction: { x: -0.4352, y: 0, z: 0.9003 },
              },
            ],
            program: {
              generatorId: 'generic-drg',
              amplitudeMa: 0.8,
              pulseWidthUs: 300,
              rateHz: 20,
              waveform: { kind: 'tonic' },
              contacts: [
                { leadId: 'lead-1', contactIndex: 1, polarity: 'cathode', fractionPercent: 100 },
                { leadId: 'lead-1', contactIndex: 2, polarity: 'anode', fractionPercent: 100 },
              ],
            },
          }
        : {
            ...base,
            anatomy: { kind: 'nerve', target: 'sciatic' },
            leads: [
              {
                id: 'lead-1',
                catalogId: 'pns-perc-1',
                label: 'PNS lead',
                // parallel to the sciatic nerve, 5 mm from its surface (clinical.md §3.5: 0.5–3 cm)
                tipMm: { xMm: 0, yMm: 9.12, zMm: 15 },
                direction: { x: 0, y: 0, z: -1 },
              },
            ],
            program: {
              generatorId: 'generic-pns',
              // nominal: just above the first fascicle fibres' threshold at 5 mm (within the
              // Nalu-like envelope, 0–10.2 mA; clinical.md §3.2)
              amplitudeMa: 8,
              pulseWidthUs: 300,
              rateHz: 50,
              waveform: { kind: 'tonic' },
              caseIsReturn: true,
              contacts: [
                { leadId: 'lead-1', contactIndex: 0, polarity: 'cathode', fractionPercent: 100 },
              ],
            },
          };
  const parsed = ScenarioSchema.parse(input);
  return parsed;
}
