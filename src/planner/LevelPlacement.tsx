import { useId, useState } from 'react';
import {
  SPINAL_LEVELS,
  type LeadPlacement,
  type Scenario,
  type SpinalLevel,
} from '../../models/scenario.ts';
import {
  describeLeadLevels,
  INTERSPACES,
  interspaceOfLead,
  offsetTwoLeads,
  placeLeadAtInterspace,
  placeLeadOverSpan,
} from '../../models/estimate/levels.ts';
import { usePlanner } from './store.ts';
import './levels.css';

/** An SCS lead placed by interspace ("T8–T9") or by span ("top of T8 to bottom of T9"), and its levels in words. */
export function LevelPlacement({ scenario, lead }: { scenario: Scenario; lead: LeadPlacement }) {
  const update = usePlanner((s) => s.update);
  const [from, setFrom] = useState<SpinalLevel>('T8');
  const [to, setTo] = useState<SpinalLevel>('T9');
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const words = describeLeadLevels(scenario, lead);
  const interspace = interspaceOfLead(scenario, lead);
  const tag = lead.id;

  const onInterspace = (upper: SpinalLevel) => {
    const r = placeLeadAtInterspace(scenario, lead.id, upper);
    if (!r.ok) return setError(r.message);
    setError('');
    setMessage('');
    update(() => r.scenario);
  };
  const onSpan = () => {
    const r = placeLeadOverSpan(scenario, lead.id, from, to);
    if (!r.ok) return setError(r.message);
    setError('');
    const { arrayMm, spanMm, shorterThanSpan } = r.coverage;
    setMessage(
      shorterThanSpan
        ? `The ${arrayMm.toFixed(1)} mm contact array is centred on the ${spanMm.toFixed(1)} mm span and covers ${Math.round((arrayMm / spanMm) * 100)} % of it.`
        : `The ${arrayMm.toFixed(1)} mm contact array is centred on the ${spanMm.toFixed(1)} mm span and overhangs it by ${((arrayMm - spanMm) / 2).toFixed(1)} mm at each end.`,
    );
    update(() => r.scenario);
  };

  return (
    <div className="level-placement">
      <label className="field">
        <span>Centred on interspace (disc)</span>
        <select
          value={interspace ?? ''}
          onChange={(e) => onInterspace(e.target.value as SpinalLevel)}
          data-testid={`interspace-${tag}`}
        >
          {interspace === undefined && <option value="">not on a disc</option>}
          {INTERSPACES.map((i) => (
            <option key={i.upper} value={i.upper}>
              {i.label}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="level-span">
        <legend>Contact array over a span of levels</legend>
        <label>
          <span>top of</span>
          <select
            value={from}
            onChange={(e) => setFrom(e.target.value as SpinalLevel)}
            data-testid={`span-from-${tag}`}
          >
            {SPINAL_LEVELS.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>to bottom of</span>
          <select
            value={to}
            onChange={(e) => setTo(e.target.value as SpinalLevel)}
            data-testid={`span-to-${tag}`}
          >
            {SPINAL_LEVELS.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={onSpan} data-testid={`span-place-${tag}`}>
          Place over span
        </button>
      </fieldset>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      {message && <p className="muted small">{message}</p>}
      {words && (
        <p className="level-words" data-testid={`level-words-${tag}`} aria-live="polite">
          {words.words}
          {words.outsideModelled.length > 0 && (
            <span className="nominal-badge">
              {' '}
              · contacts {words.outsideModelled.join(', ')} lie outside the section modelled around{' '}
              {scenario.anatomy.kind === 'spine' ? scenario.anatomy.level : ''}: choose a nearer
              anatomy level
            </span>
          )}
        </p>
      )}
    </div>
  );
}

/** Two SCS leads a typed lateral distance apart and staggered along the cord. */
export function TwoLeadOffset() {
  const update = usePlanner((s) => s.update);
  const scenario = usePlanner((s) => s.scenario);
  const id = useId();
  const [lateral, setLateral] = useState('4');
  const [stagger, setStagger] = useState('0');
  const [error, setError] = useState('');
  const apply = () => {
    const lateralMm = lateral.trim() === '' ? Number.NaN : Number(lateral);
    const staggerMm = stagger.trim() === '' ? Number.NaN : Number(stagger);
    const r = offsetTwoLeads(scenario, { lateralMm, staggerMm });
    if (!r.ok) return setError(r.message);
    setError('');
    update(() => r.scenario);
  };
  return (
    <fieldset className="two-lead-offset">
      <legend>Offset the two leads</legend>
      <label htmlFor={`${id}-lat`}>Lateral separation (mm, centre to centre)</label>
      <input
        id={`${id}-lat`}
        type="number"
        inputMode="decimal"
        step={0.5}
        min={0}
        max={16}
        value={lateral}
        onChange={(e) => setLateral(e.target.value)}
        data-testid="offset-lateral"
      />
      <label htmlFor={`${id}-stag`}>Stagger along the cord (mm, second lead caudal)</label>
      <input
        id={`${id}-stag`}
        type="number"
        inputMode="decimal"
        step={0.5}
        min={-100}
        max={100}
        value={stagger}
        onChange={(e) => setStagger(e.target.value)}
        data-testid="offset-stagger"
      />
      <button type="button" onClick={apply} data-testid="offset-apply">
        Apply offset
      </button>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
