/**
 * `neuromod threshold`: activation threshold of one straight fibre next to a point source in a
 * homogeneous (isotropic or anisotropic) medium, with the PyFibers/ASCENT search conventions;
 * optionally with collaterals or a DRG stem and soma (MRG).
 */
import { buildFiber, diameterProblem, type BuildOptions } from '../../../models/neuron/build.ts';
import { pointSourceField } from '../../../models/neuron/extracellular.ts';
import { FIBER_MODELS, fiberSpanUm, type FiberModelName } from '../../../models/neuron/fiber.ts';
import { instantThresholdMa } from '../../../models/neuron/instant.ts';
import { findThreshold } from '../../../models/neuron/threshold.ts';
import { WAVEFORM_KINDS, type PulseKind } from '../../../models/neuron/waveform.ts';
import { UsageError, numberFlag, parseFlags, printJson, type Command } from '../io.ts';
import { blockThreshold } from '../../../models/response/block.ts';
import { KHZ_WAVEFORMS, type KhzWaveformKind } from '../../../models/response/khz.ts';

const MAX_BLOCK_FREQUENCY_HZ = 100_000; // our limit: well above the 1–50 kHz block literature (models.md §7)

const DEFAULT_NODES = 21; // MRGaxon.hoc axonnodes
const MAX_NODES = 2001; // our limit: keeps one search within seconds
const MAX_DISTANCE_MM = 100; // our limit
const MAX_PULSE_US = 100_000; // our limit: 100 ms

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}, got "${value}"`);
}

function positive(flag: string, v: number, max?: number): number {
  if (!(v > 0)) throw new UsageError(`--${flag} must be greater than 0, got ${v}`);
  if (max !== undefined && v > max) throw new UsageError(`--${flag} must be at most ${max}`);
  return v;
}

/** `--flag -1` → `--flag=-1`, so a negative number reaches the range check. */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const next = argv[i + 1];
    if (a.startsWith('--') && !a.includes('=') && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/**
 * `--collaterals D,L,N`: collaterals of D µm, L µm long, on every N-th node;
 * `--drg-stem-um D`: a DRG stem of D µm with initial segment and soma on the middle node.
 * Both MRG only; branches run straight away from the source.
 */
function branchOptions(
  model: FiberModelName,
  collaterals: string | undefined,
  stemUm: string | undefined,
): Pick<BuildOptions, 'collaterals' | 'stem'> {
  if (
    (collaterals !== undefined || stemUm !== undefined) &&
    model !== 'mrg' &&
    model !== 'mrg-interp'
  ) {
    throw new UsageError('--collaterals and --drg-stem-um need --model mrg or mrg-interp');
  }
  if (collaterals !== undefined && stemUm !== undefined) {
    throw new UsageError('give either --collaterals or --drg-stem-um, not both');
  }
  if (collaterals !== undefined) {
    const parts = collaterals.split(',').map((p) => p.trim());
    if (parts.length !== 3) {
      throw new UsageError(
        '--collaterals needs diameter µm, length µm and spacing in nodes: D,L,N',
      );
    }
    const diameterUm = positive('collaterals', numberFlag('collaterals', parts[0]));
    const lengthUm = positive('collaterals', numberFlag('collaterals', parts[1]), 20_000);
    const everyNodes = numberFlag('collaterals', parts[2]);
    if (!Number.isInteger(everyNodes) || everyNodes < 1) {
      throw new UsageError(
        `--collaterals spacing must be a whole number of nodes ≥ 1, got ${parts[2]}`,
      );
    }
    return { collaterals: { diameterUm, lengthUm, everyNodes } };
  }
  if (stemUm !== undefined) {
    return { stem: { diameterUm: positive('drg-stem-um', numberFlag('drg-stem-um', stemUm)) } };
  }
  return {};
}

export const thresholdCommand: Command = async (argv, io) => {
  const { values } = parseFlags(
    joinNegativeValues(argv),
    {
      model: { type: 'string', default: 'mrg' },
      'diameter-um': { type: 'string' },
      nodes: { type: 'string' },
      'distance-mm': { type: 'string' },
      over: { type: 'string', default: 'node' },
      'sigma-s-per-m': { type: 'string' },
      'sigma-xyz-s-per-m': { type: 'string' },
      waveform: { type: 'string', default: 'mono-cathodic' },
      'pw-us': { type: 'string' },
      'interphase-us': { type: 'string' },
      'dt-us': { type: 'string' },
      'tstop-ms': { type: 'string' },
      'passive-end-nodes': { type: 'boolean', default: false },
      block: { type: 'boolean', default: false },
      'frequency-hz': { type: 'string' },
      collaterals: { type: 'string' },
      'drg-stem-um': { type: 'string' },
    },
    false,
  );
  const model = oneOf<FiberModelName>('model', values.model, FIBER_MODELS);
  const diameterUm = numberFlag('diameter-um', values['diameter-um'], 10);
  const problem = diameterProblem(model, diameterUm);
  if (problem) throw new UsageError(`--diameter-um ${diameterUm}: ${problem}`);
  const nodes = numberFlag('nodes', values.nodes, DEFAULT_NODES);
  if (!Number.isInteger(nodes) || nodes < 3 || nodes > MAX_NODES) {
    throw new UsageError(`--nodes must be an integer from 3 to ${MAX_NODES}, got ${nodes}`);
  }
  const distanceMm = positive(
    'distance-mm',
    numberFlag('distance-mm', values['distance-mm'], 1),
    MAX_DISTANCE_MM,
  );
  const over = oneOf('over', values.over, ['node', 'internode'] as const);
  if (values['sigma-s-per-m'] !== undefined && values['sigma-xyz-s-per-m'] !== undefined) {
    throw new UsageError('give either --sigma-s-per-m or --sigma-xyz-s-per-m, not both');
  }
  let sigma: number | [number, number, number];
  if (values['sigma-xyz-s-per-m'] !== undefined) {
    const parts = values['sigma-xyz-s-per-m'].split(',').map((p) => p.trim());
    if (parts.length !== 3) throw new UsageError('--sigma-xyz-s-per-m needs three values sx,sy,sz');
    const [sx, sy, sz] = parts.map((p) =>
      positive('sigma-xyz-s-per-m', numberFlag('sigma-xyz-s-per-m', p)),
    );
    sigma = [sx as number, sy as number, sz as number];
  } else {
    sigma = positive('sigma-s-per-m', numberFlag('sigma-s-per-m', values['sigma-s-per-m'], 0.2));
  }
  if (values.block && (values.collaterals !== undefined || values['drg-stem-um'] !== undefined)) {
    throw new UsageError('--block runs on unbranched fibres: drop --collaterals / --drg-stem-um');
  }
  if (values.block) {
    // conduction block by a kHz waveform, with the PyFibers test-pulse protocol (models/response/block.ts)
    const waveform = oneOf<KhzWaveformKind>(
      'waveform',
      values.waveform === 'mono-cathodic' ? 'khz-square' : values.waveform,
      KHZ_WAVEFORMS,
    );
    const frequencyHz = positive(
      'frequency-hz',
      numberFlag('frequency-hz', values['frequency-hz'], 20000),
      MAX_BLOCK_FREQUENCY_HZ,
    );
    if (values['pw-us'] !== undefined || values['interphase-us'] !== undefined) {
      throw new UsageError(
        '--pw-us and --interphase-us do not apply to --block (the kHz waveform sets them)',
      );
    }
    const dtUs =
      values['dt-us'] === undefined
        ? undefined
        : positive('dt-us', numberFlag('dt-us', values['dt-us']), 100);
    if (dtUs !== undefined && dtUs > 1e6 / frequencyHz / 4) {
      throw new UsageError(
        `--dt-us ${dtUs} is too coarse for ${frequencyHz} Hz (at most a quarter period)`,
      );
    }
    const tstopMs =
      values['tstop-ms'] === undefined
        ? undefined
        : positive('tstop-ms', numberFlag('tstop-ms', values['tstop-ms']));
    const r = blockThreshold({
      model,
      diameterUm,
      nodes,
      distanceMm,
      sigmaSPerM: sigma,
      over,
      passiveEndNodes: values['passive-end-nodes'],
      frequencyHz,
      waveform,
      ...(dtUs !== undefined ? { dtUs } : {}),
      ...(tstopMs !== undefined ? { tstopMs } : {}),
    });
    printJson(io, r);
    return 0;
  }
  const kind = oneOf<PulseKind>('waveform', values.waveform, WAVEFORM_KINDS);
  const pulseWidthUs = positive('pw-us', numberFlag('pw-us', values['pw-us'], 210), MAX_PULSE_US);
  const interphaseUs = numberFlag('interphase-us', values['interphase-us'], 0);
  if (!(interphaseUs >= 0) || interphaseUs > MAX_PULSE_US) {
    throw new UsageError(`--interphase-us must be from 0 to ${MAX_PULSE_US}, got ${interphaseUs}`);
  }
  if (interphaseUs > 0 && kind !== 'biphasic-cathodic-first') {
    throw new UsageError('--interphase-us applies to --waveform biphasic-cathodic-first only');
  }
  const dtUs = positive('dt-us', numberFlag('dt-us', values['dt-us'], 5), 100);
  if (Math.round(pulseWidthUs / dtUs) < 1) {
    throw new UsageError(`--pw-us ${pulseWidthUs} is shorter than one time step (--dt-us ${dtUs})`);
  }
  const tstopMs =
    values['tstop-ms'] === undefined
      ? undefined
      : positive('tstop-ms', numberFlag('tstop-ms', values['tstop-ms']));

  const branches = branchOptions(model, values.collaterals, values['drg-stem-um']);
  const started = performance.now();
  let fiber;
  try {
    fiber = buildFiber(model, diameterUm, {
      nodeCount: nodes,
      passiveEndNodes: values['passive-end-nodes'] ? 1 : 0,
      ...branches,
    });
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
  const field = pointSourceField(fiber, { distanceMm, sigmaSPerM: sigma, over });
  const waveform = { kind, pulseWidthUs, interphaseUs };
  const guess = instantThresholdMa(fiber, field, waveform);
  const stimUs =
    kind === 'biphasic-cathodic-first' ? 2 * pulseWidthUs + interphaseUs : pulseWidthUs;
  const r = findThreshold(fiber, field, waveform, {
    dtUs,
    initialGuessMa: guess,
    ...(tstopMs !== undefined ? { afterStimMs: Math.max(0, tstopMs - stimUs / 1000) } : {}),
  });
  const elapsedMs = performance.now() - started;
  printJson(io, {
    model,
    diameterUm,
    nodes,
    fiberLengthMm: fiberSpanUm(fiber) / 1000,
    distanceMm,
    over,
    sigmaSPerM: sigma,
    waveform: kind,
    pulseWidthUs,
    interphaseUs,
    dtUs,
    passiveEndNodes: values['passive-end-nodes'],
    ...(branches.collaterals ? { collaterals: branches.collaterals } : {}),
    ...(branches.stem ? { drgStem: branches.stem } : {}),
    thresholdMa: r.activated ? r.thresholdMa : null,
    activated: r.activated,
    lowerBoundMa: r.lowerBoundMa,
    simulations: r.simulations,
    elapsedMs: Math.round(elapsedMs * 100) / 100,
    apNodeIndex: r.apNodeIndex,
    apTimeMs: Number.isFinite(r.apTimeMs) ? r.apTimeMs : null,
    initiationNodes: r.initiationNodes,
    endExcitation: r.endExcitation,
    instantEstimateMa: guess,
    tier: 'full',
    conventions:
      'bisection to a 1 % bracket, upper bound reported; AP = Vm > −30 mV (−20 mV for mcneal) at node ⌊0.9·(N−1)⌋',
  });
  if (r.endExcitation) {
    io.err('warning: excitation started at a fibre end; the threshold reflects end excitation');
  }
  return 0;
};
