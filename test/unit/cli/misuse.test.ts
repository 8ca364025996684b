/**
 * Issue #17 item 10: CLI misuse. Out-of-range numbers (`--dt-us 1e-9`, 1e309, NaN) are
 * refused with one line naming the flag, no stack trace, exit 2; `-` reads standard input
 * where a file is taken; input above the 8 MB import limit (models/limits.ts) is refused
 * before it is read; `threshold` states that every flag has a default, and runs on them.
 */
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { readCase } from '../../../src/cli/threshold/case.ts';

async function run(args: string[], stdin?: string | string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const chunks = stdin === undefined ? undefined : Array.isArray(stdin) ? stdin : [stdin];
  const code = await main(args, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    ...(chunks
      ? {
          stdin: (async function* () {
            yield* chunks;
          })(),
        }
      : {}),
  });
  return { code, out: out.join(''), err: err.join('') };
}

const SCENARIO = readFileSync('test/fixtures/scenario-scs-t8.json', 'utf8');
const CASE = readFileSync('test/fixtures/case-example.json', 'utf8');

describe('out-of-range numbers: refused by name, no stack trace, exit 2', () => {
  it.each([
    ['dt-us', '1e-9', /--dt-us must be a number from 0.005 to 100 µs, got "1e-9"/],
    ['dt-us', '1e309', /--dt-us must be a number from 0.005 to 100 µs, got "1e309"/],
    ['pw-us', 'NaN', /--pw-us must be a number greater than 0 and at most 100000 µs/],
    ['distance-mm', 'Infinity', /--distance-mm must be a number greater than 0 and at most 100 mm/],
    ['nodes', '1e6', /--nodes must be an integer from 3 to 2001/],
    ['sigma-s-per-m', '0x10', /--sigma-s-per-m must be a number greater than 0 and at most 100/],
  ])('threshold --%s %s', async (flag, value, says) => {
    const r = await run(['threshold', `--${flag}`, value]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(says);
    expect(r.err).not.toMatch(/\n\s+at |RangeError|Error:/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
  });
});

describe('- reads standard input', () => {
  it('scenario validate -', async () => {
    const r = await run(['scenario', 'validate', '-'], SCENARIO);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ valid: true, therapy: 'SCS' });
  });

  it('case validate - (the input split over several chunks)', async () => {
    const third = Math.ceil(CASE.length / 3);
    const r = await run(
      ['case', 'validate', '-'],
      [CASE.slice(0, third), CASE.slice(third, 2 * third), CASE.slice(2 * third)],
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ valid: true });
  });

  it('field --points - gives the same potentials as the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'neuromod-stdin-'));
    const csv = 'x_mm,y_mm,z_mm\n1,0,0\n0,2,0\n';
    writeFileSync(join(dir, 'points.csv'), csv);
    const flags = ['--medium', 'homogeneous', '--sigma-s-per-m', '0.2', '--source-mm', '0,0,0'];
    const viaFile = await run([
      'field',
      ...flags,
      '--solver',
      'analytic',
      '--points',
      join(dir, 'points.csv'),
    ]);
    const viaStdin = await run(['field', ...flags, '--solver', 'analytic', '--points', '-'], csv);
    expect(viaStdin.code).toBe(0);
    const potentials = (r: { out: string }) =>
      (JSON.parse(r.out) as { potentialsMvPerMa: number[] }).potentialsMvPerMa;
    expect(potentials(viaStdin)).toEqual(potentials(viaFile));
    // point source, σ = 0.2 S/m: V = I / (4πσr) = 397.887 mV at r = 1 mm, half at 2 mm
    expect(potentials(viaStdin)[0]).toBeCloseTo(1 / (4 * Math.PI * 0.2 * 1e-3), 6);
    expect(potentials(viaStdin)[1]).toBeCloseTo(1 / (4 * Math.PI * 0.2 * 2e-3), 6);
  });

  it('only one argument can be standard input', async () => {
    const r = await run(['field', '-', '--points', '-'], '');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/only one of <scenario.json> and --points can be -/);
  });
});

describe('input size: refused by the limit before it is read', () => {
  it('a 9 MB file is refused by its size, the limit named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'neuromod-big-'));
    const file = join(dir, 'big.json');
    writeFileSync(file, '');
    truncateSync(file, 9 * 1024 * 1024); // sparse: its size is known without writing 9 MB
    const r = await run(['scenario', 'validate', file]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `neuromod scenario: ${file} is 9.0 MB, above the input size limit of 8.0 MB\n`.trimEnd(),
    );
  });

  it('standard input is cut off as soon as it passes the limit', async () => {
    const chunk = 'x'.repeat(1024 * 1024);
    let pulled = 0;
    const stdin = (async function* () {
      for (let i = 0; i < 50; i++) {
        pulled++;
        yield chunk;
      }
    })();
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['case', 'validate', '-'], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      stdin,
    });
    expect(code).toBe(2);
    expect(err.join('')).toMatch(
      /standard input is more than 8\.0 MB, above the input size limit of 8\.0 MB/,
    );
    expect(pulled).toBe(9);
  });
});

describe('threshold: every flag optional, its usage says so', () => {
  it('the usage shows each flag with its default in brackets', async () => {
    const r = await run(['threshold', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /\[--model mrg\] \[--diameter-um 10\] \[--nodes 21\] \[--distance-mm 1\]/,
    );
    expect(r.out).toMatch(/every flag is optional: the values shown are the defaults/);
    expect(r.out).not.toMatch(/--model M --diameter-um/);
  });

  it('no flags is the same case as the defaults written out', () => {
    const none = { text: () => undefined, bool: () => false, label: (f: string) => `--${f}` };
    const given: Record<string, string> = {
      model: 'mrg',
      'diameter-um': '10',
      nodes: '21',
      'distance-mm': '1',
      'sigma-s-per-m': '0.2',
      waveform: 'mono-cathodic',
      'pw-us': '210',
      'dt-us': '5',
    };
    const explicit = { ...none, text: (f: string) => given[f] };
    expect(readCase(none)).toEqual(readCase(explicit));
  });
});
