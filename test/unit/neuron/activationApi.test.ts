import '@vitest/web-worker';
import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import { activationApi, type ActivationApi } from '../../../workers/activation.api.ts';
import { pointSourceMv } from '../../../models/neuron/extracellular.ts';

/** Ve per mA along a straight fibre centred under a point source at `distanceMm`. */
function samples(distanceMm: number, lengthMm = 24) {
  const arcMm: number[] = [];
  const veMvPerMa: number[] = [];
  for (let s = 0; s <= lengthMm + 1e-9; s += 0.05) {
    arcMm.push(s);
    veMvPerMa.push(pointSourceMv(s - lengthMm / 2, distanceMm, 0, 0.2));
  }
  return { arcMm, veMvPerMa };
}

const waveform = { kind: 'mono-cathodic', pulseWidthUs: 210 } as const;

describe('activation worker API (in-process)', () => {
  it('computes thresholds for a batch, reporting progress', async () => {
    const progress: number[] = [];
    const res = await activationApi.thresholds(
      {
        waveform,
        fibers: [1, 2].map((d) => ({
          id: `f${d}`,
          model: 'mrg' as const,
          diameterUm: 10,
          nodeCount: 21,
          ...samples(d),
        })),
      },
      (p) => {
        progress.push(p.done);
      },
    );
    expect(res.completed).toBe(2);
    expect(res.cancelled).toBe(false);
    expect(progress.at(-1)).toBe(2);
    const [near, far] = res.results;
    // NEURON 8.2.2 reference for 10 µm, 21 nodes, 1 mm: 79.93 µA (neuron-reference/mrg-grid.jsonl)
    expect(Math.abs((near?.thresholdMa as number) / 0.07993 - 1)).toBeLessThan(0.015);
    expect(far?.thresholdMa as number).toBeGreaterThan(near?.thresholdMa as number);
    expect(near?.tier).toBe('full');
  });

  it('stops at the cancel check and returns the fibres done so far', async () => {
    let calls = 0;
    const res = await activationApi.thresholds(
      {
        waveform,
        fibers: [1, 1.5, 2].map((d) => ({
          id: `f${d}`,
          model: 'mrg' as const,
          diameterUm: 10,
          nodeCount: 21,
          ...samples(d),
        })),
      },
      undefined,
      () => ++calls > 1,
    );
    expect(res.cancelled).toBe(true);
    expect(res.completed).toBe(1);
    expect(res.results).toHaveLength(1);
  });

  it('honours a shared cancel flag', async () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(flag, 0, 1);
    const res = await activationApi.thresholds({
      waveform,
      cancelFlag: flag,
      fibers: [{ id: 'a', model: 'mrg', diameterUm: 10, nodeCount: 21, ...samples(1) }],
    });
    expect(res.cancelled).toBe(true);
    expect(res.completed).toBe(0);
  });

  it('names the fibre when its potentials do not fit', async () => {
    await expect(
      activationApi.thresholds({
        waveform,
        fibers: [{ id: 'bad', model: 'mrg', diameterUm: 10, nodeCount: 21, veMvPerMa: [1, 2, 3] }],
      }),
    ).rejects.toThrow(/fibre bad/);
  });

  it('gives instant estimates from node potentials', () => {
    const layout = activationApi.fiberLayout('mrg', 10, 21);
    const { arcMm, veMvPerMa } = samples(1, 23);
    const nodeVe = Array.from(layout.nodeCompartments, (k) => {
      const s = (layout.compartmentPositionsUm[k] as number) / 1000;
      return veMvPerMa[Math.round(s / 0.05)] as number;
    });
    expect(arcMm.length).toBe(veMvPerMa.length);
    const [r] = activationApi.instantThresholds({
      waveform,
      fibers: [{ id: 'x', model: 'mrg', diameterUm: 10, nodeVe }],
    });
    expect(r?.tier).toBe('instant');
    expect(Math.abs((r?.thresholdMa as number) / 0.07993 - 1)).toBeLessThan(0.15);
  });
});

describe('activation worker (Comlink)', () => {
  it('runs a batch in a Web Worker with a proxied progress callback', async () => {
    const worker = new Worker(new URL('../../../workers/activation.worker.ts', import.meta.url), {
      type: 'module',
    });
    const api = Comlink.wrap<ActivationApi>(worker);
    const seen: number[] = [];
    const res = await api.thresholds(
      {
        waveform,
        fibers: [{ id: 'w', model: 'mrg', diameterUm: 10, nodeCount: 21, ...samples(1) }],
      },
      Comlink.proxy((p: { done: number }) => {
        seen.push(p.done);
      }),
    );
    expect(res.completed).toBe(1);
    expect(seen).toContain(1);
    worker.terminate();
  });
});
