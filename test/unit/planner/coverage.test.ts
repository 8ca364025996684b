import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  comfortMarkers,
  dermatomesReached,
  painCoverage,
  recruitmentCurve,
} from '../../../models/coverage.ts';
import type { RunResult } from '../../../models/estimate/index.ts';
import { newPlan } from '../../../src/planner/store.ts';
import { scenarioFibres } from '../../../src/planner/populations.ts';
import { atAmplitude, estimateKey } from '../../../src/planner/estimates.ts';

function fakeResult(
  populations: { name: string; thresholdsMa: (number | null)[]; sideEffect?: 'motor' }[],
  amp = 3,
): RunResult {
  return atAmplitude(
    {
      kind: 'neuromod-result',
      resultVersion: 1,
      scenarioName: 't',
      therapy: 'SCS',
      tier: 'instant',
      populations: populations.map((p) => ({
        ...p,
        id: p.name,
        fibreType: 'x',
        fibreCount: p.thresholdsMa.length,
        activated: [],
        shareActivated: 0,
        amplitudeMa: amp,
      })),
      field: {
        solver: '',
        gridNodes: 0,
        wavenumbers: 0,
        contacts: 0,
        elapsedMs: 0,
        cacheKey: '',
        fromCache: false,
      },
      notes: [],
      provenance: { model: '', settings: newPlan('SCS').model, appVersion: '', time: '' },
    },
    amp,
  );
}

describe('recruitment and coverage', () => {
  it('a recruitment curve never falls as the amplitude rises', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ min: 0, max: 30, noNaN: true }), { nil: null }), {
          maxLength: 200,
        }),
        (thresholds) => {
          const amps = Array.from({ length: 50 }, (_, i) => i * 0.6);
          const curve = recruitmentCurve(thresholds, amps);
          for (let i = 1; i < curve.length; i++)
            expect(curve[i]!).toBeGreaterThanOrEqual(curve[i - 1]!);
          expect(curve.every((v) => v >= 0 && v <= 1)).toBe(true);
        },
      ),
    );
  });

  it('counts a fibre as recruited exactly when its threshold is at or below the amplitude', () => {
    expect(recruitmentCurve([1, 2, null, 4], [0.5, 1, 3, 10])).toEqual([0, 0.25, 0.5, 0.75]);
    const r = fakeResult([{ name: 'dorsal columns', thresholdsMa: [1, 2, null, 4] }], 2);
    expect(r.populations[0]!.activated).toEqual([true, true, false, false]);
    expect(r.populations[0]!.shareActivated).toBe(0.5);
  });

  it('changing the amplitude, the rate or the delivery schedule keeps the estimate key; the pulse width changes it', () => {
    const s = newPlan('SCS');
    const k = estimateKey(s);
    expect(estimateKey({ ...s, program: { ...s.program, amplitudeMa: 7, rateHz: 1000 } })).toBe(k);
    expect(
      estimateKey({
        ...s,
        program: { ...s.program, schedule: { cycling: { onS: 30, offS: 90 } } },
      }),
    ).toBe(k);
    expect(estimateKey({ ...s, program: { ...s.program, pulseWidthUs: 400 } })).not.toBe(k);
  });

  it('perception at the first fibre, discomfort at 10 % of the dorsal-root fibres', () => {
    const roots = Array.from({ length: 20 }, (_, i) => 2 + i * 0.1); // 2.0 … 3.9 mA
    const r = fakeResult([
      { name: 'dorsal columns', thresholdsMa: [1.5, 5, null] },
      { name: 'dorsal roots (left)', thresholdsMa: roots },
    ]);
    expect(comfortMarkers(r)).toEqual({ perceptionMa: 1.5, discomfortMa: 2.1 });
  });

  it('takes perception from target fibres only: motor side-effect fibres firing first do not count', () => {
    const r = fakeResult([
      { name: 'sensory fibres', thresholdsMa: [12, null] },
      { name: 'motor fibres', thresholdsMa: [3.6, 4], sideEffect: 'motor' },
    ]);
    expect(comfortMarkers(r).perceptionMa).toBe(12);
    // with the motor population a target, its first fibre would be taken
    const t = fakeResult([
      { name: 'sensory fibres', thresholdsMa: [12, null] },
      { name: 'motor fibres', thresholdsMa: [3.6, 4] },
    ]);
    expect(comfortMarkers(t).perceptionMa).toBe(3.6);
  });

  it('maps recruited dorsal-root fibres to their own root, and coverage compares with the pain map', () => {
    const s = newPlan('SCS');
    const f = scenarioFibres(s);
    const names = f.populations.map((p) => p.name);
    const r = fakeResult(
      f.populations.map((p) => ({
        name: p.name,
        // recruit every left dorsal-root fibre, nothing else
        thresholdsMa: p.paths.map(() => (p.name === 'dorsal roots (left)' ? 1 : null)),
      })),
    );
    const hits = dermatomesReached(s, f.resolved, r, f.populations);
    expect(names).toContain('dorsal roots (left)');
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.side === 'left')).toBe(true);
    // a T8 vertebral lead sits over cord segments about two levels lower (anatomy.md §1.8)
    expect(hits.map((h) => h.root).some((root) => ['T9', 'T10', 'T11'].includes(root))).toBe(true);
    const cov = painCoverage(hits, [
      { root: hits[0]!.root, side: 'left' },
      { root: 'S1', side: 'right' },
    ]);
    expect(cov.fraction).toBe(0.5);
    expect(cov.missed).toEqual([{ root: 'S1', side: 'right' }]);
  });

  it('dorsal-column fibres map medial → sacral and lateral → the local segment', () => {
    const s = newPlan('SCS');
    const f = scenarioFibres(s);
    const dc = f.populations.find((p) => p.name === 'dorsal columns')!;
    const xs = dc.paths.map((p) => Math.abs(p.pathMm[0]!));
    const medial = xs.indexOf(Math.min(...xs));
    const lateral = xs.indexOf(Math.max(...xs));
    const only = (i: number) =>
      fakeResult(
        f.populations.map((p) => ({
          name: p.name,
          thresholdsMa: p.paths.map((_, j) => (p.name === 'dorsal columns' && j === i ? 1 : null)),
        })),
      );
    const m = dermatomesReached(s, f.resolved, only(medial), f.populations);
    const l = dermatomesReached(s, f.resolved, only(lateral), f.populations);
    expect(m.map((h) => h.root)).toEqual(['S2']);
    expect(['T9', 'T10', 'T11']).toContain(l[0]!.root);
  });
});
