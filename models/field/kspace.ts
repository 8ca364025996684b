/**
 * Axial wavenumbers and the inverse cosine/sine transform of the 2.5-D method.
 * A medium uniform along w turns −∇·σ∇φ = I·δ into, per wavenumber k,
 *   −∇⊥·σ⊥∇⊥Φ + k²σ_w Φ = Î(k)        and        φ(w) = (1/π) ∫₀^∞ [Φc cos kw + Φs sin kw] dk
 * (Φc, Φs: responses to the cosine and sine parts of the source's axial transform).
 * The integral takes Φc linear in ln k between nodes where a segment spans < 2 rad of the
 * cosine (Gauss–Legendre), otherwise Φ linear in k (Filon-type, exact oscillatory weights); a
 * logarithmic model of Φc below the first node (the 2-D Green's function ~ −ln k), and drops
 * k beyond the last node (e^{−k r} is negligible there for r ≳ 1 mm).
 */

/**
 * Wavenumbers: geometric with ratio 1.4 from 2e-3 to 0.3 mm⁻¹ (where Φ ≈ a − b·ln k and the
 * cubic-in-ln-k interpolation is nearly exact), then ratio 1.15 up to 12 mm⁻¹. Against ratio 1.06
 * everywhere: potentials within 0.2 %, activating function within 0.2 % for K0(kρ); SCS dorsal-column
 * activating function within 0.1 % of ratio 1.15 everywhere (README, accuracy).
 */
export function defaultKNodes(
  kMinPerMm = 2e-3,
  kMaxPerMm = 12,
  ratio = 1.15,
  lowRatio = 1.4,
  splitPerMm = 0.3,
): Float64Array {
  const out: number[] = [];
  let k = kMinPerMm;
  while (k < splitPerMm * 0.9999 && k < kMaxPerMm) {
    out.push(k);
    k *= lowRatio;
  }
  k = Math.max(Math.min(splitPerMm, kMaxPerMm), kMinPerMm);
  while (k <= kMaxPerMm * 1.0001) {
    out.push(k);
    k *= ratio;
  }
  return Float64Array.from(out);
}

// Gauss–Legendre 4-point nodes/weights on [−1, 1] (A&S Table 25.4)
const GL_X = [-0.8611363115940526, -0.3399810435848563, 0.3399810435848563, 0.8611363115940526];
const GL_W = [0.3478548451374538, 0.6521451548625461, 0.6521451548625461, 0.3478548451374538];

// Gauss–Legendre 6-point nodes/weights on [−1, 1] (A&S Table 25.4)
const GL6_X = [
  -0.9324695142031521, -0.6612093864662645, -0.2386191860831969, 0.2386191860831969,
  0.6612093864662645, 0.9324695142031521,
];
const GL6_W = [
  0.1713244923791704, 0.3607615730481386, 0.467913934572691, 0.467913934572691, 0.3607615730481386,
  0.1713244923791704,
];
// design choice: log-linear interpolation where the segment spans < 2 rad of the cosine (6-point Gauss is exact to ~1e-6 there)
const LOG_SEGMENT_MAX_PHASE = 2;

/** ∫_a^b {1, (k−a)} × {cos kw, sin kw} dk → [c0, c1, s0, s1] */
function segmentMoments(a: number, b: number, w: number, out: Float64Array): void {
  const h = b - a;
  if (Math.abs(w * h) < 1) {
    let c0 = 0;
    let c1 = 0;
    let s0 = 0;
    let s1 = 0;
    for (let q = 0; q < 4; q++) {
      const t = (h / 2) * (GL_X[q]! + 1);
      const k = a + t;
      const wq = (h / 2) * GL_W[q]!;
      const c = Math.cos(k * w);
      const s = Math.sin(k * w);
      c0 += wq * c;
      c1 += wq * t * c;
      s0 += wq * s;
      s1 += wq * t * s;
    }
    out[0] = c0;
    out[1] = c1;
    out[2] = s0;
    out[3] = s1;
    return;
  }
  const ca = Math.cos(a * w);
  const cb = Math.cos(b * w);
  const sa = Math.sin(a * w);
  const sb = Math.sin(b * w);
  out[0] = (sb - sa) / w;
  out[1] = (h * sb) / w + (cb - ca) / (w * w);
  out[2] = (ca - cb) / w;
  out[3] = (-h * cb) / w + (sb - sa) / (w * w);
}

