/**
 * Program-editor logic, free of React: polarity cycling, current-fraction rebalancing, waveform
 * family presets, and the one way the editor changes the scenario — `applyProgramEdit`, which
 * goes through the planner store's `update` and refuses an edit that the schema rejects or that
 * takes the program outside the generator's envelope (checkProgram errors).
 */
import type {
  ContactSetting,
  FieldIssue,
  GroupContact,
  LeadPlacement,
  Program,
  Scenario,
  Therapy,
  Waveform,
} from '../../../models/scenario.ts';
import { parseScenario } from '../../../models/scenario.ts';
import {
  GENERATOR_CATALOGUE,
  LEAD_CATALOGUE,
  contactGeometry,
  effectiveGenerator,
  findLead,
  type ContactGeometry,
  type Generator,
  type LeadCatalogEntry,
  type WaveformEnvelope,
  type WaveformFamily,
} from '../../../models/devices/index.ts';
import {
  buildPulseTrain,
  checkProgram,
  formatNumber,
  previewWindowUs,
  sampleWaveform,
  apportion,
  equalPerMille,
  fromPerMille,
  rescalePerMille,
  toPerMille,
  type Finding,
} from '../../../models/stimulation/index.ts';
import { usePlanner } from '../store.ts';

export type Polarity = ContactSetting['polarity'];
export type ActivePolarity = Exclude<Polarity, 'off'>;

/** Click order of a contact, as on clinician programmers: off → cathode → anode → off. */
const NEXT_POLARITY: Record<Polarity, Polarity> = {
  off: 'cathode',
  cathode: 'anode',
  anode: 'off',
};

export function nextPolarity(p: Polarity): Polarity {
  return NEXT_POLARITY[p];
}

export function polarityOf(
  contacts: readonly ContactSetting[],
  leadId: string,
  contactIndex: number,
): Polarity {
  return (
    contacts.find((c) => c.leadId === leadId && c.contactIndex === contactIndex)?.polarity ?? 'off'
  );
}

/** Fractions are kept to 0.1 % as whole per-mille, each polarity summing to exactly 1000 ‰. */
const roundTenth = (x: number) => Math.round(x * 10) / 10;

/** n equal shares of 100 % in 0.1 % steps, summing to 100 (the first few take the remainder). */
export function equalShares(n: number): number[] {
  return equalPerMille(n).map(fromPerMille);
}

/**
 * Scales `values` (%) to sum to `total` (%) in 0.1 % steps, exactly (equal split when they sum
 * to 0); values equal but for an equal split's remainder stay equal (33.4 : 33.3 → 50 : 50).
 */
function scaleTo(values: readonly number[], total: number): number[] {
  if (values.length === 0) return [];
  const perMille = values.map(toPerMille);
  const target = toPerMille(total);
  const scaled = perMille.every((v) => v === 0)
    ? apportion(new Array<number>(values.length).fill(1), target)
    : rescalePerMille(perMille, target);
  return scaled.map(fromPerMille);
}

/** Sum of the fractions of each active polarity, %. */
export function polaritySums(contacts: readonly ContactSetting[]): Record<ActivePolarity, number> {
  const sum = (p: ActivePolarity) =>
    contacts.filter((c) => c.polarity === p).reduce((s, c) => s + c.fractionPercent, 0);
  return { cathode: sum('cathode'), anode: sum('anode') };
}

/** Every contact of a polarity, in program order, rescaled (proportionally) to 100 %. */
function renormalise(
  contacts: ContactSetting[],
  polarity: ActivePolarity,
  equal: boolean,
): ContactSetting[] {
  const idx = contacts.flatMap((c, i) => (c.polarity === polarity ? [i] : []));
  const shares = equal
    ? equalShares(idx.length)
    : scaleTo(
        idx.map((i) => contacts[i]?.fractionPercent ?? 0),
        100,
      );
  const out = contacts.slice();
  idx.forEach((i, k) => {
    const c = out[i];
    if (c) out[i] = { ...c, fractionPercent: shares[k] ?? 0 };
  });
  return out;
}

export interface ProgramEdit {
  program: Program;
  /** what the edit did beyond the obvious (fraction held at 100 %, a step from typed shares) */
  notes: string[];
  /** why the edit is not made (applyProgramEdit refuses it with this reason) */
  refused?: string;
}

