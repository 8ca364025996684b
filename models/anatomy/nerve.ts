/**
 * Peripheral nerve with fascicles (anisotropic endoneurium, perineurium as a thin resistive
 * layer, epineurium) in anisotropic muscle under fat and skin. Uniform along the nerve (w = z).
 * Sources: anatomy.md §5 (geometry, perineurium rule), §6 and models.md §4.1 (conductivities),
 * clinical.md §4.3 (targets; depths are patient specific — every depth here is illustrative).
 */
import type { PnsTarget } from '../scenario.ts';
import { PERINEURIUM, perineuriumThicknessUm } from './conductivity.ts';
import { IDENTITY_FRAME, type CrossSection, type Region, type SheetLayer } from './shapes.ts';

export interface NervePreset {
  /** equivalent circular diameter, mm */
  nerveDiameterMm: number;
  /** nerve section aspect ratio (u/v), 1 = round */
  aspect: number;
  fascicleCount: number;
  /** skin-to-nerve-centre depth, mm (illustrative) */
  depthMm: number;
  /** subcutaneous fat thickness, mm (illustrative) */
  fatMm: number;
  illustrative: string[];
  source: string;
}

// nominal guess: skin 1.5 mm (anatomy.md §6: 1–2 mm, unverified)
export const SKIN_THICKNESS_MM = 1.5;
// nominal guess: fascicles fill ≈50 % of the nerve section
const FASCICULAR_FILL = 0.5;

export const NERVE_PRESETS: Record<PnsTarget, NervePreset> = {
  sciatic: {
    nerveDiameterMm: 8.2, // anatomy.md §5.1: CSA 52.7 mm² at the gluteal sulcus → 8.2 mm (Chen 2018, derived)
    aspect: 1.4, // illustrative: AP 5.5 mm under the buttock (anatomy.md §5.1) → flattened
    fascicleCount: 12, // illustrative: real nerve 27–84 fascicles (anatomy.md §5.1), lumped to 12
    depthMm: 45, // illustrative: patient specific (clinical.md §4.3)
    fatMm: 15, // illustrative
    illustrative: ['aspect', 'fascicleCount', 'depthMm', 'fatMm'],
    source: 'anatomy.md §5.1 (Chen 2018; Sladjana 2008)',
  },
  femoral: {
    nerveDiameterMm: 5.6, // anatomy.md §5.1: MRI CSA 24.8 mm² → 5.6 mm (derived)
    aspect: 1.36, // anatomy.md §5.1: ML 6.17 / AP 4.53 (MRI)
    fascicleCount: 8, // illustrative
    depthMm: 30, // illustrative
    fatMm: 12, // illustrative
    illustrative: ['fascicleCount', 'depthMm', 'fatMm'],
    source: 'anatomy.md §5.1 (Med Pharm Rep MRI; Gustafson 2009)',
  },
  'lumbar-medial-branch': {
    nerveDiameterMm: 1.0, // illustrative: diameter not found (anatomy.md §5.1)
    aspect: 1,
    fascicleCount: 1, // illustrative
    depthMm: 45, // illustrative: lumbar skin-to-epidural 50.9 ± 12 mm (Bevacqua 1996) as scale
    fatMm: 10, // illustrative
    illustrative: ['nerveDiameterMm', 'fascicleCount', 'depthMm', 'fatMm'],
    source: 'anatomy.md §5.1 (course: Bogduk; no diameter found)',
  },
  'greater-occipital': {
    nerveDiameterMm: 2.5, // anatomy.md §5.1: 2.5 ± 0.3 mm where it pierces semispinalis (Güvençer 2011)
    aspect: 1,
    fascicleCount: 3, // illustrative
    depthMm: 12, // illustrative
    fatMm: 4, // illustrative
    illustrative: ['fascicleCount', 'depthMm', 'fatMm'],
    source: 'anatomy.md §5.1 (Güvençer 2011; Kim 2018)',
  },
  suprascapular: {
    nerveDiameterMm: 2.5, // illustrative: CSA not extracted (anatomy.md §5.1, Wu 2018)
    aspect: 1,
    fascicleCount: 4, // illustrative
    depthMm: 35, // illustrative: deep to trapezius/supraspinatus
    fatMm: 8, // illustrative
    illustrative: ['nerveDiameterMm', 'fascicleCount', 'depthMm', 'fatMm'],
    source: 'anatomy.md §5.1 (Wu 2018; dimensions not extracted)',
  },
};

export interface Fascicle {
  centreUMm: number;
  centreVMm: number;
  diameterMm: number;
  perineuriumThicknessMm: number;
}

