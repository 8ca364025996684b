/**
 * `neuromod run` on a PNS plan prints the sensory and motor populations and the motor threshold
 * (models/estimate/motorThreshold.ts) beside them.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main.ts';
import { withAnatomy } from '../../../models/estimate/placement.ts';
import { defaultScenario } from '../../../models/scenario.ts';

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

describe('neuromod run, PNS', () => {
  it('the femoral plan reports pns-sensory, pns-motor and its motor threshold', async () => {
    const base = defaultScenario('PNS');
    const s = withAnatomy(
      { ...base, model: { ...base.model, fibresPerPopulation: 20 } },
      { kind: 'nerve', target: 'femoral' },
    );
    const file = join(mkdtempSync(join(tmpdir(), 'pns-')), 'femoral.json');
    writeFileSync(file, JSON.stringify(s));
    const r = await run(['run', file, '--tier', 'instant']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as {
      populations: { id: string; fibreCount: number; thresholdsMa: (number | null)[] }[];
      motorThreshold: { modelled: boolean; fibres: number; firstMa: number; tier: string };
    };
    expect(out.populations.map((p) => p.id)).toEqual(['pns-sensory', 'pns-motor']);
    const motor = out.populations[1]!;
    const lowest = Math.min(...motor.thresholdsMa.filter((t): t is number => t !== null));
    expect(out.motorThreshold).toMatchObject({ modelled: true, fibres: 20, tier: 'instant' });
    expect(out.motorThreshold.firstMa).toBe(lowest);
  }, 120_000);
});
