/**
 * Unmyelinated C fibre of Sundt, Gamper & Jaffe, J Neurophysiol 114:3140 (2015), ModelDB
 * 187473, as built by PyFibers `models/sundt.py`: a chain of 8.333 µm compartments with
 * Traub–Miles-type Na (nahh, m³h, shifted for NaV1.7/1.8: mshift −6, hshift +6 mV), a
 * Borg-Graham/Migliore delayed rectifier K (borgkdr, n³l) and a leak (Rm 10 kΩ·cm²).
 * Ra 100 Ω·cm, cm 1 µF/cm², 37 °C, rest −60 mV. Units: mV, ms, S/cm², µm².
 */
import type { Mechanism } from './cable.ts';
import { assembleFiber, type Fiber } from './fiber.ts';
import { gateTable, readGateTable } from './gateTable.ts';
import { sectionArea, type SectionSpec } from './sections.ts';

const DELTA_Z_UM = 8.333; // PyFibers SundtFiber delta_z
const V_REST_MV = -60; // PyFibers SundtFiber v_rest
const G_NA_S_PER_CM2 = 0.04; // PyFibers sundt.py gnabar_nahh
const M_SHIFT_MV = -6; // PyFibers sundt.py mshift_nahh (NaV1.7/1.8 shift)
const H_SHIFT_MV = 6; // PyFibers sundt.py hshift_nahh
const G_KDR_S_PER_CM2 = 0.04; // PyFibers sundt.py gkdrbar_borgkdr
const E_NA_MV = 50; // NEURON default ena (not set by sundt.py)
const E_K_MV = -90; // PyFibers sundt.py ek
const G_PAS_S_PER_CM2 = 1e-4; // PyFibers sundt.py: Rm = 10 000 Ω·cm²
const RA_OHM_CM = 100; // PyFibers sundt.py Ra
const CM_UF_PER_CM2 = 1; // NEURON default cm
const TEMPERATURE_C = 37; // PyFibers Fiber default temperature
export const C_FIBER_RANGE_UM = { min: 0.1, max: 3 } as const; // PyFibers warns above 2 µm

// borgkdr (Sundt 2015 kdr.mod): Migliore-style n³l gating
const VHALF_N_MV = -32;
const VHALF_L_MV = -61;
const A0_N_PER_MS = 0.03;
const A0_L_PER_MS = 0.001;
const ZETA_N = -5;
const ZETA_L = 2;
const GM_N = 0.4;
const GM_L = 1.0;

function expM1(x: number, y: number): number {
  // nahh.mod expM1: x/(exp(x/y) − 1) with its limit near 0
  if (Math.abs(x / y) < 1e-6) return y * (1 - x / y / 2);
  return x / (Math.exp(x / y) - 1);
}

/** m∞, τm, h∞, τh, n∞, τn, l∞, τl at v (mV) and temperature. */
function sundtRates(v: number, celsius: number, out: Float64Array): void {
  const q10 = 3 ** ((celsius - 30) / 10); // nahh.mod and kdr.mod q10
  const vm = v + 65 + M_SHIFT_MV;
  const vh = v + 65 + H_SHIFT_MV;
  let a = q10 * 0.32 * expM1(13.1 - vm, 4);
  let b = q10 * 0.28 * expM1(vm - 40.1, 5);
  out[0] = a / (a + b);
  out[1] = 1 / (a + b);
  a = q10 * 0.128 * Math.exp((17 - vh) / 18);
  b = (q10 * 4) / (Math.exp((40 - vh) / 5) + 1);
  out[2] = a / (a + b);
  out[3] = 1 / (a + b);
  const fRT = 9.648e4 / (8.315 * (273.16 + celsius)); // kdr.mod constants
  const an = Math.exp(1e-3 * ZETA_N * (v - VHALF_N_MV) * fRT);
  const bn = Math.exp(1e-3 * ZETA_N * GM_N * (v - VHALF_N_MV) * fRT);
  out[4] = 1 / (1 + an);
  out[5] = bn / (q10 * A0_N_PER_MS * (1 + an));
  const al = Math.exp(1e-3 * ZETA_L * (v - VHALF_L_MV) * fRT);
  const bl = Math.exp(1e-3 * ZETA_L * GM_L * (v - VHALF_L_MV) * fRT);
  out[6] = 1 / (1 + al);
  out[7] = bl / (q10 * A0_L_PER_MS * (1 + al));
}

/** Sundt gate table (gateTable.ts): m, h, n, l as (x∞, 1 − exp(−dt/τx)) for a step and temperature. */
function sundtGateTable(dtMs: number, celsius: number): Float64Array {
  const r = new Float64Array(8);
  return gateTable(`sundt|${dtMs}|${celsius}`, (v, out, o) => {
    sundtRates(v, celsius, r);
    for (let q = 0; q < 4; q++) {
      out[o + 2 * q] = r[2 * q] as number;
      out[o + 2 * q + 1] = 1 - Math.exp(-dtMs / (r[2 * q + 1] as number));
    }
  });
}

export class SundtMechanism implements Mechanism {
  readonly compartments: Int32Array;
  private readonly areaUm2: Float64Array;
  private readonly gates: Float64Array; // m, h, n, l
  private readonly r = new Float64Array(8);
  /** the step's (x∞, factor) pairs of one compartment */
  private readonly g = new Float64Array(8);
  private readonly celsius: number;

