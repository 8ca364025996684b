import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../../src/cli/main.ts';

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

const fixture = 'test/fixtures/scenario-scs-t8.json';

describe('neuromod command', () => {
  it('--help lists every subcommand of DESIGN.md', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['threshold', 'field', 'run', 'bench', 'case', 'score', 'scenario']) {
      expect(r.out).toMatch(new RegExp(`^  ${c} `, 'm'));
    }
  });

  it('unknown commands and flags give a clear message and exit 2', async () => {
    const a = await run(['frobnicate']);
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/unknown command "frobnicate"/);
    const b = await run(['scenario', 'validate', fixture, '--colour']);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/Unknown option '--colour'/);
    const c = await run(['scenario', 'check', fixture]);
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/unknown subcommand "check"/);
  });

  it('scenario validate accepts the example scenario and prints JSON', async () => {
    const r = await run(['scenario', 'validate', fixture]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      valid: true,
      schemaVersion: 1,
      name: 'New SCS plan',
      therapy: 'SCS',
    });
  });

  it('scenario validate names the fields of an invalid file and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'neuromod-'));
    const bad = JSON.parse(readFileSync(fixture, 'utf8'));
    bad.program.pulseWidthUs = 0;
    bad.leads[0].tipMm.zMm = 'high';
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const r = await run(['scenario', 'validate', file]);
    expect(r.code).toBe(1);
    const body = JSON.parse(r.out);
    expect(body.valid).toBe(false);
    expect(body.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'leads.0.tipMm.zMm',
      'program.pulseWidthUs',
    ]);
    writeFileSync(file, '{ not json');
    const j = await run(['scenario', 'validate', file]);
    expect(j.code).toBe(1);
    expect(JSON.parse(j.out).issues[0].message).toMatch(/^not JSON/);
    const missing = await run(['scenario', 'validate', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read .*ENOENT/);
  });

  it('the installed bin runs in a fresh Node process', async () => {
    const { stdout } = await promisify(execFile)('node', [
      'bin/neuromod.mjs',
      'scenario',
      'validate',
      fixture,
    ]);
    expect(JSON.parse(stdout).valid).toBe(true);
    const failed = await promisify(execFile)('node', ['bin/neuromod.mjs', 'nope']).catch(
      (e: { code: number }) => e,
    );
    expect((failed as { code: number }).code).toBe(2);
  });
});
