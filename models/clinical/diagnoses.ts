/**
 * The coded indication list for `Condition.code` and the diagnosis picker: clinical.md §1.2.
 * ICD-10-CM codes are marked ⚠ UNVERIFIED there (from memory); they are shown as such.
 */

export interface DiagnosisDefinition {
  id: string;
  label: string;
  icd10: string;
  /** modalities with evidence or labelling (clinical.md §1.2 column 2) */
  modalities: readonly ('SCS' | 'DRG' | 'PNS')[];
  /** outside the supported list (nociceptive, central): WARN (clinical.md §1.5 primary_dx) */
  weakIndication?: boolean;
  source: string;
}

export const DIAGNOSES: readonly DiagnosisDefinition[] = [
  { id: 'psps', label: 'PSPS / FBSS (post-laminectomy syndrome)', icd10: 'M96.1', modalities: ['SCS'], source: 'NACC 2014; NICE TA159 §4' },
  { id: 'crps1-lower', label: 'CRPS I, lower limb', icd10: 'G90.52', modalities: ['SCS', 'DRG'], source: 'NACC 2014; Axium SSED P150004' },
  { id: 'crps1-upper', label: 'CRPS I, upper limb', icd10: 'G90.51', modalities: ['SCS'], source: 'NACC 2014' },
  { id: 'crps2-upper', label: 'CRPS II / causalgia, upper limb', icd10: 'G56.4', modalities: ['SCS', 'DRG', 'PNS'], source: 'Axium SSED; PMC6733040' },
  { id: 'crps2-lower', label: 'CRPS II / causalgia, lower limb', icd10: 'G57.7', modalities: ['SCS', 'DRG', 'PNS'], source: 'Axium SSED; PMC6733040' },
  { id: 'pdn-t2', label: 'Painful diabetic neuropathy (type 2)', icd10: 'E11.42', modalities: ['SCS'], source: 'SENZA-PDN (Trials 2019)' },
  { id: 'pdn-t1', label: 'Painful diabetic neuropathy (type 1)', icd10: 'E10.42', modalities: ['SCS'], source: 'SENZA-PDN (Trials 2019)' },
  { id: 'phn', label: 'Post-herpetic neuralgia', icd10: 'B02.29', modalities: ['SCS', 'DRG'], source: 'BCBS-type policy; NACC 2014' },
  { id: 'nerve-injury', label: 'Peripheral nerve injury / entrapment', icd10: 'G58.9', modalities: ['PNS', 'DRG'], source: 'SPRINT, StimRouter labelling; ASPN 2022' },
  { id: 'cpsp', label: 'Chronic post-surgical pain (groin, knee, thoracotomy)', icd10: 'G89.28', modalities: ['DRG', 'PNS'], source: 'PMC6733040' },
  { id: 'phantom', label: 'Phantom limb pain', icd10: 'G54.6', modalities: ['PNS', 'SCS'], source: 'Rauck 2014; Cohen 2019' },
  { id: 'residual-limb', label: 'Residual limb (stump) pain', icd10: 'G54.7', modalities: ['PNS', 'SCS'], source: 'Rauck 2014; Cohen 2019' },
  { id: 'axial-lbp', label: 'Axial chronic low back pain (no surgery)', icd10: 'M54.50', modalities: ['PNS'], source: 'Gilmore 2020; Gilmore 2021' },
  { id: 'radiculopathy-lumbar', label: 'Radiculopathy, lumbar', icd10: 'M54.16', modalities: ['SCS'], source: 'BCBS ND policy' },
  { id: 'radiculopathy-lumbosacral', label: 'Radiculopathy, lumbosacral', icd10: 'M54.17', modalities: ['SCS'], source: 'BCBS ND policy' },
  { id: 'other-nociceptive', label: 'Nociceptive pain (excluded or weak indication)', icd10: 'R52', modalities: [], weakIndication: true, source: 'BCBS ND policy' },
  { id: 'other-central', label: 'Central / deafferentation pain (excluded or weak)', icd10: 'G89.0', modalities: [], weakIndication: true, source: 'BCBS ND policy' },
] as const; // prettier-ignore

export const DIAGNOSIS_IDS = DIAGNOSES.map((d) => d.id) as [string, ...string[]];

export function diagnosisById(id: string): DiagnosisDefinition | undefined {
  return DIAGNOSES.find((d) => d.id === id);
}

/** ICD-10-CM system URI for FHIR codings. */
export const ICD10CM_SYSTEM = 'http://hl7.org/fhir/sid/icd-10-cm';
