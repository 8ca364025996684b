/**
 * Bad numbers on every numeric flag of every command: exit 2 and one line naming the flag and
 * its range (issue 13: `--dt-us 0.000000001` printed a RangeError stack), the same whether the
 * value follows the flag (`--flag -5`) or is joined to it (`--flag=-5`). None of these runs a
 * simulation: the check comes first.
 */
import { describe, expect, it } from 'vitest';
import { joinNegativeValues, numberValue, UsageError } from '../../../src/cli/io.ts';
import { main } from '../../../src/cli/main.ts';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join(''), err: err.join('') };
}

const SCENARIO = 'test/fixtures/scenario-scs-t8.json';

// [command and context, flag, bad value, what the message must say]
const CASES: Array<[string[], string, string, RegExp]> = [
  [['threshold'], 'diameter-um', '-5', /greater than 0/],
  [['threshold'], 'nodes', '2.5', /an integer from 3 to 2001/],
  [['threshold'], 'nodes', '-5', /an integer from 3 to 2001/],
  [['threshold'], 'distance-mm', '-5', /greater than 0 and at most 100 mm/],
  [['threshold'], 'distance-mm', '1000', /at most 100 mm/],
  [['threshold'], 'sigma-s-per-m', '-5', /greater than 0 and at most 100 S\/m/],
  [['threshold'], 'sigma-xyz-s-per-m', '-5,1,1', /greater than 0/],
  [['threshold', '--sigma-towards-s-per-m', '1', '--sigma-third-s-per-m', '1'], 'sigma-along-s-per-m', '-5', /greater than 0/],
  [['threshold', '--sigma-along-s-per-m', '1', '--sigma-third-s-per-m', '1'], 'sigma-towards-s-per-m', '-5', /greater than 0/],
  [['threshold', '--sigma-along-s-per-m', '1', '--sigma-towards-s-per-m', '1'], 'sigma-third-s-per-m', '-5', /greater than 0/],
  [['threshold'], 'pw-us', '-5', /greater than 0 and at most 100000 µs/],
  [['threshold'], 'pw-us', 'abc', /a number/],
  [['threshold', '--waveform', 'biphasic-cathodic-first'], 'interphase-us', '-5', /from 0 to 100000 µs/],
  [['threshold'], 'dt-us', '0.000000001', /from 0.005 to 100 µs/],
  [['threshold'], 'dt-us', '-5', /from 0.005 to 100 µs/],
  [['threshold'], 'tstop-ms', '-5', /greater than 0 and at most 1000 ms/],
  [['threshold'], 'tstop-ms', '0.1', /ends before the stimulus/],
  [['threshold', '--dt-us', '0.005'], 'tstop-ms', '1000', /steps per trial/],
  [['threshold'], 'window-scan-x', '-5', /from 0 to 10000/],
  [['threshold'], 'window-scan-x', '1.1', /0 \(off\) or at least 1.25/],
  [['threshold'], 'drg-stem-um', '-5', /greater than 0 and at most 20 µm/],
  [['threshold'], 'collaterals', '3,-5,1', /--collaterals length must be a number greater than 0/],
  [['threshold'], 'collaterals', '3,1500,0', /--collaterals spacing must be an integer from 1 to 21/],
  [['threshold', '--block'], 'frequency-hz', '-5', /from 1000 to 100000 Hz/],
  [['threshold', '--block'], 'dt-us', '-5', /from 0.005 to 100 µs/],
  [['field', '--medium', 'homogeneous', '--points', 'none.csv'], 'sigma-s-per-m', '-5', /greater than 0 and at most 100 S\/m/],
  [['field', '--medium', 'anisotropic', '--points', 'none.csv'], 'sigma-xyz-s-per-m', '1,-5,1', /greater than 0/],
  [['field', '--medium', 'homogeneous', '--sigma-s-per-m', '0.2', '--points', 'none.csv', '--contact', 'ring', '--length-mm', '3', '--source-mm', '0,0,5'], 'diameter-mm', '-5', /greater than 0 and at most 100 mm/],
  [['field', '--medium', 'homogeneous', '--sigma-s-per-m', '0.2', '--points', 'none.csv', '--contact', 'ring', '--diameter-mm', '1.3', '--source-mm', '0,0,5'], 'length-mm', '-5', /greater than 0 and at most 100 mm/],
  [[ 'run', SCENARIO], 'train-ms', '-5', /from 0 to 2000 ms/],
  [['run', SCENARIO], 'fibres-per-population', '-5', /an integer from 1 to 200/],
  [['run', SCENARIO], 'fibres-per-population', '2.5', /an integer from 1 to 200/],
]; // prettier-ignore

describe('numeric flags: a range and a message naming the flag, exit 2', () => {
  it.each(CASES)('%j --%s %s', async (context, flag, value, says) => {
    const spaced = await run([...context, `--${flag}`, value]);
    expect(spaced.code).toBe(2);
    expect(spaced.err).toContain(`--${flag}`);
    expect(spaced.err).toMatch(says);
    expect(spaced.err).not.toMatch(/\n\s+at /); // no stack trace
    expect(spaced.out).toBe('');
    const joined = await run([...context, `--${flag}=${value}`]);
    expect(joined.code).toBe(2);
    expect(joined.err).toBe(spaced.err);
  });

  it('score mme: a negative dose names the drug and its range', async () => {
    const r = await run(['score', 'mme', '--drug', 'oxycodone:-5']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--drug oxycodone dose must be a number from 0 to 100000/);
  });

  it('score: --answers -1,… reaches the instrument range check as --answers=-1,… does', async () => {
    const spaced = await run(['score', 'odi', '--answers', '-1,3,1,,4,2,3,1,2,0']);
    expect(spaced.code).toBe(2);
    expect(spaced.err).toMatch(/odi item 1 \(Pain intensity\): answer -1 is outside 0–5/);
    const joined = await run(['score', 'odi', '--answers=-1,3,1,,4,2,3,1,2,0']);
    expect(joined.err).toBe(spaced.err);
  });

  it('bench --only with no such module: exit 2 naming the modules', async () => {
    const r = await run(['bench', '--only', 'nothing']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--only nothing: no benchmark module.*cli, field, neuron/);
  });

  it('field --source-mm -1,0,2 reaches the coordinates (joined like --source-mm=-1,0,2)', async () => {
    const spaced = await run(['field', '--medium', 'homogeneous', '--sigma-s-per-m', '0.2', '--source-mm', '-1,0,2', '--points', 'no-such.csv']); // prettier-ignore
    expect(spaced.code).toBe(2);
    expect(spaced.err).toMatch(/cannot read points no-such.csv/);
  });
});

describe('io helpers', () => {
  it('joins a negative value to its string flag only', () => {
    const options = { a: { type: 'string' as const }, b: { type: 'boolean' as const } };
    expect(joinNegativeValues(['--a', '-5', '--b', '-.5'], options)).toEqual([
      '--a=-5',
      '--b',
      '-.5',
    ]);
    expect(joinNegativeValues(['--a', '-x'], options)).toEqual(['--a', '-x']);
  });

  it('numberValue states the range in words', () => {
    expect(numberValue('--x', '2', { min: 1, max: 3 })).toBe(2);
    expect(() => numberValue('--x', '0', { above: 0, unit: 'mm' })).toThrow(
      new UsageError('--x must be a number greater than 0 mm, got "0"'),
    );
    expect(() => numberValue('--n', '1.5', { min: 1, max: 9, integer: true })).toThrow(
      /--n must be an integer from 1 to 9, got "1.5"/,
    );
    expect(() => numberValue('--x', 'Infinity')).toThrow(/--x must be a number/);
  });
});
