/**
 * The paradigm components render labelled figures from plain model outputs (server-rendered
 * markup: uPlot itself draws in the browser, after mount).
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ClosedLoopResult } from '../../../models/response/closedLoop.ts';
import { waveformTimeline } from '../../../models/response/paradigm.ts';
import { ClosedLoopPlot } from '../../../src/planner/paradigm/ClosedLoopPlot.tsx';
import { EcapTrace } from '../../../src/planner/paradigm/EcapTrace.tsx';
import { FiringRaster, describeRaster } from '../../../src/planner/paradigm/FiringRaster.tsx';
import { WaveformTimeline } from '../../../src/planner/paradigm/WaveformTimeline.tsx';

const program = {
  generatorId: 'g',
  contacts: [],
  caseIsReturn: true,
  amplitudeMa: 2,
  pulseWidthUs: 210,
  rateHz: 50,
  waveform: { kind: 'tonic' as const },
};

describe('paradigm components', () => {
  it('WaveformTimeline describes the train: 3 cathodic phases of 2 mA in 50 ms at 50 Hz', () => {
    const html = renderToStaticMarkup(<WaveformTimeline data={waveformTimeline(program, 50)} />);
    expect(html).toContain('role="img"');
    expect(html).toContain('3 cathodic phases, peak 2 mA');
  });

  it('FiringRaster draws one row per fibre and one mark per spike', () => {
    const fibers = [
      { id: 'a', diameterUm: 10, spikesMs: [1, 21, 41] },
      { id: 'b', diameterUm: 5.7, spikesMs: [] },
    ];
    const html = renderToStaticMarkup(
      <FiringRaster fibers={fibers} windowMs={60} pulseStartsMs={[0, 20, 40]} />,
    );
    expect(describeRaster(fibers, 60)).toBe(
      '2 fibres over 60 ms: 1 fired, 3 spikes in all; mean rate 25 Hz per fibre.',
    );
    expect(html).toContain('aria-label="2 fibres over 60 ms: 1 fired');
    expect(html).toContain('10 µm');
    expect(html).toContain('5.7 µm');
  });

  it('EcapTrace states N1, P2 and the N1–P2 amplitude with its tier', () => {
    const html = renderToStaticMarkup(
      <EcapTrace
        timeMs={[0.5, 0.6, 0.7]}
        ecapUv={[0, -20, 5]}
        features={{ amplitudeUv: 25, n1Uv: -20, n1LatencyMs: 0.6, p2Uv: 5, p2LatencyMs: 0.7 }}
        amplitudeMa={6}
        dcsfMm={3}
        tier="instant"
      />,
    );
    expect(html).toContain('N1–P2 amplitude 25 µV');
    expect(html).toContain('(instant tier)');
  });

  it('ClosedLoopPlot reports time in window for both loops', () => {
    const trace = (inWindow: number) => ({
      amplitudeMa: Float64Array.of(5, 5),
      ecapUv: Float64Array.of(20, 20),
      measuredUv: Float64Array.of(20, 20),
      timeInWindow: inWindow,
      timeBelow: 1 - inWindow,
      timeAbove: 0,
      meanAbsErrorUv: 1,
    });
    const result: Pick<
      ClosedLoopResult,
      'timeS' | 'dcsfMm' | 'openLoop' | 'closedLoop' | 'setup' | 'tier'
    > = {
      timeS: Float64Array.of(0, 0.02),
      dcsfMm: Float64Array.of(3, 3),
      openLoop: trace(0.7),
      closedLoop: trace(0.966),
      setup: {
        durationS: 10,
        pulseRateHz: 50,
        updateRateHz: 50,
        targetEcapUv: 20,
        maxAmplitudeMa: 25.5,
        loopGain: 0.3,
        windowUv: { lowUv: 10, highUv: 40 },
        postures: [],
        coughs: [],
        noiseUv: 0,
        seed: 1,
      },
      tier: 'instant',
    };
    const html = renderToStaticMarkup(<ClosedLoopPlot result={result} />);
    expect(html).toContain('closed loop in the window 96.6 % of the time, open loop 70 %');
    expect(html).toContain('(instant tier)');
  });
});
