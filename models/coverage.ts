/**
 * Which dermatomes a result reaches, and how well that covers a pain map.
 *
 * A simplified somatotopy, stated so a user can judge it:
 * - a dorsal-root fibre carries its own root: the root whose entry zone (models/anatomy
 *   rootEntryZones) spans the fibre's entry point, on the population's side;
 * - a dorsal-column fibre at a lead's level carries a segment at or below the local one, laid
 *   out medial (most caudal, sacral) to lateral (most recently entered): the lamination of the
 *   dorsal columns (Smith & Deacon 1984, J Anat 139:71; anatomy.md §3.2 "derived" reasoning: leg
 *   coverage from T8–T10 leads comes from dorsal-column fibres ascending from lumbosacral segments);
 * - a DRG neuron carries the ganglion's root; a peripheral fibre its nerve's territory.
 */
import type { PopulationResult, RunResult } from './estimate/index.ts';
import type { Scenario } from './scenario.ts';
import { ROOTS, type Root } from './anatomy/dermatomes.ts';
import { rootEntryZones } from './anatomy/roots.ts';
import type { ResolvedAnatomy } from './anatomy/resolve.ts';
import type { FiberPath } from './neuron/populations.ts';
import { firesAt } from './neuron/populationRun.ts';

export type Side = 'left' | 'right';

export interface DermatomeHit {
  root: Root;
  side: Side;
  /** activated fibres that carry this dermatome */
  fibres: number;
}

export interface PainDermatome {
  root: Root;
  side: Side;
}

/** Most caudal segment a thoracic dorsal column still carries in this model (sacral input). */
const MOST_CAUDAL: Root = 'S2';

function sideOfX(xMm: number): Side {
  return xMm >= 0 ? 'left' : 'right'; // +x is the patient's left (models/scenario.ts)
}

/** z where a root fibre's path first enters the cord outline (the ellipse of the section). */
function entryZ(path: Float64Array, rxMm: number, ryMm: number, xOffsetMm: number): number {
  for (let i = 0; i < path.length; i += 3) {
    const x = (path[i]! - xOffsetMm) / rxMm;
    const y = path[i + 1]! / ryMm;
    if (x * x + y * y <= 1) return path[i + 2]!;
  }
  return path[path.length - 1]!; // a root fibre wholly outside: its end nearest the cord
}

/**
 * The dermatome each fibre carries (null: none, e.g. motor axons), per population in order: the
 * somatotopy above, as one rule for the coverage shown and the program proposal (propose.ts).
 * `populations` are the fibre paths a result is computed on (scenarioPopulations).
 */
export function fibreDermatomes(
  resolved: ResolvedAnatomy,
  populations: { name: string; sideEffect?: string; paths: FiberPath[] }[],
): (PainDermatome | null)[][] {
  if (resolved.kind === 'drg') {
    const root = resolved.level as Root;
    // sensory neurons only: motor axons (a side-effect population) reach no dermatome
    return populations.map((p) =>
      p.paths.map(() => (p.sideEffect ? null : { root, side: resolved.side })),
    );
  }
  if (resolved.kind !== 'spine') return populations.map((p) => p.paths.map(() => null));
  const rx = resolved.cordRlMm / 2;
  const ry = resolved.cordApMm / 2;
  const rezs = rootEntryZones(resolved, 400);
  const rootAt = (z: number): Root | undefined =>
    rezs.find((r) => z <= r.zRostralMm && z > r.zCaudalMm)?.root ??
    // between two zones: the nearest one
    [...rezs].sort(
      (a, b) =>
        Math.abs((a.zRostralMm + a.zCaudalMm) / 2 - z) -
        Math.abs((b.zRostralMm + b.zCaudalMm) / 2 - z),
    )[0]?.root;
  return populations.map((pop) => {
    const paths = pop.paths;
    if (pop.name.startsWith('dorsal roots')) {
      const side: Side = pop.name.includes('left') ? 'left' : 'right';
      return paths.map((p) => {
        const root = rootAt(entryZ(p.pathMm, rx, ry, resolved.cordLateralOffsetMm));
        return root ? { root, side } : null;
      });
    }
    if (pop.name.startsWith('dorsal columns')) {
      const local = rootAt(0);
      const from = local ? ROOTS.indexOf(local) : -1;
      const to = ROOTS.indexOf(MOST_CAUDAL);
      if (from < 0 || to < from) return paths.map(() => null);
      const maxAbsX = Math.max(
        1e-9,
        ...paths.map((p) => Math.abs(p.pathMm[0]! - resolved.cordLateralOffsetMm)),
      );
      return paths.map((p) => {
        const dx = p.pathMm[0]! - resolved.cordLateralOffsetMm;
        const lateral = Math.min(1, Math.abs(dx) / maxAbsX); // 0 medial … 1 lateral
        const index = Math.round(to - lateral * (to - from));
        return { root: ROOTS[index]!, side: sideOfX(dx) };
      });
    }
    return paths.map(() => null);
  });
}

