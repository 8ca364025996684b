import { ProgramSchema, defaultScenario, type Program } from '../../../models/scenario.ts';
import { findGenerator, type Generator } from '../../../models/devices/index.ts';

type ProgramInput = Parameters<typeof ProgramSchema.parse>[0];

/** The default SCS program (bipole 3/4 on lead-1, 3 mA, 210 µs, 50 Hz) with changes. */
export function scsProgram(changes: Partial<Exclude<ProgramInput, undefined>> = {}): Program {
  const base = defaultScenario('SCS').program;
  return ProgramSchema.parse({ ...base, ...changes });
}

export const scsLeads = () => defaultScenario('SCS').leads;

export function generator(id: string): Generator {
  const g = findGenerator(id);
  if (!g) throw new Error(`no generator ${id}`);
  return g;
}
