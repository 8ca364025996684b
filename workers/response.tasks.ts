import { defineTask, type TaskContext } from './protocol.ts';
import { runTrainRequest, TrainRequestSchema } from '../models/response/paradigm.ts';
import {
  BlockRequestSchema,
  ClosedLoopRequestSchema,
  EcapRequestSchema,
  runBlockRequest,
  runClosedLoopRequest,
  runEcapRequest,
} from '../models/response/requests.ts';

/** Progress callback that also yields for cancellation (models/response runners await it). */
function progressOf(ctx: TaskContext) {
  return async (fraction: number, message: string) => {
    ctx.progress({ fraction, message });
    await ctx.checkpoint();
  };
}

/**
 * Fibre responses in time (issue 7): pulse trains on fibres, ECAP growth curves, the
 * closed-loop timeline and kHz block thresholds. Payloads are validated by the zod schemas in
 * models/response (paradigm.ts, requests.ts); no science here.
 */
export const responseTasks = {
  'response.train': defineTask('response.train', TrainRequestSchema, async (payload, ctx) => {
    const report = progressOf(ctx);
    return runTrainRequest(payload, (done, total) =>
      report(done / total, `fibre ${done} of ${total}`),
    );
  }),
  'response.ecap': defineTask('response.ecap', EcapRequestSchema, async (payload, ctx) =>
    runEcapRequest(payload, progressOf(ctx)),
  ),
  'response.closedLoop': defineTask(
    'response.closedLoop',
    ClosedLoopRequestSchema,
    async (payload, ctx) => runClosedLoopRequest(payload, progressOf(ctx)),
  ),
  'response.blockThreshold': defineTask(
    'response.blockThreshold',
    BlockRequestSchema,
    async (payload, ctx) => runBlockRequest(payload, progressOf(ctx)),
  ),
};
