/**
 * Published SCS/DRG behaviour reproduced by the anatomy-aware lead fields with the fibre
 * models of models/neuron (instant tier = calibrated activating-function estimate; full tier =
 * MRG cable model with findThreshold). Sources: models.md §5 (Struijk, Holsheimer & Boom 1993;
 * Holsheimer/He dCSF effect), §6 (Graham et al. 2019 DRG-S), and the grid
 * convergence criterion of issue 4.
 */
import { describe, expect, it } from 'vitest';
import {
  crossSection,
  DREZ_ANGLE_DEG,
  dorsalHornBaseYMm,
  resolveAnatomy,
  resolveDrg,
  toAnatomy,
  DEFAULT_CONDUCTIVITIES,
  foramenZ,
  type SpineParams,
} from '../../../models/anatomy/index.ts';
import {
  conductorFromSection,
  preparePoints,
  contactPotentials,
  solveUnitFields,
  type ContactGeometry,
  type SolverOptions,
} from '../../../models/field/index.ts';
import {
  DC_COLLATERAL_DIAMETER_UM,
  DC_COLLATERAL_EVERY_NODES,
  dorsalRootFibers,
  compartmentPointsOnPath,
  drgNeurons,
  mapPathPoints,
  pathBranches,
  ventralCollaterals,
  type FiberPath,
} from '../../../models/neuron/populations.ts';
import {
  populationThresholds,
  prepareFibres,
  programWaveform,
  programWeights,
  scenarioLeadFields,
  scenarioPopulations,
} from '../../../models/estimate/index.ts';
import { fullPopulation, instantPopulation } from '../../../models/neuron/populationRun.ts';
import { defaultScenario } from '../../../models/scenario.ts';
import type { WaveformSpec } from '../../../models/neuron/waveform.ts';
import type { SpinalLevel } from '../../../models/scenario.ts';

const PW: WaveformSpec = { kind: 'mono-cathodic', pulseWidthUs: 210 }; // clinical.md §3.5 typical tonic PW

function spine(level: SpinalLevel, dCsf?: number): SpineParams {
  const r = resolveAnatomy({
    kind: 'spine',
    level,
    ...(dCsf !== undefined ? { dorsalCsfThicknessMm: dCsf } : {}),
  });
  if (r.kind !== 'spine') throw new Error('spine expected');
  return r;
}

/** a Ø1.3 × 3 mm ring contact lying on the dura (epidural), centred at (x, z) */
function epiduralCathode(p: SpineParams, xMm: number, zMm = 0): ContactGeometry {
  return {
    kind: 'ring',
    centreMm: { x: xMm, y: p.duraDorsalYMm + 0.65 + 0.05, z: zMm },
    axis: { x: 0, y: 0, z: 1 },
    lengthMm: 3,
    diameterMm: 1.3,
  };
}

/** a Ø1.3 × 3 mm ring contact lying on the outer dura surface at lateral position x */
function cathodeOnDura(p: SpineParams, xMm: number): ContactGeometry {
  const cond = conductorFromSection(crossSection(p), DEFAULT_CONDUCTIVITIES);
  let y = p.duraDorsalYMm + 3;
  while (cond.regionAt(xMm, y - 0.01) !== 'dura') {
    y -= 0.01;
    if (y < 0) throw new Error(`no dura below x = ${xMm} mm`);
  }
  return {
    kind: 'ring',
    centreMm: { x: xMm, y: y + 0.65 + 0.05, z: 0 },
    axis: { x: 0, y: 0, z: 1 },
    lengthMm: 3,
    diameterMm: 1.3,
  };
}

/** dorsal-root fibres of one size on the left, entering where models/anatomy puts the entry zone */
function rootFibres(p: SpineParams, diameterUm: number): FiberPath[] {
  return dorsalRootFibers({
    count: 30,
    seed: 3,
    cordRadiusMm: p.cordApMm / 2,
    cordHalfWidthMm: p.cordRlMm / 2,
    entryAngleDeg: DREZ_ANGLE_DEG,
    side: 1,
    minDiameterUm: diameterUm,
    maxDiameterUm: diameterUm,
  });
}

