import { describe, expect, it } from 'vitest';
import {
  activeSegmentPositions,
  buildFibreBuffers,
  paintFibres,
} from '../../../src/scene/fibreBuffers.ts';
import type { FiberPath } from '../../../models/neuron/populations.ts';

const path = (id: string, pts: number[], stem?: number[]): FiberPath =>
  ({
    id,
    type: 'DC',
    model: 'mrg',
    diameterUm: 10,
    pathMm: Float64Array.from(pts),
    ...(stem ? { stem: { pathMm: Float64Array.from(stem), diameterUm: 3 } } : {}),
  }) as FiberPath;

describe('fibre buffers: geometry once, colours per estimate', () => {
  const paths = [
    path('a', [0, 0, 0, 0, 0, 1, 0, 0, 2]), // 2 segments
    path('b', [1, 0, 0, 1, 0, 1], [1, 0, 0.5, 1, 1, 0.5]), // 1 segment + a 1-segment stem
  ];
  it('lays out every segment as two vertices and records each fibre’s range and soma', () => {
    const b = buildFibreBuffers(paths);
    expect(b.linePositions.length).toBe(4 * 6);
    expect(Array.from(b.fibreVertices)).toEqual([0, 4]);
    expect(Array.from(b.fibreVertexCounts)).toEqual([4, 4]);
    expect(Array.from(b.fibreSoma)).toEqual([-1, 0]);
    expect(Array.from(b.somaPositions)).toEqual([1, 1, 0.5]);
    // the second segment of fibre a runs from z = 1 to z = 2
    expect(Array.from(b.linePositions.subarray(6, 12))).toEqual([0, 0, 1, 0, 0, 2]);
  });
  it('repaints in place: positions untouched, each fibre’s vertices and soma in its colour', () => {
    const b = buildFibreBuffers(paths);
    const positions = b.linePositions.slice();
    const on = [1, 0, 0] as const;
    const off = [0, 0, 1] as const;
    paintFibres(b, [false, true], on, off);
    expect(Array.from(b.lineColours.subarray(0, 12))).toEqual([0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1]);
    expect(Array.from(b.lineColours.subarray(12, 24))).toEqual([
      1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0,
    ]);
    expect(Array.from(b.somaColours)).toEqual([1, 0, 0]);
    paintFibres(b, undefined, on, off); // not yet estimated: all off
    expect(Array.from(b.somaColours)).toEqual([0, 0, 1]);
    expect(b.linePositions).toEqual(positions);
  });
  it('copies the segments of the firing fibres only, for the highlight', () => {
    const b = buildFibreBuffers(paths);
    expect(activeSegmentPositions(b, undefined).length).toBe(0);
    expect(activeSegmentPositions(b, [false, false]).length).toBe(0);
    // fibre b: its own segment and its stem
    expect(Array.from(activeSegmentPositions(b, [false, true]))).toEqual([
      1, 0, 0, 1, 0, 1, 1, 0, 0.5, 1, 1, 0.5,
    ]);
    expect(activeSegmentPositions(b, [true, true])).toEqual(b.linePositions);
  });
});
