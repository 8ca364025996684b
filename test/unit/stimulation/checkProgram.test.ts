import { describe, expect, it } from 'vitest';
import { LeadPlacementSchema, THERAPIES, defaultScenario } from '../../../models/scenario.ts';
import { findGenerator } from '../../../models/devices/index.ts';
import { checkProgram, formatNumber, type Finding } from '../../../models/stimulation/index.ts';
import { generator, scsLeads, scsProgram } from './helpers.ts';

const codes = (findings: Finding[]) => findings.map((f) => f.code);
const byCode = (findings: Finding[], code: string) => findings.find((f) => f.code === code);

describe('checkProgram: the default scenarios', () => {
  it.each(THERAPIES)('finds nothing wrong with the default %s program', (therapy) => {
    const s = defaultScenario(therapy);
    const g = findGenerator(s.program.generatorId);
    expect(g).toBeDefined();
    if (g) expect(checkProgram(s.program, s.leads, undefined, g)).toEqual([]);
  });
});

describe('checkProgram: generator envelope (clinical.md §3.2)', () => {
  it('refuses 30 mA on the 16-channel IPG, naming the 25.5 mA tonic limit', () => {
    const findings = checkProgram(
      scsProgram({ amplitudeMa: 30 }),
      scsLeads(),
      undefined,
      generator('generic-ipg'),
    );
    const f = byCode(findings, 'amplitude-above-max');
    expect(f).toMatchObject({
      severity: 'error',
      field: 'program.amplitudeMa',
      limit: { kind: 'max', value: 25.5, unit: 'mA' },
      message: 'Amplitude 30 mA exceeds the 25.5 mA maximum of Generic 16-channel IPG (tonic)',
    });
    expect(f?.limit?.source).toContain('clinical.md §3.2');
  });

  it('uses the burst envelope for burst programs: 15 mA exceeds 12.75 mA', () => {
    const program = scsProgram({
      amplitudeMa: 15,
      pulseWidthUs: 1000,
      rateHz: 40,
      waveform: { kind: 'burst', pulsesPerBurst: 5, intraBurstRateHz: 200 },
    });
    const findings = checkProgram(program, scsLeads(), undefined, generator('generic-ipg'));
    expect(byCode(findings, 'amplitude-above-max')?.message).toBe(
      'Amplitude 15 mA exceeds the 12.75 mA maximum of Generic 16-channel IPG (burst)',
    );
    expect(byCode(findings, 'intra-burst-rate-below-min')).toMatchObject({
      field: 'program.waveform.intraBurstRateHz',
      message:
        'Intra-burst rate 200 Hz is below the 250 Hz minimum of Generic 16-channel IPG (burst)',
    });
  });

  it('checks the DRG stimulator against Axium MN0700 (40–720 µs, 4–100 Hz; leads.md §3)', () => {
    const s = defaultScenario('DRG');
    const findings = checkProgram(
      { ...s.program, pulseWidthUs: 800, rateHz: 2 },
      s.leads,
      undefined,
      generator('generic-drg'),
    );
    expect(byCode(findings, 'pulse-width-above-max')?.message).toBe(
      'Pulse width 800 µs exceeds the 720 µs maximum of Generic DRG stimulator (tonic)',
    );
    expect(byCode(findings, 'rate-below-min')).toMatchObject({
      field: 'program.rateHz',
      limit: { kind: 'min', value: 4, unit: 'Hz' },
    });
  });

  it('refuses a waveform family the generator does not offer', () => {
    const program = scsProgram({ pulseWidthUs: 30, waveform: { kind: 'khz', frequencyHz: 10000 } });
    const f = byCode(
      checkProgram(program, scsLeads(), undefined, generator('generic-ipg')),
      'waveform-unsupported',
    );
    expect(f?.severity).toBe('error');
    expect(f?.field).toBe('program.waveform.kind');
    expect(f?.message).toBe(
      'Generic 16-channel IPG does not offer khz programs (it offers: tonic, burst)',
    );
  });

  it('accepts 10 kHz on the 10 kHz-capable IPG and notes the unused rate', () => {
    const program = scsProgram({
      generatorId: 'generic-hf-ipg',
      pulseWidthUs: 30,
      rateHz: 50,
      waveform: { kind: 'khz', frequencyHz: 10000 },
    });
    const findings = checkProgram(program, scsLeads(), undefined, generator('generic-hf-ipg'));
    expect(findings.map((f) => [f.severity, f.code])).toEqual([['info', 'khz-rate-ignored']]);
  });

  it('holds the 18 µC phase-charge limit of the PNS stimulator (Nalu, clinical.md §3.2)', () => {
    const s = defaultScenario('PNS');
    const findings = checkProgram(
      { ...s.program, amplitudeMa: 10, pulseWidthUs: 2000 },
      s.leads,
      undefined,
      generator('generic-pns'),
    );
    expect(byCode(findings, 'phase-charge-above-max')?.message).toBe(
      'Charge per phase 20 µC (10 mA × 2000 µs) exceeds the 18 µC maximum of Generic PNS stimulator (externally powered)',
    );
  });

  it('limits multiplexed groups to the 4 areas of the 32-channel IPG', () => {
    const group = { contacts: [3, 4], rateHz: 40 };
    const program = scsProgram({
      generatorId: 'generic-ipg-32',
      waveform: { kind: 'multiplexed', groups: [group, group, group, group, group] },
    });
    const f = byCode(
      checkProgram(program, scsLeads(), undefined, generator('generic-ipg-32')),
      'groups-above-max',
    );
    expect(f?.message).toBe(
      '5 groups exceed the 4-group maximum of Generic 32-channel IPG (multiplexed)',
    );
  });

  it('names the lead of a multiplexed group contact that is not active, and accepts older index lists', () => {
    const program = scsProgram({
      generatorId: 'generic-ipg-32',
      waveform: {
        kind: 'multiplexed',
        groups: [
          { contacts: [{ leadId: 'lead-1', contactIndex: 3 }, 4], rateHz: 40 },
          { contacts: [{ leadId: 'lead-2', contactIndex: 3 }], rateHz: 40 },
        ],
      },
    });
    const warnings = checkProgram(
      program,
      scsLeads(),
      undefined,
      generator('generic-ipg-32'),
    ).filter((f) => f.code === 'group-contact-inactive');
    expect(warnings.map((f) => [f.field, f.message])).toEqual([
      [
        'program.waveform.groups.1.contacts.0',
        'Group 2 lists contact 3 of lead "lead-2", which is not an active contact of the program',
      ],
    ]);
  });

  it('warns when a closed loop is asked to update faster than it pulses', () => {
    const program = scsProgram({
      generatorId: 'generic-ecap-ipg',
      rateHz: 50,
      waveform: { kind: 'closed-loop', targetEcapUv: 50, updateRateHz: 100 },
    });
    const findings = checkProgram(program, scsLeads(), undefined, generator('generic-ecap-ipg'));
    expect(codes(findings)).toEqual(['update-faster-than-pulses']);
  });

  it('warns when the programmed current needs more than the compliance voltage', () => {
    const findings = checkProgram(
      scsProgram({ amplitudeMa: 20 }),
      scsLeads(),
      undefined,
      generator('generic-ipg'),
      { loadOhm: 1000 },
    );
    expect(byCode(findings, 'compliance-exceeded')?.message).toContain(
      'needs 20 V, above the 12 V compliance (nominal)',
    );
  });
});

