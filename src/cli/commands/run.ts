/**
 * `neuromod run <scenario.json> [--tier instant|full] [--train-ms N] [--ecap]`: the whole
 * pipeline (models/pipeline.ts) for one scenario, printed as the Result JSON; with `--train-ms`
 * the program's pulse train on the most excitable fibres of each population, with `--ecap` the
 * ECAP on the lead's other contacts (models/scenarioResponse.ts); a PNS result also carries its
 * `motorThreshold` (models/estimate/motorThreshold.ts). Thin: parsing and printing only.
 */
import { ScenarioProblem, runScenario } from '../../../models/estimate/index.ts';
import { LeadFieldLru } from '../../../models/field/cache.ts';
import { motorThreshold } from '../../../models/estimate/motorThreshold.ts';
import { scenarioResponse } from '../../../models/scenarioResponse.ts';
import { parseScenario } from '../../../models/scenario.ts';
import {
  UsageError,
  readInputText,
  numberFlag,
  parseFlags,
  printJson,
  type Command,
} from '../io.ts';

const MAX_TRAIN_MS = 2000; // our limit (as before): a 2 s train stays within a minute
const MAX_FIBRES_PER_POPULATION = 200; // our limit (as before)

export const runCommand: Command = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, {
    tier: { type: 'string' },
    'train-ms': { type: 'string' },
    'fibres-per-population': { type: 'string' },
    ecap: { type: 'boolean', default: false },
  });
  const trainMs = numberFlag('train-ms', values['train-ms'], 0, {
    min: 0,
    max: MAX_TRAIN_MS,
    unit: 'ms',
  });
  const perPopulation = numberFlag('fibres-per-population', values['fibres-per-population'], 8, {
    min: 1,
    max: MAX_FIBRES_PER_POPULATION,
    integer: true,
  });
  const file = positionals[0];
  if (!file) throw new UsageError('missing <scenario.json>');
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  const tier = values.tier;
  if (tier !== undefined && tier !== 'instant' && tier !== 'full') {
    throw new UsageError(`--tier must be instant or full, got "${tier}"`);
  }
  const text = await readInputText(file, '', io);
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
    const cache = new LeadFieldLru();
    const run = runScenario(parsed.value, {
      ...(tier ? { tier } : {}),
      appVersion: pkg.version,
      cache,
    });
    // PNS: the motor threshold (first and 10 % of the motor fibres) beside the populations
    const result = run.therapy === 'PNS' ? { ...run, motorThreshold: motorThreshold(run) } : run;
    if (trainMs > 0 || values.ecap) {
      const response = await scenarioResponse(parsed.value, {
        cache,
        trainWindowMs: trainMs,
        ecap: values.ecap,
        fibresPerPopulation: perPopulation,
      });
      printJson(io, { ...result, ...response });
    } else printJson(io, result);
    return 0;
  } catch (e) {
    if (e instanceof ScenarioProblem) throw new UsageError(e.message);
    throw e;
  }
};
