/**
 * Checks a program against a generator's envelope (clinical.md §3.2), the leads it drives and
 * the charge-safety limits (charge.ts). Each finding names the field (dotted path from the
 * scenario root), the limit and why; nothing here throws on a bad program.
 */
import type { LeadPlacement, Program } from '../scenario.ts';
import {
  findLead,
  generatorLabel,
  leadContactCount,
  type Generator,
  type LeadCatalogue,
  type Range,
  type WaveformEnvelope,
} from '../devices/index.ts';
import { CHARGE_DENSITY_LIMIT_UC_PER_CM2, SHANNON_K_LIMIT, chargePerPhaseUc } from './charge.ts';
import { contactChargeDensities } from './density.ts';
import { DEFAULT_LOAD_OHM } from './energy.ts';

export type Severity = 'error' | 'warning' | 'info';

export interface FindingLimit {
  kind: 'max' | 'min';
  value: number;
  unit: string;
  /** where the limit comes from */
  source: string;
}

export interface Finding {
  severity: Severity;
  /** stable identifier of the rule, e.g. `amplitude-above-max` */
  code: string;
  /** dotted path of the offending field, e.g. `program.amplitudeMa` */
  field: string;
  limit?: FindingLimit;
  message: string;
}

export interface CheckOptions {
  /** load between the active contacts for the compliance check, Ω (default 1000, nominal) */
  loadOhm?: number;
}

