import { useId } from 'react';

export interface SliderProps {
  label: string;
  unit: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange(v: number): void;
  /** digits shown */
  digits?: number;
  hint?: string;
}

/** A labelled range input with its value and unit beside it (arrow keys move it by `step`). */
export function Slider({
  label,
  unit,
  value,
  min,
  max,
  step,
  onChange,
  digits = 1,
  hint,
}: SliderProps) {
  const id = useId();
  return (
    <div className="slider">
      <label htmlFor={id}>
        {label}: <output htmlFor={id}>{value.toFixed(digits)}</output> {unit}
      </label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        aria-valuetext={`${value.toFixed(digits)} ${unit}`}
        onChange={(e) => onChange(Number(e.currentTarget.value))}
      />
      {hint ? <small className="muted">{hint}</small> : null}
    </div>
  );
}

export interface ChoiceProps<T extends string> {
  legend: string;
  value: T;
  options: readonly { value: NoInfer<T>; label: string }[];
  onChange(v: NoInfer<T>): void;
}

/** A radio group (arrow keys move between options). */
export function Choice<T extends string>({ legend, value, options, onChange }: ChoiceProps<T>) {
  const name = useId();
  return (
    <fieldset className="choice">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value}>
          <input
            type="radio"
            name={name}
            value={o.value}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
