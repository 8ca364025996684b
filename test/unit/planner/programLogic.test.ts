import { beforeEach, describe, expect, it } from 'vitest';
import { defaultScenario, type Program } from '../../../models/scenario.ts';
import { findGenerator } from '../../../models/devices/index.ts';
import { usePlanner } from '../../../src/planner/store.ts';
import {
  applyProgramEdit,
  cyclePolarity,
  equalShares,
  generatorsFor,
  leadLayout,
  nextPolarity,
  polaritySums,
  previewSeries,
  withFraction,
  withGenerator,
  withPolarity,
  withWaveformFamily,
} from '../../../src/planner/program/logic.ts';

const scs = () => defaultScenario('SCS');
const program = (): Program => scs().program;

function sums(p: Program) {
  return polaritySums(p.contacts);
}

describe('polarity cycling', () => {
  it('goes off → cathode → anode → off', () => {
    expect(nextPolarity('off')).toBe('cathode');
    expect(nextPolarity('cathode')).toBe('anode');
    expect(nextPolarity('anode')).toBe('off');
  });

  it('a contact added to a polarity shares it equally with the others', () => {
    // default SCS program: contact 3 cathode 100 %, contact 4 anode 100 %
    const { program: p } = cyclePolarity(program(), 'lead-1', 2);
    const cathodes = p.contacts.filter((c) => c.polarity === 'cathode');
    expect(cathodes.map((c) => [c.contactIndex, c.fractionPercent])).toEqual([
      [3, 50],
      [2, 50],
    ]);
    const three = withPolarity(p, 'lead-1', 5, 'cathode').program;
    expect(
      three.contacts.filter((c) => c.polarity === 'cathode').map((c) => c.fractionPercent),
    ).toEqual([33.4, 33.3, 33.3]);
    expect(sums(three).cathode).toBeCloseTo(100, 9);
  });

  it('a contact moving from cathode to anode leaves the cathodes rescaled and joins the anodes equally', () => {
    let p = withPolarity(program(), 'lead-1', 2, 'cathode').program;
    p = withFraction(p, 'lead-1', 2, 20).program; // cathodes 3: 80 %, 2: 20 %
    p = cyclePolarity(p, 'lead-1', 2).program; // 2 → anode
    expect(p.contacts.find((c) => c.contactIndex === 3)).toMatchObject({
      polarity: 'cathode',
      fractionPercent: 100,
    });
    expect(p.contacts.filter((c) => c.polarity === 'anode').map((c) => c.fractionPercent)).toEqual([
      50, 50,
    ]);
  });

  it('turning a contact off removes it; one that would leave a single polarity is refused, the case left alone', () => {
    const two = withPolarity(program(), 'lead-1', 2, 'cathode').program;
    const off = withPolarity(two, 'lead-1', 2, 'off');
    expect(off.program.contacts.map((c) => c.contactIndex)).toEqual([3, 4]);
    const edit = cyclePolarity(program(), 'lead-1', 4); // the only anode → off
    expect(edit.refused).toMatch(/Only cathodes would be left.*tick “Case is return/);
    expect(edit.program.caseIsReturn).toBe(false);
    // with the case as the return (ticked by the user) the same click is made, case untouched
    const mono = cyclePolarity({ ...program(), caseIsReturn: true }, 'lead-1', 4);
    expect(mono.refused).toBeUndefined();
    expect(mono.program.contacts.map((c) => c.contactIndex)).toEqual([3]);
    expect(mono.program.caseIsReturn).toBe(true);
  });

  it('two cathodes on two leads left from a three-way split share 50 / 50, not 50.1 / 49.9', () => {
    // the path: a cathode on each lead, then a third contact clicked through cathode to anode
    let p: Program = {
      ...program(),
      contacts: [
        { leadId: 'lead-1', contactIndex: 3, polarity: 'cathode', fractionPercent: 50 },
        { leadId: 'lead-2', contactIndex: 3, polarity: 'cathode', fractionPercent: 50 },
        { leadId: 'lead-1', contactIndex: 4, polarity: 'anode', fractionPercent: 100 },
      ],
    };
    p = cyclePolarity(p, 'lead-2', 4).program; // off → cathode: 33.4 / 33.3 / 33.3
    expect(
      p.contacts.filter((c) => c.polarity === 'cathode').map((c) => c.fractionPercent),
    ).toEqual([33.4, 33.3, 33.3]);
    p = cyclePolarity(p, 'lead-2', 4).program; // cathode → anode
    expect(
      p.contacts.filter((c) => c.polarity === 'cathode').map((c) => c.fractionPercent),
    ).toEqual([50, 50]);
  });

  it('keeps every polarity at 100 % over a long sequence of clicks', () => {
    let p = program();
    const clicks = [0, 1, 2, 1, 5, 6, 6, 7, 3, 4, 0, 2, 2, 5];
    for (const k of clicks) {
      p = cyclePolarity(p, 'lead-1', k).program;
      const s = sums(p);
      for (const pol of ['cathode', 'anode'] as const) {
        if (p.contacts.some((c) => c.polarity === pol)) expect(s[pol]).toBeCloseTo(100, 6);
      }
    }
  });
});

