/**
 * Tissue conductivities (quasi-static, S/m) with their sources, presets, and ranges for
 * sensitivity studies. Anisotropic tissues give a transverse and an axial value; "axial" is
 * along the structure's long axis (cord, nerve, root), which is the solver's invariant axis.
 * Sources: ../shared/research/anatomy.md §6 and models.md §4.
 */

export const TISSUES = [
  'white-matter',
  'grey-matter',
  'csf',
  'dura',
  'epidural-fat',
  'bone',
  'soft-tissue',
  'nerve-root',
  'ganglion',
  'foraminal-fat',
  'endoneurium',
  'epineurium',
  'muscle',
  'fat',
  'skin',
] as const;
export type Tissue = (typeof TISSUES)[number];

export interface TissueConductivity {
  /** across the structure's axis */
  sigmaTransverseSPerM: number;
  /** along the structure's axis (cord, root, nerve) */
  sigmaAxialSPerM: number;
}

const iso = (s: number): TissueConductivity => ({ sigmaTransverseSPerM: s, sigmaAxialSPerM: s });
const aniso = (t: number, a: number): TissueConductivity => ({
  sigmaTransverseSPerM: t,
  sigmaAxialSPerM: a,
});

export type ConductivitySet = Record<Tissue, TissueConductivity>;

/** The default set; one source line per tissue. */
export const DEFAULT_CONDUCTIVITIES: ConductivitySet = {
  // anatomy.md §6 / models.md §4.2: 0.083 transverse, 0.6 longitudinal (Capogrosso 2013 table, citing Ladenbauer 2010)
  'white-matter': aniso(0.083, 0.6),
  // anatomy.md §6: 0.23 isotropic (same table)
  'grey-matter': iso(0.23),
  // anatomy.md §6: 1.7 (same table; 1.654–1.8 elsewhere)
  csf: iso(1.7),
  // models.md §4.2: Holsheimer-type 0.03 (unverified); published range 0.02–0.6 (Khadka 2025)
  dura: iso(0.03),
  // anatomy.md §6: 0.04 (Capogrosso table); range 0.025–0.25 (Khadka 2025)
  'epidural-fat': iso(0.04),
  // anatomy.md §6: lumped vertebral bone 0.02 (Capogrosso table)
  bone: iso(0.02),
  // nominal guess: thoracolumbar paraspinal soft tissue as isotropic muscle 0.16 (Geddes & Baker via anatomy.md §6)
  'soft-tissue': iso(0.16),
  // anatomy.md §6: derived modelling choice, endoneurium-like 0.167 across / 0.571 along
  'nerve-root': aniso(0.167, 0.571),
  // anatomy.md §6: unverified placeholder between endoneurium transverse and longitudinal; nominal 0.167 / 0.571 homogenised
  ganglion: aniso(0.167, 0.571),
  // anatomy.md §6: fat 1/30 = 0.0333 (ASCENT, Geddes & Baker)
  'foraminal-fat': iso(0.0333),
  // models.md §4.1: ASCENT endoneurium {1/6, 1/6, 1/1.75}
  endoneurium: aniso(1 / 6, 1 / 1.75),
  // models.md §4.1: ASCENT epineurium 1/6.3
  epineurium: iso(1 / 6.3),
  // models.md §4.1: ASCENT muscle {0.086, 0.086, 0.35} (Gielen 1984)
  muscle: aniso(0.086, 0.35),
  // models.md §4.1: ASCENT fat 1/30 (Geddes & Baker 1967)
  fat: iso(1 / 30),
  // anatomy.md §6: wet skin 0.0029 S/m is Gabriel at 10 kHz; nominal choice 0.0029 (low-frequency skin uncertain, IT'IS)
  skin: iso(0.0029),
};

