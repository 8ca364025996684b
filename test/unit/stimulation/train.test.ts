import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildPulseTrain,
  chargeDose,
  sampleAllGroups,
  sampleWaveform,
  trainCharge,
  type GroupTrain,
} from '../../../models/stimulation/index.ts';
import { scsProgram } from './helpers.ts';

const stimuli = (g: GroupTrain | undefined) =>
  (g?.phases ?? []).filter((p) => p.kind === 'stimulus');

/** Lengths of the runs of samples with the given sign. */
function runs(samples: Float64Array, sign: -1 | 1): number[] {
  const out: number[] = [];
  let n = 0;
  for (const v of samples) {
    if (Math.sign(v) === sign) n++;
    else if (n > 0) {
      out.push(n);
      n = 0;
    }
  }
  if (n > 0) out.push(n);
  return out;
}

describe('pulse trains', () => {
  it('tonic biphasic: cathodic 210 µs, 20 µs interphase, anodic 210 µs, every 20 ms at 50 Hz', () => {
    const train = buildPulseTrain(scsProgram(), { windowUs: 100_000 });
    const g = train.groups[0];
    expect(g?.pulseCount).toBe(5);
    expect(g?.phases.slice(0, 2)).toEqual([
      { startUs: 0, durationUs: 210, amplitudeFraction: 1, polarity: 'cathodic', kind: 'stimulus' },
      { startUs: 230, durationUs: 210, amplitudeFraction: 1, polarity: 'anodic', kind: 'recharge' },
    ]);
    expect(stimuli(g).map((p) => p.startUs)).toEqual([0, 20_000, 40_000, 60_000, 80_000]);
    expect(g?.contacts.map((c) => [c.contactIndex, c.polarity])).toEqual([
      [3, 'cathode'],
      [4, 'anode'],
    ]);
  });

  it('tonic monophasic: a passive recharge returns the charge over 8 × PW', () => {
    const train = buildPulseTrain(
      scsProgram({ waveform: { kind: 'tonic', shape: 'mono-cathodic' } }),
      { windowUs: 20_000 },
    );
    const [stim, recharge] = train.groups[0]?.phases ?? [];
    expect(recharge).toEqual({
      startUs: 210,
      durationUs: 1680,
      amplitudeFraction: 0.125,
      polarity: 'anodic',
      kind: 'passive-recharge',
    });
    expect(stim?.polarity).toBe('cathodic');
    expect(trainCharge(train).netChargeUc).toBeCloseTo(0, 12);
  });

  it('burst: 5 × 1 ms pulses at 500 Hz in 40 Hz bursts, one passive recharge per burst', () => {
    const program = scsProgram({
      amplitudeMa: 0.5,
      pulseWidthUs: 1000,
      rateHz: 40,
      waveform: { kind: 'burst', pulsesPerBurst: 5, intraBurstRateHz: 500 },
    });
    const train = buildPulseTrain(program, { windowUs: 1_000_000 });
    const g = train.groups[0];
    expect(
      stimuli(g)
        .slice(0, 6)
        .map((p) => p.startUs),
    ).toEqual([0, 2000, 4000, 6000, 8000, 25_000]);
    expect(g?.pulseCount).toBe(200);
    const recharges = g?.phases.filter((p) => p.kind === 'passive-recharge') ?? [];
    expect(recharges).toHaveLength(40);
    // burst ends at 9 ms; gap to the next burst 16 ms; 5 × 1 ms of charge over 16 ms → 0.3125
    expect(recharges[0]).toMatchObject({
      startUs: 9000,
      durationUs: 16_000,
      amplitudeFraction: 0.3125,
    });
    // 200 pulses × 0.5 µC = 100 µC in one second, as the dose says
    const q = trainCharge(train);
    expect(q.stimulusChargeUc).toBeCloseTo(100, 9);
    expect(q.stimulusChargeUc).toBeCloseTo(chargeDose(program).chargePerSecondUc, 9);
    expect(q.netChargeUc).toBeCloseTo(0, 9);
  });

  it('10 kHz biphasic 30 µs: cathodic then anodic with no gap, 60 % of every 100 µs', () => {
    const program = scsProgram({
      pulseWidthUs: 30,
      rateHz: 10_000,
      waveform: { kind: 'khz', frequencyHz: 10_000 },
    });
    const train = buildPulseTrain(program, { windowUs: 1000 });
    expect(train.groups[0]?.pulseCount).toBe(10);
    expect(train.groups[0]?.phases.slice(0, 3).map((p) => [p.startUs, p.polarity])).toEqual([
      [0, 'cathodic'],
      [30, 'anodic'],
      [100, 'cathodic'],
    ]);
    const s = sampleWaveform(train, 1, 1000);
    expect(s.filter((v) => v !== 0).length).toBe(600);
    expect(runs(s, -1)).toEqual(Array(10).fill(30));
  });

  it('multiplexed: each group fires in turn, group 2 half a fast period after group 1', () => {
    const program = scsProgram({
      pulseWidthUs: 200,
      contacts: [
        { leadId: 'lead-1', contactIndex: 2, polarity: 'cathode', fractionPercent: 50 },
        { leadId: 'lead-1', contactIndex: 5, polarity: 'cathode', fractionPercent: 50 },
        { leadId: 'lead-1', contactIndex: 3, polarity: 'anode', fractionPercent: 50 },
        { leadId: 'lead-1', contactIndex: 4, polarity: 'anode', fractionPercent: 50 },
      ],
      waveform: {
        kind: 'multiplexed',
        groups: [
          { contacts: [2, 3], rateHz: 50 },
          { contacts: [4, 5], rateHz: 100 },
        ],
      },
    });
    const train = buildPulseTrain(program, { windowUs: 40_000 });
    const [g1, g2] = train.groups;
    expect(stimuli(g1).map((p) => p.startUs)).toEqual([0, 20_000]);
    // fastest period 10 ms, 2 groups → offset 5 ms
    expect(stimuli(g2).map((p) => p.startUs)).toEqual([5000, 15_000, 25_000, 35_000]);
    // within a group each polarity is renormalised to 100 %
    expect(g1?.contacts.map((c) => [c.contactIndex, c.polarity, c.share])).toEqual([
      [2, 'cathode', 1],
      [3, 'anode', 1],
    ]);
    const [s1, s2] = sampleAllGroups(train, 10, 40_000);
    expect(runs(s1 ?? new Float64Array(), -1)).toEqual([20, 20]);
    expect(runs(s2 ?? new Float64Array(), -1)).toEqual([20, 20, 20, 20]);
  });

  it('cycling and pulse dosing drop the pulses that start in an off period', () => {
    const program = scsProgram({
      pulseWidthUs: 30,
      rateHz: 10_000,
      waveform: { kind: 'khz', frequencyHz: 10_000 },
    });
    // dosing 1 ms on / 1 ms off over 10 ms: 5 on-periods × 10 pulses
    const dosed = buildPulseTrain(program, {
      windowUs: 10_000,
      schedule: { dosing: { onMs: 1, offMs: 1 } },
    });
    expect(dosed.groups[0]?.pulseCount).toBe(50);
    expect(stimuli(dosed.groups[0]).every((p) => Math.floor(p.startUs / 1000) % 2 === 0)).toBe(
      true,
    );
    // cycling 1 s on / 1 s off of the 50 Hz tonic program over 4 s: 2 × 50 pulses
    const cycled = buildPulseTrain(scsProgram(), {
      windowUs: 4e6,
      schedule: { cycling: { onS: 1, offS: 1 } },
    });
    expect(cycled.groups[0]?.pulseCount).toBe(100);
  });

  it('scales each pulse by pulseAmplitude (e.g. a closed-loop controller)', () => {
    const program = scsProgram({
      waveform: { kind: 'closed-loop', targetEcapUv: 50, updateRateHz: 50 },
    });
    const train = buildPulseTrain(program, {
      windowUs: 60_000,
      pulseAmplitude: (n) => 1 - 0.25 * n,
    });
    expect(stimuli(train.groups[0]).map((p) => p.amplitudeFraction)).toEqual([1, 0.75, 0.5]);
    const s = sampleWaveform(train, 5, 60_000);
    expect(s[0]).toBe(-1);
    expect(s[4000]).toBe(-0.75); // 20 ms / 5 µs
  });
});

