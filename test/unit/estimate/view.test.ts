import { describe, expect, it } from 'vitest';
import {
  estimateKey,
  mergeShards,
  runScenario,
  sameActivation,
  safetyState,
  shownEstimate,
  shownLabel,
} from '../../../models/estimate/index.ts';
import { LeadFieldLru } from '../../../models/field/cache.ts';
import type { Scenario } from '../../../models/scenario.ts';
import { newPlan } from '../../../src/planner/store.ts';

function small(): Scenario {
  const s = newPlan('SCS');
  return { ...s, model: { ...s.model, fibresPerPopulation: 12 } };
}

describe('the estimate path and its one derived view', () => {
  const cache = new LeadFieldLru(1e9);
  const s = small();
  const whole = runScenario(s, { tier: 'full', cache });
  const shards = [0, 1].map((index) =>
    runScenario(s, { tier: 'full', cache, shard: { index, count: 2 } }),
  );

  // each shard seeds its searches from its own fibres, so a threshold may land elsewhere in its
  // 1 % search bracket than in one whole run
  it('full-tier shards merge to the thresholds of one whole run within the 1 % bracket', () => {
    // each shard marks what it has not solved; a shard alone is partial
    expect(mergeShards([shards[0]!]).progress?.doneFibres).toBeLessThan(
      mergeShards([shards[0]!]).progress!.totalFibres,
    );
    const merged = mergeShards(shards);
    expect(merged.progress).toBeUndefined();
    merged.populations.forEach((p, pi) => {
      expect(p.id).toBe(whole.populations[pi]!.id);
      expect(p.pending).toBeUndefined();
      p.thresholdsMa.forEach((t, i) => {
        const w = whole.populations[pi]!.thresholdsMa[i]!;
        expect(t === null).toBe(w === null);
        if (t !== null) expect(Math.abs(t / w - 1)).toBeLessThan(0.0101);
      });
    });
  });

  it('partial results come with instant stand-ins and a count of the fibres done', () => {
    const partials: number[] = [];
    runScenario(s, {
      tier: 'full',
      cache,
      partialEveryMs: 0,
      onPartial: (r) => partials.push(r.progress!.doneFibres),
    });
    expect(partials.length).toBeGreaterThan(3);
    expect(partials).toEqual([...partials].sort((a, b) => a - b));
    expect(partials.at(-1)).toBeLessThanOrEqual(36);
  });

  it('shows the full result for this plan, else the instant one, else an earlier one marked stale', () => {
    const instant = runScenario(s, { tier: 'instant', cache });
    const key = estimateKey(s);
    const tier = (result: typeof whole | null, resultFor: string | null, running = false) => ({
      result,
      resultFor,
      running,
    });
    expect(shownEstimate(s, tier(instant, key), tier(whole, key))?.state).toBe('full');
    expect(shownEstimate(s, tier(instant, key), tier(null, null, true))?.state).toBe('instant');
    const moved: Scenario = { ...s, program: { ...s.program, pulseWidthUs: 400 } };
    const stale = shownEstimate(moved, tier(instant, key), tier(whole, key));
    expect(stale?.state).toBe('stale');
    expect(shownLabel(stale, tier(instant, key, true), tier(whole, key))).toMatch(/out of date/);
    // an amplitude change needs no run: the same result read at the new amplitude
    const louder: Scenario = { ...s, program: { ...s.program, amplitudeMa: 20 } };
    const v = shownEstimate(louder, tier(instant, key), tier(whole, key))!;
    expect(v.state).toBe('full');
    const dc = v.byId.get('dorsal-columns')!;
    dc.thresholdsMa.forEach((t, i) => expect(dc.activated[i]).toBe(t !== null && t <= 20));
  });

  it('flags a program over the generator envelope and above modelled discomfort', () => {
    const loud: Scenario = { ...s, program: { ...s.program, amplitudeMa: 30 } };
    const lines = safetyState(loud, whole);
    expect(lines.map((l) => l.code)).toContain('above-modelled-discomfort');
    expect(lines.some((l) => l.severity === 'error')).toBe(true);
    expect(safetyState(s, whole).filter((l) => l.severity === 'error')).toEqual([]);
  });
});

describe('sameActivation (the scene redraws only when a fibre changes)', () => {
  it('is true for equal readings in new arrays, false for one fibre changed, a population added or estimated', () => {
    const a = [[true, false, true], undefined, [false]];
    expect(sameActivation(a, [[true, false, true], undefined, [false]])).toBe(true);
    expect(sameActivation(a, a)).toBe(true);
    expect(sameActivation(a, [[true, false, false], undefined, [false]])).toBe(false);
    expect(sameActivation(a, [[true, false, true], [true], [false]])).toBe(false);
    expect(sameActivation(a, [[true, false, true], undefined])).toBe(false);
    expect(sameActivation(a, [[true, false, true], undefined, [false, false]])).toBe(false);
  });
});
