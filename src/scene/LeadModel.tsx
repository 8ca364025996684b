import { useMemo } from 'react';
import * as THREE from 'three';
import type { LeadPlacement } from '../../models/scenario.ts';

/**
 * A percutaneous lead: body and ring contacts along its axis from the distal tip. The contact
 * layout here is the nominal 8 × 3 mm contacts with 4 mm gaps (leads.md §1) until the lead
 * catalogue supplies per-model geometry.
 */
export function LeadModel({ lead, contacts = 8 }: { lead: LeadPlacement; contacts?: number }) {
  const diameterMm = lead.overrides.diameterMm ?? 1.3;
  const contactLengthMm = lead.overrides.contactLengthMm ?? 3;
  const spacingMm = lead.overrides.contactSpacingMm ?? 4;
  const pitch = contactLengthMm + spacingMm;
  const bodyLengthMm = pitch * contacts + 30;
  const quaternion = useMemo(() => {
    const dir = new THREE.Vector3(lead.direction.x, lead.direction.y, lead.direction.z).normalize();
    return new THREE.Quaternion().setFromUnitVectors(new THREE.Vector3(0, 1, 0), dir);
  }, [lead.direction.x, lead.direction.y, lead.direction.z]);
  const r = diameterMm / 2;
  return (
    <group position={[lead.tipMm.xMm, lead.tipMm.yMm, lead.tipMm.zMm]} quaternion={quaternion}>
      <mesh position={[0, bodyLengthMm / 2 - contactLengthMm / 2, 0]}>
        <cylinderGeometry args={[r * 0.98, r * 0.98, bodyLengthMm, 24]} />
        <meshStandardMaterial color="#2b5f8a" roughness={0.5} />
      </mesh>
      {Array.from({ length: contacts }, (_, i) => (
        <mesh key={i} position={[0, i * pitch, 0]}>
          <cylinderGeometry args={[r * 1.02, r * 1.02, contactLengthMm, 24]} />
          <meshStandardMaterial color="#d9dde2" metalness={0.8} roughness={0.25} />
        </mesh>
      ))}
    </group>
  );
}