/**
 * Sets one contact's polarity. The polarity it joins is rebalanced to equal shares; the one it
 * leaves keeps its proportions, rescaled to 100 %. A contact set to off is removed from the
 * list. The case return is the user's alone: an edit that would leave only one polarity on
 * the leads while the case is not the return is refused with the reason, never made by
 * turning the case on.
 */
export function withPolarity(
  program: Program,
  leadId: string,
  contactIndex: number,
  polarity: Polarity,
): ProgramEdit {
  const before = polarityOf(program.contacts, leadId, contactIndex);
  if (before === polarity) return { program, notes: [] };
  let contacts = program.contacts.filter(
    (c) => !(c.leadId === leadId && c.contactIndex === contactIndex),
  );
  if (before !== 'off') contacts = renormalise(contacts, before, false);
  if (polarity !== 'off') {
    contacts = renormalise(
      [...contacts, { leadId, contactIndex, polarity, fractionPercent: 0 }],
      polarity,
      true,
    );
  }
  const hasCathode = contacts.some((c) => c.polarity === 'cathode');
  const hasAnode = contacts.some((c) => c.polarity === 'anode');
  const next = { ...program, contacts };
  if (hasCathode !== hasAnode && !program.caseIsReturn) {
    const only = hasCathode ? 'cathodes' : 'anodes';
    return {
      program: next,
      notes: [],
      refused: `Only ${only} would be left on the leads and the case is not the return: tick “Case is return (monopolar)” first, or make another contact ${hasCathode ? 'an anode' : 'a cathode'}`,
    };
  }
  return { program: next, notes: [] };
}

/** Cycles a contact off → cathode → anode → off. */
export function cyclePolarity(program: Program, leadId: string, contactIndex: number): ProgramEdit {
  return withPolarity(
    program,
    leadId,
    contactIndex,
    nextPolarity(polarityOf(program.contacts, leadId, contactIndex)),
  );
}

/**
 * Sets one active contact's share of its polarity; the other contacts of that polarity share
 * the rest in their current proportions, so the polarity stays at 100 %.
 */
export function withFraction(
  program: Program,
  leadId: string,
  contactIndex: number,
  fractionPercent: number,
): ProgramEdit {
  const target = program.contacts.find(
    (c) => c.leadId === leadId && c.contactIndex === contactIndex,
  );
  if (!target || target.polarity === 'off') return { program, notes: [] };
  const polarity = target.polarity;
  const peers = program.contacts.filter((c) => c !== target && c.polarity === polarity);
  if (peers.length === 0) {
    return {
      program,
      notes: [`The only ${polarity} carries 100 % of the ${polarity} current.`],
    };
  }
  const value = roundTenth(Math.min(100, Math.max(0, fractionPercent)));
  const rest = scaleTo(
    peers.map((c) => c.fractionPercent),
    roundTenth(100 - value),
  );
  let k = 0;
  const contacts = program.contacts.map((c) => {
    if (c === target) return { ...c, fractionPercent: value };
    if (c.polarity !== polarity) return c;
    return { ...c, fractionPercent: rest[k++] ?? 0 };
  });
  return { program: { ...program, contacts }, notes: [] };
}

/** Generators for a therapy; the scenario's own generator is kept in the list even if it is not. */
export function generatorsFor(therapy: Therapy, currentId?: string): Generator[] {
  return GENERATOR_CATALOGUE.filter((g) => g.therapies.includes(therapy) || g.id === currentId);
}

export const FAMILY_LABELS: Record<WaveformFamily, string> = {
  tonic: 'Tonic',
  burst: 'Burst',
  khz: '10 kHz (high frequency)',
  multiplexed: 'Multiplexed',
  'closed-loop': 'Closed loop (ECAP)',
};

export function supportedFamilies(generator: Generator | undefined): WaveformFamily[] {
  if (!generator) return ['tonic'];
  return (Object.keys(FAMILY_LABELS) as WaveformFamily[]).filter(
    (k) => generator.envelopes[k] !== undefined,
  );
}

export function envelopeOf(
  generator: Generator | undefined,
  kind: WaveformFamily,
): WaveformEnvelope | undefined {
  return generator?.envelopes[kind];
}

