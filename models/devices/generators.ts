/**
 * Generators: vendor-neutral ids whose programmable envelopes model published ones
 * (clinical.md §3.2, leads.md §3). Electrical figures for the battery estimate (compliance,
 * capacity, battery voltage, quiescent current, efficiency) were not found in any source read
 * for this project: they are placeholders marked `guess`, editable in the UI.
 */
import {
  GeneratorSchema,
  WAVEFORM_FAMILIES,
  type Generator,
  type GeneratorInput,
} from './generatorSchema.ts';
import { guess, provenance, secondary, verified } from './provenance.ts';
import { NAMED_GENERATORS } from './namedGenerators.ts';

const BATTERY_GUESS = {
  complianceV: guess('no source read: 12 V output compliance placeholder'),
  batteryCapacityMah: guess('no source read: capacity placeholder, edit for a real device'),
  batteryVoltageV: guess('no source read: nominal cell voltage placeholder'),
  quiescentCurrentUa: guess('no source read: 10 µA electronics overhead placeholder'),
  conversionEfficiency: guess('no source read: 70 % battery-to-output efficiency placeholder'),
};

const PROCLAIM_WAVEWRITER =
  'clinical.md §3.2: Abbott Proclaim XR tonic 2–1200 Hz, 20–1000 µs, 0–25.5 mA; Boston WaveWriter Alpha 2–1200 Hz, 20–1000 µs, 0–25.5 mA (secondary)';
const PROCLAIM_BURST =
  'clinical.md §3.1: Proclaim XR burst rate 10–60 Hz, intraburst 250–1000 Hz, PW 50–1000 µs, 0–12.75 mA (secondary)';

