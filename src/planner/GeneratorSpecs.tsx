import { ENTERED_FOR_PLAN, type Generator, type Provenance } from '../../models/devices/index.ts';
import './levels.css';

const STATUS_WORDS: Record<Provenance['status'], string> = {
  verified: 'verified',
  secondary: 'nominal (secondary source)',
  unverified: 'nominal (unverified)',
  guess: 'nominal (no source)',
};

function Status({ p }: { p: Provenance | undefined }) {
  if (!p) return <span className="spec-status spec-guess">no provenance</span>;
  if (p.source === ENTERED_FOR_PLAN)
    return (
      <span className="spec-status spec-unverified" title={p.source}>
        entered for this plan
      </span>
    );
  return (
    <span className={`spec-status spec-${p.status}`} title={p.source}>
      {STATUS_WORDS[p.status]}
    </span>
  );
}

const range = (r: { min: number; max: number }, unit: string) => `${r.min}–${r.max} ${unit}`;

/** A generator's envelopes and electrical figures, each with whether it is verified and its source. */
export function GeneratorSpecs({ generator }: { generator: Generator }) {
  const rows: { key: string; label: string; value: string; p: Provenance | undefined }[] = [];
  for (const [family, env] of Object.entries(generator.envelopes)) {
    if (!env) continue;
    const pOf = (f: string) => env.fieldProvenance?.[f] ?? env.provenance;
    rows.push(
      {
        key: `${family}-a`,
        label: `${family}: amplitude`,
        value: range(env.amplitudeMa, 'mA'),
        p: pOf('amplitudeMa'),
      },
      {
        key: `${family}-pw`,
        label: `${family}: pulse width`,
        value: range(env.pulseWidthUs, 'µs'),
        p: pOf('pulseWidthUs'),
      },
      {
        key: `${family}-r`,
        label: `${family}: rate`,
        value: range(env.rateHz, 'Hz'),
        p: pOf('rateHz'),
      },
    );
  }
  const p = generator.provenance;
  rows.push({
    key: 'compliance',
    label: 'Output compliance',
    value: `${generator.complianceV} V`,
    p: p.complianceV,
  });
  if (generator.maxPhaseChargeUc !== undefined) {
    rows.push({
      key: 'q',
      label: 'Max charge per phase',
      value: `${generator.maxPhaseChargeUc} µC`,
      p: p.maxPhaseChargeUc,
    });
  }
  if (generator.maxLoadOhm !== undefined) {
    rows.push({
      key: 'load',
      label: 'Max load',
      value: `${generator.maxLoadOhm} Ω`,
      p: p.maxLoadOhm,
    });
  }
  rows.push(
    {
      key: 'leads',
      label: 'Leads × contacts',
      value: `${generator.maxLeads} × ${generator.maxContactsPerLead}`,
      p: p.maxLeads,
    },
    { key: 'power', label: 'Power', value: generator.power, p: p.power },
  );
  if (generator.vendor !== 'Generic') {
    rows.push({
      key: 'models',
      label: 'Model numbers',
      value: generator.modelNumbers.join(', ') || 'not found',
      p: p.modelNumbers,
    });
  }
  return (
    <details className="lead-specs" data-testid="generator-specs">
      <summary>
        {generator.vendor === 'Generic' ? 'Generic preset' : generator.vendor}: envelope, verified
        and nominal
      </summary>
      <table>
        <caption className="sr-only">Specifications of {generator.displayName}</caption>
        <thead>
          <tr>
            <th scope="col">Limit</th>
            <th scope="col">Value</th>
            <th scope="col">Status (hover for source)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td>{r.value}</td>
              <td>
                <Status p={r.p} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
