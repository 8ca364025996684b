/**
 * `neuromod run <scenario.json> [--tier instant|full]`: the whole pipeline (models/pipeline.ts)
 * for one scenario, printed as the Result JSON. Thin: parsing and printing only.
 */
import { readFile } from 'node:fs/promises';
import { ScenarioProblem, runScenario } from '../../../models/pipeline.ts';
import { parseScenario } from '../../../models/scenario.ts';
import { UsageError, parseFlags, printJson, type Command } from '../io.ts';

export const runCommand: Command = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, { tier: { type: 'string' } });
  const file = positionals[0];
  if (!file) throw new UsageError('missing <scenario.json>');
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  const tier = values.tier;
  if (tier !== undefined && tier !== 'instant' && tier !== 'full') {
    throw new UsageError(`--tier must be instant or full, got "${tier}"`);
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(
      `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file}: not JSON: ${(e as Error).message}`);
  }
  const parsed = parseScenario(raw);
  if (!parsed.ok)
    throw new UsageError(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  const pkg = (await import('../../../package.json', { with: { type: 'json' } })).default;
  try {
    const result = runScenario(parsed.value, {
      ...(tier ? { tier } : {}),
      appVersion: pkg.version,
    });
    printJson(io, result);
    return 0;
  } catch (e) {
    if (e instanceof ScenarioProblem) throw new UsageError(e.message);
    throw e;
  }
};
