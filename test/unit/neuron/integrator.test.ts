import { describe, expect, it } from 'vitest';
import { CableIntegrator } from '../../../models/neuron/cable.ts';
import { buildNetwork, type SectionSpec } from '../../../models/neuron/sections.ts';
import { initiationNodes, isEndExcitation } from '../../../models/neuron/simulate.ts';
import { sampleWaveform } from '../../../models/neuron/waveform.ts';

function passiveCable(n: number, outer: boolean): SectionSpec[] {
  return Array.from({ length: n }, () => ({
    kind: 'x',
    lengthUm: 10,
    diamUm: 1,
    raOhmCm: 100,
    cmUfPerCm2: 1,
    gPasSPerCm2: 1e-3,
    ePasMv: -70,
    xraxialMOhmPerCm: outer ? 50 : 1e9,
    xgSPerCm2: outer ? 0.01 : 1e10,
    xcUfPerCm2: outer ? 0.01 : 0,
  }));
}

describe('cable integrator', () => {
  it('keeps a passive cable at rest when Ve = 0', () => {
    const it1 = new CableIntegrator(buildNetwork(passiveCable(20, true)), []);
    it1.initialize(-70);
    const zero = new Float64Array(20);
    for (let i = 0; i < 100; i++) it1.step(0.005, zero, 0);
    for (const v of it1.vm) expect(v).toBeCloseTo(-70, 9);
  });

  it('relaxes a single compartment with τ = Rm·Cm (backward Euler converges as dt → 0)', () => {
    // τ = cm/g = 1 µF/cm² / 1 mS/cm² = 1 ms; after 1 ms a step of 10 mV decays to 10/e
    const net = buildNetwork(passiveCable(1, false));
    const it1 = new CableIntegrator(net, []);
    it1.initialize(-60);
    const zero = new Float64Array(1);
    const dt = 0.0001;
    for (let i = 0; i < 10000; i++) it1.step(dt, zero, 0);
    expect((it1.vm[0] as number) + 70).toBeCloseTo(10 / Math.E, 3);
  });

  it('a uniform Ve shift does not polarise a single-cable fibre', () => {
    const it1 = new CableIntegrator(buildNetwork(passiveCable(10, false)), []);
    it1.initialize(-70);
    const ve = new Float64Array(10).fill(1);
    for (let i = 0; i < 50; i++) it1.step(0.005, ve, 25);
    for (const v of it1.vm) expect(v).toBeCloseTo(-70, 9);
  });

  it('a double cable conserves charge: symmetric drive gives a symmetric response', () => {
    const n = 21;
    const it1 = new CableIntegrator(buildNetwork(passiveCable(n, true)), []);
    it1.initialize(-70);
    const ve = Float64Array.from({ length: n }, (_, k) => 1 / (1 + Math.abs(k - 10)));
    for (let i = 0; i < 40; i++) it1.step(0.005, ve, -50);
    for (let k = 0; k < 10; k++) {
      expect(it1.vm[k] as number).toBeCloseTo(it1.vm[n - 1 - k] as number, 9);
    }
    // cathodic drive depolarises under the source
    expect(it1.vm[10] as number).toBeGreaterThan(-70);
  });
});

describe('waveforms', () => {
  it('covers exactly round(pw/dt) steps per phase (issue 3 convention)', () => {
    expect(sampleWaveform({ kind: 'mono-cathodic', pulseWidthUs: 210 }, 5).length).toBe(42);
    expect(sampleWaveform({ kind: 'mono-cathodic', pulseWidthUs: 212 }, 5).length).toBe(42);
    const bi = sampleWaveform(
      { kind: 'biphasic-cathodic-first', pulseWidthUs: 200, interphaseUs: 50 },
      5,
    );
    expect(bi.length).toBe(90);
    expect(bi[0]).toBe(-1);
    expect(bi[39]).toBe(-1);
    expect(bi[40]).toBe(0);
    expect(bi[49]).toBe(0);
    expect(bi[50]).toBe(1);
    expect(sampleWaveform({ kind: 'mono-anodic', pulseWidthUs: 10 }, 5)).toEqual(
      new Float64Array([1, 1]),
    );
  });

  it('resamples an arbitrary waveform onto the step', () => {
    const s = sampleWaveform({ kind: 'sampled', sampleDtUs: 10, samples: [-1, 0.5] }, 5);
    expect(Array.from(s)).toEqual([-1, -1, 0.5, 0.5]);
  });
});

describe('initiation sites', () => {
  it('finds the earliest node and treats equal-time runs as one trough (PyFibers plateaus)', () => {
    const t = new Float64Array([3, 2, 1, 1, 2, 3, NaN]);
    expect(initiationNodes(t)).toEqual([2, 3]);
    expect(initiationNodes(new Float64Array([NaN, 1, 2, 3, 4]))).toEqual([1]);
    expect(isEndExcitation([1], 5, 1)).toBe(true);
    expect(isEndExcitation([2], 5, 1)).toBe(false);
    expect(isEndExcitation([0], 5, 0)).toBe(true);
  });
});
