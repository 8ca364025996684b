/**
 * The modelled paraesthesia on the body: for each dermatome (root and side), the SHARE of the
 * Aβ sensory fibres that carry it which fire at the programmed amplitude, not whether one of
 * them does; spread onto the pain-map regions of the body chart (models/clinical/bodyRegions)
 * and set against a pain map of those regions.
 *
 * Rules (each one a modelling choice, stated so a user can judge it):
 * - the fibres that carry a dermatome are those of coverage.ts fibreDermatomes (the simplified
 *   somatotopy: dorsal roots by entry zone, dorsal columns laminated, a DRG its own root);
 * - paraesthesia is Aβ-mediated (clinical.md §2.3): dorsal columns, dorsal roots and DRG Aβ
 *   neurons count; DRG Aδ and C neurons and side-effect (motor) populations do not;
 * - a region's paraesthesia is the mean share over its dermatomes on its side (both sides for
 *   a midline region such as the low back);
 * - pain covered = Σ wᵣ·pᵣ / Σ wᵣ over the pain regions, wᵣ = max(NRS, 1) (as the records'
 *   overlapPercent) and pᵣ the region's paraesthesia share (0..1);
 * - off-target = the share of the firing paraesthesia fibres whose dermatome lies outside the
 *   pain map's dermatomes.
 */
import { ROOTS, type Root } from '../anatomy/dermatomes.ts';
import { BODY_REGIONS, bodyRegionById } from '../clinical/bodyRegions.ts';
import type { PainDermatome, Side } from '../coverage.ts';
import type { RunResult } from './run.ts';
import { DRG_POPULATION_IDS } from './therapies/drg.ts';

/** Populations whose fibres are felt as paraesthesia (Aβ sensory), by population id. */
export const PARAESTHESIA_POPULATION_IDS: readonly string[] = [
  'dorsal-columns',
  'dorsal-roots-left',
  'dorsal-roots-right',
  DRG_POPULATION_IDS.abeta,
];

export interface DermatomeShare {
  root: Root;
  side: Side;
  /** Aβ sensory fibres of the model that carry this dermatome */
  fibres: number;
  /** of them, firing at the programmed amplitude */
  recruited: number;
  /** recruited / fibres (0..1) */
  share: number;
}

const dermKey = (d: { root: string; side: string }) => `${d.root}:${d.side}`;
const order = (d: { root: Root; side: Side }) =>
  ROOTS.indexOf(d.root) * 2 + (d.side === 'left' ? 0 : 1);

/**
 * Per dermatome, the share of its paraesthesia fibres that fire in `result` (read at the
 * programmed amplitude: the derived view's `result`). `labels` are the dermatome each fibre
 * carries, per population in the result's order (coverage.ts fibreDermatomes). Dermatomes with
 * no fibre in the model are absent; the list is in root order, left before right.
 */
export function dermatomeShares(
  result: Pick<RunResult, 'populations'>,
  labels: readonly (readonly (PainDermatome | null)[])[],
): DermatomeShare[] {
  const byKey = new Map<string, DermatomeShare>();
  result.populations.forEach((pop, pi) => {
    if (pop.sideEffect || !PARAESTHESIA_POPULATION_IDS.includes(pop.id)) return;
    const lab = labels[pi] ?? [];
    lab.forEach((d, i) => {
      if (!d) return;
      const k = dermKey(d);
      const h = byKey.get(k) ?? { root: d.root, side: d.side, fibres: 0, recruited: 0, share: 0 };
      h.fibres += 1;
      if (pop.activated[i]) h.recruited += 1;
      byKey.set(k, h);
    });
  });
  const out = [...byKey.values()].map((h) => ({ ...h, share: h.recruited / h.fibres }));
  return out.sort((a, b) => order(a) - order(b));
}

/** The sides a body region lies on: its own for a lateral region, both for a midline one. */
export function regionSides(regionId: string): Side[] {
  if (regionId.endsWith('-left')) return ['left'];
  if (regionId.endsWith('-right')) return ['right'];
  return ['left', 'right'];
}

/** The dermatomes (root and side) of a set of body regions, without repeats, in root order. */
export function regionDermatomes(regionIds: readonly string[]): PainDermatome[] {
  const seen = new Map<string, PainDermatome>();
  for (const id of regionIds) {
    const region = bodyRegionById(id);
    if (!region) continue;
    for (const side of regionSides(id))
      for (const r of region.dermatomes) {
        if (!(ROOTS as readonly string[]).includes(r)) continue;
        const d = { root: r as Root, side };
        seen.set(dermKey(d), d);
      }
  }
  return [...seen.values()].sort((a, b) => order(a) - order(b));
}