/**
 * The dermatomes reached by the activated fibres of a result. `populations` are the fibre paths
 * the result was computed on, in the same order (scenarioPopulations).
 */
export function dermatomesReached(
  _scenario: Scenario,
  resolved: ResolvedAnatomy,
  result: RunResult,
  populations: { name: string; sideEffect?: string; paths: FiberPath[] }[],
): DermatomeHit[] {
  const counts = new Map<string, DermatomeHit>();
  const labels = fibreDermatomes(
    resolved,
    result.populations.map((p, pi) => ({
      name: p.name,
      ...(p.sideEffect ? { sideEffect: p.sideEffect } : {}),
      paths: populations[pi]?.paths ?? [],
    })),
  );
  result.populations.forEach((pop, pi) =>
    pop.activated.forEach((a, i) => {
      const d = labels[pi]?.[i];
      if (!a || !d) return;
      const k = `${d.root}:${d.side}`;
      const h = counts.get(k) ?? { root: d.root, side: d.side, fibres: 0 };
      h.fibres += 1;
      counts.set(k, h);
    }),
  );
  const order = (h: DermatomeHit) => ROOTS.indexOf(h.root) * 2 + (h.side === 'left' ? 0 : 1);
  return [...counts.values()].sort((a, b) => order(a) - order(b));
}

export interface Coverage {
  /** pain dermatomes reached by at least `minFibres` activated fibres */
  covered: PainDermatome[];
  missed: PainDermatome[];
  /** dermatomes reached outside the pain map (possible unwanted paraesthesia) */
  extra: PainDermatome[];
  /** covered / pain dermatomes, 0..1 (NaN without a pain map) */
  fraction: number;
}

export function painCoverage(hits: DermatomeHit[], pain: PainDermatome[], minFibres = 1): Coverage {
  const reached = new Set(
    hits.filter((h) => h.fibres >= minFibres).map((h) => `${h.root}:${h.side}`),
  );
  const painSet = new Set(pain.map((p) => `${p.root}:${p.side}`));
  const covered = pain.filter((p) => reached.has(`${p.root}:${p.side}`));
  const missed = pain.filter((p) => !reached.has(`${p.root}:${p.side}`));
  const extra = hits
    .filter((h) => h.fibres >= minFibres && !painSet.has(`${h.root}:${h.side}`))
    .map(({ root, side }) => ({ root, side }));
  return { covered, missed, extra, fraction: pain.length ? covered.length / pain.length : NaN };
}

/**
 * Share of a population recruited at each amplitude, from per-fibre thresholds (mA) and, in the
 * full tier, per-fibre windows (a fibre inside its window does not fire).
 */
