import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

describe('neuromod threshold --block', () => {
  it('PyFibers kHz block: MRG 10 µm interpolated, 25 nodes, 250 µm, 20 kHz square → 53.9 µA (±5 %)', async () => {
    // expected value: PyFibers test suite, block threshold (../shared/research/models.md §7)
    const r = await run([
      'threshold', '--block', '--model', 'mrg-interp', '--diameter-um', '10', '--nodes', '25',
      '--distance-mm', '0.25', '--sigma-s-per-m', '0.2', '--waveform', 'khz-square',
      '--frequency-hz', '20000', '--passive-end-nodes',
    ]); // prettier-ignore
    expect(r.code).toBe(0);
    const body = JSON.parse(r.out);
    expect(body.condition).toBe('block');
    expect(body.thresholdMa * 1000).toBeGreaterThan(53.9 * 0.95);
    expect(body.thresholdMa * 1000).toBeLessThan(53.9 * 1.05);
    expect(body.simulations).toBeGreaterThan(1);
  }, 120_000);

  it('refuses flags that do not apply to a block search, naming them', async () => {
    const r = await run(['threshold', '--block', '--pw-us', '30']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--pw-us and --interphase-us do not apply to --block/);
    const w = await run(['threshold', '--block', '--waveform', 'mono-anodic']);
    expect(w.code).toBe(2);
    expect(w.err).toMatch(/waveform/);
  });
});
