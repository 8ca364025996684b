import { useEffect, useLayoutEffect, useMemo } from 'react';
import * as THREE from 'three';
import type { FiberPath } from '../../models/neuron/populations.ts';
import { buildFibreBuffers, paintFibres } from './fibreBuffers.ts';

// the first population (dorsal columns, inside the pale cord) takes the colour that stands out on it
const ACTIVE = ['#ff4fd8', '#ff7a45', '#ffd23f', '#53f0a0', '#ffb13b', '#7fd4ff'];
const INACTIVE = new THREE.Color('#5d7380');
const rgb = (c: THREE.Color) => [c.r, c.g, c.b] as const;

/**
 * Fibre paths of each population as line segments: activated fibres in their population's
 * bright colour, the others in grey. A DRG neuron adds its stem (a segment to the soma) and its
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
            <lineBasicMaterial vertexColors transparent opacity={0.9} depthTest={false} />
          </lineSegments>
          {g.somas > 0 ? (
            <points geometry={g.points} renderOrder={4}>
              <pointsMaterial vertexColors size={4} sizeAttenuation={false} depthTest={false} />
            </points>
          ) : null}
        </group>
      ))}
    </group>
  );
}