/** Monomial coefficients (in s = k − a) of the 4 cubic Lagrange basis polynomials on nodes x0..x3. */
function lagrangeMonomials(x: number[], a: number, out: Float64Array): void {
  // out[4·b + n] = coefficient of s^n in basis b
  for (let b = 0; b < 4; b++) {
    const others = [0, 1, 2, 3].filter((q) => q !== b).map((q) => x[q]! - a);
    const xb = x[b]! - a;
    const den = (xb - others[0]!) * (xb - others[1]!) * (xb - others[2]!);
    const [p, q, r] = others as [number, number, number];
    // (s − p)(s − q)(s − r) = s³ − (p+q+r)s² + (pq+pr+qr)s − pqr
    out[4 * b] = -(p * q * r) / den;
    out[4 * b + 1] = (p * q + p * r + q * r) / den;
    out[4 * b + 2] = -(p + q + r) / den;
    out[4 * b + 3] = 1 / den;
  }
}

/**
 * Weights so that φ(w) = Σ_j wc[j]·Φc(k_j) + ws[j]·Φs(k_j). Writes into wc, ws (length K).
 * Each segment [k_j, k_j+1] interpolates through the four nodes around it: Φc cubic in ln k and
 * Φs cubic in k where the segment spans < 2 rad of the cosine (6-point Gauss); both cubic in k
 * with exact oscillatory moments (Filon-type) where it spans more.
 */
export function inverseTransformWeights(
  k: Float64Array,
  w: number,
  wc: Float64Array,
  ws: Float64Array,
): void {
  const K = k.length;
  wc.fill(0);
  ws.fill(0);
  const m = new Float64Array(4);
  const lag = new Float64Array(16);
  const jr = new Float64Array(4);
  const ji = new Float64Array(4);
  // below the first node: Φc ≈ Φc0 + slope·ln(k/k0), slope from the first two nodes; Φs ≈ Φs0·k/k0
  const k0 = k[0]!;
  const k1 = k[1]!;
  const lr = Math.log(k1 / k0);
  const x = k0 * w;
  const avgCos = Math.abs(x) < 1e-8 ? 1 : Math.sin(x) / x;
  // ∫₀^{k0} ln(k/k0) dk = −k0
  wc[0]! += k0 * avgCos * (1 + 1 / lr);
  wc[1]! -= (k0 * avgCos) / lr;
  segmentMoments(0, k0, w, m);
  ws[0]! += m[3]! / k0;
  for (let j = 0; j + 1 < K; j++) {
    const a = k[j]!;
    const b = k[j + 1]!;
    const h = b - a;
    const i0 = Math.max(0, Math.min(j - 1, K - 4));
    const nodes = [k[i0]!, k[i0 + 1]!, k[i0 + 2]!, k[i0 + 3]!];
    if (Math.abs(w) * h < LOG_SEGMENT_MAX_PHASE) {
      const t0 = Math.log(nodes[0]!);
      const t1 = Math.log(nodes[1]!);
      const t2 = Math.log(nodes[2]!);
      const t3 = Math.log(nodes[3]!);
      const [n0, n1, n2, n3] = nodes as [number, number, number, number];
      for (let q = 0; q < 6; q++) {
        const kk = a + (h / 2) * (GL6_X[q]! + 1);
        const gw = (h / 2) * GL6_W[q]!;
        const c = gw * Math.cos(kk * w);
        const sn = gw * Math.sin(kk * w);
        const t = Math.log(kk);
        wc[i0]! += (c * ((t - t1) * (t - t2) * (t - t3))) / ((t0 - t1) * (t0 - t2) * (t0 - t3));
        wc[i0 + 1]! += (c * ((t - t0) * (t - t2) * (t - t3))) / ((t1 - t0) * (t1 - t2) * (t1 - t3));
        wc[i0 + 2]! += (c * ((t - t0) * (t - t1) * (t - t3))) / ((t2 - t0) * (t2 - t1) * (t2 - t3));
        wc[i0 + 3]! += (c * ((t - t0) * (t - t1) * (t - t2))) / ((t3 - t0) * (t3 - t1) * (t3 - t2));
        ws[i0]! += (sn * ((kk - n1) * (kk - n2) * (kk - n3))) / ((n0 - n1) * (n0 - n2) * (n0 - n3));
        ws[i0 + 1]! +=
          (sn * ((kk - n0) * (kk - n2) * (kk - n3))) / ((n1 - n0) * (n1 - n2) * (n1 - n3));
        ws[i0 + 2]! +=
          (sn * ((kk - n0) * (kk - n1) * (kk - n3))) / ((n2 - n0) * (n2 - n1) * (n2 - n3));
        ws[i0 + 3]! +=
          (sn * ((kk - n0) * (kk - n1) * (kk - n2))) / ((n3 - n0) * (n3 - n1) * (n3 - n2));
      }
    } else {
      // J_n = ∫₀^h s^n e^{isw} ds: J_0 = (e^{ihw} − 1)/(iw), J_n = (h^n e^{ihw} − n J_{n−1})/(iw)
      const ch = Math.cos(h * w);
      const sh = Math.sin(h * w);
      let pr = ch - 1;
      let pi = sh;
      // divide by iw: (pr + i pi)/(i w) = (pi − i pr)/w
      jr[0] = pi / w;
      ji[0] = -pr / w;
      let hn = 1;
      for (let n = 1; n < 4; n++) {
        hn *= h;
        pr = hn * ch - n * jr[n - 1]!;
        pi = hn * sh - n * ji[n - 1]!;
        jr[n] = pi / w;
        ji[n] = -pr / w;
      }
      lagrangeMonomials(nodes, a, lag);
      const ca = Math.cos(a * w);
      const sa = Math.sin(a * w);
      for (let bb = 0; bb < 4; bb++) {
        let re = 0;
        let im = 0;
        for (let n = 0; n < 4; n++) {
          re += lag[4 * bb + n]! * jr[n]!;
          im += lag[4 * bb + n]! * ji[n]!;
        }
        // e^{iaw}(re + i im): real part → cosine weight, imaginary part → sine weight
        wc[i0 + bb]! += ca * re - sa * im;
        ws[i0 + bb]! += sa * re + ca * im;
      }
    }
  }
  const inv = 1 / Math.PI;
  for (let j = 0; j < K; j++) {
    wc[j]! *= inv;
    ws[j]! *= inv;
  }
}

