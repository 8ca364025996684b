/**
 * Lead placement rules of the planner, pure functions on a Scenario: where a lead of each
 * therapy sits by default, snapping an SCS lead onto the dura and to vertebral levels, a DRG
 * lead along its ganglion, a PNS lead at a chosen distance from its nerve, and adding or
 * removing leads while keeping the program valid.
 */
import type { LeadPlacement, Scenario, SpinalLevel } from '../scenario.ts';
import { fromPerMille, rescalePerMille, toPerMille } from '../stimulation/fractions.ts';
import {
  contactGeometry,
  findLead,
  LEAD_CATALOGUE,
  type LeadCatalogEntry,
} from '../devices/index.ts';
import {
  resolveAnatomy,
  resolveDrg,
  resolveNerve,
  resolveSpine,
  vertebralLevelPositions,
  type LevelPosition,
} from '../anatomy/index.ts';

export const MAX_LEADS = 4; // scenario schema limit

function leadRadiusMm(entry: LeadCatalogEntry | undefined, lead?: LeadPlacement): number {
  const g = entry?.geometry as { diameterMm?: number; kind: string } | undefined;
  if (lead?.overrides.diameterMm) return lead.overrides.diameterMm / 2;
  if (g && typeof g.diameterMm === 'number') return g.diameterMm / 2;
  return g?.kind === 'paddle' ? 1 : 0.65; // paddle half-thickness / percutaneous radius, nominal
}

/** Leads offered for a therapy (the catalogue's `therapies` field). */
export function leadsForTherapy(therapy: Scenario['therapy']): LeadCatalogEntry[] {
  return LEAD_CATALOGUE.filter((l) => l.therapies.includes(therapy));
}

/** Distance along the lead from the tip to the middle of its contact array, mm. */
export function contactArrayMiddleMm(entry: LeadCatalogEntry, lead: LeadPlacement): number {
  const c = contactGeometry(entry, lead);
  const along = c.map((x) => x.alongMm);
  return (Math.min(...along) + Math.max(...along)) / 2;
}

/** y of a lead lying on the dorsal dura (SCS): dura surface + lead radius. */
export function epiduralYMm(scenario: Scenario, lead: LeadPlacement): number {
  if (scenario.anatomy.kind !== 'spine') return lead.tipMm.yMm;
  const spine = resolveSpine(scenario.anatomy);
  return spine.duraDorsalYMm + leadRadiusMm(findLead(lead.catalogId), lead);
}

export function levels(scenario: Scenario): LevelPosition[] {
  return scenario.anatomy.kind === 'spine' ? vertebralLevelPositions(scenario.anatomy.level) : [];
}

/** The vertebral level at the middle of a lead's contact array (SCS). */
export function levelOfLead(scenario: Scenario, lead: LeadPlacement): SpinalLevel | undefined {
  const entry = findLead(lead.catalogId);
  if (!entry || scenario.anatomy.kind !== 'spine') return undefined;
  const mid = contactArrayMiddleMm(entry, lead);
  const z = lead.tipMm.zMm + mid * lead.direction.z;
  return levels(scenario).find((l) => z <= l.zStartMm && z > l.zEndMm)?.level;
}

