import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import { Line } from '@react-three/drei';
import type { AnatomyGeometry, ExtrudedStructure, Tissue } from '../../models/anatomy/index.ts';
import type { ContextPart, ContextRole, SceneContext } from '../../models/anatomy/context.ts';

/** How each tissue is drawn: colour and opacity (outer layers translucent so the cord shows). */
export const TISSUE_STYLE: Record<Tissue, { colour: string; opacity: number; label: string }> = {
  'white-matter': { colour: '#f2efe8', opacity: 1, label: 'White matter' },
  'grey-matter': { colour: '#b9a89a', opacity: 1, label: 'Grey matter' },
  csf: { colour: '#5ab4e6', opacity: 0.22, label: 'CSF' },
  dura: { colour: '#9fb8c8', opacity: 0.3, label: 'Dura' },
  'epidural-fat': { colour: '#e8c66a', opacity: 0.16, label: 'Epidural fat' },
  bone: { colour: '#d8cfc0', opacity: 0.12, label: 'Bone as modelled' },
  'soft-tissue': { colour: '#c98d7e', opacity: 0.06, label: 'Soft tissue' },
  'nerve-root': { colour: '#f4e3c3', opacity: 1, label: 'Nerve root' },
  ganglion: { colour: '#f0a35e', opacity: 1, label: 'Ganglion' },
  'foraminal-fat': { colour: '#e8c66a', opacity: 0.18, label: 'Foraminal fat' },
  endoneurium: { colour: '#f4e3c3', opacity: 1, label: 'Fascicles' },
  epineurium: { colour: '#e9d2b0', opacity: 0.45, label: 'Epineurium' },
  muscle: { colour: '#c0605a', opacity: 0.12, label: 'Muscle' },
  fat: { colour: '#e8c66a', opacity: 0.1, label: 'Fat' },
  skin: { colour: '#e0b8a0', opacity: 0.08, label: 'Skin' },
};

/** How context parts (drawn for orientation, not solved) are drawn, and their group ids. */
export const CONTEXT_STYLE: Record<
  ContextRole,
  { colour: string; opacity: number; label: string }
> = {
  vertebra: { colour: '#e9dfcc', opacity: 0.62, label: 'Vertebrae (orientation)' },
  disc: { colour: '#7fa7bf', opacity: 0.5, label: 'Discs (orientation)' },
  'dural-sac': { colour: '#9fb8c8', opacity: 0.25, label: 'Dural sac (orientation)' },
  root: { colour: '#f4e3c3', opacity: 0.85, label: 'Root (orientation)' },
  skin: { colour: '#e0b8a0', opacity: 0.2, label: 'Skin surface' },
  ruler: { colour: '#ffffff', opacity: 0.9, label: 'Depth ruler' },
};

export const contextGroupId = (role: ContextRole) => `context-${role}`;

/** Groups hidden when a plan opens: the solver's bone ellipse, where vertebrae are drawn instead. */
export function defaultHiddenGroups(context: SceneContext): string[] {
  return context.parts.some((p) => p.role === 'vertebra') ? ['bone'] : [];
}

/** The structure groups a user can hide or isolate, in drawing order. */
export function structureGroups(
  geometry: AnatomyGeometry,
  context?: SceneContext,
): { id: string; label: string; colour: string }[] {
  const seen = new Map<string, { id: string; label: string; colour: string }>();
  for (const p of context?.parts ?? []) {
    const id = contextGroupId(p.role);
    const st = CONTEXT_STYLE[p.role];
    if (!seen.has(id)) seen.set(id, { id, label: st.label, colour: st.colour });
  }
  for (const s of geometry.extruded) {
    const st = TISSUE_STYLE[s.tissue];
    if (!seen.has(s.tissue))
      seen.set(s.tissue, { id: s.tissue, label: st.label, colour: st.colour });
  }
  for (const e of geometry.ellipsoids) {
    const st = TISSUE_STYLE[e.tissue];
    if (!seen.has(e.tissue))
      seen.set(e.tissue, { id: e.tissue, label: st.label, colour: st.colour });
  }
  if (geometry.rootEntryZones.length > 0)
    seen.set('rootlets', { id: 'rootlets', label: 'Dorsal rootlets', colour: '#f7d774' });
  if (geometry.levels.length > 0 || (context?.labels.length ?? 0) > 0)
    seen.set('levels', { id: 'levels', label: 'Labels', colour: '#ffffff' });
  return [...seen.values()];
}

