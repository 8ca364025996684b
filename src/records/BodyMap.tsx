import { useId, useState, type KeyboardEvent } from 'react';
import { BODY_REGIONS, bodyRegionById, type BodyView } from '../../models/clinical/bodyRegions.ts';
import {
  BODY_VIEWBOX,
  REGION_SHAPES,
  SILHOUETTE_PATH,
  dermatomeColour,
  intensityColour,
} from './bodyOutline.ts';
import './bodyMap.css';

export interface MapRegion {
  regionId: string;
  intensityNrs: number;
}

interface Props {
  /** what the map records: pain with intensity, or paresthesia (coverage only) */
  mode: 'pain' | 'paresthesia';
  regions: readonly MapRegion[];
  /** pain regions drawn as outlines under a paresthesia map */
  painUnderlay?: readonly MapRegion[];
  onToggle?: (regionId: string, intensityNrs: number) => void;
  title: string;
  /** show the dermatome overlay from the start */
  dermatomes?: boolean;
  compact?: boolean;
  /**
   * A second layer over the map: the modelled paraesthesia per region (0..1, the share of its
   * dermatomes' Aβ fibres recruited; models/estimate/paraesthesia.ts), drawn as blue hatching
   * whose strength follows the share. Each layer can be hidden.
   */
  paraesthesia?: ReadonlyMap<string, number>;
}

type Shape = (typeof REGION_SHAPES)[number];

function shapeOf(s: Shape, props: Record<string, unknown>) {
  return s.kind === 'ellipse' ? (
    <ellipse
      cx={s.x + s.width / 2}
      cy={s.y + s.height / 2}
      rx={s.width / 2}
      ry={s.height / 2}
      {...props}
    />
  ) : (
    <rect x={s.x} y={s.y} width={s.width} height={s.height} rx={5} {...props} />
  );
}

/** A share (0..1) in percent, a small one not rounded away to 0. */
export const percentText = (share: number) =>
  share > 0 && share < 0.005 ? '<1 %' : `${Math.round(share * 100)} %`;

function rangeLabel(ids: readonly string[]): string {
  if (ids.length <= 1) return ids[0] ?? '';
  return `${ids[0]}–${ids[ids.length - 1]}`;
}

