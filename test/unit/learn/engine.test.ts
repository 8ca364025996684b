import { describe, expect, it } from 'vitest';
import {
  activatingFunctionMv,
  argMax,
  configurationSources,
  nodePositionsMm,
  potentialMv,
  potentialsAlongFibreMv,
} from '../../../src/learn/engine/fieldLine.ts';
import { fitWeiss, weissThresholdMa } from '../../../src/learn/engine/strengthDuration.ts';

const fibre = { xMm: 0, yMm: 0, zMm: 0, axis: 'z' as const };

describe('point sources and the activating function', () => {
  it('gives V = I/(4πσr): 1 mA at 1 mm in 0.2 S/m is 397.9 mV (hand calculation)', () => {
    // 1e-3 A / (4π · 0.2 S/m · 1e-3 m) = 0.3979 V
    expect(potentialMv([{ xMm: 0, yMm: 1, zMm: 0, weight: 1 }], 0.2, 1, 0, 0, 0)).toBeCloseTo(
      397.887,
      2,
    );
  });

  it('superposes: a bipole is zero on the plane midway between its contacts', () => {
    const src = configurationSources('bipole', 7, 3);
    expect(potentialMv(src, 0.2, 2, 0, 0, 3.5)).toBeCloseTo(0, 9);
  });

  it('takes the second difference V[n−1] − 2V[n] + V[n+1] with zero ends', () => {
    expect(Array.from(activatingFunctionMv([1, 4, 9, 16, 25]))).toEqual([0, 2, 2, 2, 0]);
  });

  it('depolarises under a cathode and hyperpolarises under an anode (Rattay 1986)', () => {
    const x = nodePositionsMm(21, 1);
    const cat = activatingFunctionMv(
      potentialsAlongFibreMv([{ xMm: 0, yMm: 1, zMm: 0, weight: -1 }], 0.2, 1, fibre, x),
    );
    const an = activatingFunctionMv(
      potentialsAlongFibreMv([{ xMm: 0, yMm: 1, zMm: 0, weight: 1 }], 0.2, 1, fibre, x),
    );
    expect(argMax(cat).index).toBe(10);
    expect(cat[10]).toBeGreaterThan(0);
    expect(an[10]).toBeLessThan(0);
    expect(an[10]).toBeCloseTo(-(cat[10] as number), 9);
  });

  it('makes the guarded tripole symmetric about its cathode and hyperpolarising under each anode', () => {
    const x = nodePositionsMm(41, 1); // nodes every 1 mm: anodes at ±4 mm fall on nodes 16 and 24
    const f = activatingFunctionMv(
      potentialsAlongFibreMv(configurationSources('tripole', 4, 2), 0.2, 1, fibre, x),
    );
    for (let k = 1; k < 20; k++) expect(f[20 - k]).toBeCloseTo(f[20 + k] as number, 9);
    expect(argMax(f).index).toBe(20);
    expect(f[16]).toBeLessThan(0);
    expect(f[24]).toBeLessThan(0);
  });
});

describe('strength–duration fit', () => {
  it('recovers rheobase and chronaxie exactly from Weiss-law thresholds', () => {
    const b = 0.2;
    const c = 150;
    const pts = [20, 50, 100, 400, 2000].map((d) => ({
      pulseWidthUs: d,
      thresholdMa: b * (1 + c / d),
    }));
    const fit = fitWeiss(pts)!;
    expect(fit.rheobaseMa).toBeCloseTo(0.2, 12);
    expect(fit.chronaxieUs).toBeCloseTo(150, 9);
    expect(fit.r2).toBeCloseTo(1, 12);
    expect(weissThresholdMa(fit, 150)).toBeCloseTo(0.4, 12); // twice the rheobase at the chronaxie
  });

  it('ignores points without a threshold and needs two points', () => {
    expect(fitWeiss([{ pulseWidthUs: 100, thresholdMa: 1 }])).toBeNull();
    expect(
      fitWeiss([
        { pulseWidthUs: 100, thresholdMa: 1 },
        { pulseWidthUs: 200, thresholdMa: NaN },
      ]),
    ).toBeNull();
  });
});
