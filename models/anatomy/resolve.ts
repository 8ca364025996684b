/**
 * resolveAnatomy: the full parameter set for a scenario's anatomy, defaults filled from the
 * level tables; crossSection: the solver's and the scene's common section description;
 * anatomyGeometry: plain-data shapes for the 3-D scene.
 */
import type { Anatomy } from '../scenario.ts';
import { drgCrossSection, resolveDrg, type DrgParams } from './drg.ts';
import { nerveCrossSection, resolveNerve, type NerveParams } from './nerve.ts';
import { rootEntryZones, type RootEntryZone } from './roots.ts';
import { ellipseOutline, type CrossSection, type StructureFrame } from './shapes.ts';
import {
  resolveSpine,
  spineCrossSection,
  vertebralLevelPositions,
  type LevelPosition,
  type SpineParams,
} from './spine.ts';
import type { Tissue } from './conductivity.ts';

export type ResolvedAnatomy = SpineParams | DrgParams | NerveParams;

export function resolveAnatomy(a: Anatomy): ResolvedAnatomy {
  switch (a.kind) {
    case 'spine':
      return resolveSpine(a);
    case 'drg':
      return resolveDrg(a);
    case 'nerve':
      return resolveNerve(a);
  }
}

export function crossSection(r: ResolvedAnatomy): CrossSection {
  switch (r.kind) {
    case 'spine':
      return spineCrossSection(r);
    case 'drg':
      return drgCrossSection(r);
    case 'nerve':
      return nerveCrossSection(r);
  }
}

/** One drawable structure: a section outline (u, v pairs) extruded along w over [wMin, wMax]. */
export interface ExtrudedStructure {
  name: string;
  tissue: Tissue;
  /** closed outline, (u, v) pairs in mm in the structure frame */
  outlineUv: Float32Array;
  wMinMm: number;
  wMaxMm: number;
}

/** A structure drawn as an ellipsoid (the DRG): centre and semi-axes along eU, eV, eW. */
export interface EllipsoidStructure {
  name: string;
  tissue: Tissue;
  centreMm: [number, number, number];
  semiAxesMm: [number, number, number];
}

export interface AnatomyGeometry {
  /** maps structure (u, v, w) to the anatomy frame: p = origin + u·eU + v·eV + w·eW */
  frame: StructureFrame;
  extruded: ExtrudedStructure[];
  ellipsoids: EllipsoidStructure[];
  /** rootlet polylines (x, y, z triples, anatomy frame) with their REZ and dermatome */
  rootEntryZones: RootEntryZone[];
  /** vertebral levels along z (spine only; empty otherwise) */
  levels: LevelPosition[];
}

export function anatomyGeometry(r: ResolvedAnatomy): AnatomyGeometry {
  const cs = crossSection(r);
  const extruded: ExtrudedStructure[] = cs.regions.map((reg) => {
    const s = reg.shape;
    const outline =
      s.kind === 'ellipse'
        ? ellipseOutline(s)
        : new Float32Array([
            s.uMinMm,
            s.vMinMm,
            s.uMaxMm,
            s.vMinMm,
            s.uMaxMm,
            s.vMaxMm,
            s.uMinMm,
            s.vMaxMm,
          ]);
    return {
      name: reg.name,
      tissue: reg.tissue,
      outlineUv: outline,
      wMinMm: cs.axialExtentMm.wMin,
      wMaxMm: cs.axialExtentMm.wMax,
    };
  });
  const ellipsoids: EllipsoidStructure[] = [];
  if (r.kind === 'drg') {
    const a = r.ganglionWidthMm / 2;
    ellipsoids.push({
      name: 'ganglion',
      tissue: 'ganglion',
      centreMm: [0, 0, 0],
      semiAxesMm: [a, a, r.ganglionLengthMm / 2],
    });
    // the drawn ganglion replaces the extruded cylinder used by the solver
    for (const e of extruded)
      if (e.tissue === 'ganglion' || e.name === 'ganglion capsule') e.wMinMm = e.wMaxMm = 0;
  }
  return {
    frame: cs.frame,
    extruded: extruded.filter((e) => e.wMaxMm > e.wMinMm),
    ellipsoids,
    rootEntryZones: r.kind === 'spine' ? rootEntryZones(r) : [],
    levels: r.kind === 'spine' ? vertebralLevelPositions(r.level) : [],
  };
}
