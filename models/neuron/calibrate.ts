/**
 * Calibration of the instant tier against the full model: K = threshold × peak drive for point
 * sources at several distances (σ 0.2 S/m), each with its field spread ρ. Fibres are ≥ 20×
 * (cathodic) or 40× (anodic) the electrode distance long, as in issue 3's NEURON comparison.
 * The MRG table (instantCalibration.json) comes from `calibrateProfile` through
 * scripts/calibrate.ts (`npm run calibrate`). The distances reach 0.1 mm, where near-electrode
 * long pulses open windows above the lowest firing band (threshold.ts).
 */
import { buildFiber } from './build.ts';
import { pointSourceField } from './extracellular.ts';
import type { FiberModelName } from './fiber.ts';
import { fieldSpread, peakDrive, type DriveKind } from './instant.ts';
import { findThreshold } from './threshold.ts';
import type { WaveformSpec } from './waveform.ts';

function waveformFor(kind: DriveKind, pulseWidthUs: number): WaveformSpec {
  if (kind === 'anodic') return { kind: 'mono-anodic', pulseWidthUs };
  if (kind === 'biphasic') return { kind: 'biphasic-cathodic-first', pulseWidthUs };
  return { kind: 'mono-cathodic', pulseWidthUs };
}

/** Source distances of the distance-resolved calibration (mm), down to the
 * near-electrode regime of DRG and PNS leads. */
export const CALIBRATION_DISTANCES_MM = [0.1, 0.25, 0.5, 1, 2, 4];
const MAX_CALIBRATION_NODES = 401; // our cap: longer fibres change nothing measurable

/** Where the calibration source sits along the fibre: over a node or over the middle of an
 * internode (the two ends of the node-position feature, instant.ts `peakDrive`). */
export type CalibrationPosition = 'node' | 'internode';

/**
 * K at each calibration distance together with the field-shape features of that placement: the
 * spread ρ (instant.ts `fieldSpread`) and the node symmetry s (`peakDrive`), so the instant
 * tier can pick K by the shape of any field.
 */
export function calibrateProfile(
  model: FiberModelName,
  diameterUm: number,
  pulseWidthUs: number,
  kind: DriveKind,
  over: CalibrationPosition = 'node',
): Array<{ rho: number; k: number; sym: number }> {
  return CALIBRATION_DISTANCES_MM.map((distanceMm) => {
    const probe = buildFiber(model, diameterUm, { nodeCount: 3 });
    const lengthUm = (kind === 'anodic' ? 40 : 20) * distanceMm * 1000;
    let nodeCount = Math.min(
      MAX_CALIBRATION_NODES,
      Math.max(21, Math.ceil(lengthUm / probe.internodeLengthUm) + 1),
    );
    if (nodeCount % 2 === 0) nodeCount++;
    const fiber = buildFiber(model, diameterUm, { nodeCount, passiveEndNodes: 1 });
    const ve = pointSourceField(fiber, { distanceMm, sigmaSPerM: 0.2, over });
    const th = findThreshold(fiber, ve, waveformFor(kind, pulseWidthUs), {
      dtUs: Math.min(5, pulseWidthUs / 10),
      dtAfterStimUs: 5,
    }).thresholdMa;
    const nodeVe = Float64Array.from(fiber.nodeCompartments, (k) => ve[k] as number);
    const sign = kind === 'anodic' ? 1 : -1;
    const { drive, symmetry } = peakDrive(nodeVe, sign);
    const cathodicDrive = peakDrive(nodeVe, -1).drive;
    return {
      rho: fieldSpread(nodeVe, cathodicDrive),
      k: th * drive,
      sym: symmetry,
    };
  });
}
