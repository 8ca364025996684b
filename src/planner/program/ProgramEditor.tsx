import { useCallback, useId, useMemo, useState } from 'react';
import type { Program } from '../../../models/scenario.ts';
import {
  LEAD_CATALOGUE,
  effectiveGenerator,
  findGenerator,
  generatorLabel,
} from '../../../models/devices/index.ts';
import { groupByVendor } from '../LeadCatalogueSelect.tsx';
import { GeneratorSpecs } from '../GeneratorSpecs.tsx';
import { GeneratorLimits } from './GeneratorLimits.tsx';
import { contactChargeDensities } from '../../../models/stimulation/index.ts';
import { usePlanner } from '../store.ts';
import { ContactGrid, FractionList } from './ContactGrid.tsx';
import { SteeringPad } from './SteeringPad.tsx';
import { EditorContext, type EditorApi, type Refusal } from './editorContext.ts';
import { FieldMessages } from './FieldMessages.tsx';
import { NumberField } from './NumberField.tsx';
import { SafetyStrip } from './SafetyStrip.tsx';
import { WaveformFields, rangeHint } from './WaveformFields.tsx';
import { ScheduleFields } from './ScheduleFields.tsx';
import {
  applyProgramEdit,
  envelopeOf,
  generatorsFor,
  leadLayout,
  scenarioFindings,
  withGenerator,
  type ProgramEdit,
} from './logic.ts';
import './program.css';

/** Slider step: 25 µA on a DRG-sized range (Axium MN0700 steps, clinical.md §3.2), else 50 µA. */
function amplitudeStepMa(maxMa: number): number {
  return maxMa <= 6 ? 0.025 : 0.05;
}

/**
 * The program editor: generator, contacts per lead, current shares, case return, amplitude,
 * pulse width, rate and waveform family. Reads and writes the planner store; every edit goes
 * through `applyProgramEdit` (store `update`), which refuses schema violations and anything that
 * leaves the generator's envelope, with the reason beside the control.
 */
