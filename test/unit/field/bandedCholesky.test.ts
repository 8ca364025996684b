/**
 * The band Cholesky factorisation and its solves (models/field/bandedCholesky.ts): residuals of
 * A·x = b on a random symmetric positive definite band matrix, and the several-right-hand-side
 * solve (four at a time, then the rest one by one) identical to the one-at-a-time solve.
 */
import { describe, expect, it } from 'vitest';
import {
  BandMatrix,
  choleskyInPlace,
  choleskySolveInPlace,
  choleskySolveManyInPlace,
} from '../../../models/field/bandedCholesky.ts';
import { seededRandom } from '../../../models/neuron/populations.ts';

const N = 300;
const B = 17;

/** Random SPD band matrix (diagonally dominant), as dense rows for the residual check too. */
function randomBand(seed: number): { m: BandMatrix; dense: Float64Array[] } {
  const rnd = seededRandom(seed);
  const m = new BandMatrix(N, B);
  const dense = Array.from({ length: N }, () => new Float64Array(N));
  for (let i = 0; i < N; i++) {
    for (let j = Math.max(0, i - B); j < i; j++) {
      if (rnd() < 0.4) continue;
      const a = rnd() - 0.5;
      m.add(i, j, a);
      dense[i]![j] = a;
      dense[j]![i] = a;
    }
  }
  for (let i = 0; i < N; i++) {
    let off = 0;
    for (let j = 0; j < N; j++) if (j !== i) off += Math.abs(dense[i]![j]!);
    const d = off + 0.1 + rnd();
    m.add(i, i, d);
    dense[i]![i] = d;
  }
  return { m, dense };
}

function rhsSet(count: number, seed: number): Float64Array[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: count }, () => Float64Array.from({ length: N }, () => rnd() - 0.5));
}

describe('band Cholesky', () => {
  it('solves A·x = b to round-off', () => {
    const { m, dense } = randomBand(7);
    choleskyInPlace(m);
    const [b] = rhsSet(1, 11);
    const x = Float64Array.from(b!);
    choleskySolveInPlace(m, x);
    let worst = 0;
    for (let i = 0; i < N; i++) {
      let s = 0;
      for (let j = 0; j < N; j++) s += dense[i]![j]! * x[j]!;
      worst = Math.max(worst, Math.abs(s - b![i]!));
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('several right-hand sides at once give exactly the one-at-a-time solutions (1 to 9 of them)', () => {
    const { m } = randomBand(3);
    choleskyInPlace(m);
    for (const count of [1, 2, 3, 4, 5, 8, 9]) {
      const many = rhsSet(count, 100 + count);
      const one = many.map((r) => Float64Array.from(r));
      choleskySolveManyInPlace(m, many);
      for (const r of one) choleskySolveInPlace(m, r);
      many.forEach((x, r) =>
        expect(Array.from(x), `${count} sides, side ${r}`).toEqual(Array.from(one[r]!)),
      );
    }
  });

  it('refuses a matrix that is not positive definite, naming the row', () => {
    const m = new BandMatrix(3, 1);
    m.add(0, 0, 1);
    m.add(1, 0, 2);
    m.add(1, 1, 1);
    m.add(2, 2, 1);
    expect(() => choleskyInPlace(m)).toThrow(/row 1/);
  });
});
