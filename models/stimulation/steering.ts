/**
 * Current steering as on a clinician programmer: the field of one polarity (the cathodes, or
 * the anodes when the user steers those) is a bar of current of `width` contact pitches centred
 * at a point on the contact array; up/down move the centre along the lead(s) by a tenth of a
 * pitch, left/right across the leads (or paddle columns) by a tenth of the way to the next one,
 * widen/focus add or remove a pitch of width. Each contact's share is the part of the bar over
 * its cell (README, "Steering"), in whole per-mille summing to exactly 1000 ‰.
 *
 * The shares are a function of the integer state (centre in tenths, width in pitches), so
 * steps never accumulate rounding and a step back gives back the same shares exactly. A step
 * never changes a contact's polarity (it refuses to put current on a contact of the other
 * polarity), never touches the other polarity's shares and never touches the case return.
 */
import type { ContactSetting, LeadPlacement, Program } from '../scenario.ts';
import { contactGeometry, findLead } from '../devices/index.ts';
import { apportion, fromPerMille, toPerMille, PER_MILLE_TOTAL } from './fractions.ts';

export type SteerPolarity = 'cathode' | 'anode';
export type SteerMove = 'up' | 'down' | 'left' | 'right' | 'widen' | 'focus';
export const STEER_MOVES: readonly SteerMove[] = ['up', 'down', 'left', 'right', 'widen', 'focus'];

/** Tenths of a pitch (along) or of a column gap (across) per step: the 10 % step. */
export const STEPS_PER_PITCH = 10;

/** A contact as the steering lattice sees it. */
export interface SteerContact {
  leadId: string;
  contactIndex: number;
  /** column of the lattice, 0 = the patient's leftmost lead or paddle column */
  column: number;
  /** height of the centre along the array, mm; + towards the first lead's tip ("up") */
  heightMm: number;
  /** extent of its cell along the array, mm (centre ± pitch/2) */
  cellLoMm: number;
  cellHiMm: number;
}

export interface SteerColumn {
  /** lead of the column (the first lead of merged columns) */
  leadId: string;
  /** paddle column on that lead, or undefined for a ring lead */
  paddleColumn: number | undefined;
  /** position across, mm; + to the patient's left */
  acrossMm: number;
  spanLoMm: number;
  spanHiMm: number;
}

export interface SteeringLattice {
  contacts: SteerContact[];
  columns: SteerColumn[];
  /** one pitch: the smallest contact pitch of any column, mm (a step is a tenth of it) */
  pitchMm: number;
}

/** State of one polarity's field: integers, so that shares are exact and steps reversible. */
export interface SteerState {
  /** centre height in tenths of a pitch (heightMm = along · pitchMm / 10) */
  along: number;
  /** centre across in tenths of a column (0 = column 0, 10 = column 1, …) */
  across: number;
  /** length of the bar in pitches, ≥ 1 */
  width: number;
}

type V3 = { x: number; y: number; z: number };
const dot = (a: V3, b: V3) => a.x * b.x + a.y * b.y + a.z * b.z;
const sub = (a: V3, b: V3): V3 => ({ x: a.x - b.x, y: a.y - b.y, z: a.z - b.z });
const scale = (a: V3, k: number): V3 => ({ x: a.x * k, y: a.y * k, z: a.z * k });
const unit = (a: V3): V3 => scale(a, 1 / Math.hypot(a.x, a.y, a.z));
const EPS = 1e-6;
/** Columns closer across than this (mm) are one column (two leads end to end). */
const SAME_COLUMN_MM = 0.5;

/**
 * The leads' contacts laid out for steering: "up" is towards the tip of the first lead, "left"
 * the patient's left (+x of the anatomy frame, projected off the lead axis).
 */
