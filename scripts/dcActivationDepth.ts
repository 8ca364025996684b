/**
 * Depth of dorsal-column activation against amplitude, as multiples of the modelled perception
 * threshold (the lowest DC threshold under the lead): a reported model output
 * (models/field/README.md "Dorsal-column activation depth"), not a validation target.
 * T10, a single Ø1.3 × 3 mm cathode on the dura over the midline, 12 µm DC fibres 0.02–1 mm deep
 * on the midline, 210 µs pulse, instant tier. Run: npx tsx scripts/dcActivationDepth.ts
 */
import { crossSection, DEFAULT_CONDUCTIVITIES, resolveAnatomy } from '../models/anatomy/index.ts';
import { conductorFromSection, solveUnitFields } from '../models/field/index.ts';
import type { FiberPath } from '../models/neuron/populations.ts';
import { populationThresholds } from '../models/estimate/index.ts';

const DEPTHS_MM = [0.02, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0];
const MULTIPLES = [1.2, 1.4, 1.6, 2];

for (const dCsf of [2.5, 4.1]) {
  const p = resolveAnatomy({ kind: 'spine', level: 'T10', dorsalCsfThicknessMm: dCsf });
  if (p.kind !== 'spine') throw new Error('spine expected');
  const cond = conductorFromSection(crossSection(p), DEFAULT_CONDUCTIVITIES);
  const f = solveUnitFields(cond, [
    {
      kind: 'ring',
      centreMm: { x: 0, y: p.duraDorsalYMm + 0.7, z: 0 },
      axis: { x: 0, y: 0, z: 1 },
      lengthMm: 3,
      diameterMm: 1.3,
    },
  ]);
  const paths: FiberPath[] = DEPTHS_MM.map((d, i) => ({
    id: `dc-${i}`,
    type: 'DC',
    model: 'mrg-interp',
    diameterUm: 12,
    pathMm: Float64Array.from([0, p.cordDorsalYMm - d, -30, 0, p.cordDorsalYMm - d, 30]),
  }));
  const t = populationThresholds(
    f,
    paths,
    [1],
    { kind: 'mono-cathodic', pulseWidthUs: 210 },
    'instant',
  );
  const perception = Math.min(...t);
  const deepest = MULTIPLES.map((m) => {
    const fired = DEPTHS_MM.filter((_d, i) => t[i]! <= m * perception);
    return `${m}×: ${Math.max(...fired)} mm`;
  });
  console.log(
    `dCSF ${dCsf} mm: perception ${perception.toFixed(2)} mA; 0.3 mm / surface ${(t[3]! / t[0]!).toFixed(2)}; deepest fibre firing at ${deepest.join(', ')}`,
  );
}
