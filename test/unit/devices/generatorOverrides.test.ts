import { describe, expect, it } from 'vitest';
import { defaultScenario, parseScenario, type Scenario } from '../../../models/scenario.ts';
import {
  effectiveGenerator,
  findGenerator,
  LEAD_CATALOGUE,
  WAVEFORM_FAMILIES,
} from '../../../models/devices/index.ts';
import { checkProgram } from '../../../models/stimulation/checkProgram.ts';
import { safetyState } from '../../../models/estimate/safety.ts';
import { withGenerator } from '../../../src/planner/program/logic.ts';

describe("a plan's own generator limits (program.generatorOverrides)", () => {
  const s = defaultScenario('SCS');
  const catalogue = findGenerator(s.program.generatorId)!;

  it('without overrides the catalogue entry is used as it is', () => {
    expect(effectiveGenerator(s.program)).toBe(catalogue);
    expect(effectiveGenerator({ ...s.program, generatorOverrides: {} })).toBe(catalogue);
  });

  it('caps the top of each range in every waveform family and marks the value as entered', () => {
    const g = effectiveGenerator({
      ...s.program,
      generatorOverrides: { amplitudeMaxMa: 4, pulseWidthMaxUs: 300, complianceV: 9 },
    })!;
    let families = 0;
    for (const f of WAVEFORM_FAMILIES) {
      const env = g.envelopes[f];
      if (!env) continue;
      families++;
      expect(env.amplitudeMa.max).toBe(4);
      expect(env.amplitudeMa.min).toBeLessThanOrEqual(4);
      expect(env.pulseWidthUs.max).toBe(300);
      // the rate was not overridden: the catalogue's range stays
      expect(env.rateHz).toEqual(catalogue.envelopes[f]!.rateHz);
      expect(env.fieldProvenance?.amplitudeMa?.source).toMatch(/entered for this plan/);
      expect(env.fieldProvenance?.rateHz).toEqual(catalogue.envelopes[f]!.fieldProvenance?.rateHz);
    }
    expect(families).toBeGreaterThan(0);
    expect(g.complianceV).toBe(9);
    expect(g.provenance.complianceV!.source).toMatch(/entered for this plan/);
    // the catalogue itself is untouched
    expect(findGenerator(s.program.generatorId)!.complianceV).toBe(catalogue.complianceV);
  });

  it('the checks and the safety state use the entered limit', () => {
    const at = (amplitudeMa: number, amplitudeMaxMa?: number): Scenario => ({
      ...s,
      program: {
        ...s.program,
        amplitudeMa,
        ...(amplitudeMaxMa === undefined ? {} : { generatorOverrides: { amplitudeMaxMa } }),
      },
    });
    const codes = (x: Scenario) => safetyState(x, null).map((l) => l.code);
    expect(codes(at(5))).not.toContain('amplitude-above-max');
    expect(codes(at(5, 4))).toContain('amplitude-above-max');
    const p = at(5, 4).program;
    const f = checkProgram(p, s.leads, LEAD_CATALOGUE, effectiveGenerator(p)!).find(
      (x) => x.code === 'amplitude-above-max',
    );
    expect(f).toMatchObject({ severity: 'error', field: 'program.amplitudeMa' });
    expect(f?.limit?.value).toBe(4);
  });

  it('refuses a bad limit naming the field, and an unknown one', () => {
    const bad = parseScenario({
      ...s,
      program: { ...s.program, generatorOverrides: { amplitudeMaxMa: -2 } },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.issues.map((i) => i.path)).toContain('program.generatorOverrides.amplitudeMaxMa');
    const unknown = parseScenario({
      ...s,
      program: { ...s.program, generatorOverrides: { voltsMax: 3 } },
    });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok)
      expect(unknown.issues.map((i) => i.path).join(' ')).toMatch(/generatorOverrides/);
    const good = parseScenario({
      ...s,
      program: { ...s.program, generatorOverrides: { rateMaxHz: 1200 } },
    });
    expect(good.ok).toBe(true);
  });

  it('a new generator drops the limits entered for the old one', () => {
    const p = { ...s.program, generatorOverrides: { amplitudeMaxMa: 4 } };
    const other = findGenerator('bsc-wavewriter-alpha-16')!;
    expect(withGenerator(p, other).program.generatorOverrides).toBeUndefined();
  });
});
