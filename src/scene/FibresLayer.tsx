import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import type { FiberPath } from '../../models/neuron/populations.ts';

// the first population (dorsal columns, inside the pale cord) takes the colour that stands out on it
const ACTIVE = ['#ff4fd8', '#ff7a45', '#ffd23f', '#53f0a0', '#ffb13b', '#7fd4ff'];
const INACTIVE = new THREE.Color('#5d7380');

/**
 * Fibre paths of each population as line segments: activated fibres in their population's
 * bright colour, the others in grey. One geometry per population keeps it to a few draw calls.
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
      populations.map((pop, pi) => {
        let segments = 0;
        for (const p of pop.paths) segments += Math.max(0, p.pathMm.length / 3 - 1);
        const pos = new Float32Array(segments * 6);
        const col = new Float32Array(segments * 6);
        const on = new THREE.Color(ACTIVE[pi % ACTIVE.length]);
        let o = 0;
        pop.paths.forEach((p, fi) => {
          const c = activated[pi]?.[fi] ? on : INACTIVE;
          const a = p.pathMm;
          for (let i = 0; i + 5 < a.length; i += 3) {
            for (let k = 0; k < 6; k++) pos[o + k] = a[i + k]!;
            col.set([c.r, c.g, c.b, c.r, c.g, c.b], o);
            o += 6;
          }
        });
        const g = new THREE.BufferGeometry();
        g.setAttribute('position', new THREE.BufferAttribute(pos, 3));
        g.setAttribute('color', new THREE.BufferAttribute(col, 3));
        return g;
      }),
    [populations, activated],
  );
  useEffect(() => () => geometries.forEach((g) => g.dispose()), [geometries]);
  return (
    <group>
      {geometries.map((g, i) => (
        <lineSegments key={i} geometry={g} renderOrder={3}>
          <lineBasicMaterial vertexColors transparent opacity={0.9} depthTest={false} />
        </lineSegments>
      ))}
    </group>
  );
}
