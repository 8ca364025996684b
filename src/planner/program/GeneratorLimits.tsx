/**
 * The user's own limits of the plan's generator (scenario `program.generatorOverrides`): a
 * device representative's generator or a firmware with other limits than the catalogue's. Each
 * value replaces the upper end of that range in every waveform family (and the compliance), is
 * marked "entered for this plan" in the specification sheet, and the program checks use it.
 */
import { findGenerator, type GeneratorOverrides } from '../../../models/devices/index.ts';
import type { Program } from '../../../models/scenario.ts';
import { useEditor } from './editorContext.ts';
import { NumberField } from './NumberField.tsx';

const LIMITS: {
  key: keyof GeneratorOverrides;
  label: string;
  max: number;
  catalogue: (g: NonNullable<ReturnType<typeof findGenerator>>, p: Program) => number;
}[] = [
  {
    key: 'amplitudeMaxMa',
    label: 'Highest amplitude (mA)',
    max: 100,
    catalogue: (g, p) => g.envelopes[p.waveform.kind]?.amplitudeMa.max ?? 0,
  },
  {
    key: 'pulseWidthMaxUs',
    label: 'Longest pulse width (µs)',
    max: 5000,
    catalogue: (g, p) => g.envelopes[p.waveform.kind]?.pulseWidthUs.max ?? 0,
  },
  {
    key: 'rateMaxHz',
    label: 'Highest rate (Hz)',
    max: 20000,
    catalogue: (g, p) => g.envelopes[p.waveform.kind]?.rateHz.max ?? 0,
  },
  { key: 'complianceV', label: 'Output compliance (V)', max: 100, catalogue: (g) => g.complianceV },
];

export function GeneratorLimits({ program }: { program: Program }) {
  const { commit } = useEditor();
  const base = findGenerator(program.generatorId);
  if (!base) return null;
  const o = program.generatorOverrides ?? {};
  const entered = Object.values(o).some((v) => v !== undefined);
  return (
    <details className="lead-specs" data-testid="generator-limits" open={entered || undefined}>
      <summary>Your device's limits{entered ? ' (entered for this plan)' : ''}</summary>
      <p className="small muted">
        For a generator whose limits differ from the catalogue&apos;s: each value replaces the top
        of that range for every waveform and is checked like the catalogue&apos;s.
      </p>
      {LIMITS.map((l) => (
        <NumberField
          key={l.key}
          label={l.label}
          field={`program.generatorOverrides.${l.key}`}
          value={o[l.key] ?? l.catalogue(base, program)}
          min={0}
          max={l.max}
          hint={`catalogue: ${l.catalogue(base, program)}`}
          onCommit={(v) =>
            commit(`program.generatorOverrides.${l.key}`, (p) => ({
              ...p,
              generatorOverrides: { ...p.generatorOverrides, [l.key]: v },
            }))
          }
        />
      ))}
      {entered ? (
        <button
          type="button"
          onClick={() =>
            commit('program.generatorOverrides', (p) => {
              const { generatorOverrides: _cleared, ...rest } = p;
              return rest;
            })
          }
        >
          Back to the catalogue&apos;s limits
        </button>
      ) : null}
    </details>
  );
}
