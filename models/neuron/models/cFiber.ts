/** Unmyelinated C fibre of Sundt, Gamper & Jaffe 2015, as PyFibers builds it. */
import { defineFiberModel } from '../fiberModel.ts';
import { C_FIBER_RANGE_UM, buildCFiber } from '../cFiber.ts';

export const cFiberModel = defineFiberModel({
  id: 'c-fiber',
  label: 'C fibre (Sundt 2015)',
  myelinated: false,
  diameter: {
    minUm: C_FIBER_RANGE_UM.min,
    maxUm: C_FIBER_RANGE_UM.max,
    source: 'our range around PyFibers SundtFiber (PyFibers warns above 2 µm)',
  },
  build: (d, opts) => buildCFiber(d, opts),
  // one compartment per "node": the compartment length (cFiber.ts)
  internodeLengthUm: (d) => buildCFiber(d, { nodeCount: 3 }).internodeLengthUm,
  mechanisms: [
    {
      region: 'every compartment',
      mechanism:
        'Traub–Miles Na (nahh, shifted for NaV1.7/1.8), Borg-Graham K (borgkdr), leak (Sundt 2015 kdr.mod, nahh.mod)',
    },
  ],
  branches: { collaterals: false, stem: false },
  instantCalibration: null,
  populationRole: 'unmyelinated',
  citation:
    'Sundt D, Gamper N, Jaffe DB. J Neurophysiol 114:3140 (2015); ModelDB 187473; PyFibers models/sundt.py',
});