describe('checkProgram: pulse timing', () => {
  it('refuses a biphasic pulse longer than the period', () => {
    // 2 × 500 µs + 20 µs = 1020 µs > 1000 µs period at 1000 Hz
    const findings = checkProgram(
      scsProgram({ pulseWidthUs: 500, rateHz: 1000 }),
      scsLeads(),
      undefined,
      generator('generic-ipg'),
    );
    expect(byCode(findings, 'pulse-does-not-fit')).toMatchObject({
      severity: 'error',
      field: 'program.pulseWidthUs',
      message:
        'A biphasic pulse (2 × 500 µs + 20 µs interphase) at 1000 Hz takes 1020 µs, longer than the 1000 µs period',
    });
  });

  it('refuses a 10 kHz pulse wider than half the period', () => {
    const program = scsProgram({
      generatorId: 'generic-hf-ipg',
      pulseWidthUs: 60,
      rateHz: 10000,
      waveform: { kind: 'khz', frequencyHz: 10000 },
    });
    expect(
      codes(checkProgram(program, scsLeads(), undefined, generator('generic-hf-ipg'))),
    ).toContain('pulse-does-not-fit');
  });
});

describe('checkProgram: leads and contacts', () => {
  it('names a contact the lead does not have', () => {
    const program = scsProgram({
      contacts: [
        { leadId: 'lead-1', contactIndex: 9, polarity: 'cathode', fractionPercent: 100 },
        { leadId: 'lead-1', contactIndex: 4, polarity: 'anode', fractionPercent: 100 },
      ],
    });
    const f = byCode(
      checkProgram(program, scsLeads(), undefined, generator('generic-ipg')),
      'contact-index-out-of-range',
    );
    expect(f).toMatchObject({
      field: 'program.contacts.0.contactIndex',
      message: 'Lead "lead-1" has contacts 0–7; contact 9 does not exist',
    });
  });

  it('refuses more leads, or longer leads, than the generator drives', () => {
    const lead = (id: string, catalogId: string) =>
      LeadPlacementSchema.parse({
        id,
        catalogId,
        tipMm: { xMm: 0, yMm: 6, zMm: 20 },
        direction: { x: 0, y: 0, z: -1 },
      });
    const three = [
      lead('lead-1', 'perc-8-4mm'),
      lead('lead-2', 'perc-8-4mm'),
      lead('lead-3', 'perc-8-4mm'),
    ];
    const findings = checkProgram(scsProgram(), three, undefined, generator('generic-ipg'));
    expect(byCode(findings, 'leads-above-max')?.message).toBe(
      '3 leads exceed the 2-lead maximum of Generic 16-channel IPG',
    );
    expect(byCode(findings, 'contacts-above-max')?.message).toBe(
      'The leads have 24 contacts in all; Generic 16-channel IPG has 16 outputs',
    );
    const sixteen = checkProgram(
      { ...scsProgram(), generatorId: 'generic-hf-ipg' },
      [lead('lead-1', 'perc-16-1mm')],
      undefined,
      generator('generic-hf-ipg'),
    );
    expect(byCode(sixteen, 'lead-contacts-above-max')?.field).toBe('leads.0.catalogId');
  });

  it('names an unknown catalogue id', () => {
    const leads = [{ ...scsLeads()[0]!, catalogId: 'no-such-lead' }];
    expect(
      byCode(checkProgram(scsProgram(), leads, undefined, generator('generic-ipg')), 'unknown-lead')
        ?.field,
    ).toBe('leads.0.catalogId');
  });

  it('warns when the program names another generator', () => {
    const f = byCode(
      checkProgram(scsProgram(), scsLeads(), undefined, generator('generic-drg')),
      'generator-mismatch',
    );
    expect(f?.severity).toBe('warning');
  });
});

