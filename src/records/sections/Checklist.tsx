import { useState } from 'react';
import {
  FRAMEWORKS,
  FRAMEWORK_LABELS,
  MODALITIES,
  OVERRIDE_REASON_MIN_CHARS,
  VERDICT_LABELS,
  bleedingRiskClass,
  evaluateSelection,
  suggestModality,
  type RuleOutcome,
  type SelectionFields,
} from '../../../models/clinical/index.ts';
import { DateField, NumberField, SelectField, TextField, YesNoField } from '../fields.tsx';
import type { SectionProps } from './types.ts';

type BoolKey = {
  [K in keyof SelectionFields]: SelectionFields[K] extends boolean | null ? K : never;
}[keyof SelectionFields];

const BOOL_FIELDS: [BoolKey, string][] = [
  ['mdtAssessmentDone', 'Multidisciplinary assessment done'],
  ['crpsBudapestMet', 'Budapest criteria met (CRPS)'],
  ['activePsychosis', 'Active psychosis'],
  ['activeSuicidality', 'Active suicidality'],
  ['severeCognitiveDeficit', 'Severe cognitive deficit'],
  ['activeSud', 'Active untreated substance use disorder'],
  ['litigationOrComp', 'Litigation or workers’ compensation'],
  ['expectationsRealistic', 'Education and disclosure done; expectations realistic'],
  ['painOfIschaemicOrigin', 'Pain of ischaemic origin (NICE TA159 §1.2)'],
  ['surgicalRiskOk', 'Acceptable surgical candidate'],
  ['activeInfection', 'Active infection'],
  ['diabetic', 'Diabetic'],
  ['smoker', 'Smoker'],
  ['diathermyExposure', 'Diathermy exposure'],
];

