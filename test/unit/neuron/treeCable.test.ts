/**
 * The branched (tree) solve of the cable integrator, held against the chain solve it must
 * reproduce and against cable theory for a passive junction.
 */
import { describe, expect, it } from 'vitest';
import { CableIntegrator } from '../../../models/neuron/cable.ts';
import { buildFiber } from '../../../models/neuron/build.ts';
import { buildMrg, mrgInterpolatedGeometry } from '../../../models/neuron/mrg.ts';
import { findThreshold } from '../../../models/neuron/threshold.ts';
import { MrgNodeMechanism } from '../../../models/neuron/mrgNode.ts';
import { buildNetwork, sectionArea, type SectionLink } from '../../../models/neuron/sections.ts';
import { sampleWaveform } from '../../../models/neuron/waveform.ts';

/** the MRG fibre numbered as a tree rooted at its middle compartment: m, m−1, m+1, m−2, … */
function middleRooted(n: number): { order: number[]; links: SectionLink[] } {
  const m = Math.floor(n / 2);
  const order = [m];
  for (let j = 1; order.length < n; j++) {
    if (m - j >= 0) order.push(m - j);
    if (m + j < n) order.push(m + j);
  }
  const slot = new Map(order.map((c, i) => [c, i]));
  const links = order.map((c) => ({
    parent: c === m ? -1 : (slot.get(c < m ? c + 1 : c - 1) as number),
  }));
  return { order, links };
}

describe('tree cable solve', () => {
  it('reproduces the chain solve of an MRG fibre renumbered as a tree rooted at its middle (AP under a cathode)', () => {
    const fibre = buildMrg('mrg', 10, { nodeCount: 21, passiveEndNodes: 1 });
    const n = fibre.network.compartmentCount;
    const { order, links } = middleRooted(n);
    const sections = order.map((c) => fibre.sections[c]!);
    const tree = buildNetwork(sections, links);
    expect(tree.parent).toBeDefined();
    // the same mechanisms on renumbered compartments: rebuild them through the fibre's factory
    const chain = new CableIntegrator(fibre.network, fibre.createMechanisms());
    const slot = new Map(order.map((c, i) => [c, i]));
    // the same node channels on the renumbered compartments
    const active = chain.mechanisms[0]!.compartments;
    const mechs = [
      new MrgNodeMechanism(
        Int32Array.from(active, (k) => slot.get(k)!),
        Float64Array.from(active, (k) => sectionArea(fibre.sections[k]!)),
        fibre.temperatureC,
      ),
    ];
    const treeIt = new CableIntegrator(tree, mechs);
    chain.initialize(-80);
    treeIt.initialize(-80);
    // a point cathode 1 mm over the middle node, 0.1 ms at 3× a rough threshold
    const pos = fibre.compartmentPositionsUm;
    const mid = pos[fibre.nodeCompartments[10]!]!;
    const veChain = Float64Array.from(pos, (x) => -1 / Math.hypot((x - mid) / 1000, 1));
    const veTree = Float64Array.from(order, (c) => veChain[c]!);
    const w = sampleWaveform({ kind: 'mono-cathodic', pulseWidthUs: 100 }, 5);
    let peak = -Infinity;
    for (let i = 0; i < 400; i++) {
      const s = i < w.length ? 400 * (w[i] as number) : 0;
      chain.step(0.005, veChain, s);
      treeIt.step(0.005, veTree, s);
      peak = Math.max(peak, chain.vm[fibre.nodeCompartments[18]!]!);
    }
    expect(peak).toBeGreaterThan(0); // an AP travelled to node 18: the test exercises the channels
    order.forEach((c, i) => {
      expect(treeIt.vm[i]!).toBeCloseTo(chain.vm[c]!, 6);
      expect(treeIt.vx[i]!).toBeCloseTo(chain.vx[c]!, 6);
    });
  });

  it('gives the input conductance of three sealed passive cables meeting at a point (cable theory)', () => {
    // d = 1 µm, Ri = 100 Ω·cm, Rm = 1e4 Ω·cm² ⇒ λ = sqrt(Rm·d/(4·Ri)) = 500 µm and
    // G∞ = π·d^1.5 / (2·sqrt(Rm·Ri)) = 1.571e-3 µS; a sealed branch of length L has
    // G∞·tanh(L/λ) (Rall; Johnston & Wu, Foundations of Cellular Neurophysiology, ch. 4)
    const seg = (lengthUm: number) => ({
      kind: 'x',
      lengthUm,
      diamUm: 1,
      raOhmCm: 100,
      cmUfPerCm2: 1,
      gPasSPerCm2: 1e-4,
      ePasMv: 0,
      xraxialMOhmPerCm: 1e9,
      xgSPerCm2: 1e10,
      xcUfPerCm2: 0,
    });
    const branchLengthsUm = [500, 250, 1000];
    const dxUm = 2;
    const sections = [seg(0.01)];
    const links: (SectionLink | undefined)[] = [undefined];
    for (const L of branchLengthsUm) {
      const count = Math.round(L / dxUm);
      for (let i = 0; i < count; i++) {
        links.push({ parent: i === 0 ? 0 : sections.length - 1 });
        sections.push(seg(dxUm));
      }
    }
    const it1 = new CableIntegrator(buildNetwork(sections, links), []);
    it1.initialize(0);
    const zero = new Float64Array(sections.length);
    const stim = new Float64Array(sections.length);
    stim[0] = 1e-3; // nA
    for (let i = 0; i < 200; i++) it1.step(10, zero, 0, stim); // τ = 1 ms: steady state
    const lambdaUm = 500;
    const gInfUs = ((Math.PI * 1e-4 ** 1.5) / (2 * Math.sqrt(1e4 * 100))) * 1e6;
    expect(gInfUs).toBeCloseTo(1.571e-3, 5);
    const gUs = branchLengthsUm.reduce((a, L) => a + gInfUs * Math.tanh(L / lambdaUm), 0);
    const expected = 1e-3 / gUs; // mV
    expect(Math.abs((it1.vm[0] as number) / expected - 1)).toBeLessThan(0.002);
  });

  it('refuses a section whose parent comes after it', () => {
    const s = buildMrg('mrg', 10, { nodeCount: 3 }).sections;
    expect(() => buildNetwork(s, [undefined, { parent: 2 }, { parent: 0 }])).toThrow(/parent/);
  });
});

