import { useState } from 'react';
import type { LeadPlacement } from '../../models/scenario.ts';
import {
  GENERIC_VENDOR,
  leadContactCount,
  type LeadCatalogEntry,
  type Provenance,
} from '../../models/devices/index.ts';
import { usePlanner } from './store.ts';
import './levels.css';

type Editable = 'contactLengthMm' | 'contactSpacingMm' | 'diameterMm';

/** Limits of `LeadPlacement.overrides` (models/scenario.ts). */
const OVERRIDE_LIMITS: Record<Editable, { min: number; max: number; label: string }> = {
  contactLengthMm: { min: 0.1, max: 20, label: 'Contact length' },
  contactSpacingMm: { min: 0, max: 50, label: 'Gap between contacts (edge to edge)' },
  diameterMm: { min: 0.1, max: 10, label: 'Diameter' },
};

const STATUS_WORDS: Record<Provenance['status'], string> = {
  verified: 'verified',
  secondary: 'nominal (secondary source)',
  unverified: 'nominal (unverified)',
  guess: 'nominal (no source)',
};

function Status({ p }: { p: Provenance | undefined }) {
  if (!p) return <span className="spec-status spec-guess">no provenance</span>;
  return (
    <span className={`spec-status spec-${p.status}`} title={p.source}>
      {STATUS_WORDS[p.status]}
    </span>
  );
}

/** The lead's name for menus and cards: the vendor first for a named device. */
export function leadName(entry: LeadCatalogEntry): string {
  return entry.vendor === GENERIC_VENDOR
    ? entry.displayName
    : `${entry.vendor} ${entry.displayName}`;
}

/**
 * A lead's specification sheet: every dimension with its value, whether it is verified or
 * nominal and where it comes from; nominal contact dimensions can be edited for this placement.
 */
export function LeadSpecs({ lead, entry }: { lead: LeadPlacement; entry: LeadCatalogEntry }) {
  const update = usePlanner((s) => s.update);
  const g = entry.geometry;
  const setOverride = (field: Editable, value: number | undefined) =>
    update((s) => ({
      ...s,
      leads: s.leads.map((l) => {
        if (l.id !== lead.id) return l;
        const overrides = { ...l.overrides };
        if (value === undefined) delete overrides[field];
        else overrides[field] = value;
        return { ...l, overrides };
      }),
    }));
  const editable: Editable[] =
    g.kind === 'paddle'
      ? ['contactLengthMm', 'contactSpacingMm']
      : ['contactLengthMm', 'contactSpacingMm', 'diameterMm'];
  const fixed: { key: string; label: string; value: string }[] = [];
  if (g.kind === 'paddle') {
    fixed.push(
      { key: 'layout', label: 'Columns', value: g.columns.map((c) => c.contactCount).join('-') },
      { key: 'contactWidthMm', label: 'Pad width', value: `${g.contactWidthMm} mm` },
      { key: 'columnPitchMm', label: 'Column pitch', value: `${g.columnPitchMm} mm` },
      {
        key: 'paddleWidthMm',
        label: 'Paddle width × thickness × length',
        value: `${g.paddleWidthMm} × ${g.paddleThicknessMm} × ${g.paddleLengthMm} mm`,
      },
    );
  }
  if (g.kind === 'coil') {
    fixed.push({ key: 'wireDiameterMm', label: 'Wire diameter', value: `${g.wireDiameterMm} mm` });
  }
  return (
    <details className="lead-specs" data-testid={`specs-${lead.id}`}>
      <summary>Specifications: verified and nominal</summary>
      <table>
        <caption className="sr-only">Specifications of {leadName(entry)}</caption>
        <thead>
          <tr>
            <th scope="col">Dimension</th>
            <th scope="col">Value</th>
            <th scope="col">Status (hover for source)</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Vendor</th>
            <td colSpan={2}>{entry.vendor}</td>
          </tr>
          {entry.vendor !== GENERIC_VENDOR && (
            <>
              <tr>
                <th scope="row">Model numbers</th>
                <td>{entry.modelNumbers.join(', ') || 'not found'}</td>
                <td>
                  <Status p={entry.provenance.modelNumbers} />
                </td>
              </tr>
              <tr>
                <th scope="row">Lead lengths</th>
                <td>
                  {entry.leadLengthsCm.length
                    ? `${entry.leadLengthsCm.join(' / ')} cm`
                    : 'not found'}
                </td>
                <td>
                  <Status p={entry.provenance.leadLengthsCm} />
                </td>
              </tr>
            </>
          )}
          <tr>
            <th scope="row">Contacts</th>
            <td>{leadContactCount(g)}</td>
            <td>
              <Status p={entry.provenance.contactCount} />
            </td>
          </tr>
          {editable.map((field) => (
            <EditableRow
              key={field}
              field={field}
              catalogueValue={(g as Record<Editable, number>)[field]}
              override={lead.overrides[field]}
              provenance={entry.provenance[field]}
              onCommit={(v) => setOverride(field, v)}
              testId={`spec-${field}-${lead.id}`}
            />
          ))}
          {fixed.map((f) => (
            <tr key={f.key}>
              <th scope="row">{f.label}</th>
              <td>{f.value}</td>
              <td>
                <Status p={entry.provenance[f.key]} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="spec-sources small">
        {Object.entries(entry.provenance).map(([field, p]) => (
          <li key={field}>
            <code>{field}</code>: {p.source}
          </li>
        ))}
      </ul>
    </details>
  );
}

function EditableRow({
  field,
  catalogueValue,
  override,
  provenance,
  onCommit,
  testId,
}: {
  field: Editable;
  catalogueValue: number;
  override: number | undefined;
  provenance: Provenance | undefined;
  onCommit: (v: number | undefined) => void;
  testId: string;
}) {
  const { min, max, label } = OVERRIDE_LIMITS[field];
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState('');
  const value = override ?? catalogueValue;
  const commit = (text: string) => {
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v) || v < min || v > max) {
      setError(`${label} must be a number from ${min} to ${max} mm`);
      return;
    }
    setError('');
    setDraft(null);
    onCommit(v === catalogueValue ? undefined : v);
  };
  return (
    <tr>
      <th scope="row">
        <label htmlFor={testId}>{label} (mm)</label>
      </th>
      <td>
        <input
          id={testId}
          data-testid={testId}
          type="number"
          inputMode="decimal"
          step={0.05}
          min={min}
          max={max}
          value={draft ?? String(value)}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={(e) => draft !== null && commit(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && commit((e.target as HTMLInputElement).value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${testId}-error` : undefined}
        />
        {error && (
          <span id={`${testId}-error`} role="alert" className="field-error">
            {error}
          </span>
        )}
      </td>
      <td>
        {override !== undefined ? (
          <>
            <span className="spec-status spec-edited">edited (catalogue {catalogueValue} mm)</span>{' '}
            <button type="button" onClick={() => onCommit(undefined)}>
              Reset
            </button>
          </>
        ) : (
          <Status p={provenance} />
        )}
      </td>
    </tr>
  );
}
