import { toAnatomy } from '../../anatomy/shapes.ts';
import {
  drgCNeuronAxons,
  drgNeurons,
  mapPathPoints,
  ventralRootFibers,
  type FiberPath,
} from '../../neuron/populations.ts';
import type { TherapyModule } from './types.ts';

/** Population ids of a DRG plan (stable: results are keyed by them). */
export const DRG_POPULATION_IDS = {
  abeta: 'drg-abeta',
  adelta: 'drg-adelta',
  c: 'drg-c',
  ventralRoot: 'drg-ventral-root',
} as const;

/**
 * Share of the fibres per population drawn for the C neurons (our choice): their 8.3 µm
 * compartment cable over 20 mm costs about 6× an Aβ neuron's full-tier search and 40× a
 * ventral-root axon's, and the population stays silent at clinical amplitudes; a quarter keeps
 * the full tier of a DRG plan near that of an SCS plan. Said with every estimate (fieldNotes).
 */
export const DRG_C_SAMPLE_FRACTION = 1 / 4;

/** How many C neurons a DRG plan samples for `fibresPerPopulation`. */
export function drgCNeuronCount(fibresPerPopulation: number): number {
  return Math.max(1, Math.round(fibresPerPopulation * DRG_C_SAMPLE_FRACTION));
}

/**
 * DRG: the ganglion's neurons (Aβ and Aδ cells whole, stem and soma on the T-junction; C cells
 * by their through axons) and, beside the ganglion, the ventral root's motor axons: a side
 * effect, not a target.
 */
export const drgTherapy: TherapyModule = {
  therapy: 'DRG',
  anatomyKind: 'drg',
  windowScanToMa: 6, // DRG maximum, Abbott Axium (clinical.md §3.2)
  instantNotes: [
    'instant tier: the DRG C neurons have no instant calibration (the C-fibre model is full tier only), so their instant thresholds read "not reached"; the full tier gives them',
  ],
  fieldNotes: [
    'DRG C neurons: only their through axons are modelled (Sundt C-fibre cable); the C-fibre model has no stem, T-junction or soma, and no C soma size was sourced, so the stem and soma of C cells are not simulated. A quarter of the fibres per population is drawn for them (their cable is the costliest)',
    'DRG ventral root: position beside the ganglion is nominal (ventral and caudal in the foramen); its diameter per level from Schalow 1985; only its large (Aα) motor axons are modelled. Its motor thresholds hang on that guessed position (0.3 mm outside the capsule), so a motor side-effect warning is indicative, not validated',
  ],
  populations(r, n, seed) {
    if (r.kind !== 'drg') throw new Error('DRG populations need a ganglion anatomy');
    // generator frame: ganglion along +z (central); structure frame: w along the root, distal → (−x, y, −z)
    const toFrame = (paths: FiberPath[]) =>
      paths.map((p) => mapPathPoints(p, (x, y, z) => toAnatomy(r.frame, -x, y, -z)));
    const ganglion = {
      count: n,
      ganglionHalfLengthMm: r.ganglionLengthMm / 2,
      ganglionRadiusMm: r.ganglionWidthMm / 2,
    };
    const throughAxons = (paths: FiberPath[]) => paths.filter((p) => p.type !== 'DRG-stem');
    const vr = r.ventralRoot;
    return [
      {
        id: DRG_POPULATION_IDS.abeta,
        name: 'DRG Aβ neurons',
        paths: toFrame(throughAxons(drgNeurons({ ...ganglion, seed, cell: 'Aβ' }))),
      },
      {
        id: DRG_POPULATION_IDS.adelta,
        name: 'DRG Aδ neurons',
        paths: toFrame(throughAxons(drgNeurons({ ...ganglion, seed: seed + 1, cell: 'Aδ' }))),
      },
      {
        id: DRG_POPULATION_IDS.c,
        name: 'DRG C neurons (through axons)',
        paths: toFrame(drgCNeuronAxons({ ...ganglion, count: drgCNeuronCount(n), seed: seed + 2 })),
      },
      {
        id: DRG_POPULATION_IDS.ventralRoot,
        name: 'ventral root motor axons (side effect)',
        sideEffect: 'motor',
        paths: toFrame(
          ventralRootFibers({
            count: n,
            seed: seed + 3,
            // generator x = −u, y = v (the map above)
            centreMm: [-vr.centreUMm, vr.centreVMm],
            radiusMm: vr.radiusMm,
          }),
        ),
      },
    ];
  },
};
