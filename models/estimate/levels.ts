/**
 * SCS placement by vertebral interspace and by span, the lead's levels in words, and two
 * leads offset by typed amounts. Pure functions on a Scenario, shared by the planner and the
 * CLI.
 *
 * Level extents come from `vertebralLevelPositions` (models/anatomy/spine.ts): each level is
 * one body + one disc long (anatomy.md §1.6, PAM50 level lengths), and consecutive levels meet
 * at one z. We read that meeting point as the centre of the disc between them, i.e. a level
 * runs from mid-disc above to mid-disc below — the way the PAM50 template's vertebral levels
 * are bounded by its intervertebral disc labels (our reading, not a number taken from a
 * source). So the T8–T9 interspace is the boundary between T8 and T9, "top of T8" is the
 * T7–T8 disc centre and "bottom of T9" the T9–T10 disc centre. Discs are not resolved by the
 * solver (spine.ts: uniform cross-section along the cord).
 *
 * A lead's tip is the centre of its most distal contact (`LeadPlacement.tipMm`,
 * models/scenario.ts); contacts are numbered from 0 at the tip, as in the program editor.
 */
import { SPINAL_LEVELS, type LeadPlacement, type Scenario, type SpinalLevel } from '../scenario.ts';
import { contactGeometry, findLead } from '../devices/index.ts';
import { resolveSpine, vertebralLevelPositions, type LevelPosition } from '../anatomy/index.ts';
import { contactArrayMiddleMm, levels, moveLead } from './placement.ts';

/**
 * Half the height of the band around a level boundary that is called "at the disc", mm:
 * thoracic discs are 4.5–7.2 mm high at the middle (anatomy.md §1.6, J Anat 2011;219:375), so
 * ±2.5 mm stays inside the thinnest of them.
 */
export const DISC_HALF_HEIGHT_MM = 2.5;

/** An interspace between two consecutive levels, named by the level above it ("T8–T9"). */
export interface Interspace {
  upper: SpinalLevel;
  lower: SpinalLevel;
  label: string;
}

/** Every interspace of the modelled spine, rostral to caudal (C2–C3 … L5–S1). */
export const INTERSPACES: readonly Interspace[] = SPINAL_LEVELS.slice(0, -1).map((upper, i) => {
  const lower = SPINAL_LEVELS[i + 1]!;
  return { upper, lower, label: `${upper}–${lower}` };
});

export type PlacementResult = { ok: true; scenario: Scenario } | { ok: false; message: string };

function spineLevels(scenario: Scenario): LevelPosition[] | string {
  if (scenario.anatomy.kind !== 'spine') return 'placement by level needs SCS (spine) anatomy';
  return levels(scenario);
}

function leadAndEntry(scenario: Scenario, leadId: string) {
  const lead = scenario.leads.find((l) => l.id === leadId);
  if (!lead) return `leadId: no lead "${leadId}" in the scenario`;
  const entry = findLead(lead.catalogId);
  if (!entry) return `leads.${leadId}.catalogId: lead "${lead.catalogId}" is not in the catalogue`;
  return { lead, entry };
}

/** z of the centre of the disc below `upper` (its boundary with the next level), mm, in the frame of `reference`. */
export function interspaceZMm(reference: SpinalLevel, upper: SpinalLevel): number | undefined {
  const pos = vertebralLevelPositions(reference).find((l) => l.level === upper);
  return pos && upper !== 'S1' ? pos.zEndMm : undefined;
}

