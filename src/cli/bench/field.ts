/**
 * Benchmarks of models/field (issue 4 targets): unit lead fields for every contact of a lead on
 * the SCS, DRG and PNS models (target ≤ 3 s each on one worker), and new fibre potentials after
 * sliding a lead along the cord (target ≤ 100 ms).
 */
import {
  crossSection,
  resolveAnatomy,
  DEFAULT_CONDUCTIVITIES,
} from '../../../models/anatomy/index.ts';
import {
  buildLateralTable,
  ContactFieldTable,
  conductorFromSection,
  evenPositions,
  projectOnTrack,
  surfaceTrack,
  trackPoint,
  contactPotentials,
  lateralPotentials,
  prepareLateralPoints,
  preparePoints,
  solveUnitFields,
  type ContactGeometry,
} from '../../../models/field/index.ts';
import { compartmentPointsOnPath, dorsalColumnFibers } from '../../../models/neuron/populations.ts';
import { fiberForPath } from '../../../models/neuron/populationRun.ts';
import { defaultScenario, type Anatomy, type Scenario } from '../../../models/scenario.ts';
import {
  checkedScenarioContacts,
  ContactTableCache,
  contactTableSpec,
  defaultPopulationCache,
  defaultSamplingCache,
  runScenario,
} from '../../../models/estimate/index.ts';
import { epiduralYMm } from '../../../models/estimate/placement.ts';
import { LeadFieldLru } from '../../../models/field/index.ts';

interface Row {
  metric: string;
  medianMs?: number;
  value?: number;
  unit?: string;
  note?: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** an 8-contact percutaneous lead (3 mm contacts, 4 mm gaps, Ø1.3 mm; leads.md §1 nominal) from tip along `axis` */
function percLead(
  tip: [number, number, number],
  axis: [number, number, number],
  count = 8,
  lengthMm = 3,
  gapMm = 4,
  diameterMm = 1.3,
): ContactGeometry[] {
  const n = Math.hypot(...axis);
  const a = { x: axis[0] / n, y: axis[1] / n, z: axis[2] / n };
  return Array.from({ length: count }, (_, i) => {
    const s = i * (lengthMm + gapMm);
    return {
      kind: 'ring',
      centreMm: { x: tip[0] + s * a.x, y: tip[1] + s * a.y, z: tip[2] + s * a.z },
      axis: a,
      lengthMm,
      diameterMm,
    };
  });
}

function timeSolve(
  anatomy: Anatomy,
  contacts: ContactGeometry[],
  runs: number,
): { ms: number[]; nodes: number; groups: number } {
  const r = resolveAnatomy(anatomy);
  const cond = conductorFromSection(crossSection(r), DEFAULT_CONDUCTIVITIES);
  const ms: number[] = [];
  let nodes = 0;
  let groups = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const f = solveUnitFields(cond, contacts);
    ms.push(performance.now() - t);
    nodes = f.stats.nodes;
    groups = f.groups.length;
  }
  return { ms, nodes, groups };
}