describe('checkProgram: charge density (30 µC/cm², clinical.md §3.4) and Shannon k (1.85, Shannon 1992)', () => {
  it('flags 35.2 µC/cm² on lead-1 contact 3', () => {
    // 8.625 mA × 500 µs = 4.3125 µC over π·1.3·3 mm² = 0.12252 cm² → 35.2 µC/cm² (hand calculation)
    const findings = checkProgram(
      scsProgram({ amplitudeMa: 8.625, pulseWidthUs: 500 }),
      scsLeads(),
      undefined,
      generator('generic-ipg'),
    );
    const f = byCode(findings, 'charge-density-above-limit');
    expect(f?.severity).toBe('warning');
    expect(f?.field).toBe('program.contacts.0');
    expect(f?.limit).toMatchObject({ kind: 'max', value: 30, unit: 'µC/cm²' });
    expect(f?.message).toMatch(
      /^Charge density 35\.2 µC\/cm² on lead-1 contact 3 exceeds 30 µC\/cm² \(4\.313 µC per phase over 0\.1225 cm², nominal dimensions\)$/,
    );
    // k = log10(35.2) + log10(4.3125) = 2.18 ≥ 1.85
    expect(byCode(findings, 'shannon-k-above-limit')?.message).toContain(
      'Shannon k 2.18 on lead-1 contact 3 is at or above 1.85',
    );
  });

  it('puts 10 mA × 300 µs on a 1.35 mm lead just under k = 1.85 and 10.1 mA over it (models.md §8)', () => {
    // 1.35 × 3 mm ring: A = 0.12723 cm²; Q = 3.0 µC → k = log10(9 / 0.12723) = 1.8497
    const leads = [
      LeadPlacementSchema.parse({ ...scsLeads()[0], overrides: { diameterMm: 1.35 } }),
    ];
    const at10 = checkProgram(
      scsProgram({ amplitudeMa: 10, pulseWidthUs: 300 }),
      leads,
      undefined,
      generator('generic-ipg'),
    );
    expect(codes(at10)).not.toContain('shannon-k-above-limit');
    expect(codes(at10)).not.toContain('charge-density-above-limit'); // 23.6 µC/cm²
    const at101 = checkProgram(
      scsProgram({ amplitudeMa: 10.1, pulseWidthUs: 300 }),
      leads,
      undefined,
      generator('generic-ipg'),
    );
    expect(byCode(at101, 'shannon-k-above-limit')?.message).toContain(
      'Shannon k 1.86 on lead-1 contact 3',
    );
  });

  it('flags the same current three times denser on a DRG contact than on an SCS ring (leads.md §5)', () => {
    const s = defaultScenario('DRG');
    // 1.5 mA × 720 µs = 1.08 µC over 0.0432 cm² = 25.0 µC/cm² → fine; 2 mA → 33.3 µC/cm² → flagged
    const ok = checkProgram(
      { ...s.program, amplitudeMa: 1.5, pulseWidthUs: 720 },
      s.leads,
      undefined,
      generator('generic-drg'),
    );
    expect(codes(ok)).toEqual([]);
    const dense = checkProgram(
      { ...s.program, amplitudeMa: 2, pulseWidthUs: 720 },
      s.leads,
      undefined,
      generator('generic-drg'),
    );
    expect(byCode(dense, 'charge-density-above-limit')?.message).toMatch(
      /^Charge density 33\.3 µC\/cm² on lead-1 contact 1 exceeds 30 µC\/cm²/,
    );
  });
});

describe('formatNumber', () => {
  it('prints up to four significant digits without trailing zeros', () => {
    expect(formatNumber(25.5)).toBe('25.5');
    expect(formatNumber(30)).toBe('30');
    expect(formatNumber(4.3125)).toBe('4.313');
    expect(formatNumber(0.63)).toBe('0.63');
  });
});
