import { toAnatomy } from '../../anatomy/shapes.ts';
import { drgNeurons, mapPathPoints, type FiberPath } from '../../neuron/populations.ts';
import type { TherapyModule } from './types.ts';

/** DRG: the ganglion's neurons (stem and soma on the T-junction). */
export const drgTherapy: TherapyModule = {
  therapy: 'DRG',
  anatomyKind: 'drg',
  windowScanToMa: 6, // DRG maximum, Abbott Axium (clinical.md §3.2)
  instantNotes: [],
  populations(r, n, seed) {
    if (r.kind !== 'drg') throw new Error('DRG populations need a ganglion anatomy');
    // generator frame: ganglion along +z (central); structure frame: w along the root, distal → (−x, y, −z)
    const toFrame = (paths: FiberPath[]) =>
      paths.map((p) => mapPathPoints(p, (x, y, z) => toAnatomy(r.frame, -x, y, -z)));
    const all = drgNeurons({
      count: n,
      seed,
      ganglionHalfLengthMm: r.ganglionLengthMm / 2,
      ganglionRadiusMm: r.ganglionWidthMm / 2,
    });
    return [
      {
        id: 'drg-abeta',
        name: 'DRG Aβ neurons',
        paths: toFrame(all.filter((p) => p.type === 'DRG-axon')),
      },
    ];
  },
};
