/**
 * The program's safety state beside its estimate: every finding of checkProgram that is an
 * error or a warning (generator envelope, compliance, charge density 30 µC/cm², Shannon k 1.85),
 * whether the amplitude is above the modelled discomfort threshold of the shown estimate, and
 * whether it recruits a side-effect population (e.g. the ventral root beside a DRG: motor).
 */
import { effectiveGenerator, LEAD_CATALOGUE } from '../devices/index.ts';
import { checkProgram, type Finding } from '../stimulation/index.ts';
import type { Scenario } from '../scenario.ts';
import type { RunResult } from './run.ts';

export interface SafetyLine {
  code: string;
  severity: 'error' | 'warning';
  message: string;
}

/**
 * Modelled discomfort: the 10th-percentile dorsal-root threshold (SCS; models/coverage.ts
 * comfortMarkers). Returns null where no roots are modelled.
 */
export function modelledDiscomfortMa(result: RunResult): number | null {
  const roots = result.populations
    .filter((p) => p.id.startsWith('dorsal-roots'))
    .flatMap((p) => p.thresholdsMa);
  const sorted = roots.filter((x): x is number => x !== null).sort((a, b) => a - b);
  const k = Math.ceil(roots.length * 0.1) - 1;
  return roots.length && k >= 0 && k < sorted.length ? sorted[k]! : null;
}

export function safetyState(s: Scenario, result: RunResult | null): SafetyLine[] {
  const lines: SafetyLine[] = [];
  const generator = effectiveGenerator(s.program);
  if (!generator)
    lines.push({
      code: 'generator-unknown',
      severity: 'error',
      message: `generator "${s.program.generatorId}" is not in the catalogue: the envelope is unchecked`,
    });
  else {
    const findings: Finding[] = checkProgram(s.program, s.leads, LEAD_CATALOGUE, generator);
    for (const f of findings)
      if (f.severity === 'error' || f.severity === 'warning')
        lines.push({ code: f.code, severity: f.severity, message: f.message });
  }
  for (const p of result?.populations ?? []) {
    if (!p.sideEffect) continue;
    const t = p.thresholdsMa.filter((x): x is number => x !== null);
    const first = t.length ? Math.min(...t) : null;
    // read at the programmed amplitude (the shown estimate): warn once any of its fibres fires
    if (first !== null && p.activated.some(Boolean))
      lines.push({
        code: 'above-modelled-motor-threshold',
        severity: 'warning',
        message: `${s.program.amplitudeMa} mA recruits ${(p.shareActivated * 100).toFixed(0)} % of the ${p.name}: a modelled ${p.sideEffect} side effect from ${first < 1 ? Number(first.toPrecision(3)) : first.toFixed(2)} mA`,
      });
  }
  const discomfort = result ? modelledDiscomfortMa(result) : null;
  if (discomfort !== null && s.program.amplitudeMa > discomfort)
    lines.push({
      code: 'above-modelled-discomfort',
      severity: 'warning',
      message: `${s.program.amplitudeMa} mA is ${(s.program.amplitudeMa / discomfort).toFixed(1)}× the modelled discomfort threshold (${discomfort.toFixed(2)} mA, 10 % of dorsal-root fibres)`,
    });
  return lines;
}
