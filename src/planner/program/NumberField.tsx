import { useId, useState } from 'react';
import { formatNumber } from '../../../models/stimulation/index.ts';
import { FieldMessages } from './FieldMessages.tsx';

export interface NumberFieldProps {
  /** visible label, with the unit: "Amplitude (mA)" */
  label: string;
  /** dotted scenario path the value lives at, for messages */
  field: string;
  value: number;
  /** applies the number; returns false when the edit was refused */
  onCommit(value: number): boolean;
  min?: number;
  max?: number;
  step?: number | 'any';
  /** the allowed range in words, e.g. "0–25.5 mA on Generic 16-channel IPG (tonic)" */
  hint?: string;
  /** a range slider beside the number (same limits) */
  slider?: { min: number; max: number; step: number };
  /** further fields whose findings show here */
  also?: readonly string[];
  /** finding codes not to repeat here */
  exclude?: readonly string[];
}

/**
 * A labelled number input. While the user types, the text is theirs (a refused value stays in
 * the box, marked invalid, with the reason below) and the scenario keeps its last valid value;
 * leaving the field shows the scenario's value again.
 */
export function NumberField(props: NumberFieldProps) {
  const {
    label,
    field,
    value,
    onCommit,
    min,
    max,
    step = 'any',
    hint,
    slider,
    also,
    exclude,
  } = props;
  const id = useId();
  const messagesId = `${id}-messages`;
  const hintId = `${id}-hint`;
  const [draft, setDraft] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<'not-a-number' | 'refused' | null>(null);

  const commitText = (text: string) => {
    setDraft(text);
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) {
      setInvalid('not-a-number');
      return;
    }
    setInvalid(onCommit(n) ? null : 'refused');
  };
  const describedBy = [
    hint ? hintId : '',
    messagesId,
    invalid === 'not-a-number' ? `${id}-local` : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div className="pe-field">
      <label htmlFor={id}>{label}</label>
      <div className="pe-field-row">
        <input
          id={id}
          type="number"
          inputMode="decimal"
          value={draft ?? String(value)}
          min={min}
          max={max}
          step={step}
          aria-invalid={invalid !== null}
          aria-describedby={describedBy}
          onChange={(e) => commitText(e.target.value)}
          onBlur={() => {
            setDraft(null);
            setInvalid(null);
          }}
        />
        {slider ? (
          <input
            type="range"
            aria-label={`${label} slider`}
            min={slider.min}
            max={slider.max}
            step={slider.step}
            value={Math.min(slider.max, Math.max(slider.min, value))}
            aria-valuetext={`${formatNumber(value)} ${unitOf(label)}`}
            onChange={(e) => {
              setDraft(null);
              setInvalid(onCommit(Number(e.target.value)) ? null : 'refused');
            }}
          />
        ) : null}
      </div>
      {hint ? (
        <p id={hintId} className="pe-hint">
          {hint}
        </p>
      ) : null}
      {invalid === 'not-a-number' ? (
        <p id={`${id}-local`} className="pe-local-error">
          Enter a number.
        </p>
      ) : null}
      <FieldMessages id={messagesId} field={field} also={also} exclude={exclude} />
    </div>
  );
}

/** "Amplitude (mA)" → "mA". */
function unitOf(label: string): string {
  return /\(([^)]+)\)\s*$/.exec(label)?.[1] ?? '';
}