/** Front and back body outlines; each region is a toggle button (click, Enter or Space). */
export function BodyMap({
  mode,
  regions,
  painUnderlay,
  onToggle,
  title,
  dermatomes = false,
  compact = false,
  paraesthesia,
}: Props) {
  const uid = useId();
  const hatchId = `hatch-${uid.replace(/[^\w-]/g, '')}`;
  const [showDermatomes, setShowDermatomes] = useState(dermatomes);
  const [showPain, setShowPain] = useState(true);
  const [showParaesthesia, setShowParaesthesia] = useState(true);
  const layered = paraesthesia !== undefined;
  const [brush, setBrush] = useState(6);
  const byId = new Map(regions.map((r) => [r.regionId, r]));
  const pain = new Set((painUnderlay ?? []).map((r) => r.regionId));
  const interactive = onToggle !== undefined;

  const toggle = (id: string) => onToggle?.(id, brush);
  const onKey = (e: KeyboardEvent, id: string) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      toggle(id);
    }
  };

  const view = (v: BodyView) => (
    <figure className="body-view" key={v}>
      <svg
        viewBox={`0 0 ${BODY_VIEWBOX.width} ${BODY_VIEWBOX.height}`}
        role={interactive ? 'group' : 'img'}
        aria-label={`${title}: ${v} view`}
        className="body-svg"
      >
        {layered && (
          <defs>
            <pattern
              id={hatchId}
              width={6}
              height={6}
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width={6} height={6} fill="rgba(29, 95, 191, 0.35)" />
              <line x1={0} y1={0} x2={0} y2={6} stroke="#0b3d91" strokeWidth={3} />
            </pattern>
          </defs>
        )}
        <path d={SILHOUETTE_PATH} className="silhouette" />
        {REGION_SHAPES.filter((s) => s.view === v).map((s) => {
          const region = bodyRegionById(s.id);
          const selected = layered && !showPain ? undefined : byId.get(s.id);
          const modelled = paraesthesia?.get(s.id) ?? 0;
          const fill = selected
            ? mode === 'pain'
              ? intensityColour(selected.intensityNrs)
              : 'rgba(40, 110, 220, 0.55)'
            : showDermatomes && region
              ? dermatomeColour(region.dermatomes[0] ?? 'T')
              : 'transparent';
          const common = {
            className: `region${selected ? ' selected' : ''}${pain.has(s.id) ? ' pain-underlay' : ''}`,
            fill,
            fillOpacity: selected ? 1 : showDermatomes ? 0.22 : 0,
          };
          const label = `${region?.label ?? s.id} (${rangeLabel(region?.dermatomes ?? [])})${
            selected
              ? mode === 'pain'
                ? `, pain ${selected.intensityNrs}/10`
                : ', paresthesia'
              : ''
          }${layered && modelled > 0 ? `, modelled paraesthesia ${percentText(modelled)}` : ''}`;
          const shape = shapeOf(s, common);
          return (
            <g
              key={s.id}
              data-region={s.id}
              {...(layered && selected ? { 'data-layer': 'pain' } : {})}
              {...(interactive
                ? {
                    role: 'button',
                    tabIndex: 0,
                    'aria-pressed': selected ? true : false,
                    'aria-label': label,
                    onClick: () => toggle(s.id),
                    onKeyDown: (e: KeyboardEvent) => onKey(e, s.id),
                  }
                : {})}
            >
              {!interactive && <title>{label}</title>}
              {shape}
            </g>
          );
        })}
        {layered && showParaesthesia && (
          <g aria-hidden="true" className="paraesthesia-layer">
            {REGION_SHAPES.filter((s) => s.view === v).map((s) => {
              const share = paraesthesia.get(s.id) ?? 0;
              if (share <= 0) return null;
              return (
                <g key={s.id} data-layer="paraesthesia" data-region={s.id} data-share={share}>
                  {shapeOf(s, {
                    className: 'paraesthesia-region',
                    fill: `url(#${hatchId})`,
                    // a faint share still shows over a pain fill; a full one is solid hatching
                    fillOpacity: 0.5 + 0.5 * Math.min(1, share),
                  })}
                </g>
              );
            })}
          </g>
        )}
        {showDermatomes && !compact && (
          <g aria-hidden="true" className="derm-labels">
            {REGION_SHAPES.filter((s) => s.view === v).map((s) => (
              <text
                key={s.id}
                x={s.x + s.width / 2}
                y={s.y + s.height / 2 + 3}
                className="derm-label"
              >
                {rangeLabel(bodyRegionById(s.id)?.dermatomes ?? [])}
              </text>
            ))}
          </g>
        )}
      </svg>
      <figcaption>{v === 'front' ? 'Front' : 'Back'}</figcaption>
    </figure>
  );

  return (
    <div className={`body-map${compact ? ' compact' : ''}`}>
      {!compact && (
        <div className="body-map-tools no-print">
          {layered && (
            <>
              <label>
                <input
                  type="checkbox"
                  checked={showPain}
                  onChange={(e) => setShowPain(e.target.checked)}
                />{' '}
                <span className="swatch swatch-pain" aria-hidden="true" />
                Pain map
              </label>
              <label>
                <input
                  type="checkbox"
                  checked={showParaesthesia}
                  onChange={(e) => setShowParaesthesia(e.target.checked)}
                />{' '}
                <span className="swatch swatch-paraesthesia" aria-hidden="true" />
                Modelled paraesthesia
              </label>
            </>
          )}
          <label>
            <input
              type="checkbox"
              checked={showDermatomes}
              onChange={(e) => setShowDermatomes(e.target.checked)}
            />{' '}
            Dermatome overlay
          </label>
          {interactive && mode === 'pain' && (
            <label htmlFor={`${uid}-brush`}>
              Intensity for new regions (NRS 0–10){' '}
              <input
                id={`${uid}-brush`}
                type="number"
                min={0}
                max={10}
                value={brush}
                onChange={(e) =>
                  setBrush(Math.max(0, Math.min(10, Math.round(Number(e.target.value) || 0))))
                }
              />
            </label>
          )}
        </div>
      )}
      <div className="body-views">{(['front', 'back'] as const).map(view)}</div>
      {!compact && showDermatomes && (
        <p className="legend muted">
          Overlay colours:{' '}
          {(['C', 'T', 'L', 'S'] as const).map((root) => (
            <span key={root} className="legend-item">
              <span
                className="swatch"
                aria-hidden="true"
                style={{ background: dermatomeColour(root) }}
              />
              {{ C: 'cervical', T: 'thoracic', L: 'lumbar', S: 'sacral' }[root]}{' '}
            </span>
          ))}
          — region-level simplification of ISNCSCI key points (anatomy.md §3.1), not a dermatome
          atlas.
        </p>
      )}
    </div>
  );
}

export const REGION_COUNT = BODY_REGIONS.length;
