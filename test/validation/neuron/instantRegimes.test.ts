/**
 * The instant tier against the full model, regime by regime: straight MRG fibres (interpolated
 * geometry, 5.7–16 µm at random) next to a point source at random distances, positions along
 * the fibre (over a node or an internode) and pulse widths, for each waveform kind. The bounds
 * are what the calibrated table achieves (models/neuron/README.md, "Instant tier against the
 * full model"); the README and the results panel quote the measured numbers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFiber } from '../../../models/neuron/build.ts';
import { pointSourceField } from '../../../models/neuron/extracellular.ts';
import { instantThresholdMa } from '../../../models/neuron/instant.ts';
import { findThreshold } from '../../../models/neuron/threshold.ts';
import type { PulseKind } from '../../../models/neuron/waveform.ts';

const SAMPLES = 8;
const KINDS: Array<[string, PulseKind]> = [
  ['cathodic', 'mono-cathodic'],
  ['anodic', 'mono-anodic'],
  ['biphasic', 'biphasic-cathodic-first'],
];
const DISTANCES: Array<[string, number, number]> = [
  ['0.1–0.3 mm', 0.1, 0.3],
  ['0.3–1 mm', 0.3, 1],
  ['1–4 mm', 1, 4],
];
const PULSES: Array<[string, number, number]> = [
  ['20–210 µs', 20, 210],
  ['450–2000 µs', 450, 2000],
];
/** median and worst |instant/full − 1| per kind (measured: see the README table) */
const BOUNDS: Record<string, { median: number; worst: number }> = {
  cathodic: { median: 0.03, worst: 0.06 },
  biphasic: { median: 0.03, worst: 0.06 },
  anodic: { median: 0.15, worst: 0.25 },
};

const measured: Array<{ kind: string; regime: string; median: number; worst: number }> = [];
afterAll(() => {
  // the measured table, for the README and the results panel
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/instant-regimes.json', `${JSON.stringify(measured, null, 1)}\n`);
});

function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe.each(KINDS)('instant tier, %s pulses', (kindName, kind) => {
  const rnd = lcg(kindName.length * 7919);
  it.each(DISTANCES.flatMap((d) => PULSES.map((p) => [`${d[0]}, ${p[0]}`, d, p] as const)))(
    '%s',
    (regime, [, d0, d1], [, p0, p1]) => {
      const errs: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const D = 5.7 + rnd() * 10.3;
        const d = Math.exp(Math.log(d0) + rnd() * Math.log(d1 / d0));
        const pw = Math.round(Math.exp(Math.log(p0) + rnd() * Math.log(p1 / p0)));
        const over = rnd() < 0.5 ? 'node' : 'internode';
        const probe = buildFiber('mrg-interp', D, { nodeCount: 3 });
        const span = (kind === 'mono-anodic' ? 40 : 20) * d * 1000;
        let n = Math.max(21, Math.ceil(span / probe.internodeLengthUm) + 1);
        if (n % 2 === 0) n++;
        const fiber = buildFiber('mrg-interp', D, {
          nodeCount: Math.min(n, 401),
          passiveEndNodes: 1,
        });
        const ve = pointSourceField(fiber, { distanceMm: d, sigmaSPerM: 0.2, over });
        const w = { kind, pulseWidthUs: pw };
        const inst = instantThresholdMa(fiber, ve, w);
        const full = findThreshold(fiber, ve, w, { dtUs: Math.min(5, pw / 10), dtAfterStimUs: 5 });
        errs.push(Math.abs(inst / full.thresholdMa - 1));
      }
      errs.sort((a, b) => a - b);
      const median = (errs[SAMPLES / 2 - 1]! + errs[SAMPLES / 2]!) / 2;
      measured.push({ kind: kindName, regime, median, worst: errs[SAMPLES - 1]! });
      expect(median).toBeLessThan(BOUNDS[kindName]!.median);
      expect(errs[SAMPLES - 1]).toBeLessThan(BOUNDS[kindName]!.worst);
    },
  );
});
