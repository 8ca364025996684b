import { useId, type ReactNode } from 'react';

interface Base {
  label: ReactNode;
  hint?: string;
  className?: string;
}

export function TextField({
  label,
  value,
  onChange,
  hint,
  className,
  multiline = false,
  required = false,
}: Base & {
  value: string;
  onChange: (v: string) => void;
  multiline?: boolean;
  required?: boolean;
}) {
  const id = useId();
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          rows={3}
          required={required}
          aria-describedby={hint ? `${id}-hint` : undefined}
        />
      ) : (
        <input
          id={id}
          type="text"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          required={required}
          aria-describedby={hint ? `${id}-hint` : undefined}
        />
      )}
      {hint && (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      )}
    </div>
  );
}

/** A number input holding `number | null`; out-of-range values are kept and reported by the schema on save. */
export function NumberField({
  label,
  value,
  onChange,
  min,
  max,
  step,
  hint,
  className,
  unit,
}: Base & {
  value: number | null;
  onChange: (v: number | null) => void;
  min?: number;
  max?: number;
  step?: number;
  unit?: string;
}) {
  const id = useId();
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>
        {label}
        {unit ? <span className="unit"> ({unit})</span> : null}
      </label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={value ?? ''}
        min={min}
        max={max}
        step={step ?? 'any'}
        onChange={(e) => {
          const raw = e.target.value;
          if (raw === '') return onChange(null);
          const n = Number(raw);
          if (Number.isFinite(n)) onChange(n);
        }}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      {hint && (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      )}
    </div>
  );
}

export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
  hint,
  className,
  allowEmpty,
}: Base & {
  value: T | null;
  options: readonly (T | { value: T; label: string })[];
  onChange: (v: T | null) => void;
  allowEmpty?: string;
}) {
  const id = useId();
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? null : (e.target.value as T))}
      >
        {allowEmpty !== undefined && <option value="">{allowEmpty}</option>}
        {options.map((o) => {
          const v = typeof o === 'string' ? o : o.value;
          const l = typeof o === 'string' ? o.replaceAll('_', ' ') : o.label;
          return (
            <option key={v} value={v}>
              {l}
            </option>
          );
        })}
      </select>
      {hint && <small className="muted">{hint}</small>}
    </div>
  );
}

/** Yes / no / not recorded, for the checklist's boolean fields. */
export function YesNoField({
  label,
  value,
  onChange,
  hint,
}: Base & { value: boolean | null; onChange: (v: boolean | null) => void }) {
  return (
    <SelectField
      label={label}
      hint={hint}
      value={value === null ? null : value ? 'yes' : 'no'}
      options={[
        { value: 'yes', label: 'yes' },
        { value: 'no', label: 'no' },
      ]}
      allowEmpty="not recorded"
      onChange={(v) => onChange(v === null ? null : v === 'yes')}
    />
  );
}

export function DateField({
  label,
  value,
  onChange,
  hint,
  className,
}: Base & { value: string | null; onChange: (v: string | null) => void }) {
  const id = useId();
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="date"
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
      />
      {hint && <small className="muted">{hint}</small>}
    </div>
  );
}

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

let counter = 0;
export function localId(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}
