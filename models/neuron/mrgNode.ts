/**
 * MRG node-of-Ranvier channels: fast Na (m³h), persistent Na (mp³), slow K (s), leak.
 * McIntyre, Richardson & Grill, J Neurophysiol 87:995 (2002); numbers as in AXNODE.mod
 * (ModelDB 3810) and PyFibers `AXNODE_myel.mod`, including the PyFibers guards for |v| > 150 mV
 * (../shared/research/models.md §2.3). Gates advance with the exact exponential (cnexp).
 * Units: mV, ms, S/cm², µm².
 */
import type { Mechanism } from './cable.ts';
import { gateTable, readGateTable } from './gateTable.ts';

export interface MrgNodeParams {
  gNaBarSPerCm2: number;
  gNapBarSPerCm2: number;
  gKBarSPerCm2: number;
  gLSPerCm2: number;
}

export const MRG_NODE_DEFAULTS: MrgNodeParams = {
  gNaBarSPerCm2: 3.0, // AXNODE.mod gnabar
  gNapBarSPerCm2: 0.01, // AXNODE.mod gnapbar
  gKBarSPerCm2: 0.08, // AXNODE.mod gkbar
  gLSPerCm2: 0.007, // AXNODE.mod gl
};
const E_NA_MV = 50; // AXNODE.mod ena
const E_K_MV = -90; // AXNODE.mod ek
const E_L_MV = -90; // AXNODE.mod el
const V_TRAUB_MV = -80; // AXNODE.mod vtraub

function guardedExp(x: number): number {
  return x < -100 ? 0 : Math.exp(x); // AXNODE.mod FUNCTION Exp
}

/** Rate constants at 20 °C (1/ms), before the Q10 factors; AXNODE.mod vtrap1…vtrap11. */
function alphaMp(v: number): number {
  if (Math.abs((v + 27) / 10.2) < 1e-6) return 0.01 * 10.2;
  if (v < -150) return 0.00086725;
  return (0.01 * (v + 27)) / (1 - guardedExp(-(v + 27) / 10.2));
}
function betaMp(v: number): number {
  if (Math.abs((v + 34) / 10) < 1e-6) return 0.00025 * 10;
  if (v > 150) return 1.5855e-5;
  return (0.00025 * -(v + 34)) / (1 - guardedExp((v + 34) / 10));
}
function alphaM(v: number): number {
  if (Math.abs((v + 21.4) / 10.3) < 1e-6) return 1.86 * 10.3;
  if (v < -150) return 0.15733;
  return (1.86 * (v + 21.4)) / (1 - guardedExp(-(v + 21.4) / 10.3));
}
function betaM(v: number): number {
  if (Math.abs((v + 25.7) / 9.16) < 1e-6) return 0.086 * 9.16;
  if (v > 150) return 0.0057268;
  return (0.086 * -(v + 25.7)) / (1 - guardedExp((v + 25.7) / 9.16));
}
function alphaH(v: number): number {
  if (Math.abs((v + 114) / 11) < 1e-6) return 0.062 * 11;
  if (v > 150) return 0.0032594;
  return (0.062 * -(v + 114)) / (1 - guardedExp((v + 114) / 11));
}
function betaH(v: number): number {
  if (v < -150) return 0.0014054;
  return 2.3 / (1 + guardedExp(-(v + 31.8) / 13.4));
}
function alphaS(v: number): number {
  if (v < -150) return 3.3484e-5;
  return 0.3 / (guardedExp((v - V_TRAUB_MV - 27) / -5) + 1);
}
function betaS(v: number): number {
  if (v < -150) return 3.3484e-6;
  return 0.03 / (guardedExp((v - V_TRAUB_MV + 10) / -1) + 1);
}

function gateValues(
  v: number,
  dtMs: number,
  q10Na: number,
  q10H: number,
  q10K: number,
  out: Float64Array,
  o: number,
): void {
  let a = q10Na * alphaMp(v);
  let sum = a + q10Na * betaMp(v);
  out[o] = a / sum;
  out[o + 1] = 1 - Math.exp(-dtMs * sum);
  a = q10Na * alphaM(v);
  sum = a + q10Na * betaM(v);
  out[o + 2] = a / sum;
  out[o + 3] = 1 - Math.exp(-dtMs * sum);
  a = q10H * alphaH(v);
  sum = a + q10H * betaH(v);
  out[o + 4] = a / sum;
  out[o + 5] = 1 - Math.exp(-dtMs * sum);
  a = q10K * alphaS(v);
  sum = a + q10K * betaS(v);
  out[o + 6] = a / sum;
  out[o + 7] = 1 - Math.exp(-dtMs * sum);
}

