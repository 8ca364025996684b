import { describe, expect, it } from 'vitest';
import { CONDUCTIVITY_PRESETS } from '../../../models/anatomy/index.ts';
import { parseScenario } from '../../../models/scenario.ts';
import { runScenario } from '../../../models/estimate/index.ts';
import { comfortMarkers } from '../../../models/coverage.ts';
import { newPlan } from '../../../src/planner/store.ts';
import { sensitivityVariants } from '../../../src/planner/SensitivityPanel.tsx';

describe('sensitivity variants', () => {
  it('one valid scenario per tissue set, plus the dorsal CSF 1 mm either side for SCS', () => {
    const v = sensitivityVariants(newPlan('SCS'));
    expect(v).toHaveLength(Object.keys(CONDUCTIVITY_PRESETS).length + 2);
    for (const x of v) expect(parseScenario(x.scenario).ok).toBe(true);
    expect(v.map((x) => x.label).filter((l) => l.startsWith('dorsal CSF'))).toEqual([
      'dorsal CSF 3 mm',
      'dorsal CSF 5 mm',
    ]);
    expect(sensitivityVariants(newPlan('DRG'))).toHaveLength(
      Object.keys(CONDUCTIVITY_PRESETS).length,
    );
  });

  it('a thicker dorsal CSF raises the modelled perception threshold (Holsheimer; models.md §5)', () => {
    const v = sensitivityVariants(newPlan('SCS'));
    const at = (label: string) =>
      comfortMarkers(
        runScenario(v.find((x) => x.label.startsWith(label))!.scenario, { tier: 'instant' }),
      ).perceptionMa!;
    expect(at('dorsal CSF 5')).toBeGreaterThan(at('dorsal CSF 3'));
    // two SCS solves at the finer default grid (issue 14) take ≈ 2 × 2 s on a loaded 2-core machine
  }, 30_000);
});