const RAW_GENERATORS: GeneratorInput[] = [
  {
    id: 'generic-ipg',
    displayName: 'Generic 16-channel IPG',
    modelledOn: 'Abbott Proclaim XR and Boston Scientific WaveWriter Alpha (16-contact)',
    therapies: ['SCS', 'PNS'],
    control: 'constant-current',
    power: 'rechargeable',
    contactCount: 16,
    maxLeads: 2,
    maxContactsPerLead: 16,
    independentCurrentSources: true,
    complianceV: 12,
    batteryCapacityMah: 300,
    batteryVoltageV: 3.7,
    quiescentCurrentUa: 10,
    conversionEfficiency: 0.7,
    envelopes: {
      tonic: {
        amplitudeMa: { min: 0, max: 25.5 },
        pulseWidthUs: { min: 20, max: 1000 },
        rateHz: { min: 2, max: 1200 },
        provenance: secondary(PROCLAIM_WAVEWRITER),
      },
      burst: {
        amplitudeMa: { min: 0, max: 12.75 },
        pulseWidthUs: { min: 50, max: 1000 },
        rateHz: { min: 10, max: 60 },
        intraBurstRateHz: { min: 250, max: 1000 },
        provenance: secondary(PROCLAIM_BURST),
      },
    },
    provenance: {
      control: secondary('clinical.md §3.2: Proclaim constant current; WaveWriter MICC'),
      contactCount: secondary('clinical.md §3.2: up to 16 electrodes (Proclaim), 16-contact IPG'),
      maxLeads: guess('two 8-contact leads, the usual 16-channel configuration'),
      maxContactsPerLead: secondary('clinical.md §3.2: 8/16-contact leads (WaveWriter)'),
      independentCurrentSources: secondary(
        'clinical.md §3.2: WaveWriter multiple independent current control',
      ),
      power: guess('rechargeable assumed; the Proclaim family is non-rechargeable'),
      ...BATTERY_GUESS,
    },
    notes: 'Max current is further limited by impedance, frequency and PW (clinical.md §3.2).',
  },
  {
    id: 'generic-ipg-32',
    displayName: 'Generic 32-channel IPG',
    modelledOn: 'Boston Scientific WaveWriter Alpha (32-contact)',
    therapies: ['SCS'],
    control: 'constant-current',
    power: 'rechargeable',
    contactCount: 32,
    maxLeads: 4,
    maxContactsPerLead: 32,
    independentCurrentSources: true,
    complianceV: 12,
    batteryCapacityMah: 300,
    batteryVoltageV: 3.7,
    quiescentCurrentUa: 10,
    conversionEfficiency: 0.7,
    envelopes: {
      tonic: {
        amplitudeMa: { min: 0, max: 25.5 },
        pulseWidthUs: { min: 20, max: 1000 },
        rateHz: { min: 2, max: 1200 },
        provenance: secondary(
          'clinical.md §3.2: WaveWriter Alpha 2–1200 Hz, 20–1000 µs, 0–25.5 mA',
        ),
      },
      multiplexed: {
        amplitudeMa: { min: 0, max: 25.5 },
        pulseWidthUs: { min: 20, max: 1000 },
        rateHz: { min: 2, max: 1200 },
        maxGroups: 4,
        provenance: secondary(
          'clinical.md §3.2: WaveWriter Alpha, up to 4 areas at 2–1200 Hz, 20–1000 µs, 0–25.5 mA',
        ),
      },
    },
    provenance: {
      control: secondary('clinical.md §3.2: multiple independent current control'),
      contactCount: secondary('clinical.md §3.2: 16- or 32-contact IPG'),
      maxLeads: guess('four 8-contact leads'),
      maxContactsPerLead: secondary('clinical.md §3.2: 8/16/32-contact leads'),
      independentCurrentSources: secondary('clinical.md §3.2: MICC'),
      power: guess('rechargeable assumed'),
      ...BATTERY_GUESS,
    },
  },
  {
    id: 'generic-hf-ipg',
    displayName: 'Generic 10 kHz-capable IPG',
    modelledOn: 'Nevro Senza / Senza II / Omnia / HFX iQ',
    therapies: ['SCS'],
    control: 'constant-current',
    power: 'rechargeable',
    contactCount: 16,
    maxLeads: 2,
    maxContactsPerLead: 8,
    independentCurrentSources: false,
    maxLoadOhm: 1270,
    complianceV: 12,
    batteryCapacityMah: 300,
    batteryVoltageV: 3.7,
    quiescentCurrentUa: 10,
    conversionEfficiency: 0.7,
    envelopes: {
      tonic: {
        amplitudeMa: { min: 0, max: 15 },
        pulseWidthUs: { min: 20, max: 1000 },
        rateHz: { min: 2, max: 1200 },
        maxLoadOhm: 1270,
        provenance: secondary(
          'clinical.md §3.2: Nevro 2–1200 Hz paresthesia-based, 20–1000 µs, 0–15 mA; max load 1270 Ω at 400 Hz / 1 ms',
        ),
      },
      khz: {
        amplitudeMa: { min: 0, max: 15 },
        pulseWidthUs: { min: 20, max: 1000 },
        rateHz: { min: 1000, max: 10000 },
        maxLoadOhm: 1080,
        provenance: secondary(
          'clinical.md §3.2: Nevro up to 10,000 Hz, 0–15 mA; max load 1080 Ω at 10 kHz / 30 µs; 1.2–10 kHz not evaluated (labelling)',
        ),
      },
    },
    provenance: {
      control: secondary('clinical.md §3.2: Nevro constant current'),
      contactCount: secondary('clinical.md §3.2: 16 output channels'),
      maxLeads: verified('leads.md §1: trial stimulator takes up to 2 leads × 8 electrodes (✅)'),
      maxContactsPerLead: verified('leads.md §1: 2 × 8-electrode leads (✅)'),
      independentCurrentSources: guess('not stated; assumed a shared source'),
      maxLoadOhm: secondary('clinical.md §3.2: 1270 Ω at 400 Hz / 1 ms'),
      power: guess('rechargeable assumed'),
      ...BATTERY_GUESS,
    },
  },
  {
    id: 'generic-ecap-ipg',
    displayName: 'Generic closed-loop ECAP IPG',
    modelledOn: 'Saluda Evoke',
    therapies: ['SCS'],
    control: 'constant-current',
    power: 'rechargeable',
    contactCount: 24,
    maxLeads: 2,
    maxContactsPerLead: 12,
    independentCurrentSources: false,
    complianceV: 12,
    batteryCapacityMah: 300,
    batteryVoltageV: 3.7,
    quiescentCurrentUa: 10,
    conversionEfficiency: 0.7,
    envelopes: {
      tonic: {
        amplitudeMa: { min: 0, max: 50 },
        pulseWidthUs: { min: 20, max: 1000 },
        rateHz: { min: 10, max: 1500 },
        provenance: secondary(
          'clinical.md §3.2: Evoke open loop 10–1500 Hz, 20–1000 µs, max current 1–50 mA (FDA P190002D, secondary)',
        ),
      },
      'closed-loop': {
        amplitudeMa: { min: 0, max: 50 },
        pulseWidthUs: { min: 20, max: 1000 },
        rateHz: { min: 10, max: 250 },
        updateRateHz: { min: 10, max: 250 },
        provenance: secondary(
          'clinical.md §3.1–3.2: Evoke closed loop 10–250 Hz, ECAP measured after every pulse (update rate = pulse rate)',
        ),
      },
    },
    provenance: {
      control: secondary('clinical.md §3.2: current, ECAP closed loop'),
      contactCount: secondary('clinical.md §3.2: 1–2 leads × 12 electrodes'),
      maxLeads: secondary('clinical.md §3.2: 1–2 leads'),
      maxContactsPerLead: verified('leads.md §1: Evoke 12C, 12 contacts (✅)'),
      independentCurrentSources: guess('not stated'),
      power: guess('rechargeable assumed'),
      ...BATTERY_GUESS,
    },
  },
  {
    id: 'generic-drg',
    displayName: 'Generic DRG stimulator',
    modelledOn: 'Abbott (Spinal Modulation) Axium / Proclaim DRG',
    therapies: ['DRG'],
    control: 'constant-current',
    power: 'primary-cell',
    contactCount: 16,
    maxLeads: 4,
    maxContactsPerLead: 4,
    independentCurrentSources: false,
    complianceV: 12,
    batteryCapacityMah: 1000,
    batteryVoltageV: 3.2,
    quiescentCurrentUa: 10,
    conversionEfficiency: 0.7,
    envelopes: {
      tonic: {
        amplitudeMa: { min: 0, max: 6 },
        pulseWidthUs: { min: 40, max: 720 },
        rateHz: { min: 4, max: 100 },
        provenance: verified(
          'leads.md §3: Spinal Modulation MN0700 user manual p. 20: 0–6000 µA, 40–720 µs, 4–100 Hz (✅)',
        ),
      },
    },
    provenance: {
      control: verified('clinical.md §3.2: current (Axium manuals)'),
      contactCount: verified('leads.md §3: 4 contacts per lead, up to 4 leads (✅)'),
      maxLeads: verified('leads.md §3: up to 4 leads per system (✅)'),
      maxContactsPerLead: verified('leads.md §3: 4 contacts per lead (✅)'),
      independentCurrentSources: guess('not stated'),
      power: guess('non-rechargeable assumed'),
      ...BATTERY_GUESS,
    },
  },
  {
    id: 'generic-pns',
    displayName: 'Generic PNS stimulator (externally powered)',
    modelledOn: 'Nalu (current-regulated micro-IPG powered by an external Therapy Disc)',
    therapies: ['PNS', 'SCS'],
    control: 'constant-current',
    power: 'external',
    contactCount: 16,
    maxLeads: 2,
    maxContactsPerLead: 8,
    independentCurrentSources: false,
    maxPhaseChargeUc: 18,
    complianceV: 12,
    batteryCapacityMah: 200,
    batteryVoltageV: 3.7,
    quiescentCurrentUa: 10,
    conversionEfficiency: 0.3,
    envelopes: {
      tonic: {
        amplitudeMa: { min: 0, max: 10.2 },
        pulseWidthUs: { min: 12, max: 2000 },
        rateHz: { min: 2, max: 1500 },
        provenance: secondary(
          'clinical.md §3.2: Nalu 2–1500 Hz, 12–2000 µs (limited by phase charge), 0–10.2 mA (K203547, secondary)',
        ),
      },
    },
    provenance: {
      control: secondary('clinical.md §3.2: current-regulated'),
      maxPhaseChargeUc: secondary('clinical.md §3.2: max phase charge 18 µC (K203547)'),
      contactCount: guess('two 8-electrode leads assumed'),
      maxLeads: guess('two leads assumed'),
      maxContactsPerLead: verified('leads.md §4: 4- or 8-electrode leads (✅)'),
      independentCurrentSources: guess('not stated'),
      power: verified('leads.md §4: RF-powered by the external Therapy Disc (✅)'),
      ...BATTERY_GUESS,
      conversionEfficiency: guess(
        'no source read: 30 % placeholder for an RF-powered (transcutaneous) link',
      ),
    },
  },
];

