import { describe, expect, it } from 'vitest';
import { defaultScenario, type Program, type Scenario } from '../../../models/scenario.ts';
import { addLead, arrangeTwoLeads } from '../../../models/estimate/placement.ts';
import {
  apportion,
  equalPerMille,
  rescalePerMille,
} from '../../../models/stimulation/fractions.ts';
import {
  fieldCentre,
  readSteerState,
  steer,
  steerMoves,
  steeringLattice,
  type SteerMove,
  type SteerPolarity,
  type SteerState,
} from '../../../models/stimulation/steering.ts';

const scs = () => defaultScenario('SCS');

/** cathode (or anode) shares by "lead#contact", % */
function shares(p: Program, polarity: SteerPolarity = 'cathode'): Record<string, number> {
  return Object.fromEntries(
    p.contacts
      .filter((c) => c.polarity === polarity)
      .map((c) => [`${c.leadId}#${c.contactIndex}`, c.fractionPercent]),
  );
}

function perMilleSum(p: Program, polarity: SteerPolarity): number {
  return p.contacts
    .filter((c) => c.polarity === polarity)
    .reduce((s, c) => s + Math.round(c.fractionPercent * 10), 0);
}

/** Applies moves in turn, carrying the state of each step as the next one's hint. */
function run(s: Scenario, moves: SteerMove[], polarity: SteerPolarity = 'cathode') {
  const lattice = steeringLattice(s.leads);
  let program = s.program;
  let hint: SteerState | undefined;
  for (const m of moves) {
    const out = steer(program, lattice, polarity, m, { hint });
    if (!out.ok) throw new Error(`${m}: ${out.reason}`);
    program = out.program;
    hint = out.state;
  }
  return { program, hint, lattice };
}

/** Two 8-contact leads side by side at T8, cathode on contact 3 of the first. */
function twoLeads(): Scenario {
  let s = addLead(scs(), 'perc-8-4mm');
  s = arrangeTwoLeads(s, 'side-by-side');
  return s;
}

describe('per-mille fractions', () => {
  it('an equal split sums to exactly 1000 ‰ and gives the remainder to the first', () => {
    expect(equalPerMille(3)).toEqual([334, 333, 333]);
    for (let n = 1; n <= 32; n++) expect(equalPerMille(n).reduce((a, b) => a + b, 0)).toBe(1000);
  });

  it('an equal split stays equal when a contact leaves it (no 50.1 / 49.9)', () => {
    expect(rescalePerMille([334, 333])).toEqual([500, 500]);
    expect(rescalePerMille([333, 333])).toEqual([500, 500]);
    // proportions are kept otherwise: 800 : 200 of what is left
    expect(rescalePerMille([600, 150])).toEqual([800, 200]);
  });

  it('largest remainders, ties to the earlier entry', () => {
    expect(apportion([1, 1, 1], 1000)).toEqual([334, 333, 333]);
    expect(apportion([0.5, 0.25, 0.25], 1000)).toEqual([500, 250, 250]);
    expect(apportion([1, 2], 7)).toEqual([2, 5]);
  });
});

