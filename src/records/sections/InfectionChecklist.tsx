import { SKIN_PREPS, type InfectionPrevention } from '../../../models/clinical/index.ts';
import { NumberField, SelectField, TextField, YesNoField } from '../fields.tsx';

/**
 * Infection-prevention checklist for a lead or generator procedure (NACC 2017 infection
 * guidance, Deer et al. Neuromodulation 20:31-50: antibiotic prophylaxis, skin preparation,
 * glucose control, tobacco cessation, MRSA decolonisation).
 */
export function InfectionChecklist({
  title,
  value,
  onChange,
}: {
  title: string;
  value: InfectionPrevention;
  onChange: (fn: (x: InfectionPrevention) => void) => void;
}) {
  return (
    <fieldset className="card checklist-infection">
      <legend>{title}</legend>
      <p className="muted">
        NACC 2017 infection guidance (Deer et al., Neuromodulation 20:31-50): prophylactic
        antibiotics before incision, alcohol-based skin preparation, glucose control, stopping
        tobacco.
      </p>
      <div className="grid">
        <YesNoField
          label={`${title}: antibiotic prophylaxis given`}
          value={value.antibioticProphylaxis}
          onChange={(v) => onChange((x) => void (x.antibioticProphylaxis = v))}
        />
        <TextField
          label={`${title}: antibiotic and dose`}
          value={value.antibioticAgent}
          onChange={(v) => onChange((x) => void (x.antibioticAgent = v))}
        />
        <SelectField
          label={`${title}: skin preparation`}
          value={value.skinPreparation}
          allowEmpty="not recorded"
          options={SKIN_PREPS}
          onChange={(v) => onChange((x) => void (x.skinPreparation = v))}
        />
        <NumberField
          label={`${title}: blood glucose`}
          unit="mg/dL"
          min={20}
          max={1000}
          value={value.glucoseMgDl}
          onChange={(v) => onChange((x) => void (x.glucoseMgDl = v))}
        />
        <YesNoField
          label={`${title}: tobacco stopped (or never smoked)`}
          value={value.smokingStopped}
          onChange={(v) => onChange((x) => void (x.smokingStopped = v))}
        />
        <YesNoField
          label={`${title}: MRSA decolonisation`}
          value={value.mrsaDecolonisation}
          onChange={(v) => onChange((x) => void (x.mrsaDecolonisation = v))}
        />
      </div>
    </fieldset>
  );
}
