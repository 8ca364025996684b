import { useCallback, useId, useMemo } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ClosedLoopResult } from '../../../models/response/closedLoop.ts';
import { axis, formatNumber, useUplot, type Palette } from './useUplot.ts';
import './paradigm.css';

const HEIGHT_PX = 180;

export type ClosedLoopPlotData = Pick<
  ClosedLoopResult,
  'timeS' | 'dcsfMm' | 'openLoop' | 'closedLoop' | 'setup' | 'tier'
>;

export interface ClosedLoopPlotProps {
  result: ClosedLoopPlotData;
  title?: string;
}

const pct = (x: number) => `${formatNumber(100 * x, 3)} %`;

export function describeClosedLoop(r: ClosedLoopPlotData): string {
  const s = r.setup;
  return (
    `Over ${formatNumber(s.durationS)} s with a target of ${formatNumber(s.targetEcapUv)} µV ` +
    `(window ${formatNumber(s.windowUv.lowUv)}–${formatNumber(s.windowUv.highUv)} µV): ` +
    `closed loop in the window ${pct(r.closedLoop.timeInWindow)} of the time, ` +
    `open loop ${pct(r.openLoop.timeInWindow)}; mean deviation ` +
    `${formatNumber(r.closedLoop.meanAbsErrorUv)} µV closed vs ${formatNumber(r.openLoop.meanAbsErrorUv)} µV open.`
  );
}

/**
 * Open vs closed loop over the timeline: ECAP (µV) with the target and the therapeutic window
 * band, and the delivered amplitude (mA) with dCSF (mm) — two uPlot charts sharing time.
 */
export function ClosedLoopPlot({
  result,
  title = 'Closed-loop ECAP control',
}: ClosedLoopPlotProps) {
  const titleId = useId();
  const description = useMemo(() => describeClosedLoop(result), [result]);
  const ecapData = useMemo<uPlot.AlignedData>(
    () => [result.timeS, result.openLoop.ecapUv, result.closedLoop.ecapUv],
    [result],
  );
  const ampData = useMemo<uPlot.AlignedData>(
    () => [result.timeS, result.openLoop.amplitudeMa, result.closedLoop.amplitudeMa, result.dcsfMm],
    [result],
  );
  const { lowUv, highUv } = result.setup.windowUv;
  const target = result.setup.targetEcapUv;
  const ecapOptions = useCallback(
    (width: number, c: Palette): uPlot.Options => ({
      width,
      height: HEIGHT_PX,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false } },
      axes: [axis('Time (s)', c), axis('ECAP (µV)', c)],
      series: [
        {},
        { label: 'open loop', stroke: c.danger, width: 1.25, dash: [6, 4] },
        { label: 'closed loop', stroke: c.accent, width: 1.5 },
      ],
      hooks: {
        drawAxes: [
          (u) => {
            // therapeutic window band and target line under the series
            const ctx = u.ctx;
            const { left, width: w } = u.bbox;
            const yHi = u.valToPos(highUv, 'y', true);
            const yLo = u.valToPos(lowUv, 'y', true);
            const yT = u.valToPos(target, 'y', true);
            ctx.save();
            ctx.globalAlpha = 0.15;
            ctx.fillStyle = c.ok;
            ctx.fillRect(left, Math.min(yHi, yLo), w, Math.abs(yLo - yHi));
            ctx.globalAlpha = 1;
            ctx.strokeStyle = c.ok;
            ctx.setLineDash([2, 3]);
            ctx.beginPath();
            ctx.moveTo(left, yT);
            ctx.lineTo(left + w, yT);
            ctx.stroke();
            ctx.restore();
          },
        ],
      },
    }),
    [lowUv, highUv, target],
  );
  const ampOptions = useCallback(
    (width: number, c: Palette): uPlot.Options => ({
      width,
      height: HEIGHT_PX,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false }, mm: {} },
      axes: [
        axis('Time (s)', c),
        axis('Amplitude (mA)', c),
        { ...axis('dCSF (mm)', c), scale: 'mm', side: 1, grid: { show: false } },
      ],
      series: [
        {},
        { label: 'open loop', stroke: c.danger, width: 1.25, dash: [6, 4] },
        { label: 'closed loop', stroke: c.accent, width: 1.5 },
        { label: 'dCSF', stroke: c.muted, width: 1, scale: 'mm' },
      ],
    }),
    [],
  );
  const ecapRef = useUplot(ecapOptions, ecapData, 'cl-ecap', HEIGHT_PX);
  const ampRef = useUplot(ampOptions, ampData, 'cl-amp', HEIGHT_PX);
  return (
    <figure className="paradigm-figure" aria-labelledby={titleId}>
      <div className="paradigm-title" id={titleId}>
        {title} ({result.tier} tier)
      </div>
      <dl className="paradigm-stats">
        <div>
          <dt>Time in window, closed loop</dt>
          <dd>{pct(result.closedLoop.timeInWindow)}</dd>
        </div>
        <div>
          <dt>Time in window, open loop</dt>
          <dd>{pct(result.openLoop.timeInWindow)}</dd>
        </div>
        <div>
          <dt>Mean deviation from target (closed / open)</dt>
          <dd>
            {formatNumber(result.closedLoop.meanAbsErrorUv)} /{' '}
            {formatNumber(result.openLoop.meanAbsErrorUv)} µV
          </dd>
        </div>
      </dl>
      <div className="paradigm-legend" aria-hidden="true">
        <span>
          <span className="paradigm-swatch" style={{ background: 'var(--accent)' }} />
          closed loop
        </span>
        <span>
          <span className="paradigm-swatch" style={{ background: 'var(--danger)' }} />
          open loop (dashed)
        </span>
        <span>
          <span className="paradigm-swatch" style={{ background: 'var(--ok)', opacity: 0.4 }} />
          therapeutic window
        </span>
        <span>
          <span className="paradigm-swatch" style={{ background: 'var(--muted)' }} />
          dCSF
        </span>
      </div>
      <div
        className="paradigm-plot"
        ref={ecapRef}
        role="img"
        aria-label={`ECAP against time, open and closed loop. ${description}`}
      />
      <div
        className="paradigm-plot"
        ref={ampRef}
        role="img"
        aria-label="Stimulation amplitude against time, open and closed loop, with the dorsal CSF thickness (posture and cough)."
      />
      <figcaption>
        {description} Posture sets dCSF; a cough is a brief dip. The ECAP comes from a precomputed
        surface ({result.tier} tier).
      </figcaption>
    </figure>
  );
}

export default ClosedLoopPlot;
