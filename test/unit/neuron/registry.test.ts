import { describe, expect, it } from 'vitest';
import { buildFiber, diameterProblem } from '../../../models/neuron/build.ts';
import { defineFiberModel } from '../../../models/neuron/fiberModel.ts';
import { buildMcNeal } from '../../../models/neuron/mcneal.ts';
import {
  FIBER_MODELS,
  FIBER_MODEL_SPECS,
  POPULATION_FIBER_MODELS,
  createFiberRegistry,
} from '../../../models/neuron/registry.ts';
import { ModelSettingsSchema } from '../../../models/scenario.ts';
import { THRESHOLD_FLAGS } from '../../../src/cli/threshold/flags.ts';
import { TrainFiberSchema } from '../../../models/response/paradigm.ts';

describe('fibre-model registry', () => {
  it('is the one list behind the scenario enum, the CLI choices and the train request', () => {
    expect([...FIBER_MODELS]).toEqual(FIBER_MODEL_SPECS.map((s) => s.id));
    expect(THRESHOLD_FLAGS.find((f) => f.name === 'model')?.choices).toEqual(FIBER_MODELS);
    expect(TrainFiberSchema.shape.model.options).toEqual([...FIBER_MODELS]);
    const popIds = FIBER_MODEL_SPECS.filter((s) => s.populationRole === 'myelinated').map(
      (s) => s.id,
    );
    expect([...POPULATION_FIBER_MODELS]).toEqual(popIds);
    expect(ModelSettingsSchema.shape.fibreModel.unwrap().options).toEqual(popIds);
    // every population model needs the instant tier
    for (const id of popIds)
      expect(FIBER_MODEL_SPECS.find((s) => s.id === id)?.instantCalibration).not.toBeNull();
  });

  it('keeps the models’ own range messages and branch refusals', () => {
    // McIntyre 2002 table: 5.7 µm is tabulated, 6 µm is not
    expect(diameterProblem('mrg', 5.7)).toBeUndefined();
    expect(diameterProblem('mrg', 6)).toMatch(/tabulated diameter/);
    expect(diameterProblem('c-fiber', 5)).toBe('c-fiber is defined for 0.1–3 µm');
    expect(() => buildFiber('mcneal', 10, { nodeCount: 11, stem: { diameterUm: 10 } })).toThrow(
      /no DRG stem model/,
    );
  });

  it('takes a new model as one spec: built, range-checked and branch-checked from it alone', () => {
    const fixture = defineFiberModel({
      id: 'test-fh',
      label: 'test model',
      myelinated: true,
      diameter: { minUm: 4, maxUm: 6, source: 'test fixture' },
      build: (d, o) => buildMcNeal(d, o),
      internodeLengthUm: (d) => 100 * d,
      mechanisms: [{ region: 'nodes', mechanism: 'FH' }],
      branches: { collaterals: false, stem: false },
      instantCalibration: null,
      populationRole: null,
      citation: 'fixture',
    });
    const reg = createFiberRegistry([...FIBER_MODEL_SPECS, fixture]);
    expect(reg.ids).toContain('test-fh');
    expect(reg.diameterProblem('test-fh', 8)).toBe('test-fh is defined for 4–6 µm');
    // Reilly 2016 SENN geometry: node spacing 100·D
    expect(reg.buildFiber('test-fh', 5, { nodeCount: 5 }).internodeLengthUm).toBe(500);
    expect(() => reg.buildFiber('test-fh', 5, { nodeCount: 5, stem: { diameterUm: 5 } })).toThrow(
      /test-fh fibres have no DRG stem model/,
    );
    expect(() => createFiberRegistry([fixture, fixture])).toThrow(/registered twice/);
  });
});
