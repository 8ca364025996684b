/**
 * The demo's estimate of a scenario: the planner's own pipeline (models/pipeline.ts through the
 * `estimate.run` pool task, instant tier) plus the program's charge from models/stimulation.
 * What is hashed is the replayable part: the scenario and every number that follows from it,
 * without timings, cache state, clock time or app version.
 */
import type { RunResult } from '../../models/estimate/index.ts';
import type { Scenario } from '../../models/scenario.ts';
import { chargeDose } from '../../models/stimulation/dose.ts';
import { contactChargeDensities } from '../../models/stimulation/density.ts';

export const DEMO_TIER = 'instant' as const;

export interface DemoCharge {
  chargePerPhaseUc: number;
  chargePerSecondUc: number;
  maxDensityUcPerCm2: number;
  maxShannonK: number;
  flagged: boolean;
}

export function demoCharge(s: Scenario): DemoCharge {
  const dose = chargeDose(s.program);
  const { contacts } = contactChargeDensities(s.program, s.leads);
  return {
    chargePerPhaseUc: dose.chargePerPhaseUc,
    chargePerSecondUc: dose.chargePerSecondUc,
    maxDensityUcPerCm2: Math.max(0, ...contacts.map((c) => c.densityUcPerCm2)),
    maxShannonK: Math.max(-Infinity, ...contacts.map((c) => c.shannonK)),
    flagged: contacts.some((c) => c.exceedsDensityLimit || c.exceedsShannonLimit),
  };
}

/** The part of a run that replays exactly. */
export function replayable(scenario: Scenario, r: RunResult, charge: DemoCharge) {
  return {
    scenario,
    result: {
      kind: r.kind,
      resultVersion: r.resultVersion,
      scenarioName: r.scenarioName,
      therapy: r.therapy,
      tier: r.tier,
      populations: r.populations,
      field: {
        solver: r.field.solver,
        gridNodes: r.field.gridNodes,
        wavenumbers: r.field.wavenumbers,
        contacts: r.field.contacts,
        cacheKey: r.field.cacheKey,
      },
      notes: r.notes,
      model: r.provenance.model,
      settings: r.provenance.settings,
    },
    charge,
  };
}
