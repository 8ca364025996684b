/**
 * Frankenhaeuser–Huxley node membrane (Frankenhaeuser & Huxley, J Physiol 171:302, 1964) as
 * used by McNeal (IEEE TBME 23:329, 1976) and Reilly's SENN benchmark (Reilly, Phys Med Biol
 * 61:4346, 2016): GHK currents for Na (m²h), K (n²) and the non-specific delayed current
 * (p², carried by Na), plus a linear leak. Rates in terms of the displacement V = v − v_rest.
 * Units: mV, ms, cm/s, mM, S/cm², µm².
 */
import type { Mechanism } from './cable.ts';

const P_NA_CM_PER_S = 8e-3; // FH 1964 / Reilly 2016 P_Na
const P_K_CM_PER_S = 1.2e-3; // FH 1964 / Reilly 2016 P_K
const P_P_CM_PER_S = 0.54e-3; // FH 1964 / Reilly 2016 P_P
const G_L_S_PER_CM2 = 0.0303; // FH 1964 / Reilly 2016 g_L (30.3 mS/cm²)
const V_L_MV = 0.26; // NEURON fh.mod (Hines; Reilly benchmark): el = −69.74 mV, i.e. +0.26 mV from rest
const NA_I_MM = 13.74; // FH 1964 [Na]i
const NA_O_MM = 114.5; // FH 1964 [Na]o
const K_I_MM = 120; // FH 1964 [K]i
const K_O_MM = 2.5; // FH 1964 [K]o
const FARADAY_C_PER_MOL = 96485.3; // CODATA
const GAS_J_PER_MOL_K = 8.31446; // CODATA
export const FH_V_REST_MV = -70; // McNeal 1976 resting potential
export const FH_TEMPERATURE_C = 20; // FH 1964; Reilly 2016 benchmark temperature

function rateLinear(a: number, v0: number, k: number, V: number): number {
  // a·(V − v0)/(1 − exp((v0 − V)/k)), with its limit a·k at V = v0
  const x = (v0 - V) / k;
  if (Math.abs(x) < 1e-7) return a * k;
  return (a * (V - v0)) / (1 - Math.exp(x));
}

function rateReverse(a: number, v0: number, k: number, V: number): number {
  // a·(v0 − V)/(1 − exp((V − v0)/k)), with its limit a·k at V = v0
  const x = (V - v0) / k;
  if (Math.abs(x) < 1e-7) return a * k;
  return (a * (v0 - V)) / (1 - Math.exp(x));
}

function rates(V: number, out: Float64Array): void {
  // FH 1964 / McNeal 1976 Table I (V displacement, mV; rates 1/ms at 20 °C)
  const am = rateLinear(0.36, 22, 3, V);
  const bm = rateReverse(0.4, 13, 20, V);
  const ah = rateReverse(0.1, -10, 6, V);
  const bh = 4.5 / (1 + Math.exp((45 - V) / 10));
  const an = rateLinear(0.02, 35, 10, V);
  const bn = rateReverse(0.05, 10, 10, V);
  const ap = rateLinear(0.006, 40, 10, V);
  const bp = rateReverse(0.09, -25, 20, V);
  out[0] = am;
  out[1] = bm;
  out[2] = ah;
  out[3] = bh;
  out[4] = an;
  out[5] = bn;
  out[6] = ap;
  out[7] = bp;
}

/** GHK current density (mA/cm²) per unit permeability (cm/s), outward positive. */
function ghk(vMv: number, ciMm: number, coMm: number, temperatureC: number): number {
  const u = (vMv * 1e-3 * FARADAY_C_PER_MOL) / (GAS_J_PER_MOL_K * (temperatureC + 273.15));
  // P·F·u·(ci − co·e^{−u})/(1 − e^{−u}); mM = 1e-6 mol/cm³; A → mA: ×1e-3 overall
  if (Math.abs(u) < 1e-9) return FARADAY_C_PER_MOL * (ciMm - coMm) * 1e-3;
  const e = Math.exp(-u);
  return FARADAY_C_PER_MOL * u * ((ciMm - coMm * e) / (1 - e)) * 1e-3;
}

