import { DECISIONS, RELIEF_SUCCESS_PCT, evaluateTrial } from '../../../models/clinical/index.ts';
import { DateField, SelectField, TextField } from '../fields.tsx';
import type { SectionProps } from './types.ts';

const fmt = (v: number | null, unit = '') => (v === null ? '—' : `${v}${unit}`);

export function Evaluation({ c, update }: SectionProps) {
  const ev = evaluateTrial(c);
  return (
    <section aria-labelledby="sec-eval" className="section">
      <h2 id="sec-eval">Evaluation and decision</h2>
      {!c.trial && <p>Plan a trial and fill in its diary first.</p>}
      <dl className="metrics" data-testid="evaluation">
        <div>
          <dt>Baseline average pain</dt>
          <dd>{fmt(ev.baselineNrs, '/10')}</dd>
        </div>
        <div>
          <dt>Trial mean average pain</dt>
          <dd>{fmt(ev.trialMeanNrs, '/10')}</dd>
        </div>
        <div className={ev.meetsReliefRule === null ? '' : ev.meetsReliefRule ? 'ok' : 'bad'}>
          <dt>Pain relief</dt>
          <dd data-testid="relief">{fmt(ev.reliefPct, ' %')}</dd>
        </div>
        <div>
          <dt>≥ {RELIEF_SUCCESS_PCT} % rule</dt>
          <dd>{ev.meetsReliefRule === null ? '—' : ev.meetsReliefRule ? 'met' : 'not met'}</dd>
        </div>
        <div>
          <dt>ODI change</dt>
          <dd>
            {ev.odiChangePoints === null
              ? '—'
              : `${ev.odiBaselinePct} % → ${ev.odiEndPct} % (${ev.odiChangePoints > 0 ? '+' : ''}${ev.odiChangePoints} points)`}
          </dd>
        </div>
        <div>
          <dt>MME/day</dt>
          <dd>
            {ev.mmeChange === null
              ? '—'
              : `${ev.mmeBaseline} → ${ev.mmeTrialMean} (${ev.mmeChange > 0 ? '+' : ''}${ev.mmeChange})`}
          </dd>
        </div>
        <div>
          <dt>PGIC</dt>
          <dd>{ev.pgic === null ? '—' : `${ev.pgic} (${ev.pgicAnchor ?? ''})`}</dd>
        </div>
        <div>
          <dt>Best paresthesia overlap</dt>
          <dd>{fmt(ev.bestOverlapPct, ' %')}</dd>
        </div>
      </dl>
      <p className="muted">
        Relief = (baseline NRS − mean diary average NRS) / baseline. Success criterion:{' '}
        {ev.criterion.text} [{ev.criterion.source}]. ODI, MME, PGIC and preference reported
        separately (clinical.md §2.2).
      </p>
      <div className="grid">
        <SelectField
          label="Patient preference"
          value={c.evaluation.patientPreference}
          allowEmpty="not recorded"
          options={['wants_implant', 'undecided', 'declines'] as const}
          onChange={(v) => update((d) => void (d.evaluation.patientPreference = v))}
        />
      </div>
      {ev.suggestedDecision && (
        <div className="support" role="status">
          <p>
            <strong>Suggested (decision support): {ev.suggestedDecision.replace('_', ' ')}</strong>
          </p>
          <ul>
            {ev.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          <button
            type="button"
            onClick={() =>
              update((d) => {
                d.evaluation.decision = ev.suggestedDecision;
                if (!d.evaluation.reasons) d.evaluation.reasons = ev.reasons.join(' ');
              })
            }
          >
            Use the suggestion
          </button>
        </div>
      )}
      <div className="grid">
        <SelectField
          label="Decision"
          value={c.evaluation.decision}
          allowEmpty="not decided"
          options={DECISIONS}
          onChange={(v) => update((d) => void (d.evaluation.decision = v))}
        />
        <DateField
          label="Decided on"
          value={c.evaluation.decidedAt}
          onChange={(v) => update((d) => void (d.evaluation.decidedAt = v))}
        />
      </div>
      <TextField
        label="Reasons for the decision"
        multiline
        value={c.evaluation.reasons}
        onChange={(v) => update((d) => void (d.evaluation.reasons = v))}
      />
    </section>
  );
}