function frameMatrix(g: AnatomyGeometry): THREE.Matrix4 {
  const { eU, eV, eW, originMm } = g.frame;
  return new THREE.Matrix4().set(
    eU[0], eV[0], eW[0], originMm[0],
    eU[1], eV[1], eW[1], originMm[1],
    eU[2], eV[2], eW[2], originMm[2],
    0, 0, 0, 1,
  ); // prettier-ignore
}

function Extruded({ s, matrix }: { s: ExtrudedStructure; matrix: THREE.Matrix4 }) {
  const geometry = useMemo(() => {
    const shape = new THREE.Shape();
    const o = s.outlineUv;
    shape.moveTo(o[0]!, o[1]!);
    for (let i = 2; i < o.length; i += 2) shape.lineTo(o[i]!, o[i + 1]!);
    shape.closePath();
    const g = new THREE.ExtrudeGeometry(shape, {
      depth: s.wMaxMm - s.wMinMm,
      bevelEnabled: false,
      curveSegments: 1,
    });
    g.translate(0, 0, s.wMinMm);
    g.applyMatrix4(matrix);
    return g;
  }, [s, matrix]);
  const st = TISSUE_STYLE[s.tissue];
  const translucent = st.opacity < 1;
  return (
    <mesh geometry={geometry} renderOrder={translucent ? 2 : 0} name={s.name}>
      <meshStandardMaterial
        color={st.colour}
        transparent={translucent}
        opacity={st.opacity}
        depthWrite={!translucent}
        side={translucent ? THREE.DoubleSide : THREE.FrontSide}
        roughness={0.65}
      />
    </mesh>
  );
}

function blockGeometry(cornersMm: [number, number, number][]): THREE.BufferGeometry {
  // faces of the hexahedron (corners 0–3 one face, 4–7 the opposite one), outward winding
  // prettier-ignore
  const faces = [
    [0, 3, 2, 1], [4, 5, 6, 7], [0, 1, 5, 4], [1, 2, 6, 5], [2, 3, 7, 6], [3, 0, 4, 7],
  ];
  const pos: number[] = [];
  for (const [a, b, c, d] of faces) for (const i of [a, b, c, a, c, d]) pos.push(...cornersMm[i!]!);
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.Float32BufferAttribute(pos, 3));
  g.computeVertexNormals();
  return g;
}

function tubeGeometry(
  from: [number, number, number],
  to: [number, number, number],
  radii: [number, number],
): THREE.BufferGeometry {
  const a = new THREE.Vector3(...from);
  const b = new THREE.Vector3(...to);
  const axis = b.clone().sub(a);
  const length = axis.length();
  const g = new THREE.CylinderGeometry(1, 1, length, 40, 1);
  g.scale(radii[0], 1, radii[1]);
  // the cylinder runs along +y; turn it onto the tube's axis and move it to the midpoint
  const q = new THREE.Quaternion().setFromUnitVectors(new THREE.Vector3(0, 1, 0), axis.normalize());
  g.applyQuaternion(q);
  g.translate((a.x + b.x) / 2, (a.y + b.y) / 2, (a.z + b.z) / 2);
  return g;
}

function ContextMesh({ part, fade }: { part: ContextPart; fade: number }) {
  const geometry = useMemo(
    () =>
      part.kind === 'block'
        ? blockGeometry(part.cornersMm)
        : tubeGeometry(part.fromMm, part.toMm, part.radiiMm),
    [part],
  );
  useEffect(() => () => geometry.dispose(), [geometry]);
  const st = CONTEXT_STYLE[part.role];
  return (
    <mesh geometry={geometry} renderOrder={1} name={part.name}>
      <meshStandardMaterial
        color={st.colour}
        transparent
        opacity={st.opacity * fade}
        depthWrite={false}
        side={THREE.DoubleSide}
        roughness={0.8}
      />
    </mesh>
  );
}

/**
 * A text label drawn into a canvas texture with the system font (no font file is fetched) and
 * shown as a sprite that always faces the camera.
 */
