import {
  CARE_OUTCOMES,
  DRUG_AGENTS,
  DRUG_CLASSES,
  MME_CAUTIONS,
  NON_DRUG_KINDS,
  currentMme,
  doseUnitOf,
  isOpioidAgent,
  mmePerDay,
  OPIOID_ROUTES,
} from '../../../models/clinical/index.ts';
import { NumberField, SelectField, TextField, localId } from '../fields.tsx';
import type { SectionProps } from './types.ts';

export function ConservativeCare({ c, update }: SectionProps) {
  const meds = c.conservativeCare.medications;
  const mme = currentMme(c);
  const bupe = meds.some((m) => m.current && m.agent === 'buprenorphine');
  return (
    <section aria-labelledby="sec-care" className="section">
      <h2 id="sec-care">Conservative care</h2>
      <h3>Medications</h3>
      {meds.length === 0 && <p>No medication recorded.</p>}
      <ol className="cards">
        {meds.map((m, i) => {
          const agents = DRUG_AGENTS[m.drugClass];
          const unit =
            m.drugClass === 'opioid' && isOpioidAgent(m.agent) ? doseUnitOf(m.agent) : 'mg/day';
          const one =
            m.drugClass === 'opioid' && isOpioidAgent(m.agent) && m.dose !== null
              ? mmePerDay([{ agent: m.agent, dose: m.dose, route: m.route }]).mmePerDay
              : null;
          return (
            <li key={m.id} className="card" aria-label={`Medication ${i + 1}`}>
              <div className="grid">
                <SelectField
                  label={`Class (medication ${i + 1})`}
                  value={m.drugClass}
                  options={DRUG_CLASSES}
                  onChange={(v) =>
                    update((d) => {
                      const x = d.conservativeCare.medications[i]!;
                      x.drugClass = v ?? 'other';
                      x.agent = DRUG_AGENTS[x.drugClass][0] ?? 'other';
                    })
                  }
                />
                {agents.length ? (
                  <SelectField
                    label={`Agent (medication ${i + 1})`}
                    value={m.agent}
                    options={agents}
                    onChange={(v) =>
                      update((d) => void (d.conservativeCare.medications[i]!.agent = v ?? ''))
                    }
                  />
                ) : (
                  <TextField
                    label={`Agent (medication ${i + 1})`}
                    value={m.agent}
                    onChange={(v) =>
                      update((d) => void (d.conservativeCare.medications[i]!.agent = v))
                    }
                  />
                )}
                <NumberField
                  label={`Dose (medication ${i + 1})`}
                  unit={unit === 'ug/h' ? 'µg/h' : unit}
                  min={0}
                  value={m.dose}
                  onChange={(v) =>
                    update((d) => void (d.conservativeCare.medications[i]!.dose = v))
                  }
                />
                {m.drugClass === 'opioid' && (
                  <SelectField
                    label={`Route (medication ${i + 1})`}
                    value={m.route}
                    allowEmpty="not recorded"
                    options={OPIOID_ROUTES}
                    onChange={(v) =>
                      update((d) => void (d.conservativeCare.medications[i]!.route = v))
                    }
                  />
                )}
                <NumberField
                  label={`Duration (medication ${i + 1})`}
                  unit="weeks"
                  min={0}
                  value={m.durationWeeks}
                  onChange={(v) =>
                    update((d) => void (d.conservativeCare.medications[i]!.durationWeeks = v))
                  }
                />
                <SelectField
                  label={`Outcome (medication ${i + 1})`}
                  value={m.outcome}
                  allowEmpty="not recorded"
                  options={CARE_OUTCOMES}
                  onChange={(v) =>
                    update((d) => void (d.conservativeCare.medications[i]!.outcome = v))
                  }
                />
                <div className="field">
                  <label>
                    <input
                      type="checkbox"
                      checked={m.current}
                      onChange={(e) =>
                        update(
                          (d) =>
                            void (d.conservativeCare.medications[i]!.current = e.target.checked),
                        )
                      }
                    />{' '}
                    Taken now
                  </label>
                  {one !== null && <small className="muted">{one} MME/day</small>}
                </div>
              </div>
              <button
                type="button"
                onClick={() => update((d) => void d.conservativeCare.medications.splice(i, 1))}
              >
                Remove medication {i + 1}
              </button>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        onClick={() =>
          update(
            (d) =>
              void d.conservativeCare.medications.push({
                id: localId('med'),
                drugClass: 'gabapentinoid',
                agent: 'gabapentin',
                dose: null,
                durationWeeks: null,
                outcome: null,
                current: false,
                route: null,
              }),
          )
        }
      >
        Add medication
      </button>

      <div className="mme-box" role="status" aria-live="polite">
        <strong>Current opioid load: {mme === null ? 'not computable' : `${mme} MME/day`}</strong>{' '}
        <span className="muted">(CDC 2022 factors; doses mg/day, transdermal fentanyl µg/h)</span>
        <ul>
          {MME_CAUTIONS.map((t) => (
            <li key={t}>{t}</li>
          ))}
          {bupe && (
            <li>Buprenorphine has no CDC 2022 MME factor; it is not included in the total.</li>
          )}
        </ul>
      </div>

      <h3>Non-drug care</h3>
      {c.conservativeCare.nonDrug.length === 0 && <p>No non-drug care recorded.</p>}
      <ol className="cards">
        {c.conservativeCare.nonDrug.map((n, i) => (
          <li key={n.id} className="card" aria-label={`Non-drug care ${i + 1}`}>
            <div className="grid">
              <SelectField
                label={`Kind (care ${i + 1})`}
                value={n.kind}
                options={NON_DRUG_KINDS}
                onChange={(v) =>
                  update((d) => void (d.conservativeCare.nonDrug[i]!.kind = v ?? 'other'))
                }
              />
              <NumberField
                label={`Duration (care ${i + 1})`}
                unit="weeks"
                min={0}
                value={n.durationWeeks}
                onChange={(v) =>
                  update((d) => void (d.conservativeCare.nonDrug[i]!.durationWeeks = v))
                }
              />
              <SelectField
                label={`Outcome (care ${i + 1})`}
                value={n.outcome}
                allowEmpty="not recorded"
                options={CARE_OUTCOMES}
                onChange={(v) => update((d) => void (d.conservativeCare.nonDrug[i]!.outcome = v))}
              />
              <TextField
                label={`Note (care ${i + 1})`}
                value={n.note ?? ''}
                onChange={(v) => update((d) => void (d.conservativeCare.nonDrug[i]!.note = v))}
              />
            </div>
            <button
              type="button"
              onClick={() => update((d) => void d.conservativeCare.nonDrug.splice(i, 1))}
            >
              Remove care {i + 1}
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        onClick={() =>
          update(
            (d) =>
              void d.conservativeCare.nonDrug.push({
                id: localId('care'),
                kind: 'physical_therapy',
                durationWeeks: null,
                outcome: null,
              }),
          )
        }
      >
        Add non-drug care
      </button>
    </section>
  );
}
