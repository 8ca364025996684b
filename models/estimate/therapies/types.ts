import type { ResolvedAnatomy } from '../../anatomy/index.ts';
import type { FiberPath } from '../../neuron/populations.ts';
import type { Scenario, Therapy } from '../../scenario.ts';

/** A fibre population of a plan; `id` is stable for a therapy and keys results. */
export interface Population {
  id: string;
  name: string;
  paths: FiberPath[];
  /**
   * The real fibres the modelled paths stand for (in the ECAP the sampled fibres are scaled to
   * it), with its source; absent where no density is known (those add unscaled)
   */
  represents?: { fibres: number; source: string };
  /**
   * A population recruited only as a side effect, and which one ('motor': muscle twitch or
   * contraction, e.g. the ventral root beside a DRG); absent for the therapy's targets
   */
  sideEffect?: 'motor';
}

/** What the estimate needs to know of one therapy. */
export interface TherapyModule {
  therapy: Therapy;
  anatomyKind: Scenario['anatomy']['kind'];
  /** the fibre populations of the resolved anatomy (seeded: the same inputs give the same fibres) */
  populations(r: ResolvedAnatomy, countPerPopulation: number, seed: number): Population[];
  /**
   * Top of the full tier's window scan (mA): the highest programmable amplitude of the systems
   * of clinical.md §3.2, fixed per therapy so that thresholds do not depend on the amplitude.
   */
  windowScanToMa: number;
  /** caveats of the instant tier for this therapy (shown with instant results) */
  instantNotes: string[];
  /** said with every estimate of this therapy: where its field is outside what was validated */
  fieldNotes?: string[];
}
