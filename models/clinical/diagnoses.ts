/**
 * The coded indication list for `Condition.code` and the diagnosis picker: clinical.md §1.2.
 * Codes are ICD-10-CM (FY2025 tabular list). Limb diagnoses whose category is subdivided by
 * laterality (CRPS I G90.51-/G90.52-, causalgia G56.4-/G57.7-) are never exported as the
 * non-billable parent: the 6th character comes from the recorded laterality (unspecified when
 * none is recorded, which the UI flags). G54.7 is phantom limb syndrome *without* pain, so it
 * is not used for any pain diagnosis.
 */
import type { LATERALITIES } from './caseSchema.ts';

type Laterality = (typeof LATERALITIES)[number];

export interface DiagnosisDefinition {
  id: string;
  label: string;
  /** the billable code, or the category when `icd10ByLaterality` applies */
  icd10: string;
  /** billable codes by laterality (ICD-10-CM 6th/5th character) */
  icd10ByLaterality?: Readonly<Record<Laterality, string>>;
  /** modalities with evidence or labelling (clinical.md §1.2 column 2) */
  modalities: readonly ('SCS' | 'DRG' | 'PNS')[];
  /** outside the supported list (nociceptive, central): WARN (clinical.md §1.5 primary_dx) */
  weakIndication?: boolean;
  /** pain of ischaemic origin (NICE TA159 §1.2) */
  ischaemic?: boolean;
  source: string;
}

const byLat = (right: string, left: string, bilateral: string, unspecified: string) => ({
  right,
  left,
  bilateral,
  unspecified,
});

