import { useEffect, useId, useState } from 'react';
import {
  CPT_DISPLAYS,
  LEAD_APPROACHES,
  MODALITIES,
  MRI_STATUSES,
  implantCptCodes,
  implantMriProblem,
  newImplant,
  parseCptCodes,
  type Implant as ImplantRecord,
} from '../../../models/clinical/index.ts';
import { InfectionChecklist } from './InfectionChecklist.tsx';
import { DateField, SelectField, TextField, YesNoField, todayIso } from '../fields.tsx';
import type { SectionProps } from './types.ts';

const MRI_LABELS: Record<(typeof MRI_STATUSES)[number], string> = {
  mr_conditional_full_body: 'MR Conditional, full body',
  mr_conditional_head_only: 'MR Conditional, head only',
  mr_unsafe: 'MR Unsafe',
  unknown: 'not known',
};

/** CPT codes typed as a list; a malformed code is refused with the field named. */
function CptField({
  codes,
  onChange,
}: {
  codes: readonly string[];
  onChange: (v: string[]) => void;
}) {
  const [text, setText] = useState(codes.join(', '));
  const [error, setError] = useState('');
  const id = useId();
  const joined = codes.join(',');
  useEffect(() => {
    if (!error) setText(joined.split(',').filter(Boolean).join(', '));
    // Only when the stored codes change from elsewhere.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [joined]);
  return (
    <div className="field">
      <label htmlFor={id}>Procedure codes billed (CPT, comma-separated)</label>
      <input
        id={id}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-err` : ''}`}
        onChange={(e) => {
          setText(e.target.value);
          const r = parseCptCodes(e.target.value, 'Procedure codes');
          if (r.ok) {
            setError('');
            onChange(r.codes);
          } else setError(r.message);
        }}
      />
      <small id={`${id}-hint`} className="muted">
        Leave empty to use the codes derived from the modality and lead approach.
      </small>
      {error && (
        <small id={`${id}-err`} role="alert" className="error">
          {error}
        </small>
      )}
    </div>
  );
}

export function Implant({ c, update }: SectionProps) {
  const [date, setDate] = useState(todayIso());
  const im = c.implant;
  if (!im) {
    return (
      <section aria-labelledby="sec-implant" className="section">
        <h2 id="sec-implant">Permanent implant</h2>
        <p>
          {c.evaluation.decision === 'implant'
            ? 'The trial evaluation decided on an implant.'
            : `Trial decision: ${c.evaluation.decision?.replaceAll('_', ' ') ?? 'not decided'}.`}{' '}
          {c.trial?.removalDate
            ? `Trial leads removed on ${c.trial.removalDate}.`
            : c.trial
              ? 'The trial leads are not recorded as removed (Trial section).'
              : ''}
        </p>
        <DateField label="Implant date" value={date} onChange={(v) => setDate(v ?? todayIso())} />
        <button
          type="button"
          className="primary"
          onClick={() => update((d) => void (d.implant = newImplant(d, date)))}
        >
          Record the permanent implant
        </button>
      </section>
    );
  }
  const set = (fn: (x: ImplantRecord) => void) => update((d) => fn(d.implant!));
  const mriProblem = implantMriProblem(c);
  const derived = implantCptCodes({ ...im, procedureCodes: [] });
  return (
    <section aria-labelledby="sec-implant" className="section">
      <h2 id="sec-implant">Permanent implant</h2>
      <div className="grid">
        <DateField
          label="Implant date"
          value={im.date}
          onChange={(v) => v && set((x) => void (x.date = v))}
        />
        <SelectField
          label="Implant modality"
          value={im.modality}
          options={MODALITIES}
          onChange={(v) => v && set((x) => void (x.modality = v))}
        />
        <TextField
          label="Implanting surgeon"
          value={im.surgeon}
          onChange={(v) => set((x) => void (x.surgeon = v))}
        />
      </div>

      <fieldset className="card">
        <legend>Generator</legend>
        <div className="grid">
          <TextField
            label="Generator manufacturer"
            value={im.generator.manufacturer}
            onChange={(v) => set((x) => void (x.generator.manufacturer = v))}
          />
          <TextField
            label="Generator model"
            value={im.generator.model}
            onChange={(v) => set((x) => void (x.generator.model = v))}
          />
          <TextField
            label="Generator serial number"
            value={im.generator.serialNumber}
            onChange={(v) => set((x) => void (x.generator.serialNumber = v))}
          />
          <TextField
            label="Generator UDI"
            hint="human-readable form from the label, e.g. (01)…(21)…"
            value={im.generator.udi}
            onChange={(v) => set((x) => void (x.generator.udi = v))}
          />
          <TextField
            label="Generator location"
            value={im.generator.location}
            onChange={(v) => set((x) => void (x.generator.location = v))}
          />
          <YesNoField
            label="Rechargeable generator"
            value={im.generator.rechargeable}
            onChange={(v) => set((x) => void (x.generator.rechargeable = v))}
          />
        </div>
      </fieldset>

      <h3>Leads</h3>
      <ol className="cards">
        {im.leads.map((l, i) => {
          const n = i + 1;
          const setLead = (fn: (x: ImplantRecord['leads'][number]) => void) =>
            set((x) => fn(x.leads[i]!));
          return (
            <li key={i} className="card" aria-label={`Implant lead ${n}`}>
              <div className="grid">
                <TextField
                  label={`Implant lead ${n} label`}
                  value={l.label}
                  onChange={(v) => setLead((x) => void (x.label = v))}
                />
                <TextField
                  label={`Implant lead ${n} manufacturer`}
                  value={l.manufacturer}
                  onChange={(v) => setLead((x) => void (x.manufacturer = v))}
                />
                <TextField
                  label={`Implant lead ${n} model`}
                  value={l.model}
                  onChange={(v) => setLead((x) => void (x.model = v))}
                />
                <TextField
                  label={`Implant lead ${n} serial number`}
                  value={l.serialNumber}
                  onChange={(v) => setLead((x) => void (x.serialNumber = v))}
                />
                <SelectField
                  label={`Implant lead ${n} approach`}
                  value={l.approach}
                  options={LEAD_APPROACHES}
                  onChange={(v) => v && setLead((x) => void (x.approach = v))}
                />
                <TextField
                  label={`Implant lead ${n} top level`}
                  hint={im.modality.startsWith('PNS') ? 'PNS: the target nerve' : 'e.g. T8'}
                  value={l.topLevel}
                  onChange={(v) => setLead((x) => void (x.topLevel = v))}
                />
                <TextField
                  label={`Implant lead ${n} bottom level`}
                  value={l.bottomLevel}
                  onChange={(v) => setLead((x) => void (x.bottomLevel = v))}
                />
              </div>
              <button
                type="button"
                disabled={im.leads.length === 1}
                title={
                  im.leads.length === 1 ? 'A permanent implant needs at least one lead' : undefined
                }
                onClick={() => set((x) => void x.leads.splice(i, 1))}
              >
                Remove implant lead {n}
              </button>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        onClick={() =>
          set(
            (x) =>
              void x.leads.push({
                label: `Lead ${x.leads.length + 1}`,
                manufacturer: '',
                model: '',
                serialNumber: '',
                approach: 'percutaneous',
                topLevel: '',
                bottomLevel: '',
              }),
          )
        }
      >
        Add implant lead
      </button>

      <h3>Procedure codes</h3>
      <CptField
        codes={im.procedureCodes}
        onChange={(v) => set((x) => void (x.procedureCodes = v))}
      />
      <p data-testid="implant-cpt">
        {im.procedureCodes.length ? 'Billed' : 'Derived'}:{' '}
        {implantCptCodes(im)
          .map((code) => `${code}${CPT_DISPLAYS[code] ? ` (${CPT_DISPLAYS[code]})` : ''}`)
          .join('; ')}
        {im.procedureCodes.length ? (
          <span className="muted"> · derived from the record: {derived.join(', ')}</span>
        ) : null}
      </p>

      <h3>MRI status of the implanted system</h3>
      <div className="grid">
        <SelectField
          label="MR status of this system (generator and leads, as labelled)"
          hint="ASTM F2503 terms; the status of the whole system, not one part"
          value={im.mriStatus}
          options={MRI_STATUSES.map((s) => ({ value: s, label: MRI_LABELS[s] }))}
          onChange={(v) => v && set((x) => void (x.mriStatus = v))}
        />
      </div>
      {mriProblem && (
        <p className="warn" role="alert" data-testid="implant-mri-problem">
          {mriProblem}
        </p>
      )}

      <InfectionChecklist
        title="Implant infection prevention"
        value={im.infectionPrevention}
        onChange={(fn) => set((x) => fn(x.infectionPrevention))}
      />
      <TextField
        label="Implant notes"
        multiline
        value={im.notes}
        onChange={(v) => set((x) => void (x.notes = v))}
      />
    </section>
  );
}
