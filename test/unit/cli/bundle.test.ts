/**
 * The prebuilt command: scripts/build-cli.mjs bundles src/cli into plain JavaScript that runs
 * without tsx, and the bundle answers as the sources do (built into a temporary folder here).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('scripts/build-cli.mjs', () => {
  it('builds a bundle that runs without tsx: version, detailed help and a refused flag', () => {
    const out = mkdtempSync(join(tmpdir(), 'neuromod-bundle-'));
    const build = spawnSync(process.execPath, ['scripts/build-cli.mjs', out], { encoding: 'utf8' });
    expect(build.status).toBe(0);
    const entry = join(out, 'neuromod.mjs');
    expect(existsSync(entry)).toBe(true);
    const text = readFileSync(entry, 'utf8');
    expect(text).not.toMatch(/from ["']tsx/);
    const inputs = JSON.parse(readFileSync(join(out, 'inputs.json'), 'utf8')) as {
      inputs: string[];
    };
    expect(inputs.inputs).toContain('src/cli/main.ts');
    // run it through a loader-free node: no --import, no tsx
    const node = (args: string[]) =>
      spawnSync(process.execPath, ['--input-type=module', '-e', `const { main } = await import(${JSON.stringify(entry)}); process.exitCode = await main(${JSON.stringify(args)});`], { encoding: 'utf8' }); // prettier-ignore
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const version = node(['--version']);
    expect(version.status).toBe(0);
    expect(JSON.parse(version.stdout)).toEqual({ version: pkg.version });
    expect(node(['threshold', '--help']).stdout).toContain('--window-scan-x');
    const bad = node(['threshold', '--dt-us', '0.000000001']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--dt-us must be a number from 0.005 to 100 µs/);
    rmSync(out, { recursive: true, force: true });
  });
});
