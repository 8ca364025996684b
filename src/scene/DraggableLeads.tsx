import { useRef } from 'react';
import { useThree, type ThreeEvent } from '@react-three/fiber';
import type { LeadPlacement, Program } from '../../models/scenario.ts';
import { LeadModel } from './LeadModel.tsx';

interface DragState {
  leadId: string;
  pointerId: number;
  /** the drag plane in the anatomy frame: y = planeYMm */
  planeYMm: number;
  startHit: { xMm: number; zMm: number };
  startTip: { xMm: number; zMm: number };
}

/** Intersects a world-space ray with the anatomy-frame plane y = c (the scene draws anatomy (x, y, z) at world (x, z, −y)). */
function hitOnPlane(
  e: ThreeEvent<PointerEvent>,
  planeYMm: number,
): { xMm: number; zMm: number } | null {
  const o = e.ray.origin;
  const d = e.ray.direction;
  if (Math.abs(d.z) < 1e-9) return null;
  const t = (-planeYMm - o.z) / d.z;
  if (t < 0) return null;
  return { xMm: o.x + t * d.x, zMm: o.y + t * d.y };
}

/**
 * The scenario's leads, each draggable in the plane it lies in (lateral and along the axis).
 * The orbit controls pause while a lead is dragged; `onMove` receives the new tip position.
 */
export function DraggableLeads({
  leads,
  program,
  selectedId,
  onSelect,
  onMove,
  onDragEnd,
}: {
  leads: LeadPlacement[];
  program: Program;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onMove: (leadId: string, to: { xMm: number; zMm: number }) => void;
  onDragEnd: (leadId: string) => void;
}) {
  const controls = useThree((s) => s.controls) as { enabled: boolean } | null;
  const drag = useRef<DragState | null>(null);

  const end = (e: ThreeEvent<PointerEvent>) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    drag.current = null;
    (e.target as Element | null)?.releasePointerCapture?.(e.pointerId);
    if (controls) controls.enabled = true;
    onDragEnd(d.leadId);
  };

  return (
    <group>
      {leads.map((lead) => (
        <group
          key={lead.id}
          onPointerDown={(e) => {
            e.stopPropagation();
            onSelect(lead.id);
            const start = hitOnPlane(e, lead.tipMm.yMm);
            if (!start) return;
            drag.current = {
              leadId: lead.id,
              pointerId: e.pointerId,
              planeYMm: lead.tipMm.yMm,
              startHit: start,
              startTip: { xMm: lead.tipMm.xMm, zMm: lead.tipMm.zMm },
            };
            (e.target as Element | null)?.setPointerCapture?.(e.pointerId);
            if (controls) controls.enabled = false;
          }}
          onPointerMove={(e) => {
            const d = drag.current;
            if (!d || d.pointerId !== e.pointerId || d.leadId !== lead.id) return;
            e.stopPropagation();
            const hit = hitOnPlane(e, d.planeYMm);
            if (!hit) return;
            onMove(lead.id, {
              xMm: d.startTip.xMm + (hit.xMm - d.startHit.xMm),
              zMm: d.startTip.zMm + (hit.zMm - d.startHit.zMm),
            });
          }}
          onPointerUp={end}
          onPointerCancel={end}
        >
          <LeadModel lead={lead} program={program} selected={lead.id === selectedId} />
        </group>
      ))}
    </group>
  );
}
