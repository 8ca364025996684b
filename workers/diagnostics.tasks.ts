import { z } from 'zod';
import { defineTask } from './protocol.ts';

/**
 * Pool diagnostics: tasks that exercise progress, cancellation and recovery, used by the
 * status bar's diagnostics panel and the e2e suite.
 */
const Nothing = z.unknown();

export const diagnosticsTasks = {
  /** Integrates sin(x) on [0, π] by the midpoint rule in `steps` chunks (exact answer: 2). */
  'diagnostics.integrate': defineTask(
    'diagnostics.integrate',
    z
      .object({
        chunks: z.number().int().min(1).max(10_000).optional(),
        pointsPerChunk: z.number().int().min(1).max(10_000_000).optional(),
      })
      .nullish(),
    async (payload, ctx) => {
      const { chunks = 200, pointsPerChunk = 200_000 } = payload ?? {};
      const n = chunks * pointsPerChunk;
      const h = Math.PI / n;
      let sum = 0;
      for (let c = 0; c < chunks; c++) {
        for (let i = c * pointsPerChunk; i < (c + 1) * pointsPerChunk; i++)
          sum += Math.sin((i + 0.5) * h);
        ctx.progress({ fraction: (c + 1) / chunks, message: `chunk ${c + 1} of ${chunks}` });
        await ctx.checkpoint();
      }
      return { integral: sum * h, points: n };
    },
  ),
  /** Throws inside the task: the pool must reject it with the message and replace the worker. */
  'diagnostics.throw': defineTask('diagnostics.throw', Nothing, async (): Promise<never> => {
    throw new Error('diagnostic failure requested');
  }),
  /** Crashes the worker outside any task (uncaught error in a timer). */
  'diagnostics.crash': defineTask('diagnostics.crash', Nothing, () => {
    setTimeout(() => {
      throw new Error('diagnostic crash requested');
    }, 0);
    return new Promise<never>(() => {});
  }),
  /** Never returns and never checks for cancellation: only the deadline can stop it. */
  'diagnostics.hang': defineTask('diagnostics.hang', Nothing, async (): Promise<never> => {
    for (;;) {
      // a busy loop that never yields
    }
  }),
};
