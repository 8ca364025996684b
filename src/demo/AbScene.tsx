import { useMemo } from 'react';
import type { RunResult } from '../../models/estimate/index.ts';
import type { Scenario } from '../../models/scenario.ts';
import { anatomyGeometry } from '../../models/anatomy/index.ts';
import { SceneCanvas } from '../scene/SceneCanvas.tsx';
import { AnatomyScene, defaultHiddenGroups } from '../scene/AnatomyScene.tsx';
import { sceneContext, zoomView } from '../scene/sceneContext.ts';
import { FibresLayer } from '../scene/FibresLayer.tsx';
import { LeadModel } from '../scene/LeadModel.tsx';
import { useScenarioFibres } from '../planner/populations.ts';

/** One side of the A/B demo: the anatomy, the lead with its programmed contacts, fibres coloured. */
export function AbScene({
  side,
  scenario,
  result,
}: {
  side: 'A' | 'B';
  scenario: Scenario;
  result: RunResult | null;
}) {
  const { resolved, populations } = useScenarioFibres(scenario);
  const geometry = useMemo(() => anatomyGeometry(resolved), [resolved]);
  const context = useMemo(() => sceneContext(scenario, resolved), [scenario, resolved]);
  // close on the programmed contacts, so the two configurations can be told apart
  const view = useMemo(
    () => zoomView(scenario, resolved, 'lead', 'oblique', scenario.leads[0]?.id),
    [scenario, resolved],
  );
  const hidden = useMemo(() => new Set(defaultHiddenGroups(context)), [context]);
  const activated = useMemo(
    () => populations.map((p) => result?.populations.find((r) => r.id === p.id)?.activated),
    [populations, result],
  );
  return (
    <div className="ab-scene" data-testid={`scene-${side.toLowerCase()}`}>
      <SceneCanvas
        presetId="custom"
        custom={view}
        label={`3D view of program ${side}: ${scenario.therapy} anatomy, lead contacts as programmed, fibres coloured where they fire`}
      >
        <AnatomyScene geometry={geometry} hidden={hidden} context={context} />
        <FibresLayer populations={populations} activated={activated} />
        {scenario.leads.map((l) => (
          <LeadModel key={l.id} lead={l} program={scenario.program} />
        ))}
      </SceneCanvas>
    </div>
  );
}