export const DIAGNOSES: readonly DiagnosisDefinition[] = [
  { id: 'psps', label: 'PSPS / FBSS (post-laminectomy syndrome)', icd10: 'M96.1', modalities: ['SCS'], source: 'NACC 2014; NICE TA159 §4' },
  // ICD-10-CM G90.52-: CRPS I of lower limb, 6th character 1 right, 2 left, 3 bilateral, 9 unspecified.
  { id: 'crps1-lower', label: 'CRPS I, lower limb', icd10: 'G90.52', icd10ByLaterality: byLat('G90.521', 'G90.522', 'G90.523', 'G90.529'), modalities: ['SCS', 'DRG'], source: 'NACC 2014; Axium SSED P150004' },
  // ICD-10-CM G90.51-: CRPS I of upper limb.
  { id: 'crps1-upper', label: 'CRPS I, upper limb', icd10: 'G90.51', icd10ByLaterality: byLat('G90.511', 'G90.512', 'G90.513', 'G90.519'), modalities: ['SCS'], source: 'NACC 2014' },
  // ICD-10-CM G56.4-: causalgia of upper limb, 5th character 1 right, 2 left, 3 bilateral, 0 unspecified.
  { id: 'crps2-upper', label: 'CRPS II / causalgia, upper limb', icd10: 'G56.4', icd10ByLaterality: byLat('G56.41', 'G56.42', 'G56.43', 'G56.40'), modalities: ['SCS', 'DRG', 'PNS'], source: 'Axium SSED; PMC6733040' },
  // ICD-10-CM G57.7-: causalgia of lower limb.
  { id: 'crps2-lower', label: 'CRPS II / causalgia, lower limb', icd10: 'G57.7', icd10ByLaterality: byLat('G57.71', 'G57.72', 'G57.73', 'G57.70'), modalities: ['SCS', 'DRG', 'PNS'], source: 'Axium SSED; PMC6733040' },
  { id: 'pdn-t2', label: 'Painful diabetic neuropathy (type 2)', icd10: 'E11.42', modalities: ['SCS'], source: 'SENZA-PDN (Trials 2019)' },
  { id: 'pdn-t1', label: 'Painful diabetic neuropathy (type 1)', icd10: 'E10.42', modalities: ['SCS'], source: 'SENZA-PDN (Trials 2019)' },
  { id: 'phn', label: 'Post-herpetic neuralgia', icd10: 'B02.29', modalities: ['SCS', 'DRG'], source: 'BCBS-type policy; NACC 2014' },
  { id: 'nerve-injury', label: 'Peripheral nerve injury / entrapment', icd10: 'G58.9', modalities: ['PNS', 'DRG'], source: 'SPRINT, StimRouter labelling; ASPN 2022' },
  { id: 'cpsp', label: 'Chronic post-surgical pain (groin, knee, thoracotomy)', icd10: 'G89.28', modalities: ['DRG', 'PNS'], source: 'PMC6733040' },
  // ICD-10-CM G54.6 phantom limb syndrome with pain (G54.7 is "without pain").
  { id: 'phantom', label: 'Phantom limb pain', icd10: 'G54.6', modalities: ['PNS', 'SCS'], source: 'Rauck 2014; Cohen 2019' },
  // ICD-10-CM T87.89 other complications of amputation stump (residual-limb pain without neuroma; a stump neuroma is T87.3-).
  // Checked 2026-12: T87.89 is billable in FY2026, Excludes2 phantom limb syndrome G54.6–G54.7 (https://icd10codingpro.com/codes/T87.89; https://payerready.com/codes/icd10/T87-89). It is a diagnosis, not an SCS complication: complications of the implanted stimulator are T85.1- (mechanical), T85.7- (infection) and T85.8- (other), not used here.
  { id: 'residual-limb', label: 'Residual limb (stump) pain', icd10: 'T87.89', modalities: ['PNS', 'SCS'], source: 'Rauck 2014; Cohen 2019' },
  { id: 'axial-lbp', label: 'Axial chronic low back pain (no surgery)', icd10: 'M54.50', modalities: ['PNS'], source: 'Gilmore 2020; Gilmore 2021' },
  { id: 'radiculopathy-lumbar', label: 'Radiculopathy, lumbar', icd10: 'M54.16', modalities: ['SCS'], source: 'BCBS ND policy' },
  { id: 'radiculopathy-lumbosacral', label: 'Radiculopathy, lumbosacral', icd10: 'M54.17', modalities: ['SCS'], source: 'BCBS ND policy' },
  // ICD-10-CM I70.229 atherosclerosis of native arteries of extremities with rest pain, unspecified extremity.
  { id: 'ischaemic-limb', label: 'Ischaemic limb pain (critical limb ischaemia)', icd10: 'I70.229', modalities: [], ischaemic: true, source: 'NICE TA159 §1.2 (not recommended outside research)' },
  // ICD-10-CM I20.8 other forms of angina pectoris (refractory angina).
  { id: 'refractory-angina', label: 'Refractory angina', icd10: 'I20.8', modalities: [], ischaemic: true, source: 'NICE TA159 §1.2 (not recommended outside research)' },
  { id: 'other-nociceptive', label: 'Nociceptive pain (excluded or weak indication)', icd10: 'R52', modalities: [], weakIndication: true, source: 'BCBS ND policy' },
  { id: 'other-central', label: 'Central / deafferentation pain (excluded or weak)', icd10: 'G89.0', modalities: [], weakIndication: true, source: 'BCBS ND policy' },
] as const; // prettier-ignore

export const DIAGNOSIS_IDS = DIAGNOSES.map((d) => d.id) as [string, ...string[]];

export function diagnosisById(id: string): DiagnosisDefinition | undefined {
  return DIAGNOSES.find((d) => d.id === id);
}

/** Whether the diagnosis needs a laterality for a billable ICD-10-CM code. */
export function needsLaterality(id: string): boolean {
  return diagnosisById(id)?.icd10ByLaterality !== undefined;
}

/**
 * The billable ICD-10-CM code of a recorded diagnosis: with laterality where the category is
 * subdivided (unspecified when laterality is not recorded).
 */
export function icd10Of(d: { id: string; laterality?: Laterality | null }): string {
  const def = diagnosisById(d.id);
  if (!def) return d.id;
  return def.icd10ByLaterality ? def.icd10ByLaterality[d.laterality ?? 'unspecified'] : def.icd10;
}

/** ICD-10-CM system URI for FHIR codings. */
export const ICD10CM_SYSTEM = 'http://hl7.org/fhir/sid/icd-10-cm';