export const benchSections: Array<{
  name: string;
  run: (opts: { quick: boolean }) => Promise<Row[]>;
}> = [
  {
    name: 'field',
    run: async ({ quick }) => {
      const runs = quick ? 1 : 3;
      const rows: Row[] = [];
      // SCS: T8, lead on the dura at the midline (default dCSF 4 mm → dura top at 7.33 mm)
      const scs = timeSolve(
        { kind: 'spine', level: 'T8' },
        percLead([0, 8.05, 24], [0, 0, -1]),
        runs,
      );
      rows.push({
        metric: 'SCS unit fields, 8-contact lead parallel to the cord (target ≤ 3000 ms)',
        medianMs: median(scs.ms),
        note: `${scs.nodes} grid nodes, ${scs.groups} shared solve(s)`,
      });
      const scsOblique = timeSolve(
        { kind: 'spine', level: 'T8' },
        percLead([-2, 8.05, 24], [0.08, 0, -1]),
        runs,
      );
      rows.push({
        metric: 'SCS unit fields, 8-contact lead angled 4.6° to the cord (target ≤ 3000 ms)',
        medianMs: median(scsOblique.ms),
        note: `${scsOblique.nodes} grid nodes, ${scsOblique.groups} solves per wavenumber`,
      });
      // issue 14's FEM case: a 1 mA point source on the dorsal dura at T8 (dCSF 4 mm, dura at 7.33 mm)
      const dura = timeSolve(
        { kind: 'spine', level: 'T8' },
        [{ kind: 'point', centreMm: { x: 0, y: 7.332, z: 0 } }],
        runs,
      );
      rows.push({
        metric: 'SCS unit field, point source on the dorsal dura (issue 14 FEM case)',
        medianMs: median(dura.ms),
        note: `${dura.nodes} grid nodes`,
      });
      // DRG: L5, 4-contact DRG lead (1.25 mm contacts, 5 mm pitch, Ø1 mm; nominal) along the ganglion
      const drg = timeSolve(
        { kind: 'drg', level: 'L5', side: 'left' },
        percLead([0, 4.2, 3], [-0.6, 0, -0.8], 4, 1.25, 3.75, 1),
        runs,
      );
      rows.push({
        metric: 'DRG unit fields, 4-contact lead (target ≤ 3000 ms)',
        medianMs: median(drg.ms),
        note: `${drg.nodes} grid nodes`,
      });
      // PNS: sciatic, 8-contact lead parallel to the nerve 10 mm above it, and a 1-contact lead angled 30°
      const pns = timeSolve(
        { kind: 'nerve', target: 'sciatic' },
        percLead([0, 10, 20], [0, 0, -1]),
        runs,
      );
      rows.push({
        metric: 'PNS unit fields, 8-contact lead parallel to the sciatic nerve (target ≤ 3000 ms)',
        medianMs: median(pns.ms),
        note: `${pns.nodes} grid nodes`,
      });
      const pns1 = timeSolve(
        { kind: 'nerve', target: 'sciatic' },
        percLead([0, 10, 0], [0, 0.5, -0.866], 1),
        runs,
      );
      rows.push({
        metric: 'PNS unit field, 1-contact lead angled 30°',
        medianMs: median(pns1.ms),
        note: `${pns1.nodes} grid nodes`,
      });

      // moving a lead along the cord: new potentials at the nodes of 200 DC fibres for all 8 contacts
      const r = resolveAnatomy({ kind: 'spine', level: 'T8' });
      if (r.kind !== 'spine') throw new Error('spine expected');
      // (also used by the lateral moves below)
      const cond = conductorFromSection(crossSection(r), DEFAULT_CONDUCTIVITIES);
      const f = solveUnitFields(cond, percLead([0, 8.05, 24], [0, 0, -1]));
      const paths = dorsalColumnFibers({ count: 200, seed: 7, cordRadiusMm: r.cordApMm / 2 });
      const pts: number[] = [];
      for (const p of paths) {
        const fib = fiberForPath(p);
        const all = compartmentPointsOnPath(fib, p.pathMm);
        for (const k of fib.nodeCompartments)
          pts.push(all[3 * k]!, all[3 * k + 1]!, all[3 * k + 2]!);
      }
      const P = Float64Array.from(pts);
      const pp = preparePoints(f, P);
      const out = new Float64Array(P.length / 3);
      const moves: number[] = [];
      for (let i = 0; i < (quick ? 3 : 7); i++) {
        const t = performance.now();
        for (let c = 0; c < f.contacts.length; c++) contactPotentials(f, pp, c, 0.5 * (i + 1), out);
        moves.push(performance.now() - t);
      }
      rows.push({
        metric:
          'new fibre potentials after sliding the lead along the cord, 8 contacts (target ≤ 100 ms)',
        medianMs: median(moves),
        note: `${P.length / 3} node positions of 200 DC fibres, no new solve (shift invariance)`,
      });
      const tp = performance.now();
      preparePoints(f, P);
      rows.push({
        metric: 'preparing those fibre points once (grid interpolation)',
        medianMs: performance.now() - tp,
      });

      // moving the lead across the dura: unit fields solved in advance every 1 mm from −4 to 4 mm
      // (in the background in the app), fibre points prepared once per position, each move
      // interpolated (models/field/lateralTable.ts; error ≤ 0.2 %, lateralTable.test.ts)
      const onDura = (x: number) => {
        let y = r.duraDorsalYMm + 3;
        while (cond.regionAt(x, y - 0.01) !== 'dura') y -= 0.01;
        return y + 0.7;
      };
      const offsets = quick ? [-1, 0, 1, 2] : [-4, -3, -2, -1, 0, 1, 2, 3, 4];
      const tb = performance.now();
      const table = buildLateralTable(
        cond,
        (x) => percLead([x, onDura(x), 24], [0, 0, -1]),
        offsets,
      );
      const buildMs = performance.now() - tb;
      const tq = performance.now();
      const lp = prepareLateralPoints(table, P);
      const prepMs = performance.now() - tq;
      const lateral: number[] = [];
      for (let i = 0; i < (quick ? 3 : 7); i++) {
        const t = performance.now();
        for (let c = 0; c < 8; c++) lateralPotentials(table, lp, c, -0.75 + 0.3 * i, 0, out);
        lateral.push(performance.now() - t);
      }
      rows.push({
        metric:
          'new fibre potentials after moving the lead across the dura, 8 contacts (target ≤ 100 ms)',
        medianMs: median(lateral),
        note: `${P.length / 3} node positions, interpolated between ${offsets.length} positions solved in advance`,
      });
      rows.push({
        metric: `solving the ${offsets.length} lateral positions in advance (background) / preparing the points`,
        medianMs: buildMs,
        note: `${prepMs.toFixed(0)} ms to prepare the fibre points at every position`,
      });

      // one contact tabulated along the dorsal dura (models/field/contactTable.ts): every lead
      // move — lateral, angled, a second lead — is a lookup (error ≤ 1 %, contactTable.test.ts)
      const track = surfaceTrack(cond, {
        region: 'dura',
        fromMm: quick ? -2.5 : -5,
        toMm: quick ? 2.5 : 5,
        liftMm: 0.65,
        aboveVMm: r.duraDorsalYMm + 3,
      });
      const contactTable = new ContactFieldTable({
        conductor: cond,
        shape: { kind: 'ring', lengthMm: 3, diameterMm: 1.3 },
        track,
        positionsMm: evenPositions(track, 1),
      });
      const tt = performance.now();
      contactTable.fill();
      const tableMs = performance.now() - tt;
      const tpp = performance.now();
      const tpts = contactTable.prepare(P);
      const tablePrepMs = performance.now() - tpp;
      rows.push({
        metric: `contact table: one ring solved at ${contactTable.positionsMm.length} positions along the dura, 1 mm apart (background, one worker)`,
        medianMs: tableMs,
        note: `${tablePrepMs.toFixed(0)} ms to prepare the fibre points at every position`,
      });
      const onTrack = (x: number) => trackPoint(track, projectOnTrack(track, x, onDura(x)).sMm);
      const leadAt = (x: number, z: number, drift = 0): ContactGeometry[] => {
        const n = Math.hypot(drift, 1);
        return Array.from({ length: 8 }, (_, i) => {
          const along = 7 * i;
          const c = onTrack(x + (drift * along) / n);
          return {
            kind: 'ring',
            centreMm: { x: c.u, y: c.v, z: z - along / n },
            axis: { x: drift / n, y: 0, z: -1 / n },
            lengthMm: 3,
            diameterMm: 1.3,
          };
        });
      };
      const timeLookups = (make: (i: number) => ContactGeometry[]) => {
        const ms: number[] = [];
        for (let i = 0; i < (quick ? 3 : 7); i++) {
          const contacts = make(i);
          const t = performance.now();
          contactTable.potentials(tpts, contacts);
          ms.push(performance.now() - t);
        }
        return median(ms);
      };
      rows.push({
        metric:
          'new fibre potentials after moving the lead across the dura, from the contact table, 8 contacts (target ≤ 100 ms)',
        medianMs: timeLookups((i) => leadAt(-0.75 + 0.3 * i, 24)),
        note: `${P.length / 3} node positions; no solve`,
      });
      rows.push({
        metric:
          'new fibre potentials for a lead angled 4.6° to the cord, from the contact table, 8 contacts (no solve; a direct solve is the angled row above)',
        medianMs: timeLookups((i) => leadAt(-2 + 0.1 * i, 24, 0.08)),
        note: `${P.length / 3} node positions`,
      });
      rows.push({
        metric:
          'new fibre potentials with a second lead, from the contact table, 16 contacts (no solve)',
        medianMs: timeLookups((i) => [...leadAt(-1.5, 24), ...leadAt(1 + 0.1 * i, 20)]),
        note: `${P.length / 3} node positions`,
      });
      rows.push(...(await planMoveRows(quick)));
      return rows;
    },
  },
];

