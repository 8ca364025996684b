/** McNeal/SENN-type myelinated axon with Frankenhaeuser–Huxley nodes (Reilly 2016 benchmark). */
import { defineFiberModel } from '../fiberModel.ts';
import { MCNEAL_RANGE_UM, buildMcNeal } from '../mcneal.ts';

export const mcnealModel = defineFiberModel({
  id: 'mcneal',
  label: 'McNeal/SENN, Frankenhaeuser–Huxley nodes',
  myelinated: true,
  diameter: {
    minUm: MCNEAL_RANGE_UM.min,
    maxUm: MCNEAL_RANGE_UM.max,
    source: 'our validity range: the SENN geometry scales with D (Reilly 2016)',
  },
  build: (d, opts) => buildMcNeal(d, opts),
  internodeLengthUm: (d) => buildMcNeal(d, { nodeCount: 3 }).internodeLengthUm,
  mechanisms: [
    {
      region: 'nodes',
      mechanism: 'Frankenhaeuser–Huxley GHK currents, 20 °C (FH 1964; Reilly 2016)',
    },
    { region: 'internodes', mechanism: 'none: perfectly insulating axial resistors' },
  ],
  branches: { collaterals: false, stem: false },
  instantCalibration: null,
  populationRole: null,
  citation: 'McNeal DR, IEEE TBME 23:329 (1976); Reilly JP, Phys Med Biol 61:4346 (2016) benchmark',
});
