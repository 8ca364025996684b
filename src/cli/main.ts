/**
 * `neuromod`: the headless command over the same models as the app (DESIGN.md, "The headless
 * command"). Results are JSON on stdout; messages on stderr; usage errors exit with 2.
 */
import { MAX_IMPORT_BYTES, formatBytes } from '../../models/limits.ts';
import { UsageError, processIo, type CliIo, type Command } from './io.ts';

interface CommandEntry {
  summary: string;
  usage: string;
  /** every option in detail, for `neuromod <command> --help` */
  details?: () => Promise<string>;
  load: () => Promise<Command>;
}

export const commands: Record<string, CommandEntry> = {
  scenario: {
    summary: 'validate a scenario file',
    usage: 'neuromod scenario validate <scenario.json|->',
    load: async () => (await import('./commands/scenario.ts')).scenarioCommand,
  },
  threshold: {
    summary: 'activation (or block) threshold of one fibre next to a point source; a CSV of cases',
    usage:
      'neuromod threshold [--model mrg] [--diameter-um 10] [--nodes 21] [--distance-mm 1] ' +
      '[--over node|internode]\n' +
      '             [--sigma-s-per-m 0.2 | --sigma-xyz-s-per-m sx,sy,sz | --sigma-along-s-per-m A --sigma-towards-s-per-m T --sigma-third-s-per-m Z]\n' +
      '             [--waveform mono-cathodic|mono-anodic|biphasic-cathodic-first] [--pw-us 210] [--interphase-us 0]\n' +
      '             [--dt-us 5] [--tstop-ms T] [--passive-end-nodes] [--window-scan-x 100]\n' +
      '             [--collaterals D,L,N | --drg-stem-um D]   (collaterals D µm, L µm, every N nodes; DRG stem and soma)\n' +
      '             [--block --waveform khz-square|khz-sine --frequency-hz 20000]\n' +
      'neuromod threshold --cases cases.csv|- [flags as defaults]   one case per row → one JSON line per row\n' +
      '             every flag is optional: the values shown are the defaults (all of them in --help),\n' +
      '             so `neuromod threshold` alone runs a 10 µm MRG fibre 1 mm from a 210 µs cathodic pulse',
    details: async () => {
      const { fiberModelHelp, thresholdFlagHelp } = await import('./threshold/flags.ts');
      const { CONVENTIONS } = await import('./threshold/case.ts');
      return [
        'Options:',
        thresholdFlagHelp(),
        '',
        'Fibre models (--model):',
        fiberModelHelp(),
        '',
        `Definition: ${CONVENTIONS}.`,
        'Output: one JSON object; with --cases one JSON line per row ({"case", "line", ...} or',
        '{"case", "line", "error"} for a bad row, whose message also goes to stderr; exit 2 after the',
        'good rows ran). A window found prints a warning on stderr.',
        'Numbers may be negative either way: --flag -5 or --flag=-5 (then the range check names the flag).',
      ].join('\n');
    },
    load: async () => (await import('./commands/threshold.ts')).thresholdCommand,
  },
  field: {
    summary: 'unit-current potentials (mV per mA) per contact at given points',
    usage:
      'neuromod field <scenario.json> --points <points.csv> [--source-mm x,y,z] [--grid-scale F]\n' +
      '             | --medium homogeneous|anisotropic|two-layer ... [--grid-scale F]\n' +
      '             (--source-mm with a scenario: a 1 mA point source anywhere in its anatomy instead of its\n' +
      '             contacts; --grid-scale multiplies every grid spacing, 0.2–4, e.g. 0.33 for a 3× finer grid)',
    details: async () =>
      [
        'Options:',
        '  --points FILE              CSV with the header x_mm,y_mm,z_mm (required)',
        '  --medium M                 homogeneous | anisotropic | two-layer (instead of a scenario)',
        '  --sigma-s-per-m S[,S2]     homogeneous: S; two-layer: S1 for z > 0, S2 for z < 0 (> 0, ≤ 100 S/m)',
        '  --sigma-xyz-s-per-m X,Y,Z  anisotropic: along the x, y and z axes of the points (> 0, ≤ 100 S/m)',
        '  --source-mm X,Y,Z          the point source or the ring centre (mm)',
        '  --contact ring             a ring contact instead of a point: --diameter-mm D --length-mm L',
        '                             (each > 0, ≤ 100 mm) [--axis-xyz X,Y,Z, default 0,0,1]',
        '  --solver numerical|analytic   canonical media only for analytic (default numerical)',
        '  --grid-scale F             multiply every grid spacing (0.2–4; 0.33 = a 3× finer grid)',
        'With a scenario, --source-mm X,Y,Z puts a 1 mA point source anywhere in its anatomy instead',
        'of its contacts (anatomy-frame mm; write --source-mm=-1,2,3 when the first value is negative).',
      ].join('\n'),
    load: async () => (await import('./commands/field.ts')).fieldCommand,
  },
  run: {
    summary: 'the full pipeline for a scenario, printing the Result JSON',
    usage:
      'neuromod run <scenario.json> [--tier instant|full] [--train-ms 100] [--ecap] [--fibres-per-population 8]',
    details: async () =>
      [
        'Options:',
        "  --tier instant|full            the fidelity tier (default: the scenario model's tier)",
        '  --train-ms T                   follow the pulse train for T ms (0 to 2000; default 0 = off)',
        "  --ecap                         the ECAP on the lead's other contacts",
        '  --fibres-per-population N      fibres per population for --train-ms/--ecap (1 to 200; default 8)',
      ].join('\n'),
    load: async () => (await import('./commands/run.ts')).runCommand,
  },
  bench: {
    summary: 'the benchmark table (medians and ratios)',
    usage:
      'neuromod bench [--quick] [--json] [--only browser|cli|field|neuron|planner|response|sweep]',
    details: async () =>
      [
        'Options:',
        '  --quick   shorter runs (fewer repetitions, smaller batches and populations)',
        '  --json    the results as JSON instead of a table',
        '  --only M  only the modules of src/cli/bench/ whose name starts with M',
        '',
        'Where NEURON 8.2 is installed (python3 imports neuron, nrnivmodl present) the neuron and cli',
        'modules run the NEURON reference scripts side by side and print the measured ratio; otherwise',
        'they print the recorded NEURON figure as "recorded reference (NEURON 8.2.2, date, machine)".',
      ].join('\n'),
    load: async () => (await import('./commands/bench.ts')).benchCommand,
  },
  sweep: {
    summary:
      'a study grid (programs, lead positions, anatomy, conductivities) into a JSON-lines store',
    usage:
      'neuromod sweep <study.json> --out results.jsonl [--workers N | --queue redis://host:port] [--attempts 3] [--quiet]',
    details: async () =>
      [
        'Options:',
        '  --out FILE        the result store: one JSON line per job; an existing store is resumed',
        '                    (jobs held by id and scenario hash are skipped)',
        '  --workers N       local worker processes (default: one per core; 0 runs in this process)',
        '  --queue URL       put the jobs on the BullMQ queue at redis://host:port[/db] instead;',
        '                    `neuromod worker --queue URL` processes take them, this one collects',
        '  --attempts N      tries per job on the queue before it is stored as failed (default 3)',
        '  --quiet           no progress on stderr',
        '',
        'A study: {"kind": "neuromod-study", "studyVersion": 1, "name", "base": <scenario>,',
        '"tier": "instant"|"full", "axes": {"contacts": [[...program contacts]], "amplitudeMa": [..],',
        '"pulseWidthUs": [..], "rateHz": [..], "leadShiftMm": [{"xMm","yMm","zMm"}],',
        '"anatomy": [{"dorsalCsfThicknessMm": 4}], "conductivityPreset": ["default"]}}; the grid is',
        'their Cartesian product (the last axis fastest). Exit 1 when a job failed (its line says why).',
      ].join('\n'),
    load: async () => (await import('./commands/sweep.ts')).sweepCommand,
  },
  worker: {
    summary: 'take study jobs from a BullMQ queue on Redis (for neuromod sweep --queue)',
    usage:
      'neuromod worker --queue redis://host:port [--concurrency 1] [--lock-ms 60000] [--idle-exit-ms 0]',
    details: async () =>
      [
        'Options:',
        '  --queue URL          redis://host:port[/db] of the queue neuromod sweep --queue fills',
        '  --concurrency N      jobs at once in this process (default 1; start one worker per core)',
        '  --lock-ms T          a job whose worker has not renewed its lock for T ms is taken by',
        '                       another worker (default 60000; above the longest job)',
        '  --idle-exit-ms T     stop after T ms without a job once none is waiting, retrying or held',
        '                       by another worker (default 0: run until SIGINT/SIGTERM)',
      ].join('\n'),
    load: async () => (await import('./commands/worker.ts')).workerCommand,
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
    '',
    'A file argument given as - is read from standard input. Input above the import size limit',
    `(${formatBytes(MAX_IMPORT_BYTES)}, as in the app) is refused before it is read.`,
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
    const details = entry.details ? `\n\n${await entry.details()}` : '';
    io.out(`${entry.summary}\n\nUsage: ${entry.usage}${details}`);
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
