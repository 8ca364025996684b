/**
 * The lead catalogue: vendor-neutral ids, nominal geometry and the provenance of each number.
 *
 * Sources are ../shared/research/leads.md (§1 percutaneous SCS, §2 paddles, §3 DRG, §4 PNS) and
 * clinical.md §3.3. The manufacturers' specification tables were not readable (leads.md §0), so
 * almost every dimension is nominal: the UI labels it and the user can override it per
 * placement. Contact counts and layouts are verified where leads.md marks them ✅.
 */
import {
  LeadCatalogEntrySchema,
  type LeadCatalogEntry,
  type LeadCatalogEntryInput,
} from './leadSchema.ts';
import { guess, secondary, unverified, verified } from './provenance.ts';
import { NAMED_LEADS } from './namedLeads.ts';

const PERC_L =
  'leads.md §1: 3 mm contact length, the commonly quoted figure for 1×8 percutaneous SCS leads (⚠, IFU tables not read)';
const PERC_D = 'leads.md §1: 1.3 mm outer diameter (1.3–1.35 mm quoted, ⚠, IFU tables not read)';

function percutaneous8(
  id: string,
  spacingMm: number,
  modelledOn: string,
  spacingSource: string,
): LeadCatalogEntryInput {
  return {
    id,
    displayName: `Percutaneous 8-contact, 3 mm contacts, ${spacingMm} mm spacing (nominal)`,
    modelledOn,
    therapies: ['SCS', 'PNS'],
    form: 'percutaneous',
    geometry: {
      kind: 'cylindrical',
      contactCount: 8,
      contactLengthMm: 3,
      contactSpacingMm: spacingMm,
      diameterMm: 1.3,
    },
    provenance: {
      contactCount: verified(
        'leads.md §1: 8 contacts confirmed for Vectris 1×8, Octrode, Linear, Nevro leads (✅)',
      ),
      contactLengthMm: unverified(PERC_L),
      contactSpacingMm: unverified(spacingSource),
      diameterMm: unverified(PERC_D),
    },
    notes:
      'Engineering default of leads.md §1 ("generic 1×8, 3 mm, 1.3 mm body with spacing presets"); every dimension nominal until the IFU tables of leads.md §7 are read.',
  };
}

