import { useMemo } from 'react';
import * as THREE from 'three';

/** An elliptic tube along z: the shape of every structure in the simplified anatomy. */
export interface TubeShape {
  id: string;
  label: string;
  centerXMm: number;
  centerYMm: number;
  radiusXMm: number;
  radiusYMm: number;
  zMinMm: number;
  zMaxMm: number;
  color: string;
  opacity: number;
  visible?: boolean;
}

function Tube({ shape }: { shape: TubeShape }) {
  const geometry = useMemo(() => {
    const g = new THREE.CylinderGeometry(1, 1, 1, 48, 1, false);
    g.rotateX(Math.PI / 2); // cylinder axis from y to z
    return g;
  }, []);
  const length = shape.zMaxMm - shape.zMinMm;
  return (
    <mesh
      geometry={geometry}
      position={[shape.centerXMm, shape.centerYMm, (shape.zMinMm + shape.zMaxMm) / 2]}
      scale={[shape.radiusXMm, shape.radiusYMm, length]}
      renderOrder={shape.opacity < 1 ? 1 : 0}
    >
      <meshStandardMaterial
        color={shape.color}
        transparent={shape.opacity < 1}
        opacity={shape.opacity}
        depthWrite={shape.opacity >= 1}
        roughness={0.6}
        side={shape.opacity < 1 ? THREE.DoubleSide : THREE.FrontSide}
      />
    </mesh>
  );
}

export function AnatomyModel({ shapes }: { shapes: TubeShape[] }) {
  return (
    <group>
      {shapes
        .filter((s) => s.visible !== false)
        .map((s) => (
          <Tube key={s.id} shape={s} />
        ))}
    </group>
  );
}