describe('steering along one lead', () => {
  it('up moves 10 % of the cathode to the next contact towards the tip, per step', () => {
    const { program } = run(scs(), ['up']);
    // default SCS: cathode contact 3 (100 %), anode contact 4 (100 %)
    expect(shares(program)).toEqual({ 'lead-1#3': 90, 'lead-1#2': 10 });
    const three = run(scs(), ['up', 'up', 'up']).program;
    expect(shares(three)).toEqual({ 'lead-1#3': 70, 'lead-1#2': 30 });
    const ten = run(scs(), Array<SteerMove>(10).fill('up')).program;
    expect(shares(ten)).toEqual({ 'lead-1#2': 100 });
  });

  it('the current-weighted centre moves a tenth of a pitch per step', () => {
    const s = scs();
    const lattice = steeringLattice(s.leads);
    const before = fieldCentre(lattice, s.program, 'cathode')!;
    const after = fieldCentre(lattice, run(s, ['up', 'up', 'up']).program, 'cathode')!;
    expect(after.heightMm - before.heightMm).toBeCloseTo(0.3 * lattice.pitchMm, 9);
    // perc-8-4mm: 3 mm contacts, 4 mm gaps → 7 mm pitch
    expect(lattice.pitchMm).toBeCloseTo(7, 9);
  });

  it('keeps the anode, every polarity and the case return; each polarity stays at exactly 1000 ‰', () => {
    const up6 = Array<SteerMove>(6).fill('up');
    const moves: SteerMove[] = [...up6, 'widen', 'up', 'focus', 'up', 'up', 'widen', 'up'];
    const s = scs();
    const { program } = run(s, moves);
    expect(shares(program, 'anode')).toEqual({ 'lead-1#4': 100 });
    expect(program.caseIsReturn).toBe(s.program.caseIsReturn);
    expect(perMilleSum(program, 'cathode')).toBe(1000);
    for (const c of program.contacts) {
      const was = s.program.contacts.find(
        (d) => d.leadId === c.leadId && d.contactIndex === c.contactIndex,
      );
      if (was) expect(c.polarity).toBe(was.polarity);
    }
  });

  it('a step back gives back the same fractions, also after many steps (no drift)', () => {
    const s = scs();
    const forth: SteerMove[] = [
      ...Array<SteerMove>(6).fill('up'),
      'widen',
      'up',
      'up',
      'up',
      'up',
      'widen',
      'up',
      'focus',
      'up',
    ];
    const back: Record<SteerMove, SteerMove> = {
      up: 'down',
      down: 'up',
      left: 'right',
      right: 'left',
      widen: 'focus',
      focus: 'widen',
    };
    const trail = [s.program];
    const lattice = steeringLattice(s.leads);
    let program = s.program;
    let hint: SteerState | undefined;
    const states: (SteerState | undefined)[] = [undefined];
    for (const m of forth) {
      const out = steer(program, lattice, 'cathode', m, { hint });
      if (!out.ok) throw new Error(out.reason);
      program = out.program;
      hint = out.state;
      trail.push(program);
      states.push(hint);
    }
    for (let i = forth.length - 1; i >= 0; i--) {
      const out = steer(program, lattice, 'cathode', back[forth[i]!], { hint });
      if (!out.ok) throw new Error(out.reason);
      program = out.program;
      hint = out.state;
      expect(shares(program)).toEqual(shares(trail[i]!));
    }
    // 200 steps up and down between the ends: the same shares at the same place every time
    let p = s.program;
    let h: SteerState | undefined;
    for (let i = 0; i < 100; i++) {
      for (const m of ['up', 'down'] as const) {
        const out = steer(p, lattice, 'cathode', m, { hint: h });
        if (!out.ok) throw new Error(out.reason);
        p = out.program;
        h = out.state;
      }
    }
    expect(shares(p)).toEqual(shares(s.program));
  });

  it('a widen that would put current on the anode is refused', () => {
    const s = scs();
    const out = steer(s.program, steeringLattice(s.leads), 'cathode', 'widen');
    expect(out).toEqual({ ok: false, reason: expect.stringMatching(/contact 4 is an anode/) });
  });

  it('widen spreads the cathode to its neighbours, focus takes it back', () => {
    const s = scs();
    const wide = run(s, ['up', 'up', 'up', 'up', 'up', 'up', 'up', 'up', 'up', 'up', 'widen']);
    // cathode on contact 2, a bar of two pitches: 25 / 50 / 25 — but contact 3 is off now
    expect(shares(wide.program)).toEqual({ 'lead-1#2': 50, 'lead-1#1': 25, 'lead-1#3': 25 });
    const wider = steer(wide.program, wide.lattice, 'cathode', 'widen', { hint: wide.hint });
    expect(wider.ok && shares(wider.program)).toEqual({
      'lead-1#1': 33.4,
      'lead-1#2': 33.3,
      'lead-1#3': 33.3,
    });
    const focused = steer(wide.program, wide.lattice, 'cathode', 'focus', { hint: wide.hint });
    expect(focused.ok && shares(focused.program)).toEqual({ 'lead-1#2': 100 });
  });

  it('says why a step cannot be taken: the end of the array, an anode in the way, one lead', () => {
    const s = scs();
    const lattice = steeringLattice(s.leads);
    const now = steerMoves(s.program, lattice, 'cathode', {
      name: (lead, i) => `${lead === 'lead-1' ? 'Lead 1' : lead} contact ${i}`,
    });
    expect(now.up.ok).toBe(true);
    expect(now.down).toEqual({
      ok: false,
      reason: expect.stringMatching(/Lead 1 contact 4 is an anode/),
    });
    expect(now.left).toEqual({ ok: false, reason: expect.stringMatching(/one lead/) });
    expect(now.right.ok).toBe(false);
    expect(now.focus).toEqual({ ok: false, reason: expect.stringMatching(/already as focused/) });
    const top = run(s, Array<SteerMove>(30).fill('up')).program;
    expect(shares(top)).toEqual({ 'lead-1#0': 100 });
    const atTop = steerMoves(top, lattice, 'cathode');
    expect(atTop.up).toEqual({ ok: false, reason: expect.stringMatching(/top end/) });
  });

  it('anodes are steered only when asked, and then the cathodes are kept', () => {
    const s = scs();
    const { program } = run(s, ['down', 'down'], 'anode');
    expect(shares(program, 'anode')).toEqual({ 'lead-1#4': 80, 'lead-1#5': 20 });
    expect(shares(program)).toEqual({ 'lead-1#3': 100 });
  });

  it('shares set by hand start from the nearest pattern, and say so', () => {
    const s = scs();
    const program: Program = {
      ...s.program,
      contacts: [
        { leadId: 'lead-1', contactIndex: 2, polarity: 'cathode', fractionPercent: 35 },
        { leadId: 'lead-1', contactIndex: 3, polarity: 'cathode', fractionPercent: 65 },
        { leadId: 'lead-1', contactIndex: 4, polarity: 'anode', fractionPercent: 100 },
      ],
    };
    const lattice = steeringLattice(s.leads);
    expect(readSteerState(lattice, program, 'cathode')?.exact).toBe(false);
    const out = steer(program, lattice, 'cathode', 'up');
    expect(out.ok && out.fromNearest).toBe(true);
    // centre 2.65 pitches below the tip: nearest pattern 40 / 60 (30 / 70 is as near in
    // shares but a step further from the centre), then one step up
    expect(out.ok && shares(out.program)).toEqual({ 'lead-1#2': 50, 'lead-1#3': 50 });
  });
});

