/** MRG double cable with geometry interpolated between diameters (PyFibers MRG_INTERPOLATION). */
import { defineFiberModel } from '../fiberModel.ts';
import { MRG_INSTANT_TABLE } from '../instantCalibration.ts';
import {
  MRG_INTERP_RANGE_UM,
  MRG_MECHANISMS,
  buildMrg,
  mrgDiameterProblem,
  mrgInterpolatedGeometry,
} from '../mrg.ts';

export const mrgInterpModel = defineFiberModel({
  id: 'mrg-interp',
  label: 'MRG, interpolated geometry',
  myelinated: true,
  diameter: {
    minUm: MRG_INTERP_RANGE_UM.min,
    maxUm: MRG_INTERP_RANGE_UM.max,
    // models.md §2.2: the quadratic fits of PyFibers mrg.py l.82–92 and ASCENT fiber_z.json
    source: 'range of the MRG_INTERPOLATION fits (PyFibers mrg.py; ASCENT fiber_z.json)',
  },
  diameterProblem: (d) => mrgDiameterProblem('mrg-interp', d),
  build: (d, opts) => buildMrg('mrg-interp', d, opts),
  internodeLengthUm: (d) => mrgInterpolatedGeometry(d).deltaXUm,
  mechanisms: MRG_MECHANISMS,
  branches: { collaterals: true, stem: true },
  // the MRG table, bilinear in diameter between its 2–16 µm columns (instant.ts)
  instantCalibration: MRG_INSTANT_TABLE,
  populationRole: 'myelinated',
  citation:
    'McIntyre CC, Richardson AG, Grill WM. J Neurophysiol 87:995 (2002); geometry fits of PyFibers mrg.py (MRG_INTERPOLATION)',
});