export function steeringLattice(leads: readonly LeadPlacement[]): SteeringLattice {
  const placed = leads.flatMap((lead) => {
    const entry = findLead(lead.catalogId);
    return entry ? contactGeometry(entry, lead).map((c) => ({ lead, c })) : [];
  });
  const first = placed[0];
  if (!first) return { contacts: [], columns: [], pitchMm: 1 };
  const up = scale(first.c.axis, -1);
  const xHat = { x: 1, y: 0, z: 0 };
  let leftRaw = sub(xHat, scale(up, dot(xHat, up)));
  if (Math.hypot(leftRaw.x, leftRaw.y, leftRaw.z) < 1e-6) leftRaw = { x: 0, y: 1, z: 0 };
  const left = unit(leftRaw);
  const origin = { x: first.c.centreMm.xMm, y: first.c.centreMm.yMm, z: first.c.centreMm.zMm };
  const pts = placed.map(({ lead, c }) => {
    const p = sub({ x: c.centreMm.xMm, y: c.centreMm.yMm, z: c.centreMm.zMm }, origin);
    return {
      leadId: lead.id,
      contactIndex: c.contactIndex,
      paddleColumn: c.column,
      heightMm: dot(p, up),
      acrossMm: dot(p, left),
      lengthMm: c.lengthMm,
    };
  });
  // columns: contacts of one lead and paddle column, then merged when they sit at one across
  const groups = new Map<string, typeof pts>();
  for (const p of pts) {
    const key = `${p.leadId}\u0000${p.paddleColumn ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const raw = [...groups.values()].map((g) => ({
    members: g,
    acrossMm: g.reduce((s, p) => s + p.acrossMm, 0) / g.length,
  }));
  raw.sort((a, b) => b.acrossMm - a.acrossMm);
  const merged: (typeof raw)[number][] = [];
  for (const r of raw) {
    const last = merged.at(-1);
    if (last && Math.abs(last.acrossMm - r.acrossMm) < SAME_COLUMN_MM) {
      last.members = [...last.members, ...r.members];
    } else merged.push({ ...r });
  }
  const contacts: SteerContact[] = [];
  const columns: SteerColumn[] = [];
  let pitchMm = Infinity;
  merged.forEach((col, ci) => {
    const sorted = [...col.members].sort((a, b) => b.heightMm - a.heightMm);
    const gaps = sorted.slice(1).map((p, i) => (sorted[i]?.heightMm ?? 0) - p.heightMm);
    const colPitch = gaps.length > 0 ? Math.min(...gaps) : (sorted[0]?.lengthMm ?? 1);
    pitchMm = Math.min(pitchMm, colPitch);
    for (const p of sorted) {
      contacts.push({
        leadId: p.leadId,
        contactIndex: p.contactIndex,
        column: ci,
        heightMm: p.heightMm,
        cellLoMm: p.heightMm - colPitch / 2,
        cellHiMm: p.heightMm + colPitch / 2,
      });
    }
    const head = sorted[0]!;
    columns.push({
      leadId: head.leadId,
      paddleColumn: head.paddleColumn,
      acrossMm: col.acrossMm,
      spanLoMm: Math.min(...sorted.map((p) => p.heightMm)) - colPitch / 2,
      spanHiMm: Math.max(...sorted.map((p) => p.heightMm)) + colPitch / 2,
    });
  });
  return { contacts, columns, pitchMm: Number.isFinite(pitchMm) && pitchMm > 0 ? pitchMm : 1 };
}

const keyOf = (leadId: string, contactIndex: number) => `${leadId}\u0000${contactIndex}`;

/** Weight of each column for a centre `across` tenths (two neighbouring columns share it). */
function columnWeights(lattice: SteeringLattice, across: number): Map<number, number> {
  const lo = Math.floor(across / STEPS_PER_PITCH);
  const rest = across - lo * STEPS_PER_PITCH;
  const w = new Map<number, number>();
  if (rest === 0) w.set(lo, 1);
  else {
    w.set(lo, (STEPS_PER_PITCH - rest) / STEPS_PER_PITCH);
    w.set(lo + 1, rest / STEPS_PER_PITCH);
  }
  for (const c of w.keys()) if (c < 0 || c >= lattice.columns.length) w.delete(c);
  return w;
}

export type PatternResult =
  { ok: true; perMille: Map<string, number> } | { ok: false; reason: 'outside' };

/**
 * Shares of a state, per contact key (only contacts with a share), in whole per-mille summing
 * to 1000; refused when the bar would leave the array of a column it covers (no clipping, so
 * that the current-weighted centre stays where the state says).
 */
export function steeringPattern(lattice: SteeringLattice, state: SteerState): PatternResult {
  if (state.width < 1 || state.across < 0) return { ok: false, reason: 'outside' };
  if (state.across > (lattice.columns.length - 1) * STEPS_PER_PITCH) {
    return { ok: false, reason: 'outside' };
  }
  const centreMm = (state.along * lattice.pitchMm) / STEPS_PER_PITCH;
  const half = (state.width * lattice.pitchMm) / 2;
  const lo = centreMm - half;
  const hi = centreMm + half;
  const cols = columnWeights(lattice, state.across);
  const weights: number[] = [];
  const keys: string[] = [];
  for (const [ci, cw] of cols) {
    const col = lattice.columns[ci]!;
    if (lo < col.spanLoMm - EPS || hi > col.spanHiMm + EPS) return { ok: false, reason: 'outside' };
    const members = lattice.contacts.filter((c) => c.column === ci);
    const overlaps = members.map((c) =>
      Math.max(0, Math.min(hi, c.cellHiMm) - Math.max(lo, c.cellLoMm)),
    );
    const total = overlaps.reduce((s, o) => s + o, 0);
    members.forEach((c, i) => {
      const o = overlaps[i] ?? 0;
      if (o > EPS && total > 0) {
        keys.push(keyOf(c.leadId, c.contactIndex));
        weights.push((cw * o) / total);
      }
    });
  }
  const shares = apportion(weights, PER_MILLE_TOTAL);
  const perMille = new Map<string, number>();
  keys.forEach((k, i) => {
    const s = shares[i] ?? 0;
    if (s > 0) perMille.set(k, s);
  });
  return { ok: true, perMille };
}

/** The polarity's shares in the program, per contact key, in whole per-mille. */
export function programPerMille(program: Program, polarity: SteerPolarity): Map<string, number> {
  const m = new Map<string, number>();
  for (const c of program.contacts) {
    if (c.polarity === polarity)
      m.set(keyOf(c.leadId, c.contactIndex), toPerMille(c.fractionPercent));
  }
  return m;
}

/** Current-weighted centre of one polarity: height (mm, + up) and across (column units). */
export function fieldCentre(
  lattice: SteeringLattice,
  program: Program,
  polarity: SteerPolarity,
): { heightMm: number; column: number } | undefined {
  const shares = programPerMille(program, polarity);
  let total = 0;
  let h = 0;
  let col = 0;
  for (const c of lattice.contacts) {
    const s = shares.get(keyOf(c.leadId, c.contactIndex)) ?? 0;
    total += s;
    h += s * c.heightMm;
    col += s * c.column;
  }
  return total > 0 ? { heightMm: h / total, column: col / total } : undefined;
}

function sameShares(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

export interface SteerReading {
  state: SteerState;
  /** the program's shares are exactly this state's pattern (else: the nearest pattern) */
  exact: boolean;
}

/**
 * The state whose pattern the program's shares are, or else the nearest one (least total
 * per-mille moved), searched around the current-weighted centre. `hint` (the state of the last
 * step) is taken when its pattern is the program's shares: some patterns have two states (a
 * bar of 1 or 2 pitches centred between two contacts both give 50 : 50), and the state of the
 * last step is the one a step back must start from. Undefined when the polarity has no contact
 * on the lattice.
 */
export function readSteerState(
  lattice: SteeringLattice,
  program: Program,
  polarity: SteerPolarity,
  hint?: SteerState,
): SteerReading | undefined {
  const centre = fieldCentre(lattice, program, polarity);
  if (!centre) return undefined;
  const shares = programPerMille(program, polarity);
  if (hint) {
    const p = steeringPattern(lattice, hint);
    if (p.ok && sameShares(p.perMille, shares)) return { state: hint, exact: true };
  }
  const along0 = Math.round((centre.heightMm / lattice.pitchMm) * STEPS_PER_PITCH);
  const across0 = Math.round(centre.column * STEPS_PER_PITCH);
  const spanMm = Math.max(...lattice.columns.map((c) => c.spanHiMm - c.spanLoMm));
  const maxWidth = Math.max(1, Math.round(spanMm / lattice.pitchMm));
  let best: { state: SteerState; cost: number } | undefined;
  for (let width = 1; width <= maxWidth; width++) {
    for (let da = -5; da <= 5; da++) {
      for (let dc = -3; dc <= 3; dc++) {
        const state = { along: along0 + da, across: across0 + dc, width };
        const p = steeringPattern(lattice, state);
        if (!p.ok) continue;
        if (sameShares(p.perMille, shares)) return { state, exact: true };
        let cost = Math.abs(da) * 1e-3 + Math.abs(dc) * 1e-3 + width * 1e-6;
        for (const k of new Set([...p.perMille.keys(), ...shares.keys()])) {
          cost += Math.abs((p.perMille.get(k) ?? 0) - (shares.get(k) ?? 0));
        }
        if (!best || cost < best.cost) best = { state, cost };
      }
    }
  }
  return best ? { state: best.state, exact: false } : undefined;
}

function moved(state: SteerState, move: SteerMove, by = 1): SteerState {
  switch (move) {
    case 'up':
      return { ...state, along: state.along + by };
    case 'down':
      return { ...state, along: state.along - by };
    case 'left':
      return { ...state, across: state.across - by };
    case 'right':
      return { ...state, across: state.across + by };
    case 'widen':
      return { ...state, width: state.width + by };
    case 'focus':
      return { ...state, width: state.width - by };
  }
}

/**
 * The state after a move and its pattern. Widen and focus skip a width whose pattern is the
 * same as now (between two contacts, 1 and 2 pitches both give 50 : 50), so that each press
 * changes the shares.
 */
function nextPattern(
  lattice: SteeringLattice,
  state: SteerState,
  move: SteerMove,
): { state: SteerState; pattern: PatternResult } {
  const first = moved(state, move);
  const pattern = steeringPattern(lattice, first);
  if (move !== 'widen' && move !== 'focus') return { state: first, pattern };
  const now = steeringPattern(lattice, state);
  if (pattern.ok && now.ok && sameShares(pattern.perMille, now.perMille)) {
    const second = moved(state, move, 2);
    return { state: second, pattern: steeringPattern(lattice, second) };
  }
  return { state: first, pattern };
}

export interface ContactNamer {
  (leadId: string, contactIndex: number): string;
}

export type SteerOutcome =
  | { ok: true; program: Program; state: SteerState; fromNearest: boolean }
  | { ok: false; reason: string };

const NAME_OF_POLARITY = { cathode: 'cathodes', anode: 'anodes' } as const;
const OTHER = { cathode: 'anode', anode: 'cathode' } as const;

function whyOutside(lattice: SteeringLattice, move: SteerMove, state: SteerState): string {
  switch (move) {
    case 'up':
      return 'the field already reaches the top end of the array';
    case 'down':
      return 'the field already reaches the bottom end of the array';
    case 'left':
    case 'right':
      if (lattice.columns.length < 2) return 'one lead with one column: nothing to steer across to';
      return `the field is already on the ${move}most ${lattice.columns.length === 2 ? 'lead' : 'column'}`;
    case 'widen':
      return 'the field cannot be wider here without leaving the array (step it towards the middle first)';
    case 'focus':
      return state.width <= 1
        ? 'the field is already as focused as one contact'
        : 'it would leave the array';
  }
}

/**
 * One steering step of one polarity. The other polarity, every contact's polarity and the case
 * return are kept; contacts of the steered polarity left with no share are switched off; an
 * off contact that receives share joins the steered polarity.
 */
export interface SteerOptions {
  /** the state of the last step (readSteerState `hint`) */
  hint?: SteerState;
  /** how a contact is named in a reason */
  name?: ContactNamer;
}

const defaultName: ContactNamer = (leadId, i) => `${leadId} contact ${i}`;

export function steer(
  program: Program,
  lattice: SteeringLattice,
  polarity: SteerPolarity,
  move: SteerMove,
  { hint, name = defaultName }: SteerOptions = {},
): SteerOutcome {
  const reading = readSteerState(lattice, program, polarity, hint);
  if (!reading) return { ok: false, reason: `no ${polarity} on the leads to steer` };
  const { state: next, pattern } = nextPattern(lattice, reading.state, move);
  if (!pattern.ok) return { ok: false, reason: whyOutside(lattice, move, reading.state) };
  const other = OTHER[polarity];
  for (const c of program.contacts) {
    if (c.polarity === other && pattern.perMille.has(keyOf(c.leadId, c.contactIndex))) {
      return {
        ok: false,
        reason: `${name(c.leadId, c.contactIndex)} is an ${other}: the ${NAME_OF_POLARITY[polarity]} do not move onto it (steer the ${NAME_OF_POLARITY[other]} or switch it off first)`,
      };
    }
  }
  const contacts: ContactSetting[] = [];
  const placed = new Set<string>();
  for (const c of program.contacts) {
    if (c.polarity !== polarity) {
      contacts.push(c);
      continue;
    }
    const key = keyOf(c.leadId, c.contactIndex);
    const share = pattern.perMille.get(key);
    if (share === undefined) continue;
    contacts.push({ ...c, fractionPercent: fromPerMille(share) });
    placed.add(key);
  }
  for (const c of lattice.contacts) {
    const key = keyOf(c.leadId, c.contactIndex);
    const share = pattern.perMille.get(key);
    if (share === undefined || placed.has(key)) continue;
    contacts.push({
      leadId: c.leadId,
      contactIndex: c.contactIndex,
      polarity,
      fractionPercent: fromPerMille(share),
    });
  }
  return { ok: true, program: { ...program, contacts }, state: next, fromNearest: !reading.exact };
}

/** Which of the six moves can be taken now, and why not. */
export function steerMoves(
  program: Program,
  lattice: SteeringLattice,
  polarity: SteerPolarity,
  options: SteerOptions = {},
): Record<SteerMove, { ok: true } | { ok: false; reason: string }> {
  const out = {} as Record<SteerMove, { ok: true } | { ok: false; reason: string }>;
  for (const m of STEER_MOVES) {
    const r = steer(program, lattice, polarity, m, options);
    out[m] = r.ok ? { ok: true } : { ok: false, reason: r.reason };
  }
  return out;
}
