import { Canvas, useThree } from '@react-three/fiber';
import { OrbitControls } from '@react-three/drei';
import { useEffect, useState, type ReactNode } from 'react';
import type { OrbitControls as OrbitControlsImpl } from 'three-stdlib';
import { anatomyToThree, CAMERA_PRESETS } from './cameraPresets.ts';

export interface SceneInfo {
  webgl2: boolean;
  renderer: string;
  /** multisampled (off when WebGL renders on the CPU, softwareWebGl) */
  antialias: boolean;
}

declare global {
  interface Window {
    /** what the 3D scene got from the browser; read by the e2e suite */
    __neuromodScene?: SceneInfo;
  }
}

/** A camera view that is not one of the fixed presets (e.g. along the lead), in the anatomy frame. */
export interface CustomView {
  targetMm: [number, number, number];
  offsetMm: [number, number, number];
}

function CameraRig({
  presetId,
  target,
  custom,
}: {
  presetId: string;
  target: [number, number, number];
  custom?: CustomView | undefined;
}) {
  const camera = useThree((s) => s.camera);
  const controls = useThree((s) => s.controls) as OrbitControlsImpl | null;
  const invalidate = useThree((s) => s.invalidate);
  const customKey = custom ? JSON.stringify(custom) : '';
  useEffect(() => {
    const preset = CAMERA_PRESETS.find((p) => p.id === presetId) ?? CAMERA_PRESETS[0]!;
    const view = presetId === 'custom' && custom ? custom : null;
    const t = anatomyToThree(view ? view.targetMm : target);
    const o = anatomyToThree(view ? view.offsetMm : preset.offsetMm);
    camera.position.set(t[0] + o[0], t[1] + o[1], t[2] + o[2]);
    camera.lookAt(...t);
    if (controls) {
      controls.target.set(...t);
      controls.update();
    }
    invalidate();
    // the custom view is compared by value (customKey), not by object identity
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [presetId, camera, controls, invalidate, target, customKey]);
  return null;
}

/** Reports the screen scale (pixels per mm at the orbit target) whenever the view changes. */
function ScaleProbe({ onScale }: { onScale: (pxPerMm: number) => void }) {
  const camera = useThree((s) => s.camera);
  const controls = useThree((s) => s.controls) as OrbitControlsImpl | null;
  const size = useThree((s) => s.size);
  useEffect(() => {
    const report = () => {
      const persp = camera as { fov?: number };
      if (!controls || persp.fov === undefined) return;
      const distance = camera.position.distanceTo(controls.target);
      const visibleMm = 2 * distance * Math.tan((persp.fov * Math.PI) / 180 / 2);
      onScale(size.height / visibleMm);
    };
    report();
    controls?.addEventListener('change', report);
    return () => controls?.removeEventListener('change', report);
  }, [camera, controls, size.height, onScale]);
  return null;
}

const NICE_MM = [0.5, 1, 2, 5, 10, 20, 50, 100];

/** A scale bar: the longest round length that fits in about 120 pixels at the orbit target. */
export function ScaleBar({ pxPerMm }: { pxPerMm: number }) {
  if (!(pxPerMm > 0)) return null;
  const mm = [...NICE_MM].reverse().find((v) => v * pxPerMm <= 120) ?? NICE_MM[0]!;
  return (
    <div className="scale-bar" aria-label={`Scale bar: ${mm} mm`} role="img">
      <div className="scale-bar-line" style={{ width: `${Math.round(mm * pxPerMm)}px` }} />
      <span>{mm} mm</span>
    </div>
  );
}

let software: boolean | undefined;

/**
 * Whether WebGL here is rendered on the CPU (SwiftShader, llvmpipe: a machine or VM without a
 * GPU), read once from a throw-away context. There a frame of the scene costs ≈ 0.2–0.35 s and
 * blocks the page, so the canvas goes without multisampling (a quarter of that cost, measured
 * in headless Chromium on the 2-core machine); with a GPU it keeps antialiasing.
 */
export function softwareWebGl(): boolean {
  if (software !== undefined) return software;
  software = false;
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    const dbg = gl?.getExtension('WEBGL_debug_renderer_info');
    if (gl && dbg) {
      const name = String(gl.getParameter(dbg.UNMASKED_RENDERER_WEBGL));
      software = /swiftshader|llvmpipe|softpipe|software/i.test(name);
    }
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
  } catch {
    software = false;
  }
  return software;
}

/** The 3D viewport: orbit controls, camera presets, lights; the anatomy and leads come as children. */
export function SceneCanvas({
  presetId,
  target = [0, 0, 0],
  custom,
  children,
  label,
}: {
  presetId: string;
  target?: [number, number, number];
  custom?: CustomView;
  children: ReactNode;
  label: string;
}) {
  const [pxPerMm, setPxPerMm] = useState(0);
  return (
    <div className="scene-canvas" role="img" aria-label={label}>
      <ScaleBar pxPerMm={pxPerMm} />
      <Canvas
        frameloop="demand"
        dpr={[1, 2]}
        camera={{ fov: 40, near: 0.5, far: 3000, position: [0, 0, -160] }}
        gl={{ antialias: !softwareWebGl(), preserveDrawingBuffer: true }}
        onCreated={({ gl }) => {
          const ctx = gl.getContext();
          const dbg = ctx.getExtension('WEBGL_debug_renderer_info');
          window.__neuromodScene = {
            webgl2:
              typeof WebGL2RenderingContext !== 'undefined' &&
              ctx instanceof WebGL2RenderingContext,
            renderer: dbg ? String(ctx.getParameter(dbg.UNMASKED_RENDERER_WEBGL)) : 'unknown',
            antialias: Boolean(ctx.getContextAttributes()?.antialias),
          };
        }}
      >
        <color attach="background" args={['#0d1b24']} />
        <hemisphereLight args={['#e8f4ff', '#1c2a33', 0.9]} />
        <directionalLight position={[-40, 80, 60]} intensity={1.6} />
        <directionalLight position={[50, -30, -40]} intensity={0.5} />
        <OrbitControls makeDefault enableDamping={false} />
        <CameraRig presetId={presetId} target={target} custom={custom} />
        <ScaleProbe onScale={setPxPerMm} />
        {/* the anatomy frame (z rostral, y dorsal) turned so that rostral is up on screen */}
        <group rotation={[-Math.PI / 2, 0, 0]}>{children}</group>
      </Canvas>
    </div>
  );
}
