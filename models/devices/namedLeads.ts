/**
 * Named vendor leads: the devices of ../shared/research/leads.md §1–§4 under their own names,
 * with model numbers and lengths where the note found them.
 *
 * Marks follow leads.md §0 (see provenance.ts): ✅ → `verified`, ◐ → `secondary`,
 * ⚠ → `unverified`, not found → `guess` with the reason. The manufacturers' specification
 * tables were not readable, so no contact length, gap or diameter here is verified; leads.md §7
 * names the document that settles each one (repeated in every ⚠ source below). Where leads.md
 * found nothing at all, the dimension is a placeholder taken from the generic presets and says
 * so. Every dimension is editable per placement (`LeadPlacement.overrides`), as for the
 * generic presets.
 */
import type { LeadCatalogEntryInput } from './leadSchema.ts';
import { guess, secondary, unverified, verified, type Provenance } from './provenance.ts';

const PERC_D_BSC =
  'leads.md §1: 1.3–1.35 mm quoted, 1.3 used (⚠; settles: Boston lead DFU table, §7)';
const NO_MODEL = (what: string) => guess(`leads.md: no model number found for ${what}`);
const NO_LENGTH = (what: string) => guess(`leads.md: no lead body length found for ${what}`);

interface Dim {
  value: number;
  p: Provenance;
}

function ring(o: {
  id: string;
  vendor: string;
  displayName: string;
  modelledOn: string;
  therapies?: ('SCS' | 'DRG' | 'PNS')[];
  count: Dim;
  lengthMm: Dim;
  gapMm: Dim;
  diameterMm: Dim;
  modelNumbers: { value: string[]; p: Provenance };
  leadLengthsCm: { value: number[]; p: Provenance };
  notes?: string;
}): LeadCatalogEntryInput {
  return {
    id: o.id,
    displayName: o.displayName,
    vendor: o.vendor,
    modelledOn: o.modelledOn,
    modelNumbers: o.modelNumbers.value,
    leadLengthsCm: o.leadLengthsCm.value,
    therapies: o.therapies ?? ['SCS'],
    form: 'percutaneous',
    geometry: {
      kind: 'cylindrical',
      contactCount: o.count.value,
      contactLengthMm: o.lengthMm.value,
      contactSpacingMm: o.gapMm.value,
      diameterMm: o.diameterMm.value,
    },
    provenance: {
      contactCount: o.count.p,
      contactLengthMm: o.lengthMm.p,
      contactSpacingMm: o.gapMm.p,
      diameterMm: o.diameterMm.p,
      modelNumbers: o.modelNumbers.p,
      leadLengthsCm: o.leadLengthsCm.p,
    },
    notes: o.notes ?? '',
  };
}

const VECTRIS_MODELS =
  'leads.md §1: model numbers from the Vectris implant manual M939859A004 title page (✅)';
const VECTRIS_LENGTHS =
  'leads.md §1: suffix 60/75/90 = lead length in cm (◐, inferred from the naming)';
const VECTRIS_DIMS =
  '(⚠; settles: Medtronic 977A1/977A2 implant manual "Device specifications", p. 8, §7)';
const BSC_DIMS = '(⚠; settles: Boston percutaneous lead DFU specification table, §7)';
const BSC_PNS = ['SCS', 'PNS'] as ('SCS' | 'PNS')[]; // leads.md §4: Boston EU labelling lists trunk PNS (✅)

const PADDLE_2X8_DIMS = {
  contactLengthMm: unverified(
    'leads.md §2: ≈4 × 1 mm pads quoted for Specify paddles (⚠; settles: surgical-lead implant manual, §7)',
  ),
  contactWidthMm: unverified('leads.md §2: ≈4 × 1 mm pads quoted for Specify paddles (⚠)'),
  contactSpacingMm: guess('leads.md §2: not found; 2 mm edge-gap placeholder'),
  columnPitchMm: guess('leads.md §2: not found; 4 mm column pitch to fit the ≈8 mm paddle'),
  paddleThicknessMm: guess('leads.md §2: not found; 2 mm placeholder'),
  paddleLengthMm: guess('leads.md §2: not found; array span plus 5 mm at each end'),
};

