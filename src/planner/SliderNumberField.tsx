import { useState } from 'react';

/**
 * A number box with a slider for the plan's placement and anatomy fields. A value outside
 * [min, max] or not a number is refused with a message naming the field; nothing changes.
 */
export function SliderNumberField({
  label,
  value,
  min,
  max,
  step,
  unit,
  onCommit,
  testId,
  hint,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  unit: string;
  onCommit: (v: number) => void;
  testId?: string;
  /** a short line under the field, e.g. the level's default */
  hint?: string;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState('');
  const commit = (text: string) => {
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v)) {
      setError(`${label} must be a number`);
      return;
    }
    if (v < min || v > max) {
      setError(`${label} must be between ${min} and ${max} ${unit}`);
      return;
    }
    setError('');
    setDraft(null);
    onCommit(v);
  };
  const id = `f-${label.replace(/\W+/g, '-')}-${testId ?? ''}`;
  return (
    <div className="num-field">
      <label htmlFor={id}>
        {label} ({unit})
      </label>
      <input
        id={id}
        data-testid={testId}
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step}
        value={draft ?? String(Math.round(value * 100) / 100)}
        aria-invalid={error ? true : undefined}
        aria-describedby={
          [error ? `${id}-err` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') ||
          undefined
        }
        onChange={(e) => setDraft(e.target.value)}
        onBlur={(e) => draft !== null && commit(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit((e.target as HTMLInputElement).value);
        }}
      />
      <input
        type="range"
        aria-label={`${label} slider`}
        min={min}
        max={max}
        step={step}
        value={Math.min(max, Math.max(min, value))}
        onChange={(e) => commit(e.target.value)}
      />
      {hint && (
        <span id={`${id}-hint`} className="muted small">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-err`} role="alert" className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
