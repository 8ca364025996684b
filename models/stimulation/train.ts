/**
 * Pulse-train engine: a program as a compact list of phases per contact group over a window,
 * and a sampler to a uniform time grid (for the fibre simulator and the waveform preview).
 *
 * Sign convention: a phase's `polarity` is the polarity at the programmed cathodes (the
 * programmed anodes see the opposite). Sampled values are the normalised current at the
 * cathodes, cathodic negative: −amplitudeFraction for a cathodic phase, +amplitudeFraction for
 * an anodic one. The current injected at contact c is then amplitudeMa × w_c × s(t), with
 * w_c = +share for cathodes and −share for anodes (groups.ts), so cathodes inject negative
 * current in the cathodic phase.
 *
 * Paradigms (clinical.md §3.1):
 *  - tonic: biphasic (cathodic PW, interphase gap, anodic PW) or monophasic with passive
 *    recharge, one pulse per 1/rateHz;
 *  - burst: pulsesPerBurst pulses at intraBurstRateHz, bursts at rateHz; passive recharge after
 *    the burst (BurstDR: 5 × 1 ms at 500 Hz, 40 Hz bursts, passive; De Ridder, leads.md §6) or
 *    an active recharge phase after every pulse;
 *  - kHz: symmetric biphasic, no interphase gap (10 kHz, 30 µs: 2 × 30 µs per 100 µs);
 *  - multiplexed: each group its own biphasic train at its own rate; group g starts
 *    g·T_fastest/G into the period of the fastest group so that the groups fire in turn;
 *  - closed-loop: a tonic biphasic train; a caller may scale each pulse (`pulseAmplitude`).
 *
 * Passive recharge is drawn as a rectangle of opposite polarity that returns the stimulus
 * charge over min(available gap, 8 × the stimulating time) — an illustrative shape: the real
 * recharge is an RC decay set by the coupling capacitor and the load.
 */
import type { Program } from '../scenario.ts';
import { contactGroups, type ContactCurrent } from './groups.ts';
import { scheduleIsOn, type DeliverySchedule } from './schedule.ts';

export type PhasePolarity = 'cathodic' | 'anodic';
export type PhaseKind = 'stimulus' | 'recharge' | 'passive-recharge';

export interface Phase {
  startUs: number;
  durationUs: number;
  /** current relative to the program amplitude, ≥ 0 */
  amplitudeFraction: number;
  polarity: PhasePolarity;
  kind: PhaseKind;
}

export interface GroupTrain {
  groupIndex: number;
  label: string;
  contacts: ContactCurrent[];
  /** phases in time order */
  phases: Phase[];
  /** stimulating pulses delivered in the window */
  pulseCount: number;
}

export interface PulseTrain {
  paradigm: Program['waveform']['kind'];
  amplitudeMa: number;
  pulseWidthUs: number;
  windowUs: number;
  groups: GroupTrain[];
}

export interface TrainOptions {
  /** length of the window, µs */
  windowUs: number;
  schedule?: DeliverySchedule;
  /** duration of a passive recharge phase, µs (default: min(gap, 8 × stimulating time)) */
  passiveRechargeUs?: number;
  /** amplitude fraction of the n-th delivered pulse (closed loop, ramps); default 1 */
  pulseAmplitude?: (pulseIndex: number, startUs: number) => number;
}

/** Interphase gap of the biphasic pulses of closed-loop and multiplexed programs: the schema's tonic default (models/scenario.ts). */
const DEFAULT_INTERPHASE_US = 20;
/** Passive recharge spread over 8 × the stimulating time when the gap allows (illustrative choice). */
const PASSIVE_RECHARGE_SPREAD = 8;

/** Times closer than this to the window end count as at the end (k·(1e6/rate) rounding). */
const TIME_EPSILON_US = 1e-6;

const opposite = (p: PhasePolarity): PhasePolarity => (p === 'cathodic' ? 'anodic' : 'cathodic');

