import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../../models/scenario.ts';
import {
  crossSection,
  DRG_LEVEL_TABLE,
  resolveAnatomy,
  VENTRAL_ROOT_DIAMETER_MM,
} from '../../../models/anatomy/index.ts';
import {
  contactPlacementIssues,
  scenarioConductor,
  scenarioContacts,
  scenarioPopulations,
} from '../../../models/estimate/index.ts';
import { withAnatomy } from '../../../models/estimate/placement.ts';
import { findLead } from '../../../models/devices/index.ts';
import { DRG_POPULATION_IDS, drgCNeuronCount } from '../../../models/estimate/therapies/drg.ts';
import { fiberForPath } from '../../../models/neuron/populationRun.ts';
import { STEM_ADELTA, stemLengthMm } from '../../../models/neuron/mrg.ts';
import { newPlan } from '../../../src/planner/store.ts';

type Drg = Extract<ReturnType<typeof resolveAnatomy>, { kind: 'drg' }>;

/** A point (mm, anatomy frame) in the ganglion's frame: across (u, v) and along the root (w). */
function inFrame(r: Drg, p: { x: number; y: number; z: number }) {
  const f = r.frame;
  const d = [p.x - f.originMm[0], p.y - f.originMm[1], p.z - f.originMm[2]];
  const dot = (e: readonly number[]) => e[0]! * d[0]! + e[1]! * d[1]! + e[2]! * d[2]!;
  return { u: dot(f.eU), v: dot(f.eV), w: dot(f.eW) };
}

function planAt(level: 'S1' | 'T12', side: 'left' | 'right'): Scenario {
  const s = newPlan('DRG');
  const next = withAnatomy(s, { kind: 'drg', level, side });
  return { ...next, model: { ...next.model, fibresPerPopulation: 12 } };
}

