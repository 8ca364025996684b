import { Canvas, useThree } from '@react-three/fiber';
import { OrbitControls } from '@react-three/drei';
import { useEffect, type ReactNode } from 'react';
import type { OrbitControls as OrbitControlsImpl } from 'three-stdlib';
import { anatomyToThree, CAMERA_PRESETS } from './cameraPresets.ts';

export interface SceneInfo {
  webgl2: boolean;
  renderer: string;
}

declare global {
  interface Window {
    /** what the 3D scene got from the browser; read by the e2e suite */
    __neuromodScene?: SceneInfo;
  }
}

function CameraRig({ presetId, target }: { presetId: string; target: [number, number, number] }) {
  const camera = useThree((s) => s.camera);
  const controls = useThree((s) => s.controls) as OrbitControlsImpl | null;
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    const preset = CAMERA_PRESETS.find((p) => p.id === presetId) ?? CAMERA_PRESETS[0]!;
    const t = anatomyToThree(target);
    const o = anatomyToThree(preset.offsetMm);
    camera.position.set(t[0] + o[0], t[1] + o[1], t[2] + o[2]);
    camera.lookAt(...t);
    if (controls) {
      controls.target.set(...t);
      controls.update();
    }
    invalidate();
  }, [presetId, camera, controls, invalidate, target]);
  return null;
}

/** The 3D viewport: orbit controls, camera presets, lights; the anatomy and leads come as children. */
export function SceneCanvas({
  presetId,
  target = [0, 0, 0],
  children,
  label,
}: {
  presetId: string;
  target?: [number, number, number];
  children: ReactNode;
  label: string;
}) {
  return (
    <div className="scene-canvas" role="img" aria-label={label}>
      <Canvas
        frameloop="demand"
        dpr={[1, 2]}
        camera={{ fov: 40, near: 0.5, far: 3000, position: [0, 0, -160] }}
        gl={{ antialias: true, preserveDrawingBuffer: true }}
        onCreated={({ gl }) => {
          const ctx = gl.getContext();
          const dbg = ctx.getExtension('WEBGL_debug_renderer_info');
          window.__neuromodScene = {
            webgl2:
              typeof WebGL2RenderingContext !== 'undefined' &&
              ctx instanceof WebGL2RenderingContext,
            renderer: dbg ? String(ctx.getParameter(dbg.UNMASKED_RENDERER_WEBGL)) : 'unknown',
          };
        }}
      >
        <color attach="background" args={['#0d1b24']} />
        <hemisphereLight args={['#e8f4ff', '#1c2a33', 0.9]} />
        <directionalLight position={[-40, 80, 60]} intensity={1.6} />
        <directionalLight position={[50, -30, -40]} intensity={0.5} />
        <OrbitControls makeDefault enableDamping={false} />
        <CameraRig presetId={presetId} target={target} />
        {/* the anatomy frame (z rostral, y dorsal) turned so that rostral is up on screen */}
        <group rotation={[-Math.PI / 2, 0, 0]}>{children}</group>
      </Canvas>
    </div>
  );
}
