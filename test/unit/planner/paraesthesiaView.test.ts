/**
 * The Plan's body map and the pinned Result (src/planner/paraesthesiaView.ts): the pain map is
 * the linked case's when it has one, else the plan's dermatomes; a Result summary is pinned only
 * for the scenario whose thresholds the shown estimate holds, read at that scenario's amplitude.
 */
import { describe, expect, it } from 'vitest';
import { fibreDermatomes } from '../../../models/coverage.ts';
import { estimateKey, type RunResult, type ShownEstimate } from '../../../models/estimate/index.ts';
import { atAmplitude } from '../../../src/planner/estimates.ts';
import { newPlan } from '../../../src/planner/store.ts';
import { scenarioFibres } from '../../../src/planner/populations.ts';
import {
  pinnableSummary,
  planPainMap,
  planParaesthesia,
} from '../../../src/planner/paraesthesiaView.ts';

/** A result on the plan's own fibres in which the L5-left dorsal-column fibres fire from 1 mA. */
function l5Result(plan = newPlan('SCS')): RunResult {
  const { resolved, populations } = scenarioFibres(plan);
  const labels = fibreDermatomes(resolved, populations);
  return {
    kind: 'neuromod-result',
    resultVersion: 1,
    scenarioName: plan.name,
    therapy: 'SCS',
    tier: 'full',
    populations: populations.map((p, pi) => ({
      id: p.id,
      name: p.name,
      fibreType: 'DC',
      fibreCount: p.paths.length,
      thresholdsMa: p.paths.map((_, i) => {
        const d = labels[pi]?.[i];
        return p.id === 'dorsal-columns' && d?.root === 'L5' && d.side === 'left' ? 1 : null;
      }),
      activated: [],
      shareActivated: 0,
      amplitudeMa: 0,
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
    provenance: {
      model: '',
      settings: plan.model,
      appVersion: 'test',
      time: '2026-03-02T10:00:00.000Z',
    },
  };
}

const shownFor = (key: string, r: RunResult, amplitudeMa: number): ShownEstimate => {
  const result = atAmplitude(r, amplitudeMa);
  return {
    key,
    result,
    state: 'full',
    tier: 'full',
    byId: new Map(result.populations.map((p) => [p.id, p])),
  };
};

describe('the Plan’s pain map', () => {
  it('is the linked case’s regions and NRS when it has a pain map', () => {
    const p = planPainMap(
      { painMap: [{ root: 'L4', side: 'left' }] },
      { pseudonym: 'Wren-61', painMap: [{ regionId: 'front-shin-left', intensityNrs: 7 }] },
    );
    expect(p).toEqual({
      regions: [{ regionId: 'front-shin-left', intensityNrs: 7 }],
      source: 'case Wren-61',
      from: 'case',
    });
  });
  it('is the plan’s dermatomes without a case, or when the case has no pain map', () => {
    const painMap = [{ root: 'L5' as const, side: 'left' as const }];
    for (const linked of [null, { pseudonym: 'Wren-61', painMap: [] }]) {
      const p = planPainMap({ painMap }, linked);
      expect(p.from).toBe('plan');
      expect(p.source).toBe('plan');
      expect(p.regions.map((r) => r.regionId)).toEqual(['front-shin-left', 'back-heel-left']);
    }
  });
});

describe('the Result pinned with a scenario', () => {
  it('carries the overlap with the case’s pain map, read at the scenario’s amplitude', () => {
    const plan = newPlan('SCS');
    const r = l5Result(plan);
    const pain = planPainMap(plan, {
      pseudonym: 'Wren-61',
      painMap: [{ regionId: 'front-shin-left', intensityNrs: 6 }],
    });
    // the Plan shows 0.5 mA (nothing fires); the scenario pinned is at 3 mA
    const at3 = { ...plan, program: { ...plan.program, amplitudeMa: 3 } };
    const s = pinnableSummary(at3, pain, shownFor(estimateKey(plan), r, 0.5));
    expect(s).not.toBeNull();
    expect(s!.amplitudeMa).toBe(3);
    // shin = L4, L5 on the left; only L5 left fires, all of it → (0 + 1) / 2
    expect(s!.painCoveredPercent).toBe(50);
    expect(s!.offTargetPercent).toBe(0);
    expect(s!.painMapSource).toBe('case Wren-61');
    expect(s!.dermatomes.filter((d) => d.recruited > 0).map((d) => d.root + d.side)).toEqual([
      'L5left',
    ]);
    // the same numbers the Plan's body map draws
    const drawn = planParaesthesia(plan, atAmplitude(r, 3), pain.regions);
    expect(drawn.overlap.painCoveredPercent).toBeCloseTo(50, 10);
    expect(drawn.byRegion.get('front-shin-left')).toBeCloseTo(0.5, 10);
  });
  it('is absent for another plan’s thresholds or a stale estimate', () => {
    const plan = newPlan('SCS');
    const r = l5Result(plan);
    const pain = planPainMap(plan, null);
    const moved = { ...plan, program: { ...plan.program, pulseWidthUs: 400 } };
    expect(pinnableSummary(moved, pain, shownFor(estimateKey(plan), r, 3))).toBeNull();
    expect(
      pinnableSummary(plan, pain, { ...shownFor(estimateKey(plan), r, 3), state: 'stale' }),
    ).toBeNull();
    expect(pinnableSummary(plan, pain, null)).toBeNull();
  });
});