export class FhNodeMechanism implements Mechanism {
  readonly compartments: Int32Array;
  private readonly areaUm2: Float64Array;
  private readonly gates: Float64Array; // m, h, n, p per node
  private readonly r = new Float64Array(8);
  private readonly temperatureC: number;
  /** leak reversal (mV); McNeal's V_L unless balanced at initialisation */
  private leakReversalMv = FH_V_REST_MV + V_L_MV;
  private readonly balanceLeak: boolean;

  constructor(
    compartments: Int32Array,
    areaUm2: Float64Array,
    temperatureC = FH_TEMPERATURE_C,
    balanceLeak = false,
  ) {
    this.balanceLeak = balanceLeak;
    this.compartments = compartments;
    this.areaUm2 = areaUm2;
    this.gates = new Float64Array(4 * compartments.length);
    this.temperatureC = temperatureC;
  }

  private ionic(i: number, v: number): number {
    const g = this.gates;
    const m = g[4 * i] as number;
    const h = g[4 * i + 1] as number;
    const n = g[4 * i + 2] as number;
    const p = g[4 * i + 3] as number;
    const T = this.temperatureC;
    const gna = ghk(v, NA_I_MM, NA_O_MM, T);
    return (
      P_NA_CM_PER_S * m * m * h * gna +
      P_P_CM_PER_S * p * p * gna +
      P_K_CM_PER_S * n * n * ghk(v, K_I_MM, K_O_MM, T) +
      G_L_S_PER_CM2 * (v - this.leakReversalMv)
    ); // mA/cm²
  }

  initialize(vm: Float64Array): void {
    const r = this.r;
    for (let i = 0; i < this.compartments.length; i++) {
      rates((vm[this.compartments[i] as number] as number) - FH_V_REST_MV, r);
      for (let j = 0; j < 4; j++) {
        const a = r[2 * j] as number;
        this.gates[4 * i + j] = a / (a + (r[2 * j + 1] as number));
      }
    }
    if (this.balanceLeak && this.compartments.length > 0) {
      // leak reversal that makes the resting current exactly zero at v_init
      const v0 = vm[this.compartments[0] as number] as number;
      this.leakReversalMv = FH_V_REST_MV + V_L_MV;
      const residual = this.ionic(0, v0);
      this.leakReversalMv += residual / G_L_S_PER_CM2;
    }
  }

  current(vm: Float64Array, gUs: Float64Array, gv: Float64Array): void {
    for (let i = 0; i < this.compartments.length; i++) {
      const k = this.compartments[i] as number;
      const v = vm[k] as number;
      // NEURON: di/dv from a 0.001 mV difference with the gates held
      const i0 = this.ionic(i, v);
      const slope = (this.ionic(i, v + 0.001) - i0) / 0.001; // S/cm²
      const a = (this.areaUm2[i] as number) * 1e-2; // S/cm²·µm² → µS; mA/cm²·µm² → 10 nA... see below
      // mA/cm² · µm² = 1e-8 mA = 1e-2 nA, the same factor as S/cm² → µS
      const g = slope * a;
      gUs[k] = (gUs[k] as number) + g;
      gv[k] = (gv[k] as number) + g * v - i0 * a;
    }
  }

  advance(vm: Float64Array, dtMs: number): void {
    const r = this.r;
    for (let i = 0; i < this.compartments.length; i++) {
      rates((vm[this.compartments[i] as number] as number) - FH_V_REST_MV, r);
      for (let j = 0; j < 4; j++) {
        const a = r[2 * j] as number;
        const sum = a + (r[2 * j + 1] as number);
        const x = this.gates[4 * i + j] as number;
        this.gates[4 * i + j] = x + (1 - Math.exp(-dtMs * sum)) * (a / sum - x);
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
