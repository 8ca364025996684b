import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  stroke: string;
  /** draw markers only (measured points) */
  pointsOnly?: boolean;
  dash?: number[];
  width?: number;
}

export interface ChartProps {
  /** accessible name: what the chart shows */
  title: string;
  /** a sentence describing the current data, read by screen readers */
  description: string;
  xLabel: string;
  yLabel: string;
  series: readonly ChartSeries[];
  /** [x, y1, y2, …]; null marks a gap */
  data: readonly (readonly (number | null)[])[];
  height?: number;
  xLog?: boolean;
  yLog?: boolean;
  /** fixed ranges, else auto */
  yRange?: [number, number];
  xRange?: [number, number];
}

/** A uPlot line chart that follows its container's width and takes new data in place. */
export function Chart(props: ChartProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const { series, xLabel, yLabel, xLog, yLog, yRange, xRange, height = 260 } = props;
  const configKey = JSON.stringify({ series, xLabel, yLabel, xLog, yLog, yRange, xRange, height });

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const opts: uPlot.Options = {
      width: Math.max(240, host.clientWidth),
      height,
      scales: {
        x: { time: false, distr: xLog ? 3 : 1, ...(xRange ? { range: xRange } : {}) },
        y: { distr: yLog ? 3 : 1, ...(yRange ? { range: yRange } : {}) },
      },
      axes: [
        { label: xLabel, stroke: '#14212b', grid: { stroke: '#e3e8ec' } },
        { label: yLabel, stroke: '#14212b', grid: { stroke: '#e3e8ec' }, size: 60 },
      ],
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      series: [
        { label: xLabel },
        ...series.map((s) => ({
          label: s.label,
          stroke: s.stroke,
          width: s.width ?? 2,
          ...(s.dash ? { dash: s.dash } : {}),
          ...(s.pointsOnly
            ? { paths: () => null, points: { show: true, size: 8, fill: s.stroke } }
            : { points: { show: false } }),
          spanGaps: false,
        })),
      ],
    };
    const plot = new uPlot(opts, props.data as uPlot.AlignedData, host);
    plotRef.current = plot;
    const ro = new ResizeObserver(() => {
      plot.setSize({ width: Math.max(240, host.clientWidth), height });
    });
    ro.observe(host);
    return () => {
      ro.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
    // recreated only when the configuration changes; data flows in through setData below
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [configKey]);

  useEffect(() => {
    plotRef.current?.setData(props.data as uPlot.AlignedData);
  }, [props.data]);

  return (
    <figure className="chart">
      <div ref={hostRef} role="img" aria-label={`${props.title}. ${props.description}`} />
      <figcaption>{props.title}</figcaption>
    </figure>
  );
}