describe.each([
  ['S1', 'right'],
  ['T12', 'left'],
] as const)('a DRG plan at %s %s', (level, side) => {
  const s = planAt(level, side);
  const r = resolveAnatomy(s.anatomy) as Drg;

  it('resolves to that ganglion (size of DRG_LEVEL_TABLE) and is a valid scenario', () => {
    expect(parseScenario(s).ok).toBe(true);
    expect(r.kind).toBe('drg');
    expect(r.level).toBe(level);
    expect(r.side).toBe(side);
    expect(r.ganglionLengthMm).toBeCloseTo(DRG_LEVEL_TABLE[level].lengthMm, 9);
    expect(r.ganglionWidthMm).toBeCloseTo(DRG_LEVEL_TABLE[level].widthMm, 9);
    // the root runs laterally to the chosen side (+x is the patient's left) and caudally
    expect(Math.sign(r.frame.eW[0])).toBe(side === 'left' ? 1 : -1);
    expect(r.frame.eW[2]).toBeLessThan(0);
  });

  it('carries the lead from the default left L5 ganglion onto this one: over it, on its dorsal surface', () => {
    const lead = s.leads[0]!;
    // the tip sits over the lateral half of this ganglion, on its side of the body
    expect(Math.sign(lead.tipMm.xMm)).toBe(side === 'left' ? 1 : -1);
    const { contacts } = scenarioContacts(s);
    const g = findLead(lead.catalogId)!.geometry as { diameterMm: number };
    const leadRadiusMm = g.diameterMm / 2; // the catalogue's DRG lead (nominal 1.1 mm)
    for (const c of contacts) {
      const q = inFrame(r, c.centreMm);
      // on the ganglion's axis across the root, 0.5 mm above its dorsal surface (as placed by default)
      expect(Math.abs(q.u)).toBeLessThan(0.05);
      expect(q.v - r.ganglionWidthMm / 2 - leadRadiusMm).toBeCloseTo(0.5, 1);
    }
    // the tip contact lies over the ganglion (within its half-length along the root)
    const tip = inFrame(r, contacts[0]!.centreMm);
    expect(Math.abs(tip.w)).toBeLessThan(r.ganglionLengthMm / 2);
    // the lead runs medially along the root
    const d = s.leads[0]!.direction;
    const along = d.x * r.frame.eW[0] + d.y * r.frame.eW[1] + d.z * r.frame.eW[2];
    expect(along).toBeCloseTo(-1, 3);
    const { conductor } = scenarioConductor(s);
    const { keys } = scenarioContacts(s);
    expect(contactPlacementIssues(conductor, contacts, keys, () => 0)).toEqual([]);
  });

  it('yields the four populations: Aβ, Aδ and C neurons and the ventral root as a motor side effect', () => {
    const pops = scenarioPopulations(s);
    expect(pops.map((p) => p.id)).toEqual([
      DRG_POPULATION_IDS.abeta,
      DRG_POPULATION_IDS.adelta,
      DRG_POPULATION_IDS.c,
      DRG_POPULATION_IDS.ventralRoot,
    ]);
    // C neurons: a quarter of the fibres per population (therapies/drg.ts DRG_C_SAMPLE_FRACTION)
    expect(drgCNeuronCount(12)).toBe(3);
    expect(pops.map((p) => p.paths.length)).toEqual([12, 12, 3, 12]);
    expect(pops.map((p) => p.sideEffect)).toEqual([undefined, undefined, undefined, 'motor']);
    expect(pops[3]!.name).toMatch(/motor.*side effect/);
    const [abeta, adelta, c, vr] = pops as [
      (typeof pops)[0],
      (typeof pops)[0],
      (typeof pops)[0],
      (typeof pops)[0],
    ];
    // somata and T-junctions inside the ganglion, each neuron with its stem (Aβ, Aδ), none for C
    for (const p of [...abeta.paths, ...adelta.paths]) {
      expect(p.stem).toBeDefined();
      const n = p.stem!.pathMm.length;
      const soma = inFrame(r, {
        x: p.stem!.pathMm[n - 3]!,
        y: p.stem!.pathMm[n - 2]!,
        z: p.stem!.pathMm[n - 1]!,
      });
      const rg = r.ganglionWidthMm / 2;
      const hl = r.ganglionLengthMm / 2;
      expect((soma.u / rg) ** 2 + (soma.v / rg) ** 2 + (soma.w / hl) ** 2).toBeLessThanOrEqual(
        1 + 1e-9,
      );
    }
    expect(c.paths.every((p) => p.stem === undefined && p.model === 'c-fiber')).toBe(true);
    // diameters: Aβ 6–16 µm, Aδ 2–5 µm, C 0.2–1.5 µm, ventral-root Aα 12–16 µm (populations.ts)
    const range = (ps: typeof abeta.paths) => [
      Math.min(...ps.map((p) => p.diameterUm)),
      Math.max(...ps.map((p) => p.diameterUm)),
    ];
    const [ab0, ab1] = range(abeta.paths);
    expect(ab0).toBeGreaterThanOrEqual(6);
    expect(ab1).toBeLessThanOrEqual(16);
    const [ad0, ad1] = range(adelta.paths);
    expect(ad0).toBeGreaterThanOrEqual(2);
    expect(ad1).toBeLessThanOrEqual(5);
    const [c0, c1] = range(c.paths);
    expect(c0).toBeGreaterThanOrEqual(0.2);
    expect(c1).toBeLessThanOrEqual(1.5);
    const [v0, v1] = range(vr.paths);
    expect(v0).toBeGreaterThanOrEqual(12);
    expect(v1).toBeLessThanOrEqual(16);
    // the ventral-root axons lie inside the ventral root region of the solved section
    const region = crossSection(r).regions.find((g) => g.name === 'ventral root')!;
    expect(region.tissue).toBe('nerve-root');
    for (const p of vr.paths) {
      const q = inFrame(r, { x: p.pathMm[0]!, y: p.pathMm[1]!, z: p.pathMm[2]! });
      expect(
        Math.hypot(q.u - r.ventralRoot.centreUMm, q.v - r.ventralRoot.centreVMm),
      ).toBeLessThanOrEqual(r.ventralRoot.radiusMm + 1e-9);
    }
  });

  it('puts the ventral root in the foramen ventral of the ganglion, clear of its capsule', () => {
    const vr = r.ventralRoot;
    expect(vr.radiusMm).toBeCloseTo(VENTRAL_ROOT_DIAMETER_MM[level] / 2, 9);
    expect(vr.centreVMm).toBeLessThan(0); // ventral
    const gap = Math.hypot(vr.centreUMm, vr.centreVMm) - vr.radiusMm - r.ganglionWidthMm / 2;
    expect(gap).toBeCloseTo(0.5, 6); // capsule 0.2 + nominal 0.3 mm
    // the caudal side of the section: −z along eU
    expect(Math.sign(vr.centreUMm)).toBe(Math.sign(-r.frame.eU[2]));
    // inside the modelled foramen (half-axes 8 × 5 mm, drg.ts)
    const far =
      (Math.abs(vr.centreUMm) + vr.radiusMm) ** 2 / 64 +
      (Math.abs(vr.centreVMm) + vr.radiusMm) ** 2 / 25;
    expect(far).toBeLessThan(1);
  });
});

describe('DRG cells', () => {
  it("an Aδ neuron is built with Graham's LTMR stem: no initial segment, a 34 × 29 µm soma", () => {
    const s = planAt('T12', 'left');
    const p = scenarioPopulations(s)[1]!.paths[0]!;
    expect(p.stem?.geometry).toBe(STEM_ADELTA);
    const fibre = fiberForPath(p);
    const kinds = fibre.sections.map((x) => x.kind);
    expect(kinds).not.toContain('iseg');
    const soma = fibre.sections.find((x) => x.kind === 'soma')!;
    expect([soma.diamUm, soma.lengthUm]).toEqual([34, 29]);
    // T-junction → soma centre: 260 + 241 + 185 + 123 + 29/2 µm (ADeltaFiber_LTMR.hoc)
    expect(stemLengthMm(STEM_ADELTA)).toBeCloseTo(0.8235, 9);
  });
});
