import { useState } from 'react';
import {
  SPINAL_LEVELS,
  type LeadPlacement,
  type Scenario,
  type SpinalLevel,
} from '../../models/scenario.ts';
import { findLead, leadContactCount, nominalFields } from '../../models/devices/index.ts';
import { usePlanner } from './store.ts';
import { SliderNumberField } from './SliderNumberField.tsx';
import { LevelPlacement, TwoLeadOffset } from './LevelPlacement.tsx';
import { LeadSpecs, leadName } from './LeadSpecs.tsx';
import { LeadCatalogueSelect } from './LeadCatalogueSelect.tsx';
import {
  addLead,
  arrangeTwoLeads,
  levelOfLead,
  leadsForTherapy,
  MAX_LEADS,
  moveLead,
  pnsDistanceMm,
  pnsLeadAtDistance,
  positionAlongAxisMm,
  slideLeadAlongAxis,
  removeLead,
  removeLeadRefusal,
  snapLeadToLevel,
} from '../../models/estimate/placement.ts';

function LeadCard({ scenario, lead }: { scenario: Scenario; lead: LeadPlacement }) {
  const update = usePlanner((s) => s.update);
  const [refusal, setRefusal] = useState<string | null>(null);
  const entry = findLead(lead.catalogId);
  const level = levelOfLead(scenario, lead);
  const tag = lead.id;
  return (
    <li className="lead-card" aria-label={`${lead.label || lead.id}`}>
      <div className="lead-card-head">
        <strong>{lead.label || lead.id}</strong>
        <span className="muted">{entry ? leadName(entry) : lead.catalogId}</span>
        <button
          type="button"
          onClick={() => {
            const why = removeLeadRefusal(scenario, lead.id);
            setRefusal(why ?? null);
            if (!why) update((s) => removeLead(s, lead.id));
          }}
          aria-label={`Remove ${lead.label || lead.id}`}
        >
          Remove
        </button>
      </div>
      {refusal ? (
        <p role="alert" className="pe-refusal small">
          <strong>Not removed:</strong> {refusal}.
        </p>
      ) : null}
      {scenario.anatomy.kind === 'spine' && (
        <>
          <label className="field">
            <span>Centred on level</span>
            <select
              value={level ?? ''}
              onChange={(e) =>
                update((s) => snapLeadToLevel(s, lead.id, e.target.value as SpinalLevel))
              }
              data-testid={`level-${tag}`}
            >
              {level === undefined && <option value="">outside C2–S1</option>}
              {SPINAL_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          <LevelPlacement scenario={scenario} lead={lead} />
          <SliderNumberField
            label="Tip along the cord"
            unit="mm"
            value={lead.tipMm.zMm}
            min={-400}
            max={400}
            step={0.5}
            testId={`z-${tag}`}
            onCommit={(v) => update((s) => moveLead(s, lead.id, { xMm: lead.tipMm.xMm, zMm: v }))}
          />
          <SliderNumberField
            label="Lateral offset (+ left)"
            unit="mm"
            value={lead.tipMm.xMm}
            min={-8}
            max={8}
            step={0.25}
            testId={`x-${tag}`}
            onCommit={(v) => update((s) => moveLead(s, lead.id, { xMm: v, zMm: lead.tipMm.zMm }))}
          />
        </>
      )}
      {scenario.anatomy.kind === 'nerve' && (
        <SliderNumberField
          label="Distance to nerve"
          unit="mm"
          value={pnsDistanceMm(scenario, lead)}
          min={0.2}
          max={30}
          step={0.1}
          testId={`dist-${tag}`}
          onCommit={(v) =>
            update((s) => ({
              ...s,
              leads: s.leads.map((l) => (l.id === lead.id ? pnsLeadAtDistance(s, l, v) : l)),
            }))
          }
        />
      )}
      {scenario.anatomy.kind !== 'spine' && (
        <SliderNumberField
          label={scenario.anatomy.kind === 'drg' ? 'Tip along the root' : 'Tip along the nerve'}
          unit="mm"
          value={positionAlongAxisMm(scenario, lead)}
          min={-60}
          max={60}
          step={0.5}
          testId={`z-${tag}`}
          onCommit={(v) => update((s) => slideLeadAlongAxis(s, lead.id, v))}
        />
      )}
      {entry && (
        <p className="muted small">
          {entry.form} · {leadContactCount(entry.geometry)} contacts
          {nominalFields(entry.provenance).length > 0 && (
            <span
              className="nominal-badge"
              title={`Nominal: ${nominalFields(entry.provenance).join(', ')}`}
            >
              {' '}
              · nominal dimensions
            </span>
          )}
        </p>
      )}
      {entry && <LeadSpecs lead={lead} entry={entry} />}
    </li>
  );
}

/** Leads of the scenario: add from the catalogue, place by level and offset, arrange two leads. */
export function LeadPanel() {
  const scenario = usePlanner((s) => s.scenario);
  const update = usePlanner((s) => s.update);
  const options = leadsForTherapy(scenario.therapy);
  const [choice, setChoice] = useState(options[0]?.id ?? '');
  const selected = options.some((o) => o.id === choice) ? choice : (options[0]?.id ?? '');
  return (
    <div className="lead-panel">
      <ul className="lead-list">
        {scenario.leads.map((l) => (
          <LeadCard key={l.id} scenario={scenario} lead={l} />
        ))}
      </ul>
      <div className="add-lead">
        <LeadCatalogueSelect options={options} value={selected} onChange={setChoice} />
        <button
          type="button"
          disabled={scenario.leads.length >= MAX_LEADS}
          onClick={() => update((s) => addLead(s, selected))}
        >
          Add lead
        </button>
      </div>
      {scenario.anatomy.kind === 'spine' && scenario.leads.length >= 2 && (
        <div className="button-row" role="group" aria-label="Two-lead layout">
          <button type="button" onClick={() => update((s) => arrangeTwoLeads(s, 'side-by-side'))}>
            Side by side
          </button>
          <button type="button" onClick={() => update((s) => arrangeTwoLeads(s, 'staggered'))}>
            Staggered
          </button>
        </div>
      )}
      {scenario.anatomy.kind === 'spine' && scenario.leads.length >= 2 && <TwoLeadOffset />}
      <p className="muted small">
        Drag a lead in the 3D view to move it
        {scenario.anatomy.kind === 'spine' ? '; it stays on the dura.' : '.'}
      </p>
    </div>
  );
}
