import type { Anatomy } from '../../models/scenario.ts';
import type { TubeShape } from './AnatomyModel.tsx';

/**
 * A first drawing of each anatomy: nested elliptic tubes with the mid-thoracic defaults of
 * ../shared/research/anatomy.md §0 (cord 8 × 6.2 mm, sac 13.9 × 11.6 mm, dCSF 4 mm, dura
 * 0.3 mm). The parametric anatomy of models/anatomy replaces it as its geometry lands.
 */
export function provisionalShapes(anatomy: Anatomy): TubeShape[] {
  const len = 80;
  if (anatomy.kind === 'spine') {
    return [
      { id: 'bone', label: 'Vertebral canal wall', centerXMm: 0, centerYMm: 1.2, radiusXMm: 11, radiusYMm: 11, zMinMm: -len / 2, zMaxMm: len / 2, color: '#d8cfc0', opacity: 0.12 },
      { id: 'fat', label: 'Epidural fat', centerXMm: 0, centerYMm: 1.2, radiusXMm: 8.5, radiusYMm: 8.8, zMinMm: -len / 2, zMaxMm: len / 2, color: '#e8c66a', opacity: 0.15 },
      { id: 'dura', label: 'Dura', centerXMm: 0, centerYMm: 1.2, radiusXMm: 7.25, radiusYMm: 6.1, zMinMm: -len / 2, zMaxMm: len / 2, color: '#9fb8c8', opacity: 0.25 },
      { id: 'csf', label: 'CSF', centerXMm: 0, centerYMm: 1.2, radiusXMm: 6.95, radiusYMm: 5.8, zMinMm: -len / 2, zMaxMm: len / 2, color: '#5ab4e6', opacity: 0.22 },
      { id: 'white', label: 'White matter', centerXMm: 0, centerYMm: 0, radiusXMm: 4, radiusYMm: 3.1, zMinMm: -len / 2, zMaxMm: len / 2, color: '#f2efe8', opacity: 1 },
    ]; // prettier-ignore
  }
  if (anatomy.kind === 'drg') {
    return [
      { id: 'foramen', label: 'Foramen', centerXMm: 0, centerYMm: 0, radiusXMm: 6, radiusYMm: 6, zMinMm: -14, zMaxMm: 14, color: '#d8cfc0', opacity: 0.15 },
      { id: 'drg', label: 'Ganglion', centerXMm: 0, centerYMm: 0, radiusXMm: 3.2, radiusYMm: 3.2, zMinMm: -6.5, zMaxMm: 6.5, color: '#f0a35e', opacity: 1 },
      { id: 'root', label: 'Root', centerXMm: 0, centerYMm: 0, radiusXMm: 1.6, radiusYMm: 1.6, zMinMm: -20, zMaxMm: 20, color: '#f4e3c3', opacity: 1 },
    ]; // prettier-ignore
  }
  return [
    { id: 'muscle', label: 'Muscle', centerXMm: 0, centerYMm: 0, radiusXMm: 30, radiusYMm: 30, zMinMm: -40, zMaxMm: 40, color: '#c0605a', opacity: 0.12 },
    { id: 'nerve', label: 'Nerve', centerXMm: 0, centerYMm: 0, radiusXMm: 5, radiusYMm: 5, zMinMm: -40, zMaxMm: 40, color: '#f4e3c3', opacity: 1 },
  ]; // prettier-ignore
}
