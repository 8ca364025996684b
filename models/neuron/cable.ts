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
  // block-Thomas work arrays: E (2×2 per k) and y (2 per k)
  private readonly e11: Float64Array;
  private readonly e12: Float64Array;
  private readonly e21: Float64Array;
  private readonly e22: Float64Array;
  private readonly y1: Float64Array;
  private readonly y2: Float64Array;
  // axial conductances to the left/right neighbour (0 at the ends); the periaxonal ones are 0
  // towards or from a compartment whose layer is tied to Ve (no row couples to a known vx)
  private readonly giLeft: Float64Array;
  private readonly giRight: Float64Array;
  private readonly gxLeft: Float64Array;
  private readonly gxRight: Float64Array;

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
    this.e11 = new Float64Array(n);
    this.e12 = new Float64Array(n);
    this.e21 = new Float64Array(n);
    this.e22 = new Float64Array(n);
    this.y1 = new Float64Array(n);
    this.y2 = new Float64Array(n);
    this.giLeft = new Float64Array(n);
    this.giRight = new Float64Array(n);
    this.gxLeft = new Float64Array(n);
    this.gxRight = new Float64Array(n);
    for (let k = 0; k < n - 1; k++) {
      const gi = net.axialUs[k] as number;
      const gx = net.periaxialUs[k] as number;
      this.giRight[k] = gi;
      this.giLeft[k + 1] = gi;
      this.gxRight[k] = gx;
      this.gxLeft[k + 1] = gx;
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
    const n = this.n;
    const { cmNf, gPasUs, ePasMv, myelinGUs, myelinCNf, outerClamped } = this.net;
    const { giLeft, giRight, gxLeft, gxRight } = this;
    const { vi, vx, vm, gAct, gvAct, e11, e12, e21, e22, y1, y2 } = this;
    gAct.fill(0);
    gvAct.fill(0);
    for (const m of this.mechanisms) m.current(vm, gAct, gvAct);
    const sOld = this.lastScale;
    const invDt = 1 / dtMs;

    let pE11 = 0;
    let pE12 = 0;
    let pE21 = 0;
    let pE22 = 0;
    let pY1 = 0;
    let pY2 = 0;
    for (let k = 0; k < n; k++) {
      const cap = (cmNf[k] as number) * invDt;
      const gp = gPasUs[k] as number;
      const cg = cap + gp + (gAct[k] as number);
      const memRhs = cap * (vm[k] as number) + gp * (ePasMv[k] as number) + (gvAct[k] as number);
      const giL = giLeft[k] as number;
      const giR = giRight[k] as number;
      const ve = scale * (veUnitMv[k] as number);
      // row 1 (vi), with A_k·E_{k−1} and A_k·y_{k−1} folded in (A_k = diag(−giL, −gxL))
      const b11 = cg + giL + giR + giL * pE11;
      const b12 = giL * pE12 - cg;
      let d1 = memRhs + giL * pY1;
      if (stimNa) d1 += stimNa[k] as number;
      if (outerClamped[k] === 1) {
        // vx = Ve: a scalar row for vi
        const inv = 1 / b11;
        pE11 = -giR * inv;
        pE12 = 0;
        pE21 = 0;
        pE22 = 0;
        pY1 = (d1 - b12 * ve) * inv;
        pY2 = ve;
      } else {
        const gxL = gxLeft[k] as number;
        const gxR = gxRight[k] as number;
        const cmy = (myelinCNf[k] as number) * invDt;
        const gmy = myelinGUs[k] as number;
        const b21 = gxL * pE21 - cg;
        const b22 = cg + cmy + gmy + gxL + gxR + gxL * pE22;
        const d2 =
          -memRhs +
          cmy * (ve + (vx[k] as number) - sOld * (veUnitMv[k] as number)) +
          gmy * ve +
          gxL * pY2;
        const inv = 1 / (b11 * b22 - b12 * b21);
        const i11 = b22 * inv;
        const i12 = -b12 * inv;
        const i21 = -b21 * inv;
        const i22 = b11 * inv;
        // E = inv·C_k with C_k = diag(−giR, −gxR)
        pE11 = -i11 * giR;
        pE12 = -i12 * gxR;
        pE21 = -i21 * giR;
        pE22 = -i22 * gxR;
        pY1 = i11 * d1 + i12 * d2;
        pY2 = i21 * d1 + i22 * d2;
      }
      e11[k] = pE11;
      e12[k] = pE12;
      e21[k] = pE21;
      e22[k] = pE22;
      y1[k] = pY1;
      y2[k] = pY2;
    }
    // back substitution
    let u1 = pY1;
    let u2 = pY2;
    vi[n - 1] = u1;
    vx[n - 1] = u2;
    vm[n - 1] = u1 - u2;
    for (let k = n - 2; k >= 0; k--) {
      const a = (y1[k] as number) - (e11[k] as number) * u1 - (e12[k] as number) * u2;
      const b = (y2[k] as number) - (e21[k] as number) * u1 - (e22[k] as number) * u2;
      u1 = a;
      u2 = b;
      vi[k] = a;
      vx[k] = b;
      vm[k] = a - b;
    }
    this.lastScale = scale;
    for (const m of this.mechanisms) m.advance(vm, dtMs);
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
