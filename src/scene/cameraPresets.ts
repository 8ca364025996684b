/**
 * Camera presets, given in the anatomy frame (mm; +x patient's left, +y dorsal, +z rostral).
 * The scene draws the anatomy frame rotated into three.js's y-up frame (see `anatomyToThree`).
 */
export interface CameraPreset {
  id: string;
  label: string;
  /** camera position relative to the target, anatomy frame, mm */
  offsetMm: [number, number, number];
}

export const CAMERA_PRESETS: CameraPreset[] = [
  { id: 'posterior', label: 'Posterior', offsetMm: [0, 160, 0] },
  { id: 'lateral', label: 'Lateral', offsetMm: [160, 0, 0] },
  // looking caudally down the cord axis, dorsal at the top of the screen
  { id: 'axial', label: 'Axial', offsetMm: [0, 1, 120] },
  { id: 'oblique', label: 'Oblique', offsetMm: [90, 110, 60] },
];

/** Anatomy frame → three.js frame: rostral becomes up (+y), dorsal becomes −z. */
export function anatomyToThree([x, y, z]: [number, number, number]): [number, number, number] {
  return [x, z, -y];
}
