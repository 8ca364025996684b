/**
 * Axial wavenumbers and the inverse cosine/sine transform of the 2.5-D method.
 * A medium uniform along w turns −∇·σ∇φ = I·δ into, per wavenumber k,
 *   −∇⊥·σ⊥∇⊥Φ + k²σ_w Φ = Î(k)        and        φ(w) = (1/π) ∫₀^∞ [Φc cos kw + Φs sin kw] dk
 * (Φc, Φs: responses to the cosine and sine parts of the source's axial transform).
 * The integral uses Φ linear in k between nodes (Filon-type, exact oscillatory weights), a
 * logarithmic model of Φc below the first node (the 2-D Green's function ~ −ln k), and drops
 * k beyond the last node (e^{−k r} is negligible there for r ≳ 1 mm).
 */

/** geometric nodes 2e-3 … 30 mm⁻¹, ratio 1.3 (design choice; see README, accuracy section) */
export function defaultKNodes(kMinPerMm = 2e-3, kMaxPerMm = 30, ratio = 1.3): Float64Array {
  const n = Math.ceil(Math.log(kMaxPerMm / kMinPerMm) / Math.log(ratio)) + 1;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = kMinPerMm * ratio ** i;
  return out;
}

// Gauss–Legendre 4-point nodes/weights on [−1, 1] (A&S Table 25.4)
const GL_X = [-0.8611363115940526, -0.3399810435848563, 0.3399810435848563, 0.8611363115940526];
const GL_W = [0.3478548451374538, 0.6521451548625461, 0.6521451548625461, 0.3478548451374538];

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

/**
 * Weights so that φ(w) = Σ_j wc[j]·Φc(k_j) + ws[j]·Φs(k_j). Writes into wc, ws (length K).
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
    segmentMoments(a, b, w, m);
    wc[j]! += m[0]! - m[1]! / h;
    wc[j + 1]! += m[1]! / h;
    ws[j]! += m[2]! - m[3]! / h;
    ws[j + 1]! += m[3]! / h;
  }
  const inv = 1 / Math.PI;
  for (let j = 0; j < K; j++) {
    wc[j]! *= inv;
    ws[j]! *= inv;
  }
}
