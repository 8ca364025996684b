import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../../models/scenario.ts';
import {
  configurationDifferences,
  describeConfiguration,
} from '../../../models/stimulation/programDifferences.ts';
import { decodeDemoFragment, decodePresentParam, demoUrl } from '../../../src/demo/demoLink.ts';
import { scsScenario } from '../../../src/demo/demoScenarios.ts';

const a = scsScenario({ configuration: 'bipole', amplitudeMa: 3, pulseWidthUs: 210, rateHz: 50 });
const b = scsScenario({
  configuration: 'tripole',
  amplitudeMa: 4.5,
  pulseWidthUs: 210,
  rateHz: 50,
});

describe('A/B replay link with presentation mode', () => {
  it('round-trips the pair and present=1 through the URL', () => {
    const url = new URL(demoUrl({ a, b }, 'http://127.0.0.1:4173/', { present: true }));
    expect(url.pathname).toBe('/learn/demo');
    expect(decodePresentParam(url.hash)).toEqual({ present: true });
    expect(decodeDemoFragment(url.hash)).toEqual({ ok: true, value: { a, b } });
  });

  it('leaves presentation mode off when the link does not ask for it', () => {
    const url = new URL(demoUrl({ a, b }, 'http://127.0.0.1:4173/'));
    expect(url.hash).not.toContain('present');
    expect(decodePresentParam(url.hash)).toEqual({ present: false });
    expect(decodePresentParam('#demo=x&present=0')).toEqual({ present: false });
  });

  it('names a malformed present parameter and falls back to off', () => {
    const bad = decodePresentParam('#demo=x&present=yes');
    expect(bad.present).toBe(false);
    expect(bad.issue?.path).toBe('present');
    expect(bad.issue?.message).toContain('"yes"');
  });

  it('names the side and field of a malformed scenario in the pair', () => {
    const url = new URL(
      demoUrl({ a, b: { ...b, program: { ...b.program, amplitudeMa: -1 } } }, 'http://x/'),
    );
    const back = decodeDemoFragment(url.hash);
    expect(back?.ok).toBe(false);
    if (back && !back.ok) expect(back.issues.map((i) => i.path)).toContain('b.program.amplitudeMa');
  });
});

describe('configuration of a program and the differences between A and B', () => {
  it('describes lead, contacts with polarity, amplitude, pulse width, rate and waveform', () => {
    const byKey = Object.fromEntries(describeConfiguration(b).map((f) => [f.key, f.value]));
    expect(byKey).toEqual({
      anatomy: 'SCS, spine T8',
      lead: 'Lead 1 (perc-8-4mm)',
      contacts: '2+ 50 %, 3−, 4+ 50 %',
      amplitude: '4.5 mA',
      pulseWidth: '210 µs',
      rate: '50 Hz',
      waveform: 'tonic',
    });
  });

  it('lists only the fields that differ, with both values', () => {
    expect(configurationDifferences(a, b)).toEqual([
      { key: 'contacts', label: 'Contacts', a: '3−, 4+', b: '2+ 50 %, 3−, 4+ 50 %' },
      { key: 'amplitude', label: 'Amplitude', a: '3 mA', b: '4.5 mA' },
    ]);
    expect(configurationDifferences(a, a)).toEqual([]);
  });

  it('shows a monopole with the case as return, and a different therapy as a different target', () => {
    const mono = scsScenario({
      configuration: 'monopole',
      amplitudeMa: 3,
      pulseWidthUs: 210,
      rateHz: 50,
    });
    const contacts = describeConfiguration(mono).find((f) => f.key === 'contacts');
    expect(contacts?.value).toBe('3−, case +');
    const keys = configurationDifferences(a, defaultScenario('DRG')).map((d) => d.key);
    expect(keys).toContain('anatomy');
  });
});
