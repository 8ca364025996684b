/** MRG double cable with the published geometry table (McIntyre, Richardson & Grill 2002). */
import { defineFiberModel } from '../fiberModel.ts';
import { MRG_INSTANT_TABLE } from '../instantCalibration.ts';
import {
  MRG_MECHANISMS,
  MRG_TABLE,
  buildMrg,
  mrgDiameterProblem,
  mrgDiscreteGeometry,
} from '../mrg.ts';

export const mrgModel = defineFiberModel({
  id: 'mrg',
  label: 'MRG, tabulated geometry',
  myelinated: true,
  diameter: {
    minUm: MRG_TABLE[0]!.diameterUm,
    maxUm: MRG_TABLE[MRG_TABLE.length - 1]!.diameterUm,
    tabulatedUm: MRG_TABLE.map((g) => g.diameterUm),
    // models.md §2.1: MRGaxon.hoc dependent_var, PyFibers mrg.py l.69–80 (1 and 2 µm: later extensions)
    source: 'McIntyre 2002 geometry table (MRGaxon.hoc; PyFibers mrg.py)',
  },
  diameterProblem: (d) => mrgDiameterProblem('mrg', d),
  build: (d, opts) => buildMrg('mrg', d, opts),
  internodeLengthUm: (d) => mrgDiscreteGeometry(d)?.deltaXUm ?? NaN,
  mechanisms: MRG_MECHANISMS,
  branches: { collaterals: true, stem: true },
  // the table was calibrated on this geometry (scripts/calibrate.ts)
  instantCalibration: MRG_INSTANT_TABLE,
  populationRole: 'myelinated',
  citation:
    'McIntyre CC, Richardson AG, Grill WM. J Neurophysiol 87:995 (2002); ModelDB 3810 MRGaxon.hoc',
});
