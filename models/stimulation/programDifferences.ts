/**
 * A program described as a clinician programmer shows it (lead, contacts and polarity,
 * amplitude, pulse width, rate, waveform), and the list of fields in which two programs differ.
 * Pure data: the demo area captions each side with it and highlights the differences.
 */
import type { Scenario } from '../scenario.ts';

export interface ConfigurationField {
  /** stable key, the same on both sides */
  key: 'lead' | 'contacts' | 'amplitude' | 'pulseWidth' | 'rate' | 'waveform' | 'anatomy';
  label: string;
  value: string;
}

function contactsText(s: Scenario): string {
  const p = s.program;
  const parts = [...p.contacts]
    .sort((x, y) => x.leadId.localeCompare(y.leadId) || x.contactIndex - y.contactIndex)
    .map((c) => {
      const sign = c.polarity === 'cathode' ? '−' : c.polarity === 'anode' ? '+' : '';
      const share = c.fractionPercent === 100 ? '' : ` ${c.fractionPercent} %`;
      const lead = s.leads.length > 1 ? `${c.leadId}:` : '';
      return `${lead}${c.contactIndex}${sign}${share}`;
    });
  if (p.caseIsReturn) parts.push('case +');
  return parts.length ? parts.join(', ') : 'none';
}

function waveformText(s: Scenario): string {
  const w = s.program.waveform;
  return w.kind === 'khz' ? `10 kHz family (${w.frequencyHz} Hz)` : w.kind;
}

function anatomyText(s: Scenario): string {
  const a = s.anatomy;
  if (a.kind === 'spine') return `spine ${a.level}`;
  if (a.kind === 'drg') return `DRG ${a.level} ${a.side}`;
  return `nerve`;
}

/** The configuration of a scenario's program, field by field, with units. */
export function describeConfiguration(s: Scenario): ConfigurationField[] {
  const p = s.program;
  return [
    { key: 'anatomy', label: 'Target', value: `${s.therapy}, ${anatomyText(s)}` },
    {
      key: 'lead',
      label: 'Lead',
      value: s.leads.map((l) => `${l.label} (${l.catalogId})`).join('; ') || 'none',
    },
    { key: 'contacts', label: 'Contacts', value: contactsText(s) },
    { key: 'amplitude', label: 'Amplitude', value: `${p.amplitudeMa} mA` },
    { key: 'pulseWidth', label: 'Pulse width', value: `${p.pulseWidthUs} µs` },
    { key: 'rate', label: 'Rate', value: `${p.rateHz} Hz` },
    { key: 'waveform', label: 'Waveform', value: waveformText(s) },
  ];
}

export interface ConfigurationDifference {
  key: ConfigurationField['key'];
  label: string;
  a: string;
  b: string;
}

/** The fields in which B's configuration differs from A's, in display order. */
export function configurationDifferences(a: Scenario, b: Scenario): ConfigurationDifference[] {
  const fb = new Map(describeConfiguration(b).map((f) => [f.key, f]));
  return describeConfiguration(a).flatMap((fa) => {
    const other = fb.get(fa.key);
    if (!other || other.value === fa.value) return [];
    return [{ key: fa.key, label: fa.label, a: fa.value, b: other.value }];
  });
}
