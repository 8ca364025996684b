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
 *
 * Branched fibres (a network with `parent`) are solved the way NEURON's tree solver does it
 * (Hines 1984, Int J Biomed Comput 15:69; The NEURON Book ch. 5): compartments numbered so that
 * every parent comes before its children, elimination from the last compartment to the root
 * (each 2×2 block folded into its parent's), then substitution from the root outwards.
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
  /**
   * Branched fibres only: parent[k] (< k) is the compartment k couples to, and axialUs[k − 1],
   * periaxialUs[k − 1] are the conductances of that coupling; parent[0] = −1. Absent for a
   * chain, where compartment k couples to k − 1 (the same arrays read as a tree with
   * parent[k] = k − 1).
   */
  readonly parent?: Int32Array;
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
  // tree only: parent of each compartment, and per compartment the sums of the couplings to
  // its parent and children (intracellular, periaxonal)
  private readonly parent: Int32Array | undefined;
  private readonly giSum: Float64Array | undefined;
  private readonly gxSum: Float64Array | undefined;
  private readonly treeBlocks: Float64Array;

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
    this.treeBlocks = new Float64Array(net.parent ? 6 * n : 0);
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
    this.parent = net.parent;
    if (net.parent) {
      const gi = new Float64Array(n);
      const gx = new Float64Array(n);
      for (let k = 1; k < n; k++) {
        const p = net.parent[k] as number;
        if (!(p >= 0 && p < k)) throw new RangeError(`compartment ${k}: parent must precede it`);
        const a = net.axialUs[k - 1] as number;
        const b = net.periaxialUs[k - 1] as number;
        gi[k] = (gi[k] as number) + a;
        gi[p] = (gi[p] as number) + a;
        gx[k] = (gx[k] as number) + b;
        gx[p] = (gx[p] as number) + b;
      }
      this.giSum = gi;
      this.gxSum = gx;
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
    if (this.parent) this.solveTree(this.parent, invDt, veUnitMv, scale, sOld, stimNa);
    else this.solve(invDt, veUnitMv, scale, sOld, stimNa);
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

  /**
   * Tree solve (see the file header). Per compartment the block B (2×2, row 1 axoplasm, row 2
   * periaxonal layer; where vx is tied to Ve row 2 reads vx = Ve) and right-hand side d are
   * assembled with the diagonal sums of all couplings; eliminating child k into parent p
   * subtracts A_pk·B_k⁻¹·A_kp from B_p and A_pk·B_k⁻¹·d_k from d_p, with A = −diag(gi, gx)
   * (A_kp's periaxonal entry is 0 when k's layer is tied to Ve; p's row 2 is left alone when
   * p's is). The work array keeps B_k⁻¹ and d_k for the substitution.
   */
  private solveTree(
    parent: Int32Array,
    invDt: number,
    veUnitMv: Float64Array,
    scale: number,
    sOld: number,
    stimNa: Float64Array | undefined,
  ): void {
    const n = this.n;
    const { coef, vi, vx, vm, gAct, gvAct } = this;
    const giSum = this.giSum as Float64Array;
    const gxSum = this.gxSum as Float64Array;
    const axial = this.net.axialUs;
    const periaxial = this.net.periaxialUs;
    const B = this.treeBlocks;
    // assemble: B (stride 6: b11, b12, b21, b22, d1, d2)
    for (let k = 0, o = 0, w = 0; k < n; k++, o += 10, w += 6) {
      const cap = (coef[o] as number) * invDt;
      const cg = cap + (coef[o + 1] as number) + (gAct[k] as number);
      const memRhs = cap * (vm[k] as number) + (coef[o + 2] as number) + (gvAct[k] as number);
      const ve = scale * (veUnitMv[k] as number);
      B[w] = cg + (giSum[k] as number);
      B[w + 1] = -cg;
      B[w + 4] = memRhs + (stimNa ? (stimNa[k] as number) : 0);
      if (coef[o + 9] === 1) {
        B[w + 2] = 0;
        B[w + 3] = 1;
        B[w + 5] = ve;
      } else {
        const cmy = (coef[o + 7] as number) * invDt;
        const gmy = coef[o + 8] as number;
        B[w + 2] = -cg;
        B[w + 3] = cg + cmy + gmy + (gxSum[k] as number);
        B[w + 5] =
          -memRhs + cmy * (ve + (vx[k] as number) - sOld * (veUnitMv[k] as number)) + gmy * ve;
      }
    }
    // eliminate leaves → root; B_k is replaced by its inverse
    for (let k = n - 1; k >= 0; k--) {
      const w = 6 * k;
      const b11 = B[w] as number;
      const b12 = B[w + 1] as number;
      const b21 = B[w + 2] as number;
      const b22 = B[w + 3] as number;
      const inv = 1 / (b11 * b22 - b12 * b21);
      const m11 = b22 * inv;
      const m12 = -b12 * inv;
      const m21 = -b21 * inv;
      const m22 = b11 * inv;
      B[w] = m11;
      B[w + 1] = m12;
      B[w + 2] = m21;
      B[w + 3] = m22;
      if (k === 0) break;
      const p = parent[k] as number;
      const wp = 6 * p;
      const gi = axial[k - 1] as number;
      const gx = periaxial[k - 1] as number;
      const gxk = coef[10 * k + 9] === 1 ? 0 : gx;
      const d1 = B[w + 4] as number;
      const d2 = B[w + 5] as number;
      const md1 = m11 * d1 + m12 * d2;
      const md2 = m21 * d1 + m22 * d2;
      B[wp] = (B[wp] as number) - gi * gi * m11;
      B[wp + 1] = (B[wp + 1] as number) - gi * gxk * m12;
      B[wp + 4] = (B[wp + 4] as number) + gi * md1;
      if (coef[10 * p + 9] !== 1) {
        B[wp + 2] = (B[wp + 2] as number) - gx * gi * m21;
        B[wp + 3] = (B[wp + 3] as number) - gx * gxk * m22;
        B[wp + 5] = (B[wp + 5] as number) + gx * md2;
      }
    }
    // substitute root → leaves
    for (let k = 0, w = 0; k < n; k++, w += 6) {
      let r1 = B[w + 4] as number;
      let r2 = B[w + 5] as number;
      if (k > 0) {
        const p = parent[k] as number;
        r1 += (axial[k - 1] as number) * (vi[p] as number);
        if (coef[10 * k + 9] !== 1) r2 += (periaxial[k - 1] as number) * (vx[p] as number);
      }
      const a = (B[w] as number) * r1 + (B[w + 1] as number) * r2;
      const b = (B[w + 2] as number) * r1 + (B[w + 3] as number) * r2;
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