/** Perineurium as a thin resistive layer: conductivity and thickness rule (models.md §4.1). */
export const PERINEURIUM = {
  // models.md §4.1: ASCENT perineurium (DC) 1/1149 S/m (Weerasuriya 1984; Pelot 2019)
  sigmaSPerM: 1 / 1149,
  // anatomy.md §5.2: human thickness = 0.03702·d_fasc + 10.50 µm (Pelot 2020, ASCENT)
  thicknessSlope: 0.03702,
  // anatomy.md §5.2: intercept 10.50 µm
  thicknessInterceptUm: 10.5,
} as const;

/** Perineurium thickness (µm) for a fascicle of diameter dUm (µm); anatomy.md §5.2. */
export function perineuriumThicknessUm(fascicleDiameterUm: number): number {
  return PERINEURIUM.thicknessSlope * fascicleDiameterUm + PERINEURIUM.thicknessInterceptUm;
}

/** Ranges for sensitivity studies (S/m, applied to both components unless noted). */
export const CONDUCTIVITY_RANGES: Partial<
  Record<Tissue, { minSPerM: number; maxSPerM: number; source: string }>
> = {
  'epidural-fat': {
    minSPerM: 0.025,
    maxSPerM: 0.25,
    source: 'Khadka, Wang & Bikson 2025 (models.md §4.2)',
  },
  dura: { minSPerM: 0.02, maxSPerM: 0.6, source: 'Khadka, Wang & Bikson 2025 (models.md §4.2)' },
  csf: { minSPerM: 1.654, maxSPerM: 1.8, source: 'anatomy.md §6 (Wagner 2004; Baumann 1997)' },
  bone: {
    minSPerM: 0.0055,
    maxSPerM: 0.083,
    source: 'anatomy.md §6 (Akhtari 2002 cortical … Gabriel cancellous)',
  },
  'grey-matter': {
    minSPerM: 0.089,
    maxSPerM: 0.23,
    source: 'anatomy.md §6 (Gabriel 100 Hz brain GM … Capogrosso table)',
  },
  fat: {
    minSPerM: 0.016,
    maxSPerM: 0.04,
    source: 'anatomy.md §6 (Gabriel breast fat … Bucksot 2019)',
  },
  skin: {
    minSPerM: 0.0002,
    maxSPerM: 0.43,
    source: 'anatomy.md §6 (Gabriel dry skin … Holdefer 2006)',
  },
  muscle: {
    minSPerM: 0.086,
    maxSPerM: 1.022,
    source: 'anatomy.md §6 (Gielen transverse … Gabriel 10 kHz longitudinal)',
  },
  epineurium: {
    minSPerM: 0.008,
    maxSPerM: 0.159,
    source: 'models.md §4.1 (Bucksot 2019 … ASCENT)',
  },
};

/** Named presets (ModelSettings.conductivityPreset). */
export const CONDUCTIVITY_PRESETS: Record<string, { description: string; set: ConductivitySet }> = {
  default: {
    description: 'Default set, one source per tissue (anatomy.md §6)',
    set: DEFAULT_CONDUCTIVITIES,
  },
  'low-fat': {
    description:
      'Epidural/foraminal fat at the low end of the published range, 0.025 S/m (Khadka 2025)',
    set: { ...DEFAULT_CONDUCTIVITIES, 'epidural-fat': iso(0.025), 'foraminal-fat': iso(0.025) },
  },
  'high-fat': {
    description:
      'Epidural/foraminal fat at the high end of the published range, 0.25 S/m (Khadka 2025)',
    set: { ...DEFAULT_CONDUCTIVITIES, 'epidural-fat': iso(0.25), 'foraminal-fat': iso(0.25) },
  },
  'high-dura': {
    description: 'Dura at the high end of the published range, 0.6 S/m (Khadka 2025)',
    set: { ...DEFAULT_CONDUCTIVITIES, dura: iso(0.6) },
  },
};

/** Looks up a preset by name; undefined when unknown (callers report the name). */
export function conductivityPreset(name: string): ConductivitySet | undefined {
  return CONDUCTIVITY_PRESETS[name]?.set;
}
