/**
 * The ECAP of the planner's "In time" view (models/scenarioResponse.ts): the simulated fibres of
 * the dorsal columns scaled to the fibres they stand for (Feirabend et al. 2002 density ×
 * the sampled layer, models/response/ecap.ts dcFibresInRegion). Reference: recorded SCS ECAPs
 * are tens of µV (EVOKE trial, JAMA Neurol: closed loop held the ECAP within 3.0 µV of target
 * against 66.4 µV deviation open loop; research/models.md §ECAP), the closed-loop window the
 * app assumes is 10–40 µV. Criterion: at the default plan's program (bipole, 210 µs) at about
 * twice the modelled perception threshold the largest N1–P2 lies in 10–100 µV, and the ECAP
 * grows with amplitude.
 */
import { describe, expect, it } from 'vitest';
import { ecapFeatures } from '../../../models/response/ecap.ts';
import { scenarioResponse } from '../../../models/scenarioResponse.ts';
import { defaultScenario } from '../../../models/scenario.ts';

const at = (mA: number) => {
  const s = defaultScenario('SCS');
  return scenarioResponse(
    { ...s, program: { ...s.program, amplitudeMa: mA } },
    { ecap: true, fibresPerPopulation: 6 },
  );
};

describe('scenario ECAP scaled to the dorsal-column population', () => {
  it('default SCS plan at 5 mA (≈ 2× the modelled perception threshold): largest N1–P2 in the tens of µV, and larger than at 3 mA', async () => {
    const r5 = (await at(5)).ecap!;
    const r3 = (await at(3)).ecap!;
    const best5 = Math.max(...r5.amplitudesUv);
    const best3 = Math.max(...r3.amplitudesUv);
    expect(best5).toBeGreaterThanOrEqual(10);
    expect(best5).toBeLessThanOrEqual(100);
    expect(best3).toBeLessThan(best5);
    const dc = r5.scaling.find((p) => p.population === 'dorsal columns')!;
    expect(dc.representsFibres).toBeGreaterThan(1000);
    expect(dc.firingFibres).toBeGreaterThan(0);
    expect(dc.firingFibres!).toBeLessThanOrEqual(dc.representsFibres!);
    // each simulated fibre counts for (real / modelled) × (modelled firing / simulated firing)
    expect(dc.weight).toBeGreaterThan(1);
    for (const p of r5.scaling.filter((q) => q.population !== 'dorsal columns'))
      expect(p.weight).toBe(1);
    // the caption's count and the trace agree: fibres fire, so there is an ECAP
    expect(r5.activatedFibres).toBeGreaterThan(0);
    expect(best5).toBeGreaterThan(0);
  }, 300_000);

  it('an ECAP seen inverted (all values positive after the stimulus) still has an N1–P2 amplitude', () => {
    const t = Float64Array.from({ length: 100 }, (_, i) => i * 0.02);
    const trace = Float64Array.from(t, (x) => 5 + 3 * Math.sin(2 * Math.PI * x)); // 2–8 µV
    const f = ecapFeatures(trace, t, 0.1);
    expect(f.amplitudeUv).toBeCloseTo(6, 1);
    expect(f.n1Uv).toBeCloseTo(2, 1);
  });
});
