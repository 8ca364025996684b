/**
 * Program to the pain map: given target dermatomes (and dermatomes to avoid), search contact
 * fractions, pulse width and amplitude within the generator's envelope for the best coverage of
 * the target with dorsal-root recruitment below a limit, and report the trade-off as a Pareto
 * front (coverage against paraesthesia outside the target, dorsal-root recruitment and charge).
 *
 * Method (README "Program proposal"):
 * - the instant tier drives the search: each contact's unit potential at every node of every
 *   fibre is sampled once; a candidate's potential is their weighted sum, and each fibre's
 *   instant threshold follows (instant.ts). Thresholds scale with amplitude, so amplitude needs
 *   no search: every amplitude of a candidate is read off its sorted thresholds, and the only
 *   amplitudes on the front are those at which another target fibre is recruited;
 * - candidates are what a clinician programmer offers: a cathode centred anywhere along a lead
 *   in 10 % steps (current split between two neighbouring contacts), anodes guarding both sides
 *   or one side; with two leads, the same cathode centre on both, split between them in 10 %
 *   steps (steering left and right). Fractions are whole percentages summing to exactly 100;
 * - a first pass at the plan's pulse width ranks the contact configurations, and the best of
 *   them are tried at every pulse width of the envelope;
 * - amplitude is capped by the generator's envelope and, per contact, by 30 µC/cm² and Shannon
 *   k = 1.85 (charge.ts);
 * - coverage of a dermatome is the share of the dorsal-column fibres that carry it which fire
 *   (coverage.ts fibreDermatomes), not whether one fibre does; a dermatome counts as covered at
 *   COVERED_SHARE.
 *
 * The full tier is not run here: the chosen program is applied to the plan, and the planner's
 * full tier confirms it (its numbers are the answer).
 */
import type { PainDermatome } from '../coverage.ts';
import { fibreDermatomes } from '../coverage.ts';
import { effectiveGenerator } from '../devices/index.ts';
import { instantCovers, instantThresholdFromNodes } from '../neuron/instant.ts';
import type { WaveformSpec } from '../neuron/waveform.ts';
import type { Program, Scenario } from '../scenario.ts';
import { maxSafeContactCurrentMa } from '../stimulation/charge.ts';
import { contactChargeDensities } from '../stimulation/density.ts';
import type { ContactKey } from './contacts.ts';
import type { RunResult } from './run.ts';
import { PopulationCache, defaultPopulationCache } from './populations.ts';
import { programWaveform, scenarioLeadFields } from './run.ts';
import { SamplingCache, defaultSamplingCache, programNodePotentials } from './sampling.ts';
import type { LeadFieldLru } from '../field/index.ts';

/** Share of a dermatome's dorsal-column fibres recruited for it to count as covered (our choice). */
export const COVERED_SHARE = 0.2;
/** Contact configurations carried from the first pass to the pulse-width pass (our choice). */
const SECOND_PASS_CONFIGS = 12;
/** Default limit of paraesthesia outside the target for the best program (our choice). */
export const DEFAULT_MAX_OFF_TARGET = 0.5;
/** Pulse widths tried (µs), within the generator's envelope (clinical.md §3.2 tonic range). */
const PULSE_WIDTHS_US = [90, 150, 210, 300, 450];
/**
 * Most fibres of any population outside the instant tier's calibration for a candidate to be
 * proposed (our choice: at a lead's end contacts all 200 dorsal-root fibres are, and their instant
 * thresholds read 10–40x the cable model's; mid-array candidates have a few per cent).
 */
const MAX_UNCOVERED_SHARE = 0.1;
/** Most points of the front reported. */
const FRONT_MAX = 24;

export interface ProposalRequest {
  /** dermatomes to cover; default: the plan's pain map */
  target?: PainDermatome[];
  /** dermatomes where paraesthesia is unwanted: none of their fibres may fire */
  avoid?: PainDermatome[];
  /**
   * Most dorsal-root fibres recruited (share of both sides, 0..1); default: the share the plan's
   * own program recruits at its amplitude ("no more dorsal-root recruitment than now")
   */
  maxDorsalRootShare?: number;
  /**
   * Most dorsal-column fibres outside the target recruited (share, 0..1) for the best program;
   * default DEFAULT_MAX_OFF_TARGET (the front shows every trade-off regardless)
   */
  maxOffTargetShare?: number;
  pulseWidthsUs?: number[];
}

