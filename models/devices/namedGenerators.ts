/**
 * Named vendor generators: the programmable envelopes of clinical.md §3.2 (and leads.md §3) under
 * the devices' own names. Envelope marks follow leads.md §0: the clinical note gives most ranges
 * as secondary (manual summaries, reviews), the DRG envelope is verified (MN0700 p. 20).
 *
 * Output compliance, battery capacity, cell voltage, quiescent current and efficiency were not
 * found for any device: they are the `guess` placeholders of the generic generators, said so, and
 * the compliance check labels its limit "nominal". SPRINT and StimRouter are absent: no amplitude
 * or pulse-width range was found for either (clinical.md §3.2 ⚠), and an envelope is not invented.
 */
import type { GeneratorInput } from './generatorSchema.ts';
import { guess, secondary, unverified, verified } from './provenance.ts';

const BATTERY_GUESS = {
  complianceV: guess('not found for this device: 12 V output compliance placeholder'),
  batteryCapacityMah: guess('not found for this device: capacity placeholder'),
  batteryVoltageV: guess('not found for this device: nominal cell voltage placeholder'),
  quiescentCurrentUa: guess('not found for this device: 10 µA electronics overhead placeholder'),
  conversionEfficiency: guess('not found for this device: 70 % efficiency placeholder'),
};
const BATTERY = {
  complianceV: 12,
  batteryCapacityMah: 300,
  batteryVoltageV: 3.7,
  quiescentCurrentUa: 10,
  conversionEfficiency: 0.7,
};

const PROCLAIM_TONIC =
  'clinical.md §3.2: Proclaim XR tonic 2–1200 Hz, 20–1000 µs, 0–25.5 mA; max current limited by impedance, frequency and PW (Proclaim XR clinician manual, secondary)';
const PROCLAIM_BURST =
  'clinical.md §3.1: Proclaim XR burst rate 10–60 Hz, intraburst 250–1000 Hz, PW 50–1000 µs, 0–12.75 mA (ARTEN600080779, secondary)';
const WAVEWRITER =
  'clinical.md §3.2: WaveWriter Alpha 2–1200 Hz (default 40), 20–1000 µs (default 210), 0–25.5 mA (IFU 92469342-02, secondary)';
const MEDTRONIC_AMP = unverified(
  'clinical.md §3.2: "0–100 mA" per the Medtronic SCS Product Performance Report (secondary; ⚠ looks high, verify against the programmer manual)',
);

function wavewriter(contacts: 16 | 32): GeneratorInput {
  return {
    id: `bsc-wavewriter-alpha-${contacts}`,
    displayName: `Boston Scientific WaveWriter Alpha ${contacts}`,
    vendor: 'Boston Scientific',
    modelledOn: `WaveWriter Alpha / Alpha Prime, ${contacts}-contact IPG`,
    therapies: ['SCS'],
    control: 'constant-current',
    power: 'rechargeable',
    contactCount: contacts,
    maxLeads: contacts / 8,
    maxContactsPerLead: contacts === 16 ? 16 : 32,
    independentCurrentSources: true,
    ...BATTERY,
    envelopes: {
      tonic: {
        amplitudeMa: { min: 0, max: 25.5 },
        pulseWidthUs: { min: 20, max: 1000 },
        rateHz: { min: 2, max: 1200 },
        provenance: secondary(WAVEWRITER),
      },
      multiplexed: {
        amplitudeMa: { min: 0, max: 25.5 },
        pulseWidthUs: { min: 20, max: 1000 },
        rateHz: { min: 2, max: 1200 },
        maxGroups: 4,
        provenance: secondary(`${WAVEWRITER}; up to 4 areas`),
      },
    },
    modelNumbers: [],
    provenance: {
      control: secondary('clinical.md §3.2: multiple independent current control'),
      power: guess('not stated in clinical.md: rechargeable assumed'),
      contactCount: secondary(`clinical.md §3.2: 16- or 32-contact IPG`),
      maxLeads: guess(`${contacts / 8} eight-contact leads assumed`),
      maxContactsPerLead: secondary('clinical.md §3.2: 8/16/32-contact leads'),
      independentCurrentSources: secondary('clinical.md §3.2: MICC'),
      modelNumbers: guess(
        'clinical.md §3.2: no model number given (SC5170 appears in a manual address only)',
      ),
      ...BATTERY_GUESS,
    },
  };
}