describe('fraction rebalancing', () => {
  it('editing one fraction scales the others of its polarity proportionally to keep 100 %', () => {
    let p = withPolarity(program(), 'lead-1', 2, 'cathode').program;
    p = withPolarity(p, 'lead-1', 5, 'cathode').program; // 33.4 / 33.3 / 33.3
    p = withFraction(p, 'lead-1', 3, 60).program;
    const byIndex = Object.fromEntries(
      p.contacts
        .filter((c) => c.polarity === 'cathode')
        .map((c) => [c.contactIndex, c.fractionPercent]),
    );
    // the other two had 33.3 : 33.3, so they split the remaining 40 % as 20 : 20
    expect(byIndex).toEqual({ 3: 60, 2: 20, 5: 20 });
    // the anode is untouched
    expect(p.contacts.find((c) => c.polarity === 'anode')?.fractionPercent).toBe(100);
  });

  it('keeps unequal proportions among the others', () => {
    let p = withPolarity(program(), 'lead-1', 2, 'cathode').program;
    p = withPolarity(p, 'lead-1', 5, 'cathode').program;
    p = withFraction(p, 'lead-1', 3, 50).program; // 50 / 25 / 25
    p = withFraction(p, 'lead-1', 2, 10).program; // others 50 : 25 share 90 → 60 : 30
    const byIndex = Object.fromEntries(
      p.contacts
        .filter((c) => c.polarity === 'cathode')
        .map((c) => [c.contactIndex, c.fractionPercent]),
    );
    expect(byIndex).toEqual({ 3: 60, 2: 10, 5: 30 });
  });

  it('clamps to 0–100 % and leaves a lone contact at 100 %', () => {
    let p = withPolarity(program(), 'lead-1', 2, 'cathode').program;
    p = withFraction(p, 'lead-1', 2, 140).program;
    expect(
      p.contacts.filter((c) => c.polarity === 'cathode').map((c) => c.fractionPercent),
    ).toEqual([0, 100]);
    const lone = withFraction(program(), 'lead-1', 4, 30);
    expect(lone.program.contacts.find((c) => c.contactIndex === 4)?.fractionPercent).toBe(100);
    expect(lone.notes[0]).toMatch(/only anode carries 100 %/);
  });

  it('equal shares of 100 % in 0.1 % steps sum to exactly 100', () => {
    for (let n = 1; n <= 16; n++) {
      const s = equalShares(n);
      expect(s).toHaveLength(n);
      expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
    }
    expect(equalShares(6)).toEqual([16.7, 16.7, 16.7, 16.7, 16.6, 16.6]);
  });
});