export interface ProposedProgram {
  /** the contacts of the program, fractions in whole percent (each polarity sums to 100) */
  contacts: Program['contacts'];
  amplitudeMa: number;
  pulseWidthUs: number;
  /** mean over the target dermatomes of the share of their dorsal-column fibres recruited */
  coverage: number;
  /** target dermatomes with at least COVERED_SHARE of their fibres recruited */
  covered: PainDermatome[];
  /** share of the dorsal-column fibres outside the target recruited (paraesthesia elsewhere) */
  offTargetShare: number;
  /** share of the dorsal-root fibres (both sides) recruited */
  dorsalRootShare: number;
  /** avoid-dermatomes with any fibre recruited */
  avoidReached: PainDermatome[];
  /** charge delivered per second (µC/s): amplitude × pulse width × rate */
  chargeUcPerS: number;
  /** the highest amplitude this configuration may take (envelope, charge density) */
  amplitudeCapMa: number;
  /** the configuration in words */
  label: string;
}

export interface Proposal {
  target: PainDermatome[];
  avoid: PainDermatome[];
  maxDorsalRootShare: number;
  maxOffTargetShare: number;
  /** the plan's own program, scored the same way */
  baseline: ProposedProgram;
  /** the best program meeting the limits (null: none does) */
  best: ProposedProgram | null;
  /** non-dominated programs meeting the limits, by coverage (highest first) */
  front: ProposedProgram[];
  /** candidate configurations × pulse widths whose thresholds were computed */
  evaluated: number;
  elapsedMs: number;
  notes: string[];
}

export interface ProposalOptions {
  cache?: LeadFieldLru;
  populations?: PopulationCache;
  sampling?: SamplingCache;
  shouldCancel?: () => boolean;
  onProgress?: (fraction: number) => void;
}

/** One contact configuration: per contact key index, its signed share (+ cathode, − anode) in %. */
interface Config {
  percent: Int16Array;
  label: string;
}

const keyOf = (k: ContactKey) => `${k.leadId}\u0000${k.contactIndex}`;
const dermKey = (d: PainDermatome) => `${d.root}:${d.side}`;

