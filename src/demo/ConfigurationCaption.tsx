import type { Scenario } from '../../models/scenario.ts';
import {
  describeConfiguration,
  type ConfigurationDifference,
} from '../../models/stimulation/programDifferences.ts';

/** A program's configuration, field by field; fields that differ from the other side are marked. */
export function ConfigurationCaption({
  side,
  scenario,
  differences,
}: {
  side: 'A' | 'B';
  scenario: Scenario;
  differences: ConfigurationDifference[];
}) {
  const differs = new Set(differences.map((d) => d.key));
  return (
    <dl
      className="ab-config"
      aria-label={`Configuration of program ${side}`}
      data-testid={`config-${side.toLowerCase()}`}
    >
      {describeConfiguration(scenario).map((f) => (
        <div key={f.key} className={differs.has(f.key) ? 'differs' : undefined}>
          <dt>{f.label}</dt>
          <dd>
            {f.value}
            {differs.has(f.key) ? <span className="differs-tag"> (differs)</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}
