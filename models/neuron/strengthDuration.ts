/**
 * Strength–duration curves and their rheobase/chronaxie (models.md §3.5):
 *   Weiss:    I(d) = b·(1 + c/d)          — linear in 1/d, least squares;
 *   Lapicque: I(d) = b / (1 − exp(−d·ln2/c)) — b in closed form for each c, c by a
 *             golden-section search on log c.
 * b = rheobase (mA), c = chronaxie (µs), d = pulse width (µs). Least squares via mathjs.
 */
import { lusolve, matrix, multiply, transpose, type Matrix } from 'mathjs';
import type { Fiber } from './fiber.ts';
import { findThreshold, type ThresholdOptions } from './threshold.ts';
import { FiberSession } from './simulate.ts';

export interface StrengthDurationFit {
  rheobaseMa: number;
  chronaxieUs: number;
  /** root-mean-square relative residual of the fit */
  rmsRelativeError: number;
}

export interface StrengthDurationCurve {
  pulseWidthsUs: number[];
  thresholdsMa: number[];
  weiss: StrengthDurationFit;
  lapicque: StrengthDurationFit;
}

function rmsRel(pw: number[], th: number[], f: (d: number) => number): number {
  let s = 0;
  pw.forEach((d, i) => {
    const r = f(d) / (th[i] as number) - 1;
    s += r * r;
  });
  return Math.sqrt(s / pw.length);
}

/** Weiss fit by linear least squares on [1, 1/d] with relative weights (1/I). */
export function fitWeiss(pulseWidthsUs: number[], thresholdsMa: number[]): StrengthDurationFit {
  const rows = pulseWidthsUs.map((d, i) => {
    const w = 1 / (thresholdsMa[i] as number);
    return [w, w / d];
  });
  const A = matrix(rows);
  const y = matrix(thresholdsMa.map((t, i) => t / (thresholdsMa[i] as number)));
  const At = transpose(A);
  const sol = lusolve(multiply(At, A) as Matrix, multiply(At, y) as Matrix) as Matrix;
  const b = sol.get([0, 0]) as number;
  const bc = sol.get([1, 0]) as number;
  const c = bc / b;
  return {
    rheobaseMa: b,
    chronaxieUs: c,
    rmsRelativeError: rmsRel(pulseWidthsUs, thresholdsMa, (d) => b * (1 + c / d)),
  };
}

/** Lapicque fit: golden-section search on log c, b by weighted least squares for each c. */
export function fitLapicque(pulseWidthsUs: number[], thresholdsMa: number[]): StrengthDurationFit {
  const shape = (d: number, c: number) => 1 / (1 - Math.exp((-d * Math.LN2) / c));
  const bestB = (c: number) => {
    // minimise Σ (b·g/I − 1)²: b = Σ(g/I) / Σ(g/I)²
    const g = matrix(pulseWidthsUs.map((d, i) => [shape(d, c) / (thresholdsMa[i] as number)]));
    const gt = transpose(g);
    const num = (multiply(gt, matrix(pulseWidthsUs.map(() => [1]))) as Matrix).get([
      0, 0,
    ]) as number;
    const den = (multiply(gt, g) as Matrix).get([0, 0]) as number;
    return num / den;
  };
  const cost = (logC: number) => {
    const c = Math.exp(logC);
    const b = bestB(c);
    return rmsRel(pulseWidthsUs, thresholdsMa, (d) => b * shape(d, c));
  };
  let lo = Math.log(1);
  let hi = Math.log(1e5);
  const phi = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - phi * (hi - lo);
  let x2 = lo + phi * (hi - lo);
  let f1 = cost(x1);
  let f2 = cost(x2);
  for (let i = 0; i < 80; i++) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - phi * (hi - lo);
      f1 = cost(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + phi * (hi - lo);
      f2 = cost(x2);
    }
  }
  const c = Math.exp((lo + hi) / 2);
  const b = bestB(c);
  return {
    rheobaseMa: b,
    chronaxieUs: c,
    rmsRelativeError: rmsRel(pulseWidthsUs, thresholdsMa, (d) => b * shape(d, c)),
  };
}

/** Thresholds over pulse widths (monophasic, polarity `kind`) and both fits. */
export function strengthDuration(
  fiber: Fiber,
  veUnitMv: Float64Array,
  pulseWidthsUs: number[],
  kind: 'mono-cathodic' | 'mono-anodic' = 'mono-cathodic',
  opts: ThresholdOptions = {},
): StrengthDurationCurve {
  const session = opts.session ?? new FiberSession(fiber);
  let guess = opts.initialGuessMa;
  const thresholdsMa = pulseWidthsUs.map((pulseWidthUs) => {
    const r = findThreshold(
      fiber,
      veUnitMv,
      { kind, pulseWidthUs },
      {
        ...opts,
        session,
        dtUs: Math.min(opts.dtUs ?? 5, pulseWidthUs / 5),
        ...(guess !== undefined ? { initialGuessMa: guess } : {}),
      },
    );
    guess = r.thresholdMa;
    return r.thresholdMa;
  });
  return {
    pulseWidthsUs,
    thresholdsMa,
    weiss: fitWeiss(pulseWidthsUs, thresholdsMa),
    lapicque: fitLapicque(pulseWidthsUs, thresholdsMa),
  };
}
