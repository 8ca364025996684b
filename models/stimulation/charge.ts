/**
 * Charge per phase, charge density and the Shannon criterion.
 *
 *   Q = I · PW                 charge per phase (µC) = mA × µs / 1000     (clinical.md §3.4)
 *   D = Q / A                  charge density per phase (µC/cm²)          (clinical.md §3.4)
 *   log10(D) = k − log10(Q)    Shannon 1992, IEEE TBME 39:424 (models.md §8, leads.md §5)
 *     ⇒ k = log10(D) + log10(Q); k ≥ 1.85 may damage tissue.
 *
 * A is the contact's geometric area (ring π·Ø·L, pad W·L: models/devices/geometry.ts).
 */

/** Vendor programmers warn when a contact reaches 30 µC/cm² per phase (clinical.md §3.4; models.md §8). */
export const CHARGE_DENSITY_LIMIT_UC_PER_CM2 = 30;

/** Lowest k at which Shannon (1992) saw damage (models.md §8; clinical.md §3.4). */
export const SHANNON_K_LIMIT = 1.85;

const NC_PER_UC = 1000; // 1 mA × 1 µs = 1 nC

/** Q = I·PW, µC. */
export function chargePerPhaseUc(amplitudeMa: number, pulseWidthUs: number): number {
  return (amplitudeMa * pulseWidthUs) / NC_PER_UC;
}

/** D = Q / A, µC/cm². */
export function chargeDensityUcPerCm2(chargeUc: number, areaCm2: number): number {
  if (!(areaCm2 > 0)) throw new RangeError(`contact area must be positive, got ${areaCm2} cm²`);
  return chargeUc / areaCm2;
}

/** Shannon k = log10(D) + log10(Q) (D in µC/cm², Q in µC). −∞ for zero charge. */
export function shannonK(chargeUc: number, densityUcPerCm2: number): number {
  return Math.log10(densityUcPerCm2) + Math.log10(chargeUc);
}

/** k for a charge Q on a contact of area A: log10(Q²/A). */
export function shannonKForContact(chargeUc: number, areaCm2: number): number {
  return shannonK(chargeUc, chargeDensityUcPerCm2(chargeUc, areaCm2));
}

/** Largest Q (µC/phase) on area A with k below `k`: Q²/A = 10^k ⇒ Q = √(10^k · A). */
export function shannonMaxChargeUc(areaCm2: number, k: number = SHANNON_K_LIMIT): number {
  return Math.sqrt(10 ** k * areaCm2);
}

/** Largest Q (µC/phase) on area A under a density limit: Q = D_max · A. */
export function densityMaxChargeUc(
  areaCm2: number,
  limitUcPerCm2: number = CHARGE_DENSITY_LIMIT_UC_PER_CM2,
): number {
  return limitUcPerCm2 * areaCm2;
}

/** The contact current (mA) at which a contact of area A reaches the first of the two limits. */
export function maxSafeContactCurrentMa(areaCm2: number, pulseWidthUs: number): number {
  const q = Math.min(densityMaxChargeUc(areaCm2), shannonMaxChargeUc(areaCm2));
  return (q * NC_PER_UC) / pulseWidthUs;
}
