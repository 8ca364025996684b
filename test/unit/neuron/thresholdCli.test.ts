import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe('neuromod threshold', () => {
  it('prints the threshold JSON for the reference case', async () => {
    const c = capture();
    const code = await main(
      ['threshold', '--model', 'mrg', '--diameter-um', '10', '--nodes', '21', '--distance-mm', '1',
        '--sigma-s-per-m', '0.2', '--waveform', 'mono-cathodic', '--pw-us', '210', '--passive-end-nodes'],
      c.io,
    ); // prettier-ignore
    expect(code).toBe(0);
    const r = JSON.parse(c.out.join('')) as Record<string, unknown>;
    // NEURON 8.2.2 with the same conventions: 79.93 µA (test/validation/neuron/neuron-reference)
    expect(Math.abs((r.thresholdMa as number) / 0.07993 - 1)).toBeLessThan(0.012);
    expect(r.apNodeIndex).toBe(18);
    expect(r.endExcitation).toBe(false);
    expect(r.simulations as number).toBeGreaterThan(2);
    expect(typeof r.elapsedMs).toBe('number');
  });

  it('runs a DRG neuron (stem, initial segment and soma on the T-junction) and a fibre with collaterals, as NEURON does', async () => {
    // NEURON 8.2.2 running the same branched models: test/validation/neuron/neuron-reference/mrg-branch.jsonl
    const run = async (extra: string[]) => {
      const c = capture();
      const code = await main(
        ['threshold', '--model', 'mrg-interp', '--sigma-s-per-m', '0.2', '--passive-end-nodes', ...extra],
        c.io,
      ); // prettier-ignore
      expect(code).toBe(0);
      return JSON.parse(c.out.join('')) as Record<string, unknown>;
    };
    const drg = await run(['--diameter-um', '10', '--nodes', '21', '--distance-mm', '0.5', '--pw-us', '100', '--drg-stem-um', '10']); // prettier-ignore
    expect(Math.abs((drg.thresholdMa as number) / 0.078174 - 1)).toBeLessThan(0.012);
    expect(drg.drgStem).toEqual({ diameterUm: 10 });
    const col = await run(['--diameter-um', '12', '--nodes', '31', '--distance-mm', '1', '--pw-us', '100', '--collaterals', '3,1500,4']); // prettier-ignore
    expect(Math.abs((col.thresholdMa as number) / 0.125684 - 1)).toBeLessThan(0.012);
    expect(col.collaterals).toEqual({ diameterUm: 3, lengthUm: 1500, everyNodes: 4 });
  });

  it('accepts an anisotropic medium and a source over the internode', async () => {
    const c = capture();
    const code = await main(
      ['threshold', '--diameter-um', '10', '--distance-mm', '1', '--sigma-xyz-s-per-m', '0.6,0.083,0.083',
        '--over', 'internode', '--waveform', 'biphasic-cathodic-first', '--pw-us', '100', '--interphase-us', '20'],
      c.io,
    ); // prettier-ignore
    expect(code).toBe(0);
    const r = JSON.parse(c.out.join('')) as Record<string, unknown>;
    expect(r.thresholdMa as number).toBeGreaterThan(0);
    expect(r.sigmaSPerM).toEqual([0.6, 0.083, 0.083]);
  });

  it.each([
    [['--diameter-um', '20'], /--diameter-um/],
    [['--model', 'mrg-interp', '--diameter-um', '1'], /--diameter-um/],
    [['--distance-mm', '-1'], /--distance-mm/],
    [['--distance-mm', '0'], /--distance-mm/],
    [['--pw-us', 'abc'], /--pw-us/],
    [['--model', 'hh'], /--model/],
    [['--waveform', 'square'], /--waveform/],
    [['--nodes', '2'], /--nodes/],
    [['--sigma-xyz-s-per-m', '1,2'], /--sigma-xyz-s-per-m/],
    [['--interphase-us', '10'], /--interphase-us/],
    [['--model', 'mcneal', '--drg-stem-um', '10'], /--drg-stem-um/],
    [['--collaterals', '3,1500'], /--collaterals/],
    [['--collaterals', '3,1500,0'], /--collaterals/],
    [['--model', 'mrg-interp', '--collaterals', '1,1500,1'], /collateral: MRG interpolation/],
    [['--model', 'mrg-interp', '--drg-stem-um', '10', '--nodes', '3'], /stem:/],
    [['--block', '--drg-stem-um', '10'], /--block/],
  ])('rejects %j with exit 2 naming the flag', async (args, pattern) => {
    const c = capture();
    const code = await main(['threshold', ...args], c.io);
    expect(code).toBe(2);
    expect(c.err.join('')).toMatch(pattern);
  });
});