describe('sampleWaveform', () => {
  it('gives round(duration/dt) samples and pulses round(PW/dt) samples wide', () => {
    const train = buildPulseTrain(scsProgram(), { windowUs: 100_000 });
    const s = sampleWaveform(train, 7, 100_000);
    expect(s.length).toBe(Math.round(100_000 / 7));
    expect(runs(s, -1)).toEqual(Array(5).fill(30)); // round(210 / 7) = 30
    expect(runs(s, 1)).toEqual(Array(5).fill(30));
    expect(Math.min(...s)).toBe(-1);
  });

  it('keeps the first pulse round(PW/dt) samples wide for any PW and dt', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 1000 }),
        fc.double({ min: 0.5, max: 50, noNaN: true }),
        (pw, dt) => {
          const program = scsProgram({
            pulseWidthUs: pw,
            rateHz: 10,
            waveform: { kind: 'tonic', shape: 'biphasic-cathodic-first', interphaseUs: 100 },
          });
          const s = sampleWaveform(buildPulseTrain(program, { windowUs: 5000 }), dt, 5000);
          expect(runs(s, -1)[0]).toBe(Math.max(1, Math.round(pw / dt)));
        },
      ),
    );
  });

  it('balances charge: every paradigm nets zero charge over whole periods', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        fc.integer({ min: 20, max: 400 }),
        fc.integer({ min: 2, max: 100 }),
        fc.constantFrom('biphasic-cathodic-first', 'mono-cathodic', 'mono-anodic'),
        (amplitudeMa, pw, rateHz, shape) => {
          const program = scsProgram({
            amplitudeMa,
            pulseWidthUs: pw,
            rateHz,
            waveform: { kind: 'tonic', shape, interphaseUs: 20 },
          });
          const train = buildPulseTrain(program, { windowUs: 1e6 });
          const q = trainCharge(train);
          expect(q.netChargeUc).toBeCloseTo(0, 6);
          // the stimulus charge in one second is the dose per second
          expect(q.stimulusChargeUc).toBeCloseTo(chargeDose(program).chargePerSecondUc, 6);
        },
      ),
    );
  });

  it('refuses a non-positive time step', () => {
    const train = buildPulseTrain(scsProgram(), { windowUs: 1000 });
    expect(() => sampleWaveform(train, 0, 1000)).toThrow(RangeError);
  });
});
