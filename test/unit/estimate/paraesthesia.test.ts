/**
 * The modelled paraesthesia on the body (models/estimate/paraesthesia.ts): each dermatome
 * weighted by the share of its Aβ fibres that fire, spread over the body-chart regions and set
 * against a pain map. Expected numbers are worked by hand from the rules in the file's header.
 */
import { describe, expect, it } from 'vitest';
import { fibreDermatomes, painCoverage, type PainDermatome } from '../../../models/coverage.ts';
import {
  DERMATOME_PAIN_NRS,
  dermatomeShares,
  painRegionsFromDermatomes,
  paraesthesiaOverlap,
  regionDermatomes,
  regionParaesthesia,
  ResultSummarySchema,
  summariseResult,
  summaryDermatomeText,
  type RunResult,
  type ShownEstimate,
} from '../../../models/estimate/index.ts';
import { newPlan } from '../../../src/planner/store.ts';
import { scenarioFibres } from '../../../src/planner/populations.ts';
import { atAmplitude } from '../../../src/planner/estimates.ts';

const L = (root: string): PainDermatome => ({ root, side: 'left' }) as PainDermatome;
const R = (root: string): PainDermatome => ({ root, side: 'right' }) as PainDermatome;

/** A result whose fibres fire (threshold 1 mA) or not (null), read at 3 mA. */
function result(pops: { id: string; fire: boolean[]; sideEffect?: 'motor' }[]): RunResult {
  return atAmplitude(
    {
      kind: 'neuromod-result',
      resultVersion: 1,
      scenarioName: 't',
      therapy: 'SCS',
      tier: 'instant',
      populations: pops.map((p) => ({
        id: p.id,
        name: p.id,
        ...(p.sideEffect ? { sideEffect: p.sideEffect } : {}),
        fibreType: 'DC',
        fibreCount: p.fire.length,
        thresholdsMa: p.fire.map((f) => (f ? 1 : null)),
        activated: [],
        shareActivated: 0,
        amplitudeMa: 3,
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
        settings: newPlan('SCS').model,
        appVersion: 'test',
        time: '2026-03-02T10:00:00.000Z',
      },
    },
    3,
  );
}

// Dorsal columns: L4 L 1 of 4 fibres… as below; the other populations must not count.
const DC_LABELS = [
  ...[L('L4'), L('L4'), L('L4'), L('L4')], // 2 of 4 fire → 0.5
  ...Array.from({ length: 10 }, () => L('L5')), // 1 of 10 fires → 0.1
  ...Array.from({ length: 5 }, () => L('S1')), // none of 5 → 0
  R('T10'), // 1 of 1 → 1
];
const DC_FIRE = [
  true,
  false,
  true,
  false,
  true,
  ...Array.from({ length: 9 }, () => false),
  ...Array.from({ length: 5 }, () => false),
  true,
];
const sample = () => {
  const r = result([
    { id: 'dorsal-columns', fire: DC_FIRE },
    // DRG Aδ neurons are not paraesthesia fibres: all fire, none count
    { id: 'drg-adelta', fire: [true, true, true] },
    // a motor side effect never counts
    { id: 'drg-ventral-root', fire: [true, true], sideEffect: 'motor' },
  ]);
  const labels = [DC_LABELS, [L('S1'), L('S1'), L('S1')], [L('L5'), L('L5')]];
  return { r, labels };
};

describe('dermatomes weighted by the share of their fibres recruited', () => {
  it('counts each dermatome as recruited / fibres over the Aβ sensory populations only', () => {
    const { r, labels } = sample();
    expect(dermatomeShares(r, labels)).toEqual([
      { root: 'T10', side: 'right', fibres: 1, recruited: 1, share: 1 },
      { root: 'L4', side: 'left', fibres: 4, recruited: 2, share: 0.5 },
      { root: 'L5', side: 'left', fibres: 10, recruited: 1, share: 0.1 },
      { root: 'S1', side: 'left', fibres: 5, recruited: 0, share: 0 },
    ]);
  });
  it('one firing fibre of ten is 10 % of a dermatome, where the one-fibre rule calls it covered', () => {
    const { r, labels } = sample();
    const shares = dermatomeShares(r, labels);
    const l5 = shares.find((s) => s.root === 'L5')!;
    expect(l5.share).toBeCloseTo(0.1, 12);
    // the one-fibre rule (coverage.ts painCoverage) reports L5 left as fully covered
    const oneFibre = painCoverage(
      shares.map((s) => ({ root: s.root, side: s.side, fibres: s.recruited })),
      [L('L5')],
    );
    expect(oneFibre.fraction).toBe(1);
  });
  it('gives a region the mean share of its dermatomes on its side (both sides at the midline)', () => {
    const { r, labels } = sample();
    const byRegion = regionParaesthesia(dermatomeShares(r, labels));
    // shin: L4, L5 → (0.5 + 0.1) / 2
    expect(byRegion.get('front-shin-left')).toBeCloseTo(0.3, 12);
    // the right shin has no firing fibre
    expect(byRegion.get('front-shin-right')).toBe(0);
    // heel and sole: S1, L5 → (0 + 0.1) / 2
    expect(byRegion.get('back-heel-left')).toBeCloseTo(0.05, 12);
    // low back: L1–L5 on both sides, 10 pairs; L4 L 0.5 and L5 L 0.1 → 0.06
    expect(byRegion.get('back-low-back')).toBeCloseTo(0.06, 12);
    // abdomen: T7–T11 both sides, 10 pairs; T10 R 1 → 0.1
    expect(byRegion.get('front-abdomen')).toBeCloseTo(0.1, 12);
  });
  it('covers the pain map by Σ w·p / Σ w with w = max(NRS, 1), and reports off-target fibres', () => {
    const { r, labels } = sample();
    const o = paraesthesiaOverlap(
      [
        { regionId: 'front-shin-left', intensityNrs: 8 },
        { regionId: 'back-heel-left', intensityNrs: 2 },
      ],
      dermatomeShares(r, labels),
    );
    // (8 × 0.3 + 2 × 0.05) / 10 = 0.25
    expect(o.painCoveredPercent).toBeCloseTo(25, 10);
    // 4 paraesthesia fibres fire; T10 right (1) lies outside the pain map's L4, L5, S1 left
    expect(o.recruitedFibres).toBe(4);
    expect(o.offTargetPercent).toBeCloseTo(25, 10);
    expect(o.offTargetDermatomes.map((d) => `${d.root} ${d.side}`)).toEqual(['T10 right']);
    // an NRS 0 region still weighs 1
    const zero = paraesthesiaOverlap(
      [
        { regionId: 'front-shin-left', intensityNrs: 0 },
        { regionId: 'back-heel-left', intensityNrs: 1 },
      ],
      dermatomeShares(r, labels),
    );
    expect(zero.painCoveredPercent).toBeCloseTo(17.5, 10);
  });
  it('has no coverage without a pain map and no off-target share when nothing fires', () => {
    const none = paraesthesiaOverlap([], []);
    expect(none.painCoveredPercent).toBeNull();
    expect(none.offTargetPercent).toBeNull();
  });
  it('turns body regions into dermatomes by side (L4–S1 left from shin, foot and heel)', () => {
    expect(regionDermatomes(['front-shin-left', 'front-foot-left', 'back-heel-left'])).toEqual([
      L('L4'),
      L('L5'),
      L('S1'),
    ]);
    expect(regionDermatomes(['front-groin'])).toEqual([L('T12'), R('T12'), L('L1'), R('L1')]);
    expect(regionDermatomes(['no-such-region'])).toEqual([]);
  });
});

describe('a pain map given as dermatomes (the plan’s own target) on the body chart', () => {
  const ids = (ds: PainDermatome[]) => painRegionsFromDermatomes(ds).map((r) => r.regionId);
  it('marks the regions whose every dermatome is a pain dermatome: L4–S1 left → shin, foot, heel', () => {
    // shin L4 L5, foot L4 L5 S1, heel S1 L5 (bodyRegions.ts); calf (S2) and knee (L3) are not
    expect(ids([L('L4'), L('L5'), L('S1')])).toEqual([
      'front-shin-left',
      'front-foot-left',
      'back-heel-left',
    ]);
    expect(painRegionsFromDermatomes([L('L4')])[0]?.intensityNrs).toBe(DERMATOME_PAIN_NRS);
  });
  it('shows a dermatome no whole region holds where it is the largest part', () => {
    // L5 left is half of the shin (L4 L5) and of the heel (S1 L5), a third of the foot and calf
    expect(ids([L('L5')])).toEqual(['front-shin-left', 'back-heel-left']);
    // T10 right: a tenth of the abdomen (T7–T11 both sides), a twelfth of the mid back
    expect(ids([R('T10')])).toEqual(['front-abdomen']);
    expect(ids([])).toEqual([]);
  });
});

describe('on the planner’s own fibres (SCS, lead at T8)', () => {
  it('a result in which only the L5-left dorsal-column fibres fire covers L5 left fully and nothing else', () => {
    const plan = newPlan('SCS');
    const { resolved, populations } = scenarioFibres(plan);
    const labels = fibreDermatomes(resolved, populations);
    const r = result(
      populations.map((p, pi) => ({
        id: p.id,
        fire: p.paths.map((_, i) => {
          const d = labels[pi]?.[i];
          return p.id === 'dorsal-columns' && d?.root === 'L5' && d.side === 'left';
        }),
      })),
    );
    const shares = dermatomeShares(r, labels);
    const l5 = shares.find((s) => s.root === 'L5' && s.side === 'left');
    expect(l5?.fibres).toBeGreaterThan(0);
    expect(l5?.share).toBe(1);
    expect(shares.filter((s) => s.recruited > 0).map((s) => `${s.root}${s.side}`)).toEqual([
      'L5left',
    ]);
    const o = paraesthesiaOverlap([{ regionId: 'front-shin-left', intensityNrs: 6 }], shares);
    // shin = L4, L5: L4 has fibres but none fire → (0 + 1) / 2
    expect(o.painCoveredPercent).toBeCloseTo(50, 10);
    expect(o.offTargetPercent).toBe(0);
  });
});

describe('the pinned result summary', () => {
  it('summarises the shown estimate and passes its own schema', () => {
    const { r, labels } = sample();
    const shares = dermatomeShares(r, labels);
    const overlap = paraesthesiaOverlap([{ regionId: 'front-shin-left', intensityNrs: 8 }], shares);
    const shown: ShownEstimate = {
      key: 'plan-key',
      result: r,
      state: 'instant',
      tier: 'instant',
      byId: new Map(r.populations.map((p) => [p.id, p])),
    };
    const s = summariseResult(shown, shares, overlap, 'case Wren-61');
    expect(ResultSummarySchema.parse(s)).toEqual(s);
    expect(s.amplitudeMa).toBe(3);
    expect(s.populations[0]).toEqual({
      id: 'dorsal-columns',
      name: 'dorsal-columns',
      fibreType: 'DC',
      fibres: 20,
      recruitedPercent: 20, // 4 of 20
    });
    expect(s.painCoveredPercent).toBe(30);
    expect(s.offTargetPercent).toBe(25);
    expect(summaryDermatomeText(s)).toBe('T10 R 100 %, L4 L 50 %, L5 L 10 %');
    expect(ResultSummarySchema.safeParse({ ...s, painCoveredPercent: 140 }).success).toBe(false);
  });
});
