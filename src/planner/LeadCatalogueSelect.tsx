import { GENERIC_VENDOR, type LeadCatalogEntry } from '../../models/devices/index.ts';
import { leadName } from './LeadSpecs.tsx';

/** Catalogue entries grouped for a menu: generic presets first, then each vendor A–Z. */
export function groupByVendor<T extends { vendor: string }>(
  entries: readonly T[],
): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const e of entries) groups.set(e.vendor, [...(groups.get(e.vendor) ?? []), e]);
  return [...groups.entries()].sort(([a], [b]) =>
    a === GENERIC_VENDOR ? -1 : b === GENERIC_VENDOR ? 1 : a.localeCompare(b),
  );
}

function verifiedCount(entry: LeadCatalogEntry): string {
  const dims = ['contactCount', 'contactLengthMm', 'contactSpacingMm', 'diameterMm'];
  const n = dims.filter((d) => entry.provenance[d]?.status === 'verified').length;
  const of = dims.filter((d) => entry.provenance[d] !== undefined).length;
  return `${n}/${of} dimensions verified`;
}

/** The lead-model menu, grouped by vendor, each entry saying how many of its dimensions are verified. */
export function LeadCatalogueSelect({
  options,
  value,
  onChange,
}: {
  options: readonly LeadCatalogEntry[];
  value: string;
  onChange: (id: string) => void;
}) {
  return (
    <label className="field">
      <span>Lead model</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid="lead-model">
        {groupByVendor(options).map(([vendor, entries]) => (
          <optgroup key={vendor} label={vendor === GENERIC_VENDOR ? 'Generic presets' : vendor}>
            {entries.map((o) => (
              <option key={o.id} value={o.id}>
                {leadName(o)} · {verifiedCount(o)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}