/**
 * The planner's own path (models/estimate): the default SCS and DRG plans' contact tables
 * filled as the worker does in the background, then the whole instant estimate (fibre
 * potentials and thresholds of every population) of a lead moved across the section, answered
 * from the table, against the same estimate solving the moved pose.
 */
async function planMoveRows(quick: boolean): Promise<Row[]> {
  const rows: Row[] = [];
  for (const therapy of ['SCS', 'DRG'] as const) {
    const base = defaultScenario(therapy);
    const fields = new LeadFieldLru(1024 * 1024 * 1024);
    const tables = new ContactTableCache();
    const first = checkedScenarioContacts(base);
    const spec = contactTableSpec(first.resolved, first.conductor, first.contacts);
    if (!('spec' in spec)) continue;
    const table = tables.get(spec.spec, fields);
    const tf = performance.now();
    for (let i = table.nextMissing(); i !== null; i = table.nextMissing())
      fields.putSync(table.positionKey(i), table.solve(i));
    const fillMs = performance.now() - tf;
    const step = table.positionsMm[1]! - table.positionsMm[0]!;
    const c0 = table.locate(first.contacts[0]!);
    // the plan's fibre points at every position, prepared here ahead so that the rows below time
    // the moves themselves (the app prepares a position when a move first needs it)
    const tw = performance.now();
    for (const pop of defaultPopulationCache.get(base).populations) {
      const tp = defaultSamplingCache.tablePointsOf(table, pop.paths);
      while (table.warm(tp, c0.sMm) !== null);
    }
    const warmMs = performance.now() - tw;
    const moved = (i: number): Scenario => {
      // SCS: 0.3 mm steps across the epidural space; DRG: 1.3° steps around the ganglion
      const target = table.contactAtS(
        c0.sMm + (0.3 + 0.3 * i) * (therapy === 'SCS' ? 1 : step / 1.15),
        c0.wMm,
      );
      const lead = base.leads[0]!;
      const d = {
        x: target.centreMm.x - first.contacts[0]!.centreMm.x,
        y: target.centreMm.y - first.contacts[0]!.centreMm.y,
        z: target.centreMm.z - first.contacts[0]!.centreMm.z,
      };
      const tip = {
        xMm: lead.tipMm.xMm + d.x,
        yMm: lead.tipMm.yMm + d.y,
        zMm: lead.tipMm.zMm + d.z,
      };
      const l2 = { ...lead, tipMm: tip };
      if (therapy === 'SCS') l2.tipMm.yMm = epiduralYMm(base, l2);
      return { ...base, leads: [l2] };
    };
    const n = quick ? 2 : 5;
    const fromTable: number[] = [];
    let answered = 0;
    for (let i = 0; i < n; i++) {
      const s = moved(i);
      const t = performance.now();
      const r = runScenario(s, { tier: 'instant', cache: fields, caches: { tables } });
      fromTable.push(performance.now() - t);
      if (r.field.table) answered++;
    }
    const solved: number[] = [];
    for (let i = 0; i < (quick ? 1 : 2); i++) {
      const t = performance.now();
      runScenario(moved(n + i), { tier: 'instant', contactTables: false });
      solved.push(performance.now() - t);
    }
    const tMed = median(fromTable);
    const sMed = median(solved);
    rows.push({
      metric: `${therapy}: whole instant estimate after a lead move across the section, from the contact table (target ≤ 100 ms for the fibre potentials)`,
      medianMs: tMed,
      note: `${answered} of ${n} moves answered from the table; the same estimate solving the moved pose: ${sMed.toFixed(0)} ms (${(sMed / tMed).toFixed(1)}× slower)`,
    });
    rows.push({
      metric: `${therapy}: the plan's contact table, ${table.positionsMm.length} positions (background, one worker)`,
      medianMs: fillMs,
      note: `${table.spec.track.label}; positions persist in IndexedDB in the app; then ${warmMs.toFixed(0)} ms preparing the plan's fibre points at every position`,
    });
  }
  return rows;
}
