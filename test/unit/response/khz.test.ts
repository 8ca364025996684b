/** kHz samples as the PyFibers block test builds them (scipy square: +1 first half-period, here negated: cathodic first). */
import { describe, expect, it } from 'vitest';
import { khzSamples } from '../../../models/response/khz.ts';

describe('kHz waveform samples', () => {
  it('20 kHz square at 0.5 µs: 50 cathodic then 50 anodic samples per 50 µs period', () => {
    const s = khzSamples('khz-square', 20000, 0.5, 0.2);
    expect(s.length).toBe(400);
    expect(Array.from(s.subarray(0, 50)).every((v) => v === -1)).toBe(true);
    expect(Array.from(s.subarray(50, 100)).every((v) => v === 1)).toBe(true);
    expect(s[100]).toBe(-1);
    expect(s.reduce((a, v) => a + v, 0)).toBe(0);
  });

  it('10 kHz sine: zero mean over whole periods, cathodic first quarter', () => {
    const s = khzSamples('khz-sine', 10000, 1, 1);
    expect(s.length).toBe(1000);
    expect(Math.abs(s.reduce((a, v) => a + v, 0))).toBeLessThan(1e-9);
    expect(s[25]).toBeCloseTo(-1, 12);
  });

  it('rejects a non-positive frequency', () => {
    expect(() => khzSamples('khz-square', 0, 1, 1)).toThrow(RangeError);
  });
});