function medtronic(
  id: string,
  name: string,
  rateHz: { min: number; max: number },
  pulseWidthUs: { min: number; max: number },
  power: 'rechargeable' | 'primary-cell',
  powerSource: string,
): GeneratorInput {
  return {
    id,
    displayName: `Medtronic ${name}`,
    vendor: 'Medtronic',
    modelledOn: `Medtronic ${name}`,
    therapies: ['SCS'],
    control: 'constant-current',
    power,
    contactCount: 16,
    maxLeads: 2,
    maxContactsPerLead: 16,
    independentCurrentSources: false,
    ...BATTERY,
    envelopes: {
      tonic: {
        amplitudeMa: { min: 0, max: 100 },
        pulseWidthUs,
        rateHz,
        provenance: secondary(
          `clinical.md §3.2: ${name} ${rateHz.min}–${rateHz.max} Hz, ${pulseWidthUs.min}–${pulseWidthUs.max} µs (Medtronic SCS Product Performance Report, secondary)`,
        ),
        fieldProvenance: { amplitudeMa: MEDTRONIC_AMP },
      },
    },
    modelNumbers: [],
    provenance: {
      control: unverified('clinical.md §3.2: constant current (⚠)'),
      power: secondary(powerSource),
      contactCount: secondary('clinical.md §3.2: up to 16 electrodes'),
      maxLeads: guess('two 8-contact leads assumed'),
      maxContactsPerLead: guess('not stated; 16 assumed'),
      independentCurrentSources: guess('not stated'),
      modelNumbers: guess('clinical.md §3.2: no model number given'),
      ...BATTERY_GUESS,
    },
  };
}