export interface NerveParams {
  kind: 'nerve';
  target: PnsTarget;
  nerveDiameterMm: number;
  nerveRadiusUMm: number;
  nerveRadiusVMm: number;
  depthMm: number;
  skinThicknessMm: number;
  fatThicknessMm: number;
  fascicles: Fascicle[];
  /** names of values that are illustrative, not measured */
  illustrative: string[];
}

// nominal guess: the thinnest interfascicular epineurium kept between two fascicles, 4 % of the
// nerve's diameter within 0.1–0.3 mm (no measured value in anatomy.md §5); the field solver
// resolves it (spacing inside the nerve ≤ the gap: models/field/README.md "Thin layers")
export function interfascicularGapMm(nerveDiameterMm: number): number {
  return Math.min(0.3, Math.max(0.1, 0.04 * nerveDiameterMm));
}
// nominal guess: epineurium kept between the outer fascicles and the nerve's surface
const EPINEURIUM_RIM_MM = 0.05;

/** Smallest gap (mm) between two fascicles. */
export function minFascicleGapMm(fs: readonly Fascicle[]): number {
  let min = Infinity;
  for (let i = 0; i < fs.length; i++)
    for (let j = i + 1; j < fs.length; j++) {
      const a = fs[i]!;
      const b = fs[j]!;
      const dist = Math.hypot(a.centreUMm - b.centreUMm, a.centreVMm - b.centreVMm);
      min = Math.min(min, dist - a.diameterMm / 2 - b.diameterMm / 2);
    }
  return min;
}

/**
 * One central fascicle and the rest on a ring just inside the epineurium, equally spaced along
 * the ring (illustrative layout): the ring fascicles as large as the ring's length and depth
 * allow with the interfascicular gap kept, the central one as large as the ring leaves room for,
 * and all scaled down together where they would fill more than FASCICULAR_FILL of the section.
 */
function fascicleLayout(ru: number, rv: number, d: number, n: number): Fascicle[] {
  const one = (u: number, v: number, dm: number): Fascicle => ({
    centreUMm: u,
    centreVMm: v,
    diameterMm: dm,
    perineuriumThicknessMm: perineuriumThicknessUm(dm * 1000) / 1000,
  });
  const area = Math.PI * ru * rv;
  if (n === 1) return [one(0, 0, d * Math.sqrt(FASCICULAR_FILL) * Math.min(1, ru / rv, rv / ru))];
  const gap = interfascicularGapMm(d);
  const outer = n - 1;
  // ring fascicles of diameter dr on the ellipse (ru − rim − dr/2, rv − rim − dr/2), equally
  // spaced in arc length (sampled finely), the central one filling the room left inside the ring
  const ring = (dr: number) => {
    const a = ru - EPINEURIUM_RIM_MM - dr / 2;
    const b = rv - EPINEURIUM_RIM_MM - dr / 2;
    const m = 720;
    const cum = [0];
    for (let q = 1; q <= m; q++) {
      const t0 = (2 * Math.PI * (q - 1)) / m;
      const t1 = (2 * Math.PI * q) / m;
      cum.push(
        cum[q - 1]! +
          Math.hypot(a * (Math.cos(t1) - Math.cos(t0)), b * (Math.sin(t1) - Math.sin(t0))),
      );
    }
    const total = cum[m]!;
    const out: Fascicle[] = [];
    let q = 0;
    for (let i = 0; i < outer; i++) {
      const target = (total * i) / outer;
      while (q < m && cum[q + 1]! < target) q++;
      const t = (2 * Math.PI * q) / m;
      out.push(one(a * Math.cos(t), b * Math.sin(t), dr));
    }
    let inner = Infinity;
    for (const f of out)
      inner = Math.min(inner, Math.hypot(f.centreUMm, f.centreVMm) - dr / 2 - gap);
    return { out, dc: 2 * inner };
  };
  // the largest ring diameter (steps of 1 % of the nerve) that keeps the gaps and a central
  // fascicle at least half the ring fascicles' size
  let best: Fascicle[] | null = null;
  for (let dr = 0.01 * d; dr < Math.min(ru, rv); dr += 0.01 * d) {
    const { out, dc } = ring(dr);
    if (dc < dr / 2) break;
    const all = [one(0, 0, dc), ...out];
    if (minFascicleGapMm(all) < gap - 1e-9) break;
    best = all;
  }
  if (!best) throw new Error(`no fascicle layout for a ${d} mm nerve with ${n} fascicles`);
  const fill = best.reduce((s, f) => s + (Math.PI * f.diameterMm ** 2) / 4, 0) / area;
  if (fill <= FASCICULAR_FILL) return best;
  // scale every fascicle about its own centre: gaps only grow
  const k = Math.sqrt(FASCICULAR_FILL / fill);
  return best.map((f) => one(f.centreUMm, f.centreVMm, f.diameterMm * k));
}