/**
 * Tabulated inverse-transform weights for fast repeated evaluation (moving a lead along the
 * axis): rows every `stepMm` for 0 ≤ w ≤ `maxMm`, linear interpolation between rows (cos
 * weights are even in w, sine weights odd); beyond the table the weights are computed directly.
 * With step 0.02 mm the interpolation error is below (k_max·step)²/8 ≈ 0.7 % of the k_max term.
 */
export class InverseTransformTable {
  readonly k: Float64Array;
  readonly stepMm: number;
  readonly maxMm: number;
  private readonly rows: number;
  private readonly tc: Float64Array;
  private readonly ts: Float64Array;
  constructor(k: Float64Array, stepMm = 0.02, maxMm = 80) {
    this.k = k;
    this.stepMm = stepMm;
    this.maxMm = maxMm;
    const K = k.length;
    this.rows = Math.ceil(maxMm / stepMm) + 1;
    this.tc = new Float64Array(this.rows * K);
    this.ts = new Float64Array(this.rows * K);
    const wc = new Float64Array(K);
    const ws = new Float64Array(K);
    for (let r = 0; r < this.rows; r++) {
      inverseTransformWeights(k, r * stepMm, wc, ws);
      this.tc.set(wc, r * K);
      this.ts.set(ws, r * K);
    }
  }

  /** Σ_j wc_j(w)·fc[base + j] + ws_j(w)·fs[base + j] (fs may be null). */
  apply(w: number, fc: Float64Array, fs: Float64Array | null, base: number): number {
    const K = this.k.length;
    const aw = Math.abs(w);
    if (aw >= this.maxMm) {
      const wc = new Float64Array(K);
      const ws = new Float64Array(K);
      inverseTransformWeights(this.k, w, wc, ws);
      let s = 0;
      for (let j = 0; j < K; j++) s += wc[j]! * fc[base + j]! + (fs ? ws[j]! * fs[base + j]! : 0);
      return s;
    }
    const x = aw / this.stepMm;
    const r = Math.min(Math.floor(x), this.rows - 2);
    const t = x - r;
    const o0 = r * K;
    const o1 = o0 + K;
    const sign = w < 0 ? -1 : 1;
    let s = 0;
    for (let j = 0; j < K; j++) {
      s += ((1 - t) * this.tc[o0 + j]! + t * this.tc[o1 + j]!) * fc[base + j]!;
    }
    if (fs) {
      let q = 0;
      for (let j = 0; j < K; j++)
        q += ((1 - t) * this.ts[o0 + j]! + t * this.ts[o1 + j]!) * fs[base + j]!;
      s += sign * q;
    }
    return s;
  }
}

const tables = new WeakMap<Float64Array, InverseTransformTable>();

/** The shared table for a wavenumber set (built once, ≈0.2 s). */
export function inverseTransformTable(k: Float64Array): InverseTransformTable {
  let t = tables.get(k);
  if (!t) {
    t = new InverseTransformTable(k);
    tables.set(k, t);
  }
  return t;
}
