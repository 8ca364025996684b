import { createContext, useContext } from 'react';
import type { Program } from '../../../models/scenario.ts';
import type { Finding } from '../../../models/stimulation/index.ts';
import type { ProgramEdit, RefusalReason } from './logic.ts';

export interface Refusal {
  field: string;
  reasons: RefusalReason[];
}

export interface EditorApi {
  /** applies an edit through the store; false when it was refused (the refusal is shown at `field`) */
  commit(field: string, edit: (program: Program) => ProgramEdit | Program): boolean;
  /** the current program's checkProgram findings */
  findings: readonly Finding[];
  /** the last refused edit, until the next applied one */
  refusal: Refusal | null;
}

export const EditorContext = createContext<EditorApi | null>(null);

export function useEditor(): EditorApi {
  const api = useContext(EditorContext);
  if (!api) throw new Error('program editor controls must be inside <ProgramEditor>');
  return api;
}