/** straight DC fibres of one diameter along z at (x, cord surface − depth) */
function dcFibres(
  p: SpineParams,
  diameterUm: number,
  placements: { xMm: number; depthMm: number }[],
  withCollaterals = false,
): FiberPath[] {
  const ry = p.cordApMm / 2;
  const rx = p.cordRlMm / 2;
  return placements.map((q, i) => {
    const y = ry * Math.sqrt(Math.max(0, 1 - (q.xMm / rx) ** 2)) - q.depthMm;
    return {
      id: `dc-${i}`,
      type: 'DC',
      model: 'mrg-interp',
      diameterUm,
      pathMm: Float64Array.from([q.xMm, y, -30, q.xMm, y, 30]),
      ...(withCollaterals
        ? {
            collaterals: ventralCollaterals(y, {
              diameterUm: DC_COLLATERAL_DIAMETER_UM,
              everyNodes: DC_COLLATERAL_EVERY_NODES,
              endYMm: dorsalHornBaseYMm(p),
            }),
          }
        : {}),
    };
  });
}

function thresholds(
  p: SpineParams,
  contact: ContactGeometry,
  paths: FiberPath[],
  tier: 'instant' | 'full',
  opts: SolverOptions = {},
): Float64Array {
  const cond = conductorFromSection(crossSection(p), DEFAULT_CONDUCTIVITIES);
  const f = solveUnitFields(cond, [contact], opts);
  return populationThresholds(f, paths, [1], PW, tier);
}

describe('grid convergence (issue 4: < 2 % when the resolution doubles)', () => {
  it('DC potentials and DC thresholds at T8 change < 2 % when every grid spacing is halved', () => {
    const p = spine('T8');
    const c = epiduralCathode(p, 0);
    const cond = conductorFromSection(crossSection(p), DEFAULT_CONDUCTIVITIES);
    const pts: number[] = [];
    for (const d of [0.05, 0.25, 0.5])
      for (let z = -10; z <= 10; z += 2) pts.push(0.5, p.cordDorsalYMm - d, z);
    const P = Float64Array.from(pts);
    const coarse = solveUnitFields(cond, [c]);
    const fine = solveUnitFields(cond, [c], { gridScale: 0.5 });
    const a = contactPotentials(coarse, preparePoints(coarse, P), 0);
    const b = contactPotentials(fine, preparePoints(fine, P), 0);
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! / b[i]! - 1)).toBeLessThan(0.02);
    const fibres = dcFibres(
      p,
      12,
      [0, 0.1, 0.2, 0.3].map((depthMm) => ({ xMm: 0.3, depthMm })),
    );
    const tc = populationThresholds(coarse, fibres, [1], PW, 'instant');
    const tf = populationThresholds(fine, fibres, [1], PW, 'instant');
    for (let i = 0; i < tc.length; i++) expect(Math.abs(tc[i]! / tf[i]! - 1)).toBeLessThan(0.02);
  });
});

describe('SCS section against a 2.5× finer grid', () => {
  it('potentials in the dorsal cord (0.05–1.5 mm deep, 0–3 mm lateral) and the dorsal CSF agree within 2 %', () => {
    // the CSF next to the fat the contact lies in is where a homogeneous-reference subtraction
    // amplifies grid error (42:1 contrast); README "Singularity subtraction"
    const p = spine('T8');
    const cond = conductorFromSection(crossSection(p), DEFAULT_CONDUCTIVITIES);
    const c = epiduralCathode(p, 0.5);
    const pts: number[] = [];
    for (const d of [0.05, 0.25, 0.5, 1.5])
      for (const x of [0, 1.5, 3])
        for (let z = -10; z <= 10; z += 2.5) pts.push(x, p.cordDorsalYMm - d, z);
    for (const x of [-2, 0, 2]) for (const z of [0, 3, 8]) pts.push(x, p.cordDorsalYMm + 2, z);
    const P = Float64Array.from(pts);
    const at = (o: SolverOptions) => {
      const f = solveUnitFields(cond, [c], o);
      return contactPotentials(f, preparePoints(f, P), 0);
    };
    const fine = at({ gridScale: 0.4 });
    const normal = at({});
    let worst = 0;
    normal.forEach((v, i) => (worst = Math.max(worst, Math.abs(v / fine[i]! - 1))));
    expect(worst).toBeLessThan(0.02);
  });
});

