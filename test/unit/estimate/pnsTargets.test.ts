/**
 * PNS by target: every preset names its nerve, gives each fascicle an identity, and splits its
 * fibres into a sensory and a motor population (models/anatomy/nerve.ts, therapies/pns.ts).
 */
import { describe, expect, it } from 'vitest';
import { NERVE_PRESETS, nerveComposition, resolveNerve } from '../../../models/anatomy/nerve.ts';
import { motorThreshold } from '../../../models/estimate/motorThreshold.ts';
import type { PopulationResult, RunResult } from '../../../models/estimate/run.ts';
import {
  fibresPerFascicle,
  MIXED_MOTOR_SHARE,
  PNS_MOTOR_ID,
  PNS_SENSORY_ID,
  pnsTherapy,
} from '../../../models/estimate/therapies/pns.ts';
import { defaultScenario, parseScenario, PNS_TARGETS } from '../../../models/scenario.ts';

describe('PNS targets', () => {
  it('every target has a preset with one identity per fascicle and a label in words', () => {
    for (const t of PNS_TARGETS) {
      const p = NERVE_PRESETS[t];
      expect(p.fascicleIdentities).toHaveLength(p.fascicleCount);
      expect(p.label).toMatch(/nerve|branch/);
      const r = resolveNerve({ target: t });
      expect(r.fascicles.map((f) => f.identity)).toEqual(p.fascicleIdentities);
    }
  });

  it('the sensory nerves say so; the medial branch is mixed (multifidus, clinical.md §4.3)', () => {
    expect(nerveComposition('greater-occipital')).toBe('sensory');
    expect(nerveComposition('saphenous-genicular')).toBe('sensory');
    expect(nerveComposition('lumbar-medial-branch')).toBe('mixed');
    expect(nerveComposition('femoral')).toBe('mixed');
  });

  it("a version-1 plan on 'sciatic' still parses, as the subgluteal sciatic", () => {
    const old = JSON.parse(JSON.stringify(defaultScenario('PNS'))) as Record<string, unknown>;
    const r = parseScenario(old);
    expect(r.ok).toBe(true);
    if (r.ok && r.value.anatomy.kind === 'nerve') {
      expect(r.value.anatomy.target).toBe('sciatic');
      expect(NERVE_PRESETS[r.value.anatomy.target].label).toContain('subgluteal');
    }
  });

  it('an unknown target is refused, naming the field', () => {
    const s = JSON.parse(JSON.stringify(defaultScenario('PNS'))) as {
      anatomy: { target: string };
    };
    s.anatomy.target = 'vagus';
    const r = parseScenario(s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.path).toBe('anatomy.target');
  });
});

describe('sensory and motor populations', () => {
  it('a mixed nerve gives pns-sensory (Aβ, Aδ, C) and pns-motor (Aα, γ), n fibres each', () => {
    const pops = pnsTherapy.populations(resolveNerve({ target: 'femoral' }), 120, 3);
    expect(pops.map((p) => p.id)).toEqual([PNS_SENSORY_ID, PNS_MOTOR_ID]);
    const [sensory, motor] = pops;
    expect(sensory!.paths).toHaveLength(120);
    expect(motor!.paths).toHaveLength(120);
    expect(new Set(sensory!.paths.map((f) => f.type))).toEqual(new Set(['Aβ', 'Aδ', 'C']));
    expect(new Set(motor!.paths.map((f) => f.type))).toEqual(new Set(['Aα', 'Aγ']));
    // fibre ids are unique within a population
    expect(new Set(motor!.paths.map((f) => f.id)).size).toBe(120);
  });

  it('motor fibres sit only in motor and mixed fascicles, sensory only in sensory and mixed', () => {
    const r = resolveNerve({ target: 'femoral' });
    const motor = fibresPerFascicle(r.fascicles, 'motor', 200);
    const sensory = fibresPerFascicle(r.fascicles, 'sensory', 200);
    r.fascicles.forEach((f, i) => {
      if (f.identity === 'sensory') expect(motor[i]).toBe(0);
      if (f.identity === 'motor') expect(sensory[i]).toBe(0);
    });
    expect(motor.reduce((a, b) => a + b, 0)).toBe(200);
    expect(sensory.reduce((a, b) => a + b, 0)).toBe(200);
  });

  it('a mixed fascicle holds 6/77 as many motor fibres per area as a motor one (rat sciatic proxy)', () => {
    const one = (identity: 'motor' | 'mixed') => ({
      centreUMm: 0,
      centreVMm: 0,
      diameterMm: 1,
      perineuriumThicknessMm: 0.05,
      identity,
    });
    const c = fibresPerFascicle([one('motor'), one('mixed')], 'motor', 10000);
    expect(c[1]! / c[0]!).toBeCloseTo(MIXED_MOTOR_SHARE, 3);
  });

  it('a purely sensory nerve has no motor population, and the motor threshold says why', () => {
    const pops = pnsTherapy.populations(resolveNerve({ target: 'greater-occipital' }), 50, 1);
    expect(pops.map((p) => p.id)).toEqual([PNS_SENSORY_ID]);
    const result = { therapy: 'PNS', tier: 'full', populations: [] } as unknown as RunResult;
    const m = motorThreshold(result);
    expect(m.modelled).toBe(false);
    if (!m.modelled) expect(m.reason).toMatch(/purely sensory/);
  });

  it('the motor threshold is the first and the 10th-percentile motor fibre', () => {
    const thresholdsMa = [5, 1, null, 3, 2, 4, 6, 7, 8, 9, 10, 11]; // 12 fibres: 10 % → the 2nd
    const motor = {
      id: PNS_MOTOR_ID,
      thresholdsMa,
      activated: thresholdsMa.map((t) => t !== null && t <= 1.5),
    } as PopulationResult;
    const m = motorThreshold({
      therapy: 'PNS',
      tier: 'full',
      populations: [motor],
    } as unknown as RunResult);
    expect(m).toEqual({
      modelled: true,
      fibres: 12,
      firstMa: 1,
      tenPercentMa: 2,
      firesAtProgram: true,
      tier: 'full',
    });
  });
});
