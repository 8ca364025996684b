import { fascicleFibers } from '../../neuron/populations.ts';
import type { TherapyModule } from './types.ts';

/** PNS: the fibres of each fascicle of the nerve. */
export const pnsTherapy: TherapyModule = {
  therapy: 'PNS',
  anatomyKind: 'nerve',
  windowScanToMa: 10.2, // PNS maximum, Nalu (clinical.md §3.2)
  // measured on the default PNS plan (1000 µs): instant/full median 1.2–3.2 per fascicle
  // (README, "Instant tier against the full model")
  instantNotes: [
    'instant tier inside fascicles: not calibrated for the perineurium-confined field; on the default PNS plan it reads 1.2–3.2× the full tier (median per fascicle). Use the full tier for PNS thresholds',
  ],
  // measured: test/validation/field (README "Accuracy"); SCS and DRG meet 2 %
  fieldNotes: [
    'field inside the fascicles: grid-converged to 2–9 % (instant thresholds against a 3× finer grid, default sciatic plan; the nearest fascicles within 3 %), not yet the 2 % the SCS and DRG fields meet',
  ],
  populations(r, n, seed) {
    if (r.kind !== 'nerve') throw new Error('PNS populations need a nerve anatomy');
    return r.fascicles.map((f, i) => ({
      id: `fascicle-${i + 1}`,
      name: `fascicle ${i + 1}`,
      paths: fascicleFibers({
        count: Math.max(1, Math.round(n / r.fascicles.length)),
        seed: seed + i,
        centreMm: [f.centreUMm, f.centreVMm],
        radiusMm: f.diameterMm / 2,
      }),
    }));
  },
};
