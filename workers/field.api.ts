/**
 * Field worker API: unit lead fields for a scenario (with progress and cancellation), sampling
 * at points, and the whole pipeline. Plain object so node tests import it directly;
 * `field.worker.ts` exposes it with Comlink. No science here: models/field and models/pipeline.
 *
 * Cancellation: the solver polls `cancelFlag[0]` (a SharedArrayBuffer-backed Int32Array set
 * with Atomics.store by the caller) between wavenumbers; a cancelled call rejects with
 * "field computation cancelled". Progress: `onProgress(fraction, stage)`, a Comlink-proxied
 * function, called once per wavenumber.
 */
import {
  FieldCancelledError,
  LeadFieldLru,
  sampleUnitFields,
  type FieldCacheStore,
  type UnitLeadFields,
} from '../models/field/index.ts';
import {
  runScenario,
  scenarioLeadFields,
  type ContactKey,
  type RunResult,
} from '../models/estimate/index.ts';
import { parseScenario } from '../models/scenario.ts';

export type ProgressCallback = (fraction: number, stage: string) => void;

const memory = new LeadFieldLru();
let store: FieldCacheStore | undefined;

function parse(raw: unknown) {
  const r = parseScenario(raw);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return r.value;
}

const cancelCheck = (flag?: Int32Array) => (flag ? () => Atomics.load(flag, 0) !== 0 : undefined);

export interface LeadFieldsResponse {
  key: string;
  fromCache: boolean;
  contacts: ContactKey[];
  fields: UnitLeadFields;
}

export const fieldApi = {
  /** Unit lead fields (1 mA per contact) for a scenario; cached by anatomy + poses + conductivities. */
  async leadFields(
    scenario: unknown,
    onProgress?: ProgressCallback,
    cancelFlag?: Int32Array,
  ): Promise<LeadFieldsResponse> {
    const s = parse(scenario);
    // a persistent hit is promoted to memory before the synchronous pipeline looks it up
    const probe = scenarioLeadFields(s, { leadFields: EMPTY_PROBE });
    if (!memory.getSync(probe.key) && store) {
      const hit = await store.get(probe.key);
      if (hit) memory.putSync(probe.key, hit);
    }
    const shouldCancel = cancelCheck(cancelFlag);
    const lf = scenarioLeadFields(s, {
      cache: memory,
      ...(onProgress ? { onProgress } : {}),
      ...(shouldCancel ? { shouldCancel } : {}),
    });
    if (!lf.fromCache) await store?.put(lf.key, lf.fields);
    return { key: lf.key, fromCache: lf.fromCache, contacts: lf.keys, fields: lf.fields };
  },

  /** Potentials (mV per mA) per contact at points (x, y, z interleaved, mm) of a cached field. */
  async sample(key: string, pointsMm: Float64Array): Promise<Float64Array[]> {
    const f = memory.getSync(key) ?? (await store?.get(key));
    if (!f) throw new Error(`no lead field cached under ${key}`);
    return sampleUnitFields(f, pointsMm);
  },

  /** The whole estimate for a scenario (models/pipeline.ts). */
  async run(
    scenario: unknown,
    tier: 'instant' | 'full',
    appVersion: string,
    onProgress?: ProgressCallback,
    cancelFlag?: Int32Array,
  ): Promise<RunResult> {
    const s = parse(scenario);
    const shouldCancel = cancelCheck(cancelFlag);
    return runScenario(s, {
      tier,
      appVersion,
      cache: memory,
      ...(onProgress ? { onProgress } : {}),
      ...(shouldCancel ? { shouldCancel } : {}),
    });
  },

  /** Installs the persistent layer (the app's Dexie store) behind the in-memory LRU. */
  setStore(s: FieldCacheStore | undefined): void {
    store = s;
  },

  cacheStats(): { entries: number; bytes: number } {
    return { entries: memory.size, bytes: memory.sizeBytes };
  },
};

/** a placeholder passed to compute only the cache key (no solve) */
const EMPTY_PROBE = {} as UnitLeadFields;

export { FieldCancelledError };
