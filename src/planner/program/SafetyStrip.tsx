import type { Finding } from '../../../models/stimulation/index.ts';
import {
  CHARGE_DENSITY_LIMIT_UC_PER_CM2,
  SHANNON_K_LIMIT,
  chargePerPhaseUc,
  formatNumber,
  type ContactChargeReport,
} from '../../../models/stimulation/index.ts';

/** Charge-safety findings: a density at or over 30 µC/cm², a Shannon k at or over 1.85. */
export const CHARGE_SAFETY_CODES = ['charge-density-above-limit', 'shannon-k-above-limit'];

export function chargeSafetyFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => CHARGE_SAFETY_CODES.includes(f.code));
}

/**
 * The editor's one-line charge summary; a density or Shannon k at or over its line is allowed
 * but flagged as an alert with the contact, the figure and the line.
 */
export function SafetyStrip({
  amplitudeMa,
  pulseWidthUs,
  contacts,
  findings,
}: {
  amplitudeMa: number;
  pulseWidthUs: number;
  contacts: readonly ContactChargeReport[];
  findings: readonly Finding[];
}) {
  const maxDensity = contacts.reduce((m, c) => Math.max(m, c.densityUcPerCm2), 0);
  const maxK = contacts.reduce((m, c) => Math.max(m, c.shannonK), -Infinity);
  const flagged = chargeSafetyFindings(findings);
  const overDensity = maxDensity >= CHARGE_DENSITY_LIMIT_UC_PER_CM2;
  const overK = maxK >= SHANNON_K_LIMIT;
  return (
    <div className="pe-safety">
      <p>
        Charge per phase{' '}
        <strong>{formatNumber(chargePerPhaseUc(amplitudeMa, pulseWidthUs))} µC</strong>
        {' · '}
        <span className={overDensity ? 'pe-over' : undefined}>
          max density <strong>{formatNumber(maxDensity)} µC/cm²</strong> (line{' '}
          {CHARGE_DENSITY_LIMIT_UC_PER_CM2})
        </span>
        {' · '}
        <span className={overK ? 'pe-over' : undefined}>
          max Shannon k <strong>{Number.isFinite(maxK) ? maxK.toFixed(2) : '—'}</strong> (line{' '}
          {SHANNON_K_LIMIT})
        </span>
      </p>
      {flagged.length > 0 ? (
        <div role="alert" className="pe-alert">
          <p>
            <strong>Charge safety:</strong> allowed, but over a safety line — check before use.
          </p>
          <ul>
            {flagged.map((f, i) => (
              <li key={`${f.code}-${i}`}>
                {f.message}
                {f.limit ? <span className="pe-source"> Line from {f.limit.source}.</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