describe('steering across two leads', () => {
  it('left and right move the cathode between the leads in 10 % steps, exactly', () => {
    const s = twoLeads();
    const lattice = steeringLattice(s.leads);
    expect(lattice.columns).toHaveLength(2);
    // arrangeTwoLeads: lead-1 at +2.5 mm (the patient's left), lead-2 at −2.5 mm
    expect(lattice.columns[0]?.leadId).toBe('lead-1');
    const half = run(s, ['right', 'right', 'right', 'right', 'right']).program;
    expect(shares(half)).toEqual({ 'lead-1#3': 50, 'lead-2#3': 50 });
    const three = run(s, ['right', 'right', 'right']).program;
    expect(shares(three)).toEqual({ 'lead-1#3': 70, 'lead-2#3': 30 });
    const all = run(s, Array<SteerMove>(10).fill('right'));
    expect(shares(all.program)).toEqual({ 'lead-2#3': 100 });
    const atRight = steerMoves(all.program, all.lattice, 'cathode', { hint: all.hint });
    expect(atRight.right).toEqual({ ok: false, reason: expect.stringMatching(/rightmost lead/) });
    expect(atRight.left.ok).toBe(true);
  });

  it('diagonal steering over both leads keeps 1000 ‰ and comes back exactly', () => {
    const s = twoLeads();
    const out = run(s, ['right', 'right', 'right', 'up', 'up', 'up', 'up']);
    // 70 / 30 across, 60 / 40 along: 42, 28 on lead 1; 18, 12 on lead 2
    expect(shares(out.program)).toEqual({
      'lead-1#3': 42,
      'lead-1#2': 28,
      'lead-2#3': 18,
      'lead-2#2': 12,
    });
    expect(perMilleSum(out.program, 'cathode')).toBe(1000);
    const back = run({ ...s, program: out.program }, []).program;
    let p = back;
    let hint = out.hint;
    for (const m of ['down', 'down', 'down', 'down', 'left', 'left', 'left'] as const) {
      const r = steer(p, out.lattice, 'cathode', m, { hint });
      if (!r.ok) throw new Error(r.reason);
      p = r.program;
      hint = r.state;
    }
    expect(shares(p)).toEqual(shares(s.program));
  });
});

describe('steering a paddle', () => {
  it('left/right move between paddle columns', () => {
    let s = scs();
    s = { ...s, leads: [{ ...s.leads[0]!, catalogId: 'paddle-2x8' }] };
    const lattice = steeringLattice(s.leads);
    expect(lattice.columns).toHaveLength(2);
    const c0 = lattice.contacts.find((c) => c.leadId === 'lead-1' && c.contactIndex === 3)!;
    const moves = steerMoves(s.program, lattice, 'cathode');
    const toward = c0.column === 0 ? 'right' : 'left';
    expect(moves[toward].ok).toBe(true);
    const out = steer(s.program, lattice, 'cathode', toward);
    expect(out.ok).toBe(true);
    if (out.ok) {
      const sh = shares(out.program);
      expect(sh['lead-1#3']).toBe(90);
      expect(Object.values(sh).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
      expect(out.program.caseIsReturn).toBe(false);
    }
  });
});
