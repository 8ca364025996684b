/**
 * The fibre populations of a scenario: the therapy's populations of the resolved anatomy, with
 * the scenario's fibre model for the myelinated fibres. Built once per (anatomy, count, seed,
 * model) and kept in an explicit cache, so that the same path arrays come back and the caches
 * keyed by them (the sampler's) survive a moved lead or a new program.
 */
import { resolveAnatomy, type ResolvedAnatomy } from '../anatomy/index.ts';
import { MRG_TABLE } from '../neuron/mrg.ts';
import { canonicalJson, type Scenario } from '../scenario.ts';
import { therapyModule, type Population } from './therapies/index.ts';

export type { Population };

/** The key of what shapes a scenario's fibre populations. */
export function populationKey(s: Scenario): string {
  return canonicalJson([s.anatomy, s.model.fibresPerPopulation, s.model.seed, s.model.fibreModel]);
}

export class PopulationCache {
  private memo = new Map<string, { resolved: ResolvedAnatomy; populations: Population[] }>();
  constructor(private readonly capacity = 4) {}

  get(s: Scenario): { resolved: ResolvedAnatomy; populations: Population[] } {
    const key = populationKey(s);
    const hit = this.memo.get(key);
    if (hit) return hit;
    const resolved = resolveAnatomy(s.anatomy);
    const made = {
      resolved,
      populations: withFibreModel(
        therapyModule(s.therapy).populations(resolved, s.model.fibresPerPopulation, s.model.seed),
        s.model.fibreModel,
      ),
    };
    this.memo.set(key, made);
    if (this.memo.size > this.capacity) this.memo.delete(this.memo.keys().next().value!);
    return made;
  }
}

export const defaultPopulationCache = new PopulationCache();

/** Fibre populations of the scenario's anatomy, in the anatomy frame (seeded). */
export function scenarioPopulations(
  s: Scenario,
  cache: PopulationCache = defaultPopulationCache,
): Population[] {
  return cache.get(s).populations;
}

/**
 * The scenario's fibre model for the myelinated fibres (C fibres keep their own model): MRG with
 * interpolated geometry (default), or MRG with its tabulated geometry, each fibre at the nearest
 * tabulated diameter (McIntyre 2002: 5.7–16 µm).
 */
function withFibreModel(pops: Population[], model: Scenario['model']['fibreModel']): Population[] {
  if (model === 'mrg-interp') return pops;
  const nearest = (d: number) =>
    MRG_TABLE.reduce(
      (b, g) => (Math.abs(g.diameterUm - d) < Math.abs(b - d) ? g.diameterUm : b),
      16,
    );
  return pops.map((p) => ({
    ...p,
    paths: p.paths.map((f) =>
      f.model === 'c-fiber'
        ? f
        : { ...f, model, diameterUm: model === 'mrg' ? nearest(f.diameterUm) : f.diameterUm },
    ),
  }));
}
