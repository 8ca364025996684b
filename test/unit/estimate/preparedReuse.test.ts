/**
 * The node potentials of a program depend on its contacts' weights and the lead's pose, not on
 * its amplitude, pulse width, rate or waveform: an edit of those reuses the fibres prepared
 * for the last estimate, a contact change prepares them anew, and either way the estimate is
 * the one a fresh cache gives.
 */
import { describe, expect, it } from 'vitest';
import {
  SamplingCache,
  prepareFibres,
  programWeights,
  runScenario,
  scenarioLeadFields,
  scenarioPopulations,
  PopulationCache,
} from '../../../models/estimate/index.ts';
import { defaultScenario } from '../../../models/scenario.ts';

describe('prepared fibres reused across edits that leave the field as it was', () => {
  it('same weights: the same fibres; other weights: new ones with other potentials', () => {
    const s = defaultScenario('SCS');
    const lf = scenarioLeadFields(s, { axialCanonical: true });
    const paths = scenarioPopulations(s)[0]!.paths;
    const cache = new SamplingCache();
    const w = programWeights(s, lf.keys);
    const a = prepareFibres(lf.fields, paths, w, lf.axialShiftMm, cache);
    expect(prepareFibres(lf.fields, paths, Float64Array.from(w), lf.axialShiftMm, cache)).toBe(a);
    const moved = Float64Array.from(w);
    moved.reverse();
    const b = prepareFibres(lf.fields, paths, moved, lf.axialShiftMm, cache);
    expect(b).not.toBe(a);
    expect(b[0]!.nodeVe).not.toEqual(a[0]!.nodeVe);
    // and back: prepared anew (only the last program is kept), equal to the first
    const c = prepareFibres(lf.fields, paths, w, lf.axialShiftMm, cache);
    expect(c[0]!.nodeVe).toEqual(a[0]!.nodeVe);
    // another axial shift is another field along the fibres
    expect(prepareFibres(lf.fields, paths, w, lf.axialShiftMm + 1, cache)).not.toBe(c);
  });

  it('a pulse-width edit gives the estimate a fresh cache gives', () => {
    const s = defaultScenario('SCS');
    const caches = { populations: new PopulationCache(), sampling: new SamplingCache() };
    runScenario(s, { tier: 'instant', contactTables: false, caches });
    s.program.pulseWidthUs = 450;
    const reused = runScenario(s, { tier: 'instant', contactTables: false, caches });
    const fresh = runScenario(s, {
      tier: 'instant',
      contactTables: false,
      caches: { populations: new PopulationCache(), sampling: new SamplingCache() },
    });
    expect(reused.populations.map((p) => p.thresholdsMa)).toEqual(
      fresh.populations.map((p) => p.thresholdsMa),
    );
  });
});