interface PulseShape {
  /** offsets of the stimulating phases within one unit (pulse or burst), µs */
  stimulusOffsetsUs: number[];
  /** active recharge: interphase gap after each stimulus; null for passive recharge */
  activeInterphaseUs: number | null;
  primary: PhasePolarity;
  /** unit repetition period, µs */
  periodUs: number;
}

function shapeOf(program: Program, rateHz: number): PulseShape {
  const w = program.waveform;
  const periodUs = 1e6 / rateHz;
  switch (w.kind) {
    case 'tonic':
      return {
        stimulusOffsetsUs: [0],
        activeInterphaseUs: w.shape === 'biphasic-cathodic-first' ? w.interphaseUs : null,
        primary: w.shape === 'mono-anodic' ? 'anodic' : 'cathodic',
        periodUs,
      };
    case 'burst': {
      const intraUs = 1e6 / w.intraBurstRateHz;
      return {
        stimulusOffsetsUs: Array.from({ length: w.pulsesPerBurst }, (_, j) => j * intraUs),
        activeInterphaseUs: w.recharge === 'active' ? 0 : null,
        primary: 'cathodic',
        periodUs,
      };
    }
    case 'khz':
      return { stimulusOffsetsUs: [0], activeInterphaseUs: 0, primary: 'cathodic', periodUs };
    case 'multiplexed':
    case 'closed-loop':
      return {
        stimulusOffsetsUs: [0],
        activeInterphaseUs: DEFAULT_INTERPHASE_US,
        primary: 'cathodic',
        periodUs,
      };
  }
}

function groupPhases(
  program: Program,
  shape: PulseShape,
  offsetUs: number,
  options: TrainOptions,
  pulseCounter: { n: number },
): { phases: Phase[]; pulseCount: number } {
  const pw = program.pulseWidthUs;
  const phases: Phase[] = [];
  let pulseCount = 0;
  const lastOffset = shape.stimulusOffsetsUs[shape.stimulusOffsetsUs.length - 1] ?? 0;
  for (let k = 0; ; k++) {
    const unitStartUs = offsetUs + k * shape.periodUs;
    if (unitStartUs >= options.windowUs - TIME_EPSILON_US) break;
    let unitCharge = 0; // Σ amplitude × duration of delivered stimuli in this unit
    for (const off of shape.stimulusOffsetsUs) {
      const startUs = unitStartUs + off;
      if (startUs >= options.windowUs - TIME_EPSILON_US) break;
      if (!scheduleIsOn(startUs, options.schedule ?? program.schedule)) continue;
      const a = options.pulseAmplitude ? options.pulseAmplitude(pulseCounter.n, startUs) : 1;
      pulseCounter.n++;
      pulseCount++;
      phases.push({
        startUs,
        durationUs: pw,
        amplitudeFraction: a,
        polarity: shape.primary,
        kind: 'stimulus',
      });
      if (shape.activeInterphaseUs !== null) {
        phases.push({
          startUs: startUs + pw + shape.activeInterphaseUs,
          durationUs: pw,
          amplitudeFraction: a,
          polarity: opposite(shape.primary),
          kind: 'recharge',
        });
      } else {
        unitCharge += a * pw;
      }
    }
    if (shape.activeInterphaseUs === null && unitCharge > 0) {
      const endUs = unitStartUs + lastOffset + pw;
      const gapUs = unitStartUs + shape.periodUs - endUs;
      const stimulatingUs = shape.stimulusOffsetsUs.length * pw;
      const durationUs =
        options.passiveRechargeUs ?? Math.min(gapUs, PASSIVE_RECHARGE_SPREAD * stimulatingUs);
      if (durationUs > 0) {
        phases.push({
          startUs: endUs,
          durationUs,
          amplitudeFraction: unitCharge / durationUs,
          polarity: opposite(shape.primary),
          kind: 'passive-recharge',
        });
      }
    }
  }
  return { phases, pulseCount };
}