/** The generator catalogue, generic presets then named vendor devices, parsed once through the schema. */
export const GENERATOR_CATALOGUE: readonly Generator[] = [
  ...RAW_GENERATORS,
  ...NAMED_GENERATORS,
].map((raw) => GeneratorSchema.parse(raw));

export function findGenerator(
  id: string,
  catalogue: readonly Generator[] = GENERATOR_CATALOGUE,
): Generator | undefined {
  return catalogue.find((g) => g.id === id);
}

/**
 * "Generic 16-channel IPG (envelope modelled on …)" for a generic preset; a named device's own
 * name with "(named device)" for a vendor entry.
 */
export function generatorLabel(
  generator: Pick<Generator, 'displayName' | 'modelledOn'> & { vendor?: string },
): string {
  if (generator.vendor !== undefined && generator.vendor !== 'Generic') {
    return `${generator.displayName} (named device)`;
  }
  return `${generator.displayName} (envelope modelled on ${generator.modelledOn})`;
}

/** The user's own limits of a plan's generator (scenario `program.generatorOverrides`). */
export interface GeneratorOverrides {
  amplitudeMaxMa?: number | undefined;
  pulseWidthMaxUs?: number | undefined;
  rateMaxHz?: number | undefined;
  complianceV?: number | undefined;
}

