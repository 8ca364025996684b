import { useId, useMemo } from 'react';
import { formatNumber } from './useUplot.ts';
import './paradigm.css';

export interface RasterFiber {
  id: string;
  diameterUm: number;
  /** spike times (ms) at the detection node */
  spikesMs: readonly number[];
  /** e.g. 'follows', 'onset-only' (models/response summariseSpikes) */
  pattern?: string;
}

export interface FiringRasterProps {
  fibers: readonly RasterFiber[];
  windowMs: number;
  /** stimulating pulse onsets (ms), drawn as ticks above the raster */
  pulseStartsMs?: readonly number[];
  title?: string;
}

const ROW_PX = 12;
const LEFT_PX = 64;
const TOP_PX = 14;
const WIDTH_PX = 640;
const BOTTOM_PX = 22;
const PLOT_W_PX = WIDTH_PX - LEFT_PX - 8;

function xOf(tMs: number, windowMs: number): number {
  return LEFT_PX + (PLOT_W_PX * tMs) / windowMs;
}

/** Summary for assistive technology. */
export function describeRaster(fibers: readonly RasterFiber[], windowMs: number): string {
  const firing = fibers.filter((f) => f.spikesMs.length > 0);
  const total = fibers.reduce((s, f) => s + f.spikesMs.length, 0);
  return (
    `${fibers.length} fibres over ${formatNumber(windowMs)} ms: ${firing.length} fired, ` +
    `${total} spikes in all` +
    (fibers.length > 0
      ? `; mean rate ${formatNumber((1000 * total) / (fibers.length * windowMs))} Hz per fibre.`
      : '.')
  );
}

/** Spike raster of fibres under the train (SVG): one row per fibre, sorted as given. */
export function FiringRaster({
  fibers,
  windowMs,
  pulseStartsMs = [],
  title = 'Fibre firing',
}: FiringRasterProps) {
  const titleId = useId();
  const description = useMemo(() => describeRaster(fibers, windowMs), [fibers, windowMs]);
  const plotW = PLOT_W_PX;
  const height = TOP_PX + fibers.length * ROW_PX + BOTTOM_PX;
  const x = (tMs: number) => xOf(tMs, windowMs);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * windowMs);
  // at most one pulse marker per pixel column (kHz trains would draw thousands)
  const pulseMarks = useMemo(() => {
    const seen = new Set<number>();
    const out: number[] = [];
    for (const t of pulseStartsMs) {
      const px = Math.round(xOf(t, windowMs));
      if (!seen.has(px)) {
        seen.add(px);
        out.push(px);
      }
    }
    return out;
  }, [pulseStartsMs, windowMs]);
  return (
    <figure className="paradigm-figure" aria-labelledby={titleId}>
      <div className="paradigm-title" id={titleId}>
        {title}
      </div>
      <svg
        className="paradigm-raster"
        viewBox={`0 0 ${WIDTH_PX} ${height}`}
        role="img"
        aria-label={description}
      >
        {pulseMarks.map((px) => (
          <line key={px} x1={px} x2={px} y1={2} y2={TOP_PX - 4} stroke="var(--muted)" />
        ))}
        {fibers.map((f, row) => {
          const y = TOP_PX + row * ROW_PX;
          return (
            <g key={f.id}>
              <text x={LEFT_PX - 4} y={y + ROW_PX - 3} textAnchor="end">
                {formatNumber(f.diameterUm, 3)} µm
              </text>
              <line
                x1={LEFT_PX}
                x2={LEFT_PX + plotW}
                y1={y + ROW_PX / 2}
                y2={y + ROW_PX / 2}
                stroke="var(--border)"
                strokeWidth={0.5}
              />
              {f.spikesMs.map((t, k) => (
                <line
                  key={k}
                  x1={x(t)}
                  x2={x(t)}
                  y1={y + 1}
                  y2={y + ROW_PX - 1}
                  stroke="var(--accent)"
                  strokeWidth={1.5}
                />
              ))}
            </g>
          );
        })}
        {ticks.map((t) => (
          <text key={t} x={x(t)} y={height - 6} textAnchor="middle">
            {formatNumber(t)}
          </text>
        ))}
        <text x={LEFT_PX + plotW} y={height - 6} textAnchor="end" dy={-10}>
          time (ms)
        </text>
      </svg>
      <figcaption>
        {description} Ticks above the raster mark stimulating pulses; spikes are upward crossings of
        −30 mV at the node 90 % along each fibre.
      </figcaption>
    </figure>
  );
}

export default FiringRaster;
