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

  it('--source-mm puts a 1 mA point source anywhere in the scenario anatomy: potentials obey reciprocity (φ_A at B = φ_B at A within 1 %)', async () => {
    // reciprocity theorem for a linear resistive medium (Plonsey & Barr, Bioelectricity)
    const file = join(dir, 'scs.json');
    writeFileSync(file, JSON.stringify(defaultScenario('SCS')));
    const a = [1, 8.5, 0]; // epidural fat over the T8 dura (dura at y ≈ 7.33 mm)
    const b = [-1, 2.5, 4]; // dorsal white matter, 4 mm along the cord
    const at = (p: number[]) => {
      const f = join(dir, `at-${p.join('_')}.csv`);
      writeFileSync(f, `x_mm,y_mm,z_mm\n${p.join(',')}\n`);
      return f;
    };
    // the = form: a value starting with a minus sign would read as a flag
    const ab = await run(['field', file, `--source-mm=${a.join(',')}`, '--points', at(b)]);
    const ba = await run(['field', file, `--source-mm=${b.join(',')}`, '--points', at(a)]);
    expect(ab.code).toBe(0);
    const outAb = JSON.parse(ab.out);
    expect(outAb.source.region).toBe('epidural space');
    expect(outAb.gridScale).toBe(1);
    const vAb = outAb.potentialsMvPerMa[0] as number;
    const vBa = JSON.parse(ba.out).potentialsMvPerMa[0] as number;
    expect(vAb).toBeGreaterThan(0);
    expect(Math.abs(vAb / vBa - 1)).toBeLessThan(0.01);
  }, 30_000);

  it('--grid-scale refines the grid: the two-layer medium at 0.7× spacing uses more nodes and still matches the images within 3 %', async () => {
    // expected values: the method of images (Rush & Driscoll 1968), as in the first test
    const args = ['field', '--medium', 'two-layer', '--sigma-s-per-m', '1.7,0.6'];
    const at = [...args, '--source-mm', '0,0,1', '--points', points];
    const finer = await run([...at, '--grid-scale', '0.7']);
    const normal = await run(at);
    const ana = await run([...at, '--solver', 'analytic']);
    expect(finer.code).toBe(0);
    const out = JSON.parse(finer.out);
    expect(out.gridScale).toBe(0.7);
    expect(out.gridNodes).toBeGreaterThan(JSON.parse(normal.out).gridNodes);
    const a = JSON.parse(ana.out).potentialsMvPerMa as number[];
    (out.potentialsMvPerMa as number[]).forEach((v, i) =>
      expect(Math.abs(v / a[i]! - 1)).toBeLessThan(0.03),
    );
  }, 30_000);

  it('--source-mm and --grid-scale: bad values exit 2 and name the flag', async () => {
    const file = join(dir, 'scs-bad.json');
    writeFileSync(file, JSON.stringify(defaultScenario('SCS')));
    const cases: [string[], RegExp][] = [
      [['--source-mm', '1,2'], /--source-mm needs 3 comma-separated numbers/],
      [['--source-mm', '1,x,2'], /--source-mm must be a number/],
      [['--source-mm', '0,500,0'], /--source-mm: .* lies outside the modelled section/],
      [['--grid-scale', 'fine'], /--grid-scale must be a number/],
      [['--grid-scale', '0'], /--grid-scale must lie between 0.2 and 4/],
      [['--grid-scale', '10'], /--grid-scale must lie between 0.2 and 4/],
    ];
    for (const [flags, message] of cases) {
      const r = await run(['field', file, ...flags, '--points', points]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
    }
  });
});