describe('applyProgramEdit through the planner store', () => {
  beforeEach(() => usePlanner.getState().newScenario('SCS'));

  it('refuses an amplitude beyond the generator envelope and keeps the last valid value', () => {
    const out = applyProgramEdit('program.amplitudeMa', (p) => ({ ...p, amplitudeMa: 30 }));
    expect(out.applied).toBe(false);
    if (out.applied) return;
    expect(out.field).toBe('program.amplitudeMa');
    // Generic 16-channel IPG tonic envelope: 0–25.5 mA (models/devices, clinical.md §3.2)
    expect(out.reasons[0]?.message).toBe(
      'Amplitude 30 mA exceeds the 25.5 mA maximum of Generic 16-channel IPG (tonic)',
    );
    expect(out.reasons[0]?.source).toMatch(/clinical\.md §3\.2/);
    expect(usePlanner.getState().scenario.program.amplitudeMa).toBe(3);
  });

  it('applies an amplitude inside the envelope', () => {
    const out = applyProgramEdit('program.amplitudeMa', (p) => ({ ...p, amplitudeMa: 25.5 }));
    expect(out).toEqual({ applied: true, notes: [] });
    expect(usePlanner.getState().scenario.program.amplitudeMa).toBe(25.5);
  });

  it('applies a charge density over 30 µC/cm² (a warning, not a refusal)', () => {
    const out = applyProgramEdit('program.amplitudeMa', (p) => ({
      ...p,
      amplitudeMa: 12,
      pulseWidthUs: 1000,
    }));
    expect(out.applied).toBe(true);
    expect(usePlanner.getState().scenario.program.amplitudeMa).toBe(12);
  });

  it('refuses a schema violation with the field named', () => {
    const out = applyProgramEdit('program.caseIsReturn', (p) => ({
      ...p,
      contacts: p.contacts.filter((c) => c.polarity === 'cathode'),
      caseIsReturn: false,
    }));
    expect(out.applied).toBe(false);
    if (out.applied) return;
    expect(out.reasons[0]?.message).toMatch(
      /needs the case as the return \(program\.caseIsReturn\)/,
    );
    expect(usePlanner.getState().scenario.program.contacts).toHaveLength(2);
  });

  it('refuses a rate at which the pulse no longer fits its period', () => {
    applyProgramEdit('program.pulseWidthUs', (p) => ({ ...p, pulseWidthUs: 1000 }));
    const out = applyProgramEdit('program.rateHz', (p) => ({ ...p, rateHz: 1000 }));
    expect(out.applied).toBe(false);
    if (out.applied) return;
    // 2 × 1000 µs + 20 µs interphase = 2020 µs > 1000 µs period
    expect(out.reasons[0]?.message).toMatch(/2020 µs, longer than the 1000 µs period/);
  });

  it('refuses a PNS charge per phase above the generator hardware limit, saying which limit', () => {
    usePlanner.getState().newScenario('PNS');
    expect(
      applyProgramEdit('program.pulseWidthUs', (p) => ({ ...p, pulseWidthUs: 2000 })).applied,
    ).toBe(true);
    const out = applyProgramEdit('program.amplitudeMa', (p) => ({ ...p, amplitudeMa: 10 }));
    expect(out.applied).toBe(false);
    if (out.applied) return;
    // 10 mA × 2000 µs = 20 µC > 18 µC (Nalu max phase charge, clinical.md §3.2)
    expect(out.reasons.map((r) => r.message)).toContain(
      'Charge per phase 20 µC (10 mA × 2000 µs) exceeds the 18 µC maximum of Generic PNS stimulator (externally powered)',
    );
    // nothing stored changed: the default amplitude stays
    expect(usePlanner.getState().scenario.program.amplitudeMa).toBe(
      defaultScenario('PNS').program.amplitudeMa,
    );
  });

  it('keeps an error the scenario already had from blocking an unrelated edit', () => {
    // a scenario loaded with 30 mA (outside the envelope) can still have its rate changed
    usePlanner.getState().update((s) => ({ ...s, program: { ...s.program, amplitudeMa: 30 } }));
    const out = applyProgramEdit('program.rateHz', (p) => ({ ...p, rateHz: 60 }));
    expect(out.applied).toBe(true);
    expect(usePlanner.getState().scenario.program.rateHz).toBe(60);
  });

  it('a bipole made by clicks is written to the scenario', () => {
    applyProgramEdit('program.contacts', (p) => cyclePolarity(p, 'lead-1', 1)); // off → cathode
    applyProgramEdit('program.contacts', (p) => cyclePolarity(p, 'lead-1', 1)); // → anode
    applyProgramEdit('program.contacts', (p) => cyclePolarity(p, 'lead-1', 4)); // anode → off
    const contacts = usePlanner.getState().scenario.program.contacts;
    expect(contacts).toEqual([
      { leadId: 'lead-1', contactIndex: 3, polarity: 'cathode', fractionPercent: 100 },
      { leadId: 'lead-1', contactIndex: 1, polarity: 'anode', fractionPercent: 100 },
    ]);
  });

  it('regression: editing a paddle program click by click never turns “Case is return” on', () => {
    // issue 19: the case turned itself on after a paddle edit (a click that left one polarity
    // for a moment set it, and nothing set it back)
    const s = usePlanner.getState().scenario;
    usePlanner.getState().setScenario({
      ...s,
      leads: [{ ...s.leads[0]!, catalogId: 'paddle-2x8' }],
    });
    const clicks = [4, 3, 3, 11, 12, 12, 4, 11, 3, 5, 5];
    const refused: string[] = [];
    for (const k of clicks) {
      const out = applyProgramEdit('program.contacts', (p) => cyclePolarity(p, 'lead-1', k));
      if (!out.applied) refused.push(out.reasons.map((r) => r.message).join(' '));
      expect(usePlanner.getState().scenario.program.caseIsReturn).toBe(false);
    }
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toMatch(/tick “Case is return \(monopolar\)” first/);
    // the user ticks it: only then is it on, and a monopole can be made
    expect(
      applyProgramEdit('program.caseIsReturn', (p) => ({ ...p, caseIsReturn: true })).applied,
    ).toBe(true);
    expect(usePlanner.getState().scenario.program.caseIsReturn).toBe(true);
  });
});

