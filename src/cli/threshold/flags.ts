/**
 * The flags of `neuromod threshold`, one table: the parser, the ranges, the detailed help and
 * the `--cases` CSV columns (a column is a flag name, with `-` or `_`) are all derived from it.
 */
import {
  FIBER_MODELS,
  FIBER_REGISTRY,
  describeFiberModels,
} from '../../../models/neuron/registry.ts';
import type { FiberModelName } from '../../../models/neuron/fiber.ts';
import { WAVEFORM_KINDS } from '../../../models/neuron/waveform.ts';
import { KHZ_WAVEFORMS } from '../../../models/response/khz.ts';
import { describeRange, type NumberRange } from '../io.ts';

export interface FlagSpec {
  name: string;
  kind: 'number' | 'text' | 'choice' | 'boolean';
  /** what it means, for --help */
  help: string;
  /** the value used when the flag is absent, as shown in --help */
  shownDefault?: string;
  range?: NumberRange;
  choices?: readonly string[];
  /** false: a command-line flag only, not a `--cases` column */
  column?: boolean;
  /** the form of a text value, for --help */
  valueHint?: string;
}

/** our choice: the tabulated MRG geometry of MRGaxon.hoc, the reference of the NEURON validation */
export const DEFAULT_MODEL: FiberModelName = 'mrg';
export const MAX_NODES = 2001; // our limit: keeps one search within seconds
export const MAX_DISTANCE_MM = 100; // our limit
export const MAX_PULSE_US = 100_000; // our limit: 100 ms
export const MAX_SIGMA_S_PER_M = 100; // our limit: above any tissue or saline (2 S/m, models.md §4.2)
/** our limit: 200× finer than the 1 µs of PyFibers' test_mrg_discrete; a finer step only costs */
export const MIN_DT_US = 0.005;
export const MAX_DT_US = 100; // our limit: 20× the 5 µs MRG step (MRGaxon.hoc), still stable (implicit Euler)
export const MAX_TSTOP_MS = 1000; // our limit
/** our limit: ≈ a minute per trial for an MRG fibre of 21 nodes (bench: ~1 µs per step) */
export const MAX_STEPS_PER_TRIAL = 20_000_000;
export const MIN_BLOCK_FREQUENCY_HZ = 1000; // our limit: the kHz range the block protocol is for (models.md §7: 20 kHz)
export const MAX_BLOCK_FREQUENCY_HZ = 100_000; // our limit (as before): 5× the 20 kHz of models.md §7
export const MAX_BRANCH_DIAMETER_UM = 20; // our limit: the MRG table ends at 16 µm (McIntyre 2002)
export const MAX_COLLATERAL_LENGTH_UM = 20_000; // our limit
/** the window scan steps ×1.25 (models/neuron/threshold.ts); a factor below one step scans nothing */
export const WINDOW_SCAN_STEP = 1.25;
/**
 * Default window scan: up to 100 × the threshold. Our choice: the near-electrode MRG windows of
 * issue 13 end (fire again) at ≈ 90 × the threshold (4 µA → 357 µA).
 */
export const DEFAULT_WINDOW_SCAN_X = 100;
export const MAX_WINDOW_SCAN_X = 10_000; // our limit

/** The axis order of --sigma-xyz-s-per-m, as pointSourceField builds it (models/neuron/extracellular.ts). */
export const SIGMA_AXES =
  'x along the fibre, y from the fibre towards the electrode, z the third (perpendicular to both)';

