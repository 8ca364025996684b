import type { Finding } from '../../../models/stimulation/index.ts';
import { useEditor } from './editorContext.ts';
import { findingsFor } from './logic.ts';

export const SEVERITY_LABEL: Record<Finding['severity'], string> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Note',
};

/** A finding as one line: severity word (not colour alone), message, and the limit's source. */
export function FindingLine({ finding }: { finding: Finding }) {
  return (
    <>
      <strong>{SEVERITY_LABEL[finding.severity]}:</strong> {finding.message}
      {finding.limit ? (
        <span className="pe-source"> Limit from {finding.limit.source}.</span>
      ) : null}
    </>
  );
}

/**
 * What the editor has to say about one control: the refusal of the last edit made there
 * (announced), then the current findings on that field. `id` is referenced by the control's
 * aria-describedby.
 */
export function FieldMessages({
  id,
  field,
  prefix = false,
  also = [],
  exclude = [],
}: {
  id: string;
  field: string;
  /** also show findings on fields under `field` */
  prefix?: boolean;
  /** further fields whose findings belong here */
  also?: readonly string[];
  /** finding codes shown elsewhere (e.g. the charge-safety alert) */
  exclude?: readonly string[];
}) {
  const { findings, refusal } = useEditor();
  const refused = refusal && refusal.field === field ? refusal : null;
  const own = [field, ...also]
    .flatMap((f) => findingsFor(findings, f, prefix))
    .filter((f) => !exclude.includes(f.code));
  if (!refused && own.length === 0) return <div id={id} hidden />;
  return (
    <div id={id} className="pe-messages">
      {refused ? (
        <div role="alert" className="pe-refusal">
          {refused.reasons.map((r, i) => (
            <p key={i}>
              <strong>Not applied:</strong> {r.message}.
              {r.source ? <span className="pe-source"> Limit from {r.source}.</span> : null}
            </p>
          ))}
        </div>
      ) : null}
      {own.length > 0 ? (
        <ul className="pe-findings">
          {own.map((f, i) => (
            <li key={`${f.code}-${i}`} className={`pe-${f.severity}`}>
              <FindingLine finding={f} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
