import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../../models/scenario.ts';
import { fieldApi } from '../../../workers/field.api.ts';

describe('field worker API', () => {
  it('reports progress, caches by anatomy + poses + conductivities, and samples', async () => {
    const s = defaultScenario('SCS');
    const seen: number[] = [];
    const first = await fieldApi.leadFields(s, (f) => void seen.push(f));
    expect(first.fromCache).toBe(false);
    expect(seen.length).toBeGreaterThan(10);
    expect(seen[seen.length - 1]).toBe(1);
    expect(first.contacts).toHaveLength(8);
    const again = await fieldApi.leadFields(s);
    expect(again.fromCache).toBe(true);
    expect(again.key).toBe(first.key);
    const [c0] = await fieldApi.sample(first.key, Float64Array.from([0, 3, 20]));
    expect(c0![0]).toBeGreaterThan(0);
  });

  it('stops when the shared cancel flag is set, before finishing', async () => {
    const s = defaultScenario('SCS');
    s.anatomy = { kind: 'spine', level: 'T9' };
    const flag = new Int32Array(new SharedArrayBuffer(4));
    let calls = 0;
    await expect(
      fieldApi.leadFields(
        s,
        () => {
          calls++;
          if (calls === 3) Atomics.store(flag, 0, 1);
        },
        flag,
      ),
    ).rejects.toThrow(/cancelled/);
    expect(calls).toBe(3);
  });
});