/** Tonic defaults: Boston WaveWriter 40 Hz, 210 µs (clinical.md §3.1, §3.5). */
const TONIC_RATE_HZ = 40;
const TONIC_PULSE_WIDTH_US = 210;
/** BurstDR: 5 pulses of 1000 µs at 500 Hz, bursts at 40 Hz, passive recharge (clinical.md §3.1). */
const BURST_PRESET = { pulsesPerBurst: 5, intraBurstRateHz: 500, rateHz: 40, pulseWidthUs: 1000 };
/** HF10: 10 kHz, 30 µs (clinical.md §3.1). */
const KHZ_PRESET = { frequencyHz: 10_000, pulseWidthUs: 30 };
/** Closed-loop ECAP target, e.g. 50 µV (clinical.md §3.1, Saluda Evoke). */
const ECAP_TARGET_UV = 50;

/** The program's active contacts as group entries, by lead then contact. */
export function activeGroupContacts(program: Program): GroupContact[] {
  return program.contacts
    .filter((c) => c.polarity !== 'off')
    .map((c) => ({ leadId: c.leadId, contactIndex: c.contactIndex }))
    .sort((a, b) =>
      a.leadId === b.leadId ? a.contactIndex - b.contactIndex : a.leadId < b.leadId ? -1 : 1,
    );
}

/**
 * Switches the waveform family, applying that family's usual parameters where the current ones
 * would not make sense (a 30 µs, 10 kHz program turned tonic goes back to 210 µs, 40 Hz).
 */
export function withWaveformFamily(program: Program, kind: WaveformFamily): ProgramEdit {
  if (program.waveform.kind === kind) return { program, notes: [] };
  const fromKhz = program.waveform.kind === 'khz';
  const base = fromKhz
    ? { pulseWidthUs: TONIC_PULSE_WIDTH_US, rateHz: TONIC_RATE_HZ }
    : { pulseWidthUs: program.pulseWidthUs, rateHz: program.rateHz };
  let waveform: Waveform;
  const notes: string[] = [];
  switch (kind) {
    case 'tonic':
      waveform = { kind, shape: 'biphasic-cathodic-first', interphaseUs: 20 };
      break;
    case 'burst':
      waveform = {
        kind,
        pulsesPerBurst: BURST_PRESET.pulsesPerBurst,
        intraBurstRateHz: BURST_PRESET.intraBurstRateHz,
        recharge: 'passive',
      };
      base.rateHz = BURST_PRESET.rateHz;
      base.pulseWidthUs = BURST_PRESET.pulseWidthUs;
      notes.push('Burst preset (BurstDR): 5 × 1000 µs pulses at 500 Hz, bursts at 40 Hz.');
      break;
    case 'khz':
      waveform = { kind, frequencyHz: KHZ_PRESET.frequencyHz };
      base.rateHz = KHZ_PRESET.frequencyHz;
      base.pulseWidthUs = KHZ_PRESET.pulseWidthUs;
      notes.push('10 kHz preset: 30 µs biphasic pulses at 10 000 Hz.');
      break;
    case 'multiplexed': {
      const contacts = activeGroupContacts(program);
      waveform = { kind, groups: [{ contacts, rateHz: base.rateHz }] };
      break;
    }
    case 'closed-loop':
      waveform = { kind, targetEcapUv: ECAP_TARGET_UV, updateRateHz: base.rateHz };
      break;
  }
  return { program: { ...program, ...base, waveform }, notes };
}

/** Switches generator; a waveform family the new one lacks becomes tonic. */
export function withGenerator(program: Program, generator: Generator): ProgramEdit {
  // the user's limits belong to the generator they were entered for
  const { generatorOverrides: _dropped, ...rest } = program;
  const next = { ...rest, generatorId: generator.id };
  if (generator.envelopes[program.waveform.kind]) return { program: next, notes: [] };
  const edit = withWaveformFamily(next, 'tonic');
  return {
    program: edit.program,
    notes: [
      `${generator.displayName} has no ${FAMILY_LABELS[program.waveform.kind]} mode: the program is now tonic.`,
      ...edit.notes,
    ],
  };
}

export interface RefusalReason {
  message: string;
  /** where the limit comes from */
  source?: string;
}

export type EditOutcome =
  { applied: true; notes: string[] } | { applied: false; field: string; reasons: RefusalReason[] };

const findingKey = (f: Finding) => `${f.code}@${f.field}`;

