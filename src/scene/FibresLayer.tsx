import { useEffect, useLayoutEffect, useMemo } from 'react';
import * as THREE from 'three';
import { useThree } from '@react-three/fiber';
import { LineSegments2 } from 'three/examples/jsm/lines/LineSegments2.js';
import { LineSegmentsGeometry } from 'three/examples/jsm/lines/LineSegmentsGeometry.js';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import type { FiberPath } from '../../models/neuron/populations.ts';
import { activeSegmentPositions, buildFibreBuffers, paintFibres } from './fibreBuffers.ts';

// the first population (dorsal columns, inside the pale cord) takes the colour that stands out on it
const ACTIVE = ['#ff4fd8', '#ff7a45', '#ffd23f', '#53f0a0', '#ffb13b', '#7fd4ff'];
const INACTIVE = new THREE.Color('#4f636e');
const rgb = (c: THREE.Color) => [c.r, c.g, c.b] as const;

/** Screen-space widths (px) of the highlight over firing fibres: a soft halo and a bright core. */
const HALO_PX = 7;
const CORE_PX = 2.6;

/**
 * The firing fibres of one population drawn again as thick screen-space lines (a translucent
 * halo under a bright core), so that they stand out from tissue and from the thin grey fibres
 * at any zoom and from any camera preset. Positions are copied from the built buffers.
 *
 * The two lines and their materials live as long as the population's colour: a new estimate
 * (or a partial one, several a second while the full model runs) swaps only their geometry.
 * A material made anew per estimate would be compiled anew, because the old one's disposal
 * releases the shader program before the new one is first drawn.
 */
function Highlight({ positions, colour }: { positions: Float32Array; colour: string }) {
  const size = useThree((s) => s.size);
  const invalidate = useThree((s) => s.invalidate);
  const lines = useMemo(() => {
    const make = (width: number, opacity: number, order: number) => {
      const m = new LineMaterial({
        color: colour,
        linewidth: width,
        transparent: true,
        opacity,
        depthTest: false,
        depthWrite: false,
      });
      const l = new LineSegments2(new LineSegmentsGeometry(), m);
      l.renderOrder = order;
      l.frustumCulled = false;
      return l;
    };
    return [make(HALO_PX, 0.28, 5), make(CORE_PX, 1, 6)];
  }, [colour]);
  useLayoutEffect(() => {
    for (const l of lines) {
      const old = l.geometry;
      const g = new LineSegmentsGeometry();
      if (positions.length > 0) g.setPositions(positions);
      l.geometry = g;
      l.visible = positions.length > 0;
      old.dispose();
    }
    invalidate();
  }, [lines, positions, invalidate]);
  useLayoutEffect(() => {
    lines.forEach((o) => o.material.resolution.set(size.width, size.height));
  }, [lines, size.width, size.height]);
  useEffect(
    () => () =>
      lines.forEach((o) => {
        o.geometry.dispose();
        o.material.dispose();
      }),
    [lines],
  );
  return (
    <>
      {lines.map((o, i) => (
        <primitive key={i} object={o} />
      ))}
    </>
  );
}

/**
 * Fibre paths of each population as line segments: activated fibres in their population's
 * bright colour with a thick highlight, the others in thin grey. A DRG neuron adds its stem (a segment to the soma) and its
 * soma (a dot). One line and one point geometry per population keep it to a few draw calls.
 * The geometry is built once per path set; a new estimate rewrites only the colour attribute.
 */
export function FibresLayer({
  populations,
  activated,
}: {
  populations: { name: string; paths: FiberPath[] }[];
  /** per population, per fibre; missing means not yet estimated */
  activated: (boolean[] | undefined)[];
}) {
  const geometries = useMemo(
    () =>
      populations.map((pop) => {
        const buffers = buildFibreBuffers(pop.paths);
        const lines = new THREE.BufferGeometry();
        lines.setAttribute('position', new THREE.BufferAttribute(buffers.linePositions, 3));
        lines.setAttribute('color', new THREE.BufferAttribute(buffers.lineColours, 3));
        const points = new THREE.BufferGeometry();
        points.setAttribute('position', new THREE.BufferAttribute(buffers.somaPositions, 3));
        points.setAttribute('color', new THREE.BufferAttribute(buffers.somaColours, 3));
        return { buffers, lines, points, somas: buffers.somaPositions.length / 3 };
      }),
    [populations],
  );
  // colours only: the same buffers, rewritten in place and re-uploaded before the frame
  useLayoutEffect(() => {
    geometries.forEach((g, pi) => {
      paintFibres(
        g.buffers,
        activated[pi],
        rgb(new THREE.Color(ACTIVE[pi % ACTIVE.length])),
        rgb(INACTIVE),
      );
      g.lines.getAttribute('color').needsUpdate = true;
      g.points.getAttribute('color').needsUpdate = true;
    });
  }, [geometries, activated]);
  const highlights = useMemo(
    () => geometries.map((g, pi) => activeSegmentPositions(g.buffers, activated[pi])),
    [geometries, activated],
  );
  useEffect(
    () => () =>
      geometries.forEach((g) => {
        g.lines.dispose();
        g.points.dispose();
      }),
    [geometries],
  );
  return (
    <group>
      {geometries.map((g, i) => (
        <group key={i}>
          <lineSegments geometry={g.lines} renderOrder={3}>
            <lineBasicMaterial vertexColors transparent opacity={0.4} depthTest={false} />
          </lineSegments>
          <Highlight positions={highlights[i]!} colour={ACTIVE[i % ACTIVE.length]!} />
          {g.somas > 0 ? (
            <points geometry={g.points} renderOrder={4}>
              <pointsMaterial vertexColors size={5} sizeAttenuation={false} depthTest={false} />
            </points>
          ) : null}
        </group>
      ))}
    </group>
  );
}
