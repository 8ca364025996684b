import { describe, expect, it } from 'vitest';
import {
  FIELD_SOLVER_VERSION,
  LayeredFieldCache,
  LeadFieldLru,
  hashString,
  leadFieldKey,
  type ContactGeometry,
  type UnitLeadFields,
} from '../../../models/field/index.ts';

const ring = (z: number): ContactGeometry => ({
  kind: 'ring',
  centreMm: { x: 0, y: 8, z },
  axis: { x: 0, y: 0, z: 1 },
  lengthMm: 3,
  diameterMm: 1.3,
});

function fakeField(bytes: number): UnitLeadFields {
  return {
    conductorLabel: 't',
    frame: { originMm: [0, 0, 0], eU: [1, 0, 0], eV: [0, 1, 0], eW: [0, 0, 1] },
    gridU: new Float64Array(0),
    gridV: new Float64Array(0),
    fastU: true,
    kNodes: new Float64Array(0),
    groups: [
      {
        sigma0: { uSPerM: 1, vSPerM: 1, wSPerM: 1 },
        lump: { uMm: 0, vMm: 0, radiusMm: 0 },
        sourcesUvw: new Float64Array(0),
        weights: new Float64Array(0),
        cos: new Float32Array(bytes / 4),
        sin: null,
      },
    ],
    contacts: [],
    stats: { nodes: 0, bandwidth: 0, kCount: 0, solves: 0, elapsedMs: 0 },
  };
}

describe('lead-field cache key', () => {
  it('is stable for equal inputs whatever the key order, and changes when a lead moves', () => {
    const a = leadFieldKey({ conductor: { a: 1, b: [1, 2] }, contacts: [ring(0)] });
    const b = leadFieldKey({ contacts: [ring(0)], conductor: { b: [1, 2], a: 1 } });
    const moved = leadFieldKey({ conductor: { a: 1, b: [1, 2] }, contacts: [ring(0.5)] });
    expect(a).toBe(b);
    expect(a).not.toBe(moved);
    expect(a).toMatch(new RegExp(`^field-v${FIELD_SOLVER_VERSION}-[0-9a-f]{14}$`));
    expect(hashString('abc')).not.toBe(hashString('abd'));
  });
});

describe('LRU and layered cache', () => {
  it('evicts the least recently used entry beyond the byte budget', () => {
    const lru = new LeadFieldLru(1000);
    lru.putSync('a', fakeField(400));
    lru.putSync('b', fakeField(400));
    lru.getSync('a');
    lru.putSync('c', fakeField(400));
    expect(lru.getSync('b')).toBeUndefined();
    expect(lru.getSync('a')).toBeDefined();
    expect(lru.getSync('c')).toBeDefined();
  });

  it('promotes a persistent-store hit into memory', async () => {
    const backing = new Map<string, UnitLeadFields>();
    const store = {
      get: async (k: string) => backing.get(k),
      put: async (k: string, v: UnitLeadFields) => void backing.set(k, v),
    };
    const cache = new LayeredFieldCache(new LeadFieldLru(), store);
    backing.set('k', fakeField(8));
    expect(await cache.get('k')).toBeDefined();
    expect(cache.memory.getSync('k')).toBeDefined();
    await cache.put('n', fakeField(8));
    expect(backing.has('n')).toBe(true);
  });
});