export function recruitmentCurve(
  thresholdsMa: (number | null)[],
  amplitudesMa: number[],
  windows?: PopulationResult['windows'],
): number[] {
  const n = thresholdsMa.length;
  if (windows?.some((w) => w !== null)) {
    return amplitudesMa.map((a) =>
      n === 0 ? 0 : thresholdsMa.filter((t, i) => firesAt(t, windows[i], a)).length / n,
    );
  }
  const t = thresholdsMa.filter((x): x is number => x !== null).sort((a, b) => a - b);
  return amplitudesMa.map((a) => {
    if (n === 0) return 0;
    let lo = 0;
    let hi = t.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (t[mid]! <= a) lo = mid + 1;
      else hi = mid;
    }
    return lo / n;
  });
}

/**
 * Modelled perception and discomfort markers: perception at the first fibre recruited
 * anywhere; discomfort when 10 % of the dorsal-root fibres are recruited (dorsal-root
 * recruitment as the source of segmental discomfort: Holsheimer 1998 interpretation, a model
 * marker, not a measured threshold).
 */
export function comfortMarkers(result: RunResult): {
  perceptionMa: number | null;
  discomfortMa: number | null;
} {
  // perception: the first fibre of a target population (side-effect populations such as motor
  // axons are not felt as paraesthesia; they have their own markers)
  const all = result.populations
    .filter((p) => !p.sideEffect)
    .flatMap((p) => p.thresholdsMa)
    .filter((x): x is number => x !== null);
  const perceptionMa = all.length ? Math.min(...all) : null;
  const roots = result.populations
    .filter((p) => p.name.startsWith('dorsal roots'))
    .flatMap((p) => p.thresholdsMa);
  const sorted = roots.filter((x): x is number => x !== null).sort((a, b) => a - b);
  const k = Math.ceil(roots.length * 0.1) - 1;
  const discomfortMa = roots.length && k >= 0 && k < sorted.length ? sorted[k]! : null;
  return { perceptionMa, discomfortMa };
}

const TYPE_LABEL: Record<string, string> = {
  DC: 'dorsal-column (Aβ)',
  DR: 'dorsal-root (Aβ)',
  'DRG-axon': 'DRG Aβ',
  'DRG-stem': 'DRG stem',
  'DRG-Aδ-axon': 'DRG Aδ',
  'DRG-C-axon': 'DRG C',
  VR: 'ventral-root motor (Aα)',
};

/**
 * Modelled side-effect markers: per side-effect population of the result (its `sideEffect`,
 * e.g. the ventral root beside a DRG), the amplitude of its first recruited fibre — a model
 * marker for the onset of the side effect, not a measured threshold.
 */
export function sideEffectMarkers(
  result: RunResult,
): { id: string; name: string; kind: 'motor'; firstMa: number | null }[] {
  return result.populations.flatMap((p) => {
    if (!p.sideEffect) return [];
    const t = p.thresholdsMa.filter((x): x is number => x !== null);
    return [
      { id: p.id, name: p.name, kind: p.sideEffect, firstMa: t.length ? Math.min(...t) : null },
    ];
  });
}

/**
 * The result's fibres regrouped by fibre type (Aα, Aβ, Aγ, Aδ, C in a peripheral nerve; dorsal
 * column and dorsal root in the cord), for recruitment curves per type.
 */
export function thresholdsByFibreType(
  result: RunResult,
  populations: { name: string; paths: FiberPath[] }[],
): { name: string; thresholdsMa: (number | null)[] }[] {
  const groups = new Map<string, (number | null)[]>();
  result.populations.forEach((pop, pi) => {
    const paths = populations[pi]?.paths ?? [];
    pop.thresholdsMa.forEach((t, i) => {
      const type = paths[i]?.type ?? pop.fibreType;
      const label = TYPE_LABEL[type] ?? type;
      const list = groups.get(label) ?? [];
      list.push(t);
      groups.set(label, list);
    });
  });
  // conventional order: largest, fastest fibres first
  const order = ['Aα', 'Aβ', 'Aγ', 'Aδ', 'C'];
  const rank = (n: string) => (order.includes(n) ? order.indexOf(n) : order.length);
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([name, thresholdsMa]) => ({ name, thresholdsMa }));
}
