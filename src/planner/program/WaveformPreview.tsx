import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Program } from '../../../models/scenario.ts';
import { formatNumber } from '../../../models/stimulation/index.ts';
import { usePlanner } from '../store.ts';
import { previewSeries, type WaveformPreviewData } from './logic.ts';
import './program.css';

/** Series colours: dark enough for 3:1 against white (WCAG non-text contrast). */
const SERIES_COLOURS = ['#0b5d8c', '#a4161a', '#1d6b35', '#8a5a00', '#5b2a86', '#14212b'];
const PLOT_HEIGHT_PX = 200;

function plotOptions(data: WaveformPreviewData, widthPx: number): uPlot.Options {
  const stepped = uPlot.paths.stepped?.({ align: 1 });
  return {
    width: widthPx,
    height: PLOT_HEIGHT_PX,
    legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: false } },
    axes: [
      { label: 'Time (ms)', stroke: '#14212b', grid: { stroke: '#e3e9ee' } },
      { label: 'Current (mA)', stroke: '#14212b', grid: { stroke: '#e3e9ee' } },
    ],
    series: [
      {},
      ...data.series.map((s, i) => ({
        label: s.label,
        stroke: SERIES_COLOURS[i % SERIES_COLOURS.length],
        width: 1.5,
        ...(stepped ? { paths: stepped } : {}),
      })),
    ],
  };
}

function alignedData(data: WaveformPreviewData): uPlot.AlignedData {
  return [data.timeMs, ...data.series.map((s) => s.currentMa)];
}

/**
 * The program's current against time over two repetitions of its slowest unit, per contact
 * group (uPlot), with a text description for assistive technology. Reads the planner store
 * unless given a program.
 */
export function WaveformPreview({ program: given }: { program?: Program } = {}) {
  const stored = usePlanner((s) => s.scenario.program);
  const program = given ?? stored;
  const data = useMemo(() => previewSeries(program), [program]);
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const dataRef = useRef(data);
  const seriesCount = data.series.length;

  // new samples into the existing plot (declared first: the plot effect below reads the ref)
  useEffect(() => {
    dataRef.current = data;
    const u = plot.current;
    if (u && u.series.length === data.series.length + 1) u.setData(alignedData(data));
  }, [data]);

  // (re)create the plot when the number of series changes; destroy it on unmount
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const current = dataRef.current;
    const u = new uPlot(
      plotOptions(current, Math.max(200, el.clientWidth)),
      alignedData(current),
      el,
    );
    plot.current = u;
    const observer = new ResizeObserver(() => {
      const w = Math.max(200, el.clientWidth);
      if (w !== u.width) u.setSize({ width: w, height: PLOT_HEIGHT_PX });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [seriesCount]);

  return (
    <figure className="waveform-preview">
      <div className="wp-plot" ref={container} role="img" aria-label={data.description} />
      <figcaption>
        {data.description}
        {data.series.length > 1 ? (
          <span className="wp-legend">
            {data.series.map((s, i) => (
              <span key={s.label}>
                <span
                  className="wp-swatch"
                  aria-hidden="true"
                  style={{ background: SERIES_COLOURS[i % SERIES_COLOURS.length] }}
                />
                {s.label}
              </span>
            ))}
          </span>
        ) : null}
        <span className="pe-hint">
          {' '}
          Sampled every {formatNumber(data.dtUs)} µs; passive recharge drawn as a rectangle
          (illustrative).
        </span>
      </figcaption>
    </figure>
  );
}

export default WaveformPreview;
