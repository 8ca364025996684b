import {
  ADVERSE_EVENT_KINDS,
  AE_GRADE_LABELS,
  AdverseEventSchema,
  RevisionSchema,
  type AdverseEvent,
  type Revision,
} from '../../../models/clinical/index.ts';
import { DateField, SelectField, TextField, localId, todayIso } from '../fields.tsx';
import type { SectionProps } from './types.ts';

const PHASES = AdverseEventSchema.shape.phase.options;
const OUTCOMES = AdverseEventSchema.shape.outcome.options;
const ACTIONS = AdverseEventSchema.shape.action.options;
const REVISION_KINDS = RevisionSchema.shape.kind.options;
const COMPONENTS = RevisionSchema.shape.components.options;

/** Adverse events with a CTCAE v5.0 grade, and revisions or explants (linked to an event). */
export function Complications({ c, update }: SectionProps) {
  const explant = c.revisions.find((r) => r.kind === 'explant');
  return (
    <section aria-labelledby="sec-ae" className="section">
      <h2 id="sec-ae">Complications, revisions and explant</h2>
      {explant && (
        <p className="warn" data-testid="explanted">
          System explanted on {explant.date} ({explant.components}): {explant.reason}
        </p>
      )}
      <h3>Adverse events</h3>
      <p className="muted">
        Grade by CTCAE v5.0 (NCI 2017): 1 mild, 2 moderate, 3 severe, 4 life-threatening, 5 death
        related to the event.
      </p>
      <ol className="cards">
        {c.adverseEvents.map((a, i) => {
          const n = i + 1;
          const label = `Adverse event ${n}`;
          const set = (fn: (x: AdverseEvent) => void) => update((d) => fn(d.adverseEvents[i]!));
          return (
            <li key={a.id} className="card" aria-label={label}>
              <h4>
                {label}: {a.kind.replaceAll('_', ' ')}, grade {a.grade}
              </h4>
              <div className="grid">
                <DateField
                  label={`${label} date`}
                  value={a.date}
                  onChange={(v) => v && set((x) => void (x.date = v))}
                />
                <SelectField
                  label={`${label} phase`}
                  value={a.phase}
                  options={PHASES}
                  onChange={(v) => v && set((x) => void (x.phase = v))}
                />
                <SelectField
                  label={`${label} kind`}
                  value={a.kind}
                  options={ADVERSE_EVENT_KINDS}
                  onChange={(v) => v && set((x) => void (x.kind = v))}
                />
                <SelectField
                  label={`${label} grade (CTCAE v5.0)`}
                  value={String(a.grade)}
                  options={AE_GRADE_LABELS.map((g, k) => ({
                    value: String(k + 1),
                    label: `${k + 1} ${g}`,
                  }))}
                  onChange={(v) => v && set((x) => void (x.grade = Number(v)))}
                />
                <SelectField
                  label={`${label} serious`}
                  hint="led to hospital admission, disability or death, or needed surgery"
                  value={a.serious ? 'yes' : 'no'}
                  options={['no', 'yes'] as const}
                  onChange={(v) => set((x) => void (x.serious = v === 'yes'))}
                />
                <SelectField
                  label={`${label} outcome`}
                  value={a.outcome}
                  options={OUTCOMES}
                  onChange={(v) => v && set((x) => void (x.outcome = v))}
                />
                <SelectField
                  label={`${label} action taken`}
                  value={a.action}
                  options={ACTIONS}
                  onChange={(v) => v && set((x) => void (x.action = v))}
                />
              </div>
              <TextField
                label={`${label} description`}
                multiline
                value={a.description}
                onChange={(v) => set((x) => void (x.description = v))}
              />
              <button
                type="button"
                onClick={() =>
                  update((d) => {
                    d.adverseEvents.splice(i, 1);
                    for (const r of d.revisions)
                      if (r.adverseEventId === a.id) r.adverseEventId = null;
                  })
                }
              >
                Remove {label.toLowerCase()}
              </button>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        onClick={() =>
          update(
            (d) =>
              void d.adverseEvents.push({
                id: localId('ae'),
                date: todayIso(),
                phase: d.implant ? 'follow_up' : 'trial',
                kind: 'infection',
                grade: 1,
                serious: false,
                outcome: 'ongoing',
                action: 'none',
                description: '',
              }),
          )
        }
      >
        Add adverse event
      </button>

      <h3>Revisions and explant</h3>
      {!c.implant && <p className="muted">No permanent implant recorded.</p>}
      <ol className="cards">
        {c.revisions.map((r, i) => {
          const n = i + 1;
          const label = `Revision ${n}`;
          const set = (fn: (x: Revision) => void) => update((d) => fn(d.revisions[i]!));
          const noReason = r.reason.trim() === '';
          return (
            <li key={r.id} className="card" aria-label={label}>
              <div className="grid">
                <DateField
                  label={`${label} date`}
                  value={r.date}
                  onChange={(v) => v && set((x) => void (x.date = v))}
                />
                <SelectField
                  label={`${label} kind`}
                  value={r.kind}
                  options={REVISION_KINDS}
                  onChange={(v) => v && set((x) => void (x.kind = v))}
                />
                <SelectField
                  label={`${label} components`}
                  value={r.components}
                  options={COMPONENTS}
                  onChange={(v) => v && set((x) => void (x.components = v))}
                />
                <SelectField
                  label={`${label} for adverse event`}
                  value={r.adverseEventId}
                  allowEmpty="none"
                  options={c.adverseEvents.map((a, k) => ({
                    value: a.id,
                    label: `${k + 1}: ${a.kind.replaceAll('_', ' ')} (${a.date})`,
                  }))}
                  onChange={(v) => set((x) => void (x.adverseEventId = v))}
                />
              </div>
              <TextField
                label={`${label} reason`}
                required
                value={r.reason}
                onChange={(v) => set((x) => void (x.reason = v))}
              />
              {noReason && (
                <p className="error" role="alert">
                  {label} reason: a revision or explant needs a reason; the case is not saved until
                  it has one.
                </p>
              )}
              <button type="button" onClick={() => update((d) => void d.revisions.splice(i, 1))}>
                Remove {label.toLowerCase()}
              </button>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        onClick={() =>
          update(
            (d) =>
              void d.revisions.push({
                id: localId('rev'),
                date: todayIso(),
                kind: 'revision',
                components: 'leads',
                reason: '',
                adverseEventId: d.adverseEvents.at(-1)?.id ?? null,
              }),
          )
        }
      >
        Add revision or explant
      </button>
    </section>
  );
}
