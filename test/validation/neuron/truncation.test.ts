/**
 * The full tier simulates each fibre on the stretch its program drives (models/neuron/
 * truncate.ts), and the answer is the whole fibre's: on the default SCS, DRG and PNS plans, with
 * their 210–300 µs pulses and with 1000 µs pulses, every sampled fibre's threshold is within the
 * search's own 1 % bracket of the whole fibre's (the same seeded search, the same window scan
 * and ceiling as models/estimate/run.ts), and the windows both report agree. The cut has to
 * matter where the time goes: the long unmyelinated and Aδ fibres of the PNS and DRG plans.
 */
import { describe, expect, it } from 'vitest';
import { fullPopulationThresholds } from '../../../models/neuron/populationRun.ts';
import {
  SEARCH_CEILING_MULTIPLE,
  WINDOW_SCAN_TO_MA,
  prepareFibres,
  programWaveform,
  programWeights,
  scenarioLeadFields,
  scenarioPopulations,
} from '../../../models/estimate/index.ts';
import { defaultScenario, type Therapy } from '../../../models/scenario.ts';

const EVERY = 8; // every 8th fibre of each population (25 of 200)
const TOLERANCE = 0.01; // the search's bracket (PyFibers termination_tolerance 1 %)

function compare(therapy: Therapy, pulseWidthUs?: number) {
  const s = defaultScenario(therapy);
  if (pulseWidthUs !== undefined) s.program.pulseWidthUs = pulseWidthUs;
  const lf = scenarioLeadFields(s, { axialCanonical: true });
  const weights = programWeights(s, lf.keys);
  const { spec } = programWaveform(s);
  const scanTo = WINDOW_SCAN_TO_MA[therapy];
  return scenarioPopulations(s).map((pop) => {
    const prepared = prepareFibres(lf.fields, pop.paths, weights, lf.axialShiftMm).filter(
      (_p, i) => i % EVERY === 0,
    );
    const base = {
      dtUs: s.model.dtUs,
      windowScanToMa: scanTo,
      maxAmplitudeMa: scanTo * SEARCH_CEILING_MULTIPLE,
    };
    const whole = fullPopulationThresholds(prepared, spec, base);
    const stats = { cut: 0, repeated: 0, compartmentsBefore: 0, compartmentsAfter: 0 };
    const cut = fullPopulationThresholds(prepared, spec, {
      ...base,
      truncate: {},
      truncationStats: stats,
    });
    let worst = 0;
    let windowMismatches = 0;
    let windows = 0;
    for (let i = 0; i < prepared.length; i++) {
      const a = whole.thresholdsMa[i]!;
      const b = cut.thresholdsMa[i]!;
      const e = a === b ? 0 : Math.abs(b / a - 1);
      if (!(e <= worst)) worst = e; // NaN (one finite, one not) counts as the worst
      const wa = whole.windows[i];
      const wb = cut.windows[i];
      if (wa) windows++;
      if (!wa !== !wb) windowMismatches++;
      else if (wa && wb && Math.abs(wb.quietFromMa / wa.quietFromMa - 1) > 0.1) windowMismatches++;
    }
    return { id: pop.id, fibres: prepared.length, worst, windows, windowMismatches, stats };
  });
}

describe('fibres cut to the stretch the program drives', () => {
  for (const [therapy, pw] of [
    ['SCS', undefined],
    ['DRG', undefined],
    ['PNS', undefined],
    ['DRG', 1000],
    ['PNS', 1000],
  ] as const) {
    it(`${therapy} default plan${pw ? `, ${pw} µs pulses` : ''}: thresholds within 1 % of whole fibres, same windows`, () => {
      const rows = compare(therapy, pw);
      for (const r of rows) {
        expect(r.worst, `${r.id}: worst relative threshold difference`).toBeLessThanOrEqual(
          TOLERANCE,
        );
        expect(r.windowMismatches, `${r.id}: windows differing`).toBe(0);
        expect(r.stats.cut, r.id).toBeLessThanOrEqual(r.fibres);
      }
      if (therapy === 'PNS') {
        // the sensory fascicle's C fibres run the length of the nerve: most of it is cut away
        const sensory = rows.find((r) => r.id === 'pns-sensory')!;
        expect(sensory.stats.cut).toBeGreaterThan(sensory.fibres / 4);
        expect(sensory.stats.compartmentsAfter).toBeLessThan(
          0.5 * sensory.stats.compartmentsBefore,
        );
      }
      if (therapy === 'DRG') {
        const adelta = rows.find((r) => r.id === 'drg-adelta')!;
        expect(adelta.stats.cut).toBeGreaterThan(adelta.fibres / 2);
        expect(adelta.stats.compartmentsAfter).toBeLessThan(0.85 * adelta.stats.compartmentsBefore);
      }
    });
  }
});
