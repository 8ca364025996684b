import { describe, expect, it } from 'vitest';
import { defaultScenario, parseScenario, type Scenario } from '../../../models/scenario.ts';
import {
  GENERATOR_CATALOGUE,
  GENERATOR_PROVENANCE_FIELDS,
  GENERIC_VENDOR,
  GeneratorSchema,
  LEAD_CATALOGUE,
  LeadCatalogEntrySchema,
  NAMED_DEVICE_FIELDS,
  findGenerator,
  findLead,
  leadContactCount,
} from '../../../models/devices/index.ts';
import { checkProgram } from '../../../models/stimulation/checkProgram.ts';
import { safetyState } from '../../../models/estimate/safety.ts';
import { scenarioContacts, scenarioFieldKey } from '../../../models/estimate/index.ts';

const named = LEAD_CATALOGUE.filter((l) => l.vendor !== GENERIC_VENDOR);
const namedGenerators = GENERATOR_CATALOGUE.filter((g) => g.vendor !== 'Generic');

describe('named devices in the catalogue', () => {
  it('holds named leads of the vendors leads.md §1–§4 sources, beside the generic presets', () => {
    const vendors = new Set(named.map((l) => l.vendor));
    for (const v of [
      'Medtronic',
      'Abbott',
      'Boston Scientific',
      'Nevro',
      'Saluda Medical',
      'SPR Therapeutics',
      'Bioventus',
      'Nalu Medical',
    ]) {
      expect(vendors, v).toContain(v);
    }
    // forms: percutaneous, paddle, DRG, PNS micro-lead
    expect(new Set(named.map((l) => l.form))).toEqual(
      new Set(['percutaneous', 'paddle', 'micro-lead']),
    );
    expect(named.some((l) => l.therapies.includes('DRG'))).toBe(true);
    // the generic presets stay
    expect(findLead('perc-8-4mm')?.vendor).toBe(GENERIC_VENDOR);
    expect(findGenerator('generic-ipg')?.vendor).toBe('Generic');
  });

  it('every catalogue entry parses and every dimension has a provenance', () => {
    for (const entry of LEAD_CATALOGUE) {
      expect(LeadCatalogEntrySchema.safeParse(entry).success, entry.id).toBe(true);
      for (const k of Object.keys(entry.geometry)) {
        if (k === 'kind') continue;
        const field = k === 'columns' ? 'layout' : k;
        expect(entry.provenance[field], `${entry.id}.${field}`).toBeDefined();
      }
      expect(entry.provenance.contactCount, `${entry.id}.contactCount`).toBeDefined();
      if (entry.vendor !== GENERIC_VENDOR) {
        for (const f of NAMED_DEVICE_FIELDS)
          expect(entry.provenance[f], `${entry.id}.${f}`).toBeDefined();
      }
    }
    for (const g of GENERATOR_CATALOGUE) {
      expect(GeneratorSchema.safeParse(g).success, g.id).toBe(true);
      for (const f of GENERATOR_PROVENANCE_FIELDS) {
        if (g[f] !== undefined) expect(g.provenance[f], `${g.id}.${f}`).toBeDefined();
      }
      for (const env of Object.values(g.envelopes)) expect(env?.provenance.source).toBeTruthy();
    }
    const ids = [...LEAD_CATALOGUE, ...GENERATOR_CATALOGUE].map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('ships as verified only what leads.md marks ✅, and no contact length, gap or diameter', () => {
    // leads.md §0: the IFU specification tables were not readable, so L, g and Ø stay nominal
    for (const l of named) {
      for (const f of ['contactLengthMm', 'contactSpacingMm', 'diameterMm']) {
        if (l.provenance[f]) expect(l.provenance[f].status, `${l.id}.${f}`).not.toBe('verified');
      }
    }
    // ✅ in leads.md §1: Vectris model numbers, Infinion 16 contacts, Evoke 12C 60 / 90 cm kits
    const compact = findLead('medtronic-vectris-compact')!;
    expect(compact.modelNumbers).toEqual(['977A260', '977A275', '977A290']);
    expect(compact.provenance.modelNumbers?.status).toBe('verified');
    expect(leadContactCount(findLead('bsc-infinion-16')!.geometry)).toBe(16);
    expect(findLead('bsc-infinion-16')!.provenance.contactCount?.status).toBe('verified');
    expect(findLead('saluda-evoke-12c')!.leadLengthsCm).toEqual([60, 90]);
    // Evoke contact geometry was not found (leads.md §1): placeholders, marked guess
    expect(findLead('saluda-evoke-12c')!.provenance.contactSpacingMm?.status).toBe('guess');
    // ✅ leads.md §3: DRG envelope 0–6 mA, 40–720 µs, 4–100 Hz (MN0700 p. 20)
    const drg = findGenerator('abbott-proclaim-drg')!;
    expect(drg.envelopes.tonic).toMatchObject({
      amplitudeMa: { min: 0, max: 6 },
      pulseWidthUs: { min: 40, max: 720 },
      rateHz: { min: 4, max: 100 },
      provenance: { status: 'verified' },
    });
    // clinical.md §3.2 calls Medtronic's "0–100 mA" suspect: its amplitude range is unverified
    expect(
      findGenerator('medtronic-intellis')!.envelopes.tonic?.fieldProvenance?.amplitudeMa?.status,
    ).toBe('unverified');
    // no named generator claims a verified compliance (none was found)
    for (const g of namedGenerators) expect(g.provenance.complianceV?.status).toBe('guess');
  });

  it("a named lead's geometry reaches the estimate: the contact positions differ from the generic", () => {
    const generic = defaultScenario('SCS');
    const withNamed: Scenario = {
      ...generic,
      leads: generic.leads.map((l) => ({ ...l, catalogId: 'medtronic-vectris-subcompact' })),
    };
    expect(parseScenario(withNamed).ok).toBe(true);
    const z = (s: Scenario) => scenarioContacts(s).contacts.map((c) => c.centreMm.z);
    // generic perc-8-4mm: pitch 3 + 4 = 7 mm; Subcompact: 3 + 1.5 = 4.5 mm (leads.md §1 ⚠)
    expect(z(generic)[1]! - z(generic)[0]!).toBeCloseTo(-7, 9);
    expect(z(withNamed)[1]! - z(withNamed)[0]!).toBeCloseTo(-4.5, 9);
    expect(scenarioFieldKey(withNamed)).not.toBe(scenarioFieldKey(generic));
    // an edited dimension (per-placement override) reaches it too, as for a generic preset
    const edited: Scenario = {
      ...withNamed,
      leads: withNamed.leads.map((l) => ({ ...l, overrides: { contactSpacingMm: 2 } })),
    };
    expect(z(edited)[1]! - z(edited)[0]!).toBeCloseTo(-5, 9);
  });

  it("a named generator's envelope limits a program, with a message naming the field", () => {
    const s = defaultScenario('DRG');
    // 7 mA is above the 6 mA of the Axium envelope (leads.md §3 ✅)
    const program = { ...s.program, generatorId: 'abbott-proclaim-drg', amplitudeMa: 7 };
    const gen = findGenerator('abbott-proclaim-drg')!;
    const f = checkProgram(program, s.leads, LEAD_CATALOGUE, gen).find(
      (x) => x.code === 'amplitude-above-max',
    );
    expect(f).toMatchObject({ severity: 'error', field: 'program.amplitudeMa' });
    expect(f?.limit?.value).toBe(6);
    expect(f?.message).toBe(
      'Amplitude 7 mA exceeds the 6 mA maximum of Abbott Proclaim DRG (Axium) (tonic)',
    );
  });

  it('the checks use the chosen generator: 500 µs passes on WaveWriter Alpha and fails on Vanta (60–450 µs)', () => {
    const s = defaultScenario('SCS');
    const at = (generatorId: string): Scenario => ({
      ...s,
      program: { ...s.program, generatorId, pulseWidthUs: 500 },
    });
    const codes = (x: Scenario) => safetyState(x, null).map((l) => l.code);
    expect(codes(at('bsc-wavewriter-alpha-16'))).not.toContain('pulse-width-above-max');
    expect(codes(at('medtronic-vanta'))).toContain('pulse-width-above-max');
    const line = safetyState(at('medtronic-vanta'), null).find(
      (l) => l.code === 'pulse-width-above-max',
    );
    expect(line?.message).toContain('450 µs maximum of Medtronic Vanta');
  });

  it('a range with its own provenance names that source in the limit (Intellis amplitude)', () => {
    const s = defaultScenario('SCS');
    const gen = findGenerator('medtronic-intellis')!;
    const f = checkProgram(
      { ...s.program, generatorId: gen.id, amplitudeMa: 3, pulseWidthUs: 30 },
      s.leads,
      LEAD_CATALOGUE,
      gen,
    ).find((x) => x.code === 'pulse-width-below-min');
    expect(f?.field).toBe('program.pulseWidthUs');
    expect(f?.limit?.value).toBe(60);
    // 101 mA: above the quoted 0–100 mA, whose own (unverified) source the limit names
    const amp = checkProgram(
      { ...s.program, generatorId: gen.id, amplitudeMa: 101 },
      s.leads,
      LEAD_CATALOGUE,
      gen,
    ).find((x) => x.code === 'amplitude-above-max');
    expect(amp?.limit?.source).toContain('looks high');
    // the pulse-width limit keeps the envelope's source
    expect(f?.limit?.source).not.toContain('looks high');
  });
});
