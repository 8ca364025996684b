import Dexie, { type EntityTable } from 'dexie';
import { parseScenario } from '../models/scenario.ts';
import {
  checkedScenarioContacts,
  contactTableSpec,
  defaultTableCache,
  proposeProgram,
  runScenarioSteps,
  scenarioFieldKey,
  type Proposal,
  type RunResult,
} from '../models/estimate/index.ts';
import { LeadFieldLru, type FieldCacheStore } from '../models/field/cache.ts';
import type { UnitLeadFields } from '../models/field/index.ts';
import { z } from 'zod';
import { defineTask, type TaskContext } from './protocol.ts';
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
// our choice: room for the contact tables' positions (SCS 11, DRG 25) besides solved poses
const MAX_STORED_FIELDS = 64;

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

/** `estimate.run`: a scenario (validated by the scenario schema inside) and how to run it */
const EstimatePayloadSchema = z.object({
  scenario: z.unknown(),
  tier: z.enum(['instant', 'full']),
  appVersion: z.string().max(64).optional(),
  /** full tier over several workers: this task solves fibres i ≡ index (mod count) */
  shard: z
    .object({ index: z.number().int().min(0), count: z.number().int().min(1).max(64) })
    .refine((v) => v.index < v.count, 'shard index must be below the shard count')
    .optional(),
  /** instant tier: answer from a contact table when it can (default true; the demo says false) */
  contactTables: z.boolean().optional(),
});
export type EstimatePayload = z.input<typeof EstimatePayloadSchema>;

const ScenarioPayloadSchema = z.object({ scenario: z.unknown() });

const ResponsePayloadSchema = z.object({
  scenario: z.unknown(),
  trainWindowMs: z.number().min(0).max(1000),
  ecap: z.boolean(),
  fibresPerPopulation: z.number().int().min(1).max(50).optional(),
});

export interface TableFillResult {
  /** the table's key, or null when this plan's leads have none (and why) */
  key: string | null;
  reason?: string;
  positions: number;
  solved: number;
  /** positions solved by this task (the rest came from the caches) */
  solvedNow: number;
}

/** A stored field into this worker's memory (null when neither holds it). */
async function fieldFromStores(key: string): Promise<UnitLeadFields | undefined> {
  const hit = memory.getSync(key);
  if (hit || !persistent) return hit;
  const stored = await persistent.get(key);
  if (stored) memory.putSync(key, stored);
  return stored;
}

/** The contact table of a plan, with the positions its contacts need loaded from IndexedDB. */
async function warmTable(s: ReturnType<typeof parseOrThrow>, ctx: TaskContext) {
  let checked;
  try {
    checked = checkedScenarioContacts(s);
  } catch {
    return; // the run itself names the problem
  }
  const spec = contactTableSpec(checked.resolved, checked.conductor, checked.contacts);
  if (!('spec' in spec)) return;
  const table = defaultTableCache.get(spec.spec, memory);
  let need: number[];
  try {
    need = table.positionsFor(checked.contacts);
  } catch {
    return;
  }
  for (const i of need) if (!table.fields[i]) await fieldFromStores(table.positionKey(i));
  await ctx.checkpoint();
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

function tableAnswers(s: ReturnType<typeof parseOrThrow>): boolean {
  try {
    const checked = checkedScenarioContacts(s);
    const spec = contactTableSpec(checked.resolved, checked.conductor, checked.contacts);
    return 'spec' in spec && defaultTableCache.get(spec.spec, memory).canAnswer(checked.contacts);
  } catch {
    return false;
  }
}

export const estimateTasks = {
  /**
   * Solves, in the background, the positions of the contact table of a plan's leads (nearest to
   * its contacts first), one per step: afterwards the instant tier answers lead moves across the
   * section without a solve. Positions go to this worker's memory and to IndexedDB, where every
   * worker finds them.
   */
  'estimate.fillTable': defineTask(
    'estimate.fillTable',
    ScenarioPayloadSchema,
    async (payload, ctx): Promise<TableFillResult> => {
      const s = parseOrThrow(payload.scenario);
      const checked = checkedScenarioContacts(s);
      const spec = contactTableSpec(checked.resolved, checked.conductor, checked.contacts);
      if (!('spec' in spec))
        return { key: null, reason: spec.none, positions: 0, solved: 0, solvedNow: 0 };
      const table = defaultTableCache.get(spec.spec, memory);
      let near: number | undefined;
      try {
        near = table.locate(checked.contacts[0]!).sMm;
      } catch {
        near = undefined;
      }
      let solvedNow = 0;
      for (let i = table.nextMissing(near); i !== null; i = table.nextMissing(near)) {
        const key = table.positionKey(i);
        const stored = await fieldFromStores(key);
        if (stored) table.insert(i, stored);
        else {
          const f = table.solve(i);
          memory.putSync(key, f);
          if (persistent) await persistent.put(key, f);
          solvedNow++;
        }
        ctx.progress({
          fraction: table.solvedCount / table.positionsMm.length,
          message: `contact table ${table.solvedCount} of ${table.positionsMm.length}`,
        });
        await ctx.checkpoint();
      }
      return {
        key: table.key,
        positions: table.positionsMm.length,
        solved: table.solvedCount,
        solvedNow,
      };
    },
  ),
  /** the program in time on the scenario's own fibres: trains and the ECAP (models/scenarioResponse.ts) */
  'estimate.response': defineTask(
    'estimate.response',
    ResponsePayloadSchema,
    async (p, ctx): Promise<ScenarioResponse> => {
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
  ),
  'estimate.run': defineTask(
    'estimate.run',
    EstimatePayloadSchema,
    async (p, ctx): Promise<RunResult> => {
      const s = parseOrThrow(p.scenario);
      const tables = p.tier === 'instant' && p.contactTables !== false;
      if (tables) await warmTable(s, ctx);
      // a pose the table cannot answer: its own solve, from the caches when solved before
      const leadFields = tables && tableAnswers(s) ? undefined : await cachedLeadFields(s, ctx);
      const steps = runScenarioSteps(s, {
        tier: p.tier,
        cache: memory,
        caches: { tables: defaultTableCache },
        contactTables: tables,
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
  ),
  /**
   * A program proposed for the plan's pain map (models/estimate/propose.ts): the instant tier
   * searches contact fractions, pulse width and amplitude; the plan's lead fields come from the
   * caches when the estimate solved them already.
   */
  'estimate.propose': defineTask(
    'estimate.propose',
    z.object({
      scenario: z.unknown(),
      avoid: z
        .array(z.object({ root: z.string(), side: z.enum(['left', 'right']) }))
        .max(64)
        .optional(),
      maxDorsalRootShare: z.number().min(0).max(1).optional(),
      maxOffTargetShare: z.number().min(0).max(1).optional(),
    }),
    async (payload, ctx): Promise<Proposal> => {
      const s = parseOrThrow(payload.scenario);
      await cachedLeadFields(s, ctx);
      ctx.progress({ fraction: 0.05, message: 'proposing' });
      const proposal = proposeProgram(
        s,
        {
          ...(payload.avoid ? { avoid: payload.avoid as Proposal['avoid'] } : {}),
          ...(payload.maxDorsalRootShare !== undefined
            ? { maxDorsalRootShare: payload.maxDorsalRootShare }
            : {}),
          ...(payload.maxOffTargetShare !== undefined
            ? { maxOffTargetShare: payload.maxOffTargetShare }
            : {}),
        },
        { cache: memory },
      );
      const key = scenarioFieldKey(s);
      const solved = memory.getSync(key);
      if (solved && persistent) await persistent.put(key, solved);
      return proposal;
    },
  ),
};