describe('MRG fibre with collaterals', () => {
  const collaterals = { diameterUm: 3, lengthUm: 1500, everyNodes: 4 };

  it('hangs a myelinated collateral on every 4th node from the middle, clear of the ends', () => {
    const f = buildMrg('mrg-interp', 12, { nodeCount: 31, passiveEndNodes: 1, collaterals });
    const attached = f.branches.map((b) =>
      Array.from(f.nodeCompartments).indexOf(b.attachCompartment),
    );
    expect(attached).toEqual([3, 7, 11, 15, 19, 23, 27]);
    const dx = mrgInterpolatedGeometry(3).deltaXUm;
    for (const b of f.branches) {
      // whole internodes, ending in an active node
      expect(b.nodeCompartments.length).toBe(Math.round(1500 / dx));
      expect(b.compartments[b.compartments.length - 1]).toBe(b.nodeCompartments.at(-1));
      expect(b.distancesUm.at(-1)!).toBeCloseTo(b.nodeCompartments.length * dx - 0.5, 6);
      // branch compartments sit at their attachment's place along the main axon
      for (const k of b.compartments) {
        expect(f.compartmentPositionsUm[k]).toBe(f.compartmentPositionsUm[b.attachCompartment]);
      }
    }
    expect(f.network.parent).toBeDefined();
  });

  it('an AP started at a collateral terminal invades the main axon and reaches both ends', () => {
    const f = buildMrg('mrg-interp', 12, { nodeCount: 31, passiveEndNodes: 1, collaterals });
    const it1 = new CableIntegrator(f.network, f.createMechanisms());
    it1.initialize(-80);
    const zero = new Float64Array(f.network.compartmentCount);
    for (let i = 0; i < 20; i++) it1.step(10, zero, 0); // settle
    const b = f.branches[3]!; // the middle collateral
    const stim = new Float64Array(f.network.compartmentCount);
    stim[b.nodeCompartments.at(-1)!] = 2; // nA into the terminal node for 0.1 ms
    const peak = new Map([2, 28].map((j) => [f.nodeCompartments[j]!, -Infinity]));
    for (let i = 0; i < 800; i++) {
      it1.step(0.005, zero, 0, i < 20 ? stim : undefined);
      for (const k of peak.keys()) peak.set(k, Math.max(peak.get(k)!, it1.vm[k]!));
    }
    for (const v of peak.values()) expect(v).toBeGreaterThan(0);
  });

  it('a collateral loads its node: under a field that is flat along the collateral the threshold rises more than when Ve falls off along it', () => {
    // point cathode 1 mm above the fibre in a homogeneous 0.2 S/m medium; collaterals run away
    // from it. A flat Ve along the collateral leaves only its load on the node; the real field
    // also drives current into the node from the collateral, which partly offsets the load.
    const run = (mode: 'none' | 'flat' | 'field') => {
      const f = buildMrg('mrg-interp', 12, {
        nodeCount: 31,
        passiveEndNodes: 1,
        ...(mode === 'none'
          ? {}
          : { collaterals: { diameterUm: 3, lengthUm: 2000, everyNodes: 1 } }),
      });
      const pos = f.compartmentPositionsUm;
      const mid = pos[f.nodeCompartments[15]!]!;
      const V = (xMm: number, yMm: number) => 1 / (4 * Math.PI * 0.2 * Math.hypot(xMm, yMm - 1));
      const ve = Float64Array.from(pos, (x) => V((x - mid) / 1000, 0));
      for (const b of f.branches) {
        b.compartments.forEach((k, i) => {
          const x = (pos[b.attachCompartment]! - mid) / 1000;
          ve[k] = mode === 'flat' ? ve[b.attachCompartment]! : V(x, -b.distancesUm[i]! / 1000);
        });
      }
      return findThreshold(f, ve, { kind: 'mono-cathodic', pulseWidthUs: 100 }).thresholdMa;
    };
    const none = run('none');
    const flat = run('flat');
    const field = run('field');
    expect(flat).toBeGreaterThan(1.1 * none);
    expect(field).toBeGreaterThan(none);
    expect(field).toBeLessThan(flat);
  });

  it('refuses collaterals on fibre models without a collateral model, and a collateral diameter outside the MRG range', () => {
    expect(() => buildFiber('mcneal', 10, { nodeCount: 11, collaterals })).toThrow(/collateral/);
    expect(() =>
      buildMrg('mrg-interp', 12, { nodeCount: 11, collaterals: { ...collaterals, diameterUm: 1 } }),
    ).toThrow(/collateral: MRG interpolation/);
  });
});
