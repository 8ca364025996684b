/**
 * `neuromod field`: unit-current potentials (mV per mA) at the points of a CSV.
 *   neuromod field <scenario.json> --points points.csv          → per contact of every lead
 *   neuromod field <scenario.json> --source-mm x,y,z --points … → a 1 mA point source anywhere in
 *     the scenario's anatomy (its conductivities, grid and solver), instead of the contacts
 *   --grid-scale F multiplies every grid spacing (convergence studies; 0.5 halves them)
 *   neuromod field --medium homogeneous|anisotropic|two-layer ... → canonical media, so that the
 *     numerical solver can be held against analytic solutions (--solver numerical|analytic)
 * The science lives in models/field and models/pipeline; this file parses and prints.
 */
import {
  discretiseContact,
  distributedSourceMvPerMa,
  homogeneousConductor,
  sampleUnitFields,
  solveUnitFields,
  twoHalfSpacesMvPerMa,
  twoLayerConductor,
  type ContactGeometry,
  type VolumeConductor,
} from '../../../models/field/index.ts';
import {
  ScenarioProblem,
  scenarioConductor,
  scenarioLeadFields,
} from '../../../models/estimate/index.ts';
import { toStructure } from '../../../models/anatomy/index.ts';
import { parseScenario } from '../../../models/scenario.ts';
import {
  STDIN_ARG,
  UsageError,
  numberFlag,
  readInputText,
  parseFlags,
  printJson,
  type Command,
  type NumberRange,
} from '../io.ts';

const MAX_SIGMA_S_PER_M = 100; // our limit: above any tissue or saline (2 S/m, models.md §4.2)
const MAX_CONTACT_MM = 100; // our limit: far above any lead contact (leads.md)
const SIGMA_RANGE: NumberRange = { above: 0, max: MAX_SIGMA_S_PER_M, unit: 'S/m' };
const CONTACT_RANGE: NumberRange = { above: 0, max: MAX_CONTACT_MM, unit: 'mm' };

/** Parses `x_mm,y_mm,z_mm` CSV (header required); names the line of any problem. */
export function parsePointsCsv(text: string, file = 'points'): Float64Array {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0]?.split(',').map((h) => h.trim());
  if (!header || header.join(',') !== 'x_mm,y_mm,z_mm') {
    throw new UsageError(`${file}: the first line must be the header x_mm,y_mm,z_mm`);
  }
  if (lines.length < 2) throw new UsageError(`${file}: no points after the header`);
  const out = new Float64Array((lines.length - 1) * 3);
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i]!.split(',').map((c) => c.trim());
    if (cells.length !== 3)
      throw new UsageError(
        `${file} line ${i + 1}: expected 3 values (x_mm,y_mm,z_mm), got ${cells.length}`,
      );
    cells.forEach((c, j) => {
      const v = Number(c);
      if (c === '' || !Number.isFinite(v)) {
        throw new UsageError(`${file} line ${i + 1}: ${header[j]} must be a number, got "${c}"`);
      }
      out[3 * (i - 1) + j] = v;
    });
  }
  return out;
}

function numberList(
  name: string,
  value: string | undefined,
  count: number,
  range?: NumberRange,
): number[] {
  if (value === undefined) throw new UsageError(`--${name} is required`);
  const parts = value.split(',').map((s) => s.trim());
  if (parts.length !== count)
    throw new UsageError(`--${name} needs ${count} comma-separated numbers, got "${value}"`);
  return parts.map((p) => numberFlag(name, p, undefined, range));
}

const FLAGS = {
  points: { type: 'string' },
  medium: { type: 'string' },
  'sigma-s-per-m': { type: 'string' },
  'sigma-xyz-s-per-m': { type: 'string' },
  'source-mm': { type: 'string' },
  contact: { type: 'string' },
  'diameter-mm': { type: 'string' },
  'length-mm': { type: 'string' },
  'axis-xyz': { type: 'string' },
  solver: { type: 'string' },
  'grid-scale': { type: 'string' },
} as const;

// our choice: below 0.2 the 2.5-D grid of a spine section exceeds ≈ 10⁵ nodes (minutes, GBs)
const GRID_SCALE_MIN = 0.2;
const GRID_SCALE_MAX = 4;

