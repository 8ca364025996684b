import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import type { FiberPath } from '../../models/neuron/populations.ts';

// the first population (dorsal columns, inside the pale cord) takes the colour that stands out on it
const ACTIVE = ['#ff4fd8', '#ff7a45', '#ffd23f', '#53f0a0', '#ffb13b', '#7fd4ff'];
const INACTIVE = new THREE.Color('#5d7380');

/**
 * Fibre paths of each population as line segments: activated fibres in their population's
 * bright colour, the others in grey. A DRG neuron adds its stem (a segment to the soma) and its
 * soma (a dot). One line and one point geometry per population keep it to a few draw calls.
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
        const polylines = (p: FiberPath) => (p.stem ? [p.pathMm, p.stem.pathMm] : [p.pathMm]);
        let segments = 0;
        let somas = 0;
        for (const p of pop.paths) {
          for (const a of polylines(p)) segments += Math.max(0, a.length / 3 - 1);
          if (p.stem) somas++;
        }
        const pos = new Float32Array(segments * 6);
        const col = new Float32Array(segments * 6);
        const somaPos = new Float32Array(somas * 3);
        const somaCol = new Float32Array(somas * 3);
        const on = new THREE.Color(ACTIVE[pi % ACTIVE.length]);
        let o = 0;
        let q = 0;
        pop.paths.forEach((p, fi) => {
          const c = activated[pi]?.[fi] ? on : INACTIVE;
          for (const a of polylines(p)) {
            for (let i = 0; i + 5 < a.length; i += 3) {
              for (let k = 0; k < 6; k++) pos[o + k] = a[i + k]!;
              col.set([c.r, c.g, c.b, c.r, c.g, c.b], o);
              o += 6;
            }
          }
          if (p.stem) {
            const s = p.stem.pathMm;
            somaPos.set(s.subarray(s.length - 3), q);
            somaCol.set([c.r, c.g, c.b], q);
            q += 3;
          }
        });
        const lines = new THREE.BufferGeometry();
        lines.setAttribute('position', new THREE.BufferAttribute(pos, 3));
        lines.setAttribute('color', new THREE.BufferAttribute(col, 3));
        const points = new THREE.BufferGeometry();
        points.setAttribute('position', new THREE.BufferAttribute(somaPos, 3));
        points.setAttribute('color', new THREE.BufferAttribute(somaCol, 3));
        return { lines, points, somas };
      }),
    [populations, activated],
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