/** MRG node gate table (gateTable.ts) for a step and the three Q10 factors. */
function mrgGateTable(dtMs: number, q10Na: number, q10H: number, q10K: number): Float64Array {
  return gateTable(`mrg-node|${dtMs}|${q10Na}|${q10H}|${q10K}`, (v, out, o) =>
    gateValues(v, dtMs, q10Na, q10H, q10K, out, o),
  );
}

export class MrgNodeMechanism implements Mechanism {
  readonly compartments: Int32Array;
  private readonly areaUm2: Float64Array;
  private readonly mp: Float64Array;
  private readonly m: Float64Array;
  private readonly h: Float64Array;
  private readonly s: Float64Array;
  private readonly q10Na: number;
  private readonly q10H: number;
  private readonly q10K: number;
  private readonly p: MrgNodeParams;

  constructor(
    compartments: Int32Array,
    areaUm2: Float64Array,
    temperatureC: number,
    params: MrgNodeParams = MRG_NODE_DEFAULTS,
  ) {
    this.compartments = compartments;
    this.areaUm2 = areaUm2;
    const n = compartments.length;
    this.mp = new Float64Array(n);
    this.m = new Float64Array(n);
    this.h = new Float64Array(n);
    this.s = new Float64Array(n);
    this.q10Na = 2.2 ** ((temperatureC - 20) / 10); // AXNODE.mod q10_1 (m, mp)
    this.q10H = 2.9 ** ((temperatureC - 20) / 10); // AXNODE.mod q10_2 (h)
    this.q10K = 3.0 ** ((temperatureC - 36) / 10); // AXNODE.mod q10_3 (s)
    this.p = params;
  }

  initialize(vm: Float64Array): void {
    const { compartments, mp, m, h, s } = this;
    for (let i = 0; i < compartments.length; i++) {
      const v = vm[compartments[i] as number] as number;
      let a = alphaMp(v);
      mp[i] = a / (a + betaMp(v));
      a = alphaM(v);
      m[i] = a / (a + betaM(v));
      a = alphaH(v);
      h[i] = a / (a + betaH(v));
      a = alphaS(v);
      s[i] = a / (a + betaS(v));
    }
  }

  current(vm: Float64Array, gUs: Float64Array, gv: Float64Array): void {
    const { compartments, areaUm2, mp, m, h, s, p } = this;
    for (let i = 0; i < compartments.length; i++) {
      const k = compartments[i] as number;
      const a = (areaUm2[i] as number) * 1e-2; // S/cm² · µm² → µS
      const mpi = mp[i] as number;
      const mi = m[i] as number;
      const gNa =
        (p.gNapBarSPerCm2 * mpi * mpi * mpi + p.gNaBarSPerCm2 * mi * mi * mi * (h[i] as number)) *
        a;
      const gK = p.gKBarSPerCm2 * (s[i] as number) * a;
      const gL = p.gLSPerCm2 * a;
      gUs[k] = (gUs[k] as number) + gNa + gK + gL;
      gv[k] = (gv[k] as number) + gNa * E_NA_MV + gK * E_K_MV + gL * E_L_MV;
    }
  }

  private readonly scratch = new Float64Array(8);
  private table: Float64Array | undefined;
  private tableDtMs = NaN;

  advance(vm: Float64Array, dtMs: number): void {
    const { compartments, mp, m, h, s, q10Na, q10H, q10K } = this;
    // short steps use the table; the long settling steps compute directly
    let table: Float64Array | undefined;
    if (dtMs <= 0.05) {
      if (this.tableDtMs !== dtMs) {
        this.table = mrgGateTable(dtMs, q10Na, q10H, q10K);
        this.tableDtMs = dtMs;
      }
      table = this.table;
    }
    const g = this.scratch;
    for (let i = 0; i < compartments.length; i++) {
      const v = vm[compartments[i] as number] as number;
      if (!(table && readGateTable(table, v, g))) {
        gateValues(v, dtMs, q10Na, q10H, q10K, g, 0);
      }
      mp[i] = (mp[i] as number) + (g[1] as number) * ((g[0] as number) - (mp[i] as number));
      m[i] = (m[i] as number) + (g[3] as number) * ((g[2] as number) - (m[i] as number));
      h[i] = (h[i] as number) + (g[5] as number) * ((g[4] as number) - (h[i] as number));
      s[i] = (s[i] as number) + (g[7] as number) * ((g[6] as number) - (s[i] as number));
    }
  }

  saveState(): Float64Array {
    const n = this.compartments.length;
    const out = new Float64Array(4 * n);
    out.set(this.mp, 0);
    out.set(this.m, n);
    out.set(this.h, 2 * n);
    out.set(this.s, 3 * n);
    return out;
  }

  restoreState(st: Float64Array): void {
    const n = this.compartments.length;
    this.mp.set(st.subarray(0, n));
    this.m.set(st.subarray(n, 2 * n));
    this.h.set(st.subarray(2 * n, 3 * n));
    this.s.set(st.subarray(3 * n, 4 * n));
  }
}