/** The program's pulse train over [0, windowUs), one phase list per contact group. */
export function buildPulseTrain(program: Program, options: TrainOptions): PulseTrain {
  if (!(options.windowUs > 0)) throw new RangeError('windowUs must be positive');
  const groups = contactGroups(program);
  const fastestPeriodUs = 1e6 / Math.max(...groups.map((g) => g.rateHz));
  const pulseCounter = { n: 0 };
  return {
    paradigm: program.waveform.kind,
    amplitudeMa: program.amplitudeMa,
    pulseWidthUs: program.pulseWidthUs,
    windowUs: options.windowUs,
    groups: groups.map((g) => {
      const offsetUs =
        program.waveform.kind === 'multiplexed'
          ? (g.groupIndex * fastestPeriodUs) / groups.length
          : 0;
      const { phases, pulseCount } = groupPhases(
        program,
        shapeOf(program, g.rateHz),
        offsetUs,
        options,
        pulseCounter,
      );
      phases.sort((a, b) => a.startUs - b.startUs);
      return { groupIndex: g.groupIndex, label: g.label, contacts: g.contacts, phases, pulseCount };
    }),
  };
}

function isPulseTrain(t: PulseTrain | GroupTrain): t is PulseTrain {
  return 'groups' in t;
}

/**
 * Samples a group's time course on a uniform grid: sample i is t = i·dtUs, n = round(durationUs
 * / dtUs) samples. A phase covers samples [round(start/dt), round(start/dt) + max(1,
 * round(duration/dt))), so a pulse of width PW spans round(PW/dt) samples (at least one).
 * Values are normalised current at the cathodes, cathodic negative (file comment);
 * overlapping phases add.
 */
export function sampleWaveform(
  train: PulseTrain | GroupTrain,
  dtUs: number,
  durationUs: number,
  groupIndex = 0,
): Float64Array {
  if (!(dtUs > 0)) throw new RangeError('dtUs must be positive');
  const group = isPulseTrain(train) ? train.groups[groupIndex] : train;
  if (!group) throw new RangeError(`no contact group ${groupIndex} in this train`);
  const n = Math.max(0, Math.round(durationUs / dtUs));
  const out = new Float64Array(n);
  for (const p of group.phases) {
    const i0 = Math.round(p.startUs / dtUs);
    if (i0 >= n) break;
    const len = Math.max(1, Math.round(p.durationUs / dtUs));
    const v = p.polarity === 'cathodic' ? -p.amplitudeFraction : p.amplitudeFraction;
    for (let i = Math.max(0, i0); i < Math.min(n, i0 + len); i++) out[i] = (out[i] ?? 0) + v;
  }
  return out;
}

/** Every group sampled on the same grid. */
export function sampleAllGroups(
  train: PulseTrain,
  dtUs: number,
  durationUs: number,
): Float64Array[] {
  return train.groups.map((_, g) => sampleWaveform(train, dtUs, durationUs, g));
}

export interface TrainCharge {
  /** Σ |I|·t over stimulating phases, µC */
  stimulusChargeUc: number;
  /** Σ |I|·t over recharge phases (active and passive), µC */
  rechargeChargeUc: number;
  /** signed charge at the cathodes (cathodic negative), µC: 0 when the train is balanced */
  netChargeUc: number;
}

/** Charge of a train's phases (all groups), at the train's amplitude. */
export function trainCharge(train: PulseTrain): TrainCharge {
  let stimulus = 0;
  let recharge = 0;
  let net = 0;
  for (const g of train.groups) {
    for (const p of g.phases) {
      const q = (train.amplitudeMa * p.amplitudeFraction * p.durationUs) / 1000;
      if (p.kind === 'stimulus') stimulus += q;
      else recharge += q;
      net += p.polarity === 'cathodic' ? -q : q;
    }
  }
  return { stimulusChargeUc: stimulus, rechargeChargeUc: recharge, netChargeUc: net };
}