/** Up to 4 significant digits, no trailing zeros: 25.5, 30, 0.63. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return String(Number(x.toPrecision(4)));
}

const CHARGE_SOURCE = 'vendor programmer warning, clinical.md §3.4';
const SHANNON_SOURCE = 'Shannon 1992, IEEE TBME 39:424 (models.md §8)';

function rangeFindings(
  out: Finding[],
  value: number,
  range: Range,
  what: string,
  unit: string,
  field: string,
  code: string,
  owner: string,
  source: string,
): void {
  if (value > range.max) {
    out.push({
      severity: 'error',
      code: `${code}-above-max`,
      field,
      limit: { kind: 'max', value: range.max, unit, source },
      message: `${what} ${formatNumber(value)} ${unit} exceeds the ${formatNumber(range.max)} ${unit} maximum of ${owner}`,
    });
  } else if (value < range.min) {
    out.push({
      severity: 'error',
      code: `${code}-below-min`,
      field,
      limit: { kind: 'min', value: range.min, unit, source },
      message: `${what} ${formatNumber(value)} ${unit} is below the ${formatNumber(range.min)} ${unit} minimum of ${owner}`,
    });
  }
}

function timingFindings(out: Finding[], program: Program): void {
  const pw = program.pulseWidthUs;
  const w = program.waveform;
  const fits = (needUs: number, periodUs: number, field: string, what: string) => {
    if (needUs > periodUs) {
      out.push({
        severity: 'error',
        code: 'pulse-does-not-fit',
        field,
        limit: { kind: 'max', value: periodUs, unit: 'µs', source: 'period = 1 / rate' },
        message: `${what} takes ${formatNumber(needUs)} µs, longer than the ${formatNumber(periodUs)} µs period`,
      });
    }
  };
  switch (w.kind) {
    case 'tonic': {
      const biphasic = w.shape === 'biphasic-cathodic-first';
      const need = biphasic ? 2 * pw + w.interphaseUs : pw;
      fits(
        need,
        1e6 / program.rateHz,
        'program.pulseWidthUs',
        biphasic
          ? `A biphasic pulse (2 × ${formatNumber(pw)} µs + ${formatNumber(w.interphaseUs)} µs interphase) at ${formatNumber(program.rateHz)} Hz`
          : `A ${formatNumber(pw)} µs pulse at ${formatNumber(program.rateHz)} Hz`,
      );
      break;
    }
    case 'burst': {
      const intraUs = 1e6 / w.intraBurstRateHz;
      const perPulse = w.recharge === 'active' ? 2 * pw : pw;
      fits(
        perPulse,
        intraUs,
        'program.pulseWidthUs',
        `A ${w.recharge === 'active' ? 'biphasic ' : ''}${formatNumber(pw)} µs pulse inside a burst at ${formatNumber(w.intraBurstRateHz)} Hz`,
      );
      fits(
        (w.pulsesPerBurst - 1) * intraUs + perPulse,
        1e6 / program.rateHz,
        'program.rateHz',
        `A burst of ${w.pulsesPerBurst} pulses at ${formatNumber(w.intraBurstRateHz)} Hz repeated at ${formatNumber(program.rateHz)} Hz`,
      );
      break;
    }
    case 'khz':
      fits(
        2 * pw,
        1e6 / w.frequencyHz,
        'program.pulseWidthUs',
        `A biphasic pulse (2 × ${formatNumber(pw)} µs) at ${formatNumber(w.frequencyHz)} Hz`,
      );
      break;
    case 'multiplexed': {
      const fastest = Math.max(...w.groups.map((g) => g.rateHz));
      fits(
        w.groups.length * (2 * pw + 20),
        1e6 / fastest,
        'program.waveform.groups',
        `${w.groups.length} groups of biphasic ${formatNumber(pw)} µs pulses fired in turn at ${formatNumber(fastest)} Hz`,
      );
      break;
    }
    case 'closed-loop':
      fits(
        2 * pw + 20,
        1e6 / program.rateHz,
        'program.pulseWidthUs',
        `A biphasic pulse (2 × ${formatNumber(pw)} µs + 20 µs interphase) at ${formatNumber(program.rateHz)} Hz`,
      );
      break;
  }
}

function envelopeFindings(
  out: Finding[],
  program: Program,
  generator: Generator,
  env: WaveformEnvelope,
): void {
  const w = program.waveform;
  const owner = `${generator.displayName} (${w.kind})`;
  const source = `${generatorLabel(generator)}: ${env.provenance.source}`;
  // a range whose source differs from the envelope's (e.g. one unverified range) names its own
  const sourceOf = (field: string) => {
    const p = env.fieldProvenance?.[field];
    return p ? `${generatorLabel(generator)}: ${p.source}` : source;
  };
  rangeFindings(
    out,
    program.amplitudeMa,
    env.amplitudeMa,
    'Amplitude',
    'mA',
    'program.amplitudeMa',
    'amplitude',
    owner,
    sourceOf('amplitudeMa'),
  );
  rangeFindings(
    out,
    program.pulseWidthUs,
    env.pulseWidthUs,
    'Pulse width',
    'µs',
    'program.pulseWidthUs',
    'pulse-width',
    owner,
    sourceOf('pulseWidthUs'),
  );
  switch (w.kind) {
    case 'khz':
      rangeFindings(
        out,
        w.frequencyHz,
        env.rateHz,
        'Frequency',
        'Hz',
        'program.waveform.frequencyHz',
        'frequency',
        owner,
        source,
      );
      if (Math.abs(program.rateHz - w.frequencyHz) > 1e-9) {
        out.push({
          severity: 'info',
          code: 'khz-rate-ignored',
          field: 'program.rateHz',
          message: `A kHz program pulses at its carrier ${formatNumber(w.frequencyHz)} Hz; the rate ${formatNumber(program.rateHz)} Hz is not used`,
        });
      }
      if (w.frequencyHz > 1200 && w.frequencyHz < 10000) {
        out.push({
          severity: 'info',
          code: 'khz-not-evaluated',
          field: 'program.waveform.frequencyHz',
          message: `${formatNumber(w.frequencyHz)} Hz lies in 1.2–10 kHz, a range the 10 kHz labelling says was not evaluated (leads.md §6)`,
        });
      }
      break;
    case 'multiplexed':
      w.groups.forEach((g, i) =>
        rangeFindings(
          out,
          g.rateHz,
          env.rateHz,
          `Group ${i + 1} rate`,
          'Hz',
          `program.waveform.groups.${i}.rateHz`,
          'rate',
          owner,
          source,
        ),
      );
      if (env.maxGroups !== undefined && w.groups.length > env.maxGroups) {
        out.push({
          severity: 'error',
          code: 'groups-above-max',
          field: 'program.waveform.groups',
          limit: { kind: 'max', value: env.maxGroups, unit: 'groups', source },
          message: `${w.groups.length} groups exceed the ${env.maxGroups}-group maximum of ${owner}`,
        });
      }
      break;
    case 'burst':
      rangeFindings(
        out,
        program.rateHz,
        env.rateHz,
        'Burst rate',
        'Hz',
        'program.rateHz',
        'rate',
        owner,
        source,
      );
      if (env.intraBurstRateHz)
        rangeFindings(
          out,
          w.intraBurstRateHz,
          env.intraBurstRateHz,
          'Intra-burst rate',
          'Hz',
          'program.waveform.intraBurstRateHz',
          'intra-burst-rate',
          owner,
          source,
        );
      if (env.pulsesPerBurst)
        rangeFindings(
          out,
          w.pulsesPerBurst,
          env.pulsesPerBurst,
          'Pulses per burst',
          'pulses',
          'program.waveform.pulsesPerBurst',
          'pulses-per-burst',
          owner,
          source,
        );
      break;
    case 'closed-loop':
      rangeFindings(
        out,
        program.rateHz,
        env.rateHz,
        'Rate',
        'Hz',
        'program.rateHz',
        'rate',
        owner,
        source,
      );
      if (env.updateRateHz)
        rangeFindings(
          out,
          w.updateRateHz,
          env.updateRateHz,
          'Update rate',
          'Hz',
          'program.waveform.updateRateHz',
          'update-rate',
          owner,
          source,
        );
      if (w.updateRateHz > program.rateHz) {
        out.push({
          severity: 'warning',
          code: 'update-faster-than-pulses',
          field: 'program.waveform.updateRateHz',
          limit: {
            kind: 'max',
            value: program.rateHz,
            unit: 'Hz',
            source: 'one ECAP is measured per pulse (clinical.md §3.1)',
          },
          message: `Update rate ${formatNumber(w.updateRateHz)} Hz is faster than the ${formatNumber(program.rateHz)} Hz pulse rate: an ECAP is measured after a pulse, so the loop cannot update more often`,
        });
      }
      break;
    case 'tonic':
      rangeFindings(
        out,
        program.rateHz,
        env.rateHz,
        'Rate',
        'Hz',
        'program.rateHz',
        'rate',
        owner,
        source,
      );
      break;
  }
}

function leadFindings(
  out: Finding[],
  program: Program,
  leads: readonly LeadPlacement[],
  catalogue: LeadCatalogue | undefined,
  generator: Generator,
): void {
  const owner = generator.displayName;
  const source = generatorLabel(generator);
  if (leads.length > generator.maxLeads) {
    out.push({
      severity: 'error',
      code: 'leads-above-max',
      field: 'leads',
      limit: { kind: 'max', value: generator.maxLeads, unit: 'leads', source },
      message: `${leads.length} leads exceed the ${generator.maxLeads}-lead maximum of ${owner}`,
    });
  }
  let totalContacts = 0;
  const counts = new Map<string, number>();
  leads.forEach((lead, i) => {
    const entry = findLead(lead.catalogId, catalogue);
    if (!entry) {
      out.push({
        severity: 'error',
        code: 'unknown-lead',
        field: `leads.${i}.catalogId`,
        message: `Lead "${lead.id}" names "${lead.catalogId}", which is not in the lead catalogue`,
      });
      return;
    }
    const n = leadContactCount(entry.geometry);
    counts.set(lead.id, n);
    totalContacts += n;
    if (n > generator.maxContactsPerLead) {
      out.push({
        severity: 'error',
        code: 'lead-contacts-above-max',
        field: `leads.${i}.catalogId`,
        limit: { kind: 'max', value: generator.maxContactsPerLead, unit: 'contacts', source },
        message: `Lead "${lead.id}" has ${n} contacts; ${owner} drives at most ${generator.maxContactsPerLead} per lead`,
      });
    }
  });
  if (totalContacts > generator.contactCount) {
    out.push({
      severity: 'error',
      code: 'contacts-above-max',
      field: 'leads',
      limit: { kind: 'max', value: generator.contactCount, unit: 'contacts', source },
      message: `The leads have ${totalContacts} contacts in all; ${owner} has ${generator.contactCount} outputs`,
    });
  }
  program.contacts.forEach((c, i) => {
    const n = counts.get(c.leadId);
    if (n === undefined) {
      if (!leads.some((l) => l.id === c.leadId)) {
        out.push({
          severity: 'error',
          code: 'unknown-lead-id',
          field: `program.contacts.${i}.leadId`,
          message: `Contact setting ${i} names lead "${c.leadId}", which is not in the scenario`,
        });
      }
      return;
    }
    if (c.contactIndex >= n) {
      out.push({
        severity: 'error',
        code: 'contact-index-out-of-range',
        field: `program.contacts.${i}.contactIndex`,
        limit: { kind: 'max', value: n - 1, unit: 'index', source: 'lead catalogue' },
        message: `Lead "${c.leadId}" has contacts 0–${n - 1}; contact ${c.contactIndex} does not exist`,
      });
    }
  });
  if (!program.contacts.some((c) => c.polarity !== 'off')) {
    out.push({
      severity: 'warning',
      code: 'no-active-contacts',
      field: 'program.contacts',
      message: 'No contact is set to anode or cathode: the program delivers no current',
    });
  }
  if (program.waveform.kind === 'multiplexed') {
    const active = program.contacts.filter((c) => c.polarity !== 'off');
    program.waveform.groups.forEach((g, gi) => {
      g.contacts.forEach((ref, j) => {
        const found =
          typeof ref === 'number'
            ? active.some((c) => c.contactIndex === ref)
            : active.some((c) => c.leadId === ref.leadId && c.contactIndex === ref.contactIndex);
        if (!found) {
          const what =
            typeof ref === 'number'
              ? `contact ${ref}`
              : `contact ${ref.contactIndex} of lead "${ref.leadId}"`;
          out.push({
            severity: 'warning',
            code: 'group-contact-inactive',
            field: `program.waveform.groups.${gi}.contacts.${j}`,
            message: `Group ${gi + 1} lists ${what}, which is not an active contact of the program`,
          });
        }
      });
    });
  }
}

/**
 * All findings for a program: envelope (amplitude, pulse width, rates per waveform family),
 * pulse timing, phase-charge limit, compliance, leads and contacts, and per-contact charge
 * density against 30 µC/cm² and Shannon k = 1.85.
 */
