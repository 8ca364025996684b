import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';

describe('neuromod run --train-ms --ecap', () => {
  it('follows a 50 Hz tonic train on the most excitable fibres and records an ECAP on the other contacts', async () => {
    let out = '';
    const code = await main(
      [
        'run',
        'test/fixtures/scenario-scs-t8.json',
        '--train-ms',
        '45',
        '--ecap',
        '--fibres-per-population',
        '3',
      ],
      { out: (t) => (out += t), err: () => {} },
    );
    expect(code).toBe(0);
    const r = JSON.parse(out);
    // 50 Hz: pulses at 0, 20 and 40 ms in a 45 ms window
    expect(r.train.pulseStartsMs).toEqual([0, 20, 40]);
    const thresholds = new Map<string, number>();
    for (const p of r.populations) {
      const ts = p.thresholdsMa
        .filter((t: number | null) => t !== null)
        .sort((a: number, b: number) => a - b);
      thresholds.set(p.name, ts[0]);
    }
    for (const pop of r.train.populations) {
      expect(pop.fibres).toHaveLength(3);
      // the program's 3 mA is well above the most excitable fibres' thresholds: each pulse gives a spike
      if (thresholds.get(pop.name)! < 2)
        for (const f of pop.fibres) expect(f.spikesMs).toHaveLength(3);
    }
    // the stimulating contacts (3 and 4) do not record
    expect(r.ecap.recordingContacts.map((c: { contactIndex: number }) => c.contactIndex)).toEqual([
      0, 1, 2, 5, 6, 7,
    ]);
    expect(r.ecap.activatedFibres).toBeGreaterThan(0);
    expect(Math.max(...r.ecap.amplitudesUv)).toBeGreaterThan(0);
  }, 120_000);

  it('names a bad --train-ms', async () => {
    let err = '';
    const code = await main(['run', 'test/fixtures/scenario-scs-t8.json', '--train-ms', '5000'], {
      out: () => {},
      err: (t) => (err += t),
    });
    expect(code).toBe(2);
    expect(err).toMatch(/--train-ms must be a number from 0 to 2000/);
  });
});
