/**
 * The instant tier's MRG table is what calibrate.ts computes: one row re-derived from the full
 * model (five point-source distances) matches the stored profile.
 */
import { describe, expect, it } from 'vitest';
import { calibrateProfile } from '../../../models/neuron/calibrate.ts';
import {
  MRG_INSTANT_D_UM,
  MRG_INSTANT_PROFILE,
  MRG_INSTANT_PW_US,
} from '../../../models/neuron/instantCalibration.ts';

describe('instant-tier calibration', () => {
  it('re-derives the stored MRG profile for 10 µm, 210 µs, cathodic within 1 %', () => {
    const stored =
      MRG_INSTANT_PROFILE.cathodic[MRG_INSTANT_D_UM.indexOf(10)]![MRG_INSTANT_PW_US.indexOf(210)]!;
    const fresh = calibrateProfile('mrg', 10, 210, 'cathodic');
    expect(fresh).toHaveLength(stored.length);
    fresh.forEach((p, i) => {
      const [rho, k] = stored[i]!;
      expect(Math.abs(p.rho / rho - 1)).toBeLessThan(0.001);
      expect(Math.abs(p.k / k - 1)).toBeLessThan(0.01);
    });
  });
});
