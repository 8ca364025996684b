import {
  TaskCancelled,
  type ComputeWorkerApi,
  type TaskHandler,
  type TaskProgress,
} from './protocol.ts';

/** Resolves on the next macrotask, so messages queued for the worker (a cancel) are handled first. */
function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

/** Builds the worker API from a table of task handlers (kept free of `expose` so node tests can import it). */
export function createTaskRunner(handlers: Record<string, TaskHandler>): ComputeWorkerApi {
  const cancelled = new Set<number>();
  return {
    async runTask(kind, payload, taskId, onProgress) {
      const handler = handlers[kind];
      if (!handler) throw new Error(`unknown task kind "${kind}"`);
      let lastYield = 0;
      // progress travels on the callback's own port and the result on the worker's: wait for the
      // last progress call to be taken before returning, so none arrives after the result
      let lastProgress: Promise<unknown> = Promise.resolve();
      const ctx = {
        get cancelled() {
          return cancelled.has(taskId);
        },
        progress(p: TaskProgress) {
          lastProgress = Promise.resolve(onProgress?.(p)).catch(() => undefined);
        },
        async checkpoint() {
          // yield at most every 20 ms: a message round trip costs ~0.1 ms, so the overhead stays small
          const now = performance.now();
          if (now - lastYield >= 20) {
            lastYield = now;
            await nextMacrotask();
          }
          if (cancelled.has(taskId)) throw new TaskCancelled();
        },
      };
      try {
        const result = await handler(payload, ctx);
        await lastProgress;
        return result;
      } finally {
        cancelled.delete(taskId);
      }
    },
    cancel(taskId) {
      cancelled.add(taskId);
    },
    kinds() {
      return Object.keys(handlers);
    },
  };
}