const RAW_LEADS: LeadCatalogEntryInput[] = [
  percutaneous8(
    'perc-8-1mm',
    1,
    'Boston Scientific Linear ST / Infinion-like spacing; RADO-SCS model lead',
    'leads.md §1: 1 mm edge-to-edge gap (Linear ST, Infinion 16 ⚠; RADO-SCS ◐)',
  ),
  percutaneous8(
    'perc-8-1.5mm',
    1.5,
    'Medtronic Vectris 1×8 Subcompact-like spacing',
    'leads.md §1: 1.5 mm gap, Vectris Subcompact 977A1xx (⚠)',
  ),
  percutaneous8(
    'perc-8-4mm',
    4,
    'Medtronic Vectris 1×8 Compact / Abbott Octrode / Nevro lead-like spacing',
    'leads.md §1: 4 mm gap, Vectris Compact 977A2xx, Octrode, Nevro, Linear 3-4 (⚠)',
  ),
  percutaneous8(
    'perc-8-6mm',
    6,
    'Medtronic 1×8 Standard / Boston Linear 3-6-like spacing',
    'leads.md §1: 6 mm gap, Medtronic 1×8 Standard, Linear 3-6, Octrode 6 mm variant (⚠)',
  ),
  {
    id: 'perc-16-1mm',
    displayName: 'Percutaneous 16-contact, 3 mm contacts, 1 mm spacing (nominal)',
    modelledOn: 'Boston Scientific Infinion 16',
    therapies: ['SCS'],
    form: 'percutaneous',
    geometry: {
      kind: 'cylindrical',
      contactCount: 16,
      contactLengthMm: 3,
      contactSpacingMm: 1,
      diameterMm: 1.3,
    },
    provenance: {
      contactCount: verified('leads.md §1: Infinion 16, 16 contacts, FDA-approved Dec 2011 (✅)'),
      contactLengthMm: unverified(PERC_L),
      contactSpacingMm: unverified('leads.md §1: Infinion 16, 1 mm gap (⚠)'),
      diameterMm: unverified(PERC_D),
    },
  },
  {
    id: 'perc-4-4mm',
    displayName: 'Percutaneous 4-contact, 3 mm contacts, 4 mm spacing (nominal)',
    modelledOn: 'Abbott Quattrode',
    therapies: ['SCS', 'PNS'],
    form: 'percutaneous',
    geometry: {
      kind: 'cylindrical',
      contactCount: 4,
      contactLengthMm: 3,
      contactSpacingMm: 4,
      diameterMm: 1.3,
    },
    provenance: {
      contactCount: unverified('leads.md §1: Quattrode, 4 contacts (⚠ entire row)'),
      contactLengthMm: unverified(PERC_L),
      contactSpacingMm: unverified('leads.md §1: Quattrode, 4 or 6 mm gap (⚠)'),
      diameterMm: unverified(PERC_D),
    },
  },
  {
    id: 'rado-perc-8',
    displayName: 'Percutaneous 8-contact, RADO-SCS model geometry (1.25 mm diameter)',
    modelledOn: 'RADO-SCS open-source model lead (Khadka et al. 2020)',
    therapies: ['SCS'],
    form: 'percutaneous',
    geometry: {
      kind: 'cylindrical',
      contactCount: 8,
      contactLengthMm: 3,
      contactSpacingMm: 1,
      diameterMm: 1.25,
    },
    provenance: {
      contactCount: secondary('leads.md §1: RADO-SCS model lead, 8 contacts (◐)'),
      contactLengthMm: secondary('leads.md §1: RADO-SCS model lead, L = 3 mm (◐)'),
      contactSpacingMm: secondary('leads.md §1: RADO-SCS model lead, g = 1 mm (◐)'),
      diameterMm: secondary('leads.md §1: RADO-SCS model lead, Ø = 1.25 mm (◐)'),
    },
    notes: 'Published model geometry, useful to compare with the RADO-SCS results.',
  },
  {
    id: 'paddle-2x8',
    displayName: 'Paddle 2×8, 16 contacts (nominal)',
    modelledOn: 'Medtronic Specify 2×8 / Boston Scientific Artisan',
    therapies: ['SCS'],
    form: 'paddle',
    geometry: {
      kind: 'paddle',
      columns: [
        { contactCount: 8, rowOffset: 0 },
        { contactCount: 8, rowOffset: 0 },
      ],
      contactLengthMm: 4,
      contactWidthMm: 1,
      contactSpacingMm: 2,
      columnPitchMm: 4,
      paddleWidthMm: 8,
      paddleThicknessMm: 2,
      paddleLengthMm: 56,
    },
    provenance: {
      contactCount: secondary('leads.md §2: Specify 2×8, 16 contacts (◐); Artisan 2×8 (⚠)'),
      layout: secondary('leads.md §2: 2 columns × 8 (◐ Specify 2×8; ✅ 2×8 in a published model)'),
      contactLengthMm: unverified('leads.md §2: ≈4 × 1 mm pads quoted for Specify paddles (⚠)'),
      contactWidthMm: unverified('leads.md §2: ≈4 × 1 mm pads quoted for Specify paddles (⚠)'),
      contactSpacingMm: guess('no source: 2 mm edge gap chosen as a placeholder'),
      columnPitchMm: guess('no source: 4 mm column pitch chosen to fit the ≈8 mm paddle'),
      paddleWidthMm: unverified('leads.md §2: Specify 2×8 ≈ 8 mm wide quoted (⚠)'),
      paddleThicknessMm: guess('no source: 2 mm placeholder'),
      paddleLengthMm: guess('no source: array span plus 5 mm at each end'),
    },
  },
  {
    id: 'paddle-5-6-5',
    displayName: 'Paddle 5-6-5, 16 contacts in 3 columns (nominal)',
    modelledOn: 'Medtronic Specify 5-6-5',
    therapies: ['SCS'],
    form: 'paddle',
    geometry: {
      kind: 'paddle',
      columns: [
        { contactCount: 5, rowOffset: 0.5 },
        { contactCount: 6, rowOffset: 0 },
        { contactCount: 5, rowOffset: 0.5 },
      ],
      contactLengthMm: 4,
      contactWidthMm: 1,
      contactSpacingMm: 2.5,
      columnPitchMm: 3.5,
      paddleWidthMm: 12,
      paddleThicknessMm: 2,
      paddleLengthMm: 48,
    },
    provenance: {
      contactCount: verified('leads.md §2 / clinical.md §3.3: 16 contacts in 5-6-5 columns (✅)'),
      layout: verified(
        'clinical.md §3.3: 3 columns of 5, 6, 5 (✅); the half-pitch stagger of the outer columns is a guess',
      ),
      contactLengthMm: unverified('leads.md §2: ≈4 × 1 mm pads quoted (⚠)'),
      contactWidthMm: unverified('leads.md §2: ≈4 × 1 mm pads quoted (⚠)'),
      contactSpacingMm: guess('no source: 2.5 mm edge gap placeholder'),
      columnPitchMm: guess('no source: 3.5 mm column pitch chosen to fit the ≈12 mm paddle'),
      paddleWidthMm: unverified('leads.md §2: ≈12 mm wide quoted (⚠)'),
      paddleThicknessMm: guess('no source: 2 mm placeholder'),
      paddleLengthMm: guess('no source: array span plus 5 mm at each end'),
    },
  },
  {
    id: 'paddle-32',
    displayName: 'Paddle 32 contacts, 4 columns × 8 (nominal)',
    modelledOn: 'Boston Scientific CoverEdge 32',
    therapies: ['SCS'],
    form: 'paddle',
    geometry: {
      kind: 'paddle',
      columns: [
        { contactCount: 8, rowOffset: 0 },
        { contactCount: 8, rowOffset: 0 },
        { contactCount: 8, rowOffset: 0 },
        { contactCount: 8, rowOffset: 0 },
      ],
      contactLengthMm: 3,
      contactWidthMm: 1,
      contactSpacingMm: 1.5,
      columnPitchMm: 2.5,
      paddleWidthMm: 11,
      paddleThicknessMm: 2,
      paddleLengthMm: 45,
    },
    provenance: {
      contactCount: verified('leads.md §2: CoverEdge 32, 32 contacts (✅)'),
      layout: unverified('leads.md §2: 4 columns × 8 (⚠)'),
      contactLengthMm: guess('no source: 3 mm placeholder'),
      contactWidthMm: guess('no source: 1 mm placeholder'),
      contactSpacingMm: guess('no source: 1.5 mm edge gap placeholder'),
      columnPitchMm: guess('no source: 2.5 mm column pitch placeholder'),
      paddleWidthMm: guess('no source: 11 mm placeholder'),
      paddleThicknessMm: guess('no source: 2 mm placeholder'),
      paddleLengthMm: guess('no source: array span plus 5 mm at each end'),
    },
  },
  {
    id: 'paddle-5x4',
    displayName: 'Paddle 20 contacts, 5 columns × 4 (nominal)',
    modelledOn: 'Abbott Penta',
    therapies: ['SCS'],
    form: 'paddle',
    geometry: {
      kind: 'paddle',
      columns: [
        { contactCount: 4, rowOffset: 0 },
        { contactCount: 4, rowOffset: 0 },
        { contactCount: 4, rowOffset: 0 },
        { contactCount: 4, rowOffset: 0 },
        { contactCount: 4, rowOffset: 0 },
      ],
      contactLengthMm: 3,
      contactWidthMm: 1,
      contactSpacingMm: 3,
      columnPitchMm: 2.2,
      paddleWidthMm: 12,
      paddleThicknessMm: 2,
      paddleLengthMm: 31,
    },
    provenance: {
      contactCount: unverified('leads.md §2: Penta, 20 contacts (⚠)'),
      layout: unverified('leads.md §2: Penta, 5 columns × 4 rows (⚠)'),
      contactLengthMm: guess('no source: 3 mm placeholder'),
      contactWidthMm: guess('no source: 1 mm placeholder'),
      contactSpacingMm: guess('no source: 3 mm edge gap placeholder'),
      columnPitchMm: guess('no source: 2.2 mm column pitch placeholder'),
      paddleWidthMm: guess('no source: 12 mm placeholder'),
      paddleThicknessMm: guess('no source: 2 mm placeholder'),
      paddleLengthMm: guess('no source: array span plus 5 mm at each end'),
    },
  },
  {
    id: 'drg-4',
    displayName: 'DRG lead, 4 contacts (nominal)',
    modelledOn: 'Abbott (Spinal Modulation) Axium / Proclaim DRG lead, as drawn in RADO-SCS',
    therapies: ['DRG'],
    form: 'percutaneous',
    geometry: {
      kind: 'cylindrical',
      contactCount: 4,
      contactLengthMm: 1.25,
      // pitch 5.13 mm − length 1.25 mm
      contactSpacingMm: 3.88,
      diameterMm: 1.1,
    },
    provenance: {
      contactCount: verified(
        'leads.md §3: 4 contacts per DRG lead, Axium programmer manual p. 10 (✅)',
      ),
      contactLengthMm: secondary('leads.md §3: 1.25 mm, measured on the RADO-SCS DRG lead (◐)'),
      contactSpacingMm: secondary(
        'leads.md §3: pitch 5.13 mm measured on the RADO-SCS DRG lead → gap 3.88 mm (◐)',
      ),
      diameterMm: secondary('leads.md §3: contact Ø 1.10 mm measured on the RADO-SCS DRG lead (◐)'),
    },
    notes:
      'Contact area ≈ 4.32 mm², about a third of an SCS ring (leads.md §3): the same current is ~3× denser.',
  },
  {
    id: 'pns-perc-1',
    displayName: 'PNS percutaneous lead, 4 contacts (nominal)',
    modelledOn: 'Nalu 4-contact PNS lead; SCS percutaneous leads used for trunk PNS',
    therapies: ['PNS'],
    form: 'percutaneous',
    geometry: {
      kind: 'cylindrical',
      contactCount: 4,
      contactLengthMm: 3,
      contactSpacingMm: 4,
      diameterMm: 1.3,
    },
    provenance: {
      contactCount: verified('leads.md §4: Nalu leads with 8 contacts and a 4-contact option (✅)'),
      contactLengthMm: guess(
        'leads.md §4: Nalu contact L / gap / Ø not found (⚠); SCS percutaneous values of §1 used',
      ),
      contactSpacingMm: guess(
        'leads.md §4: Nalu contact gap not found (⚠); SCS percutaneous 4 mm gap of §1 used',
      ),
      diameterMm: guess('leads.md §4: Nalu lead Ø not found (⚠); SCS percutaneous 1.3 mm used'),
    },
  },
  {
    id: 'pns-perc-8',
    displayName: 'PNS percutaneous lead, 8 contacts (nominal)',
    modelledOn: 'Nalu 8-contact PNS/SCS lead',
    therapies: ['PNS', 'SCS'],
    form: 'percutaneous',
    geometry: {
      kind: 'cylindrical',
      contactCount: 8,
      contactLengthMm: 3,
      contactSpacingMm: 4,
      diameterMm: 1.3,
    },
    provenance: {
      contactCount: verified('leads.md §4: Nalu leads with 8 contacts, K191435 (✅)'),
      contactLengthMm: guess(
        'leads.md §4: Nalu contact L not found (⚠); SCS percutaneous value of §1 used',
      ),
      contactSpacingMm: guess(
        'leads.md §4: Nalu contact gap not found (⚠); SCS percutaneous 4 mm gap of §1 used',
      ),
      diameterMm: guess('leads.md §4: Nalu lead Ø not found (⚠); SCS percutaneous 1.3 mm used'),
    },
  },
  {
    id: 'pns-coil-1',
    displayName: 'PNS coiled micro-lead, 1 electrode (nominal)',
    modelledOn: 'SPR SPRINT MicroLead (coiled stainless-steel wire)',
    therapies: ['PNS'],
    form: 'micro-lead',
    geometry: {
      kind: 'coil',
      contactCount: 1,
      contactLengthMm: 10,
      contactSpacingMm: 0,
      diameterMm: 0.6,
      wireDiameterMm: 0.2,
    },
    provenance: {
      contactCount: verified('leads.md §4: 1 electrode per MicroLead, K170902 (✅)'),
      contactLengthMm: unverified('leads.md §4: exposed electrode ≈ 10 mm commonly quoted (⚠)'),
      contactSpacingMm: guess('single electrode: no spacing'),
      diameterMm: unverified('leads.md §4: coil OD ≈ 0.6 mm commonly quoted (⚠)'),
      wireDiameterMm: unverified('leads.md §4: wire ≈ 0.2 mm commonly quoted (⚠)'),
    },
    notes:
      'Area taken as the coil envelope π·OD·L ≈ 19 mm² (leads.md §4, derived ⚠); the true wire surface differs.',
  },
];

/** The lead catalogue, generic presets then named vendor leads, parsed once through the schema (a bad entry fails at import). */
export const LEAD_CATALOGUE: readonly LeadCatalogEntry[] = [...RAW_LEADS, ...NAMED_LEADS].map(
  (raw) => LeadCatalogEntrySchema.parse(raw),
);

const BY_ID = new Map(LEAD_CATALOGUE.map((l) => [l.id, l]));

/** A lead catalogue, possibly extended by the user, keyed by id. */
export type LeadCatalogue = ReadonlyMap<string, LeadCatalogEntry> | readonly LeadCatalogEntry[];

export function findLead(
  id: string,
  catalogue: LeadCatalogue = LEAD_CATALOGUE,
): LeadCatalogEntry | undefined {
  if (catalogue === LEAD_CATALOGUE) return BY_ID.get(id);
  if (isLeadArray(catalogue)) return catalogue.find((l) => l.id === id);
  return catalogue.get(id);
}

function isLeadArray(c: LeadCatalogue): c is readonly LeadCatalogEntry[] {
  return Array.isArray(c);
}
