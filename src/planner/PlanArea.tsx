import ProposePanel from './ProposePanel.tsx';
import { useEffect, useMemo, useState } from 'react';
import { THERAPIES, type Therapy } from '../../models/scenario.ts';
import { anatomyGeometry, resolveAnatomy } from '../../models/anatomy/index.ts';
import { SceneCanvas } from '../scene/SceneCanvas.tsx';
import { AnatomyScene, defaultHiddenGroups, structureGroups } from '../scene/AnatomyScene.tsx';
import { sceneContext, zoomView } from '../scene/sceneContext.ts';
import { DraggableLeads } from '../scene/DraggableLeads.tsx';
import { CAMERA_PRESETS } from '../scene/cameraPresets.ts';
import { Tabs } from '../app/Tabs.tsx';
import { decodeScenarioFragment } from '../app/shareLink.ts';
import { usePlanner } from './store.ts';
import { ScenarioPanel } from './ScenarioPanel.tsx';
import { AnatomyPanel } from './AnatomyPanel.tsx';
import { SensitivityPanel } from './SensitivityPanel.tsx';
import { LeadPanel } from './LeadPanel.tsx';
import { moveLead } from '../../models/estimate/placement.ts';
import { ProgramEditor } from './program/ProgramEditor.tsx';
import { WaveformPreview } from './program/WaveformPreview.tsx';
import { SafetyPanel } from './program/SafetyPanel.tsx';
import { ResultsPanel } from './ResultsPanel.tsx';
import { ComparePanel } from './ComparePanel.tsx';
import { ParadigmPanel } from './ParadigmPanel.tsx';
import { useEstimateDriver, useEstimates, useShownEstimate } from './estimates.ts';
import { activationById, sameActivation } from '../../models/estimate/index.ts';
import { useScenarioFibres } from './populations.ts';
import { FibresLayer } from '../scene/FibresLayer.tsx';
import { ensureWorkingPlan } from './workingPlan.ts';
import './planner.css';

// the plan of the last visit comes back before the first render (a share link still wins)
ensureWorkingPlan();

/** Restores a scenario from a share link (`#s=…`) on arrival and when a link is pasted into this tab. */
function useShareLink() {
  const setScenario = usePlanner((s) => s.setScenario);
  const rejectLoad = usePlanner((s) => s.rejectLoad);
  useEffect(() => {
    const apply = () => {
      const decoded = decodeScenarioFragment(window.location.hash);
      if (!decoded) return;
      if (decoded.ok) setScenario(decoded.value);
      else rejectLoad('share link', decoded.issues);
      // the fragment has done its job; keep the address bar clean
      history.replaceState(history.state, '', window.location.pathname + window.location.search);
    };
    apply();
    window.addEventListener('hashchange', apply);
    return () => window.removeEventListener('hashchange', apply);
  }, [setScenario, rejectLoad]);
}