/** Splits 100 % by `parts` (non-negative, summing to 1 in tenths) into whole percentages. */
function wholePercents(parts: number[]): number[] {
  const raw = parts.map((p) => p * 100);
  const out = raw.map((x) => Math.floor(x + 1e-9));
  let rest = 100 - out.reduce((a, b) => a + b, 0);
  const order = raw.map((x, i) => [x - out[i]!, i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (rest <= 0) break;
    if (parts[i]! > 0) {
      out[i]!++;
      rest--;
    }
  }
  return out;
}

/** Cathode centres and anode guards along each lead, and across two leads. */
function configurations(keys: ContactKey[], leadIds: string[]): Config[] {
  const index = new Map(keys.map((k, i) => [keyOf(k), i]));
  const countOf = (leadId: string) => keys.filter((k) => k.leadId === leadId).length;
  const out: Config[] = [];
  const seen = new Set<string>();
  const push = (cath: Map<number, number>, an: Map<number, number>, label: string) => {
    const percent = new Int16Array(keys.length);
    const c = [...cath.entries()].filter(([, v]) => v > 0);
    const a = [...an.entries()].filter(([, v]) => v > 0);
    if (c.length === 0 || a.length === 0) return;
    const cp = wholePercents(c.map(([, v]) => v));
    const ap = wholePercents(a.map(([, v]) => v));
    c.forEach(([i], j) => (percent[i] = cp[j]!));
    for (const [j, [i]] of a.entries()) {
      if (percent[i] !== 0) return; // a contact cannot be both
      percent[i] = -ap[j]!;
    }
    const sig = percent.join(',');
    if (seen.has(sig)) return;
    seen.add(sig);
    out.push({ percent, label });
  };
  // per lead: the cathode at position p (contact k and k+1 sharing by the fraction of p)
  const along = (leadId: string, p: number, share: number, cath: Map<number, number>) => {
    const k = Math.floor(p + 1e-9);
    const f = Math.round((p - k) * 10) / 10;
    const at = (ci: number) => index.get(keyOf({ leadId, contactIndex: ci }));
    const i0 = at(k);
    if (i0 === undefined) return null;
    cath.set(i0, (cath.get(i0) ?? 0) + share * (1 - f));
    const hiContact = f > 0 ? k + 1 : k;
    if (f > 0) {
      const i1 = at(k + 1);
      if (i1 === undefined) return null;
      cath.set(i1, (cath.get(i1) ?? 0) + share * f);
    }
    return { below: at(k - 1), above: at(hiContact + 1) };
  };
  const guards = [
    ['guarded', true, true],
    ['anode above', false, true],
    ['anode below', true, false],
  ] as const;
  for (const leadId of leadIds) {
    const n = countOf(leadId);
    for (let t = 0; t <= (n - 1) * 10; t++) {
      const p = t / 10;
      for (const [g, useBelow, useAbove] of guards) {
        const cath = new Map<number, number>();
        const nb = along(leadId, p, 1, cath);
        if (!nb) continue;
        const an = new Map<number, number>();
        const sides = [useBelow ? nb.below : undefined, useAbove ? nb.above : undefined].filter(
          (x): x is number => x !== undefined,
        );
        sides.forEach((i) => an.set(i, 1 / sides.length));
        push(cath, an, `${leadLabel(leadId, leadIds)}cathode at contact ${p.toFixed(1)}, ${g}`);
      }
    }
  }
  if (leadIds.length >= 2) {
    const [a, b] = leadIds as [string, string];
    const n = Math.min(countOf(a), countOf(b));
    for (let t = 0; t <= (n - 1) * 10; t++) {
      const p = t / 10;
      for (let s10 = 1; s10 <= 9; s10++) {
        const s = s10 / 10;
        const cath = new Map<number, number>();
        const na = along(a, p, 1 - s, cath);
        const nb = along(b, p, s, cath);
        if (!na || !nb) continue;
        const an = new Map<number, number>();
        const guardsAt: [number | undefined, number][] = [
          [na.below, (1 - s) / 2],
          [na.above, (1 - s) / 2],
          [nb.below, s / 2],
          [nb.above, s / 2],
        ];
        const present = guardsAt.filter((g): g is [number, number] => g[0] !== undefined);
        const total = present.reduce((acc, g) => acc + g[1], 0);
        present.forEach(([i, w]) => an.set(i, (an.get(i) ?? 0) + w / total));
        push(
          cath,
          an,
          `cathode at contact ${p.toFixed(1)}, ${Math.round((1 - s) * 100)} % lead 1 / ${Math.round(s * 100)} % lead 2, guarded`,
        );
      }
    }
  }
  return out;
}

function leadLabel(leadId: string, leadIds: string[]): string {
  return leadIds.length > 1 ? `lead ${leadIds.indexOf(leadId) + 1}: ` : '';
}

interface Scored {
  configIndex: number;
  pulseWidthUs: number;
  points: ProposedProgram[];
}

/**
 * The proposal for an SCS plan. Throws (ScenarioProblem) when the plan's leads or program
 * cannot be estimated, as runScenario does.
 */
export function proposeProgram(
  s: Scenario,
  request: ProposalRequest = {},
  opts: ProposalOptions = {},
): Proposal {
  const t0 = Date.now();
  if (s.therapy !== 'SCS') {
    throw new Error(
      `a program proposal is for spinal cord stimulation plans; this plan is ${s.therapy}`,
    );
  }
  const target = request.target ?? s.painMap;
  if (target.length === 0) throw new Error('a program proposal needs target dermatomes (painMap)');
  const avoid = request.avoid ?? [];
  const popsCache = opts.populations ?? defaultPopulationCache;
  const sampling = opts.sampling ?? defaultSamplingCache;
  const lf = scenarioLeadFields(s, {
    ...(opts.cache ? { cache: opts.cache } : {}),
    axialCanonical: true,
  });
  const { resolved, populations } = popsCache.get(s);
  const labels = fibreDermatomes(resolved, populations);
  const isDc = populations.map((p) => p.id === 'dorsal-columns');
  const isDr = populations.map((p) => p.id.startsWith('dorsal-roots'));
  // the fibres that matter, flattened: per fibre its population, node range and role
  const targetSet = new Set(target.map(dermKey));
  const avoidSet = new Set(avoid.map(dermKey));
  const nContacts = lf.keys.length;
  // unit node potentials per contact, per population (mV per mA of that contact)
  const unit = populations.map((pop) =>
    Array.from({ length: nContacts }, (_c, c) => {
      const w = new Float64Array(nContacts);
      w[c] = 1;
      return programNodePotentials(lf.fields, pop.paths, w, lf.axialShiftMm, sampling);
    }),
  );
  const fibres = populations.map((pop) => sampling.fibresOf(pop.paths));
  // per dermatome: how many dorsal-column fibres carry it
  const perDerm = new Map<string, number>();
  let dcOutside = 0;
  let drTotal = 0;
  populations.forEach((pop, pi) => {
    pop.paths.forEach((_p, i) => {
      const d = labels[pi]![i];
      if (isDc[pi] && d) {
        perDerm.set(dermKey(d), (perDerm.get(dermKey(d)) ?? 0) + 1);
        if (!targetSet.has(dermKey(d))) dcOutside++;
      }
      if (isDr[pi]) drTotal++;
    });
  });
  const notes: string[] = [];
  const unreachable = target.filter((d) => !perDerm.has(dermKey(d)));
  if (unreachable.length) {
    notes.push(
      `no dorsal-column fibre at this lead level carries ${unreachable.map((d) => `${d.root} ${d.side}`).join(', ')} (dermatomes above the lead cannot be reached by dorsal-column stimulation here)`,
    );
  }
  const generator = effectiveGenerator(s.program);
  const env = generator?.envelopes[s.program.waveform.kind];
  const ampMax = env?.amplitudeMa.max ?? 25.5;
  const pwRange = env?.pulseWidthUs ?? { min: 20, max: 1000 };
  const pulseWidths = (request.pulseWidthsUs ?? PULSE_WIDTHS_US).filter(
    (pw) => pw >= pwRange.min && pw <= pwRange.max,
  );
  if (!pulseWidths.includes(s.program.pulseWidthUs)) pulseWidths.push(s.program.pulseWidthUs);
  pulseWidths.sort((a, b) => a - b);

  const contactsOf = (percent: Int16Array): Program['contacts'] => {
    const out: Program['contacts'] = [];
    percent.forEach((v, i) => {
      if (v === 0) return;
      const k = lf.keys[i]!;
      out.push({
        leadId: k.leadId,
        contactIndex: k.contactIndex,
        polarity: v > 0 ? 'cathode' : 'anode',
        fractionPercent: Math.abs(v),
      });
    });
    return out;
  };
  const programOf = (percent: Int16Array, pw: number, amp: number): Program => ({
    ...s.program,
    contacts: contactsOf(percent),
    caseIsReturn: false,
    pulseWidthUs: pw,
    amplitudeMa: amp,
  });
  /** highest amplitude: envelope, and 30 µC/cm² / Shannon k per contact */
  const capOf = (percent: Int16Array, pw: number): number => {
    let cap = ampMax;
    const { contacts } = contactChargeDensities(programOf(percent, pw, 1), s.leads);
    for (const c of contacts) {
      if (c.currentMa > 0)
        cap = Math.min(cap, maxSafeContactCurrentMa(c.areaCm2, pw) / c.currentMa);
    }
    return cap;
  };

  const scratch = new Float64Array(4096);
  /** instant thresholds (mA) of every fibre for signed contact weights (fractions) */
  const uncovered = { count: 0, worst: 0 };
  const thresholdsFor = (weights: Float64Array, spec: WaveformSpec): Float64Array[] =>
    populations.map((pop, pi) => {
      const u = unit[pi]!;
      const ve = new Float64Array(u[0]!.length);
      for (let c = 0; c < nContacts; c++) {
        const w = weights[c]!;
        if (w === 0) continue;
        const uc = u[c]!;
        for (let i = 0; i < ve.length; i++) ve[i]! += w * uc[i]!;
      }
      const sf = fibres[pi]!;
      const out = new Float64Array(pop.paths.length);
      let o = 0;
      let popUncovered = 0;
      sf.fibres.forEach((f, i) => {
        const nodeVe = ve.subarray(o, o + f.nodeCount);
        o += sf.sampledCounts[i]!;
        out[i] = instantThresholdFromNodes(f.model, f.diameterUm, nodeVe, spec, scratch);
        // outside the instant tier's calibration the threshold is not validated (at a lead's end
        // contacts the dorsal roots' instant thresholds read up to 40x the cable model's)
        if (!instantCovers(f.model, f.diameterUm, nodeVe, spec, scratch)) {
          uncovered.count++;
          uncovered.worst = Math.max(uncovered.worst, ++popUncovered / pop.paths.length);
        }
      });
      return out;
    });

  let dropped = 0;
  let baselineUncovered = 0;
  /** the programs of one candidate along its amplitudes (at each new target fibre) */
  const score = (percent: Int16Array, pw: number, only?: number): ProposedProgram[] => {
    const w = Float64Array.from(percent, (v) => v / 100);
    const spec = programWaveform({ ...s, program: { ...s.program, pulseWidthUs: pw } }).spec;
    uncovered.count = 0;
    uncovered.worst = 0;
    const th = thresholdsFor(w, spec);
    // a candidate with more than MAX_UNCOVERED_SHARE of a population outside the instant
    // calibration is not proposed: its numbers could be far off without a sign (the baseline is
    // still scored, and flagged)
    if (only === undefined && uncovered.worst > MAX_UNCOVERED_SHARE) {
      dropped++;
      return [];
    }
    if (only !== undefined) baselineUncovered = uncovered.count;
    const cap = capOf(percent, pw);
    // events: (threshold, kind) sorted; kinds: target dermatome index, outside, root, avoid
    type Ev = {
      t: number;
      derm?: string;
      outside?: boolean;
      root?: boolean;
      avoid?: PainDermatome;
    };
    const ev: Ev[] = [];
    populations.forEach((_pop, pi) => {
      th[pi]!.forEach((t, i) => {
        if (!(t <= cap)) return;
        const d = labels[pi]![i];
        if (isDr[pi]) ev.push({ t, root: true });
        else if (isDc[pi] && d) {
          const k = dermKey(d);
          ev.push({
            t,
            ...(targetSet.has(k) ? { derm: k } : { outside: true }),
            ...(avoidSet.has(k) ? { avoid: d } : {}),
          });
        }
      });
    });
    ev.sort((a, b) => a.t - b.t);
    const got = new Map<string, number>();
    let outside = 0;
    let roots = 0;
    const avoidReached = new Map<string, PainDermatome>();
    const points: ProposedProgram[] = [];
    const contacts = contactsOf(percent);
    const make = (amp: number): ProposedProgram => {
      let sum = 0;
      const covered: PainDermatome[] = [];
      for (const d of target) {
        const n = perDerm.get(dermKey(d)) ?? 0;
        const share = n ? (got.get(dermKey(d)) ?? 0) / n : 0;
        sum += share;
        if (n && share >= COVERED_SHARE) covered.push(d);
      }
      return {
        contacts,
        amplitudeMa: amp,
        pulseWidthUs: pw,
        coverage: sum / target.length,
        covered,
        offTargetShare: dcOutside ? outside / dcOutside : 0,
        dorsalRootShare: drTotal ? roots / drTotal : 0,
        avoidReached: [...avoidReached.values()],
        chargeUcPerS: amp * pw * s.program.rateHz * 1e-3, // mA·µs = nC
        amplitudeCapMa: cap,
        label: '',
      };
    };
    const count = (x: Ev) => {
      if (x.derm) got.set(x.derm, (got.get(x.derm) ?? 0) + 1);
      if (x.outside) outside++;
      if (x.root) roots++;
      if (x.avoid) avoidReached.set(dermKey(x.avoid), x.avoid);
    };
    if (only !== undefined) {
      // one amplitude: every fibre at or below it
      for (const x of ev) {
        if (x.t > only) break;
        count(x);
      }
      return [make(only)];
    }
    for (let e = 0; e < ev.length; e++) {
      const x = ev[e]!;
      count(x);
      // a point once every fibre at this amplitude is counted, where a target fibre joined
      if (x.derm && (e + 1 === ev.length || ev[e + 1]!.t > x.t)) {
        // 0.1 % above the threshold: the amplitude the point is read at fires it
        points.push(make(Math.min(cap, x.t * 1.001)));
      }
    }
    return points;
  };

  // the plan's own program, scored the same way
  const basePercent = new Int16Array(nContacts);
  const index = new Map(lf.keys.map((k, i) => [keyOf(k), i]));
  for (const c of s.program.contacts) {
    const i = index.get(keyOf(c));
    if (i === undefined || c.polarity === 'off') continue;
    basePercent[i] = (c.polarity === 'cathode' ? 1 : -1) * Math.round(c.fractionPercent);
  }
  const baseline = {
    ...score(basePercent, s.program.pulseWidthUs, s.program.amplitudeMa)[0]!,
    contacts: s.program.contacts,
    label: 'the plan’s program',
  };
  const maxDr = request.maxDorsalRootShare ?? baseline.dorsalRootShare;
  const allowed = (p: ProposedProgram) =>
    p.dorsalRootShare <= maxDr + 1e-12 && p.avoidReached.length === 0;

  const leadIds = [...new Set(lf.keys.map((k) => k.leadId))];
  const configs = configurations(lf.keys, leadIds);
  let evaluated = 0;
  const total = configs.length + SECOND_PASS_CONFIGS * pulseWidths.length;
  const step = () => {
    evaluated++;
    if (opts.shouldCancel?.()) throw new Error('proposal cancelled');
    opts.onProgress?.(Math.min(1, evaluated / total));
  };
  // pass 1: every configuration at the plan's pulse width
  const first: Scored[] = configs.map((c, ci) => {
    step();
    return {
      configIndex: ci,
      pulseWidthUs: s.program.pulseWidthUs,
      points: score(c.percent, s.program.pulseWidthUs),
    };
  });
  const bestOf = (sc: Scored) =>
    sc.points
      .filter(allowed)
      .reduce((b, p) => (better(p, b) ? p : b), null as ProposedProgram | null);
  const ranked = first
    .map((sc) => ({ sc, b: bestOf(sc) }))
    .filter((x) => x.b !== null)
    .sort((x, y) => (better(x.b!, y.b!) ? -1 : better(y.b!, x.b!) ? 1 : 0))
    .slice(0, SECOND_PASS_CONFIGS);
  // pass 2: the best configurations at every pulse width
  const second: Scored[] = [];
  for (const { sc } of ranked) {
    for (const pw of pulseWidths) {
      if (pw === sc.pulseWidthUs) continue;
      step();
      second.push({
        configIndex: sc.configIndex,
        pulseWidthUs: pw,
        points: score(configs[sc.configIndex]!.percent, pw),
      });
    }
  }
  const candidates: ProposedProgram[] = [];
  for (const sc of [...first, ...second]) {
    for (const p of sc.points) {
      if (!allowed(p)) continue;
      candidates.push({
        ...p,
        label: `${configs[sc.configIndex]!.label}, ${sc.pulseWidthUs} µs, ${p.amplitudeMa.toFixed(2)} mA`,
      });
    }
  }
  const fullFront = paretoFront(candidates).sort(
    (a, b) =>
      b.coverage - a.coverage ||
      a.offTargetShare - b.offTargetShare ||
      a.chargeUcPerS - b.chargeUcPerS,
  );
  const maxOff = request.maxOffTargetShare ?? DEFAULT_MAX_OFF_TARGET;
  const best = fullFront
    .filter((p) => p.offTargetShare <= maxOff + 1e-12)
    .reduce((b, p) => (better(p, b) ? p : b), null as ProposedProgram | null);
  // the front thinned evenly along coverage to FRONT_MAX points, the best one always among them
  const front =
    fullFront.length <= FRONT_MAX
      ? fullFront
      : fullFront.filter(
          (p, i) =>
            p === best ||
            Math.floor((i * (FRONT_MAX - 1)) / (fullFront.length - 1)) !==
              Math.floor(((i - 1) * (FRONT_MAX - 1)) / (fullFront.length - 1)),
        );
  if (!best && front.length) {
    notes.push(
      `no program keeps paraesthesia outside the target to ${Math.round(maxOff * 100)} % of its fibres; the front shows what each program trades`,
    );
  }
  if (dropped > 0) {
    notes.push(
      `${dropped} of ${evaluated} candidates left out: over ${MAX_UNCOVERED_SHARE * 100} % of a population's fibres lie outside the instant tier's calibration (typically a cathode on a lead's end contact, with its peak drive at the dorsal roots' ends), so their thresholds are not validated`,
    );
  }
  if (baselineUncovered > 0) {
    notes.push(
      `the plan's own program has ${baselineUncovered} fibres outside the instant tier's calibration: its scores here are not validated (the full model's are)`,
    );
  }
  notes.push(
    'instant tier: thresholds from the calibrated activating function; apply a program and let the full model confirm it',
  );
  return {
    target,
    avoid,
    maxDorsalRootShare: maxDr,
    maxOffTargetShare: maxOff,
    baseline,
    best,
    front,
    evaluated,
    elapsedMs: Date.now() - t0,
    notes,
  };
}

/** Better: more coverage; then less paraesthesia outside the target; then less charge. */
function better(a: ProposedProgram, b: ProposedProgram | null): boolean {
  if (!b) return true;
  const eps = 1e-9;
  if (a.coverage > b.coverage + eps) return true;
  if (a.coverage < b.coverage - eps) return false;
  if (a.offTargetShare < b.offTargetShare - eps) return true;
  if (a.offTargetShare > b.offTargetShare + eps) return false;
  return a.chargeUcPerS < b.chargeUcPerS;
}

/** Non-dominated: no other point is at least as good on all four and better on one. */
export function paretoFront(points: ProposedProgram[]): ProposedProgram[] {
  const dominates = (a: ProposedProgram, b: ProposedProgram) =>
    a.coverage >= b.coverage &&
    a.offTargetShare <= b.offTargetShare &&
    a.dorsalRootShare <= b.dorsalRootShare &&
    a.chargeUcPerS <= b.chargeUcPerS &&
    (a.coverage > b.coverage ||
      a.offTargetShare < b.offTargetShare ||
      a.dorsalRootShare < b.dorsalRootShare ||
      a.chargeUcPerS < b.chargeUcPerS);
  // coarse first: sort by coverage so most dominated points fall early
  const sorted = [...points].sort((a, b) => b.coverage - a.coverage);
  const front: ProposedProgram[] = [];
  for (const p of sorted) {
    if (front.some((q) => dominates(q, p))) continue;
    for (let i = front.length - 1; i >= 0; i--) if (dominates(p, front[i]!)) front.splice(i, 1);
    front.push(p);
  }
  return front;
}

/**
 * A result's coverage of target dermatomes by the proposal's rule (shares of each dermatome's
 * dorsal-column fibres that fire; paraesthesia outside the target; dorsal-root share): how the
 * full tier confirms a proposed program, and how a plan's result reads against a pain map.
 */
export function resultCoverage(
  s: Scenario,
  result: RunResult,
  target: PainDermatome[],
  populations: PopulationCache = defaultPopulationCache,
): Pick<ProposedProgram, 'coverage' | 'covered' | 'offTargetShare' | 'dorsalRootShare'> & {
  /** per target dermatome: share of its dorsal-column fibres that fire */
  shares: { dermatome: PainDermatome; share: number; fibres: number }[];
} {
  const { resolved, populations: pops } = populations.get(s);
  const labels = fibreDermatomes(resolved, pops);
  const targetSet = new Set(target.map(dermKey));
  const all = new Map<string, number>();
  const fired = new Map<string, number>();
  let outside = 0;
  let outsideFired = 0;
  let roots = 0;
  let rootsFired = 0;
  result.populations.forEach((pop, pi) => {
    const id = pops[pi]?.id ?? pop.id;
    pop.activated.forEach((a, i) => {
      if (id.startsWith('dorsal-roots')) {
        roots++;
        if (a) rootsFired++;
        return;
      }
      const d = labels[pi]?.[i];
      if (id !== 'dorsal-columns' || !d) return;
      const k = dermKey(d);
      all.set(k, (all.get(k) ?? 0) + 1);
      if (a) fired.set(k, (fired.get(k) ?? 0) + 1);
      if (!targetSet.has(k)) {
        outside++;
        if (a) outsideFired++;
      }
    });
  });
  const shares = target.map((d) => {
    const n = all.get(dermKey(d)) ?? 0;
    return { dermatome: d, fibres: n, share: n ? (fired.get(dermKey(d)) ?? 0) / n : 0 };
  });
  return {
    coverage: shares.length ? shares.reduce((a, x) => a + x.share, 0) / shares.length : NaN,
    covered: shares.filter((x) => x.fibres && x.share >= COVERED_SHARE).map((x) => x.dermatome),
    offTargetShare: outside ? outsideFired / outside : 0,
    dorsalRootShare: roots ? rootsFired / roots : 0,
    shares,
  };
}
