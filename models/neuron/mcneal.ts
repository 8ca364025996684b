/**
 * McNeal/SENN-type myelinated axon with Frankenhaeuser–Huxley nodes: the Reilly 2016
 * benchmark model (models.md §3.3). Nodes 2.5 µm long, axon diameter 0.7·D, node-to-node
 * 100·D, ρi 100 Ω·cm, cm 2 µF/cm², internodes perfectly insulating (pure axial resistors).
 */
import { assembleFiber, type Fiber } from './fiber.ts';
import { FH_TEMPERATURE_C, FH_V_REST_MV, FhNodeMechanism } from './fhNode.ts';
import { sectionArea, type SectionSpec } from './sections.ts';

const NODE_GAP_UM = 2.5; // Reilly 2016 / McNeal 1976 node gap
const AXON_TO_FIBER = 0.7; // Reilly 2016: axon diameter = 0.7·D
const INTERNODE_PER_D = 100; // Reilly 2016: L = 100·D
const RHO_I_OHM_CM = 100; // Reilly 2016 / models.md §3.3 ρi
const NODE_CM_UF_PER_CM2 = 2; // Reilly 2016 cm
export const MCNEAL_RANGE_UM = { min: 1, max: 30 } as const; // our validity range (SENN scales with D)

export function buildMcNeal(
  diameterUm: number,
  opts: { nodeCount: number; passiveEndNodes?: number },
): Fiber {
  if (!(diameterUm >= MCNEAL_RANGE_UM.min && diameterUm <= MCNEAL_RANGE_UM.max)) {
    throw new RangeError(
      `McNeal/FH fibre diameter must be ${MCNEAL_RANGE_UM.min}–${MCNEAL_RANGE_UM.max} µm`,
    );
  }
  const d = AXON_TO_FIBER * diameterUm;
  const spacingUm = INTERNODE_PER_D * diameterUm;
  const pen = opts.passiveEndNodes ?? 0;
  const sections: SectionSpec[] = [];
  const nodeSectionIndices: number[] = [];
  const active: number[] = [];
  const n = opts.nodeCount;
  const clampedOuter = { xraxialMOhmPerCm: 1e9, xgSPerCm2: 1e10, xcUfPerCm2: 0 };
  for (let i = 0; i < n; i++) {
    const passive = i < pen || n - 1 - i < pen;
    nodeSectionIndices.push(sections.length);
    if (!passive) active.push(sections.length);
    sections.push({
      kind: passive ? 'passive-node' : 'node',
      lengthUm: NODE_GAP_UM,
      diamUm: d,
      raOhmCm: passive ? 1e10 : RHO_I_OHM_CM, // PyFibers-style cut-off passive end node
      cmUfPerCm2: NODE_CM_UF_PER_CM2,
      gPasSPerCm2: passive ? 0.0303 : 0, // leak of the FH node (Reilly 2016 g_L)
      ePasMv: FH_V_REST_MV,
      ...clampedOuter,
    });
    if (i === n - 1) break;
    // insulated internode: a resistor with no membrane
    sections.push({
      kind: 'internode',
      lengthUm: spacingUm - NODE_GAP_UM,
      diamUm: d,
      raOhmCm: RHO_I_OHM_CM,
      cmUfPerCm2: 0,
      gPasSPerCm2: 0,
      ePasMv: FH_V_REST_MV,
      ...clampedOuter,
    });
  }
  const activeIdx = Int32Array.from(active);
  return assembleFiber({
    model: 'mcneal',
    diameterUm,
    sections,
    nodeSectionIndices,
    internodeLengthUm: spacingUm,
    passiveEndNodes: pen,
    vInitMv: FH_V_REST_MV,
    temperatureC: FH_TEMPERATURE_C,
    apThresholdMv: -20, // Reilly 2016 benchmark (models.md §3.3): −20 mV
    steadyStateMs: 0, // benchmark starts from v_init = −70 mV
    steadyStateDtMs: 1,
    createMechanisms: (_n, secs) => [
      new FhNodeMechanism(
        activeIdx,
        Float64Array.from(active, (k) => sectionArea(secs[k] as SectionSpec)),
      ),
    ],
  });
}
