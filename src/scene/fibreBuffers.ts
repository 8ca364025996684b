import type { FiberPath } from '../../models/neuron/populations.ts';

/**
 * Vertex buffers of one population's fibres, built once per path set: line-segment positions,
 * soma points (DRG neurons), and where each fibre's vertices lie, so that a new estimate only
 * rewrites colours (`paintFibres`), never the geometry.
 */
export interface FibreBuffers {
  linePositions: Float32Array;
  lineColours: Float32Array;
  somaPositions: Float32Array;
  somaColours: Float32Array;
  /** per fibre: first line vertex and vertex count; soma index or −1 */
  fibreVertices: Int32Array;
  fibreVertexCounts: Int32Array;
  fibreSoma: Int32Array;
}

const polylines = (p: FiberPath) => (p.stem ? [p.pathMm, p.stem.pathMm] : [p.pathMm]);

export function buildFibreBuffers(paths: FiberPath[]): FibreBuffers {
  let segments = 0;
  let somas = 0;
  for (const p of paths) {
    for (const a of polylines(p)) segments += Math.max(0, a.length / 3 - 1);
    if (p.stem) somas++;
  }
  const linePositions = new Float32Array(segments * 6);
  const somaPositions = new Float32Array(somas * 3);
  const fibreVertices = new Int32Array(paths.length);
  const fibreVertexCounts = new Int32Array(paths.length);
  const fibreSoma = new Int32Array(paths.length).fill(-1);
  let o = 0;
  let q = 0;
  paths.forEach((p, fi) => {
    fibreVertices[fi] = o / 3;
    for (const a of polylines(p)) {
      for (let i = 0; i + 5 < a.length; i += 3) {
        for (let k = 0; k < 6; k++) linePositions[o + k] = a[i + k]!;
        o += 6;
      }
    }
    fibreVertexCounts[fi] = o / 3 - fibreVertices[fi]!;
    if (p.stem) {
      const s = p.stem.pathMm;
      somaPositions.set(s.subarray(s.length - 3), q);
      fibreSoma[fi] = q / 3;
      q += 3;
    }
  });
  return {
    linePositions,
    lineColours: new Float32Array(linePositions.length),
    somaPositions,
    somaColours: new Float32Array(somaPositions.length),
    fibreVertices,
    fibreVertexCounts,
    fibreSoma,
  };
}

/** Rewrites the colours in place: `on` where a fibre fires, `off` elsewhere (RGB 0–1). */
export function paintFibres(
  b: FibreBuffers,
  activated: boolean[] | undefined,
  on: readonly [number, number, number],
  off: readonly [number, number, number],
): void {
  for (let fi = 0; fi < b.fibreVertices.length; fi++) {
    const c = activated?.[fi] ? on : off;
    const from = b.fibreVertices[fi]!;
    const to = from + b.fibreVertexCounts[fi]!;
    for (let v = from; v < to; v++) b.lineColours.set(c, 3 * v);
    const s = b.fibreSoma[fi]!;
    if (s >= 0) b.somaColours.set(c, 3 * s);
  }
}

/**
 * The line-segment positions of the fibres that fire, copied from the built buffers (no path is
 * walked again): the geometry of the highlight drawn over the activated fibres.
 */
export function activeSegmentPositions(
  b: FibreBuffers,
  activated: boolean[] | undefined,
): Float32Array {
  if (!activated) return new Float32Array(0);
  let n = 0;
  for (let fi = 0; fi < b.fibreVertices.length; fi++)
    if (activated[fi]) n += b.fibreVertexCounts[fi]!;
  const out = new Float32Array(3 * n);
  let o = 0;
  for (let fi = 0; fi < b.fibreVertices.length; fi++) {
    if (!activated[fi]) continue;
    const from = 3 * b.fibreVertices[fi]!;
    const len = 3 * b.fibreVertexCounts[fi]!;
    out.set(b.linePositions.subarray(from, from + len), o);
    o += len;
  }
  return out;
}
