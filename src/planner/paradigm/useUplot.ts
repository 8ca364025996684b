import { useEffect, useRef } from 'react';
import uPlot from 'uplot';

/** A CSS variable of the app palette (src/app/app.css), with a fallback outside the app. */
export function cssVar(el: Element | null, name: string, fallback: string): string {
  if (!el || typeof getComputedStyle !== 'function') return fallback;
  const v = getComputedStyle(el).getPropertyValue(name).trim();
  return v || fallback;
}

/** Palette read from the app's CSS variables (fallbacks: the values in src/app/app.css). */
export function palette(el: Element | null) {
  return {
    fg: cssVar(el, '--fg', '#14212b'),
    muted: cssVar(el, '--muted', '#4e5f6b'),
    accent: cssVar(el, '--accent', '#0b5d8c'),
    danger: cssVar(el, '--danger', '#a4161a'),
    warn: cssVar(el, '--warn', '#8a5a00'),
    ok: cssVar(el, '--ok', '#1d6b35'),
    border: cssVar(el, '--border', '#c5d0d8'),
  };
}
export type Palette = ReturnType<typeof palette>;

/**
 * Owns one uPlot in a container: created when `shapeKey` changes (series layout), fed new
 * data otherwise, resized with the container, destroyed on unmount.
 */
export function useUplot(
  makeOptions: (widthPx: number, colours: Palette) => uPlot.Options,
  data: uPlot.AlignedData,
  shapeKey: string,
  heightPx: number,
) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const dataRef = useRef(data);
  const optionsRef = useRef(makeOptions);

  useEffect(() => {
    dataRef.current = data;
    optionsRef.current = makeOptions;
    const u = plot.current;
    if (u && u.series.length === data.length) u.setData(data);
  }, [data, makeOptions]);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const width = Math.max(240, el.clientWidth);
    const u = new uPlot(optionsRef.current(width, palette(el)), dataRef.current, el);
    plot.current = u;
    const observer =
      typeof ResizeObserver === 'function'
        ? new ResizeObserver(() => {
            const w = Math.max(240, el.clientWidth);
            if (w !== u.width) u.setSize({ width: w, height: heightPx });
          })
        : null;
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [shapeKey, heightPx]);

  return container;
}

/** Axis options in the app palette. */
export function axis(label: string, c: Palette): uPlot.Axis {
  return {
    label,
    stroke: c.fg,
    grid: { stroke: c.border, width: 0.5 },
    ticks: { stroke: c.border },
  };
}

export function formatNumber(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return '—';
  return Number(v.toPrecision(digits)).toString();
}
