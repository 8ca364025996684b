import { describe, expect, it } from 'vitest';
import { defaultScenario, THERAPIES } from '../../../models/scenario.ts';
import {
  GENERATOR_CATALOGUE,
  GeneratorSchema,
  LEAD_CATALOGUE,
  LeadCatalogEntrySchema,
  ProvenanceSchema,
  findGenerator,
  findLead,
  generatorLabel,
  leadContactCount,
  nominalFields,
  unverified,
  verified,
} from '../../../models/devices/index.ts';

describe('lead catalogue', () => {
  it('every entry passes the schema and ids are unique', () => {
    for (const entry of LEAD_CATALOGUE) {
      expect(LeadCatalogEntrySchema.safeParse(entry).success, entry.id).toBe(true);
    }
    const ids = LEAD_CATALOGUE.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('holds the lead ids the default scenarios use', () => {
    for (const therapy of THERAPIES) {
      for (const lead of defaultScenario(therapy).leads) {
        expect(findLead(lead.catalogId), lead.catalogId).toBeDefined();
      }
    }
    expect(findLead('perc-8-4mm')).toBeDefined();
    expect(findLead('drg-4')).toBeDefined();
    expect(findLead('pns-perc-1')).toBeDefined();
  });

  it('has the lead families of issue 5 with their contact counts (leads.md §1–4)', () => {
    const count = (id: string) => {
      const lead = findLead(id);
      if (!lead) throw new Error(`missing ${id}`);
      return leadContactCount(lead.geometry);
    };
    // 8- and 16-contact percutaneous leads in several spacings (leads.md §1)
    expect(count('perc-8-1mm')).toBe(8);
    expect(count('perc-8-4mm')).toBe(8);
    expect(count('perc-8-6mm')).toBe(8);
    expect(count('perc-16-1mm')).toBe(16);
    // paddles: 2×8, 5-6-5 and a 32-contact layout (leads.md §2)
    expect(count('paddle-2x8')).toBe(16);
    expect(count('paddle-5-6-5')).toBe(16);
    expect(count('paddle-32')).toBe(32);
    // 4-contact DRG lead (leads.md §3), PNS leads (leads.md §4)
    expect(count('drg-4')).toBe(4);
    expect(count('pns-perc-1')).toBe(4);
    expect(count('pns-coil-1')).toBe(1);
  });

  it('gives every geometry field a provenance, nominal unless verified', () => {
    for (const entry of LEAD_CATALOGUE) {
      const fields = Object.keys(entry.geometry).filter((k) => k !== 'kind' && k !== 'columns');
      for (const f of fields) expect(entry.provenance[f], `${entry.id}.${f}`).toBeDefined();
      for (const p of Object.values(entry.provenance)) {
        expect(p.nominal).toBe(p.status !== 'verified');
        expect(p.source.length).toBeGreaterThan(0);
      }
    }
  });

  it('marks the ⚠ percutaneous dimensions nominal and the verified contact count not (leads.md §1)', () => {
    const lead = findLead('perc-8-4mm');
    expect(lead && nominalFields(lead.provenance)).toEqual([
      'contactLengthMm',
      'contactSpacingMm',
      'diameterMm',
    ]);
    expect(lead?.provenance.contactCount?.status).toBe('verified');
    expect(lead?.provenance.diameterMm?.status).toBe('unverified');
  });

  it('rejects an entry whose dimension has no provenance', () => {
    const lead = findLead('perc-8-4mm');
    const { diameterMm: _dropped, ...provenance } = lead?.provenance ?? {};
    const r = LeadCatalogEntrySchema.safeParse({ ...lead, provenance });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain('diameterMm');
  });

  it('rejects a provenance that calls an unverified value not nominal', () => {
    expect(ProvenanceSchema.safeParse({ ...unverified('x'), nominal: false }).success).toBe(false);
    expect(ProvenanceSchema.safeParse({ ...verified('x'), nominal: true }).success).toBe(false);
    expect(ProvenanceSchema.safeParse(verified('x')).success).toBe(true);
  });
});

describe('generator catalogue', () => {
  it('every generator passes the schema and ids are unique', () => {
    for (const g of GENERATOR_CATALOGUE) {
      expect(GeneratorSchema.safeParse(g).success, g.id).toBe(true);
    }
    const ids = GENERATOR_CATALOGUE.map((g) => g.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('holds the generator ids the default scenarios use', () => {
    for (const therapy of THERAPIES) {
      const id = defaultScenario(therapy).program.generatorId;
      expect(findGenerator(id), id).toBeDefined();
    }
  });

  it('models the published envelopes of clinical.md §3.2', () => {
    const ipg = findGenerator('generic-ipg');
    // Proclaim XR / WaveWriter Alpha: tonic 0–25.5 mA, 20–1000 µs, 2–1200 Hz; burst 0–12.75 mA
    expect(ipg?.envelopes.tonic?.amplitudeMa).toEqual({ min: 0, max: 25.5 });
    expect(ipg?.envelopes.tonic?.pulseWidthUs).toEqual({ min: 20, max: 1000 });
    expect(ipg?.envelopes.tonic?.rateHz).toEqual({ min: 2, max: 1200 });
    expect(ipg?.envelopes.burst?.amplitudeMa.max).toBe(12.75);
    // Axium MN0700 p. 20: 0–6000 µA, 40–720 µs, 4–100 Hz (leads.md §3, ✅)
    const drg = findGenerator('generic-drg');
    expect(drg?.envelopes.tonic?.amplitudeMa).toEqual({ min: 0, max: 6 });
    expect(drg?.envelopes.tonic?.pulseWidthUs).toEqual({ min: 40, max: 720 });
    expect(drg?.envelopes.tonic?.rateHz).toEqual({ min: 4, max: 100 });
    expect(drg?.envelopes.tonic?.provenance.status).toBe('verified');
    // Nalu: max phase charge 18 µC (clinical.md §3.2)
    expect(findGenerator('generic-pns')?.maxPhaseChargeUc).toBe(18);
    // Nevro: 0–15 mA, up to 10 kHz
    expect(findGenerator('generic-hf-ipg')?.envelopes.khz?.rateHz.max).toBe(10000);
  });

  it('marks the battery figures nominal, since no source was read for them', () => {
    for (const g of GENERATOR_CATALOGUE) {
      for (const f of ['batteryCapacityMah', 'complianceV', 'conversionEfficiency']) {
        expect(g.provenance[f]?.nominal, `${g.id}.${f}`).toBe(true);
      }
    }
  });

  it('labels a generator vendor-neutrally with the envelope it models', () => {
    const ipg = findGenerator('generic-ipg');
    expect(ipg && generatorLabel(ipg)).toMatch(
      /^Generic 16-channel IPG \(envelope modelled on .*Proclaim XR.*\)$/,
    );
  });
});
