/**
 * Peripheral nerve with fascicles (anisotropic endoneurium, perineurium as a thin resistive
 * layer, epineurium) in anisotropic muscle under fat and skin. Uniform along the nerve (w = z).
 * Sources: anatomy.md §5 (geometry, perineurium rule), §6 and models.md §4.1 (conductivities),
 * clinical.md §4.3 (targets; depths are patient specific — every depth here is illustrative).
 */
import type { PnsTarget } from '../scenario.ts';
import { PERINEURIUM, perineuriumThicknessUm } from './conductivity.ts';
import { IDENTITY_FRAME, type CrossSection, type Region, type SheetLayer } from './shapes.ts';

/**
 * What a fascicle carries: motor axons (Aα and γ to muscle), sensory axons (Aβ, Aδ, C from skin
 * or joint), or both.
 */
export type FascicleIdentity = 'sensory' | 'motor' | 'mixed';

export interface NervePreset {
  /** the nerve and site in words, as the planner names it */
  label: string;
  /** equivalent circular diameter, mm */
  nerveDiameterMm: number;
  /** nerve section aspect ratio (u/v), 1 = round */
  aspect: number;
  fascicleCount: number;
  /**
   * identity of each fascicle, in the layout's order (the central one first, then the ring from
   * +u round towards +v); as many as `fascicleCount`
   */
  fascicleIdentities: FascicleIdentity[];
  /** where the identities come from, or why they are nominal */
  identitySource: string;
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

const repeat = (identity: FascicleIdentity, n: number): FascicleIdentity[] =>
  Array.from({ length: n }, () => identity);

export const NERVE_PRESETS: Record<PnsTarget, NervePreset> = {
  // 'sciatic' is the subgluteal site (the id of schema version 1, kept so that saved plans read)
  sciatic: {
    label: 'sciatic nerve, subgluteal',
    nerveDiameterMm: 8.2, // anatomy.md §5.1: CSA 52.7 mm² at the gluteal sulcus → 8.2 mm (Chen 2018, derived)
    aspect: 1.4, // illustrative: AP 5.5 mm under the buttock (anatomy.md §5.1) → flattened
    fascicleCount: 12, // illustrative: real nerve 27–84 fascicles (anatomy.md §5.1), lumped to 12
    // nominal: a mixed nerve; hamstring-branch fascicles are ≈7–9 of ≈84 (≈10 %, micro-CT
    // preprint, anatomy.md §5.1) → one of the 12 lumped fascicles motor, the rest mixed
    fascicleIdentities: ['mixed', 'motor', ...repeat('mixed', 10)],
    identitySource:
      'nominal: mixed nerve; one motor (hamstring-branch) fascicle of 12 after ≈7–9 of ≈84 (micro-CT, anatomy.md §5.1)',
    depthMm: 45, // illustrative: patient specific (clinical.md §4.3)
    fatMm: 15, // illustrative
    illustrative: ['aspect', 'fascicleCount', 'fascicleIdentities', 'depthMm', 'fatMm'],
    source: 'anatomy.md §5.1 (Chen 2018; Sladjana 2008)',
  },
  'sciatic-popliteal': {
    label: 'sciatic nerve, popliteal fossa',
    // anatomy.md §5.1: mid-thigh CSA 44.4 mm² → 7.5 mm (Chen 2018, derived), the measured level
    // nearest the popliteal fossa (the distal tables of Gustafson 2012 were not extracted)
    nerveDiameterMm: 7.5,
    aspect: 1.6, // illustrative: tibial and common fibular divisions side by side
    fascicleCount: 12, // illustrative (as the subgluteal site)
    // nominal: plantar-flexor and dorsiflexor fascicles are functionally grouped distally
    // (Gustafson 2012, anatomy.md §5.1) → two motor groups; two cutaneous (sural, superficial
    // fibular) groups; the rest mixed
    fascicleIdentities: ['mixed', 'motor', 'mixed', 'sensory', 'mixed', 'mixed', 'mixed', 'motor', 'mixed', 'sensory', 'mixed', 'mixed'], // prettier-ignore
    identitySource:
      'nominal: functional motor grouping per Gustafson 2012 (anatomy.md §5.1); counts illustrative',
    depthMm: 25, // illustrative: shallowest near the popliteal crease (clinical.md §4.3)
    fatMm: 8, // illustrative
    illustrative: ['aspect', 'fascicleCount', 'fascicleIdentities', 'depthMm', 'fatMm'],
    source: 'anatomy.md §5.1 (Chen 2018 mid-thigh; Gustafson 2012); clinical.md §4.3',
  },
  femoral: {
    label: 'femoral nerve, below the inguinal ligament',
    nerveDiameterMm: 5.6, // anatomy.md §5.1: MRI CSA 24.8 mm² → 5.6 mm (derived)
    aspect: 1.36, // anatomy.md §5.1: ML 6.17 / AP 4.53 (MRI)
    fascicleCount: 8, // illustrative
    // nominal: distal branches map to single fascicles or groups (Gustafson 2009, anatomy.md
    // §5.1): motor to quadriceps and sartorius, sensory to the saphenous and anterior cutaneous
    fascicleIdentities: ['mixed', 'motor', 'sensory', 'motor', 'sensory', 'motor', 'sensory', 'motor'], // prettier-ignore
    identitySource:
      'nominal: branches map to single fascicles (Gustafson 2009, anatomy.md §5.1); motor/sensory split illustrative',
    depthMm: 30, // illustrative
    fatMm: 12, // illustrative
    illustrative: ['fascicleCount', 'fascicleIdentities', 'depthMm', 'fatMm'],
    source: 'anatomy.md §5.1 (Med Pharm Rep MRI; Gustafson 2009)',
  },
  'lumbar-medial-branch': {
    label: 'lumbar medial branch',
    nerveDiameterMm: 1.0, // illustrative: diameter not found (anatomy.md §5.1)
    aspect: 1,
    fascicleCount: 1, // illustrative
    // anatomy.md §5.3: multifidus motor + facet afferents; clinical.md §4.3: placement is
    // confirmed by multifidus activation → one mixed fascicle
    fascicleIdentities: ['mixed'],
    identitySource: 'mixed: multifidus motor + facet afferents (anatomy.md §5.3; clinical.md §4.3)',
    depthMm: 45, // illustrative: lumbar skin-to-epidural 50.9 ± 12 mm (Bevacqua 1996) as scale
    fatMm: 10, // illustrative
    illustrative: ['nerveDiameterMm', 'fascicleCount', 'depthMm', 'fatMm'],
    source: 'anatomy.md §5.1 (course: Bogduk; no diameter found)',
  },
  'greater-occipital': {
    label: 'greater occipital nerve',
    nerveDiameterMm: 2.5, // anatomy.md §5.1: 2.5 ± 0.3 mm where it pierces semispinalis (Güvençer 2011)
    aspect: 1,
    fascicleCount: 3, // illustrative
    // anatomy.md §5.3: a cutaneous nerve (by analogy with sural, unverified); any motor twigs
    // to semispinalis are not sourced and not modelled
    fascicleIdentities: repeat('sensory', 3),
    identitySource:
      'sensory: cutaneous nerve (anatomy.md §5.3, by analogy with sural, unverified); motor twigs not modelled',
    depthMm: 12, // illustrative
    fatMm: 4, // illustrative
    illustrative: ['fascicleCount', 'depthMm', 'fatMm'],
    source: 'anatomy.md §5.1 (Güvençer 2011; Kim 2018)',
  },
  suprascapular: {
    label: 'suprascapular nerve',
    nerveDiameterMm: 2.5, // illustrative: CSA not extracted (anatomy.md §5.1, Wu 2018)
    aspect: 1,
    fascicleCount: 4, // illustrative
    // nominal: motor to supraspinatus and infraspinatus, articular sensory branches to the
    // shoulder (composition not found, anatomy.md §5.3)
    fascicleIdentities: ['mixed', 'motor', 'motor', 'sensory'],
    identitySource:
      'nominal: motor to supra-/infraspinatus, sensory to the shoulder joint (composition not found, anatomy.md §5.3)',
    depthMm: 35, // illustrative: deep to trapezius/supraspinatus
    fatMm: 8, // illustrative
    illustrative: ['nerveDiameterMm', 'fascicleCount', 'fascicleIdentities', 'depthMm', 'fatMm'],
    source: 'anatomy.md §5.1 (Wu 2018; dimensions not extracted)',
  },
  'saphenous-genicular': {
    label: 'saphenous and genicular nerves, knee',
    nerveDiameterMm: 2, // illustrative: genicular diameters not found (anatomy.md §5.1)
    aspect: 1,
    fascicleCount: 2, // illustrative
    // sensory: the saphenous is the femoral nerve's cutaneous branch and the genicular nerves
    // are articular; no motor fibres (composition not found, anatomy.md §5.3)
    fascicleIdentities: repeat('sensory', 2),
    identitySource:
      'sensory: cutaneous (saphenous) and articular (genicular) nerves; composition not found (anatomy.md §5.3)',
    depthMm: 10, // illustrative: superficial at the knee; needles end 1.3–3.4 mm from the nerve (Vanneste 2019)
    fatMm: 5, // illustrative
    illustrative: ['nerveDiameterMm', 'fascicleCount', 'depthMm', 'fatMm'],
    source: 'anatomy.md §5.1 (Vanneste 2019; diameter not found); clinical.md §4.3',
  },
};

/** Whether a nerve holds motor fibres, sensory fibres or both (from its fascicles). */
export function nerveComposition(target: PnsTarget): FascicleIdentity {
  const ids = new Set(NERVE_PRESETS[target].fascicleIdentities);
  if (ids.size === 1) return [...ids][0]!;
  return 'mixed';
}

export interface Fascicle {
  centreUMm: number;
  centreVMm: number;
  diameterMm: number;
  perineuriumThicknessMm: number;
  /** what the fascicle carries (NervePreset.fascicleIdentities) */
  identity: FascicleIdentity;
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
export function minFascicleGapMm(
  fs: readonly Pick<Fascicle, 'centreUMm' | 'centreVMm' | 'diameterMm'>[],
): number {
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
type LaidOut = Omit<Fascicle, 'identity'>;

function fascicleLayout(ru: number, rv: number, d: number, n: number): LaidOut[] {
  const one = (u: number, v: number, dm: number): LaidOut => ({
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
    const out: LaidOut[] = [];
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
  let best: LaidOut[] | null = null;
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
  const fascicles = fascicleLayout(ru, rv, d, pre.fascicleCount).map((f, i): Fascicle => ({
    ...f,
    identity: pre.fascicleIdentities[i] ?? 'mixed',
  }));
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