export const NAMED_LEADS: LeadCatalogEntryInput[] = [
  ring({
    id: 'medtronic-vectris-compact',
    vendor: 'Medtronic',
    displayName: 'Vectris SureScan MRI 1×8 Compact',
    modelledOn: 'Medtronic Vectris SureScan MRI 1×8 Compact (977A2xx)',
    count: { value: 8, p: verified('leads.md §1: 1×8 layout (✅)') },
    lengthMm: { value: 3, p: unverified(`leads.md §1: 3 mm ${VECTRIS_DIMS}`) },
    gapMm: { value: 4, p: unverified(`leads.md §1: 4 mm gap ${VECTRIS_DIMS}`) },
    diameterMm: { value: 1.3, p: unverified(`leads.md §1: 1.3 mm ${VECTRIS_DIMS}`) },
    modelNumbers: { value: ['977A260', '977A275', '977A290'], p: verified(VECTRIS_MODELS) },
    leadLengthsCm: { value: [60, 75, 90], p: secondary(VECTRIS_LENGTHS) },
  }),
  ring({
    id: 'medtronic-vectris-subcompact',
    vendor: 'Medtronic',
    displayName: 'Vectris SureScan MRI 1×8 Subcompact',
    modelledOn: 'Medtronic Vectris SureScan MRI 1×8 Subcompact (977A1xx)',
    count: { value: 8, p: verified('leads.md §1: 1×8 layout (✅)') },
    lengthMm: { value: 3, p: unverified(`leads.md §1: 3 mm ${VECTRIS_DIMS}`) },
    gapMm: { value: 1.5, p: unverified(`leads.md §1: 1.5 mm gap ${VECTRIS_DIMS}`) },
    diameterMm: { value: 1.3, p: unverified(`leads.md §1: 1.3 mm ${VECTRIS_DIMS}`) },
    modelNumbers: { value: ['977A160', '977A175', '977A190'], p: verified(VECTRIS_MODELS) },
    leadLengthsCm: { value: [60, 75, 90], p: secondary(VECTRIS_LENGTHS) },
  }),
  ring({
    id: 'medtronic-1x8-standard',
    vendor: 'Medtronic',
    displayName: 'Medtronic 1×8 Standard',
    modelledOn: 'Medtronic 1×8 Standard percutaneous lead',
    count: {
      value: 8,
      p: unverified('leads.md §1: 8 contacts (⚠ entire row; settles: 977D implant manual, §7)'),
    },
    lengthMm: {
      value: 3,
      p: unverified('leads.md §1: 3 mm (⚠; settles: 977D implant manual, §7)'),
    },
    gapMm: {
      value: 6,
      p: unverified('leads.md §1: 6 mm gap (⚠; settles: 977D implant manual, §7)'),
    },
    diameterMm: {
      value: 1.3,
      p: unverified('leads.md §1: 1.3 mm (⚠; settles: 977D implant manual, §7)'),
    },
    modelNumbers: {
      value: [],
      p: guess(
        'leads.md §1: a Vectris 977D160 appears in an FDA recall record; that it is the Standard spacing is not confirmed',
      ),
    },
    leadLengthsCm: { value: [], p: NO_LENGTH('the 1×8 Standard') },
  }),
  ring({
    id: 'abbott-octrode',
    vendor: 'Abbott',
    displayName: 'Octrode percutaneous lead',
    modelledOn: 'Abbott (St. Jude Medical) Octrode',
    count: { value: 8, p: verified('leads.md §1: Octrode, 8 contacts (✅)') },
    lengthMm: {
      value: 3,
      p: unverified(
        'leads.md §1: 3 mm (⚠; settles: Abbott Percutaneous Lead Kit manual, "Specifications", §7)',
      ),
    },
    gapMm: {
      value: 4,
      p: unverified(
        'leads.md §1: 4 mm gap, a 6 mm variant also quoted (⚠; settles: Abbott Percutaneous Lead Kit manual, §7)',
      ),
    },
    diameterMm: {
      value: 1.3,
      p: unverified(
        'leads.md §1: 1.3–1.4 mm quoted, 1.3 used (⚠; settles: Abbott Percutaneous Lead Kit manual, §7)',
      ),
    },
    modelNumbers: {
      value: ['3143', '3146', '3149', '3153', '3156', '3159', '3183', '3186'],
      p: unverified(
        'leads.md §1: the St. Jude Percutaneous Lead Kit manual covers these models (✅); which of them are 8-contact Octrodes, and at which spacing, is not confirmed (⚠)',
      ),
    },
    leadLengthsCm: { value: [], p: NO_LENGTH('the Octrode') },
  }),
  ring({
    id: 'abbott-quattrode',
    vendor: 'Abbott',
    displayName: 'Quattrode percutaneous lead',
    modelledOn: 'Abbott (St. Jude Medical) Quattrode',
    count: { value: 4, p: unverified('leads.md §1: Quattrode, 4 contacts (⚠ entire row)') },
    lengthMm: {
      value: 3,
      p: unverified('leads.md §1: 3 mm (⚠; settles: Abbott Percutaneous Lead Kit manual, §7)'),
    },
    gapMm: {
      value: 4,
      p: unverified(
        'leads.md §1: 4 or 6 mm gap, 4 used (⚠; settles: Abbott Percutaneous Lead Kit manual, §7)',
      ),
    },
    diameterMm: { value: 1.3, p: unverified('leads.md §1: 1.3–1.4 mm quoted, 1.3 used (⚠)') },
    modelNumbers: { value: [], p: NO_MODEL('the Quattrode') },
    leadLengthsCm: { value: [], p: NO_LENGTH('the Quattrode') },
  }),
  ring({
    id: 'bsc-linear-st',
    vendor: 'Boston Scientific',
    displayName: 'Linear ST percutaneous lead',
    modelledOn: 'Boston Scientific Linear / Linear ST',
    therapies: BSC_PNS,
    count: { value: 8, p: verified('leads.md §1: Linear / Linear ST, 8 contacts (✅)') },
    lengthMm: { value: 3, p: unverified(`leads.md §1: 3 mm contacts ${BSC_DIMS}`) },
    gapMm: { value: 1, p: unverified(`leads.md §1: 1 mm gap ${BSC_DIMS}`) },
    diameterMm: { value: 1.3, p: unverified(PERC_D_BSC) },
    modelNumbers: { value: [], p: NO_MODEL('the Linear ST') },
    leadLengthsCm: { value: [], p: NO_LENGTH('the Linear ST') },
  }),
  ring({
    id: 'bsc-linear-3-4',
    vendor: 'Boston Scientific',
    displayName: 'Linear 3-4 percutaneous lead',
    modelledOn: 'Boston Scientific Linear 3-4',
    therapies: BSC_PNS,
    count: { value: 8, p: unverified('leads.md §1: Linear 3-4, 8 contacts (⚠)') },
    lengthMm: {
      value: 3,
      p: unverified(`leads.md §1: 3 mm, read from the name "3-4" ${BSC_DIMS}`),
    },
    gapMm: {
      value: 4,
      p: unverified(`leads.md §1: 4 mm gap, read from the name "3-4" ${BSC_DIMS}`),
    },
    diameterMm: { value: 1.3, p: unverified(PERC_D_BSC) },
    modelNumbers: { value: [], p: NO_MODEL('the Linear 3-4') },
    leadLengthsCm: { value: [], p: NO_LENGTH('the Linear 3-4') },
  }),
  ring({
    id: 'bsc-linear-3-6',
    vendor: 'Boston Scientific',
    displayName: 'Linear 3-6 percutaneous lead',
    modelledOn: 'Boston Scientific Linear 3-6',
    therapies: BSC_PNS,
    count: { value: 8, p: unverified('leads.md §1: Linear 3-6, 8 contacts (⚠)') },
    lengthMm: {
      value: 3,
      p: unverified(`leads.md §1: 3 mm, read from the name "3-6" ${BSC_DIMS}`),
    },
    gapMm: {
      value: 6,
      p: unverified(`leads.md §1: 6 mm gap, read from the name "3-6" ${BSC_DIMS}`),
    },
    diameterMm: { value: 1.3, p: unverified(PERC_D_BSC) },
    modelNumbers: { value: [], p: NO_MODEL('the Linear 3-6') },
    leadLengthsCm: { value: [], p: NO_LENGTH('the Linear 3-6') },
  }),
  ring({
    id: 'bsc-infinion-16',
    vendor: 'Boston Scientific',
    displayName: 'Infinion 16 percutaneous lead',
    modelledOn: 'Boston Scientific Infinion 16',
    therapies: BSC_PNS,
    count: {
      value: 16,
      p: verified('leads.md §1: Infinion 16, 16 contacts, FDA-approved Dec 2011 (✅)'),
    },
    lengthMm: { value: 3, p: unverified(`leads.md §1: 3 mm ${BSC_DIMS}`) },
    gapMm: { value: 1, p: unverified(`leads.md §1: 1 mm gap ${BSC_DIMS}`) },
    diameterMm: { value: 1.3, p: unverified(PERC_D_BSC) },
    modelNumbers: { value: [], p: NO_MODEL('the Infinion 16') },
    leadLengthsCm: { value: [], p: NO_LENGTH('the Infinion 16') },
  }),
  ring({
    id: 'nevro-senza-lead',
    vendor: 'Nevro',
    displayName: 'Senza / HFX percutaneous lead',
    modelledOn: 'Nevro Senza / HFX 8-contact lead',
    count: {
      value: 8,
      p: verified('leads.md §1: trial stimulator takes 2 leads × 8 electrodes (✅)'),
    },
    lengthMm: {
      value: 3,
      p: unverified('leads.md §1: 3 mm (⚠; settles: Nevro Physician Implant Manual 11051, §7)'),
    },
    gapMm: {
      value: 4,
      p: unverified('leads.md §1: 4 mm gap (⚠; settles: Nevro Physician Implant Manual 11051, §7)'),
    },
    diameterMm: {
      value: 1.3,
      p: unverified(
        'leads.md §1: 1.3–1.35 mm quoted, 1.3 used (⚠; settles: Nevro manual 11051, §7)',
      ),
    },
    modelNumbers: { value: [], p: NO_MODEL('the Nevro lead') },
    leadLengthsCm: { value: [], p: NO_LENGTH('the Nevro lead') },
  }),
  ring({
    id: 'saluda-evoke-12c',
    vendor: 'Saluda Medical',
    displayName: 'Evoke 12C percutaneous lead',
    modelledOn: 'Saluda Evoke 12C',
    count: {
      value: 12,
      p: verified('leads.md §1: Evoke 12C, 12 contacts (✅, Evoke Clinical Manual)'),
    },
    lengthMm: {
      value: 3,
      p: guess(
        'leads.md §1: Evoke contact geometry not found; placeholder = the generic 3 mm contact (settles: Evoke clinical manual §1.4 / SSED P190002)',
      ),
    },
    gapMm: {
      value: 4,
      p: guess(
        'leads.md §1: Evoke contact gap not found; placeholder = the generic 4 mm gap (settles: Evoke clinical manual §1.4 / SSED P190002)',
      ),
    },
    diameterMm: {
      value: 1.3,
      p: guess(
        'leads.md §1: Evoke lead diameter not found; placeholder = the generic 1.3 mm (settles: SSED P190002)',
      ),
    },
    modelNumbers: { value: [], p: NO_MODEL('the Evoke 12C kit') },
    leadLengthsCm: {
      value: [60, 90],
      p: verified('leads.md §1: "Evoke 12C Percutaneous Lead Kit, 60 cm and 90 cm" (✅)'),
    },
    notes:
      'Contact geometry not found (leads.md §1): every dimension is a placeholder; edit it for a real lead.',
  }),
  {
    id: 'medtronic-specify-5-6-5',
    displayName: 'Specify 5-6-5 surgical lead',
    vendor: 'Medtronic',
    modelledOn: 'Medtronic Specify 5-6-5',
    modelNumbers: ['39565'],
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
      contactCount: verified('leads.md §2 / clinical.md §3.3: 16 contacts (✅)'),
      layout: verified(
        'clinical.md §3.3: columns of 5, 6, 5 (✅); the half-pitch stagger is a guess',
      ),
      contactLengthMm: unverified(
        'leads.md §2: ≈4 × 1 mm pads quoted (⚠; settles: Specify implant manual, §7)',
      ),
      contactWidthMm: unverified(
        'leads.md §2: ≈4 × 1 mm pads quoted (⚠; settles: Specify implant manual, §7)',
      ),
      contactSpacingMm: guess(
        'leads.md §2: not found; 2.5 mm placeholder of the generic 5-6-5 paddle',
      ),
      columnPitchMm: guess('leads.md §2: not found; 3.5 mm placeholder to fit the ≈12 mm paddle'),
      paddleWidthMm: unverified('leads.md §2: ≈12 mm wide quoted (⚠)'),
      paddleThicknessMm: guess('leads.md §2: not found; 2 mm placeholder'),
      paddleLengthMm: guess('leads.md §2: not found; array span plus 5 mm at each end'),
      modelNumbers: unverified('leads.md §2: 39565 (⚠)'),
      leadLengthsCm: NO_LENGTH('the Specify 5-6-5'),
    },
  },
  {
    id: 'medtronic-specify-2x8',
    displayName: 'Specify 2×8 surgical lead',
    vendor: 'Medtronic',
    modelledOn: 'Medtronic Specify 2×8',
    modelNumbers: ['39286'],
    therapies: ['SCS'],
    form: 'paddle',
    geometry: paddle2x8(),
    provenance: {
      ...PADDLE_2X8_DIMS,
      contactCount: secondary('leads.md §2: Specify 2×8, 16 contacts (◐, Han & Cong 2024)'),
      layout: secondary('leads.md §2: 2 columns × 8 (◐)'),
      paddleWidthMm: unverified('leads.md §2: Specify 2×8 ≈ 8 mm wide quoted (⚠)'),
      modelNumbers: unverified('leads.md §2: 39286 (⚠)'),
      leadLengthsCm: NO_LENGTH('the Specify 2×8'),
    },
  },
  {
    id: 'bsc-artisan-2x8',
    displayName: 'Artisan 2×8 surgical lead',
    vendor: 'Boston Scientific',
    modelledOn: 'Boston Scientific Artisan',
    therapies: ['SCS'],
    form: 'paddle',
    geometry: paddle2x8(),
    provenance: {
      ...PADDLE_2X8_DIMS,
      contactCount: unverified('leads.md §2: Artisan, 16 contacts (⚠; name ✅ NCT00386724)'),
      layout: unverified('leads.md §2: 2 × 8 (⚠)'),
      paddleWidthMm: guess(
        'leads.md §2: Artisan width not found; 8 mm placeholder of the generic 2×8 paddle',
      ),
      modelNumbers: NO_MODEL('the Artisan'),
      leadLengthsCm: NO_LENGTH('the Artisan'),
    },
  },
  {
    id: 'bsc-coveredge-32',
    displayName: 'CoverEdge 32 surgical lead',
    vendor: 'Boston Scientific',
    modelledOn: 'Boston Scientific CoverEdge 32',
    therapies: ['SCS'],
    form: 'paddle',
    geometry: {
      kind: 'paddle',
      columns: [0, 1, 2, 3].map(() => ({ contactCount: 8, rowOffset: 0 })),
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
      ...PADDLE_GUESSES('CoverEdge 32', { L: 3, W: 1, g: 1.5, col: 2.5, width: 11 }),
      modelNumbers: NO_MODEL('the CoverEdge 32'),
      leadLengthsCm: NO_LENGTH('the CoverEdge 32'),
    },
  },
  {
    id: 'abbott-penta',
    displayName: 'Penta surgical lead',
    vendor: 'Abbott',
    modelledOn: 'Abbott (St. Jude Medical) Penta',
    therapies: ['SCS'],
    form: 'paddle',
    geometry: {
      kind: 'paddle',
      columns: [0, 1, 2, 3, 4].map(() => ({ contactCount: 4, rowOffset: 0 })),
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
      layout: unverified('leads.md §2: 5 columns × 4 rows (⚠)'),
      ...PADDLE_GUESSES('Penta', { L: 3, W: 1, g: 3, col: 2.2, width: 12 }),
      modelNumbers: NO_MODEL('the Penta'),
      leadLengthsCm: NO_LENGTH('the Penta'),
    },
  },
  ring({
    id: 'abbott-proclaim-drg-lead',
    vendor: 'Abbott',
    displayName: 'Proclaim DRG (Axium) lead',
    modelledOn: 'Abbott (Spinal Modulation) Axium / Proclaim DRG lead',
    therapies: ['DRG'],
    count: {
      value: 4,
      p: verified('leads.md §3: 4 contacts per lead, Axium programmer manual p. 10 (✅)'),
    },
    lengthMm: {
      value: 1.25,
      p: secondary(
        'leads.md §3: 1.25 mm measured on the RADO-SCS DRG lead (◐; settles: Axium Physician Implant Manual "Implant Leads", §7)',
      ),
    },
    gapMm: {
      value: 3.88,
      p: secondary(
        'leads.md §3: pitch 5.13 mm measured on the RADO-SCS DRG lead → gap 3.88 mm (◐; settles: SSED P150004, §7)',
      ),
    },
    diameterMm: {
      value: 1.1,
      p: secondary('leads.md §3: contact Ø 1.10 mm measured on the RADO-SCS DRG lead (◐)'),
    },
    modelNumbers: { value: [], p: NO_MODEL('the DRG lead') },
    leadLengthsCm: { value: [], p: NO_LENGTH('the DRG lead') },
  }),
  {
    id: 'spr-sprint-microlead',
    displayName: 'SPRINT MicroLead (coiled, 60-day)',
    vendor: 'SPR Therapeutics',
    modelledOn: 'SPR SPRINT MicroLead',
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
      contactLengthMm: unverified(
        'leads.md §4: exposed electrode ≈ 10 mm quoted (⚠; settles: SPRINT clinician manual, §7)',
      ),
      contactSpacingMm: guess('single electrode: no spacing'),
      diameterMm: unverified(
        'leads.md §4: coil OD ≈ 0.6 mm quoted (⚠; settles: K170902 / K223306 full summaries, §7)',
      ),
      wireDiameterMm: unverified('leads.md §4: wire ≈ 0.2 mm quoted (⚠)'),
      modelNumbers: NO_MODEL('the MicroLead'),
      leadLengthsCm: NO_LENGTH('the MicroLead'),
    },
    notes:
      'Coiled stainless-steel wire placed through a 20-gauge introducer, barbed anchor, up to 60 days; MR Unsafe (leads.md §4, ✅).',
  },
  ring({
    id: 'bioventus-stimrouter-lead',
    vendor: 'Bioventus',
    displayName: 'StimRouter implantable lead',
    modelledOn: 'Bioventus (Bioness) StimRouter',
    therapies: ['PNS'],
    count: {
      value: 3,
      p: unverified(
        "leads.md §4: 3 contacts (tripolar) commonly quoted (⚠; settles: StimRouter Clinician's Guide, §7)",
      ),
    },
    lengthMm: {
      value: 3,
      p: guess(
        'leads.md §4: StimRouter contact length not found; placeholder = the generic 3 mm contact',
      ),
    },
    gapMm: {
      value: 4,
      p: guess('leads.md §4: StimRouter contact gap not found; placeholder = the generic 4 mm gap'),
    },
    diameterMm: {
      value: 1.3,
      p: guess('leads.md §4: StimRouter lead diameter not found; placeholder = the generic 1.3 mm'),
    },
    modelNumbers: { value: [], p: NO_MODEL('the StimRouter lead') },
    leadLengthsCm: { value: [], p: NO_LENGTH('the StimRouter lead (⚠)') },
    notes:
      'Lead with an integrated receiver, powered through the skin by an External Pulse Transmitter (leads.md §4, ✅); geometry placeholders only.',
  }),
  ring({
    id: 'nalu-lead-8',
    vendor: 'Nalu Medical',
    displayName: 'Nalu 8-contact lead',
    modelledOn: 'Nalu Medical PNS/SCS lead, 8 contacts',
    therapies: ['PNS', 'SCS'],
    count: { value: 8, p: verified('leads.md §4: 8 contacts, K191435 (✅)') },
    lengthMm: {
      value: 3,
      p: guess(
        'leads.md §4: Nalu contact length not found (⚠); generic 3 mm placeholder (settles: K183579 / K191435 full summaries)',
      ),
    },
    gapMm: {
      value: 4,
      p: guess('leads.md §4: Nalu contact gap not found (⚠); generic 4 mm placeholder'),
    },
    diameterMm: {
      value: 1.3,
      p: guess('leads.md §4: Nalu lead diameter not found (⚠); generic 1.3 mm placeholder'),
    },
    modelNumbers: { value: [], p: NO_MODEL('the Nalu lead') },
    leadLengthsCm: {
      value: [25, 40],
      p: verified('leads.md §4: lead lengths 25 / 40 cm, tined (✅, K191435)'),
    },
  }),
  ring({
    id: 'nalu-lead-4',
    vendor: 'Nalu Medical',
    displayName: 'Nalu 4-contact lead',
    modelledOn: 'Nalu Medical PNS/SCS lead, 4 contacts',
    therapies: ['PNS', 'SCS'],
    count: { value: 4, p: verified('leads.md §4: 4-contact option (✅, K191435 / K233801)') },
    lengthMm: {
      value: 3,
      p: guess('leads.md §4: Nalu contact length not found (⚠); generic 3 mm placeholder'),
    },
    gapMm: {
      value: 4,
      p: guess('leads.md §4: Nalu contact gap not found (⚠); generic 4 mm placeholder'),
    },
    diameterMm: {
      value: 1.3,
      p: guess('leads.md §4: Nalu lead diameter not found (⚠); generic 1.3 mm placeholder'),
    },
    modelNumbers: { value: [], p: NO_MODEL('the Nalu lead') },
    leadLengthsCm: {
      value: [25, 40],
      p: verified('leads.md §4: lead lengths 25 / 40 cm, tined (✅, K191435)'),
    },
  }),
];

function paddle2x8() {
  return {
    kind: 'paddle' as const,
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
  };
}

function PADDLE_GUESSES(
  name: string,
  v: { L: number; W: number; g: number; col: number; width: number },
): Record<string, Provenance> {
  const nf = `leads.md §2: ${name} dimensions not found`;
  return {
    contactLengthMm: guess(`${nf}; ${v.L} mm pad-length placeholder`),
    contactWidthMm: guess(`${nf}; ${v.W} mm pad-width placeholder`),
    contactSpacingMm: guess(`${nf}; ${v.g} mm edge-gap placeholder`),
    columnPitchMm: guess(`${nf}; ${v.col} mm column-pitch placeholder`),
    paddleWidthMm: guess(`${nf}; ${v.width} mm placeholder`),
    paddleThicknessMm: guess(`${nf}; 2 mm placeholder`),
    paddleLengthMm: guess(`${nf}; array span plus 5 mm at each end`),
  };
}