export const NAMED_GENERATORS: GeneratorInput[] = [
  {
    id: 'abbott-proclaim-xr',
    displayName: 'Abbott Proclaim XR',
    vendor: 'Abbott',
    modelledOn: 'Abbott Proclaim XR (Proclaim family)',
    therapies: ['SCS'],
    control: 'constant-current',
    power: 'primary-cell',
    contactCount: 16,
    maxLeads: 2,
    maxContactsPerLead: 16,
    independentCurrentSources: false,
    ...BATTERY,
    batteryCapacityMah: 1000,
    envelopes: {
      tonic: {
        amplitudeMa: { min: 0, max: 25.5 },
        pulseWidthUs: { min: 20, max: 1000 },
        rateHz: { min: 2, max: 1200 },
        provenance: secondary(PROCLAIM_TONIC),
      },
      burst: {
        amplitudeMa: { min: 0, max: 12.75 },
        pulseWidthUs: { min: 50, max: 1000 },
        rateHz: { min: 10, max: 60 },
        intraBurstRateHz: { min: 250, max: 1000 },
        provenance: secondary(PROCLAIM_BURST),
      },
    },
    modelNumbers: [],
    provenance: {
      control: secondary('clinical.md §3.2: constant current'),
      power: guess('not stated in clinical.md: the Proclaim XR is taken as non-rechargeable'),
      contactCount: secondary('clinical.md §3.2: up to 16 electrodes'),
      maxLeads: guess('two 8-contact leads assumed'),
      maxContactsPerLead: guess('not stated; 16 assumed'),
      independentCurrentSources: guess('not stated'),
      modelNumbers: guess('clinical.md §3.2: no model number given for the IPG'),
      ...BATTERY_GUESS,
    },
    notes: 'Max current is further limited by impedance, frequency and PW (clinical.md §3.2).',
  },
  wavewriter(16),
  wavewriter(32),
  {
    id: 'nevro-senza-hfx',
    displayName: 'Nevro Senza / HFX iQ',
    vendor: 'Nevro',
    modelledOn: 'Nevro Senza / Senza II / Omnia / HFX iQ',
    therapies: ['SCS'],
    control: 'constant-current',
    power: 'rechargeable',
    contactCount: 16,
    maxLeads: 2,
    maxContactsPerLead: 8,
    independentCurrentSources: false,
    maxLoadOhm: 1270,
    ...BATTERY,
    envelopes: {
      tonic: {
        amplitudeMa: { min: 0, max: 15 },
        pulseWidthUs: { min: 20, max: 1000 },
        rateHz: { min: 2, max: 1200 },
        maxLoadOhm: 1270,
        provenance: secondary(
          'clinical.md §3.2: 2–1200 Hz paresthesia-based, 20–1000 µs, 0–15 mA, max load 1270 Ω at 400 Hz / 1 ms (Nevro manual 11051, secondary)',
        ),
      },
      khz: {
        amplitudeMa: { min: 0, max: 15 },
        pulseWidthUs: { min: 20, max: 1000 },
        rateHz: { min: 1000, max: 10000 },
        maxLoadOhm: 1080,
        provenance: secondary(
          'clinical.md §3.2: up to 10,000 Hz, 0–15 mA, max load 1080 Ω at 10 kHz / 30 µs; 1.2–10 kHz not evaluated (EXTS3000 labelling §4.1–4.2)',
        ),
      },
    },
    modelNumbers: [],
    provenance: {
      control: secondary('clinical.md §3.2: constant current'),
      power: guess('not stated in clinical.md: rechargeable assumed'),
      contactCount: secondary('clinical.md §3.2: 16 output channels'),
      maxLeads: verified('leads.md §1: 2 leads × 8 electrodes (✅, EXTS3000 guide)'),
      maxContactsPerLead: verified('leads.md §1: 8-electrode leads (✅)'),
      independentCurrentSources: guess('not stated'),
      maxLoadOhm: secondary('clinical.md §3.2: 1270 Ω at 400 Hz / 1 ms'),
      modelNumbers: guess(
        'clinical.md §3.2: EXTS3000 is the trial stimulator; no IPG model number given',
      ),
      ...BATTERY_GUESS,
    },
  },
  medtronic(
    'medtronic-intellis',
    'Intellis',
    { min: 40, max: 1200 },
    { min: 60, max: 1000 },
    'rechargeable',
    'not stated in clinical.md: rechargeable assumed',
  ),
  medtronic(
    'medtronic-vanta',
    'Vanta',
    { min: 40, max: 130 },
    { min: 60, max: 450 },
    'primary-cell',
    'clinical.md §3.2: Vanta (non-rechargeable), Medtronic SCS Product Performance Report',
  ),
  medtronic(
    'medtronic-inceptiv',
    'Inceptiv',
    { min: 2, max: 1200 },
    { min: 60, max: 1000 },
    'rechargeable',
    'not stated in clinical.md: rechargeable assumed',
  ),
  {
    id: 'saluda-evoke',
    displayName: 'Saluda Evoke',
    vendor: 'Saluda Medical',
    modelledOn: 'Saluda Evoke closed-loop ECAP system',
    therapies: ['SCS'],
    control: 'constant-current',
    power: 'rechargeable',
    contactCount: 24,
    maxLeads: 2,
    maxContactsPerLead: 12,
    independentCurrentSources: false,
    ...BATTERY,
    envelopes: {
      tonic: {
        amplitudeMa: { min: 0, max: 50 },
        pulseWidthUs: { min: 20, max: 1000 },
        rateHz: { min: 10, max: 1500 },
        provenance: secondary(
          'clinical.md §3.2: open loop 10–1500 Hz, 20–1000 µs, max current 1–50 mA (FDA P190002D, secondary)',
        ),
      },
      'closed-loop': {
        amplitudeMa: { min: 0, max: 50 },
        pulseWidthUs: { min: 20, max: 1000 },
        rateHz: { min: 10, max: 250 },
        updateRateHz: { min: 10, max: 250 },
        provenance: secondary(
          'clinical.md §3.1–3.2: closed loop 10–250 Hz, ECAP measured after every pulse (FDA P190002D, secondary)',
        ),
      },
    },
    modelNumbers: [],
    provenance: {
      control: secondary('clinical.md §3.2: current, ECAP closed loop'),
      power: guess('not stated in clinical.md: rechargeable assumed'),
      contactCount: secondary('clinical.md §3.2: 1–2 leads × 12 electrodes'),
      maxLeads: secondary('clinical.md §3.2: 1–2 leads'),
      maxContactsPerLead: verified('leads.md §1: Evoke 12C, 12 contacts (✅)'),
      independentCurrentSources: guess('not stated'),
      modelNumbers: guess('clinical.md §3.2: no IPG model number given'),
      ...BATTERY_GUESS,
    },
  },
  {
    id: 'abbott-proclaim-drg',
    displayName: 'Abbott Proclaim DRG (Axium)',
    vendor: 'Abbott',
    modelledOn:
      'Abbott (Spinal Modulation) Axium / Proclaim DRG; envelope of the Axium trial stimulator',
    therapies: ['DRG'],
    control: 'constant-current',
    power: 'primary-cell',
    contactCount: 16,
    maxLeads: 4,
    maxContactsPerLead: 4,
    independentCurrentSources: false,
    ...BATTERY,
    batteryCapacityMah: 1000,
    batteryVoltageV: 3.2,
    envelopes: {
      tonic: {
        amplitudeMa: { min: 0, max: 6 },
        pulseWidthUs: { min: 40, max: 720 },
        rateHz: { min: 4, max: 100 },
        provenance: verified(
          'leads.md §3: Spinal Modulation MN0700 user manual p. 20: 0–6000 µA, 40–720 µs (10 µs steps), 4–100 Hz (2 Hz steps) (✅)',
        ),
      },
    },
    modelNumbers: ['MN0700'],
    provenance: {
      control: verified('clinical.md §3.2: current (Axium manuals)'),
      power: guess('not stated: non-rechargeable assumed'),
      contactCount: verified('leads.md §3: 4 contacts per lead, up to 4 leads (✅)'),
      maxLeads: verified('leads.md §3: up to 4 leads per system (✅)'),
      maxContactsPerLead: verified('leads.md §3: 4 contacts per lead (✅)'),
      independentCurrentSources: guess('not stated'),
      modelNumbers: verified(
        'leads.md §3: MN0700 is the trial stimulator whose user manual gives the envelope (✅)',
      ),
      ...BATTERY_GUESS,
    },
  },
  {
    id: 'nalu-ipg',
    displayName: 'Nalu Neurostimulation System',
    vendor: 'Nalu Medical',
    modelledOn: 'Nalu micro-IPG powered by the external Therapy Disc',
    therapies: ['PNS', 'SCS'],
    control: 'constant-current',
    power: 'external',
    contactCount: 16,
    maxLeads: 2,
    maxContactsPerLead: 8,
    independentCurrentSources: false,
    maxPhaseChargeUc: 18,
    ...BATTERY,
    batteryCapacityMah: 200,
    conversionEfficiency: 0.3,
    envelopes: {
      tonic: {
        amplitudeMa: { min: 0, max: 10.2 },
        pulseWidthUs: { min: 12, max: 2000 },
        rateHz: { min: 2, max: 1500 },
        provenance: secondary(
          'clinical.md §3.2: 2–1500 Hz, 12–2000 µs (limited by phase charge), 0–10.2 mA (K203547, secondary)',
        ),
      },
    },
    modelNumbers: [],
    provenance: {
      control: secondary('clinical.md §3.2: current-regulated'),
      power: verified('leads.md §4: RF-powered by the external Therapy Disc (✅)'),
      contactCount: guess('two 8-electrode leads assumed'),
      maxLeads: guess('two leads assumed'),
      maxContactsPerLead: verified('leads.md §4: 4- or 8-electrode leads (✅)'),
      independentCurrentSources: guess('not stated'),
      maxPhaseChargeUc: secondary('clinical.md §3.2: max phase charge 18 µC (K203547)'),
      modelNumbers: guess('clinical.md §3.2: no model number given'),
      ...BATTERY_GUESS,
      conversionEfficiency: guess('not found: 30 % placeholder for a transcutaneous RF link'),
    },
  },
];
