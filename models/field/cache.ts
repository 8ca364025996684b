/**
 * Cache of unit lead fields keyed by a hash of what shapes them: resolved anatomy,
 * conductivities, contact geometry (lead poses) and the solver version. In-memory LRU here;
 * a persistent layer (IndexedDB via Dexie, written by the app) implements FieldCacheStore.
 */
import type { ContactGeometry } from './contact.ts';
import type { UnitLeadFields } from './solver25d.ts';

/** bump when the solver's output for the same inputs changes */
export const FIELD_SOLVER_VERSION = 7;

/** Canonical JSON: object keys sorted, typed arrays as plain arrays. */
export function canonicalFieldJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView))
      return Array.from(v as unknown as ArrayLike<number>);
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
          a < b ? -1 : a > b ? 1 : 0,
        ),
      );
    }
    return v;
  });
}

/** cyrb53-style 53-bit string hash (public-domain construction), as 14 hex digits. */
export function hashString(s: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const n = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return n.toString(16).padStart(14, '0');
}

/** The cache key of a lead-field computation. */
export function leadFieldKey(input: {
  conductor: unknown;
  contacts: ContactGeometry[];
  solverOptions?: unknown;
}): string {
  return `field-v${FIELD_SOLVER_VERSION}-${hashString(canonicalFieldJson({ ...input, v: FIELD_SOLVER_VERSION }))}`;
}

/** What a persistent store (IndexedDB/Dexie in the app) implements. Values are structured-cloneable. */
export interface FieldCacheStore {
  get(key: string): Promise<UnitLeadFields | undefined>;
  put(key: string, value: UnitLeadFields): Promise<void>;
}

/** Approximate size of a lead field in bytes (typed arrays only). */
export function leadFieldBytes(f: UnitLeadFields): number {
  let b = f.gridU.byteLength + f.gridV.byteLength + f.kNodes.byteLength;
  for (const g of f.groups)
    b += g.cos.byteLength + (g.sin?.byteLength ?? 0) + g.sourcesUvw.byteLength;
  return b;
}

/** Least-recently-used in-memory cache bounded by bytes. */
export class LeadFieldLru implements FieldCacheStore {
  private readonly map = new Map<string, UnitLeadFields>();
  private bytes = 0;
  constructor(private readonly maxBytes = 256 * 1024 * 1024) {}
  async get(key: string): Promise<UnitLeadFields | undefined> {
    return this.getSync(key);
  }
  getSync(key: string): UnitLeadFields | undefined {
    const v = this.map.get(key);
    if (v) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  async put(key: string, value: UnitLeadFields): Promise<void> {
    this.putSync(key, value);
  }
  putSync(key: string, value: UnitLeadFields): void {
    const old = this.map.get(key);
    if (old) {
      this.bytes -= leadFieldBytes(old);
      this.map.delete(key);
    }
    this.map.set(key, value);
    this.bytes += leadFieldBytes(value);
    for (const [k, v] of this.map) {
      if (this.bytes <= this.maxBytes || this.map.size <= 1) break;
      this.map.delete(k);
      this.bytes -= leadFieldBytes(v);
    }
  }
  get size(): number {
    return this.map.size;
  }
  get sizeBytes(): number {
    return this.bytes;
  }
}

/** Memory first, then the persistent store; a store hit is promoted to memory. */
export class LayeredFieldCache implements FieldCacheStore {
  constructor(
    readonly memory: LeadFieldLru = new LeadFieldLru(),
    readonly store?: FieldCacheStore,
  ) {}
  async get(key: string): Promise<UnitLeadFields | undefined> {
    const m = this.memory.getSync(key);
    if (m) return m;
    const s = await this.store?.get(key);
    if (s) this.memory.putSync(key, s);
    return s;
  }
  async put(key: string, value: UnitLeadFields): Promise<void> {
    this.memory.putSync(key, value);
    await this.store?.put(key, value);
  }
}