function OverrideForm({
  rule,
  onSave,
}: {
  rule: RuleOutcome;
  onSave: (reason: string, by: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [by, setBy] = useState('');
  const [error, setError] = useState('');
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)} aria-label={`Override: ${rule.label}`}>
        Override…
      </button>
    );
  return (
    <form
      className="override-form"
      noValidate
      aria-label={`Override ${rule.label}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim().length < OVERRIDE_REASON_MIN_CHARS) {
          setError(
            `An override needs a documented reason (at least ${OVERRIDE_REASON_MIN_CHARS} characters).`,
          );
          return;
        }
        if (by.trim().length < 2) {
          setError('An override needs the name of the clinician who makes it.');
          return;
        }
        onSave(reason.trim(), by.trim());
        setOpen(false);
      }}
    >
      <TextField
        label={`Reason for overriding “${rule.label}”`}
        value={reason}
        onChange={setReason}
        multiline
        required
      />
      <TextField label="Clinician making the override" value={by} onChange={setBy} required />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" className="primary">
        Save override
      </button>{' '}
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}

export function Checklist({ c, update }: SectionProps) {
  const sel = c.selection;
  const result = evaluateSelection(c);
  const suggestion = suggestModality(c);
  const asra = bleedingRiskClass(sel.modality);
  const setField = <K extends keyof SelectionFields>(k: K, v: SelectionFields[K]) =>
    update((d) => void (d.selection.fields[k] = v));
  const f = sel.fields;
  return (
    <section aria-labelledby="sec-check" className="section">
      <h2 id="sec-check">Candidate selection checklist</h2>
      <div className="grid">
        <SelectField
          label="Coverage framework"
          value={sel.framework}
          options={FRAMEWORKS.map((x) => ({ value: x, label: FRAMEWORK_LABELS[x] }))}
          onChange={(v) => v && update((d) => void (d.selection.framework = v))}
        />
        <SelectField
          label="Planned modality"
          value={sel.modality}
          options={MODALITIES}
          onChange={(v) => v && update((d) => void (d.selection.modality = v))}
        />
        <DateField
          label="Planned procedure date"
          value={sel.procedureDate}
          onChange={(v) => update((d) => void (d.selection.procedureDate = v))}
        />
      </div>

      <div
        className={`verdict verdict-${result.verdict}`}
        role="status"
        aria-live="polite"
        data-testid="verdict"
      >
        <h3>
          Verdict: <span className="verdict-label">{VERDICT_LABELS[result.verdict]}</span>
        </h3>
        <p className="muted">
          Under {FRAMEWORK_LABELS[result.framework]}. Not clinical advice; payer rules differ by
          contractor and change.
        </p>
        <ul className="reasons">
          {result.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </div>

      <aside className="support" aria-label="Decision support">
        <p>
          <strong>Modality suggestion — {suggestion.label}</strong> Suggested:{' '}
          <strong>{suggestion.modality.replace('_', ' ')}</strong>. {suggestion.rationale.join(' ')}
        </p>
        <p>
          <strong>Bleeding risk (ASRA/ESRA/INS 2018, information only):</strong> {asra.note}{' '}
          <span className="muted">[{asra.source}]</span>
        </p>
      </aside>

      <h3>Checklist fields</h3>
      <p className="muted">
        Pain duration, baseline NRS and ODI, PHQ-9, GAD-7, PCS, MME, age and conservative care come
        from the other sections.
      </p>
      <div className="grid">
        {BOOL_FIELDS.map(([k, label]) => (
          <YesNoField key={k} label={label} value={f[k]} onChange={(v) => setField(k, v)} />
        ))}
        <SelectField
          label="Psychological evaluation"
          value={f.psychEval}
          allowEmpty="not recorded"
          options={['cleared', 'cleared_with_conditions', 'not_cleared'] as const}
          onChange={(v) => setField('psychEval', v)}
        />
        <SelectField
          label="Can operate and charge the device"
          value={f.canOperateDevice}
          allowEmpty="not recorded"
          options={['yes', 'with_caregiver', 'no'] as const}
          onChange={(v) => setField('canOperateDevice', v)}
        />
        <SelectField
          label="Antithrombotics"
          value={f.antithromboticsManaged}
          allowEmpty="not recorded"
          options={['none', 'managed', 'unmanaged'] as const}
          onChange={(v) => setField('antithromboticsManaged', v)}
        />
        <SelectField
          label="Foreseeable MRI"
          value={f.mriAnticipated}
          allowEmpty="not recorded"
          options={['none', 'head_only', 'full_body', 'repeated'] as const}
          onChange={(v) => setField('mriAnticipated', v)}
        />
        <SelectField
          label="Pregnancy"
          value={f.pregnantOrPlanning}
          allowEmpty="not recorded"
          options={['no', 'yes', 'planning'] as const}
          onChange={(v) => setField('pregnantOrPlanning', v)}
        />
        <SelectField
          label="Previous trial"
          value={f.priorTrialResult}
          allowEmpty="not recorded"
          options={['none', 'success', 'failed', 'technically_inadequate'] as const}
          onChange={(v) => setField('priorTrialResult', v)}
        />
        <DateField
          label="MRSA/MSSA screen date"
          value={f.mrsaScreenDate}
          onChange={(v) => setField('mrsaScreenDate', v)}
        />
        <NumberField
          label="HbA1c"
          unit="%"
          value={f.hba1cPct}
          onChange={(v) => setField('hba1cPct', v)}
        />
        <NumberField label="BMI" unit="kg/m²" value={f.bmi} onChange={(v) => setField('bmi', v)} />
        <fieldset className="field">
          <legend>Other active implants</legend>
          {(['pacemaker_icd', 'dbs', 'other_stimulator', 'other'] as const).map((k) => (
            <label key={k}>
              <input
                type="checkbox"
                checked={f.otherActiveImplants.includes(k)}
                onChange={(e) =>
                  update((d) => {
                    const list = d.selection.fields.otherActiveImplants.filter((x) => x !== k);
                    d.selection.fields.otherActiveImplants = e.target.checked ? [...list, k] : list;
                  })
                }
              />{' '}
              {k.replaceAll('_', ' ')}
            </label>
          ))}
        </fieldset>
      </div>

      <table className="table rules">
        <caption>Rules ({result.outcomes.length}), each with its source</caption>
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Severity</th>
            <th scope="col">Status</th>
            <th scope="col">Finding</th>
            <th scope="col">Source</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {result.outcomes.map((o) => (
            <tr
              key={o.ruleId}
              className={`status-${o.status} sev-${o.severity}`}
              data-rule={o.ruleId}
            >
              <td>{o.label}</td>
              <td>{o.severity}</td>
              <td>{o.status.replace('_', ' ')}</td>
              <td>
                {o.message}
                {o.overrideReason ? (
                  <em>
                    {' '}
                    Override by {o.overrideBy} on {o.overrideAt}: {o.overrideReason}
                  </em>
                ) : null}
              </td>
              <td className="source">{o.source}</td>
              <td>
                {o.severity === 'HARD' && (o.status === 'fail' || o.status === 'unknown') && (
                  <OverrideForm
                    rule={o}
                    onSave={(reason, by) =>
                      update(
                        (d) =>
                          void d.selection.overrides.push({
                            ruleId: o.ruleId,
                            reason,
                            by,
                            at: new Date().toISOString(),
                          }),
                        `override ${o.ruleId} by ${by}: ${reason}`,
                      )
                    }
                  />
                )}
                {o.status === 'overridden' && (
                  <button
                    type="button"
                    onClick={() =>
                      update(
                        (d) =>
                          void (d.selection.overrides = d.selection.overrides.filter(
                            (x) => x.ruleId !== o.ruleId,
                          )),
                        `override withdrawn: ${o.ruleId}`,
                      )
                    }
                    aria-label={`Withdraw override: ${o.label}`}
                  >
                    Withdraw
                  </button>
                )}
                {o.severity === 'WARN' && o.status === 'fail' && (
                  <label>
                    <input
                      type="checkbox"
                      checked={sel.acknowledgedWarnings.includes(o.ruleId)}
                      onChange={(e) =>
                        update((d) => {
                          const list = d.selection.acknowledgedWarnings.filter(
                            (x) => x !== o.ruleId,
                          );
                          d.selection.acknowledgedWarnings = e.target.checked
                            ? [...list, o.ruleId]
                            : list;
                        })
                      }
                    />{' '}
                    acknowledged
                  </label>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
