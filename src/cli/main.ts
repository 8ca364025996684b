/**
 * `neuromod`: the headless command over the same models as the app (DESIGN.md, "The headless
 * command"). Results are JSON on stdout; messages on stderr; usage errors exit with 2.
 */
import { UsageError, processIo, type CliIo, type Command } from './io.ts';

interface CommandEntry {
  summary: string;
  usage: string;
  load: () => Promise<Command>;
}

export const commands: Record<string, CommandEntry> = {
  scenario: {
    summary: 'validate a scenario file',
    usage: 'neuromod scenario validate <scenario.json>',
    load: async () => (await import('./commands/scenario.ts')).scenarioCommand,
  },
  threshold: {
    summary: 'activation (or block) threshold of one fibre next to a point source',
    usage:
      'neuromod threshold --model mrg|mrg-interp|mcneal|c-fiber --diameter-um 10 --nodes 21 --distance-mm 1 ' +
      '--sigma-s-per-m 0.2 --waveform mono-cathodic --pw-us 210 [--dt-us 5] [--passive-end-nodes]\n' +
      '             [--collaterals D,L,N | --drg-stem-um D]   (MRG: collaterals D µm, L µm, every N nodes; DRG stem and soma)\n' +
      '             [--block --waveform khz-square|khz-sine --frequency-hz 20000]',
    load: async () => (await import('./commands/threshold.ts')).thresholdCommand,
  },
  field: {
    summary: 'unit-current potentials (mV per mA) per contact at given points',
    usage:
      'neuromod field <scenario.json> --points <points.csv> [--source-mm x,y,z] [--grid-scale F]\n' +
      '             | --medium homogeneous|anisotropic|two-layer ... [--grid-scale F]\n' +
      '             (--source-mm with a scenario: a 1 mA point source anywhere in its anatomy instead of its\n' +
      '             contacts; --grid-scale multiplies every grid spacing, 0.2–4, e.g. 0.33 for a 3× finer grid)',
    load: async () => (await import('./commands/field.ts')).fieldCommand,
  },
  run: {
    summary: 'the full pipeline for a scenario, printing the Result JSON',
    usage:
      'neuromod run <scenario.json> [--tier instant|full] [--train-ms 100] [--ecap] [--fibres-per-population 8]',
    load: async () => (await import('./commands/run.ts')).runCommand,
  },
  bench: {
    summary: 'the benchmark table (medians and ratios)',
    usage: 'neuromod bench [--quick]',
    load: async () => (await import('./commands/bench.ts')).benchCommand,
  },
  case: {
    summary: 'validate or export a patient case',
    usage: 'neuromod case validate|export <case.json> [--format fhir|csv|json]',
    load: async () => (await import('./commands/case.ts')).caseCommand,
  },
  score: {
    summary: 'score an outcome instrument or an opioid load',
    usage: 'neuromod score <nrs|odi|bpi|phq9|gad7|pcs|pgic|eq5d5l|mme> --answers a,b,c',
    load: async () => (await import('./commands/score.ts')).scoreCommand,
  },
};

export function helpText(): string {
  const width = Math.max(...Object.keys(commands).map((k) => k.length));
  const lines = Object.entries(commands).map(
    ([name, c]) => `  ${name.padEnd(width)}  ${c.summary}\n  ${' '.repeat(width)}  ${c.usage}`,
  );
  return [
    'neuromod: Neuromod Planner on the command line (JSON on stdout)',
    '',
    'Usage: neuromod <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Options:',
    '  --help, -h     this text (or `neuromod <command> --help`)',
    '  --version      the app version',
  ].join('\n');
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default;
    io.out(JSON.stringify({ version: pkg.version }));
    return 0;
  }
  const entry = commands[name];
  if (!entry) {
    io.err(
      `neuromod: unknown command "${name}". Commands: ${Object.keys(commands).join(', ')}. See neuromod --help.`,
    );
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${entry.summary}\n\nUsage: ${entry.usage}`);
    return 0;
  }
  try {
    const command = await entry.load();
    return await command(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`neuromod ${name}: ${e.message}`);
      return 2;
    }
    io.err(`neuromod ${name}: ${(e as Error).stack ?? String(e)}`);
    return 1;
  }
}