describe('SCS behaviour', () => {
  it('thicker dorsal CSF raises the dorsal-column threshold (Holsheimer; models.md §5), cable model', () => {
    // T8 with dCSF 3 mm vs 5.5 mm (anatomy.md §1.3 range), lead on the dura over the midline
    const fibre = (p: SpineParams) => dcFibres(p, 12, [{ xMm: 0, depthMm: 0.1 }]);
    const thin = spine('T8', 3);
    const thick = spine('T8', 5.5);
    const tThin = thresholds(thin, epiduralCathode(thin, 0), fibre(thin), 'full')[0]!;
    const tThick = thresholds(thick, epiduralCathode(thick, 0), fibre(thick), 'full')[0]!;
    expect(tThick).toBeGreaterThan(1.3 * tThin);
    // clinical amplitudes are 0.5–5 mA (models.md §5, Lempka 2015); the thin-CSF threshold lies in that range
    expect(tThin).toBeGreaterThan(0.3);
    expect(tThin).toBeLessThan(6);
  });

  it('a lateral lead reaches dorsal-root fibres at lower current than dorsal-column fibres of the same size (Struijk et al. 1993)', () => {
    // the lead lies on the dura 6 mm from the midline, over the roots' course lateral of the
    // entry zone (3.4 mm at T10); README lists the DR/DC ratio from the midline outwards (the
    // roots come first from ≈5.5 mm out)
    const p = spine('T10');
    const lateral = cathodeOnDura(p, 6);
    const size = 12;
    const dc = dcFibres(
      p,
      size,
      [-1, -0.5, 0, 0.5, 1, 1.5, 2, 2.4].flatMap((xMm) =>
        [0.05, 0.15].map((depthMm) => ({ xMm, depthMm })),
      ),
    );
    const dr = rootFibres(p, size);
    // full tier (MRG cable + threshold search): the reference answer for curved fibres
    const tDc = Math.min(...thresholds(p, lateral, dc, 'full'));
    const tDr = Math.min(...thresholds(p, lateral, dr, 'full'));
    expect(tDr).toBeLessThan(tDc);
  });

  it('a midline lead reaches dorsal-column fibres first, and the margin before the roots narrows as the dorsal CSF thickens (Holsheimer usage range)', () => {
    // usage range = discomfort / perception threshold, the discomfort attributed to dorsal-root
    // activation; ≈1.4–2 is the range usually quoted and it narrows with a thick dCSF
    // (leads.md, models.md §5: Holsheimer; the quoted numbers are not re-read, so only the
    // direction and a ratio above 1 are tested)
    const size = 12;
    const ratio = (dCsf: number) => {
      const p = spine('T10', dCsf);
      const c = cathodeOnDura(p, 0);
      const dc = dcFibres(
        p,
        size,
        [-1, -0.5, 0, 0.5, 1].flatMap((xMm) => [0.05, 0.15].map((depthMm) => ({ xMm, depthMm }))),
      );
      const tDc = Math.min(...thresholds(p, c, dc, 'full'));
      const tDr = Math.min(...thresholds(p, c, rootFibres(p, size), 'full'));
      return tDr / tDc;
    };
    const thin = ratio(2.5);
    const thick = ratio(4.1);
    expect(thin).toBeGreaterThan(1);
    expect(thick).toBeGreaterThan(1);
    expect(thick).toBeLessThan(thin);
  });

  // Depth of dorsal-column activation against amplitude is a reported model output, not a
  // pass/fail test: Feirabend et al. 2002 give ≈0.25 mm without the configuration, dorsal CSF or
  // amplitude ratio behind it (issue 14; models/field/README.md "Dorsal-column activation depth").

  it('dorsal-column collaterals (≈1 mm apart, 3 µm, to the base of the dorsal horn) load the fibre and leave the depth profile as it is: they do not confine activation to the surface', () => {
    // sources of the collateral geometry: models/neuron/populations.ts DC_COLLATERAL_*; the
    // branched cable agrees with NEURON (test/validation/neuron/mrgBranch.neuron.test.ts).
    // Measured at T10, midline cathode, 12 µm: thresholds +17 % with collaterals, and the
    // 0.3 mm / surface ratio 1.18 without and 1.20 with them.
    const p = spine('T10');
    const depths = [0.02, 0.3];
    const at = (col: boolean) =>
      thresholds(
        p,
        epiduralCathode(p, 0),
        dcFibres(
          p,
          12,
          depths.map((depthMm) => ({ xMm: 0, depthMm })),
          col,
        ),
        'full',
      );
    const plain = at(false);
    const branched = at(true);
    expect(branched[0]!).toBeGreaterThan(1.05 * plain[0]!);
    const rise = (t: Float64Array) => t[1]! / t[0]!;
    expect(rise(plain)).toBeGreaterThan(1.1);
    expect(Math.abs(rise(branched) - rise(plain))).toBeLessThan(0.05);
  });
});

