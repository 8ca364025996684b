import { createTaskRunner } from './taskRunner.ts';
import { diagnosticsTasks } from './diagnostics.tasks.ts';
import { estimateTasks } from './estimate.tasks.ts';
import { learnTasks } from './learn.tasks.ts';
import { responseTasks } from './response.tasks.ts';

/** Every task the compute workers can run, by kind. */
export const computeApi = createTaskRunner({
  ...diagnosticsTasks,
  ...estimateTasks,
  ...learnTasks,
  ...responseTasks,
});
