/**
 * Population thresholds are the lowest firing amplitudes: for a sample of fibres from each
 * default population (SCS dorsal columns and dorsal roots, DRG neurons with stem and soma, PNS
 * fascicle fibres), the full tier's threshold matches an exhaustive amplitude scan of the same
 * fibre (same field, same trial settings) from a fixed floor up to the therapy's window-scan top,
 * and the windows both report agree. Long pulses (1000 µs) too, where windows would appear.
 */
import { describe, expect, it } from 'vitest';
import { instantThresholdFromNodes } from '../../../models/neuron/instant.ts';
import {
  POPULATION_DT_AFTER_STIM_US,
  POPULATION_PROPAGATED_AP_NODES,
  fullPopulationThresholds,
} from '../../../models/neuron/populationRun.ts';
import { FiberSession } from '../../../models/neuron/simulate.ts';
import { sampleWaveform } from '../../../models/neuron/waveform.ts';
import {
  WINDOW_SCAN_TO_MA,
  prepareFibres,
  programWaveform,
  programWeights,
  scenarioLeadFields,
  scenarioPopulations,
} from '../../../models/estimate/index.ts';
import { defaultScenario, type Scenario } from '../../../models/scenario.ts';

const SCAN_STEP = 1.1; // our choice: finer than the full tier's ×1.5 window scan
const SCAN_FLOOR_MA = 0.02; // below every default population's lowest threshold (≥ 0.1 mA)

function scanned(s: Scenario) {
  const lf = scenarioLeadFields(s, { axialCanonical: true });
  const weights = programWeights(s, lf.keys);
  const { spec } = programWaveform(s);
  const top = WINDOW_SCAN_TO_MA[s.therapy];
  return scenarioPopulations(s).map((pop) => {
    const prepared = prepareFibres(lf.fields, pop.paths, weights, lf.axialShiftMm);
    // the two most excitable fibres and the quartile (by the instant tier, which runs up to 2×
    // high on fascicle fibres), myelinated only
    const order = prepared
      .map((p, i) => [
        instantThresholdFromNodes(p.fiber.model, p.fiber.diameterUm, p.nodeVe, spec),
        i,
      ])
      .filter(([g]) => Number.isFinite(g) && (g as number) < 2 * top)
      .sort((a, b) => (a[0] as number) - (b[0] as number))
      .map(([, i]) => i as number);
    const pick = [...new Set([order[0], order[1], order[Math.floor(order.length / 4)]])].filter(
      (i): i is number => i !== undefined,
    );
    const sample = pick.map((i) => prepared[i]!);
    const full = fullPopulationThresholds(sample, spec, { windowScanToMa: top });
    const rows = sample.map((p, k) => {
      const session = new FiberSession(p.fiber);
      const samples = sampleWaveform(spec, 5);
      const opts = {
        dtUs: 5,
        tstopMs: (samples.length * 5) / 1000 + 15,
        dtAfterStimUs: POPULATION_DT_AFTER_STIM_US,
        propagatedApNodes: POPULATION_PROPAGATED_AP_NODES,
        stopOnAp: true,
        stopWhenQuiet: true,
      };
      const grid: Array<[number, boolean]> = [];
      for (let a = SCAN_FLOOR_MA; a <= top; a *= SCAN_STEP) {
        grid.push([a, session.run(p.veUnitMv, a, samples, opts).ap]);
      }
      const first = grid.findIndex(([, f]) => f);
      const quietAbove = first >= 0 && grid.slice(first).some(([, f]) => !f);
      return {
        name: pop.name,
        thresholdMa: full.thresholdsMa[k]!,
        window: full.windows[k] ?? null,
        scanFirstMa: first >= 0 ? grid[first]![0] : Infinity,
        scanLastQuietMa: first > 0 ? grid[first - 1]![0] : first === 0 ? 0 : top,
        scanQuietAbove: quietAbove,
      };
    });
    return { name: pop.name, rows };
  });
}

function plan(therapy: Scenario['therapy'], pulseWidthUs?: number): Scenario {
  const s = defaultScenario(therapy);
  if (pulseWidthUs !== undefined) s.program.pulseWidthUs = pulseWidthUs;
  return s;
}

describe.each([
  ['SCS T8, 210 µs', plan('SCS')],
  ['SCS T8, 1000 µs', plan('SCS', 1000)],
  ['DRG L5, 300 µs', plan('DRG')],
  ['DRG L5, 1000 µs', plan('DRG', 1000)],
  ['PNS, 1000 µs', plan('PNS', 1000)],
])('%s: population thresholds against an exhaustive scan', (_n, s) => {
  const pops = scanned(s);
  it('samples fibres of most populations, some firing below the scan top', () => {
    const sampled = pops.filter((p) => p.rows.length > 0);
    expect(sampled.length / pops.length).toBeGreaterThanOrEqual(0.5);
    expect(
      pops.flatMap((p) => p.rows).filter((r) => Number.isFinite(r.scanFirstMa)).length,
    ).toBeGreaterThanOrEqual(3);
  });
  it.each(pops.map((p) => [p.name, p] as const))('%s', (_p, pop) => {
    for (const r of pop.rows) {
      // the lowest firing grid amplitude bounds the threshold from above (plus the 1 % bracket),
      // the quiet grid amplitude below it from below
      expect(r.thresholdMa).toBeLessThanOrEqual(r.scanFirstMa * 1.01);
      expect(r.thresholdMa).toBeGreaterThan(r.scanLastQuietMa);
      expect(r.window !== null).toBe(r.scanQuietAbove);
    }
  });
});
