/**
 * Geometry of the front and back body outlines (our own drawing, viewBox 0 0 200 510) and
 * the shape of each pain-map region of models/clinical/bodyRegions.ts. Lateral shapes are
 * given as distance from the midline; on the front view the patient's left is on the viewer's
 * right, on the back view on the viewer's left.
 */
import { BODY_REGIONS, type BodyView } from '../../models/clinical/bodyRegions.ts';

export const BODY_VIEWBOX = { width: 200, height: 510 };
const MID = 100;

interface Box {
  /** distance of the inner and outer edge from the midline (for bilateral shapes) or absolute x */
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

// Region boxes by the id stem (without view and side); lateral ones in midline distance.
const LATERAL: Record<string, Box> = {
  shoulder: { x0: 30, x1: 56, y0: 80, y1: 104 },
  'upper-arm': { x0: 40, x1: 60, y0: 104, y1: 186 },
  forearm: { x0: 43, x1: 62, y0: 186, y1: 256 },
  hand: { x0: 44, x1: 64, y0: 256, y1: 296 },
  thigh: { x0: 3, x1: 37, y0: 262, y1: 362 },
  knee: { x0: 6, x1: 35, y0: 362, y1: 392 },
  shin: { x0: 8, x1: 33, y0: 392, y1: 470 },
  foot: { x0: 6, x1: 40, y0: 470, y1: 500 },
  buttock: { x0: 1, x1: 38, y0: 246, y1: 292 },
  'posterior-arm': { x0: 40, x1: 62, y0: 104, y1: 256 },
  'posterior-thigh': { x0: 3, x1: 37, y0: 292, y1: 372 },
  calf: { x0: 8, x1: 34, y0: 372, y1: 470 },
  heel: { x0: 8, x1: 32, y0: 470, y1: 500 },
};
const CENTRAL: Record<string, Box> = {
  head: { x0: 78, x1: 122, y0: 6, y1: 62 },
  neck: { x0: 89, x1: 111, y0: 62, y1: 80 },
  chest: { x0: 62, x1: 138, y0: 80, y1: 150 },
  abdomen: { x0: 64, x1: 136, y0: 150, y1: 230 },
  groin: { x0: 64, x1: 136, y0: 230, y1: 262 },
  'upper-back': { x0: 62, x1: 138, y0: 80, y1: 150 },
  'mid-back': { x0: 63, x1: 137, y0: 150, y1: 205 },
  'low-back': { x0: 64, x1: 136, y0: 205, y1: 246 },
};

export interface RegionShape {
  id: string;
  view: BodyView;
  kind: 'rect' | 'ellipse';
  x: number;
  y: number;
  width: number;
  height: number;
}

function shapeOf(id: string, view: BodyView): RegionShape | null {
  const m = /^(front|back)-(.+?)(?:-(left|right))?$/.exec(id);
  if (!m) return null;
  const stem = m[2] ?? '';
  const side = m[3];
  if (side) {
    const b = LATERAL[stem];
    if (!b) return null;
    // Front view: patient's right on the viewer's left. Back view: patient's right on the viewer's right.
    const towardsViewerLeft = (side === 'right') === (view === 'front');
    const xa = towardsViewerLeft ? MID - b.x1 : MID + b.x0;
    return { id, view, kind: 'rect', x: xa, y: b.y0, width: b.x1 - b.x0, height: b.y1 - b.y0 };
  }
  const b = CENTRAL[stem];
  if (!b) return null;
  return {
    id,
    view,
    kind: stem === 'head' ? 'ellipse' : 'rect',
    x: b.x0,
    y: b.y0,
    width: b.x1 - b.x0,
    height: b.y1 - b.y0,
  };
}

export const REGION_SHAPES: readonly RegionShape[] = BODY_REGIONS.map((r) =>
  shapeOf(r.id, r.view),
).filter((s): s is RegionShape => s !== null);

/** The body silhouette as one path (head, trunk, arms, legs), same for both views. */
export const SILHOUETTE_PATH = [
  'M100 4 C 124 4 126 30 124 42 C 122 58 112 64 111 64 L 111 78',
  'C 130 80 150 82 156 98 L 162 180 L 164 258 L 166 298 L 142 298 L 142 256 L 140 186 L 138 140',
  'L 137 250 L 140 262 L 137 362 L 134 392 L 133 470 L 141 502 L 104 502 L 104 262 L 100 258',
  'L 96 262 L 96 502 L 59 502 L 67 470 L 66 392 L 63 362 L 60 262 L 63 250 L 62 140',
  'L 60 186 L 58 256 L 58 298 L 34 298 L 36 258 L 38 180 L 44 98 C 50 82 70 80 89 78 L 89 64',
  'C 88 64 78 58 76 42 C 74 30 76 4 100 4 Z',
].join(' ');

/** Colour for a pain intensity 0–10 (pale yellow → deep red). */
export function intensityColour(nrs: number): string {
  const t = Math.max(0, Math.min(10, nrs)) / 10;
  const hue = 50 - 50 * t;
  const light = 78 - 40 * t;
  return `hsl(${hue.toFixed(0)} 90% ${light.toFixed(0)}%)`;
}

/** Colour group of a dermatome by root segment, for the overlay. */
export function dermatomeColour(root: string): string {
  switch (root[0]) {
    case 'C':
      return '#3b6fb6';
    case 'T':
      return '#2f8a57';
    case 'L':
      return '#b8641b';
    default:
      return '#7a3fa0';
  }
}
