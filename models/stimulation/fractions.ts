/**
 * Current fractions in whole per-mille (0.1 %): each polarity's shares are integers summing to
 * exactly 1000 ‰, so no sequence of edits can drift (no 50.1 / 49.9 % after a contact leaves
 * an equal three-way split). `fractionPercent` in a Program is `perMille / 10`.
 */

export const PER_MILLE_TOTAL = 1000;

/** A stored percentage as whole per-mille (33.3 % → 333). */
export function toPerMille(percent: number): number {
  return Math.round(percent * 10);
}

/** Whole per-mille as the stored percentage (333 → 33.3). */
export function fromPerMille(perMille: number): number {
  return perMille / 10;
}

/**
 * Largest-remainder apportionment: non-negative `weights` → integers summing to `total`, each
 * the floor of its exact share plus one for the largest remainders (ties to the earlier entry).
 * All weights 0: an equal split.
 */
export function apportion(weights: readonly number[], total: number): number[] {
  const n = weights.length;
  if (n === 0) return [];
  const sum = weights.reduce((s, w) => s + Math.max(0, w), 0);
  const exact = weights.map((w) => (sum > 0 ? (Math.max(0, w) * total) / sum : total / n));
  // a share within 1e-9 of an integer is that integer (floating sums of 0.1 steps)
  const floors = exact.map((x) => Math.floor(x + 1e-9));
  let left = total - floors.reduce((s, f) => s + f, 0);
  const order = exact
    .map((x, i) => ({ i, r: x - (floors[i] ?? 0) }))
    .sort((a, b) => (Math.abs(b.r - a.r) > 1e-9 ? b.r - a.r : a.i - b.i));
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left--;
  }
  return floors;
}

/** n equal shares of 1000 ‰ (the first few take the remainder: 3 → 334, 333, 333). */
export function equalPerMille(n: number): number[] {
  return apportion(new Array<number>(Math.max(0, n)).fill(1), PER_MILLE_TOTAL);
}

/**
 * Rescales per-mille shares to `total` in their proportions. Shares that differ by at most one
 * per-mille are an equal split's remainder and are split equally again, so an equal split stays
 * equal when a contact leaves it (334 : 333 → 500 : 500, not 501 : 499).
 */
export function rescalePerMille(shares: readonly number[], total = PER_MILLE_TOTAL): number[] {
  if (shares.length === 0) return [];
  const max = Math.max(...shares);
  const min = Math.min(...shares);
  if (min > 0 && max - min <= 1) return apportion(new Array<number>(shares.length).fill(1), total);
  return apportion(shares, total);
}
