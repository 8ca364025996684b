import {
  DIAGNOSES,
  LATERALITIES,
  PAIN_PHENOTYPES,
  icd10Of,
  needsLaterality,
  SEXES,
  diagnosisById,
  dermatomesOf,
} from '../../../models/clinical/index.ts';
import { BodyMap } from '../BodyMap.tsx';
import { NumberField, SelectField, TextField, DateField } from '../fields.tsx';
import type { SectionProps } from './types.ts';

export function Demographics({ c, update }: SectionProps) {
  const unused = DIAGNOSES.filter((d) => !c.diagnoses.some((x) => x.id === d.id));
  return (
    <section aria-labelledby="sec-demo" className="section">
      <h2 id="sec-demo">Demographics and diagnoses</h2>
      <div className="grid">
        <TextField
          label="Pseudonym"
          value={c.pseudonym}
          hint="No real names or identifiers."
          onChange={(v) => update((d) => void (d.pseudonym = v))}
        />
        <NumberField
          label="Age"
          unit="years"
          min={0}
          max={120}
          step={1}
          value={c.demographics.ageYears}
          onChange={(v) => update((d) => void (d.demographics.ageYears = v))}
        />
        <SelectField
          label="Sex"
          value={c.demographics.sex}
          options={SEXES}
          onChange={(v) => update((d) => void (d.demographics.sex = v ?? 'unknown'))}
        />
        <SelectField
          label="Pain phenotype"
          value={c.painPhenotype}
          options={PAIN_PHENOTYPES}
          allowEmpty="not recorded"
          onChange={(v) => update((d) => void (d.painPhenotype = v))}
        />
        <NumberField
          label="Pain duration"
          unit="months"
          min={0}
          step={1}
          value={c.painDurationMonths}
          onChange={(v) => update((d) => void (d.painDurationMonths = v))}
        />
      </div>

      <h3>Diagnoses</h3>
      <p className="muted">
        Coded list of clinical.md §1.2. ICD-10-CM codes are unverified there: check against the
        current tabular list.
      </p>
      {c.diagnoses.length === 0 && <p>No diagnosis yet.</p>}
      <ul className="rows">
        {c.diagnoses.map((dx, i) => {
          const def = diagnosisById(dx.id);
          return (
            <li key={dx.id} className="row">
              <span>
                <strong>{def?.label ?? dx.id}</strong> <code>{icd10Of(dx)}</code>{' '}
                {def?.modalities.length ? (
                  <span className="muted">({def.modalities.join(', ')})</span>
                ) : null}
              </span>
              <label>
                <input
                  type="radio"
                  name="primary-dx"
                  checked={dx.primary}
                  onChange={() =>
                    update((d) => d.diagnoses.forEach((x, k) => (x.primary = k === i)))
                  }
                />{' '}
                primary
              </label>
              {needsLaterality(dx.id) && (
                <SelectField
                  label={`Side (${def?.label ?? dx.id})`}
                  value={dx.laterality}
                  allowEmpty="not recorded (unspecified code)"
                  options={LATERALITIES}
                  onChange={(v) => update((d) => void (d.diagnoses[i]!.laterality = v))}
                  className="inline"
                />
              )}
              <DateField
                label="Onset"
                value={dx.onsetDate}
                onChange={(v) => update((d) => void (d.diagnoses[i]!.onsetDate = v))}
                className="inline"
              />
              <button
                type="button"
                onClick={() => update((d) => void d.diagnoses.splice(i, 1))}
                aria-label={`Remove diagnosis ${def?.label ?? dx.id}`}
              >
                Remove
              </button>
            </li>
          );
        })}
      </ul>
      <SelectField
        label="Add a diagnosis"
        value={null}
        allowEmpty="choose…"
        options={unused.map((d) => ({ value: d.id, label: `${d.label} (${d.icd10})` }))}
        onChange={(v) =>
          v &&
          update(
            (d) =>
              void d.diagnoses.push({
                id: v,
                primary: d.diagnoses.length === 0,
                onsetDate: null,
                laterality: null,
              }),
          )
        }
      />

      <h3>Pain map</h3>
      <p className="muted">
        Click or press Enter on a region to mark it with the intensity set below; again to clear it.
      </p>
      <BodyMap
        mode="pain"
        title="Pain map"
        dermatomes
        regions={c.painMap}
        onToggle={(regionId, intensityNrs) =>
          update((d) => {
            const k = d.painMap.findIndex((r) => r.regionId === regionId);
            if (k >= 0) d.painMap.splice(k, 1);
            else d.painMap.push({ regionId, intensityNrs });
          })
        }
      />
      {c.painMap.length > 0 && (
        <table className="table">
          <caption>
            Painful regions ({dermatomesOf(c.painMap.map((r) => r.regionId)).join(', ')})
          </caption>
          <thead>
            <tr>
              <th scope="col">Region</th>
              <th scope="col">Intensity (NRS 0–10)</th>
            </tr>
          </thead>
          <tbody>
            {c.painMap.map((r, i) => (
              <tr key={r.regionId}>
                <td>{r.regionId}</td>
                <td>
                  <NumberField
                    label={<span className="sr-only">Intensity for {r.regionId}</span>}
                    min={0}
                    max={10}
                    step={1}
                    value={r.intensityNrs}
                    onChange={(v) => update((d) => void (d.painMap[i]!.intensityNrs = v ?? 0))}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
