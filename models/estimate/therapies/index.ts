import type { Therapy } from '../../scenario.ts';
import { drgTherapy } from './drg.ts';
import { pnsTherapy } from './pns.ts';
import { scsTherapy } from './scs.ts';
import type { TherapyModule } from './types.ts';

export type { Population, TherapyModule } from './types.ts';

/** The therapies the estimate knows: a new one is one file and one line here. */
export const THERAPY_MODULES: Record<Therapy, TherapyModule> = {
  SCS: scsTherapy,
  DRG: drgTherapy,
  PNS: pnsTherapy,
};

export function therapyModule(t: Therapy): TherapyModule {
  return THERAPY_MODULES[t];
}
