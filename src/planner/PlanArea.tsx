import { useEffect, useMemo, useState } from 'react';
import { THERAPIES, type Therapy } from '../../models/scenario.ts';
import { SceneCanvas } from '../scene/SceneCanvas.tsx';
import { AnatomyScene, structureGroups } from '../scene/AnatomyScene.tsx';
import { anatomyGeometry, resolveAnatomy } from '../../models/anatomy/index.ts';
import { CAMERA_PRESETS } from '../scene/cameraPresets.ts';
import { LeadModel } from '../scene/LeadModel.tsx';
import { usePlanner } from './store.ts';
import { ScenarioPanel } from './ScenarioPanel.tsx';
import { decodeScenarioFragment } from '../app/shareLink.ts';
import './planner.css';

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

export default function PlanArea() {
  useShareLink();
  const scenario = usePlanner((s) => s.scenario);
  const newScenario = usePlanner((s) => s.newScenario);
  const [presetId, setPresetId] = useState('oblique');
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const geometry = useMemo(
    () => anatomyGeometry(resolveAnatomy(scenario.anatomy)),
    [scenario.anatomy],
  );
  const groups = useMemo(() => structureGroups(geometry), [geometry]);

  return (
    <div className="plan-layout">
      <section className="plan-side" aria-labelledby="plan-heading">
        <h1 id="plan-heading">Plan</h1>
        <fieldset className="therapy-switch">
          <legend>Therapy</legend>
          {THERAPIES.map((t: Therapy) => (
            <label key={t}>
              <input
                type="radio"
                name="therapy"
                value={t}
                checked={scenario.therapy === t}
                onChange={() => newScenario(t)}
              />
              {t}
            </label>
          ))}
        </fieldset>
        <ScenarioPanel />
      </section>
      <section className="plan-scene" aria-label="3D view">
        <div className="scene-toolbar" role="toolbar" aria-label="Camera">
          {CAMERA_PRESETS.map((p) => (
            <button
              key={p.id}
              type="button"
              aria-pressed={presetId === p.id}
              onClick={() => setPresetId(p.id)}
            >
              {p.label}
            </button>
          ))}
        </div>
        <SceneCanvas
          presetId={presetId}
          label={`3D view of the ${scenario.therapy} anatomy with ${scenario.leads.length} lead(s)`}
        >
          <AnatomyScene geometry={geometry} hidden={hidden} />
          {scenario.leads.map((lead) => (
            <LeadModel key={lead.id} lead={lead} program={scenario.program} />
          ))}
        </SceneCanvas>
        <fieldset className="structure-list">
          <legend>Structures</legend>
          {groups.map((s) => (
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
        </fieldset>
      </section>
    </div>
  );
}
