/**
 * Cable integrator: backward Euler on a chain of compartments with an optional second
 * (periaxonal / myelin) layer, as NEURON's fixed-step method does with the `extracellular`
 * mechanism (Hines & Carnevale, The NEURON Book, ch. 4 and "extracellular" reference).
 *
 * Units inside this file: mV, ms, nA, µS, nF, µm.
 *
 * Unknowns per compartment k: vi (intracellular) and vx (periaxonal, the first extracellular
 * layer). The membrane sits between vi and vx (vm = vi − vx); the myelin (conductance gMy,
 * capacitance cMy) between vx and the applied extracellular potential Ve. Compartments whose
 * layer is short-circuited to Ve (nodes of Ranvier, xg = 1e10 S/cm² in MRGaxon.hoc; every
 * compartment of a single-cable model) have vx = Ve exactly.
 *
 * One time step (NEURON's default secondorder = 0):
 *   1. ionic currents linearised at the old vm with the gating states of the old step;
 *   2. the linear system for (vi, vx) at t + dt is solved (2×2 block-tridiagonal, Thomas);
 *   3. the mechanisms advance their gates with the new vm.
 * No allocation happens per step: every work array is owned by the integrator.
 */

/** Electrical description of a chain of compartments (geometry already reduced to numbers). */
export interface CableNetwork {
  readonly compartmentCount: number;
  /** membrane capacitance per compartment (nF) */
  readonly cmNf: Float64Array;
  /** passive (leak) conductance per compartment (µS) and its reversal (mV) */
  readonly gPasUs: Float64Array;
  readonly ePasMv: Float64Array;
  /** intracellular axial conductance between k and k + 1 (µS), length n − 1 */
  readonly axialUs: Float64Array;
  /** periaxonal axial conductance between k and k + 1 (µS), length n − 1 */
  readonly periaxialUs: Float64Array;
  /** myelin conductance (µS) and capacitance (nF) from vx to Ve */
  readonly myelinGUs: Float64Array;
  readonly myelinCNf: Float64Array;
  /** 1 where vx is tied to Ve (short-circuited layer) */
  readonly outerClamped: Uint8Array;
}

/**
 * A membrane mechanism acting on a subset of compartments. `current` writes, for each of its
 * compartments, the slope conductance g (µS) and the term g·vm − i (nA) of the linearisation
 * i(v') ≈ i(vm) + g·(v' − vm), adding to what is already in the arrays.
 */
export interface Mechanism {
  readonly compartments: Int32Array;
  initialize(vmMv: Float64Array): void;
  current(vmMv: Float64Array, gUs: Float64Array, gvMinusINa: Float64Array): void;
  advance(vmMv: Float64Array, dtMs: number): void;
  saveState(): Float64Array;
  restoreState(state: Float64Array): void;
}

export class CableIntegrator {
  readonly n: number;
  readonly net: CableNetwork;
  readonly mechanisms: readonly Mechanism[];
  /** state: intracellular, periaxonal and membrane potentials (mV) */
  readonly vi: Float64Array;
  readonly vx: Float64Array;
  readonly vm: Float64Array;
  /** scale of the applied field at the last step (Ve = scale · veUnit) */
  private lastScale = 0;
  private readonly gAct: Float64Array;
  private readonly gvAct: Float64Array;
  // static numbers interleaved per compartment (stride 10), one memory stream:
  // cm, gPas, gPas·ePas, giL, giR, gxL, gxR (axial couplings to the left/right neighbour,
  // 0 at the ends), cMyelin, gMyelin, clamped (1 where vx = Ve)
  private readonly coef: Float64Array;
  // block-Thomas work per compartment (stride 6): E11, E12, E21, E22, y1, y2
  private readonly work: Float64Array;

  constructor(net: CableNetwork, mechanisms: readonly Mechanism[]) {
    this.net = net;
    this.mechanisms = mechanisms;
    const n = net.compartmentCount;
    this.n = n;
    this.vi = new Float64Array(n);
    this.vx = new Float64Array(n);
    this.vm = new Float64Array(n);
    this.gAct = new Float64Array(n);
    this.gvAct = new Float64Array(n);
    this.coef = new Float64Array(10 * n);
    this.work = new Float64Array(6 * n);
    for (let k = 0; k < n; k++) {
      const o = 10 * k;
      this.coef[o] = net.cmNf[k] as number;
      this.coef[o + 1] = net.gPasUs[k] as number;
      this.coef[o + 2] = (net.gPasUs[k] as number) * (net.ePasMv[k] as number);
      this.coef[o + 3] = k > 0 ? (net.axialUs[k - 1] as number) : 0;
      this.coef[o + 4] = k < n - 1 ? (net.axialUs[k] as number) : 0;
      this.coef[o + 5] = k > 0 ? (net.periaxialUs[k - 1] as number) : 0;
      this.coef[o + 6] = k < n - 1 ? (net.periaxialUs[k] as number) : 0;
      this.coef[o + 7] = net.myelinCNf[k] as number;
      this.coef[o + 8] = net.myelinGUs[k] as number;
      this.coef[o + 9] = net.outerClamped[k] as number;
    }
  }

  /** NEURON's finitialize(v): vm = v everywhere, extracellular layers at 0, gates at rest. */
  initialize(vInitMv: number): void {
    this.vm.fill(vInitMv);
    this.vi.fill(vInitMv);
    this.vx.fill(0);
    this.lastScale = 0;
    for (const m of this.mechanisms) m.initialize(this.vm);
  }

