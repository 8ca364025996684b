import { describe, expect, it } from 'vitest';
import {
  drawnLevels,
  drgContext,
  nerveContext,
  spineContext,
  type ContextBlock,
} from '../../../models/anatomy/context.ts';
import {
  resolveDrg,
  resolveNerve,
  resolveSpine,
  spineCrossSection,
  vertebralLevelPositions,
} from '../../../models/anatomy/index.ts';

const blocks = (parts: ReturnType<typeof spineContext>['parts']) =>
  parts.filter((p): p is ContextBlock => p.kind === 'block');

describe('context anatomy: what the scene draws around the solved section', () => {
  const p = resolveSpine({ level: 'T8' });
  const cs = spineCrossSection(p);
  const levels = vertebralLevelPositions('T8');
  const t8 = levels.find((l) => l.level === 'T8')!;
  const t9 = levels.find((l) => l.level === 'T9')!;

  it('draws every level the contacts span and one beyond each end', () => {
    // contacts from mid T8 to mid T9
    const drawn = drawnLevels('T8', t9.zMidMm, t8.zMidMm).map((l) => l.level);
    expect(drawn).toEqual(['T7', 'T8', 'T9', 'T10']);
    // a single point at mid T8: T7–T9
    expect(drawnLevels('T8', t8.zMidMm, t8.zMidMm).map((l) => l.level)).toEqual(['T7', 'T8', 'T9']);
    const ctx = spineContext(p, cs, { minMm: t9.zMidMm, maxMm: t8.zMidMm });
    expect(ctx.drawnZMm!.maxMm).toBeCloseTo(levels.find((l) => l.level === 'T7')!.zStartMm, 9);
    expect(ctx.drawnZMm!.minMm).toBeCloseTo(levels.find((l) => l.level === 'T10')!.zEndMm, 9);
    expect(ctx.labels.map((l) => l.text)).toEqual(['T7', 'T8', 'T9', 'T10']);
    expect(ctx.caption).toContain('T8 section');
  });

  it('centres each body on its level and the T8–T9 disc on their boundary', () => {
    const ctx = spineContext(p, cs, { minMm: t9.zMidMm, maxMm: t8.zMidMm });
    const body = ctx.parts.find((q) => q.name === 'T9 vertebral body')!;
    if (body.kind !== 'tube') throw new Error('tube expected');
    expect((body.fromMm[2] + body.toMm[2]) / 2).toBeCloseTo(t9.zMidMm, 9);
    // T9 body height: mean of anterior 18.83 and posterior 20.46 mm ≈ 19.6 (Egwu et al. 2019)
    expect(body.toMm[2] - body.fromMm[2]).toBeCloseTo(19.6, 6);
    const disc = ctx.parts.find((q) => q.name === 'T8–T9 disc')!;
    if (disc.kind !== 'tube') throw new Error('tube expected');
    const discMid = (disc.fromMm[2] + disc.toMm[2]) / 2;
    // the disc lies where the level table puts the T8/T9 boundary, within half the height difference
    expect(Math.abs(discMid - t8.zEndMm)).toBeLessThan(1.5);
    expect(disc.toMm[2] - disc.fromMm[2]).toBeGreaterThan(3);
  });

  it('keeps every bony corner out of the epidural space where the lead lies', () => {
    const canal = cs.regions.find((r) => r.name === 'epidural space')!.shape;
    if (canal.kind !== 'ellipse') throw new Error('ellipse expected');
    const ctx = spineContext(p, cs, { minMm: t9.zMidMm, maxMm: t8.zMidMm });
    let checked = 0;
    for (const b of blocks(ctx.parts))
      for (const [x, y] of b.cornersMm) {
        const q =
          ((x - canal.centreUMm) / canal.radiusUMm) ** 2 +
          ((y - canal.centreVMm) / canal.radiusVMm) ** 2;
        expect(q, `${b.name} corner (${x.toFixed(1)}, ${y.toFixed(1)})`).toBeGreaterThanOrEqual(
          1 - 1e-9,
        );
        checked++;
      }
    expect(checked).toBeGreaterThan(100);
  });

  it('DRG: the ganglion lies under its pedicle, medially at L1–L4 and laterally at L5 (Silverstein 2015)', () => {
    for (const level of ['L1', 'L2', 'L3', 'L4', 'L5'] as const) {
      const d = resolveDrg({ level, side: 'left' });
      const ctx = drgContext(d);
      const above = blocks(ctx.parts).find((b) => b.name === `${level} pedicle (above)`)!;
      const xs = above.cornersMm.map((c) => c[0]);
      const zs = above.cornersMm.map((c) => c[2]);
      // the pedicle sits above the ganglion, clear of it
      expect(Math.min(...zs)).toBeGreaterThan(d.ganglionWidthMm / 2);
      // the ganglion centre (x = 0) within the pedicle's width at L1–L4, lateral to it at L5
      const within = Math.min(...xs) <= 0 && Math.max(...xs) >= 0;
      expect(within, level).toBe(level !== 'L5');
    }
  });

  it('DRG: a right ganglion is the mirror of a left one and names its levels', () => {
    const l = drgContext(resolveDrg({ level: 'S1', side: 'left' }));
    const r = drgContext(resolveDrg({ level: 'S1', side: 'right' }));
    const sacL = l.parts.find((q) => q.name === 'dural sac')!;
    const sacR = r.parts.find((q) => q.name === 'dural sac')!;
    if (sacL.kind !== 'tube' || sacR.kind !== 'tube') throw new Error('tube expected');
    // the sac is medial: to the right (−x) of a left ganglion, to the left of a right one
    expect(sacL.fromMm[0]).toBeLessThan(0);
    expect(sacR.fromMm[0]).toBeCloseTo(-sacL.fromMm[0], 9);
    expect(r.labels.map((q) => q.text)).toContain('S1 ganglion (right)');
    expect(r.labels.map((q) => q.text)).toContain('S2 pedicle');
  });

  it('PNS: the depth ruler runs from the skin surface to the nerve', () => {
    const n = resolveNerve({ target: 'femoral' });
    const ctx = nerveContext(n, 'Femoral nerve');
    const ruler = blocks(ctx.parts).find((b) => b.name === 'depth ruler')!;
    const ys = ruler.cornersMm.map((c) => c[1]);
    expect(Math.max(...ys)).toBeCloseTo(n.depthMm, 9);
    expect(Math.min(...ys)).toBeCloseTo(n.nerveRadiusVMm, 9);
    expect(ctx.labels[1]!.text).toBe(`Femoral nerve: ${n.depthMm.toFixed(0)} mm deep, ⌀ 5.6 mm`);
  });
});