export function TextSprite({
  text,
  position,
  heightMm,
  screenHeight,
  colour = '#e8f4ff',
}: {
  text: string;
  position: [number, number, number];
  /** height in the scene (mm): the label grows and shrinks with the zoom */
  heightMm?: number;
  /** or a constant height on screen, as a fraction of the view's height (stays legible at any zoom) */
  screenHeight?: number;
  colour?: string;
}) {
  const { texture, aspect } = useMemo(() => {
    const px = 64;
    const c = document.createElement('canvas');
    const ctx = c.getContext('2d')!;
    ctx.font = `600 ${px * 0.7}px system-ui, sans-serif`;
    const w = Math.ceil(ctx.measureText(text).width + px * 0.4);
    c.width = w;
    c.height = px;
    ctx.fillStyle = 'rgba(13, 27, 36, 0.75)';
    ctx.fillRect(0, 0, w, px);
    ctx.font = `600 ${px * 0.7}px system-ui, sans-serif`;
    ctx.fillStyle = colour;
    ctx.textBaseline = 'middle';
    ctx.fillText(text, px * 0.2, px / 2);
    const t = new THREE.CanvasTexture(c);
    t.colorSpace = THREE.SRGBColorSpace;
    return { texture: t, aspect: w / px };
  }, [text, colour]);
  useEffect(() => () => texture.dispose(), [texture]);
  // with sizeAttenuation off a sprite's scale is in view-height units at distance 1 (fov 40°:
  // the view spans 2·tan 20° ≈ 0.728 of the distance)
  const h = screenHeight !== undefined ? screenHeight * 0.728 : (heightMm ?? 4);
  return (
    <sprite position={position} scale={[h * aspect, h, 1]} renderOrder={12}>
      <spriteMaterial
        map={texture}
        depthTest={false}
        transparent
        sizeAttenuation={screenHeight === undefined}
      />
    </sprite>
  );
}

/** The parametric anatomy of models/anatomy, drawn from the same shapes the field solver uses. */
export function AnatomyScene({
  geometry,
  hidden,
  context,
  contextFade = 1,
}: {
  geometry: AnatomyGeometry;
  hidden: ReadonlySet<string>;
  /** orientation-only structures and labels (models/anatomy/context.ts) */
  context?: SceneContext;
  /** opacity factor of the orientation structures (< 1 when zoomed to a lead they would hide) */
  contextFade?: number;
}) {
  const matrix = useMemo(() => frameMatrix(geometry), [geometry]);
  const drawn = context?.drawnZMm;
  // opaque structures first, translucent layers from the inside out; a spine section is drawn
  // along the whole range of levels shown (the model's section is uniform along the cord)
  const extruded = useMemo(
    () =>
      [...geometry.extruded]
        .map((e) => (drawn ? { ...e, wMinMm: drawn.minMm, wMaxMm: drawn.maxMm } : e))
        .sort(
          (a, b) =>
            Number(TISSUE_STYLE[a.tissue].opacity < 1) - Number(TISSUE_STYLE[b.tissue].opacity < 1),
        ),
    [geometry, drawn],
  );
  // the rootlets' polylines as segment pairs (start, end, start, end, …)
  const rootletSegments = useMemo(() => {
    const pts: [number, number, number][] = [];
    for (const rez of geometry.rootEntryZones)
      for (const r of rez.rootlets)
        for (let k = 0; k + 5 < r.length; k += 3)
          pts.push([r[k]!, r[k + 1]!, r[k + 2]!], [r[k + 3]!, r[k + 4]!, r[k + 5]!]);
    return pts;
  }, [geometry]);
  return (
    <group>
      {extruded
        .filter((s) => !hidden.has(s.tissue))
        .map((s, i) => (
          <Extruded key={`${s.name}-${i}`} s={s} matrix={matrix} />
        ))}
      {geometry.ellipsoids
        .filter((e) => !hidden.has(e.tissue))
        .map((e) => (
          <mesh key={e.name} position={e.centreMm} scale={e.semiAxesMm} name={e.name}>
            <sphereGeometry args={[1, 40, 24]} />
            <meshStandardMaterial color={TISSUE_STYLE[e.tissue].colour} roughness={0.6} />
          </mesh>
        ))}
      {!hidden.has('rootlets') && rootletSegments.length > 0 && (
        // every rootlet in one draw call (a line per rootlet cost ≈ 50 ms a frame in WebGL on
        // the CPU)
        <Line segments points={rootletSegments} color="#f7d774" lineWidth={1.2} />
      )}
      {context?.parts
        .filter((p) => !hidden.has(contextGroupId(p.role)))
        .map((p) => (
          <ContextMesh key={p.name} part={p} fade={contextFade} />
        ))}
      {!hidden.has('levels') &&
        (context?.labels ?? []).map((l) => (
          <TextSprite key={l.text} text={l.text} position={l.positionMm} screenHeight={0.045} />
        ))}
    </group>
  );
}