/** Moves an SCS lead so that the middle of its contact array sits at `zMm` (on the dura). */
function centreArrayAt(scenario: Scenario, lead: LeadPlacement, zMm: number): Scenario {
  const entry = findLead(lead.catalogId)!;
  const mid = contactArrayMiddleMm(entry, lead);
  return moveLead(scenario, lead.id, {
    xMm: lead.tipMm.xMm,
    zMm: round2(zMm - mid * lead.direction.z),
  });
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Centres a lead's contact array on an interspace: "T8–T9" puts it on the T8–T9 disc. */
export function placeLeadAtInterspace(
  scenario: Scenario,
  leadId: string,
  upper: SpinalLevel,
): PlacementResult {
  const lv = spineLevels(scenario);
  if (typeof lv === 'string') return { ok: false, message: lv };
  const found = leadAndEntry(scenario, leadId);
  if (typeof found === 'string') return { ok: false, message: found };
  const i = lv.findIndex((l) => l.level === upper);
  if (i < 0 || i === lv.length - 1) {
    return {
      ok: false,
      message: `interspace: "${upper}" has no level below it in C2–S1 (choose C2–C3 … L5–S1)`,
    };
  }
  return { ok: true, scenario: centreArrayAt(scenario, found.lead, lv[i]!.zEndMm) };
}

/** How a contact array lies over a span of levels. */
export interface SpanCoverage {
  /** span from the top of the first level to the bottom of the last, mm */
  spanMm: number;
  /** length of the contact array, first contact's distal edge to last contact's proximal edge, mm */
  arrayMm: number;
  /** share of the span under the array, 0–1 */
  coveredFraction: number;
  /** true when the array is shorter than the span: its ends do not reach the named limits */
  shorterThanSpan: boolean;
}

/** Along-axis length of a lead's contact array, edge to edge, mm. */
export function contactArrayLengthMm(lead: LeadPlacement): number | undefined {
  const entry = findLead(lead.catalogId);
  if (!entry) return undefined;
  const c = contactGeometry(entry, lead);
  const lo = Math.min(...c.map((x) => x.alongMm - x.lengthMm / 2));
  const hi = Math.max(...c.map((x) => x.alongMm + x.lengthMm / 2));
  return hi - lo;
}

/**
 * Centres a lead's contact array on a span of levels, "top of `from` to bottom of `to`"
 * (`from` rostral of or equal to `to`), and says how much of the span the array covers.
 */
export function placeLeadOverSpan(
  scenario: Scenario,
  leadId: string,
  from: SpinalLevel,
  to: SpinalLevel,
): (PlacementResult & { ok: false }) | { ok: true; scenario: Scenario; coverage: SpanCoverage } {
  const lv = spineLevels(scenario);
  if (typeof lv === 'string') return { ok: false, message: lv };
  const found = leadAndEntry(scenario, leadId);
  if (typeof found === 'string') return { ok: false, message: found };
  const a = lv.find((l) => l.level === from);
  const b = lv.find((l) => l.level === to);
  if (!a || !b) return { ok: false, message: 'span: both levels must be in C2–S1' };
  if (a.zStartMm < b.zStartMm) {
    return {
      ok: false,
      message: `span: "from" (${from}) must be at or above "to" (${to}); the span runs rostral to caudal`,
    };
  }
  const spanMm = a.zStartMm - b.zEndMm;
  const placed = centreArrayAt(scenario, found.lead, (a.zStartMm + b.zEndMm) / 2);
  const arrayMm = contactArrayLengthMm(found.lead) ?? 0;
  return {
    ok: true,
    scenario: placed,
    coverage: {
      spanMm,
      arrayMm,
      coveredFraction: Math.min(1, arrayMm / spanMm),
      shorterThanSpan: arrayMm < spanMm,
    },
  };
}

/** Where one z lies among the levels, in words. */
export interface LevelWords {
  level?: SpinalLevel;
  /** 'disc' within ±DISC_HALF_HEIGHT_MM of a boundary; else the third of the level */
  part: 'upper' | 'mid' | 'lower' | 'disc' | 'outside';
  words: string;
}

/** "mid T8", "upper T9", "the T8–T9 disc", or "outside C2–S1". */
export function describeZ(lv: readonly LevelPosition[], zMm: number): LevelWords {
  for (let i = 0; i < lv.length - 1; i++) {
    const boundary = lv[i]!.zEndMm;
    if (Math.abs(zMm - boundary) <= DISC_HALF_HEIGHT_MM) {
      return { part: 'disc', words: `the ${lv[i]!.level}–${lv[i + 1]!.level} disc` };
    }
  }
  const pos = lv.find((l) => zMm <= l.zStartMm && zMm > l.zEndMm);
  if (!pos) return { part: 'outside', words: 'outside C2–S1' };
  const fromTop = (pos.zStartMm - zMm) / pos.lengthMm;
  const part = fromTop < 1 / 3 ? 'upper' : fromTop < 2 / 3 ? 'mid' : 'lower';
  return { level: pos.level, part, words: `${part} ${pos.level}` };
}

/** The level a contact centre lies over (the level extent containing it). */
function levelOfZ(lv: readonly LevelPosition[], zMm: number): SpinalLevel | undefined {
  return lv.find((l) => zMm <= l.zStartMm && zMm > l.zEndMm)?.level;
}

export interface LeadLevels {
  tip: LevelWords;
  /** each contact's level, by contact index (undefined outside C2–S1) */
  contactLevels: (SpinalLevel | undefined)[];
  /** runs of consecutive contacts over one level */
  runs: { from: number; to: number; level: SpinalLevel | undefined }[];
  /** "tip at mid T8; contacts 0–2 over T8, 3–7 over T9" */
  words: string;
  /** contacts outside the section the solver models around the scenario's level */
  outsideModelled: number[];
}

/** A lead's tip and contact levels, in words, from the spine model's level lengths. */
export function describeLeadLevels(
  scenario: Scenario,
  lead: LeadPlacement,
): LeadLevels | undefined {
  const entry = findLead(lead.catalogId);
  if (!entry || scenario.anatomy.kind !== 'spine') return undefined;
  const lv = levels(scenario);
  const contacts = contactGeometry(entry, lead);
  // paddle pads are numbered column by column, so a paddle's runs restart with each column
  const contactLevels = contacts.map((c) => levelOfZ(lv, c.centreMm.zMm));
  const runs: LeadLevels['runs'] = [];
  contacts.forEach((c, i) => {
    const level = contactLevels[i];
    const last = runs.at(-1);
    if (last && last.level === level && last.to === c.contactIndex - 1) last.to = c.contactIndex;
    else runs.push({ from: c.contactIndex, to: c.contactIndex, level });
  });
  const tip = describeZ(lv, lead.tipMm.zMm);
  const range = (r: { from: number; to: number }) =>
    r.from === r.to ? `${r.from}` : `${r.from}–${r.to}`;
  const parts = runs.map((r) => `${range(r)} over ${r.level ?? 'no modelled level'}`);
  const noun = runs.length === 1 && runs[0]!.from === runs[0]!.to ? 'contact' : 'contacts';
  // the solver's section spans ±1.5 level lengths around the scenario's level (spine.ts)
  const half = 1.5 * resolveSpine(scenario.anatomy).levelLengthMm;
  const outsideModelled = contacts
    .filter((c) => Math.abs(c.centreMm.zMm) > half)
    .map((c) => c.contactIndex);
  return {
    tip,
    contactLevels,
    runs,
    words: `tip at ${tip.words}; ${noun} ${parts.join(', ')}`,
    outsideModelled,
  };
}

/**
 * Two SCS leads offset by typed amounts: `lateralMm` centre to centre, straddling the midline
 * of the pair (first lead on the + (left) side), and `staggerMm` along the cord (the second
 * lead that much caudal of the first), about the pair's present mean position along the cord.
 */
export function offsetTwoLeads(
  scenario: Scenario,
  offsets: { lateralMm: number; staggerMm: number },
): PlacementResult {
  if (scenario.anatomy.kind !== 'spine') {
    return { ok: false, message: 'two-lead offset needs SCS (spine) anatomy' };
  }
  if (scenario.leads.length < 2) {
    return { ok: false, message: 'two-lead offset needs two leads; add a second lead first' };
  }
  const { lateralMm, staggerMm } = offsets;
  // lateral: the canal is ≈ 14–18 mm wide at T1–T12 (sac RL, spine.ts): ±8 mm each side is the
  // lateral range of the lead panel's offset field
  if (!Number.isFinite(lateralMm) || lateralMm < 0 || lateralMm > 16) {
    return { ok: false, message: 'lateralMm: lateral separation must be 0–16 mm' };
  }
  if (!Number.isFinite(staggerMm) || Math.abs(staggerMm) > 100) {
    return { ok: false, message: 'staggerMm: stagger must be between −100 and 100 mm' };
  }
  const [a, b] = scenario.leads as [LeadPlacement, LeadPlacement];
  const middleZ = (l: LeadPlacement) => {
    const entry = findLead(l.catalogId);
    return l.tipMm.zMm + (entry ? contactArrayMiddleMm(entry, l) : 0) * l.direction.z;
  };
  const midX = (a.tipMm.xMm + b.tipMm.xMm) / 2;
  const midZ = (middleZ(a) + middleZ(b)) / 2;
  let s = moveLead(scenario, a.id, { xMm: round2(midX + lateralMm / 2), zMm: a.tipMm.zMm });
  s = moveLead(s, b.id, { xMm: round2(midX - lateralMm / 2), zMm: b.tipMm.zMm });
  s = centreArrayAt(s, s.leads[0]!, midZ + staggerMm / 2);
  s = centreArrayAt(s, s.leads[1]!, midZ - staggerMm / 2);
  return { ok: true, scenario: s };
}

/** The interspace a lead's contact array is centred on (within 0.5 mm), if any: "T8" for T8–T9. */
export function interspaceOfLead(scenario: Scenario, lead: LeadPlacement): SpinalLevel | undefined {
  const entry = findLead(lead.catalogId);
  if (!entry || scenario.anatomy.kind !== 'spine') return undefined;
  const z = lead.tipMm.zMm + contactArrayMiddleMm(entry, lead) * lead.direction.z;
  const lv = levels(scenario);
  // 0.5 mm: beyond the 0.01 mm rounding of placed positions, well inside the ±2.5 mm disc band
  return lv.slice(0, -1).find((l) => Math.abs(l.zEndMm - z) <= 0.5)?.level;
}