/** Source of a limit the user entered for a plan (the specification sheet says so). */
export const ENTERED_FOR_PLAN = 'entered for this plan, overriding the catalogue';
const ENTERED = provenance('unverified', ENTERED_FOR_PLAN);

/**
 * The plan's generator as the checks must see it: the catalogue entry with the user's limits
 * applied (the upper end of each envelope range, lowering its lower end where it would exceed
 * it; the compliance), each overridden value marked as entered for this plan.
 */
export function effectiveGenerator(
  program: { generatorId: string; generatorOverrides?: GeneratorOverrides | undefined },
  catalogue: readonly Generator[] = GENERATOR_CATALOGUE,
): Generator | undefined {
  const base = findGenerator(program.generatorId, catalogue);
  const o = program.generatorOverrides;
  if (!base || !o || Object.values(o).every((v) => v === undefined)) return base;
  const cap = (r: { min: number; max: number }, max: number | undefined) =>
    max === undefined ? r : { min: Math.min(r.min, max), max };
  const envelopes: Generator['envelopes'] = {};
  for (const family of WAVEFORM_FAMILIES) {
    const env = base.envelopes[family];
    if (!env) continue;
    const fieldProvenance = { ...env.fieldProvenance };
    if (o.amplitudeMaxMa !== undefined) fieldProvenance.amplitudeMa = ENTERED;
    if (o.pulseWidthMaxUs !== undefined) fieldProvenance.pulseWidthUs = ENTERED;
    if (o.rateMaxHz !== undefined) fieldProvenance.rateHz = ENTERED;
    envelopes[family] = {
      ...env,
      amplitudeMa: cap(env.amplitudeMa, o.amplitudeMaxMa),
      pulseWidthUs: cap(env.pulseWidthUs, o.pulseWidthMaxUs),
      rateHz: cap(env.rateHz, o.rateMaxHz),
      fieldProvenance,
    };
  }
  return {
    ...base,
    envelopes,
    complianceV: o.complianceV ?? base.complianceV,
    provenance:
      o.complianceV === undefined ? base.provenance : { ...base.provenance, complianceV: ENTERED },
  };
}