/** checkProgram on a whole scenario ([] plus an error when its generator is unknown). */
export function scenarioFindings(scenario: Scenario): Finding[] {
  const generator = effectiveGenerator(scenario.program);
  if (!generator) {
    return [
      {
        severity: 'error',
        code: 'unknown-generator',
        field: 'program.generatorId',
        message: `Generator "${scenario.program.generatorId}" is not in the generator catalogue`,
      },
    ];
  }
  return checkProgram(scenario.program, scenario.leads, LEAD_CATALOGUE, generator);
}

/** Errors in `after` that `before` did not have: what an edit would newly break. */
export function newErrors(before: Scenario, after: Scenario): Finding[] {
  const had = new Set(
    scenarioFindings(before)
      .filter((f) => f.severity === 'error')
      .map(findingKey),
  );
  return scenarioFindings(after).filter((f) => f.severity === 'error' && !had.has(findingKey(f)));
}

function issueReason(issue: FieldIssue): RefusalReason {
  return { message: `${issue.message} (${issue.path})` };
}

type PlannerStore = Pick<typeof usePlanner, 'getState'>;

/**
 * Applies an edit to the program through the planner store. Refused, and the scenario left as
 * it was, when the result fails the schema or adds a checkProgram error (an envelope limit, a
 * pulse that no longer fits its period, …); warnings such as a charge density over 30 µC/cm²
 * are applied and flagged by the panels. `field` names the control the edit came from.
 */
export function applyProgramEdit(
  field: string,
  edit: (program: Program) => ProgramEdit | Program,
  store: PlannerStore = usePlanner,
): EditOutcome {
  const before = store.getState().scenario;
  const result = edit(structuredClone(before.program));
  if ('program' in result && result.refused !== undefined) {
    return { applied: false, field, reasons: [{ message: result.refused }] };
  }
  const { program, notes } = 'program' in result ? result : { program: result, notes: [] };
  const candidate: Scenario = { ...before, program };
  const parsed = parseScenario(candidate);
  if (!parsed.ok) return { applied: false, field, reasons: parsed.issues.map(issueReason) };
  const broken = newErrors(before, parsed.value);
  if (broken.length > 0) {
    return {
      applied: false,
      field,
      reasons: broken.map((f) => ({
        message: f.message,
        ...(f.limit ? { source: f.limit.source } : {}),
      })),
    };
  }
  const issues = store.getState().update(() => candidate);
  if (issues.length > 0) return { applied: false, field, reasons: issues.map(issueReason) };
  return { applied: true, notes };
}

/** The findings to show beside a control: its own field, or (prefix) anything under it. */
export function findingsFor(
  findings: readonly Finding[],
  field: string,
  prefix = false,
): Finding[] {
  return findings.filter((f) => f.field === field || (prefix && f.field.startsWith(`${field}.`)));
}

export interface LeadLayout {
  lead: LeadPlacement;
  label: string;
  entry: LeadCatalogEntry | undefined;
  contacts: ContactGeometry[];
  kind: 'rings' | 'paddle';
  /** paddles: grid size in half-row units (staggered columns sit half a row lower) */
  columns: number;
  rows: number;
  /** per contact: 1-based grid column and row, row span */
  cells: { column: number; row: number; rowSpan: number }[];
}

