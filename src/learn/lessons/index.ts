/** Every lesson, in teaching order. */
import { activatingFunctionLesson } from './activatingFunction.tsx';
import { chargeSafetyLesson } from './chargeSafety.tsx';
import { configurationsLesson } from './configurations.tsx';
import { conservativeCareLesson } from './conservativeCare.tsx';
import { csfThicknessLesson } from './csfThickness.tsx';
import { dcVersusDrLesson } from './dcVersusDr.tsx';
import { drgVersusScsLesson } from './drgVersusScs.tsx';
import { ecapLesson } from './ecap.tsx';
import { paradigmsLesson } from './paradigms.tsx';
import { recruitmentOrderLesson } from './recruitmentOrder.tsx';
import { strengthDurationLesson } from './strengthDuration.tsx';
import type { Lesson } from './types.ts';

export const LESSONS: readonly Lesson[] = [
  conservativeCareLesson,
  activatingFunctionLesson,
  strengthDurationLesson,
  recruitmentOrderLesson,
  csfThicknessLesson,
  configurationsLesson,
  dcVersusDrLesson,
  drgVersusScsLesson,
  paradigmsLesson,
  chargeSafetyLesson,
  ecapLesson,
];

export function findLesson(slug: string): Lesson | undefined {
  return LESSONS.find((l) => l.meta.slug === slug);
}
