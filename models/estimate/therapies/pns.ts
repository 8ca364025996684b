import type { Fascicle, FascicleIdentity } from '../../anatomy/nerve.ts';
import {
  fascicleFibers,
  type FascicleFiberClass,
  type FiberPath,
} from '../../neuron/populations.ts';
import type { Population, TherapyModule } from './types.ts';

/** Stable ids of the PNS populations (results, scene colours and the CLI key on them). */
export const PNS_SENSORY_ID = 'pns-sensory';
export const PNS_MOTOR_ID = 'pns-motor';

/**
 * Motor axons of a motor fascicle: large (Aα) 70 %, intermediate (γ) 30 % of the myelinated
 * motor fibres (human L3–L5 ventral roots, Kawamura et al. 1977, anatomy.md §5.3).
 */
export const MOTOR_MIX: Partial<Record<FascicleFiberClass, number>> = { Aα: 0.7, Aγ: 0.3 };
/** Sensory axons: the nominal cutaneous-like mix of fascicleFibers without its Aα share. */
export const SENSORY_MIX: Partial<Record<FascicleFiberClass, number>> = {
  Aβ: 0.2,
  Aδ: 0.15,
  C: 0.6,
};
/**
 * Share of a mixed fascicle's fibres that are motor: 6 % myelinated motor of the 77 % that are
 * somatic (rat sciatic: 6 % myelinated motor, 23 % myelinated sensory, 48 % unmyelinated sensory,
 * the sympathetic 23 % left out; anatomy.md §5.3, a rat proxy) → 0.08.
 */
export const MIXED_MOTOR_SHARE = 6 / 77;

/** Relative density of one kind of fibre in a fascicle of each identity. */
function share(identity: FascicleIdentity, kind: 'sensory' | 'motor'): number {
  if (identity === 'mixed') return kind === 'motor' ? MIXED_MOTOR_SHARE : 1 - MIXED_MOTOR_SHARE;
  return identity === kind ? 1 : 0;
}

/**
 * `n` fibres shared out over the fascicles in proportion to fascicle area × density of the kind
 * (largest remainder, so the counts add up to n exactly).
 */
export function fibresPerFascicle(
  fascicles: readonly Fascicle[],
  kind: 'sensory' | 'motor',
  n: number,
): number[] {
  const w = fascicles.map((f) => f.diameterMm ** 2 * share(f.identity, kind));
  const total = w.reduce((a, b) => a + b, 0);
  if (total === 0) return fascicles.map(() => 0);
  const exact = w.map((x) => (n * x) / total);
  const counts = exact.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, r: x - Math.floor(x) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left-- <= 0) break;
    counts[i]! += 1;
  }
  return counts;
}

function kindFibres(
  fascicles: readonly Fascicle[],
  kind: 'sensory' | 'motor',
  n: number,
  seed: number,
): FiberPath[] {
  const counts = fibresPerFascicle(fascicles, kind, n);
  return fascicles.flatMap((f, i) =>
    counts[i]! > 0
      ? fascicleFibers({
          count: counts[i]!,
          // one seed per fascicle and kind, so that the two populations draw apart
          seed: seed + i + (kind === 'motor' ? 7919 : 0),
          centreMm: [f.centreUMm, f.centreVMm],
          radiusMm: f.diameterMm / 2,
          mix: kind === 'motor' ? MOTOR_MIX : SENSORY_MIX,
          idPrefix: `fascicle-${i + 1}-${kind}-`,
        })
      : [],
  );
}

/** PNS: the sensory and the motor fibres of the nerve's fascicles, each as one population. */
export const pnsTherapy: TherapyModule = {
  therapy: 'PNS',
  anatomyKind: 'nerve',
  windowScanToMa: 10.2, // PNS maximum, Nalu (clinical.md §3.2)
  // measured on the default PNS plan (1000 µs): instant/full median 1.2–3.2 per fascicle
  // (README, "Instant tier against the full model"), before the sensory/motor split
  instantNotes: [
    'instant tier inside fascicles: not calibrated for the perineurium-confined field, for the sensory or the motor population; on the default PNS plan it read 1.2–3.2× the full tier (median per fascicle). Use the full tier for PNS thresholds',
  ],
  // measured: test/validation/field (README "Accuracy"); SCS and DRG meet 2 %
  fieldNotes: [
    'field inside the fascicles: grid-converged to 2.8 % (instant thresholds against a 3× finer grid, default sciatic plan; the 4 fascicles nearest the lead within 1.1 %, the others up to 2.8 % low), not yet the 2 % the SCS and DRG fields meet',
    'fascicle identities (sensory, motor, mixed) and the fibre mixes are nominal unless the nerve preset cites them (models/anatomy/nerve.ts); Aα proprioceptive afferents are not modelled apart from the motor axons',
  ],
  populations(r, n, seed) {
    if (r.kind !== 'nerve') throw new Error('PNS populations need a nerve anatomy');
    const out: Population[] = [];
    const sensory = kindFibres(r.fascicles, 'sensory', n, seed);
    if (sensory.length)
      out.push({ id: PNS_SENSORY_ID, name: 'sensory fibres (Aβ, Aδ, C)', paths: sensory });
    const motor = kindFibres(r.fascicles, 'motor', n, seed);
    // motor fibres are a side effect of stimulation for pain: they stay out of the perception
    // marker and the dermatomes, and the safety state warns when the program recruits them
    if (motor.length)
      out.push({
        id: PNS_MOTOR_ID,
        name: 'motor fibres (Aα, γ)',
        paths: motor,
        sideEffect: 'motor',
      });
    return out;
  },
};
