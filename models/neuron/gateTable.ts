/**
 * Gate tables shared by the active mechanisms (mrgNode.ts, cFiber.ts): for one model, step and
 * temperature, eight values per membrane potential (four gates' x∞ and their cnexp factor
 * 1 − exp(−dt/τ), interleaved) on a 0.01 mV grid over ±200 mV, linearly interpolated (relative
 * error ~1e-7). Outside the grid a mechanism computes its rates directly.
 */
const TABLE_MIN_MV = -200;
const TABLE_MAX_MV = 200;
const TABLE_STEP_MV = 0.01;
const TABLE_N = Math.round((TABLE_MAX_MV - TABLE_MIN_MV) / TABLE_STEP_MV) + 1;
/** values per grid point */
export const GATE_VALUES = 8;
/** tables kept (our choice: a run uses two steps, during and after the pulse, per model) */
const CACHED_TABLES = 6;

const cache: { key: string; data: Float64Array }[] = [];

/**
 * The table for `key` (the model, step and temperature it was built for), built once by
 * `fill(v, out, offset)`, which writes the eight values at potential v.
 */
export function gateTable(
  key: string,
  fill: (vMv: number, out: Float64Array, offset: number) => void,
): Float64Array {
  const hit = cache.find((t) => t.key === key);
  if (hit) return hit.data;
  const data = new Float64Array(GATE_VALUES * TABLE_N);
  for (let i = 0; i < TABLE_N; i++) fill(TABLE_MIN_MV + i * TABLE_STEP_MV, data, GATE_VALUES * i);
  cache.unshift({ key, data });
  if (cache.length > CACHED_TABLES) cache.pop();
  return data;
}

/** The eight values at `vMv` into `out`, interpolated; false (out untouched) outside the grid. */
export function readGateTable(table: Float64Array, vMv: number, out: Float64Array): boolean {
  const x = (vMv - TABLE_MIN_MV) / TABLE_STEP_MV;
  if (!(x >= 0 && x < TABLE_N - 1)) return false;
  const j = Math.floor(x);
  const f = x - j;
  const b = GATE_VALUES * j;
  for (let q = 0; q < GATE_VALUES; q++) {
    const lo = table[b + q] as number;
    out[q] = lo + f * ((table[b + GATE_VALUES + q] as number) - lo);
  }
  return true;
}
