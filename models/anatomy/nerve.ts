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

export function resolveNerve(a: {
  target: PnsTarget;
  depthMm?: number | undefined;
  nerveDiameterMm?: number | undefined;
}): NerveParams {
  const pre = NERVE_PRESETS[a.target];
  const d = a.nerveDiameterMm ?? pre.nerveDiameterMm;
  const ru = (d / 2) * Math.sqrt(pre.aspect);
  const rv = d / 2 / Math.sqrt(pre.aspect);
  const n = pre.fascicleCount;
  const df = d * Math.sqrt(FASCICULAR_FILL / n);
  const fascicles: Fascicle[] = [];
  const peri = perineuriumThicknessUm(df * 1000) / 1000;
  if (n === 1) {
    fascicles.push({ centreUMm: 0, centreVMm: 0, diameterMm: df, perineuriumThicknessMm: peri });
  } else {
    // one central fascicle, the rest on one or two rings (illustrative layout)
    fascicles.push({ centreUMm: 0, centreVMm: 0, diameterMm: df, perineuriumThicknessMm: peri });
    const outer = n - 1;
    for (let i = 0; i < outer; i++) {
      const ang = (2 * Math.PI * i) / outer;
      const ring = outer > 7 && i % 2 === 1 ? 0.75 : 0.62;
      fascicles.push({
        centreUMm: Math.cos(ang) * (ru - df / 2) * ring,
        centreVMm: Math.sin(ang) * (rv - df / 2) * ring,
        diameterMm: df * (outer > 7 ? 0.8 : 1),
        perineuriumThicknessMm: perineuriumThicknessUm(df * (outer > 7 ? 0.8 : 1) * 1000) / 1000,
      });
    }
  }
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
    // where fibres are sampled: the fascicles, i.e. the whole nerve, at 0.3 mm (our choice: a
    // sciatic nerve is ≈ 10 mm across; grid convergence inside perineurium-wrapped fascicles is
    // not yet within 2 %, models/field/README.md "Accuracy")
    targetSpansUMm: [
      { fromMm: -p.nerveRadiusUMm, toMm: p.nerveRadiusUMm, spacingMm: FASCICLE_SPACING_MM },
    ],
    targetSpansVMm: [
      { fromMm: -p.nerveRadiusVMm, toMm: p.nerveRadiusVMm, spacingMm: FASCICLE_SPACING_MM },
    ],
  };
}
