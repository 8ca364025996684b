import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { defaultScenario } from '../../../models/scenario.ts';

const dir = mkdtempSync(join(tmpdir(), 'neuromod-field-'));
const points = join(dir, 'points.csv');
writeFileSync(points, 'x_mm,y_mm,z_mm\n2,0,1\n0,3,-2\n4,4,4\n');

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => void out.push(t), err: (t) => void err.push(t) });
  return { code, out: out.join(''), err: err.join('') };
}

describe('neuromod field', () => {
  it('two-layer medium: numerical matches the image method within 3 % from the command line', async () => {
    const common = [
      'field',
      '--medium',
      'two-layer',
      '--sigma-s-per-m',
      '1.7,0.6',
      '--source-mm',
      '0,0,1',
      '--points',
      points,
    ];
    const num = await run([...common, '--solver', 'numerical']);
    const ana = await run([...common, '--solver', 'analytic']);
    expect(num.code).toBe(0);
    const a = JSON.parse(ana.out).potentialsMvPerMa as number[];
    const n = JSON.parse(num.out).potentialsMvPerMa as number[];
    expect(n).toHaveLength(3);
    n.forEach((v, i) => expect(Math.abs(v / a[i]! - 1)).toBeLessThan(0.03));
    expect(JSON.parse(num.out).solver).toBe('numerical');
  });

  it('rejects bad input with exit 2 and names the parameter, before any solve', async () => {
    const neg = await run([
      'field',
      '--medium',
      'two-layer',
      '--sigma-s-per-m',
      '1.7,-0.6',
      '--source-mm',
      '0,0,1',
      '--points',
      points,
    ]);
    expect(neg.code).toBe(2);
    expect(neg.err).toMatch(/--sigma-s-per-m/);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'x_mm,y_mm,z_mm\n1,2,oops\n');
    const csv = await run([
      'field',
      '--medium',
      'homogeneous',
      '--sigma-s-per-m',
      '0.2',
      '--source-mm',
      '0,0,0',
      '--points',
      bad,
    ]);
    expect(csv.code).toBe(2);
    expect(csv.err).toMatch(/line 2: z_mm must be a number/);
    const ring = await run([
      'field',
      '--medium',
      'two-layer',
      '--sigma-s-per-m',
      '1.7,0.6',
      '--source-mm',
      '0,0,0.5',
      '--contact',
      'ring',
      '--diameter-mm',
      '1.3',
      '--length-mm',
      '3',
      '--points',
      points,
    ]);
    expect(ring.code).toBe(2);
    expect(ring.err).toMatch(/crosses the layer interface/);
    const s = defaultScenario('SCS') as unknown as { anatomy: { level: string } };
    s.anatomy.level = 'T13';
    const sc = join(dir, 'level.json');
    writeFileSync(sc, JSON.stringify(s));
    const level = await run(['field', sc, '--points', points]);
    expect(level.code).toBe(2);
    expect(level.err).toMatch(/anatomy\.level/);
    const inCord = defaultScenario('SCS');
    inCord.leads[0]!.tipMm.yMm = 0;
    const cordFile = join(dir, 'cord.json');
    writeFileSync(cordFile, JSON.stringify(inCord));
    const cord = await run(['field', cordFile, '--points', points]);
    expect(cord.code).toBe(2);
    expect(cord.err).toMatch(
      /leads\.0\.tipMm: contact 0 of lead "lead-1" lies inside the spinal cord/,
    );
  });
});