describe('instant tier on the dorsal-root population', () => {
  it('agrees with the full tier (MRG cable) within 15 % per fibre and 8 % in the median, midline and lateral leads', () => {
    const p = spine('T10');
    const ratios: number[] = [];
    for (const x of [0, 5]) {
      const c = cathodeOnDura(p, x);
      const fibres = [8, 12, 16].flatMap((d) => rootFibres(p, d).slice(0, 8));
      const inst = thresholds(p, c, fibres, 'instant');
      const full = thresholds(p, c, fibres, 'full');
      inst.forEach((v, i) => ratios.push(v / full[i]!));
    }
    for (const r of ratios) expect(Math.abs(r - 1)).toBeLessThan(0.15);
    const dev = ratios.map((r) => Math.abs(r - 1)).sort((a, b) => a - b);
    expect(dev[Math.floor(dev.length / 2)]!).toBeLessThan(0.08);
  });
});

describe('DRG vs SCS (Graham et al. 2019; models.md §6)', () => {
  it('the L5 DRG is reached at lower current with a DRG lead than with an epidural lead aimed at the same segment', () => {
    // DRG model: lead on the ganglion's dorsal surface along the root
    const drg = resolveDrg({ level: 'L5', side: 'left' });
    const drgCond = conductorFromSection(crossSection(drg), DEFAULT_CONDUCTIVITIES);
    const r = drg.ganglionWidthMm / 2;
    const [cx, cy, cz] = toAnatomy(drg.frame, 0, r + 0.2 + 0.5, 0);
    const axis = { x: drg.frame.eW[0], y: drg.frame.eW[1], z: drg.frame.eW[2] };
    const drgContact: ContactGeometry = {
      kind: 'ring',
      centreMm: { x: cx, y: cy, z: cz },
      axis,
      lengthMm: 1.25,
      diameterMm: 1,
    };
    const neurons = drgNeurons({
      count: 20,
      seed: 5,
      ganglionHalfLengthMm: drg.ganglionLengthMm / 2,
      ganglionRadiusMm: r,
    }).filter((n) => n.type === 'DRG-axon');
    const inFrame = (origin: [number, number, number]) =>
      neurons.map((n) =>
        mapPathPoints(n, (x, y, z) => {
          const a = toAnatomy(drg.frame, -x, y, -z);
          return [a[0] + origin[0], a[1] + origin[1], a[2] + origin[2]] as const;
        }),
      );
    const fDrg = solveUnitFields(drgCond, [drgContact]);
    const tDrg = Math.min(...populationThresholds(fDrg, inFrame([0, 0, 0]), [1], PW, 'instant'));
    // spine model at L5: the ganglion in the L5 foramen (lateral to the sac, nominal 8 mm beyond the dura), lead lateral in the epidural space
    const sp = spine('L5');
    const zF = foramenZ('L5', 'L5')!;
    const origin: [number, number, number] = [sp.sacRlMm / 2 + 8, 0, zF];
    const scsContact = { ...epiduralCathode(sp, 4, zF) };
    const tScs = Math.min(...thresholds(sp, scsContact, inFrame(origin), 'instant'));
    expect(tDrg).toBeLessThan(tScs / 3);
  });
});

