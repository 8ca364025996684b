/**
 * A search without a guess that starts at its ceiling (ThresholdOptions.ceilingFirst, used by
 * population runs for models without an instant tier, the C fibres): a fibre silent up to the
 * ceiling costs one simulation, and a fibre that fires below it gets the threshold the
 * climbing search finds (within the 1 % bracket).
 */
import { describe, expect, it } from 'vitest';
import { buildCFiber } from '../../../models/neuron/cFiber.ts';
import { pointSourceField } from '../../../models/neuron/extracellular.ts';
import { findThreshold } from '../../../models/neuron/threshold.ts';

const W = { kind: 'mono-cathodic', pulseWidthUs: 300 } as const;
const fibre = buildCFiber(1, { nodeCount: 241, passiveEndNodes: 1 });

describe('ceiling-first threshold search (C fibre, point source, σ 0.2 S/m)', () => {
  it('a fibre silent up to the ceiling: one simulation, not activated', () => {
    const ve = pointSourceField(fibre, { distanceMm: 3, sigmaSPerM: 0.2 });
    const climbing = findThreshold(fibre, ve, W, { maxAmplitudeMa: 2 });
    const first = findThreshold(fibre, ve, W, { maxAmplitudeMa: 2, ceilingFirst: true });
    expect(climbing.activated).toBe(false);
    expect(first.activated).toBe(false);
    expect(first.simulations).toBe(1);
    expect(climbing.simulations).toBeGreaterThan(4);
  });

  it('a fibre that fires below the ceiling: the same threshold as the climbing search', () => {
    const ve = pointSourceField(fibre, { distanceMm: 0.3, sigmaSPerM: 0.2 });
    const climbing = findThreshold(fibre, ve, W, { maxAmplitudeMa: 20 });
    const first = findThreshold(fibre, ve, W, { maxAmplitudeMa: 20, ceilingFirst: true });
    expect(climbing.activated).toBe(true);
    expect(first.activated).toBe(true);
    // both report the upper end of a bracket narrower than 1 %
    expect(Math.abs(first.thresholdMa / climbing.thresholdMa - 1)).toBeLessThan(0.01);
    expect(first.floorMa).toBeLessThan(first.thresholdMa);
    expect(first.floorMa).toBeGreaterThan(first.thresholdMa * 0.99);
  });
});
