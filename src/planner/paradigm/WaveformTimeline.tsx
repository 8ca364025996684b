import { useCallback, useId, useMemo } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { WaveformTimelineData } from '../../../models/response/paradigm.ts';
import { axis, formatNumber, useUplot, type Palette } from './useUplot.ts';
import './paradigm.css';

const HEIGHT_PX = 180;

export interface WaveformTimelineProps {
  /** from models/response `waveformTimeline(program, windowMs, dtUs)` */
  data: WaveformTimelineData;
  title?: string;
}

function groupColour(c: Palette, i: number): string {
  return [c.accent, c.danger, c.ok, c.warn, c.muted, c.fg][i % 6] as string;
}

/** Summary for assistive technology: groups, window, peak current. */
export function describeTimeline(data: WaveformTimelineData): string {
  const windowMs = data.timeMs.length > 0 ? (data.timeMs[data.timeMs.length - 1] as number) : 0;
  const parts = data.groups.map((g) => {
    let peak = 0;
    let pulses = 0;
    for (let i = 0; i < g.currentMa.length; i++) {
      const v = g.currentMa[i] as number;
      peak = Math.max(peak, Math.abs(v));
      if (v < 0 && !((g.currentMa[i - 1] ?? 0) < 0)) pulses++;
    }
    return `${g.label || 'group'}: ${pulses} cathodic phases, peak ${formatNumber(peak)} mA`;
  });
  return `Stimulation current at the cathodes over ${formatNumber(windowMs)} ms. ${parts.join('; ')}.`;
}

/** The pulse train over a window, one series per contact group (uPlot, stepped). */
export function WaveformTimeline({ data, title = 'Pulse train' }: WaveformTimelineProps) {
  const titleId = useId();
  const aligned = useMemo<uPlot.AlignedData>(
    () => [data.timeMs, ...data.groups.map((g) => g.currentMa)],
    [data],
  );
  const description = useMemo(() => describeTimeline(data), [data]);
  const makeOptions = useCallback(
    (width: number, c: Palette): uPlot.Options => {
      const stepped = uPlot.paths.stepped?.({ align: 1 });
      return {
        width,
        height: HEIGHT_PX,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false } },
        axes: [axis('Time (ms)', c), axis('Current (mA)', c)],
        series: [
          {},
          ...data.groups.map((g, i) => ({
            label: g.label,
            stroke: groupColour(c, i),
            width: 1.25,
            ...(stepped ? { paths: stepped } : {}),
          })),
        ],
      };
    },
    [data.groups],
  );
  const ref = useUplot(makeOptions, aligned, `wt-${data.groups.length}`, HEIGHT_PX);
  return (
    <figure className="paradigm-figure" aria-labelledby={titleId}>
      <div className="paradigm-title" id={titleId}>
        {title}
      </div>
      <div className="paradigm-plot" ref={ref} role="img" aria-label={description} />
      <figcaption>
        {description} Cathodic phases are negative; passive recharge is drawn as a rectangle
        (illustrative).
      </figcaption>
    </figure>
  );
}

export default WaveformTimeline;
