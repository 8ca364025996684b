import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface Series {
  label: string;
  values: (number | null)[];
  colour: string;
  dash?: number[];
}

/** A small uPlot line chart over trial days (static size so it prints the same). */
export function DayChart({
  title,
  days,
  series,
  yLabel,
  yMax,
}: {
  title: string;
  days: number[];
  series: Series[];
  yLabel: string;
  yMax?: number;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el || days.length === 0) return;
    const plot = new uPlot(
      {
        width: 520,
        height: 220,
        title,
        legend: { live: false },
        scales: {
          x: { time: false },
          y: { range: (_u, min, max) => [Math.min(0, min), yMax ?? Math.max(max, 1)] },
        },
        axes: [{ label: 'Trial day' }, { label: yLabel }],
        series: [
          { label: 'Day' },
          ...series.map((s) => ({
            label: s.label,
            stroke: s.colour,
            width: 2,
            ...(s.dash ? { dash: s.dash } : {}),
            points: { show: true },
          })),
        ],
      },
      [days, ...series.map((s) => s.values)] as uPlot.AlignedData,
      el,
    );
    return () => plot.destroy();
  }, [title, days, series, yLabel, yMax]);
  const summary = series
    .map((s) => `${s.label}: ${s.values.map((v) => (v === null ? '—' : v)).join(', ')}`)
    .join('; ');
  return (
    <figure className="chart">
      <div ref={host} role="img" aria-label={`${title}. ${summary}`} />
    </figure>
  );
}
