import { describe, expect, it } from 'vitest';
import {
  DERMATOMES,
  anatomyGeometry,
  crossSection,
  levelAtZ,
  perineuriumThicknessUm,
  resolveAnatomy,
  rootEntryZones,
  segmentCentreZ,
  tissueAt,
  vertebralLevelPositions,
} from '../../../models/anatomy/index.ts';
import { PNS_TARGETS, SPINAL_LEVELS } from '../../../models/scenario.ts';

describe('spine levels', () => {
  it('places T8 at z = 0 with its PAM50 length 27 mm (anatomy.md §1.6) and T7 rostral of it', () => {
    const pos = vertebralLevelPositions('T8');
    const t8 = pos.find((p) => p.level === 'T8')!;
    const t7 = pos.find((p) => p.level === 'T7')!;
    expect(t8.zMidMm).toBeCloseTo(0, 9);
    expect(t8.zStartMm - t8.zEndMm).toBeCloseTo(27, 9);
    expect(t7.zMidMm).toBeCloseTo(27 / 2 + 26.5 / 2, 9);
    expect(levelAtZ('T8', 20)).toBe('T7');
    expect(pos).toHaveLength(SPINAL_LEVELS.length);
  });

  it('fills defaults from the level table and honours overrides (anatomy.md §1.1, §1.3)', () => {
    const r = resolveAnatomy({ kind: 'spine', level: 'T8' });
    if (r.kind !== 'spine') throw new Error();
    expect(r.cordRlMm).toBeCloseTo(7.78, 9); // PAM50 T8
    expect(r.dorsalCsfThicknessMm).toBe(4); // §0 T8–T10 default
    expect(r.sacDorsalYMm - r.cordDorsalYMm).toBe(4);
    const thick = resolveAnatomy({ kind: 'spine', level: 'T8', dorsalCsfThicknessMm: 6 });
    if (thick.kind !== 'spine') throw new Error();
    expect(thick.sacDorsalYMm - thick.cordDorsalYMm).toBe(6);
  });

  it('the section has white matter at the cord centre-top, CSF above it and fat above the dura', () => {
    const r = resolveAnatomy({ kind: 'spine', level: 'T10' });
    if (r.kind !== 'spine') throw new Error();
    const cs = crossSection(r);
    expect(tissueAt(cs, 0, r.cordDorsalYMm - 0.1)).toBe('white-matter');
    expect(tissueAt(cs, 0, r.cordDorsalYMm + 1)).toBe('csf');
    expect(tissueAt(cs, 0, r.duraDorsalYMm - 0.1)).toBe('dura');
    expect(tissueAt(cs, 0, r.duraDorsalYMm + 1)).toBe('epidural-fat');
    expect(tissueAt(cs, 0, 0)).toBe('grey-matter');
  });

  it('T10 segment lies about two vertebrae rostral to the T10 vertebra (Kim 2012, anatomy.md §1.8)', () => {
    const z = segmentCentreZ('T10', 'T10')!;
    const t8 = vertebralLevelPositions('T10').find((p) => p.level === 'T8')!;
    expect(z).toBeCloseTo(t8.zMidMm, 6);
  });

  it('gives each REZ its rootlets and the ISNCSCI dermatome (anatomy.md §3.1)', () => {
    const r = resolveAnatomy({ kind: 'spine', level: 'T8' });
    if (r.kind !== 'spine') throw new Error();
    const rez = rootEntryZones(r);
    expect(rez.length).toBeGreaterThan(4);
    const t10 = rez.find((z) => z.root === 'T10' && z.side === 'left')!;
    expect(t10.dermatome.keyPoint).toBe('umbilicus');
    expect(t10.rootlets[0]!.length % 3).toBe(0);
    expect(DERMATOMES.L5.keyPoint).toMatch(/dorsum of foot/);
  });
});

describe('DRG and nerve', () => {
  it('L5 ganglion defaults match the ≈13 × 6.5 mm ellipsoid of anatomy.md §4.1 and scale to a requested volume', () => {
    const r = resolveAnatomy({ kind: 'drg', level: 'L5', side: 'left' });
    if (r.kind !== 'drg') throw new Error();
    expect(r.ganglionLengthMm).toBeCloseTo(12.89, 2);
    expect(r.ganglionVolumeMm3).toBeGreaterThan(250);
    expect(r.ganglionVolumeMm3).toBeLessThan(300);
    const big = resolveAnatomy({ kind: 'drg', level: 'L5', side: 'left', ganglionVolumeMm3: 400 });
    if (big.kind !== 'drg') throw new Error();
    expect(big.ganglionVolumeMm3).toBeCloseTo(400, 6);
    // left root runs laterally (+x) and caudally (−z)
    expect(r.frame.eW[0]).toBeGreaterThan(0);
    expect(r.frame.eW[2]).toBeLessThan(0);
  });

  it('every PNS preset resolves with fascicles inside the nerve and the human perineurium rule (anatomy.md §5.2)', () => {
    for (const target of PNS_TARGETS) {
      const r = resolveAnatomy({ kind: 'nerve', target });
      if (r.kind !== 'nerve') throw new Error();
      for (const f of r.fascicles) {
        expect(
          Math.hypot(f.centreUMm / r.nerveRadiusUMm, f.centreVMm / r.nerveRadiusVMm),
        ).toBeLessThan(1);
        expect(f.perineuriumThicknessMm * 1000).toBeCloseTo(
          perineuriumThicknessUm(f.diameterMm * 1000),
          9,
        );
      }
      expect(r.illustrative).toContain('depthMm');
    }
    // 0.4 mm fascicle → 25.3 µm (anatomy.md §5.2 worked example)
    expect(perineuriumThicknessUm(400)).toBeCloseTo(25.3, 1);
  });

  it('geometry for the scene comes from the same section (extruded outlines, DRG ellipsoid, levels)', () => {
    const g = anatomyGeometry(resolveAnatomy({ kind: 'drg', level: 'L4', side: 'right' }));
    expect(g.ellipsoids).toHaveLength(1);
    expect(g.extruded.every((e) => e.outlineUv.length >= 8)).toBe(true);
    const s = anatomyGeometry(resolveAnatomy({ kind: 'spine', level: 'C5' }));
    expect(s.levels.find((l) => l.level === 'C5')!.zMidMm).toBeCloseTo(0, 9);
    expect(s.extruded.map((e) => e.tissue)).toContain('white-matter');
  });
});
