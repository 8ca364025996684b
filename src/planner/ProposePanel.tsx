/**
 * Program to the pain map: asks a compute worker for programs that cover the plan's pain map
 * (models/estimate/propose.ts, instant tier), shows the trade-off (coverage against paraesthesia
 * outside the target, dorsal-root recruitment and charge) and applies the one the user picks;
 * the planner's full model then confirms it in the results.
 */
import { useState } from 'react';
import type { Proposal, ProposedProgram } from '../../models/estimate/index.ts';
import { useComputeTask } from '../compute/useComputeTask.ts';
import { usePlanner } from './store.ts';

const pct = (x: number) => `${(x * 100).toFixed(0)} %`;

function contactsText(p: ProposedProgram): string {
  const part = (polarity: 'cathode' | 'anode') =>
    p.contacts
      .filter((c) => c.polarity === polarity)
      .map((c) => `${c.contactIndex} (${c.fractionPercent} %)`)
      .join(', ');
  return `− ${part('cathode')}; + ${part('anode')}`;
}

export default function ProposePanel() {
  const scenario = usePlanner((s) => s.scenario);
  const update = usePlanner((s) => s.update);
  const task = useComputeTask('estimate.propose', 'Program proposal', { priority: 'normal' });
  const [maxOff, setMaxOff] = useState(50);
  const [applied, setApplied] = useState<string | null>(null);
  const [applyError, setApplyError] = useState<string | null>(null);

  if (scenario.therapy !== 'SCS') {
    return (
      <section aria-labelledby="propose-heading">
        <h2 id="propose-heading">Program to the pain map</h2>
        <p className="small">
          Proposals are for spinal cord stimulation plans, where contacts steer the field across
          dermatomes. A DRG or peripheral plan targets one root or nerve.
        </p>
      </section>
    );
  }
  const noTarget = scenario.painMap.length === 0;
  const state = task.state;
  const proposal: Proposal | null = state.status === 'done' ? state.result : null;

  const apply = (p: ProposedProgram, label: string) => {
    const issues = update((s) => ({
      ...s,
      program: {
        ...s.program,
        contacts: p.contacts,
        caseIsReturn: false,
        amplitudeMa: Math.round(p.amplitudeMa * 100) / 100,
        pulseWidthUs: p.pulseWidthUs,
      },
    }));
    if (issues.length) {
      setApplyError(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
      setApplied(null);
    } else {
      setApplyError(null);
      setApplied(label);
    }
  };

  return (
    <section aria-labelledby="propose-heading" className="propose-panel">
      <h2 id="propose-heading">Program to the pain map</h2>
      <p className="small">
        Target:{' '}
        {noTarget
          ? 'no pain map yet — choose the pain dermatomes under “Pain map” in the results'
          : scenario.painMap.map((p) => `${p.root} ${p.side}`).join(', ')}
        . The instant tier searches the cathode’s position along the lead(s) in 10 % steps, the
        anodes guarding it, the pulse width and the amplitude within the generator’s envelope and 30
        µC/cm², keeping dorsal-root recruitment at or below the present program’s.
      </p>
      <label className="small">
        Paraesthesia outside the target at most{' '}
        <input
          type="number"
          min={0}
          max={100}
          step={5}
          value={maxOff}
          onChange={(e) => setMaxOff(Math.min(100, Math.max(0, Number(e.target.value) || 0)))}
          aria-label="Most paraesthesia outside the target, percent of its fibres"
          style={{ width: '4.5em' }}
        />{' '}
        % of its fibres
      </label>{' '}
      <button
        type="button"
        disabled={noTarget || state.status === 'running'}
        onClick={() => {
          setApplied(null);
          void task.run({ scenario, maxOffTargetShare: maxOff / 100 });
        }}
      >
        Propose a program
      </button>
      <p className="small" role="status" aria-live="polite" data-testid="propose-status">
        {state.status === 'running'
          ? 'Searching programs…'
          : state.status === 'error'
            ? `Proposal failed: ${state.message}`
            : proposal
              ? `${proposal.evaluated} candidate programs in ${(proposal.elapsedMs / 1000).toFixed(1)} s; ${proposal.front.length} on the trade-off front.`
              : ''}
        {applied ? ` Applied: ${applied}. The full model confirms it in the results.` : ''}
      </p>
      {applyError ? (
        <p className="small" role="alert">
          Could not apply: {applyError}
        </p>
      ) : null}
      {proposal ? (
        <>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Proposed programs">
            <table data-testid="proposal-table">
              <thead>
                <tr>
                  <th scope="col">Program</th>
                  <th scope="col">Coverage</th>
                  <th scope="col">Covered</th>
                  <th scope="col">Outside</th>
                  <th scope="col">Roots</th>
                  <th scope="col">µC/s</th>
                  <th scope="col">
                    <span className="sr-only">Apply</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {[proposal.baseline, ...proposal.front].map((p, i) => {
                  const isBest =
                    p === proposal.best || (proposal.best && sameProgram(p, proposal.best));
                  const label = i === 0 ? 'Present program' : isBest ? 'Suggested' : `Option ${i}`;
                  return (
                    <tr
                      key={i}
                      className={isBest && i > 0 ? 'proposal-best' : undefined}
                      data-testid={
                        i === 0 ? 'proposal-baseline' : isBest ? 'proposal-best' : undefined
                      }
                    >
                      <th scope="row">
                        <strong>{label}</strong>
                        <br />
                        <span className="small">
                          {contactsText(p)}; {p.pulseWidthUs} µs, {p.amplitudeMa.toFixed(2)} mA
                        </span>
                      </th>
                      <td>{pct(p.coverage)}</td>
                      <td>
                        {p.covered.map((d) => `${d.root}${d.side[0]!.toUpperCase()}`).join(' ') ||
                          '—'}
                      </td>
                      <td>{pct(p.offTargetShare)}</td>
                      <td>{pct(p.dorsalRootShare)}</td>
                      <td>{p.chargeUcPerS.toFixed(0)}</td>
                      <td>
                        {i > 0 ? (
                          <button
                            type="button"
                            onClick={() => apply(p, label)}
                            aria-label={`Apply ${label.toLowerCase()}: ${pct(p.coverage)} coverage`}
                          >
                            Apply
                          </button>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {proposal.notes.map((n) => (
            <p key={n} className="small muted">
              {n}
            </p>
          ))}
        </>
      ) : null}
    </section>
  );
}

function sameProgram(a: ProposedProgram, b: ProposedProgram): boolean {
  return (
    a.amplitudeMa === b.amplitudeMa &&
    a.pulseWidthUs === b.pulseWidthUs &&
    JSON.stringify(a.contacts) === JSON.stringify(b.contacts)
  );
}
