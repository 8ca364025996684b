import { useCallback, useId, useMemo } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { EcapFeatures } from '../../../models/response/ecap.ts';
import { axis, formatNumber, useUplot, type Palette } from './useUplot.ts';
import './paradigm.css';

const HEIGHT_PX = 200;

export interface EcapTraceProps {
  timeMs: ArrayLike<number>;
  ecapUv: ArrayLike<number>;
  /** N1/P2 marks and amplitude (models/response ecapFeatures) */
  features?: EcapFeatures;
  amplitudeMa?: number;
  dcsfMm?: number;
  /** 'instant' or 'full' (DESIGN.md: every estimate shows its tier) */
  tier?: string;
  /** the volume conductor behind the lead fields, for the caption */
  conductor?: string;
  title?: string;
}

export function describeEcap(p: EcapTraceProps): string {
  const where =
    p.amplitudeMa !== undefined && p.dcsfMm !== undefined
      ? ` at ${formatNumber(p.amplitudeMa)} mA and dCSF ${formatNumber(p.dcsfMm)} mm`
      : '';
  const f = p.features;
  if (!f || f.amplitudeUv === 0) return `No ECAP${where}: no sampled fibre is activated.`;
  return (
    `ECAP${where}: N1 ${formatNumber(f.n1Uv)} µV at ${formatNumber(f.n1LatencyMs)} ms, ` +
    `P2 ${formatNumber(f.p2Uv)} µV at ${formatNumber(f.p2LatencyMs)} ms; ` +
    `N1–P2 amplitude ${formatNumber(f.amplitudeUv)} µV.`
  );
}

/** The ECAP waveform (µV against ms after pulse onset) on the recording contact (uPlot). */
export function EcapTrace(props: EcapTraceProps) {
  const { timeMs, ecapUv, features, tier, title = 'Evoked compound action potential' } = props;
  const titleId = useId();
  const aligned = useMemo<uPlot.AlignedData>(
    () => [Array.from(timeMs), Array.from(ecapUv)],
    [timeMs, ecapUv],
  );
  const description = describeEcap(props);
  const makeOptions = useCallback(
    (width: number, c: Palette): uPlot.Options => ({
      width,
      height: HEIGHT_PX,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false } },
      axes: [axis('Time after pulse onset (ms)', c), axis('ECAP (µV)', c)],
      series: [{}, { label: 'ECAP', stroke: c.accent, width: 1.5 }],
      hooks: {
        draw: [
          (u) => {
            if (!features || features.amplitudeUv === 0) return;
            const ctx = u.ctx;
            ctx.save();
            ctx.fillStyle = c.danger;
            for (const [t, v] of [
              [features.n1LatencyMs, features.n1Uv],
              [features.p2LatencyMs, features.p2Uv],
            ] as const) {
              const px = u.valToPos(t, 'x', true);
              const py = u.valToPos(v, 'y', true);
              ctx.beginPath();
              ctx.arc(px, py, 4 * devicePixelRatio, 0, 2 * Math.PI);
              ctx.fill();
            }
            ctx.restore();
          },
        ],
      },
    }),
    [features],
  );
  const ref = useUplot(makeOptions, aligned, 'ecap', HEIGHT_PX);
  return (
    <figure className="paradigm-figure" aria-labelledby={titleId}>
      <div className="paradigm-title" id={titleId}>
        {title}
        {tier ? ` (${tier} tier)` : ''}
      </div>
      <div className="paradigm-plot" ref={ref} role="img" aria-label={description} />
      <figcaption>
        {description} Fibre currents only (no stimulus artefact), two-half-space volume conductor;
        N1 and P2 marked.
      </figcaption>
    </figure>
  );
}

export default EcapTrace;
