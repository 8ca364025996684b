/**
 * `neuromod threshold --cases`, the search's floor and windows in the JSON, and the named
 * conductivity axes. Expected thresholds are NEURON 8.2.2 runs of the same cases
 * (test/validation/neuron/neuron-reference/mrg-grid.jsonl; issue 13 for the near-electrode case).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { THRESHOLD_FLAGS } from '../../../src/cli/threshold/flags.ts';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function csvFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'neuromod-cases-'));
  dirs.push(dir);
  const file = join(dir, 'cases.csv');
  writeFileSync(file, text);
  return file;
}

const lines = (out: string) =>
  out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const NEURON_REFERENCE_MA = 0.07993; // 10 µm, 21 nodes, 1 mm, 210 µs cathodic (mrg-grid.jsonl)
const NEURON_NEAR_MA = 0.00336; // 8.7 µm, 0.1 mm, 1000 µs cathodic, passive ends (issue 13)

describe('neuromod threshold --cases', () => {
  it('prints one JSON line per row in order; a bad row gets an error line naming line and column, exit 2 after the good rows', async () => {
    const file = csvFile(
      'model,diameter_um,nodes,distance-mm,pw_us,passive_end_nodes\n' +
        'mrg,10,21,1,210,true\n' +
        'mrg,abc,21,1,210,true\n' +
        '# a comment line\n' +
        'mrg,10,21,1,210,no\n',
    );
    const r = await run(['threshold', '--cases', file, '--window-scan-x', '0']);
    expect(r.code).toBe(2);
    const out = lines(r.out);
    expect(out.map((o) => o.case)).toEqual([1, 2, 3]);
    expect(out.map((o) => o.line)).toEqual([2, 3, 5]);
    expect(Math.abs((out[0]!.thresholdMa as number) / NEURON_REFERENCE_MA - 1)).toBeLessThan(0.012);
    // passive end nodes do not change this threshold in NEURON (mrg-grid.jsonl, pen 0 and 1)
    expect(Math.abs((out[2]!.thresholdMa as number) / NEURON_REFERENCE_MA - 1)).toBeLessThan(0.012);
    expect(out[2]!.passiveEndNodes).toBe(false);
    expect(out[1]!.error).toMatch(/line 3, column diameter_um must be a number/);
    expect(out[1]!.thresholdMa).toBeUndefined();
    expect(r.err).toMatch(/line 3, column diameter_um/);
  });

  it('gives each row the threshold the single command gives; flags on the command line are defaults', async () => {
    const file = csvFile('diameter-um,distance_mm\n10,1\n10,0.5\n');
    const batch = lines((await run(['threshold', '--cases', file, '--pw-us', '100'])).out);
    const single = JSON.parse(
      (await run(['threshold', '--diameter-um', '10', '--distance-mm', '0.5', '--pw-us', '100']))
        .out,
    ) as Record<string, unknown>;
    expect(batch[1]!.pulseWidthUs).toBe(100);
    expect(batch[1]!.thresholdMa).toBe(single.thresholdMa);
    expect(batch[0]!.thresholdMa as number).toBeGreaterThan(batch[1]!.thresholdMa as number);
  });

  it('reads quoted list values (collaterals) and refuses an unknown column before running anything', async () => {
    const bad = await run(['threshold', '--cases', csvFile('diameter_um,colour\n10,red\n')]);
    expect(bad.code).toBe(2);
    expect(bad.out).toBe('');
    expect(bad.err).toMatch(/unknown column "colour"/);
    const quoted = csvFile(
      'model,diameter_um,nodes,pw_us,collaterals\nmrg-interp,12,31,100,"3,1500,4"\n',
    );
    const r = await run([
      'threshold',
      '--cases',
      quoted,
      '--passive-end-nodes',
      '--window-scan-x',
      '0',
    ]);
    expect(r.code).toBe(0);
    const [row] = lines(r.out);
    expect(row!.collaterals).toEqual({ diameterUm: 3, lengthUm: 1500, everyNodes: 4 });
    // NEURON 8.2.2: 125.684 µA (mrg-branch.jsonl)
    expect(Math.abs((row!.thresholdMa as number) / 0.125684 - 1)).toBeLessThan(0.012);
  });

  it('names a too-long row', async () => {
    const r = await run(['threshold', '--cases', csvFile('diameter_um\n10,1500\n')]);
    expect(r.code).toBe(2);
    expect(lines(r.out)[0]!.error).toMatch(/line 2: 2 values for 1 columns/);
  });
});

describe('threshold JSON: the floor, windows and how far above the threshold was checked', () => {
  it('finds the lowest firing band near the electrode with long pulses, and reports the window above it', async () => {
    const r = await run(['threshold', '--model', 'mrg', '--diameter-um', '8.7', '--nodes', '21', '--distance-mm', '0.1',
      '--sigma-s-per-m', '0.2', '--waveform', 'mono-cathodic', '--pw-us', '1000', '--dt-us', '5', '--passive-end-nodes']); // prettier-ignore
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out) as Record<string, unknown>;
    const thr = o.thresholdMa as number;
    expect(Math.abs(thr / NEURON_NEAR_MA - 1)).toBeLessThan(0.012);
    expect(o.floorMa as number).toBeLessThan(thr);
    expect(o.floorMa as number).toBeGreaterThan(0);
    const windows = o.windows as Array<{ quietFromMa: number; quietToMa: number }>;
    expect(windows.length).toBeGreaterThan(0);
    // issue 13: silent from about 25 to 285 µA
    expect(windows[0]!.quietFromMa).toBeLessThan(0.025 * 2);
    expect(windows[0]!.quietToMa).toBeGreaterThan(0.285 / 2);
    expect(o.windowScanX).toBe(100);
    expect(o.checkedToMa as number).toBeGreaterThanOrEqual((thr * 100) / 1.25);
    expect(r.err).toMatch(/warning: window above the threshold/);
    expect(o.conventions).toMatch(/^threshold = the lowest amplitude that fires/);
  });

  it('--window-scan-x 0 examines less above the threshold and costs fewer simulations', async () => {
    const args = ['threshold', '--diameter-um', '10', '--distance-mm', '1', '--passive-end-nodes'];
    const on = JSON.parse((await run(args)).out) as Record<string, number>;
    const off = JSON.parse((await run([...args, '--window-scan-x', '0'])).out) as Record<
      string,
      number
    >;
    expect(off.thresholdMa).toBe(on.thresholdMa);
    expect(on.checkedToMa!).toBeGreaterThanOrEqual((on.thresholdMa! * 100) / 1.25);
    expect(off.checkedToMa!).toBeLessThan(on.thresholdMa! * 10);
    expect(off.simulations!).toBeLessThan(on.simulations!);
  });
});

describe('conductivity axes', () => {
  const base = ['threshold', '--diameter-um', '10', '--distance-mm', '1', '--window-scan-x', '0'];

  it('named axes give the threshold of --sigma-xyz-s-per-m in the order along, towards, third', async () => {
    const xyz = await run([...base, '--sigma-xyz-s-per-m', '0.6,0.083,0.083']);
    const named = await run([...base, '--sigma-along-s-per-m', '0.6', '--sigma-towards-s-per-m', '0.083', '--sigma-third-s-per-m', '0.083']); // prettier-ignore
    const a = JSON.parse(xyz.out) as Record<string, unknown>;
    const b = JSON.parse(named.out) as Record<string, unknown>;
    expect(b.thresholdMa).toBe(a.thresholdMa);
    expect(b.sigmaSPerM).toEqual([0.6, 0.083, 0.083]);
    expect(b.sigmaAxes).toMatch(
      /^x along the fibre, y from the fibre towards the electrode, z the third/,
    );
    expect(xyz.err).toBe('');
  });

  it('warns when the fibre axis is the least conductive (a fibre-along-z order), and the threshold changes', async () => {
    const right = JSON.parse(
      (await run([...base, '--sigma-xyz-s-per-m', '0.6,0.083,0.083'])).out,
    ) as Record<string, number>;
    const swapped = await run([...base, '--sigma-xyz-s-per-m', '0.083,0.083,0.6']);
    expect(swapped.code).toBe(0);
    expect(swapped.err).toMatch(
      /warning: conductivity along the fibre \(x, 0.083 S\/m\) is lower than across it/,
    );
    const t = (JSON.parse(swapped.out) as Record<string, number>).thresholdMa!;
    expect(Math.abs(t / right.thresholdMa! - 1)).toBeGreaterThan(0.1);
  });

  it('refuses two named axes, or two ways of giving the conductivity', async () => {
    const two = await run([
      ...base,
      '--sigma-along-s-per-m',
      '0.6',
      '--sigma-towards-s-per-m',
      '0.083',
    ]);
    expect(two.code).toBe(2);
    expect(two.err).toMatch(/named conductivity axes go together/);
    const both = await run([
      ...base,
      '--sigma-s-per-m',
      '0.2',
      '--sigma-xyz-s-per-m',
      '0.6,0.083,0.083',
    ]);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/give one conductivity/);
  });
});

describe('help', () => {
  it('threshold --help documents every flag of the flag table, the axis order and the definition', async () => {
    const r = await run(['threshold', '--help']);
    expect(r.code).toBe(0);
    for (const f of THRESHOLD_FLAGS) expect(r.out).toContain(`--${f.name}`);
    expect(r.out).toContain(
      'x along the fibre, y from the fibre towards the electrode, z the third',
    );
    expect(r.out).toMatch(/Definition: threshold = the lowest amplitude that fires/);
  });

  it('bench --help names --quick, --json and --only', async () => {
    const r = await run(['bench', '--help']);
    for (const f of ['--quick', '--json', '--only']) expect(r.out).toContain(f);
  });
});