/**
 * Per body region, its modelled paraesthesia (0..1): the mean share over the region's
 * dermatomes on its side(s); a dermatome no fibre of the model carries counts as 0.
 */
export function regionParaesthesia(shares: readonly DermatomeShare[]): Map<string, number> {
  const byKey = new Map(shares.map((s) => [dermKey(s), s.share]));
  const out = new Map<string, number>();
  for (const region of BODY_REGIONS) {
    const ds = regionDermatomes([region.id]);
    if (ds.length === 0) continue;
    const mean = ds.reduce((a, d) => a + (byKey.get(dermKey(d)) ?? 0), 0) / ds.length;
    out.set(region.id, mean);
  }
  return out;
}

export interface ParaesthesiaOverlap {
  /** Σ wᵣ·pᵣ / Σ wᵣ over the pain regions, in percent (null without a pain map) */
  painCoveredPercent: number | null;
  /** per pain region: its paraesthesia share (0..1) and its weight */
  regions: { regionId: string; weight: number; share: number }[];
  /** firing paraesthesia fibres whose dermatome is outside the pain map, in percent (null: none fire) */
  offTargetPercent: number | null;
  /** dermatomes with firing fibres outside the pain map, in root order */
  offTargetDermatomes: DermatomeShare[];
  /** firing paraesthesia fibres in all */
  recruitedFibres: number;
}

/** Overlap of the modelled paraesthesia with a pain map of body regions (rules above). */
export function paraesthesiaOverlap(
  painRegions: readonly { regionId: string; intensityNrs: number }[],
  shares: readonly DermatomeShare[],
): ParaesthesiaOverlap {
  const perRegion = regionParaesthesia(shares);
  const regions = painRegions.map((r) => ({
    regionId: r.regionId,
    weight: Math.max(r.intensityNrs, 1),
    share: perRegion.get(r.regionId) ?? 0,
  }));
  const total = regions.reduce((a, r) => a + r.weight, 0);
  const painCoveredPercent =
    total > 0 ? (100 * regions.reduce((a, r) => a + r.weight * r.share, 0)) / total : null;
  const pain = new Set(regionDermatomes(painRegions.map((r) => r.regionId)).map(dermKey));
  const recruitedFibres = shares.reduce((a, s) => a + s.recruited, 0);
  const offTargetDermatomes = shares.filter((s) => s.recruited > 0 && !pain.has(dermKey(s)));
  const off = offTargetDermatomes.reduce((a, s) => a + s.recruited, 0);
  return {
    painCoveredPercent,
    regions,
    offTargetPercent: recruitedFibres > 0 ? (100 * off) / recruitedFibres : null,
    offTargetDermatomes,
    recruitedFibres,
  };
}

/** The NRS given to each region of a pain map drawn from dermatomes (no intensity is known). */
export const DERMATOME_PAIN_NRS = 5; // nominal: equal weights, the value itself does not matter

/**
 * The body-chart regions of a pain map given as dermatomes (the plan's own target, Scenario
 * painMap), for drawing and for paraesthesiaOverlap. A region is in it when every one of its
 * dermatomes on its side(s) is a pain dermatome; a pain dermatome that no such region holds adds
 * the region(s) where it is the largest part (so L5 left alone marks the shin and the heel), so
 * that every pain dermatome shows on the body. Each region weighs DERMATOME_PAIN_NRS.
 */
export function painRegionsFromDermatomes(
  dermatomes: readonly PainDermatome[],
): { regionId: string; intensityNrs: number }[] {
  const pain = new Set(dermatomes.map(dermKey));
  if (pain.size === 0) return [];
  const candidates = BODY_REGIONS.map((r) => {
    const ds = regionDermatomes([r.id]).map(dermKey);
    const hit = ds.filter((k) => pain.has(k));
    return { id: r.id, ds, hit, fraction: ds.length ? hit.length / ds.length : 0 };
  });
  const chosen = new Set(candidates.filter((c) => c.fraction === 1).map((c) => c.id));
  const held = new Set(candidates.filter((c) => chosen.has(c.id)).flatMap((c) => c.hit));
  for (const k of pain) {
    if (held.has(k)) continue;
    const holding = candidates.filter((c) => c.hit.includes(k));
    const best = Math.max(0, ...holding.map((c) => c.fraction));
    for (const c of holding) if (c.fraction === best) chosen.add(c.id);
  }
  return BODY_REGIONS.filter((r) => chosen.has(r.id)).map((r) => ({
    regionId: r.id,
    intensityNrs: DERMATOME_PAIN_NRS,
  }));
}
