/**
 * Shared setup of the lessons: the homogeneous medium, the fibre model and helpers that build
 * worker jobs. All lessons use straight MRG fibres (interpolated, 2–16 µm) in one medium so the
 * numbers are comparable from lesson to lesson.
 */
import type { ThresholdJob } from '../../../workers/learn.tasks.ts';
import type { PointSourceMa, StraightFibre } from '../engine/fieldLine.ts';

export type { ThresholdJob };

/** Homogeneous σ (S/m): PyFibers' default medium (models.md §1.1); the lessons' simplification. */
export const LESSON_SIGMA_S_PER_M = 0.2;
/** Depth of the dorsal-column fibres under the cord surface: Feirabend 2002 (models.md §4). */
export const DC_DEPTH_MM = 0.25;
/** Percutaneous lead radius: 1.3 mm body (leads.md §1, nominal). */
export const LEAD_RADIUS_MM = 0.65;
/** Tonic pulse width: Boston WaveWriter default 210 µs (clinical.md §3.1). */
export const TONIC_PW_US = 210;

export interface ThresholdsResult {
  thresholdsMa: (number | null)[];
}

export function job(
  diameterUm: number,
  sources: PointSourceMa[],
  fibre: StraightFibre,
  waveform: ThresholdJob['waveform'],
  nodeCount = 21,
): ThresholdJob {
  return {
    diameterUm,
    nodeCount,
    sigmaSPerM: LESSON_SIGMA_S_PER_M,
    sources,
    fibre,
    waveform,
    dtUs: 5,
  };
}

export const cathodic = (pulseWidthUs: number): ThresholdJob['waveform'] => ({
  kind: 'mono-cathodic',
  pulseWidthUs,
});

export function fmtMa(v: number | null | undefined, digits = 2): string {
  if (v === undefined) return '–';
  if (v === null) return '> 100 mA';
  return `${v.toFixed(digits)} mA`;
}

/** Partial results streamed by learn.thresholds, as an array. */
export function partialThresholds(partial: unknown): (number | null)[] {
  return Array.isArray(partial) ? (partial as (number | null)[]) : [];
}
