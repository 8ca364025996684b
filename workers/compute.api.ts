import { createTaskRunner } from './taskRunner.ts';
import { computeTasks } from './tasks.ts';

/** Every task the compute workers can run, by kind (the table in tasks.ts). */
export const computeApi = createTaskRunner(computeTasks);