describe('generators and waveform families', () => {
  it('lists the generators of a therapy', () => {
    const generic = (t: 'SCS' | 'DRG') => generatorsFor(t).filter((g) => g.vendor === 'Generic');
    expect(generic('SCS').map((g) => g.id)).toEqual([
      'generic-ipg',
      'generic-ipg-32',
      'generic-hf-ipg',
      'generic-ecap-ipg',
      'generic-pns', // Nalu-like: PNS and SCS (models/devices)
    ]);
    expect(generatorsFor('DRG').map((g) => g.id)).toEqual(['generic-drg', 'abbott-proclaim-drg']);
    // named vendor devices follow the generic presets (models/devices/namedGenerators.ts)
    expect(generatorsFor('SCS').map((g) => g.id)).toContain('nevro-senza-hfx');
  });

  it('switching to a generator without the family makes the program tonic', () => {
    const hf = findGenerator('generic-hf-ipg')!;
    const khz = withGenerator(program(), hf).program;
    const k = withWaveformFamily(khz, 'khz').program;
    expect(k).toMatchObject({
      pulseWidthUs: 30,
      rateHz: 10_000,
      waveform: { frequencyHz: 10_000 },
    });
    const back = withGenerator(k, findGenerator('generic-ipg')!);
    expect(back.program.waveform.kind).toBe('tonic');
    // out of 10 kHz the tonic defaults return (WaveWriter 40 Hz, 210 µs; clinical.md §3.1)
    expect(back.program).toMatchObject({ pulseWidthUs: 210, rateHz: 40 });
    expect(back.notes[0]).toMatch(/no 10 kHz \(high frequency\) mode/);
  });

  it('burst takes the BurstDR preset', () => {
    const b = withWaveformFamily(program(), 'burst').program;
    expect(b).toMatchObject({
      rateHz: 40,
      pulseWidthUs: 1000,
      waveform: { kind: 'burst', pulsesPerBurst: 5, intraBurstRateHz: 500, recharge: 'passive' },
    });
  });

  it('multiplexed starts with one group of the active contacts', () => {
    const m = withWaveformFamily(program(), 'multiplexed').program;
    expect(m.waveform).toEqual({
      kind: 'multiplexed',
      groups: [
        {
          contacts: [
            { leadId: 'lead-1', contactIndex: 3 },
            { leadId: 'lead-1', contactIndex: 4 },
          ],
          rateHz: 50,
        },
      ],
    });
  });
});

describe('layout and preview', () => {
  it('lays a ring lead out in one column from the tip', () => {
    const s = scs();
    const lay = leadLayout(s.leads[0]!, 0);
    expect(lay.kind).toBe('rings');
    expect(lay.label).toBe('Lead 1');
    expect(lay.cells.map((c) => c.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('lays the 4-contact DRG lead out as rings', () => {
    const d = defaultScenario('DRG');
    const lay = leadLayout(d.leads[0]!, 0);
    expect(lay.label).toBe('DRG lead');
    expect(lay.kind).toBe('rings');
    expect(lay.contacts).toHaveLength(4);
  });

  it('lays a 5-6-5 paddle out with its outer columns half a row lower', () => {
    const s = scs();
    const lay = leadLayout({ ...s.leads[0]!, catalogId: 'paddle-5-6-5' }, 0);
    expect(lay.kind).toBe('paddle');
    expect(lay.columns).toBe(3);
    expect(lay.contacts).toHaveLength(16);
    const first = (col: number) => lay.cells.find((c) => c.column === col)!;
    expect(first(2).row).toBe(1);
    expect(first(1).row).toBe(2);
    expect(first(1).rowSpan).toBe(2);
  });

  it('samples the default tonic program as 3 mA cathodic-first biphasic pulses', () => {
    const d = previewSeries(program());
    expect(d.windowUs).toBe(40_000); // two periods of 50 Hz
    expect(d.series).toHaveLength(1);
    const y = d.series[0]!.currentMa;
    expect(Math.min(...y)).toBeCloseTo(-3, 9);
    expect(Math.max(...y)).toBeCloseTo(3, 9);
    expect(d.timeMs).toHaveLength(y.length);
    expect(d.description).toMatch(
      /tonic biphasic cathodic first, 3 mA, 210 µs, 50 Hz; 2 pulses in 40 ms/,
    );
  });

  it('draws one series per multiplexed group', () => {
    const m = withWaveformFamily(program(), 'multiplexed').program;
    const two: Program = {
      ...m,
      waveform: {
        kind: 'multiplexed',
        groups: [
          { contacts: [3, 4], rateHz: 50 },
          { contacts: [3, 4], rateHz: 100 },
        ],
      },
    };
    expect(previewSeries(two).series.map((s) => s.label)).toEqual(['Group 1', 'Group 2']);
  });
});