  /**
   * Advances one step of dt with Ve = scale · veUnitMv during the step; `stimNa` (optional)
   * is an intracellular current injected per compartment (nA, depolarising positive).
   */
  step(dtMs: number, veUnitMv: Float64Array, scale: number, stimNa?: Float64Array): void {
    const { vm, gAct, gvAct } = this;
    gAct.fill(0);
    gvAct.fill(0);
    for (const m of this.mechanisms) m.current(vm, gAct, gvAct);
    const sOld = this.lastScale;
    const invDt = 1 / dtMs;
    this.solve(invDt, veUnitMv, scale, sOld, stimNa);
    this.lastScale = scale;
    for (const m of this.mechanisms) m.advance(vm, dtMs);
  }

  /**
   * Block-Thomas solve of the 2×2 block-tridiagonal system. Row 1 of compartment k is the
   * axoplasm (vi), row 2 the periaxonal layer (vx); A_k = diag(−giL, −gxL) and
   * C_k = diag(−giR, −gxR) couple neighbours. Where vx is tied to Ve the block is a scalar row.
   */
  private solve(
    invDt: number,
    veUnitMv: Float64Array,
    scale: number,
    sOld: number,
    stimNa: Float64Array | undefined,
  ): void {
    const n = this.n;
    const { coef, work, vi, vx, vm, gAct, gvAct } = this;
    let pE11 = 0;
    let pE12 = 0;
    let pE21 = 0;
    let pE22 = 0;
    let pY1 = 0;
    let pY2 = 0;
    for (let k = 0, o = 0, w = 0; k < n; k++, o += 10, w += 6) {
      const cap = (coef[o] as number) * invDt;
      const ga = gAct[k] as number;
      const cg = cap + (coef[o + 1] as number) + ga;
      const memRhs = cap * (vm[k] as number) + (coef[o + 2] as number) + (gvAct[k] as number);
      const giL = coef[o + 3] as number;
      const giR = coef[o + 4] as number;
      const veUnit = veUnitMv[k] as number;
      const ve = scale * veUnit;
      const b11 = cg + giL + giR + giL * pE11;
      const b12 = giL * pE12 - cg;
      let d1 = memRhs + giL * pY1;
      if (stimNa) d1 += stimNa[k] as number;
      if (coef[o + 9] === 1) {
        const inv = 1 / b11;
        pE11 = -giR * inv;
        pE12 = 0;
        pE21 = 0;
        pE22 = 0;
        pY1 = (d1 - b12 * ve) * inv;
        pY2 = ve;
      } else {
        const gxL = coef[o + 5] as number;
        const gxR = coef[o + 6] as number;
        const cmy = (coef[o + 7] as number) * invDt;
        const gmy = coef[o + 8] as number;
        const b21 = gxL * pE21 - cg;
        const b22 = cg + cmy + gmy + gxL + gxR + gxL * pE22;
        const d2 = -memRhs + cmy * (ve + (vx[k] as number) - sOld * veUnit) + gmy * ve + gxL * pY2;
        const inv = 1 / (b11 * b22 - b12 * b21);
        const i11 = b22 * inv;
        const i12 = -b12 * inv;
        const i21 = -b21 * inv;
        const i22 = b11 * inv;
        pE11 = -i11 * giR;
        pE12 = -i12 * gxR;
        pE21 = -i21 * giR;
        pE22 = -i22 * gxR;
        pY1 = i11 * d1 + i12 * d2;
        pY2 = i21 * d1 + i22 * d2;
      }
      work[w] = pE11;
      work[w + 1] = pE12;
      work[w + 2] = pE21;
      work[w + 3] = pE22;
      work[w + 4] = pY1;
      work[w + 5] = pY2;
    }
    let u1 = pY1;
    let u2 = pY2;
    vi[n - 1] = u1;
    vx[n - 1] = u2;
    vm[n - 1] = u1 - u2;
    for (let k = n - 2, w = 6 * (n - 2); k >= 0; k--, w -= 6) {
      const a = (work[w + 4] as number) - (work[w] as number) * u1 - (work[w + 1] as number) * u2;
      const b =
        (work[w + 5] as number) - (work[w + 2] as number) * u1 - (work[w + 3] as number) * u2;
      u1 = a;
      u2 = b;
      vi[k] = a;
      vx[k] = b;
      vm[k] = a - b;
    }
  }

  /** Snapshot of the full state (potentials and gates), to restart trials from rest. */
  saveState(): CableState {
    return {
      vi: this.vi.slice(),
      vx: this.vx.slice(),
      vm: this.vm.slice(),
      lastScale: this.lastScale,
      mechanisms: this.mechanisms.map((m) => m.saveState()),
    };
  }

  restoreState(s: CableState): void {
    this.vi.set(s.vi);
    this.vx.set(s.vx);
    this.vm.set(s.vm);
    this.lastScale = s.lastScale;
    this.mechanisms.forEach((m, i) => {
      const st = s.mechanisms[i];
      if (st) m.restoreState(st);
    });
  }
}

export interface CableState {
  vi: Float64Array;
  vx: Float64Array;
  vm: Float64Array;
  lastScale: number;
  mechanisms: Float64Array[];
}