export function ProgramEditor() {
  const scenario = usePlanner((s) => s.scenario);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [notes, setNotes] = useState<string[]>([]);
  const program = scenario.program;
  const generator = effectiveGenerator(program);
  const findings = useMemo(() => scenarioFindings(scenario), [scenario]);
  const charge = useMemo(
    () => contactChargeDensities(scenario.program, scenario.leads, LEAD_CATALOGUE),
    [scenario],
  );
  const layouts = useMemo(() => scenario.leads.map((l, i) => leadLayout(l, i)), [scenario.leads]);
  const labels = useMemo(() => new Map(layouts.map((l) => [l.lead.id, l.label])), [layouts]);

  const commit = useCallback((field: string, edit: (p: Program) => ProgramEdit | Program) => {
    const out = applyProgramEdit(field, edit);
    if (out.applied) {
      setRefusal(null);
      setNotes(out.notes);
      return true;
    }
    setRefusal({ field: out.field, reasons: out.reasons });
    setNotes([]);
    return false;
  }, []);
  const api: EditorApi = useMemo(
    () => ({ commit, findings, refusal }),
    [commit, findings, refusal],
  );

  const env = envelopeOf(generator, program.waveform.kind);
  const owner = generator
    ? `${generator.displayName} (${program.waveform.kind})`
    : 'an unknown generator';
  const ampMax = env?.amplitudeMa.max ?? 25.5;
  const headingId = useId();
  const caseId = useId();
  const generatorId = useId();
  const showRate = program.waveform.kind !== 'khz' && program.waveform.kind !== 'multiplexed';
  const rateLabel = program.waveform.kind === 'burst' ? 'Burst rate (Hz)' : 'Rate (Hz)';

  return (
    <EditorContext.Provider value={api}>
      <section className="program-editor" aria-labelledby={headingId}>
        <h2 id={headingId}>Program</h2>

        <div className="pe-field">
          <label htmlFor={generatorId}>Generator</label>
          <select
            id={generatorId}
            value={program.generatorId}
            aria-describedby={`${generatorId}-messages`}
            onChange={(e) => {
              const g = findGenerator(e.target.value);
              if (g) commit('program.generatorId', (p) => withGenerator(p, g));
            }}
          >
            {generator ? null : (
              <option value={program.generatorId}>Unknown generator “{program.generatorId}”</option>
            )}
            {groupByVendor(generatorsFor(scenario.therapy, program.generatorId)).map(
              ([vendor, list]) => (
                <optgroup key={vendor} label={vendor === 'Generic' ? 'Generic presets' : vendor}>
                  {list.map((g) => (
                    <option key={g.id} value={g.id}>
                      {generatorLabel(g)}
                    </option>
                  ))}
                </optgroup>
              ),
            )}
          </select>
          <FieldMessages
            id={`${generatorId}-messages`}
            field="program.generatorId"
            also={['leads']}
            prefix
          />
          {generator ? <GeneratorSpecs generator={generator} /> : null}
          <GeneratorLimits program={program} />
        </div>

        <fieldset className="pe-group">
          <legend>Contacts</legend>
          <div className="pe-leads">
            {layouts.map((layout) => (
              <ContactGrid key={layout.lead.id} layout={layout} program={program} />
            ))}
            {layouts.length === 0 ? <p className="muted">Place a lead to program it.</p> : null}
          </div>
          {layouts.length > 0 ? (
            <SteeringPad program={program} leads={scenario.leads} labels={labels} />
          ) : null}
          <div className="pe-field pe-check">
            <input
              id={caseId}
              type="checkbox"
              checked={program.caseIsReturn}
              aria-describedby={`${caseId}-messages`}
              onChange={(e) => {
                const caseIsReturn = e.target.checked;
                commit('program.caseIsReturn', (p) => ({ ...p, caseIsReturn }));
              }}
            />
            <label htmlFor={caseId}>Case is return (monopolar)</label>
            <FieldMessages id={`${caseId}-messages`} field="program.caseIsReturn" />
          </div>
          <FractionList program={program} labels={labels} charge={charge.contacts} />
        </fieldset>

        <fieldset className="pe-group">
          <legend>Pulse</legend>
          <NumberField
            label="Amplitude (mA)"
            field="program.amplitudeMa"
            value={program.amplitudeMa}
            min={0}
            step="any"
            hint={rangeHint(env?.amplitudeMa, 'mA', owner)}
            slider={{ min: 0, max: ampMax, step: amplitudeStepMa(ampMax) }}
            onCommit={(amplitudeMa) =>
              commit('program.amplitudeMa', (p) => ({ ...p, amplitudeMa }))
            }
          />
          <NumberField
            label="Pulse width (µs)"
            field="program.pulseWidthUs"
            value={program.pulseWidthUs}
            min={1}
            step="any"
            hint={rangeHint(env?.pulseWidthUs, 'µs', owner)}
            onCommit={(pulseWidthUs) =>
              commit('program.pulseWidthUs', (p) => ({ ...p, pulseWidthUs }))
            }
          />
          {showRate ? (
            <NumberField
              label={rateLabel}
              field="program.rateHz"
              value={program.rateHz}
              min={0.5}
              step="any"
              hint={rangeHint(env?.rateHz, 'Hz', owner)}
              onCommit={(rateHz) => commit('program.rateHz', (p) => ({ ...p, rateHz }))}
            />
          ) : null}
        </fieldset>

        <WaveformFields program={program} generator={generator} />
        <ScheduleFields program={program} />

        <SafetyStrip
          amplitudeMa={program.amplitudeMa}
          pulseWidthUs={program.pulseWidthUs}
          contacts={charge.contacts}
          findings={findings}
        />
        <div className="pe-notes" aria-live="polite">
          {notes.map((n, i) => (
            <p key={i}>{n}</p>
          ))}
        </div>
        {generator ? <p className="pe-hint">Checked against {generatorLabel(generator)}.</p> : null}
      </section>
    </EditorContext.Provider>
  );
}

export default ProgramEditor;
