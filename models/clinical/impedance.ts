/**
 * Electrode impedances of a programming session, in ohms. Typed in as a list ("620, 580, 560");
 * an entry that is not a number of ohms is refused with the field and the entry named, and
 * nothing is changed (DESIGN.md "Schemas at the edges": bad input gets a message naming the
 * field and nothing is written).
 */

/**
 * Highest impedance accepted, Ω. ⚠ nominal bound: far above the 4500 Ω that Boston flags as
 * high and the 351–547 Ω typical of cervical/thoracic contacts (clinical.md §2.3, Alo 2006).
 */
export const MAX_IMPEDANCE_OHM = 100_000;

export type ImpedanceParse = { ok: true; values: number[] } | { ok: false; message: string };

const NUMBER = /^\d+(\.\d+)?$/;

/** Parses "620, 580, 560" (commas, semicolons or spaces) into ohms; `field` names the input in messages. */
export function parseImpedances(text: string, field = 'Impedances'): ImpedanceParse {
  const parts = text
    .split(/[,;\s]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const values: number[] = [];
  for (const [i, p] of parts.entries()) {
    const digits = p.replace(/(Ω|ohms?)$/i, '');
    const v = Number(digits);
    if (!NUMBER.test(digits) || !Number.isFinite(v))
      return {
        ok: false,
        message: `${field}: entry ${i + 1} ("${p}") is not a number of ohms; the stored impedances were kept.`,
      };
    if (v > MAX_IMPEDANCE_OHM)
      return {
        ok: false,
        message: `${field}: entry ${i + 1} (${p} Ω) is above ${MAX_IMPEDANCE_OHM} Ω; the stored impedances were kept.`,
      };
    values.push(v);
  }
  return { ok: true, values };
}
