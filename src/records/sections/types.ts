import type { PatientCase } from '../../../models/clinical/index.ts';
import type { CaseEditor } from '../useCaseEditor.ts';

export interface SectionProps {
  c: PatientCase;
  update: CaseEditor['update'];
}
