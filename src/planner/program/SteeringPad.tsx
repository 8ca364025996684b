import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { LeadPlacement, Program } from '../../../models/scenario.ts';
import {
  STEER_MOVES,
  fieldCentre,
  formatNumber,
  steer,
  steerMoves,
  steeringLattice,
  type SteerMove,
  type SteerPolarity,
  type SteerState,
} from '../../../models/stimulation/index.ts';
import { useEditor } from './editorContext.ts';
import { FieldMessages } from './FieldMessages.tsx';
import { contactName } from './logic.ts';

const MOVE_LABEL: Record<SteerMove, { sign: string; name: string; key: string }> = {
  up: { sign: '↑', name: 'Steer up (towards the tip)', key: 'ArrowUp' },
  down: { sign: '↓', name: 'Steer down (away from the tip)', key: 'ArrowDown' },
  left: { sign: '←', name: "Steer left (towards the patient's left)", key: 'ArrowLeft' },
  right: { sign: '→', name: "Steer right (towards the patient's right)", key: 'ArrowRight' },
  widen: { sign: 'Widen', name: 'Widen the field', key: '+' },
  focus: { sign: 'Focus', name: 'Focus the field', key: '-' },
};
const KEY_MOVE: Record<string, SteerMove> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
  '+': 'widen',
  '=': 'widen',
  '-': 'focus',
};
const FIELD = 'program.steering';
const PLURAL = { cathode: 'cathodes', anode: 'anodes' } as const;

/**
 * The steering pad: arrows move the chosen polarity's field in 10 % steps along and across the
 * leads, Widen and Focus spread it over more or fewer contacts (models/stimulation/steering.ts).
 * Keyboard arrows, + and − work while the pad has focus. A step that cannot be taken is
 * disabled and its reason written beside it.
 */