  constructor(compartments: Int32Array, areaUm2: Float64Array, celsius = TEMPERATURE_C) {
    this.compartments = compartments;
    this.areaUm2 = areaUm2;
    this.gates = new Float64Array(4 * compartments.length);
    this.celsius = celsius;
  }

  initialize(vm: Float64Array): void {
    for (let i = 0; i < this.compartments.length; i++) {
      sundtRates(vm[this.compartments[i] as number] as number, this.celsius, this.r);
      for (let j = 0; j < 4; j++) this.gates[4 * i + j] = this.r[2 * j] as number;
    }
  }

  current(vm: Float64Array, gUs: Float64Array, gv: Float64Array): void {
    const g = this.gates;
    for (let i = 0; i < this.compartments.length; i++) {
      const k = this.compartments[i] as number;
      const a = (this.areaUm2[i] as number) * 1e-2;
      const m = g[4 * i] as number;
      const n = g[4 * i + 2] as number;
      const gNa = G_NA_S_PER_CM2 * m * m * m * (g[4 * i + 1] as number) * a;
      const gK = G_KDR_S_PER_CM2 * n * n * n * (g[4 * i + 3] as number) * a;
      gUs[k] = (gUs[k] as number) + gNa + gK;
      gv[k] = (gv[k] as number) + gNa * E_NA_MV + gK * E_K_MV;
    }
  }

  private table: Float64Array | undefined;
  private tableDtMs = NaN;

  advance(vm: Float64Array, dtMs: number): void {
    const { compartments, gates, r, g } = this;
    // short steps read the gate table (a C fibre has thousands of active compartments, and the
    // rates' exponentials were most of a trial); the long settling steps compute directly
    if (dtMs <= 0.05 && this.tableDtMs !== dtMs) {
      this.table = sundtGateTable(dtMs, this.celsius);
      this.tableDtMs = dtMs;
    }
    const table = dtMs <= 0.05 ? this.table : undefined;
    for (let i = 0; i < compartments.length; i++) {
      const v = vm[compartments[i] as number] as number;
      if (!(table && readGateTable(table, v, g))) {
        sundtRates(v, this.celsius, r);
        for (let q = 0; q < 4; q++) {
          g[2 * q] = r[2 * q] as number;
          g[2 * q + 1] = 1 - Math.exp(-dtMs / (r[2 * q + 1] as number));
        }
      }
      for (let q = 0; q < 4; q++) {
        const k = 4 * i + q;
        gates[k] =
          (gates[k] as number) +
          (g[2 * q + 1] as number) * ((g[2 * q] as number) - (gates[k] as number));
      }
    }
  }

  saveState(): Float64Array {
    return this.gates.slice();
  }

  restoreState(s: Float64Array): void {
    this.gates.set(s);
  }
}

/**
 * `nodeCount` compartments (PyFibers n_sections for homogeneous fibres); passive end
 * compartments as PyFibers `_make_passive` (g_pas 1e-4, Ra 1e10, cm 1).
 */
export function buildCFiber(
  diameterUm: number,
  opts: { nodeCount: number; passiveEndNodes?: number },
): Fiber {
  if (!(diameterUm >= C_FIBER_RANGE_UM.min && diameterUm <= C_FIBER_RANGE_UM.max)) {
    throw new RangeError(
      `C fibre diameter must be ${C_FIBER_RANGE_UM.min}–${C_FIBER_RANGE_UM.max} µm`,
    );
  }
  const n = opts.nodeCount;
  const pen = opts.passiveEndNodes ?? 0;
  const sections: SectionSpec[] = [];
  const active: number[] = [];
  for (let i = 0; i < n; i++) {
    const passive = i < pen || n - 1 - i < pen;
    if (!passive) active.push(i);
    sections.push({
      kind: passive ? 'passive-node' : 'node',
      lengthUm: DELTA_Z_UM,
      diamUm: diameterUm,
      raOhmCm: passive ? 1e10 : RA_OHM_CM,
      cmUfPerCm2: CM_UF_PER_CM2,
      gPasSPerCm2: G_PAS_S_PER_CM2,
      // sundt.py sets e_pas = v + (ina + ik)/g_pas before any current is computed, so −60 mV
      ePasMv: V_REST_MV,
      xraxialMOhmPerCm: 1e9,
      xgSPerCm2: 1e10,
      xcUfPerCm2: 0,
    });
  }
  const activeIdx = Int32Array.from(active);
  return assembleFiber({
    model: 'c-fiber',
    diameterUm,
    sections,
    nodeSectionIndices: sections.map((_, i) => i),
    internodeLengthUm: DELTA_Z_UM,
    passiveEndNodes: pen,
    vInitMv: V_REST_MV,
    temperatureC: TEMPERATURE_C,
    apThresholdMv: -30, // PyFibers default
    steadyStateMs: 200, // PyFibers t_init_ss
    steadyStateDtMs: 10, // PyFibers dt_init_ss
    createMechanisms: (_n, secs) => [
      new SundtMechanism(
        activeIdx,
        Float64Array.from(active, (k) => sectionArea(secs[k] as SectionSpec)),
      ),
    ],
  });
}
