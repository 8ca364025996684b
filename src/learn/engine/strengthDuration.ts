/**
 * Strength–duration fit. Weiss (1901): I = b·(1 + c/d), i.e. the charge Q = I·d = b·d + b·c is a
 * straight line in d; a least-squares line through (d, Q) gives the rheobase b (slope) and the
 * chronaxie c = intercept / slope (models.md §4 "strength–duration forms").
 */
export interface SdPoint {
  pulseWidthUs: number;
  thresholdMa: number;
}

export interface SdFit {
  rheobaseMa: number;
  chronaxieUs: number;
  /** coefficient of determination of the Q–d line */
  r2: number;
}

export function fitWeiss(points: readonly SdPoint[]): SdFit | null {
  const pts = points.filter((p) => Number.isFinite(p.thresholdMa) && p.pulseWidthUs > 0);
  if (pts.length < 2) return null;
  const xs = pts.map((p) => p.pulseWidthUs);
  const ys = pts.map((p) => p.thresholdMa * p.pulseWidthUs); // Q in mA·µs = nC
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  if (!(slope > 0)) return null;
  return {
    rheobaseMa: slope,
    chronaxieUs: intercept / slope,
    r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy),
  };
}

/** Threshold (mA) the Weiss law predicts at pulse width d. */
export function weissThresholdMa(fit: SdFit, pulseWidthUs: number): number {
  return fit.rheobaseMa * (1 + fit.chronaxieUs / pulseWidthUs);
}

/** Pulse widths (µs) the lesson measures, log-spaced from 20 µs to 2 ms. */
export const SD_PULSE_WIDTHS_US = [20, 50, 100, 200, 400, 1000, 2000] as const;