export function SteeringPad({
  program,
  leads,
  labels,
}: {
  program: Program;
  leads: readonly LeadPlacement[];
  /** lead id → lead label */
  labels: ReadonlyMap<string, string>;
}) {
  const { commit } = useEditor();
  const [polarity, setPolarity] = useState<SteerPolarity>('cathode');
  // the state of the last step, per polarity: a step back starts from it (steering.ts)
  const [hints, setHints] = useState<Partial<Record<SteerPolarity, SteerState>>>({});
  const [said, setSaid] = useState('');
  const headingId = useId();
  const helpId = useId();
  const reasonsId = useId();
  const messagesId = useId();
  const lattice = useMemo(() => steeringLattice(leads), [leads]);
  const name = useMemo(
    () => (leadId: string, i: number) => contactName(labels.get(leadId) ?? leadId, i),
    [labels],
  );
  const hint = hints[polarity];
  const moves = useMemo(
    () => steerMoves(program, lattice, polarity, { hint, name }),
    [program, lattice, polarity, hint, name],
  );
  const active = program.contacts.filter((c) => c.polarity === polarity);
  const centre = fieldCentre(lattice, program, polarity);
  const firstLead = leads[0];

  const take = (move: SteerMove) => {
    const possible = moves[move];
    if (!possible.ok) {
      setSaid(`${MOVE_LABEL[move].name}: not possible, ${possible.reason}.`);
      return;
    }
    let state: SteerState | undefined;
    const applied = commit(FIELD, (p) => {
      const out = steer(p, lattice, polarity, move, { hint, name });
      if (!out.ok) return { program: p, notes: [], refused: out.reason };
      state = out.state;
      return {
        program: out.program,
        notes: out.fromNearest
          ? [
              `The ${PLURAL[polarity]}' shares as set were not a steering pattern: the step started from the nearest one.`,
            ]
          : [],
      };
    });
    if (applied && state) {
      const next = state;
      setHints((h) => ({ ...h, [polarity]: next }));
      setSaid('');
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const move = KEY_MOVE[e.key];
    if (!move) return;
    e.preventDefault();
    take(move);
  };

  const byLead = new Map<string, number>();
  for (const c of active) {
    byLead.set(c.leadId, (byLead.get(c.leadId) ?? 0) + Math.round(c.fractionPercent * 10));
  }
  // one line per reason: "← → not available: one lead with one column …"
  const reasons = new Map<string, string[]>();
  for (const m of STEER_MOVES) {
    const r = moves[m];
    if (!r.ok) reasons.set(r.reason, [...(reasons.get(r.reason) ?? []), MOVE_LABEL[m].sign]);
  }

  return (
    <div className="pe-steer">
      <p id={headingId} className="pe-lead-title">
        Steering
      </p>
      <div className="pe-steer-polarity" role="radiogroup" aria-label="Polarity to steer">
        {(['cathode', 'anode'] as const).map((p) => (
          <label key={p}>
            <input
              type="radio"
              name={`${headingId}-polarity`}
              checked={polarity === p}
              onChange={() => setPolarity(p)}
            />{' '}
            {p === 'cathode' ? 'Cathodes (−)' : 'Anodes (+)'}
          </label>
        ))}
      </div>
      <div
        className="pe-steer-pad"
        role="group"
        aria-labelledby={headingId}
        aria-describedby={`${helpId} ${reasonsId}`}
        tabIndex={0}
        onKeyDown={onKeyDown}
        data-testid="steering-pad"
      >
        {STEER_MOVES.map((m) => {
          const possible = moves[m];
          return (
            <button
              key={m}
              type="button"
              className={`pe-steer-${m}`}
              aria-label={MOVE_LABEL[m].name}
              aria-keyshortcuts={MOVE_LABEL[m].key}
              disabled={!possible.ok}
              title={possible.ok ? MOVE_LABEL[m].name : `Not possible: ${possible.reason}`}
              onClick={() => take(m)}
            >
              {MOVE_LABEL[m].sign}
            </button>
          );
        })}
      </div>
      <p className="pe-steer-readout" data-testid="steer-fractions" aria-live="polite">
        {active.length === 0
          ? `No ${polarity} to steer.`
          : `${polarity === 'cathode' ? 'Cathodes' : 'Anodes'}: ${active
              .map((c) => `${name(c.leadId, c.contactIndex)} ${formatNumber(c.fractionPercent)} %`)
              .join(' · ')}`}
      </p>
      {centre && firstLead ? (
        <p className="pe-hint" data-testid="steer-centre">
          Centre {formatNumber(Math.abs(centre.heightMm))} mm{' '}
          {centre.heightMm > 0 ? 'above' : 'below'} {name(firstLead.id, 0)}
          {byLead.size > 1 || leads.length > 1
            ? `; across: ${[...byLead.entries()]
                .map(([id, pm]) => `${labels.get(id) ?? id} ${formatNumber(pm / 10)} %`)
                .join(', ')}`
            : ''}
        </p>
      ) : null}
      <div id={reasonsId} className="pe-steer-reasons">
        {[...reasons].map(([reason, signs]) => (
          <p key={reason} className="pe-hint">
            {signs.join(' ')} not available: {reason}.
          </p>
        ))}
      </div>
      <p className="pe-notes" aria-live="polite">
        {said}
      </p>
      <FieldMessages id={messagesId} field={FIELD} />
      <p id={helpId} className="pe-hint">
        Each arrow moves the centre of the {PLURAL[polarity]}&apos; current a tenth of the way to
        the next contact (10 % of the current, from a single contact): up or down the leads, left or
        right between leads or paddle columns. Widen spreads it over one more contact, Focus over
        one fewer. With the pad focused, use the arrow keys, + and −. Shares are kept in whole 0.1 %
        steps that add up to exactly 100 %, and a step back restores them. The{' '}
        {polarity === 'cathode' ? 'anodes keep their' : 'cathodes keep their'} shares unless you
        steer them; a step never changes a contact’s polarity or the case return, and never puts
        current on a contact of the other polarity.
      </p>
    </div>
  );
}
