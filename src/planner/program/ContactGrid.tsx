import { useId } from 'react';
import type { Program } from '../../../models/scenario.ts';
import {
  CHARGE_DENSITY_LIMIT_UC_PER_CM2,
  SHANNON_K_LIMIT,
  formatNumber,
  type ContactChargeReport,
} from '../../../models/stimulation/index.ts';
import { CHARGE_SAFETY_CODES } from './SafetyStrip.tsx';
import { useEditor } from './editorContext.ts';
import { FieldMessages } from './FieldMessages.tsx';
import { NumberField } from './NumberField.tsx';
import {
  contactName,
  cyclePolarity,
  polarityOf,
  polaritySums,
  withFraction,
  type LeadLayout,
} from './logic.ts';

const SIGN = { cathode: '−', anode: '+', off: '' } as const;

/** One lead's contacts laid out like the lead; each contact a button cycling off → cathode → anode. */
export function ContactGrid({ layout, program }: { layout: LeadLayout; program: Program }) {
  const { commit } = useEditor();
  const headingId = useId();
  if (!layout.entry) {
    return (
      <p className="pe-error-text">
        {layout.label}: catalogue lead “{layout.lead.catalogId}” is unknown; its contacts cannot be
        shown.
      </p>
    );
  }
  const nominal = layout.contacts.some((c) => c.nominalFields.length > 0);
  return (
    <div className="pe-lead">
      <p id={headingId} className="pe-lead-title">
        {layout.label} <span className="muted">· {layout.entry.displayName}</span>
        {nominal ? <span className="pe-badge">nominal dimensions</span> : null}
      </p>
      <div
        role="group"
        aria-labelledby={headingId}
        className={`pe-contacts pe-contacts-${layout.kind}`}
        style={{
          gridTemplateColumns: `repeat(${layout.columns}, ${layout.kind === 'paddle' ? '2.4rem' : '3.2rem'})`,
          gridTemplateRows: `repeat(${layout.rows}, ${layout.kind === 'paddle' ? '0.9rem' : '1.9rem'})`,
        }}
      >
        {layout.contacts.map((c, i) => {
          const cell = layout.cells[i];
          const polarity = polarityOf(program.contacts, layout.lead.id, c.contactIndex);
          const name = contactName(layout.label, c.contactIndex);
          return (
            <button
              key={c.contactIndex}
              type="button"
              className={`pe-contact pe-${polarity}`}
              aria-label={`${name}: ${polarity}`}
              title={`${name}: ${polarity} (click for ${polarity === 'off' ? 'cathode' : polarity === 'cathode' ? 'anode' : 'off'})`}
              style={
                cell
                  ? {
                      gridColumn: cell.column,
                      gridRow: `${cell.row} / span ${cell.rowSpan}`,
                    }
                  : undefined
              }
              onClick={() =>
                commit('program.contacts', (p) => cyclePolarity(p, layout.lead.id, c.contactIndex))
              }
            >
              {c.contactIndex}
              {SIGN[polarity] ? <span aria-hidden="true">{SIGN[polarity]}</span> : null}
            </button>
          );
        })}
      </div>
      <p className="pe-hint">
        Tip at the top{layout.kind === 'paddle' ? '; columns as on the paddle' : ''}. Click a
        contact: off → cathode (−) → anode (+) → off.
      </p>
    </div>
  );
}

/** The current share of every active contact, each polarity kept at 100 %. */
/** "49 µC/cm² (over 30) · k 2.47 (over 1.85)" for one contact (the highest over multiplexed groups). */
function chargeWords(reports: readonly ContactChargeReport[]): string {
  if (reports.length === 0) return '';
  const d = Math.max(...reports.map((r) => r.densityUcPerCm2));
  const k = Math.max(...reports.map((r) => r.shannonK));
  const dWords = `${formatNumber(d)} µC/cm²${d >= CHARGE_DENSITY_LIMIT_UC_PER_CM2 ? ` (over ${CHARGE_DENSITY_LIMIT_UC_PER_CM2})` : ''}`;
  const kWords = Number.isFinite(k)
    ? ` · k ${k.toFixed(2)}${k >= SHANNON_K_LIMIT ? ` (over ${SHANNON_K_LIMIT})` : ''}`
    : '';
  return ` · ${dWords}${kWords}`;
}

export function FractionList({
  program,
  labels,
  charge,
}: {
  program: Program;
  /** per-contact charge density and Shannon k of the program */
  charge: readonly ContactChargeReport[];
  /** lead id → lead label */
  labels: ReadonlyMap<string, string>;
}) {
  const { commit } = useEditor();
  const messagesId = useId();
  const sums = polaritySums(program.contacts);
  const active = program.contacts
    .map((c, index) => ({ c, index }))
    .filter(({ c }) => c.polarity !== 'off');
  return (
    <div className="pe-fractions">
      <p className="pe-sums">
        Cathodes {formatNumber(sums.cathode)} % · Anodes {formatNumber(sums.anode)} %
        {program.caseIsReturn ? ' · Case: return' : ''}
      </p>
      {active.length === 0 ? (
        <p className="muted">No active contact: the program delivers no current.</p>
      ) : null}
      {active.map(({ c, index }) => {
        const name = contactName(labels.get(c.leadId) ?? c.leadId, c.contactIndex);
        const share = c.polarity === 'anode' ? sums.anode : sums.cathode;
        const currentMa = share > 0 ? (program.amplitudeMa * c.fractionPercent) / share : 0;
        return (
          <NumberField
            key={`${c.leadId}#${c.contactIndex}`}
            label={`${name} ${c.polarity} share (%)`}
            field={`program.contacts.${index}`}
            value={c.fractionPercent}
            min={0}
            max={100}
            step={0.1}
            hint={`${formatNumber(currentMa)} mA of ${formatNumber(program.amplitudeMa)} mA${chargeWords(
              charge.filter((r) => r.leadId === c.leadId && r.contactIndex === c.contactIndex),
            )}`}
            exclude={CHARGE_SAFETY_CODES}
            onCommit={(v) =>
              commit(`program.contacts.${index}`, (p) =>
                withFraction(p, c.leadId, c.contactIndex, v),
              )
            }
          />
        );
      })}
      <FieldMessages id={messagesId} field="program.contacts" />
    </div>
  );
}