describe('instant tier on DRG neurons (through axon with stem and soma)', () => {
  it('reads a little low against the cable model of the whole neuron, the default DRG plan', () => {
    // the instant tier sees the through axon only; the soma on its stem loads the T-junction.
    // Measured (200 neurons, calibration over nodes and internodes): instant/full median 0.921,
    // 10th–90th percentile 0.869–0.978, lowest 0.84, one neuron at 1.34. The results panel says so.
    const s = defaultScenario('DRG');
    const lf = scenarioLeadFields(s, { axialCanonical: true });
    const w = programWeights(s, lf.keys);
    const { spec } = programWaveform(s);
    const paths = scenarioPopulations(s)[0]!.paths;
    expect(paths.every((p) => p.stem !== undefined)).toBe(true);
    const prepared = prepareFibres(lf.fields, paths, w);
    const inst = instantPopulation(prepared, spec);
    const full = fullPopulation(prepared, spec);
    const ratios = Array.from(inst, (v, i) => v / full[i]!).sort((a, b) => a - b);
    const q = (f: number) => ratios[Math.floor(f * (ratios.length - 1))]!;
    expect(q(0.5)).toBeGreaterThan(0.9);
    expect(q(0.5)).toBeLessThan(1);
    expect(q(0.1)).toBeGreaterThan(0.85);
    expect(q(0.9)).toBeLessThan(1.08);
  });
});

describe('field sampling on branched fibres', () => {
  it('DRG stems: potentials interpolated between the sampled stem nodes, initial segment and soma agree with the field sampled at every stem compartment within 1 %', () => {
    const s = defaultScenario('DRG');
    const lf = scenarioLeadFields(s, { axialCanonical: true });
    const w = programWeights(s, lf.keys);
    const paths = scenarioPopulations(s)[0]!.paths.slice(0, 8);
    const prepared = prepareFibres(lf.fields, paths, w, lf.axialShiftMm);
    const used = Array.from(w.keys()).filter((c) => w[c] !== 0);
    let worst = 0;
    for (const p of prepared) {
      const b = p.fiber.branches[0]!;
      const all = compartmentPointsOnPath(p.fiber, p.path.pathMm, pathBranches(p.path));
      const pts = new Float64Array(3 * b.compartments.length);
      b.compartments.forEach((k, i) => pts.set(all.subarray(3 * k, 3 * k + 3), 3 * i));
      const pp = preparePoints(lf.fields, pts, used);
      const direct = new Float64Array(b.compartments.length);
      const tmp = new Float64Array(b.compartments.length);
      for (const c of used) {
        contactPotentials(lf.fields, pp, c, lf.axialShiftMm, tmp);
        for (let i = 0; i < direct.length; i++) direct[i]! += w[c]! * tmp[i]!;
      }
      const scale = Math.max(...Array.from(direct, Math.abs));
      b.compartments.forEach((k, i) => {
        worst = Math.max(worst, Math.abs(p.veUnitMv[k]! - direct[i]!) / scale);
      });
    }
    expect(worst).toBeLessThan(0.01);
  });
});