/** Where each contact of a lead goes in the editor grid: rings in one column from the tip, pads as on the paddle. */
export function leadLayout(lead: LeadPlacement, index: number): LeadLayout {
  const label = lead.label || `Lead ${index + 1}`;
  const entry = findLead(lead.catalogId);
  const contacts = entry ? contactGeometry(entry, lead) : [];
  const isPaddle = contacts.some((c) => c.kind === 'pad');
  if (!isPaddle) {
    return {
      lead,
      label,
      entry,
      contacts,
      kind: 'rings',
      columns: 1,
      rows: contacts.length,
      cells: contacts.map((_, i) => ({ column: 1, row: i + 1, rowSpan: 1 })),
    };
  }
  const along = [...new Set(contacts.map((c) => Math.round(c.alongMm * 1000) / 1000))].sort(
    (a, b) => a - b,
  );
  let unitMm = Infinity;
  for (let i = 1; i < along.length; i++) {
    unitMm = Math.min(unitMm, (along[i] ?? 0) - (along[i - 1] ?? 0));
  }
  if (!Number.isFinite(unitMm) || unitMm <= 0) unitMm = 1;
  // a pad spans one row pitch: the smallest step within a column
  let pitchMm = Infinity;
  for (const c of contacts) {
    for (const d of contacts) {
      if (c.column === d.column && d.alongMm > c.alongMm) {
        pitchMm = Math.min(pitchMm, d.alongMm - c.alongMm);
      }
    }
  }
  const rowSpan = Number.isFinite(pitchMm) ? Math.max(1, Math.round(pitchMm / unitMm)) : 1;
  const cells = contacts.map((c) => ({
    column: (c.column ?? 0) + 1,
    row: Math.round((c.alongMm - (along[0] ?? 0)) / unitMm) + 1,
    rowSpan,
  }));
  return {
    lead,
    label,
    entry,
    contacts,
    kind: 'paddle',
    columns: Math.max(...cells.map((c) => c.column)),
    rows: Math.max(...cells.map((c) => c.row + c.rowSpan - 1)),
    cells,
  };
}

export function contactName(leadLabel: string, contactIndex: number): string {
  return `${leadLabel} contact ${contactIndex}`;
}

export interface PreviewSeries {
  label: string;
  /** current at the group's cathodes, mA (cathodic negative) */
  currentMa: Float64Array;
}

export interface WaveformPreviewData {
  timeMs: Float64Array;
  series: PreviewSeries[];
  windowUs: number;
  dtUs: number;
  /** one-sentence description for assistive technology */
  description: string;
}

/** Samples in a preview: enough to resolve a pulse, few enough to redraw while a slider moves. */
const PREVIEW_TARGET_SAMPLES = 2000;
const PREVIEW_MAX_SAMPLES = 20_000;
/** At least this many samples across one pulse width, when the cap allows. */
const SAMPLES_PER_PULSE = 8;

function waveformWords(program: Program): string {
  const w = program.waveform;
  switch (w.kind) {
    case 'tonic':
      return `tonic ${w.shape.replace(/-/g, ' ')}`;
    case 'burst':
      return `burst of ${w.pulsesPerBurst} pulses at ${formatNumber(w.intraBurstRateHz)} Hz, ${w.recharge} recharge`;
    case 'khz':
      return `${formatNumber(w.frequencyHz)} Hz biphasic`;
    case 'multiplexed':
      return `multiplexed, ${w.groups.length} group${w.groups.length === 1 ? '' : 's'} firing in turn`;
    case 'closed-loop':
      return `closed loop, ECAP target ${formatNumber(w.targetEcapUv)} µV, biphasic`;
  }
}

/** The program's sampled waveform (mA against ms) per contact group, over previewWindowUs. */
export function previewSeries(program: Program): WaveformPreviewData {
  const windowUs = previewWindowUs(program);
  const dtUs = Math.max(
    windowUs / PREVIEW_MAX_SAMPLES,
    Math.min(windowUs / PREVIEW_TARGET_SAMPLES, program.pulseWidthUs / SAMPLES_PER_PULSE),
  );
  const train = buildPulseTrain(program, { windowUs });
  const n = Math.max(0, Math.round(windowUs / dtUs));
  const timeMs = Float64Array.from({ length: n }, (_, i) => (i * dtUs) / 1000);
  const series = train.groups.map((g, gi) => {
    const s = sampleWaveform(train, dtUs, windowUs, gi);
    const currentMa = s.map((v) => v * program.amplitudeMa);
    return { label: train.groups.length > 1 ? `Group ${gi + 1}` : 'Current', currentMa };
  });
  const pulses = train.groups.reduce((s, g) => s + g.pulseCount, 0);
  const rate =
    program.waveform.kind === 'multiplexed' || program.waveform.kind === 'khz'
      ? ''
      : `, ${formatNumber(program.rateHz)} Hz`;
  const description =
    `Waveform preview: ${waveformWords(program)}, ${formatNumber(program.amplitudeMa)} mA, ` +
    `${formatNumber(program.pulseWidthUs)} µs${rate}; ${pulses} pulse${pulses === 1 ? '' : 's'} ` +
    `in ${formatNumber(windowUs / 1000)} ms; current at the cathodes, cathodic negative.`;
  return { timeMs, series, windowUs, dtUs, description };
}