export function checkProgram(
  program: Program,
  leads: readonly LeadPlacement[],
  catalogue: LeadCatalogue | undefined,
  generator: Generator,
  options: CheckOptions = {},
): Finding[] {
  const out: Finding[] = [];
  if (program.generatorId !== generator.id) {
    out.push({
      severity: 'warning',
      code: 'generator-mismatch',
      field: 'program.generatorId',
      message: `The program names generator "${program.generatorId}" but is checked against "${generator.id}" (${generator.displayName})`,
    });
  }
  const env = generator.envelopes[program.waveform.kind];
  if (!env) {
    const supported = Object.keys(generator.envelopes).join(', ');
    out.push({
      severity: 'error',
      code: 'waveform-unsupported',
      field: 'program.waveform.kind',
      message: `${generator.displayName} does not offer ${program.waveform.kind} programs (it offers: ${supported})`,
    });
  } else {
    envelopeFindings(out, program, generator, env);
  }
  timingFindings(out, program);

  const phaseChargeUc = chargePerPhaseUc(program.amplitudeMa, program.pulseWidthUs);
  if (generator.maxPhaseChargeUc !== undefined && phaseChargeUc > generator.maxPhaseChargeUc) {
    out.push({
      severity: 'error',
      code: 'phase-charge-above-max',
      field: 'program.amplitudeMa',
      limit: {
        kind: 'max',
        value: generator.maxPhaseChargeUc,
        unit: 'µC',
        source: generator.provenance.maxPhaseChargeUc?.source ?? generatorLabel(generator),
      },
      message: `Charge per phase ${formatNumber(phaseChargeUc)} µC (${formatNumber(program.amplitudeMa)} mA × ${formatNumber(program.pulseWidthUs)} µs) exceeds the ${formatNumber(generator.maxPhaseChargeUc)} µC maximum of ${generator.displayName}`,
    });
  }

  const loadOhm = options.loadOhm ?? DEFAULT_LOAD_OHM;
  const loadVoltageV = (program.amplitudeMa * loadOhm) / 1000;
  const complianceNominal = generator.provenance.complianceV?.nominal !== false;
  if (loadVoltageV > generator.complianceV) {
    out.push({
      severity: 'warning',
      code: 'compliance-exceeded',
      field: 'program.amplitudeMa',
      limit: {
        kind: 'max',
        value: (generator.complianceV / loadOhm) * 1000,
        unit: 'mA',
        source: `${generator.complianceV} V compliance${complianceNominal ? ' (nominal)' : ''} at ${loadOhm} Ω`,
      },
      message: `${formatNumber(program.amplitudeMa)} mA into ${formatNumber(loadOhm)} Ω needs ${formatNumber(loadVoltageV)} V, above the ${formatNumber(generator.complianceV)} V compliance${complianceNominal ? ' (nominal)' : ''} of ${generator.displayName}: the current would not be delivered`,
    });
  }
  const maxLoad = env?.maxLoadOhm ?? generator.maxLoadOhm;
  if (maxLoad !== undefined && loadOhm > maxLoad) {
    out.push({
      severity: 'warning',
      code: 'load-above-max',
      field: 'program.amplitudeMa',
      limit: { kind: 'max', value: maxLoad, unit: 'Ω', source: generatorLabel(generator) },
      message: `A ${formatNumber(loadOhm)} Ω load is above the ${formatNumber(maxLoad)} Ω for which ${generator.displayName} is rated`,
    });
  }

  leadFindings(out, program, leads, catalogue, generator);

  const { contacts } = contactChargeDensities(program, leads, catalogue);
  for (const c of contacts) {
    const where = `${c.leadId} contact ${c.contactIndex}`;
    const field = `program.contacts.${program.contacts.findIndex((s) => s.leadId === c.leadId && s.contactIndex === c.contactIndex)}`;
    const area = `${formatNumber(c.areaCm2)} cm²${c.areaIsNominal ? ', nominal dimensions' : ''}`;
    if (c.exceedsDensityLimit) {
      const verb = c.densityUcPerCm2 > CHARGE_DENSITY_LIMIT_UC_PER_CM2 ? 'exceeds' : 'reaches';
      out.push({
        severity: 'warning',
        code: 'charge-density-above-limit',
        field,
        limit: {
          kind: 'max',
          value: CHARGE_DENSITY_LIMIT_UC_PER_CM2,
          unit: 'µC/cm²',
          source: CHARGE_SOURCE,
        },
        message: `Charge density ${c.densityUcPerCm2.toFixed(1)} µC/cm² on ${where} ${verb} ${CHARGE_DENSITY_LIMIT_UC_PER_CM2} µC/cm² (${formatNumber(c.chargeUc)} µC per phase over ${area})`,
      });
    }
    if (c.exceedsShannonLimit) {
      out.push({
        severity: 'warning',
        code: 'shannon-k-above-limit',
        field,
        limit: { kind: 'max', value: SHANNON_K_LIMIT, unit: 'k', source: SHANNON_SOURCE },
        message: `Shannon k ${c.shannonK.toFixed(2)} on ${where} is at or above ${SHANNON_K_LIMIT} (Shannon 1992): tissue damage possible (D ${c.densityUcPerCm2.toFixed(1)} µC/cm², Q ${formatNumber(c.chargeUc)} µC, ${area})`,
      });
    }
  }
  return out;
}