function gridScaleFlag(value: string | undefined): number {
  if (value === undefined) return 1;
  const f = numberFlag('grid-scale', value);
  if (!(f >= GRID_SCALE_MIN && f <= GRID_SCALE_MAX))
    throw new UsageError(
      `--grid-scale must lie between ${GRID_SCALE_MIN} and ${GRID_SCALE_MAX}, got ${f}`,
    );
  return f;
}

export const fieldCommand: Command = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, FLAGS);
  if (!values.points) throw new UsageError('--points <points.csv> is required');
  if (values.points === STDIN_ARG && positionals[0] === STDIN_ARG)
    throw new UsageError('only one of <scenario.json> and --points can be - (standard input)');
  const solver = values.solver ?? 'numerical';
  const gridScale = gridScaleFlag(values['grid-scale']);
  if (solver !== 'numerical' && solver !== 'analytic')
    throw new UsageError(`--solver must be numerical or analytic, got "${solver}"`);

  if (positionals.length > 0) {
    if (values.medium) throw new UsageError('give either <scenario.json> or --medium, not both');
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
    if (solver === 'analytic')
      throw new UsageError(
        '--solver analytic is only available for the canonical media (--medium)',
      );
    const file = positionals[0]!;
    let raw: unknown;
    try {
      raw = JSON.parse(await readInputText(file, 'scenario', io));
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`${file}: not JSON: ${(e as Error).message}`);
    }
    const parsed = parseScenario(raw);
    if (!parsed.ok)
      throw new UsageError(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    if (values.contact !== undefined)
      throw new UsageError('--contact is only available for the canonical media (--medium)');
    if (values['source-mm'] !== undefined) {
      const [x, y, z] = numberList('source-mm', values['source-mm'], 3) as [number, number, number];
      const { conductor, issues } = scenarioConductor(parsed.value);
      if (issues.length)
        throw new UsageError(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
      const [u, v] = toStructure(conductor.frame, x, y, z);
      const region = conductor.regionAt(u, v);
      if (region === undefined) {
        const e = conductor.extentMm;
        throw new UsageError(
          `--source-mm: (${x}, ${y}, ${z}) lies outside the modelled section of this anatomy (u ${e.uMin}…${e.uMax}, v ${e.vMin}…${e.vMax} mm in its frame)`,
        );
      }
      const points = parsePointsCsv(
        await readInputText(values.points, 'points', io),
        values.points,
      );
      const f = solveUnitFields(conductor, [{ kind: 'point', centreMm: { x, y, z } }], {
        gridScale,
      });
      printJson(io, {
        solver: 'numerical',
        method: '2.5-D finite volume (models/field/README.md)',
        units: 'mV per mA',
        source: { positionMm: { x, y, z }, currentMa: 1, region },
        potentialsMvPerMa: Array.from(sampleUnitFields(f, points)[0]!),
        gridScale,
        gridNodes: f.stats.nodes,
        elapsedMs: f.stats.elapsedMs,
      });
      return 0;
    }
    const points = parsePointsCsv(await readInputText(values.points, 'points', io), values.points);
    let lf;
    try {
      lf = scenarioLeadFields(parsed.value, { gridScale });
    } catch (e) {
      if (e instanceof ScenarioProblem) throw new UsageError(e.message);
      throw e;
    }
    const per = sampleUnitFields(lf.fields, points);
    printJson(io, {
      solver: 'numerical',
      method: '2.5-D finite volume (models/field/README.md)',
      units: 'mV per mA',
      contacts: lf.keys.map((k, i) => ({
        leadId: k.leadId,
        contactIndex: k.contactIndex,
        potentialsMvPerMa: Array.from(per[i]!),
      })),
      gridScale,
      gridNodes: lf.fields.stats.nodes,
      elapsedMs: lf.fields.stats.elapsedMs,
    });
    return 0;
  }

  // canonical media
  const medium = values.medium;
  if (!medium)
    throw new UsageError('give <scenario.json> or --medium homogeneous|anisotropic|two-layer');
  let conductor: VolumeConductor;
  let analytic: (c: ContactGeometry, pts: Float64Array) => Float64Array;
  if (medium === 'homogeneous') {
    const [s] = numberList('sigma-s-per-m', values['sigma-s-per-m'], 1, SIGMA_RANGE) as [number];
    const sig = { xSPerM: s, ySPerM: s, zSPerM: s };
    conductor = homogeneousConductor(sig);
    analytic = (c, pts) => distributedSourceMvPerMa(discretiseContact(c), sig, pts);
  } else if (medium === 'anisotropic') {
    const [sx, sy, sz] = numberList(
      'sigma-xyz-s-per-m',
      values['sigma-xyz-s-per-m'],
      3,
      SIGMA_RANGE,
    ) as [number, number, number];
    const sig = { xSPerM: sx, ySPerM: sy, zSPerM: sz };
    conductor = homogeneousConductor(sig);
    analytic = (c, pts) => distributedSourceMvPerMa(discretiseContact(c), sig, pts);
  } else if (medium === 'two-layer') {
    const [s1, s2] = numberList('sigma-s-per-m', values['sigma-s-per-m'], 2, SIGMA_RANGE) as [
      number,
      number,
    ];
    conductor = twoLayerConductor(s1, s2);
    analytic = (c, pts) => twoHalfSpacesMvPerMa(discretiseContact(c), s1, s2, pts);
  } else {
    throw new UsageError(`--medium must be homogeneous, anisotropic or two-layer, got "${medium}"`);
  }
  const [x, y, z] = values['source-mm']
    ? (numberList('source-mm', values['source-mm'], 3) as [number, number, number])
    : [0, 0, 0];
  let contact: ContactGeometry;
  if (values.contact === undefined) {
    if (!values['source-mm'])
      throw new UsageError('give --source-mm x,y,z (point source) or --contact ring');
    contact = { kind: 'point', centreMm: { x, y, z } };
  } else if (values.contact === 'ring') {
    const d = numberFlag('diameter-mm', values['diameter-mm'], undefined, CONTACT_RANGE);
    const L = numberFlag('length-mm', values['length-mm'], undefined, CONTACT_RANGE);
    const [ax, ay, az] = values['axis-xyz']
      ? (numberList('axis-xyz', values['axis-xyz'], 3) as [number, number, number])
      : [0, 0, 1];
    const n = Math.hypot(ax, ay, az);
    if (!(n > 0)) throw new UsageError('--axis-xyz must not be the zero vector');
    contact = {
      kind: 'ring',
      centreMm: { x, y, z },
      axis: { x: ax / n, y: ay / n, z: az / n },
      lengthMm: L,
      diameterMm: d,
    };
    if (medium === 'two-layer') {
      const halfZ = (Math.abs(az / n) * L) / 2 + (d / 2) * Math.sqrt(1 - (az / n) ** 2);
      if (Math.abs(z) < halfZ)
        throw new UsageError(
          `--source-mm: the ring contact crosses the layer interface z = 0 (it spans z ${(z - halfZ).toFixed(2)}…${(z + halfZ).toFixed(2)} mm)`,
        );
    }
  } else {
    throw new UsageError(`--contact must be ring, got "${values.contact}"`);
  }
  if (medium === 'two-layer' && contact.kind === 'point' && z === 0) {
    throw new UsageError(
      '--source-mm: a point source on the interface z = 0 is ambiguous; move it into one layer',
    );
  }
  const ext = conductor.extentMm;
  if (Math.max(Math.abs(x), Math.abs(y), Math.abs(z)) > Math.min(ext.uMax, ext.vMax) - 5) {
    throw new UsageError(
      `--source-mm: the source lies outside the modelled medium (|coordinates| ≤ ${Math.min(ext.uMax, ext.vMax) - 5} mm)`,
    );
  }
  const points = parsePointsCsv(await readInputText(values.points, 'points', io), values.points);
  const t0 = Date.now();
  const solved =
    solver === 'numerical' ? solveUnitFields(conductor, [contact], { gridScale }) : null;
  const potentials = solved ? sampleUnitFields(solved, points)[0]! : analytic(contact, points);
  printJson(io, {
    potentialsMvPerMa: Array.from(potentials),
    solver,
    medium,
    units: 'mV per mA',
    ...(solved ? { gridScale, gridNodes: solved.stats.nodes } : {}),
    elapsedMs: Date.now() - t0,
  });
  return 0;
};