export const THRESHOLD_FLAGS: FlagSpec[] = [
  {
    name: 'model',
    kind: 'choice',
    choices: FIBER_MODELS,
    shownDefault: DEFAULT_MODEL,
    help: "fibre model (the list below gives each one's diameters, branches and tiers)",
  },
  {
    name: 'diameter-um',
    kind: 'number',
    shownDefault: '10',
    range: { above: 0, unit: 'µm' },
    help: "fibre diameter; each model's own range applies (the message names it)",
  },
  {
    name: 'nodes',
    kind: 'number',
    shownDefault: '21',
    range: { min: 3, max: MAX_NODES, integer: true },
    help: 'nodes of Ranvier (MRGaxon.hoc: 21); the fibre is centred on the source',
  },
  {
    name: 'distance-mm',
    kind: 'number',
    shownDefault: '1',
    range: { above: 0, max: MAX_DISTANCE_MM, unit: 'mm' },
    help: 'perpendicular distance from the point source to the fibre axis',
  },
  {
    name: 'over',
    kind: 'choice',
    choices: ['node', 'internode'],
    shownDefault: 'node',
    help: 'the source sits over the central node, or half an internode along from it',
  },
  {
    name: 'sigma-s-per-m',
    kind: 'number',
    shownDefault: '0.2',
    range: { above: 0, max: MAX_SIGMA_S_PER_M, unit: 'S/m' },
    help: 'isotropic conductivity of the medium',
  },
  {
    name: 'sigma-xyz-s-per-m',
    kind: 'text',
    valueHint: 'sx,sy,sz in S/m, each as --sigma-s-per-m',
    help: `anisotropic conductivity sx,sy,sz (S/m): ${SIGMA_AXES}. Or give the named axes below`,
  },
  {
    name: 'sigma-along-s-per-m',
    kind: 'number',
    range: { above: 0, max: MAX_SIGMA_S_PER_M, unit: 'S/m' },
    help: 'anisotropic: conductivity along the fibre (x); give all three named axes',
  },
  {
    name: 'sigma-towards-s-per-m',
    kind: 'number',
    range: { above: 0, max: MAX_SIGMA_S_PER_M, unit: 'S/m' },
    help: 'anisotropic: conductivity from the fibre towards the electrode (y)',
  },
  {
    name: 'sigma-third-s-per-m',
    kind: 'number',
    range: { above: 0, max: MAX_SIGMA_S_PER_M, unit: 'S/m' },
    help: 'anisotropic: conductivity along the third axis, perpendicular to both (z)',
  },
  {
    name: 'waveform',
    kind: 'choice',
    choices: [...WAVEFORM_KINDS, ...KHZ_WAVEFORMS],
    shownDefault: 'mono-cathodic (khz-square with --block)',
    help: 'pulse shape; khz-square and khz-sine with --block only',
  },
  {
    name: 'pw-us',
    kind: 'number',
    shownDefault: '210',
    range: { above: 0, max: MAX_PULSE_US, unit: 'µs' },
    help: 'pulse width (per phase for biphasic)',
  },
  {
    name: 'interphase-us',
    kind: 'number',
    shownDefault: '0',
    range: { min: 0, max: MAX_PULSE_US, unit: 'µs' },
    help: 'gap between the two phases of biphasic-cathodic-first',
  },
  {
    name: 'dt-us',
    kind: 'number',
    shownDefault: '5 (block: from the frequency)',
    range: { min: MIN_DT_US, max: MAX_DT_US, unit: 'µs' },
    help: 'integration time step (MRGaxon.hoc: 5 µs)',
  },
  {
    name: 'tstop-ms',
    kind: 'number',
    shownDefault: 'stimulus + 15 ms (block: the block protocol)',
    range: { above: 0, max: MAX_TSTOP_MS, unit: 'ms' },
    help: 'simulated time of one trial from the stimulus onset; at least the stimulus',
  },
  {
    name: 'passive-end-nodes',
    kind: 'boolean',
    shownDefault: 'off',
    help: 'one passive node at each end (PyFibers passive_end_nodes)',
  },
  {
    name: 'window-scan-x',
    kind: 'number',
    shownDefault: String(DEFAULT_WINDOW_SCAN_X),
    range: { min: 0, max: MAX_WINDOW_SCAN_X },
    help: `after the threshold, test ×${WINDOW_SCAN_STEP} steps up to this multiple of it for windows (quiet again above the threshold); 0 = off`,
  },
  {
    name: 'collaterals',
    kind: 'text',
    valueHint: 'D,L,N: D up to 20 µm, L up to 20000 µm, N a whole number of nodes',
    help: `${FIBER_REGISTRY.supporting('collaterals').join(', ')} only: collaterals D,L,N — D µm wide, L µm long, on every N-th node, running away from the source`,
  },
  {
    name: 'drg-stem-um',
    kind: 'number',
    range: { above: 0, max: MAX_BRANCH_DIAMETER_UM, unit: 'µm' },
    help: `${FIBER_REGISTRY.supporting('stem').join(', ')} only: a DRG stem of this diameter with initial segment and soma on the middle node`,
  },
  {
    name: 'block',
    kind: 'boolean',
    shownDefault: 'off',
    help: 'conduction-block threshold of a kHz waveform (PyFibers test-pulse protocol) instead of activation',
  },
  {
    name: 'frequency-hz',
    kind: 'number',
    shownDefault: '20000',
    range: { min: MIN_BLOCK_FREQUENCY_HZ, max: MAX_BLOCK_FREQUENCY_HZ, unit: 'Hz' },
    help: '--block: frequency of the kHz waveform',
  },
  {
    name: 'cases',
    kind: 'text',
    valueHint: 'a CSV file, - for stdin',
    column: false,
    help: 'a CSV of cases, one per row, columns named like these flags (diameter_um or diameter-um); JSON lines out, one per row in order; the other flags given are defaults for every row',
  },
];

/** The flag for a CSV column name: `diameter_um`, `Diameter-UM` and `--diameter-um` all name `diameter-um`. */
export function flagForColumn(column: string): FlagSpec | undefined {
  const name = column.trim().toLowerCase().replace(/^--/, '').replace(/_/g, '-');
  return THRESHOLD_FLAGS.find((f) => f.name === name && f.column !== false);
}

export function thresholdParseOptions() {
  return Object.fromEntries(
    THRESHOLD_FLAGS.map((f) => [f.name, { type: f.kind === 'boolean' ? 'boolean' : 'string' }]),
  ) as Record<string, { type: 'string' | 'boolean' }>;
}

/** The detailed help of `neuromod threshold --help`. */
/** The fibre models of --model, one line each (models/neuron/registry.ts). */
export function fiberModelHelp(): string {
  return describeFiberModels()
    .map((line) => `  ${line}`)
    .join('\n');
}

export function thresholdFlagHelp(): string {
  const width = Math.max(...THRESHOLD_FLAGS.map((f) => f.name.length)) + 2;
  return THRESHOLD_FLAGS.map((f) => {
    const values =
      f.kind === 'choice'
        ? (f.choices ?? []).join('|')
        : f.kind === 'number' && f.range
          ? describeRange(f.range)
          : f.kind === 'boolean'
            ? 'flag'
            : (f.valueHint ?? 'text');
    const dflt = f.shownDefault !== undefined ? `; default ${f.shownDefault}` : '';
    return `  --${f.name.padEnd(width)}${f.help}\n  ${' '.repeat(width + 2)}(${values}${dflt})`;
  }).join('\n');
}
