import Dexie, { type EntityTable } from 'dexie';
import { parseScenario } from '../models/scenario.ts';
import { runScenarioSteps, scenarioFieldKey, type RunResult } from '../models/estimate/index.ts';
import { LeadFieldLru, type FieldCacheStore } from '../models/field/cache.ts';
import type { UnitLeadFields } from '../models/field/index.ts';
import type { TaskContext, TaskHandler } from './protocol.ts';
import { scenarioResponse, type ScenarioResponse } from '../models/scenarioResponse.ts';

/**
 * Estimate tasks: a Scenario in, a Result out (models/pipeline.ts), at the instant or the full
 * tier. Unit lead fields are cached in this worker's memory and in an IndexedDB database of
 * their own, so a replaced worker (after a cancel or a crash) does not solve them again.
 */

interface CachedField {
  key: string;
  createdAt: number;
  value: UnitLeadFields;
}

const FIELD_DB = 'neuromod-field-cache';
const MAX_STORED_FIELDS = 24;

class IndexedDbFieldStore implements FieldCacheStore {
  private db: (Dexie & { fields: EntityTable<CachedField, 'key'> }) | null = null;
  private open() {
    if (this.db) return this.db;
    const db = new Dexie(FIELD_DB) as Dexie & { fields: EntityTable<CachedField, 'key'> };
    db.version(1).stores({ fields: 'key, createdAt' });
    this.db = db;
    return db;
  }
  async get(key: string) {
    try {
      return (await this.open().fields.get(key))?.value;
    } catch {
      return undefined; // a cache miss is never an error: the field is solved again
    }
  }
  async put(key: string, value: UnitLeadFields) {
    try {
      const db = this.open();
      await db.transaction('rw', db.fields, async () => {
        await db.fields.put({ key, createdAt: Date.now(), value });
        const n = await db.fields.count();
        if (n > MAX_STORED_FIELDS) {
          const old = await db.fields
            .orderBy('createdAt')
            .limit(n - MAX_STORED_FIELDS)
            .primaryKeys();
          await db.fields.bulkDelete(old);
        }
      });
    } catch {
      // quota or a private window: keep working with the in-memory cache only
    }
  }
}

const memory = new LeadFieldLru(192 * 1024 * 1024);
const persistent: FieldCacheStore | null =
  typeof indexedDB === 'undefined' ? null : new IndexedDbFieldStore();

export interface EstimatePayload {
  scenario: unknown;
  tier: 'instant' | 'full';
  appVersion?: string;
  /** full tier over several workers: this task solves fibres i ≡ index (mod count) */
  shard?: { index: number; count: number };
}

function parseOrThrow(raw: unknown) {
  const parsed = parseScenario(raw);
  if (!parsed.ok) {
    throw new Error(
      `scenario is invalid: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.value;
}

/** The scenario's lead fields from memory or IndexedDB when solved before (asynchronous lookup). */
async function cachedLeadFields(s: ReturnType<typeof parseOrThrow>, ctx: TaskContext) {
  const key = scenarioFieldKey(s);
  let leadFields: UnitLeadFields | undefined = memory.getSync(key);
  if (!leadFields && persistent) {
    leadFields = await persistent.get(key);
    if (leadFields) memory.putSync(key, leadFields);
  }
  await ctx.checkpoint();
  return leadFields;
}

function progressOf(r: RunResult): number {
  return r.progress ? r.progress.doneFibres / Math.max(1, r.progress.totalFibres) : 1;
}

export const estimateTasks: Record<string, TaskHandler> = {
  /** the program in time on the scenario's own fibres: trains and the ECAP (models/scenarioResponse.ts) */
  'estimate.response': async (payload, ctx): Promise<ScenarioResponse> => {
    const p = payload as {
      scenario: unknown;
      trainWindowMs: number;
      ecap: boolean;
      fibresPerPopulation?: number;
    };
    const s = parseOrThrow(p.scenario);
    const leadFields = await cachedLeadFields(s, ctx);
    ctx.progress({ fraction: 0.1, message: 'fibres' });
    return scenarioResponse(s, {
      cache: memory,
      ...(leadFields ? { leadFields } : {}),
      trainWindowMs: p.trainWindowMs,
      ecap: p.ecap,
      fibresPerPopulation: p.fibresPerPopulation ?? 6,
    });
  },
  'estimate.run': async (payload, ctx): Promise<RunResult> => {
    const p = payload as EstimatePayload;
    const s = parseOrThrow(p.scenario);
    const leadFields = await cachedLeadFields(s, ctx);
    const steps = runScenarioSteps(s, {
      tier: p.tier,
      cache: memory,
      ...(leadFields ? { leadFields } : {}),
      ...(p.shard ? { shard: p.shard } : {}),
      appVersion: p.appVersion ?? 'unknown',
      onProgress: (fraction, stage) => ctx.progress({ fraction, message: stage }),
      // partial full-tier results stream with the progress (fibres done so far)
      onPartial: (partial) => ctx.progress({ fraction: progressOf(partial), partial }),
    });
    let result: RunResult;
    for (;;) {
      const n = steps.next();
      if (n.done) {
        result = n.value;
        break;
      }
      // between fibres: a cancel message is taken here, so a superseded run stops within
      // one fibre and the worker keeps its caches
      await ctx.checkpoint();
    }
    if (!result.field.fromCache && persistent) {
      const solved = memory.getSync(result.field.cacheKey);
      if (solved) await persistent.put(result.field.cacheKey, solved);
    }
    return result;
  },
};
