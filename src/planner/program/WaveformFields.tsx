import { useId } from 'react';
import type { GroupContact, Program } from '../../../models/scenario.ts';
import { groupIncludes } from '../../../models/stimulation/groups.ts';
import { usePlanner } from '../store.ts';
import { formatNumber } from '../../../models/stimulation/index.ts';
import type { Generator, Range, WaveformFamily } from '../../../models/devices/index.ts';
import { useEditor } from './editorContext.ts';
import { FieldMessages } from './FieldMessages.tsx';
import { NumberField } from './NumberField.tsx';
import {
  FAMILY_LABELS,
  activeGroupContacts,
  contactName,
  envelopeOf,
  supportedFamilies,
  withWaveformFamily,
} from './logic.ts';

/** "0–25.5 mA on Generic 16-channel IPG (tonic)": the envelope a control is checked against. */
export function rangeHint(
  range: Range | undefined,
  unit: string,
  owner: string,
): string | undefined {
  return range
    ? `Allowed ${formatNumber(range.min)}–${formatNumber(range.max)} ${unit} on ${owner}.`
    : undefined;
}

function SelectField<T extends string>({
  label,
  field,
  value,
  options,
  onChange,
}: {
  label: string;
  field: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange(value: T): void;
}) {
  const id = useId();
  return (
    <div className="pe-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-describedby={`${id}-messages`}
        onChange={(e) => onChange(e.target.value as T)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldMessages id={`${id}-messages`} field={field} />
    </div>
  );
}

/** Waveform family and the parameters of that family. */
export function WaveformFields({
  program,
  generator,
}: {
  program: Program;
  generator: Generator | undefined;
}) {
  const { commit } = useEditor();
  const w = program.waveform;
  const env = envelopeOf(generator, w.kind);
  const owner = generator ? `${generator.displayName} (${w.kind})` : 'this generator';
  const families = supportedFamilies(generator);
  if (!families.includes(w.kind)) families.push(w.kind);
  const setWaveform = (field: string, patch: Partial<Program['waveform']>, extra = {}) =>
    commit(field, (p) => ({
      ...p,
      ...extra,
      waveform: { ...p.waveform, ...patch } as Program['waveform'],
    }));

  return (
    <fieldset className="pe-group">
      <legend>Waveform</legend>
      <SelectField<WaveformFamily>
        label="Waveform family"
        field="program.waveform.kind"
        value={w.kind}
        options={families.map((f) => ({ value: f, label: FAMILY_LABELS[f] }))}
        onChange={(kind) => commit('program.waveform.kind', (p) => withWaveformFamily(p, kind))}
      />
      {w.kind === 'tonic' ? (
        <>
          <SelectField
            label="Pulse shape"
            field="program.waveform.shape"
            value={w.shape}
            options={[
              { value: 'biphasic-cathodic-first', label: 'Biphasic, cathodic first' },
              { value: 'mono-cathodic', label: 'Monophasic cathodic (passive recharge)' },
              { value: 'mono-anodic', label: 'Monophasic anodic (passive recharge)' },
            ]}
            onChange={(shape) => setWaveform('program.waveform.shape', { shape })}
          />
          {w.shape === 'biphasic-cathodic-first' ? (
            <NumberField
              label="Interphase gap (µs)"
              field="program.waveform.interphaseUs"
              value={w.interphaseUs}
              min={0}
              max={1000}
              onCommit={(interphaseUs) =>
                setWaveform('program.waveform.interphaseUs', { interphaseUs })
              }
            />
          ) : null}
        </>
      ) : null}
      {w.kind === 'burst' ? (
        <>
          <NumberField
            label="Pulses per burst"
            field="program.waveform.pulsesPerBurst"
            value={w.pulsesPerBurst}
            min={2}
            max={10}
            step={1}
            hint={rangeHint(env?.pulsesPerBurst ?? { min: 2, max: 10 }, 'pulses', owner)}
            onCommit={(pulsesPerBurst) =>
              setWaveform('program.waveform.pulsesPerBurst', { pulsesPerBurst })
            }
          />
          <NumberField
            label="Intra-burst rate (Hz)"
            field="program.waveform.intraBurstRateHz"
            value={w.intraBurstRateHz}
            min={100}
            max={1000}
            hint={rangeHint(env?.intraBurstRateHz, 'Hz', owner)}
            onCommit={(intraBurstRateHz) =>
              setWaveform('program.waveform.intraBurstRateHz', { intraBurstRateHz })
            }
          />
          <SelectField
            label="Recharge"
            field="program.waveform.recharge"
            value={w.recharge}
            options={[
              { value: 'passive', label: 'Passive (after the burst)' },
              { value: 'active', label: 'Active (after every pulse)' },
            ]}
            onChange={(recharge) => setWaveform('program.waveform.recharge', { recharge })}
          />
        </>
      ) : null}
      {w.kind === 'khz' ? (
        <NumberField
          label="Frequency (Hz)"
          field="program.waveform.frequencyHz"
          value={w.frequencyHz}
          min={1000}
          max={20000}
          hint={rangeHint(env?.rateHz, 'Hz', owner)}
          also={['program.rateHz']}
          onCommit={(frequencyHz) =>
            // the carrier is the pulse rate: keep rateHz with it (checkProgram khz-rate-ignored)
            setWaveform('program.waveform.frequencyHz', { frequencyHz }, { rateHz: frequencyHz })
          }
        />
      ) : null}
      {w.kind === 'closed-loop' ? (
        <>
          <NumberField
            label="Target ECAP (µV)"
            field="program.waveform.targetEcapUv"
            value={w.targetEcapUv}
            min={1}
            max={1000}
            hint="The loop adjusts each pulse's current to hold this evoked response."
            onCommit={(targetEcapUv) =>
              setWaveform('program.waveform.targetEcapUv', { targetEcapUv })
            }
          />
          <NumberField
            label="Update rate (Hz)"
            field="program.waveform.updateRateHz"
            value={w.updateRateHz}
            min={1}
            max={1500}
            hint={rangeHint(env?.updateRateHz, 'Hz', owner)}
            onCommit={(updateRateHz) =>
              setWaveform('program.waveform.updateRateHz', { updateRateHz })
            }
          />
        </>
      ) : null}
      {w.kind === 'multiplexed' ? (
        <MultiplexGroups
          program={program}
          maxGroups={env?.maxGroups}
          rateRange={env?.rateHz}
          owner={owner}
        />
      ) : null}
    </fieldset>
  );
}

function MultiplexGroups({
  program,
  maxGroups,
  rateRange,
  owner,
}: {
  program: Program;
  maxGroups: number | undefined;
  rateRange: Range | undefined;
  owner: string;
}) {
  const { commit } = useEditor();
  const leads = usePlanner((st) => st.scenario.leads);
  const messagesId = useId();
  if (program.waveform.kind !== 'multiplexed') return null;
  const groups = program.waveform.groups;
  const active = activeGroupContacts(program);
  const label = (lead: string) => leads.find((l) => l.id === lead)?.label ?? lead;
  const name = (c: GroupContact) =>
    leads.length > 1 ? contactName(label(c.leadId), c.contactIndex) : `contact ${c.contactIndex}`;
  type Groups = typeof groups;
  const setGroups = (f: (g: Groups) => Groups) =>
    commit('program.waveform.groups', (p) =>
      p.waveform.kind === 'multiplexed'
        ? { ...p, waveform: { ...p.waveform, groups: f(p.waveform.groups) } }
        : p,
    );
  return (
    <div className="pe-mux">
      {groups.map((g, gi) => (
        <fieldset key={gi} className="pe-mux-group">
          <legend>Group {gi + 1}</legend>
          <NumberField
            label={`Group ${gi + 1} rate (Hz)`}
            field={`program.waveform.groups.${gi}.rateHz`}
            value={g.rateHz}
            min={0}
            hint={rangeHint(rateRange, 'Hz', owner)}
            onCommit={(rateHz) =>
              commit(`program.waveform.groups.${gi}.rateHz`, (p) =>
                p.waveform.kind === 'multiplexed'
                  ? {
                      ...p,
                      waveform: {
                        ...p.waveform,
                        groups: p.waveform.groups.map((x, j) => (j === gi ? { ...x, rateHz } : x)),
                      },
                    }
                  : p,
              )
            }
          />
          <div className="pe-mux-contacts" role="group" aria-label={`Group ${gi + 1} contacts`}>
            {active.map((c) => (
              <label key={`${c.leadId}:${c.contactIndex}`}>
                <input
                  type="checkbox"
                  checked={groupIncludes(g.contacts, c.leadId, c.contactIndex)}
                  onChange={(e) =>
                    setGroups((gs) =>
                      gs.map((x, j) => {
                        if (j !== gi) return x;
                        // name every contact by its lead from now on (older files list indices)
                        const named = active.filter((a) =>
                          groupIncludes(x.contacts, a.leadId, a.contactIndex),
                        );
                        const same = (a: GroupContact) =>
                          a.leadId === c.leadId && a.contactIndex === c.contactIndex;
                        const contacts = e.target.checked
                          ? active.filter((a) => same(a) || named.includes(a))
                          : named.filter((a) => !same(a));
                        return { ...x, contacts };
                      }),
                    )
                  }
                />
                {name(c)}
              </label>
            ))}
          </div>
          {groups.length > 1 ? (
            <button type="button" onClick={() => setGroups((gs) => gs.filter((_, j) => j !== gi))}>
              Remove group {gi + 1}
            </button>
          ) : null}
        </fieldset>
      ))}
      <button
        type="button"
        disabled={maxGroups !== undefined && groups.length >= maxGroups}
        onClick={() =>
          setGroups((gs) => [...gs, { contacts: active, rateHz: gs[0]?.rateHz ?? program.rateHz }])
        }
      >
        Add group
      </button>
      {maxGroups !== undefined ? (
        <span className="pe-hint">
          {' '}
          up to {maxGroups} groups on {owner}
        </span>
      ) : null}
      <FieldMessages id={messagesId} field="program.waveform.groups" />
    </div>
  );
}
