/**
 * One call for the program editor's safety and dose panel: dose, per-contact charge density and
 * Shannon k, power and battery estimate, and the envelope findings, from the same inputs.
 */
import type { Generator, LeadCatalogue } from '../devices/index.ts';
import type { LeadPlacement, Program } from '../scenario.ts';
import { checkProgram, type Finding } from './checkProgram.ts';
import { contactChargeDensities, type ContactChargeReport } from './density.ts';
import { chargeDose, type ChargeDose } from './dose.ts';
import { estimatePower, type PowerEstimate, type PowerOptions } from './energy.ts';
import { contactGroups } from './groups.ts';

export interface ProgramSummary {
  dose: ChargeDose;
  contacts: ContactChargeReport[];
  /** the highest density and k over all contacts (0 / −∞ without active contacts) */
  maxDensityUcPerCm2: number;
  maxShannonK: number;
  power: PowerEstimate;
  findings: Finding[];
  /** true when no finding is an error */
  deliverable: boolean;
}

export function summariseProgram(
  program: Program,
  leads: readonly LeadPlacement[],
  catalogue: LeadCatalogue | undefined,
  generator: Generator,
  options: PowerOptions = {},
): ProgramSummary {
  const { contacts } = contactChargeDensities(program, leads, catalogue);
  const findings = checkProgram(program, leads, catalogue, generator, {
    ...(options.loadOhm !== undefined ? { loadOhm: options.loadOhm } : {}),
  });
  return {
    dose: chargeDose(program, options.schedule),
    contacts,
    maxDensityUcPerCm2: contacts.reduce((m, c) => Math.max(m, c.densityUcPerCm2), 0),
    maxShannonK: contacts.reduce((m, c) => Math.max(m, c.shannonK), -Infinity),
    power: estimatePower(program, generator, options),
    findings,
    deliverable: !findings.some((f) => f.severity === 'error'),
  };
}

/** A window that shows a program's pattern in a preview: two repetitions of its slowest unit. */
export function previewWindowUs(program: Program): number {
  const w = program.waveform;
  if (w.kind === 'khz') return (5 * 1e6) / w.frequencyHz;
  const slowestHz = Math.min(...contactGroups(program).map((g) => g.rateHz));
  return (2 * 1e6) / slowestHz;
}
