/**
 * Nonuniform tensor grid for the 2-D sections: spacing grows linearly with the distance from
 * the nearest feature (interface, contact, or a span where fibres lie),
 * h(x) = min(hMax, min_f (h_f + g·dist(x, f))), with a node on every feature that asks for one
 * (both ends of a span), so that planar interfaces fall on grid lines.
 */

export interface GridFeature {
  atMm: number;
  /** the feature is the interval [atMm, toMm] (fine spacing throughout); default a point */
  toMm?: number;
  spacingMm: number;
  /** place a grid line exactly here (default true); false: only the spacing applies */
  node?: boolean;
}

export interface AxisOptions {
  growthPerMm: number;
  maxSpacingMm: number;
}

export function buildAxis(
  loMm: number,
  hiMm: number,
  features: GridFeature[],
  o: AxisOptions,
): Float64Array {
  const h = (x: number) => {
    let best = o.maxSpacingMm;
    for (const f of features) {
      const d =
        f.toMm === undefined
          ? Math.abs(x - f.atMm)
          : Math.max(0, Math.min(f.atMm, f.toMm) - x, x - Math.max(f.atMm, f.toMm));
      const s = f.spacingMm + o.growthPerMm * d;
      if (s < best) best = s;
    }
    return best;
  };
  const breaks = [
    loMm,
    hiMm,
    ...features
      .filter((f) => f.node !== false)
      .flatMap((f) => (f.toMm === undefined ? [f.atMm] : [f.atMm, f.toMm]))
      .filter((x) => x > loMm && x < hiMm),
  ].sort((a, b) => a - b);
  const merged: number[] = [];
  for (const b of breaks) {
    const last = merged[merged.length - 1];
    if (last === undefined || b - last > 0.05) merged.push(b);
  }
  if (merged[merged.length - 1] !== hiMm) merged[merged.length - 1] = hiMm;
  const nodes: number[] = [merged[0]!];
  for (let s = 0; s + 1 < merged.length; s++) {
    const a = merged[s]!;
    const b = merged[s + 1]!;
    // cumulative ∫ dx / h on a fine sampling, then equal steps in that measure
    const samples = 200;
    const cum = new Float64Array(samples + 1);
    for (let i = 1; i <= samples; i++) {
      const x0 = a + ((b - a) * (i - 1)) / samples;
      const x1 = a + ((b - a) * i) / samples;
      cum[i] = cum[i - 1]! + (x1 - x0) / h((x0 + x1) / 2);
    }
    const total = cum[samples]!;
    const m = Math.max(1, Math.ceil(total - 1e-9));
    let i = 0;
    for (let j = 1; j < m; j++) {
      const target = (total * j) / m;
      while (i < samples && cum[i + 1]! < target) i++;
      const t = (target - cum[i]!) / (cum[i + 1]! - cum[i]! || 1);
      nodes.push(a + ((b - a) * (i + t)) / samples);
    }
    nodes.push(b);
  }
  return Float64Array.from(nodes);
}

/** Index i with axis[i] <= x < axis[i+1] (clamped), by bisection. */
export function locate(axis: Float64Array, x: number): number {
  let lo = 0;
  let hi = axis.length - 1;
  if (x <= axis[0]!) return 0;
  if (x >= axis[hi]!) return hi - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (axis[mid]! <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}
