/**
 * Where a catalogue number comes from, and whether the UI must label it "nominal".
 *
 * Status follows the marks of ../shared/research/leads.md §0:
 *  - `verified`   (✅) checked against the cited source;
 *  - `secondary`  (◐) a review, a third-party model or a measured published geometry: nominal;
 *  - `unverified` (⚠) the commonly quoted figure, not re-read: an editable nominal preset;
 *  - `guess`      no source at all, an engineering placeholder: nominal, and said so.
 * Only `verified` values are not nominal.
 */
import { z } from 'zod';

export const PROVENANCE_STATUSES = ['verified', 'secondary', 'unverified', 'guess'] as const;
export type ProvenanceStatus = (typeof PROVENANCE_STATUSES)[number];

export const ProvenanceSchema = z
  .object({
    status: z.enum(PROVENANCE_STATUSES),
    /** true unless `status` is `verified`: the UI labels the value "nominal" and lets it be edited */
    nominal: z.boolean(),
    /** document, table or section the value was taken from (or why it is a guess) */
    source: z.string().min(1),
  })
  .refine((p) => p.nominal === (p.status !== 'verified'), {
    message: 'nominal must be true exactly when status is not "verified"',
    path: ['nominal'],
  });
export type Provenance = z.infer<typeof ProvenanceSchema>;

export function provenance(status: ProvenanceStatus, source: string): Provenance {
  return { status, nominal: status !== 'verified', source };
}

/** ✅ checked against the cited source */
export const verified = (source: string): Provenance => provenance('verified', source);
/** ◐ secondary source or published model geometry (nominal) */
export const secondary = (source: string): Provenance => provenance('secondary', source);
/** ⚠ commonly quoted, not re-read (nominal, editable preset) */
export const unverified = (source: string): Provenance => provenance('unverified', source);
/** no source: an engineering placeholder (nominal) */
export const guess = (why: string): Provenance => provenance('guess', why);

/** Names of the fields of a provenance map that the UI must label nominal. */
export function nominalFields(map: Readonly<Record<string, Provenance | undefined>>): string[] {
  return Object.entries(map)
    .filter(([, p]) => p?.nominal === true)
    .map(([field]) => field)
    .sort();
}
