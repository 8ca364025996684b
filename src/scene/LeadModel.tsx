import { useMemo } from 'react';
import * as THREE from 'three';
import type { ThreeEvent } from '@react-three/fiber';
import type { LeadPlacement, Program } from '../../models/scenario.ts';
import { contactGeometry, findLead, type ContactGeometry } from '../../models/devices/index.ts';

/**
 * Leads draw after every tissue and fibre and without the depth test, as under fluoroscopy: the
 * lead stays visible through the vertebrae and laminae that cover the epidural space.
 */
const LEAD_ORDER = 9;

const POLARITY_COLOUR = { cathode: '#2f7de1', anode: '#e2453c', off: '#d9dde2' } as const;

function quaternionFromY(v: { x: number; y: number; z: number }): THREE.Quaternion {
  return new THREE.Quaternion().setFromUnitVectors(
    new THREE.Vector3(0, 1, 0),
    new THREE.Vector3(v.x, v.y, v.z).normalize(),
  );
}

function Contact({ c, colour }: { c: ContactGeometry; colour: string }) {
  const q = useMemo(() => {
    if (c.kind === 'ring') return quaternionFromY(c.axis);
    // a pad: box with its thin side along the face normal
    const m = new THREE.Matrix4().makeBasis(
      new THREE.Vector3(c.widthAxis.x, c.widthAxis.y, c.widthAxis.z),
      new THREE.Vector3(c.axis.x, c.axis.y, c.axis.z),
      new THREE.Vector3(c.normal.x, c.normal.y, c.normal.z),
    );
    return new THREE.Quaternion().setFromRotationMatrix(m);
  }, [c]);
  const p = c.centreMm;
  return (
    <mesh position={[p.xMm, p.yMm, p.zMm]} quaternion={q} renderOrder={LEAD_ORDER + 1}>
      {c.kind === 'ring' ? (
        <cylinderGeometry
          args={[(c.diameterMm ?? 1.3) * 0.51, (c.diameterMm ?? 1.3) * 0.51, c.lengthMm, 24]}
        />
      ) : (
        <boxGeometry args={[c.widthMm ?? 1, c.lengthMm, 0.3]} />
      )}
      <meshStandardMaterial
        color={colour}
        metalness={0.6}
        roughness={0.3}
        transparent
        depthTest={false}
      />
    </mesh>
  );
}

/**
 * A placed lead drawn from the catalogue's contact geometry (models/devices): the lead body or
 * paddle, and each contact coloured by its polarity in the program (cathode blue, anode red).
 */
export function LeadModel({
  lead,
  program,
  selected = false,
  onPointerDown,
}: {
  lead: LeadPlacement;
  program?: Program;
  selected?: boolean;
  onPointerDown?: (e: ThreeEvent<PointerEvent>) => void;
}) {
  const entry = findLead(lead.catalogId);
  const contacts = useMemo(() => (entry ? contactGeometry(entry, lead) : []), [entry, lead]);
  const polarityOf = (i: number) =>
    program?.contacts.find((c) => c.leadId === lead.id && c.contactIndex === i)?.polarity ?? 'off';
  const body = useMemo(() => {
    if (contacts.length === 0) return null;
    const along = contacts.map((c) => c.alongMm);
    const first = Math.min(...along);
    const last = Math.max(...along);
    const tail = 25; // drawn lead body beyond the last contact, mm (illustrative)
    const length = last - first + tail;
    const a = contacts[0]!.axis;
    const t = lead.tipMm;
    const mid = first + length / 2 - (contacts[0]!.lengthMm ?? 0) / 2;
    return {
      position: [t.xMm + a.x * mid, t.yMm + a.y * mid, t.zMm + a.z * mid] as [
        number,
        number,
        number,
      ],
      q: quaternionFromY(a),
      length,
      paddle: contacts[0]!.kind === 'pad',
      widthMm:
        contacts[0]!.kind === 'pad'
          ? Math.max(...contacts.map((c) => Math.abs(c.acrossMm) + (c.widthMm ?? 1) / 2)) * 2 + 1
          : (contacts[0]!.diameterMm ?? 1.3),
      normal: contacts[0]!.normal,
    };
  }, [contacts, lead.tipMm]);
  if (!entry || !body) return null;
  const bodyColour = selected ? '#f0b429' : '#2b5f8a';
  return (
    <group onPointerDown={onPointerDown}>
      <mesh
        position={[
          body.position[0] - (body.paddle ? body.normal.x * 0.3 : 0),
          body.position[1] - (body.paddle ? body.normal.y * 0.3 : 0),
          body.position[2] - (body.paddle ? body.normal.z * 0.3 : 0),
        ]}
        quaternion={body.q}
        renderOrder={LEAD_ORDER}
      >
        {body.paddle ? (
          <boxGeometry args={[body.widthMm, body.length, 0.6]} />
        ) : (
          <cylinderGeometry args={[body.widthMm * 0.49, body.widthMm * 0.49, body.length, 20]} />
        )}
        <meshStandardMaterial color={bodyColour} roughness={0.5} transparent depthTest={false} />
      </mesh>
      {contacts.map((c) => (
        <Contact key={c.contactIndex} c={c} colour={POLARITY_COLOUR[polarityOf(c.contactIndex)]} />
      ))}
    </group>
  );
}
