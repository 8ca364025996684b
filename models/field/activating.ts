/**
 * Activating function (Rattay 1986, IEEE TBME 33:974): for a myelinated fibre the drive at
 * node n is the second difference of the extracellular potential along the fibre,
 *   AF_n = φ_{n−1} − 2φ_n + φ_{n+1}  (mV, nodes one internode apart).
 * For a cathode the unit potential φ (mV/mA, positive) peaks near the contact, so the
 * depolarising drive per mA of cathodic current is −Δ²φ. An AF-based threshold estimate is
 * I_th ≈ AF_crit / max_n(−Δ²φ_n), with AF_crit calibrated for a fibre size and pulse width.
 */

/** Points along a polyline (x, y, z triples) every `stepMm` of arc length, starting at its start. */
export function resamplePolyline(polyline: ArrayLike<number>, stepMm: number): Float64Array {
  const out: number[] = [];
  const n = polyline.length / 3;
  if (n < 1) return new Float64Array(0);
  let carry = 0; // arc length already travelled past the last emitted point
  out.push(polyline[0]!, polyline[1]!, polyline[2]!);
  for (let i = 0; i + 1 < n; i++) {
    const ax = polyline[3 * i]!;
    const ay = polyline[3 * i + 1]!;
    const az = polyline[3 * i + 2]!;
    const dx = polyline[3 * i + 3]! - ax;
    const dy = polyline[3 * i + 4]! - ay;
    const dz = polyline[3 * i + 5]! - az;
    const len = Math.hypot(dx, dy, dz);
    let s = stepMm - carry;
    while (s <= len) {
      const t = s / len;
      out.push(ax + t * dx, ay + t * dy, az + t * dz);
      s += stepMm;
    }
    carry = len - (s - stepMm);
  }
  return Float64Array.from(out);
}

/** −Δ²φ at interior nodes (mV per mA for a cathode); length n − 2. */
export function cathodicDrive(potentialsMvPerMa: ArrayLike<number>): Float64Array {
  const n = potentialsMvPerMa.length;
  const out = new Float64Array(Math.max(0, n - 2));
  for (let i = 1; i + 1 < n; i++) {
    out[i - 1] = -(
      potentialsMvPerMa[i - 1]! -
      2 * potentialsMvPerMa[i]! +
      potentialsMvPerMa[i + 1]!
    );
  }
  return out;
}

/** Largest depolarising drive per mA for either polarity (cathodic: −Δ²φ; anodic: +Δ²φ). */
export function maxDrive(
  potentialsMvPerMa: ArrayLike<number>,
  polarity: 'cathodic' | 'anodic' = 'cathodic',
): number {
  const d = cathodicDrive(potentialsMvPerMa);
  let m = -Infinity;
  for (let i = 0; i < d.length; i++) {
    const v = polarity === 'cathodic' ? d[i]! : -d[i]!;
    if (v > m) m = v;
  }
  return m;
}
