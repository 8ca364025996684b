/**
 * The instant tier's MRG calibration (discrete geometry): its axes, and the table itself as data
 * (instantCalibration.json), written by `npm run calibrate` (scripts/calibrate.ts) with
 * calibrate.ts `calibrateProfile`. For each waveform kind, diameter and pulse width the table
 * holds pairs [ρ, K] at the point-source distances of `distancesMm` over a node (σ 0.2 S/m;
 * fibres 20×, anodic 40×, the distance long, at most 401 nodes), where K = full-model threshold
 * (mA, the lowest firing amplitude) × peak drive (mV/mA) and ρ the field spread (instant.ts).
 */
import data from './instantCalibration.json' with { type: 'json' };
import type { DriveKind } from './instant.ts';

/** Fibre diameters (µm): the McIntyre 2002 table (5.7–16 µm) and 2 µm for thin fibres. */
export const MRG_CALIBRATION_D_UM = [2, 5.7, 7.3, 8.7, 10, 11.5, 12.8, 14, 15, 16];
/** Pulse widths (µs): the programmable range of SCS, DRG and PNS generators, 12–2000 µs
 * (clinical.md §3.2), and 5 ms for long-pulse studies. */
export const MRG_CALIBRATION_PW_US = [20, 50, 100, 210, 500, 1000, 2000, 5000];
export const MRG_CALIBRATION_KINDS: readonly DriveKind[] = ['cathodic', 'anodic', 'biphasic'];

export type CalibrationProfile = ReadonlyArray<readonly [number, number]>;

export interface InstantCalibrationTable {
  model: 'mrg';
  generatedBy: string;
  sigmaSPerM: number;
  distancesMm: number[];
  diameterUm: number[];
  pulseWidthUs: number[];
  /** [kind][diameter index][pulse-width index] → [ρ, K] per distance, sorted by ρ */
  profiles: Record<DriveKind, Array<Array<Array<[number, number]>>>>;
}

export const MRG_INSTANT_TABLE = data as InstantCalibrationTable;
