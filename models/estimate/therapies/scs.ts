import { DREZ_ANGLE_DEG } from '../../anatomy/roots.ts';
import { dcFibresInRegion } from '../../response/ecap.ts';
import {
  DC_DEPTH_MM,
  DC_DIAMETER_RANGE_UM,
  DC_HALF_WIDTH_PER_CORD_RADIUS,
  dorsalColumnFibers,
  dorsalRootFibers,
  fascicleFibers,
  type FiberPath,
} from '../../neuron/populations.ts';
import type { TherapyModule } from './types.ts';

/** SCS: dorsal columns and the dorsal roots of both sides (cauda equina roots below the conus). */
export const scsTherapy: TherapyModule = {
  therapy: 'SCS',
  anatomyKind: 'spine',
  windowScanToMa: 25.5, // tonic SCS maximum, Abbott/Boston (clinical.md §3.2)
  instantNotes: [],
  populations(r, n, seed) {
    if (r.kind !== 'spine') throw new Error('SCS populations need a spine anatomy');
    const cordRadiusMm = r.cordApMm / 2;
    const cordHalfWidthMm = r.cordRlMm / 2;
    // the roots enter where models/anatomy draws the dorsal root entry zones
    const rootShape = { cordRadiusMm, cordHalfWidthMm, entryAngleDeg: DREZ_ANGLE_DEG };
    const shift = (paths: FiberPath[]) =>
      paths.map((p) => {
        const q = Float64Array.from(p.pathMm);
        for (let i = 0; i < q.length; i += 3) q[i]! += r.cordLateralOffsetMm;
        return { ...p, pathMm: q };
      });
    if (r.caudaEquina) {
      return [
        {
          id: 'cauda-equina',
          name: 'cauda equina roots',
          paths: shift(
            fascicleFibers({
              count: n,
              seed,
              centreMm: [0, 0],
              radiusMm: cordRadiusMm,
              mix: { Aα: 0.3, Aβ: 0.7, Aδ: 0, C: 0 },
            }),
          ),
        },
      ];
    }
    return [
      {
        id: 'dorsal-columns',
        name: 'dorsal columns',
        paths: shift(dorsalColumnFibers({ count: n, seed, cordRadiusMm, cordHalfWidthMm })),
        represents: {
          fibres: dcFibresInRegion({
            halfWidthMm: DC_HALF_WIDTH_PER_CORD_RADIUS * cordRadiusMm,
            depthMm: DC_DEPTH_MM,
            minDiameterUm: DC_DIAMETER_RANGE_UM[0],
            maxDiameterUm: DC_DIAMETER_RANGE_UM[1],
          }),
          source: 'Feirabend et al. 2002 fibre density × the sampled dorsal-column layer',
        },
      },
      {
        id: 'dorsal-roots-left',
        name: 'dorsal roots (left)',
        paths: shift(dorsalRootFibers({ count: n, seed: seed + 1, ...rootShape, side: 1 })),
      },
      {
        id: 'dorsal-roots-right',
        name: 'dorsal roots (right)',
        paths: shift(dorsalRootFibers({ count: n, seed: seed + 2, ...rootShape, side: -1 })),
      },
    ];
  },
};