/** Moves an SCS lead so that its contact array is centred on a vertebral level (or on the boundary below it). */
export function snapLeadToLevel(
  scenario: Scenario,
  leadId: string,
  level: SpinalLevel,
  where: 'middle' | 'lower-endplate' = 'middle',
): Scenario {
  const pos = levels(scenario).find((l) => l.level === level);
  return mapLead(scenario, leadId, (lead) => {
    const entry = findLead(lead.catalogId);
    if (!pos || !entry) return lead;
    const mid = contactArrayMiddleMm(entry, lead);
    const targetZ = where === 'middle' ? pos.zMidMm : pos.zEndMm;
    return { ...lead, tipMm: { ...lead.tipMm, zMm: round2(targetZ - mid * lead.direction.z) } };
  });
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Moves a lead in the plane it lies in (x lateral, z along the axis); an SCS lead stays on the dura. */
export function moveLead(
  scenario: Scenario,
  leadId: string,
  to: { xMm: number; zMm: number },
): Scenario {
  return mapLead(scenario, leadId, (lead) => {
    const moved = {
      ...lead,
      tipMm: { xMm: round2(to.xMm), yMm: lead.tipMm.yMm, zMm: round2(to.zMm) },
    };
    if (scenario.anatomy.kind === 'spine') moved.tipMm.yMm = round2(epiduralYMm(scenario, moved));
    return moved;
  });
}

/** A PNS lead parallel to the nerve at `distanceMm` from its surface, on the skin side. */
export function pnsLeadAtDistance(
  scenario: Scenario,
  lead: LeadPlacement,
  distanceMm: number,
): LeadPlacement {
  if (scenario.anatomy.kind !== 'nerve') return lead;
  const nerve = resolveNerve(scenario.anatomy);
  const r = leadRadiusMm(findLead(lead.catalogId), lead);
  return {
    ...lead,
    tipMm: {
      xMm: lead.tipMm.xMm,
      yMm: round2(nerve.nerveRadiusVMm + distanceMm + r),
      zMm: lead.tipMm.zMm,
    },
  };
}

/** Distance from a PNS lead's axis to the nerve surface (mm), at its tip. */
export function pnsDistanceMm(scenario: Scenario, lead: LeadPlacement): number {
  if (scenario.anatomy.kind !== 'nerve') return NaN;
  const nerve = resolveNerve(scenario.anatomy);
  return lead.tipMm.yMm - nerve.nerveRadiusVMm - leadRadiusMm(findLead(lead.catalogId), lead);
}

/** Default pose of a new lead for the scenario's therapy. */
export function defaultPlacement(
  scenario: Scenario,
  entry: LeadCatalogEntry,
  id: string,
  index: number,
): LeadPlacement {
  const base: LeadPlacement = {
    id,
    catalogId: entry.id,
    label: `Lead ${index + 1}`,
    tipMm: { xMm: 0, yMm: 0, zMm: 0 },
    direction: { x: 0, y: 0, z: -1 },
    rollDeg: 0,
    overrides: {},
  };
  const a = resolveAnatomy(scenario.anatomy);
  if (a.kind === 'spine') {
    // leads after the first sit 2.5 mm to alternate sides of the midline (a common two-lead layout)
    const x = index === 0 ? 0 : index % 2 === 1 ? 2.5 : -2.5;
    const lead = { ...base, tipMm: { xMm: x, yMm: 0, zMm: 0 } };
    lead.tipMm.yMm = round2(epiduralYMm(scenario, lead));
    const placed = { ...scenario, leads: [...scenario.leads, lead] };
    return snapLeadToLevel(placed, id, a.level).leads.at(-1)!;
  }
  if (a.kind === 'drg') {
    const drg = resolveDrg({ level: a.level, side: a.side });
    const r = leadRadiusMm(entry);
    const [ex, , ez] = drg.frame.eW;
    // along the dorsal surface of the ganglion, tip at its lateral pole, contacts running medially
    const tipW = drg.ganglionLengthMm / 2 - 1;
    return {
      ...base,
      label: 'DRG lead',
      tipMm: {
        xMm: round2(ex * tipW),
        yMm: round2(drg.ganglionWidthMm / 2 + 0.5 + r),
        zMm: round2(ez * tipW),
      },
      direction: { x: -ex, y: 0, z: -ez },
    };
  }
  const lead = { ...base, label: 'PNS lead', tipMm: { xMm: 0, yMm: 0, zMm: 15 } };
  // the near end of the remote-placement range, 0.5–3 cm (clinical.md §3.5)
  return pnsLeadAtDistance(scenario, lead, 5);
}

export function addLead(scenario: Scenario, catalogId: string): Scenario {
  const entry = findLead(catalogId);
  if (!entry || scenario.leads.length >= MAX_LEADS) return scenario;
  let n = scenario.leads.length + 1;
  while (scenario.leads.some((l) => l.id === `lead-${n}`)) n++;
  const lead = defaultPlacement(scenario, entry, `lead-${n}`, scenario.leads.length);
  return { ...scenario, leads: [...scenario.leads, lead] };
}

/**
 * Why a lead cannot be removed as the program stands: it carries every contact of one polarity
 * while the other remains and the case is not the return (the case is the user's to set; a
 * removal never turns it on). Undefined when it can go.
 */
export function removeLeadRefusal(scenario: Scenario, leadId: string): string | undefined {
  const contacts = scenario.program.contacts.filter((c) => c.leadId !== leadId);
  const has = (p: string) => contacts.some((c) => c.polarity === p);
  if (scenario.program.caseIsReturn || has('cathode') === has('anode')) return undefined;
  const lead = scenario.leads.find((l) => l.id === leadId);
  return `Removing ${lead?.label || leadId} would leave only ${has('cathode') ? 'cathodes' : 'anodes'} and the case is not the return: tick “Case is return (monopolar)” in Program first, or give another lead ${has('cathode') ? 'an anode' : 'a cathode'}`;
}

/**
 * Removes a lead and its program contacts, each polarity rescaled to 100 %; the case return
 * is left as the user set it (see removeLeadRefusal).
 */
export function removeLead(scenario: Scenario, leadId: string): Scenario {
  const contacts = scenario.program.contacts.filter((c) => c.leadId !== leadId);
  return {
    ...scenario,
    leads: scenario.leads.filter((l) => l.id !== leadId),
    program: { ...scenario.program, contacts: rebalance(contacts) },
  };
}

/** Scales each polarity's fractions back to 100 % after contacts were removed. */
function rebalance(contacts: Scenario['program']['contacts']): Scenario['program']['contacts'] {
  const out = contacts.slice();
  for (const polarity of ['cathode', 'anode'] as const) {
    const idx = contacts.flatMap((c, i) => (c.polarity === polarity ? [i] : []));
    const shares = rescalePerMille(idx.map((i) => toPerMille(contacts[i]!.fractionPercent)));
    idx.forEach((i, k) => {
      out[i] = { ...contacts[i]!, fractionPercent: fromPerMille(shares[k] ?? 0) };
    });
  }
  return out;
}

/** Two SCS leads side by side (same level) or staggered (one a half array higher). */
export function arrangeTwoLeads(
  scenario: Scenario,
  layout: 'side-by-side' | 'staggered',
): Scenario {
  if (scenario.anatomy.kind !== 'spine' || scenario.leads.length < 2) return scenario;
  const [a, b] = scenario.leads as [LeadPlacement, LeadPlacement];
  const entryA = findLead(a.catalogId);
  const shift = layout === 'staggered' && entryA ? contactArrayMiddleMm(entryA, a) : 0;
  let s = moveLead(scenario, a.id, { xMm: 2.5, zMm: a.tipMm.zMm + shift / 2 });
  s = moveLead(s, b.id, { xMm: -2.5, zMm: a.tipMm.zMm - shift / 2 });
  return s;
}

function mapLead(
  scenario: Scenario,
  leadId: string,
  fn: (l: LeadPlacement) => LeadPlacement,
): Scenario {
  return { ...scenario, leads: scenario.leads.map((l) => (l.id === leadId ? fn(l) : l)) };
}

/** Unit vector along the structure a lead follows: the cord or nerve axis (+z), or the DRG's root. */
export function structureAxis(scenario: Scenario): { x: number; y: number; z: number } {
  if (scenario.anatomy.kind === 'drg') {
    const [x, y, z] = resolveDrg(scenario.anatomy).frame.eW;
    return { x, y, z };
  }
  return { x: 0, y: 0, z: 1 };
}

/** Position of a lead's tip along the structure axis (mm). */
export function positionAlongAxisMm(scenario: Scenario, lead: LeadPlacement): number {
  const a = structureAxis(scenario);
  return lead.tipMm.xMm * a.x + lead.tipMm.yMm * a.y + lead.tipMm.zMm * a.z;
}

/** Slides a lead along the structure axis to `toMm`, keeping its distance from the structure. */
export function slideLeadAlongAxis(scenario: Scenario, leadId: string, toMm: number): Scenario {
  const a = structureAxis(scenario);
  return mapLead(scenario, leadId, (lead) => {
    const d = toMm - positionAlongAxisMm(scenario, lead);
    return {
      ...lead,
      tipMm: {
        xMm: round2(lead.tipMm.xMm + d * a.x),
        yMm: round2(lead.tipMm.yMm + d * a.y),
        zMm: round2(lead.tipMm.zMm + d * a.z),
      },
    };
  });
}

/**
 * The scenario with new anatomy; SCS leads back on the dura, PNS leads at their distance from
 * the nerve, DRG leads at their height above the ganglion's surface.
 */
export function withAnatomy(s: Scenario, anatomy: Scenario['anatomy']): Scenario {
  let next: Scenario = { ...s, anatomy };
  if (anatomy.kind === 'drg') {
    const before = resolveAnatomy(s.anatomy);
    const after = resolveAnatomy(anatomy);
    if (before.kind === 'drg' && after.kind === 'drg') {
      next = { ...next, leads: s.leads.map((l) => leadOnNewGanglion(l, before, after)) };
    }
  } else if (anatomy.kind === 'spine') {
    for (const l of s.leads) next = moveLead(next, l.id, { xMm: l.tipMm.xMm, zMm: l.tipMm.zMm });
  } else if (anatomy.kind === 'nerve') {
    next = {
      ...next,
      leads: s.leads.map((l) => pnsLeadAtDistance(next, l, pnsDistanceMm(s, l))),
    };
  }
  return next;
}

/**
 * A DRG lead carried from one ganglion to another (another level, side or size): its pose in
 * the old ganglion's frame (across u, v; along the root w) is kept in the new one, with the
 * height above the dorsal surface (+v) kept as the surface moves and the position along the
 * root scaled with the ganglion's length, so that the lead lies over the same part of the
 * chosen ganglion.
 */
function leadOnNewGanglion(
  l: LeadPlacement,
  before: Extract<ReturnType<typeof resolveAnatomy>, { kind: 'drg' }>,
  after: Extract<ReturnType<typeof resolveAnatomy>, { kind: 'drg' }>,
): LeadPlacement {
  const f0 = before.frame;
  const f1 = after.frame;
  const dot = (a: readonly number[], x: number, y: number, z: number) =>
    a[0]! * x + a[1]! * y + a[2]! * z;
  const p = [
    l.tipMm.xMm - f0.originMm[0],
    l.tipMm.yMm - f0.originMm[1],
    l.tipMm.zMm - f0.originMm[2],
  ] as const;
  const u = dot(f0.eU, ...p);
  const v = dot(f0.eV, ...p) + (after.ganglionWidthMm - before.ganglionWidthMm) / 2;
  const w = dot(f0.eW, ...p) * (after.ganglionLengthMm / before.ganglionLengthMm);
  const d = l.direction;
  const du = dot(f0.eU, d.x, d.y, d.z);
  const dv = dot(f0.eV, d.x, d.y, d.z);
  const dw = dot(f0.eW, d.x, d.y, d.z);
  const at = (k: 0 | 1 | 2, a: number, b: number, c: number) =>
    f1.originMm[k] + a * f1.eU[k] + b * f1.eV[k] + c * f1.eW[k];
  const dir = (k: 0 | 1 | 2) =>
    Math.round((du * f1.eU[k] + dv * f1.eV[k] + dw * f1.eW[k]) * 1e4) / 1e4;
  return {
    ...l,
    tipMm: {
      xMm: round2(at(0, u, v, w)),
      yMm: round2(at(1, u, v, w)),
      zMm: round2(at(2, u, v, w)),
    },
    direction: { x: dir(0), y: dir(1), z: dir(2) },
  };
}

/** The anatomy with no patient values: what its level, side or target gives by default. */
export function defaultAnatomy(a: Scenario['anatomy']): Scenario['anatomy'] {
  if (a.kind === 'spine') return { kind: 'spine', level: a.level };
  if (a.kind === 'drg') return { kind: 'drg', level: a.level, side: a.side };
  return { kind: 'nerve', target: a.target };
}