function TherapySwitch() {
  const therapy = usePlanner((s) => s.scenario.therapy);
  const newScenario = usePlanner((s) => s.newScenario);
  return (
    <fieldset className="therapy-switch">
      <legend>Therapy</legend>
      {THERAPIES.map((t: Therapy) => (
        <label key={t}>
          <input
            type="radio"
            name="therapy"
            value={t}
            checked={therapy === t}
            onChange={() => newScenario(t)}
          />
          {t}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The activation drawn in the scene, kept as the same arrays while every fibre reads the same:
 * the full model's progress ticks and a confirmed instant answer then draw no new frame (a frame
 * costs ≈ 0.2 s of software WebGL on a machine without a GPU, and blocks the page meanwhile).
 */
function useStableActivation(next: (boolean[] | undefined)[]): (boolean[] | undefined)[] {
  const [kept, setKept] = useState(next);
  const same = sameActivation(kept, next);
  if (!same) setKept(next);
  return same ? kept : next;
}

/**
 * The fibres coloured by the shown estimate. It alone follows the estimate, so that a new estimate
 * (or a progress tick of the full model) re-renders the fibres, not the scene around them.
 */
function EstimatedFibres({
  populations,
}: {
  populations: ReturnType<typeof useScenarioFibres>['populations'];
}) {
  const shown = useShownEstimate();
  const activated = useStableActivation(
    useMemo(
      () =>
        activationById(
          shown,
          populations.map((p) => p.id),
        ),
      [populations, shown],
    ),
  );
  return <FibresLayer populations={populations} activated={activated} />;
}

function ScenePane() {
  const scenario = usePlanner((s) => s.scenario);
  const update = usePlanner((s) => s.update);
  const [presetId, setPresetId] = useState('oblique');
  // the direction of the last fixed preset: zooming keeps it
  const [lastPreset, setLastPreset] = useState('oblique');
  const [zoom, setZoom] = useState<'lead' | 'target' | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const resolved = useMemo(() => resolveAnatomy(scenario.anatomy), [scenario.anatomy]);
  const geometry = useMemo(() => anatomyGeometry(resolved), [resolved]);
  const context = useMemo(() => sceneContext(scenario, resolved), [scenario, resolved]);
  const [hidden, setHidden] = useState<Set<string>>(() => new Set(defaultHiddenGroups(context)));
  // a new kind of anatomy starts from its own defaults (e.g. the bone ellipse hidden under vertebrae)
  const [hiddenFor, setHiddenFor] = useState(scenario.anatomy.kind);
  if (hiddenFor !== scenario.anatomy.kind) {
    setHiddenFor(scenario.anatomy.kind);
    setHidden(new Set(defaultHiddenGroups(context)));
  }
  const groups = useMemo(() => structureGroups(geometry, context), [geometry, context]);
  const { populations } = useScenarioFibres(scenario);
  const setSettled = (settled: boolean) => useEstimates.setState({ settled });
  // along the lead: from behind its proximal end, a little dorsal, looking at its contacts
  const viewLead = scenario.leads.find((l) => l.id === selected) ?? scenario.leads[0];
  const alongLead = viewLead
    ? {
        targetMm: [
          viewLead.tipMm.xMm + viewLead.direction.x * 20,
          viewLead.tipMm.yMm + viewLead.direction.y * 20,
          viewLead.tipMm.zMm + viewLead.direction.z * 20,
        ] as [number, number, number],
        offsetMm: [
          viewLead.direction.x * 90,
          viewLead.direction.y * 90 + 35,
          viewLead.direction.z * 90,
        ] as [number, number, number],
      }
    : null;
  const zoomed = zoom ? zoomView(scenario, resolved, zoom, lastPreset, viewLead?.id) : null;
  const custom = zoomed ?? alongLead;
  return (
    <section className="plan-scene" aria-label="3D view">
      <div className="scene-toolbar" role="toolbar" aria-label="Camera">
        {CAMERA_PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            aria-pressed={presetId === p.id}
            onClick={() => {
              setPresetId(p.id);
              setLastPreset(p.id);
              setZoom(null);
            }}
          >
            {p.label}
          </button>
        ))}
        <button
          type="button"
          aria-pressed={presetId === 'custom' && zoom === null}
          disabled={!alongLead}
          onClick={() => {
            setZoom(null);
            setPresetId('custom');
          }}
        >
          Along the lead
        </button>
        <button
          type="button"
          aria-pressed={presetId === 'custom' && zoom === 'lead'}
          disabled={!viewLead}
          onClick={() => {
            setZoom('lead');
            setPresetId('custom');
          }}
        >
          Zoom to lead
        </button>
        <button
          type="button"
          aria-pressed={presetId === 'custom' && zoom === 'target'}
          onClick={() => {
            setZoom('target');
            setPresetId('custom');
          }}
        >
          Zoom to target
        </button>
      </div>
      <SceneCanvas
        presetId={presetId}
        {...(custom ? { custom } : {})}
        label={`3D view of the ${scenario.therapy} anatomy with ${scenario.leads.length} lead(s)`}
      >
        <AnatomyScene
          geometry={geometry}
          hidden={hidden}
          context={context}
          contextFade={presetId === 'custom' && zoom === 'lead' ? 0.35 : 1}
        />
        {!hidden.has('fibres') && <EstimatedFibres populations={populations} />}
        <DraggableLeads
          leads={scenario.leads}
          program={scenario.program}
          selectedId={selected}
          onSelect={setSelected}
          onMove={(id, to) => {
            if (useEstimates.getState().settled) setSettled(false);
            update((s) =>
              s.anatomy.kind === 'spine'
                ? moveLead(s, id, to)
                : {
                    ...s,
                    leads: s.leads.map((l) =>
                      l.id === id ? { ...l, tipMm: { ...l.tipMm, xMm: to.xMm, zMm: to.zMm } } : l,
                    ),
                  },
            );
          }}
          onDragEnd={() => setSettled(true)}
        />
      </SceneCanvas>
      <fieldset className="structure-list">
        <legend>Structures</legend>
        <p className="scene-caption" data-testid="scene-caption">
          {context.caption}
        </p>
        {[...groups, { id: 'fibres', label: 'Fibres', colour: '#ff4fd8' }].map((s) => (
          <label key={s.id}>
            <input
              type="checkbox"
              checked={!hidden.has(s.id)}
              onChange={(e) =>
                setHidden((h) => {
                  const n = new Set(h);
                  if (e.target.checked) n.delete(s.id);
                  else n.add(s.id);
                  return n;
                })
              }
            />
            <span className="swatch" style={{ background: s.colour }} aria-hidden="true" />
            {s.label}
          </label>
        ))}
        <button
          type="button"
          className="link-button"
          onClick={() =>
            setHidden(
              new Set(
                groups
                  .map((g) => g.id)
                  .filter(
                    (id) =>
                      ![
                        'white-matter',
                        'grey-matter',
                        'ganglion',
                        'endoneurium',
                        'nerve-root',
                        'rootlets',
                      ].includes(id),
                  ),
              ),
            )
          }
        >
          Isolate neural tissue
        </button>
        <button type="button" className="link-button" onClick={() => setHidden(new Set())}>
          Show all
        </button>
      </fieldset>
    </section>
  );
}

export default function PlanArea() {
  useShareLink();
  useEstimateDriver();
  const [tab, setTab] = useState('leads');
  return (
    <div className="plan-layout">
      <section className="plan-side" aria-labelledby="plan-heading">
        <h1 id="plan-heading">Plan</h1>
        <TherapySwitch />
        <Tabs
          label="Plan panels"
          active={tab}
          onChange={setTab}
          tabs={[
            {
              id: 'leads',
              label: 'Leads',
              content: (
                <>
                  <LeadPanel />
                  <AnatomyPanel />
                  <SensitivityPanel />
                </>
              ),
            },
            {
              id: 'program',
              label: 'Program',
              content: (
                <>
                  <ProgramEditor />
                  <WaveformPreview />
                </>
              ),
            },
            { id: 'propose', label: 'Propose', content: <ProposePanel /> },
            { id: 'safety', label: 'Safety', content: <SafetyPanel /> },
            { id: 'time', label: 'In time', content: <ParadigmPanel /> },
            { id: 'compare', label: 'Compare', content: <ComparePanel /> },
            { id: 'scenario', label: 'Scenario', content: <ScenarioPanel /> },
          ]}
        />
      </section>
      <ScenePane />
      <aside className="plan-results" aria-label="Results">
        <ResultsPanel />
      </aside>
    </div>
  );
}