export function resolveNerve(a: {
  target: PnsTarget;
  depthMm?: number | undefined;
  nerveDiameterMm?: number | undefined;
}): NerveParams {
  const pre = NERVE_PRESETS[a.target];
  const d = a.nerveDiameterMm ?? pre.nerveDiameterMm;
  const ru = (d / 2) * Math.sqrt(pre.aspect);
  const rv = d / 2 / Math.sqrt(pre.aspect);
  const fascicles = fascicleLayout(ru, rv, d, pre.fascicleCount);
  const depth = Math.max(a.depthMm ?? pre.depthMm, rv + SKIN_THICKNESS_MM + 0.5);
  const fat = Math.min(pre.fatMm, Math.max(0, depth - rv - SKIN_THICKNESS_MM - 0.5));
  return {
    kind: 'nerve',
    target: a.target,
    nerveDiameterMm: d,
    nerveRadiusUMm: ru,
    nerveRadiusVMm: rv,
    depthMm: depth,
    skinThicknessMm: SKIN_THICKNESS_MM,
    fatThicknessMm: fat,
    fascicles,
    illustrative: pre.illustrative,
  };
}

// our choice: grid spacing across the nerve, where fascicle fibres are sampled: 0.3 mm, or the
// interfascicular gap where it is thinner (small nerves), so that the gaps hold grid nodes
const FASCICLE_SPACING_MM = 0.3;

export function nerveCrossSection(p: NerveParams): CrossSection {
  const ext = 80; // nominal: section solved to ±80 mm laterally and deep
  const skinBottom = p.depthMm - p.skinThicknessMm;
  const fatBottom = skinBottom - p.fatThicknessMm;
  const regions: Region[] = [
    {
      name: 'subcutaneous fat',
      tissue: 'fat',
      shape: { kind: 'rect', uMinMm: -ext, uMaxMm: ext, vMinMm: fatBottom, vMaxMm: skinBottom },
    },
    {
      name: 'skin',
      tissue: 'skin',
      shape: { kind: 'rect', uMinMm: -ext, uMaxMm: ext, vMinMm: skinBottom, vMaxMm: p.depthMm },
    },
    {
      name: 'epineurium',
      tissue: 'epineurium',
      shape: {
        kind: 'ellipse',
        centreUMm: 0,
        centreVMm: 0,
        radiusUMm: p.nerveRadiusUMm,
        radiusVMm: p.nerveRadiusVMm,
      },
    },
  ];
  const sheets: SheetLayer[] = [];
  p.fascicles.forEach((f, i) => {
    const shape = {
      kind: 'ellipse' as const,
      centreUMm: f.centreUMm,
      centreVMm: f.centreVMm,
      radiusUMm: f.diameterMm / 2,
      radiusVMm: f.diameterMm / 2,
    };
    regions.push({ name: `fascicle ${i + 1}`, tissue: 'endoneurium', shape });
    sheets.push({
      name: `perineurium ${i + 1}`,
      shape,
      thicknessMm: f.perineuriumThicknessMm,
      sigmaSPerM: PERINEURIUM.sigmaSPerM,
    });
  });
  const spacing = Math.min(FASCICLE_SPACING_MM, interfascicularGapMm(p.nerveDiameterMm));
  const fu = [-p.nerveRadiusUMm, 0, p.nerveRadiusUMm];
  const fv = [-p.nerveRadiusVMm, 0, p.nerveRadiusVMm, fatBottom, skinBottom];
  return {
    frame: IDENTITY_FRAME,
    background: 'muscle',
    regions,
    sheets,
    extentMm: { uMin: -ext, uMax: ext, vMin: -ext, vMax: p.depthMm },
    boundaries: { uMin: 'robin', uMax: 'robin', vMin: 'robin', vMax: 'neumann' },
    axialExtentMm: { wMin: -60, wMax: 60 },
    featuresUMm: fu,
    featuresVMm: fv,
    // where fibres are sampled: the fascicles, i.e. the whole nerve
    targetSpansUMm: [{ fromMm: -p.nerveRadiusUMm, toMm: p.nerveRadiusUMm, spacingMm: spacing }],
    targetSpansVMm: [{ fromMm: -p.nerveRadiusVMm, toMm: p.nerveRadiusVMm, spacingMm: spacing }],
  };
}
