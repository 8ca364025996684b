/**
 * The patient context of a SMART EHR launch mapped onto a case: sex from Patient.gender, age in
 * whole years from Patient.birthDate at the launch date, and diagnoses from active Conditions
 * coded in ICD-10-CM (http://hl7.org/fhir/sid/icd-10-cm) that are on the indication list of
 * diagnoses.ts, with laterality from the code's laterality character. Identifying data (name,
 * birth date, MRN) is not copied: the case keeps its pseudonym and links to the EHR's Patient by
 * reference only.
 */
import type { PatientCase } from './caseSchema.ts';
import { DIAGNOSES } from './diagnoses.ts';

export const ICD10CM_SYSTEM = 'http://hl7.org/fhir/sid/icd-10-cm';
/** FHIR R4 condition-clinical: only these count as a current diagnosis */
const CURRENT = new Set(['active', 'recurrence', 'relapse']);

export interface EhrPatient {
  resourceType: 'Patient';
  id?: string;
  gender?: string;
  birthDate?: string;
}

export interface EhrCondition {
  resourceType: 'Condition';
  clinicalStatus?: { coding?: { system?: string; code?: string }[] };
  verificationStatus?: { coding?: { code?: string }[] };
  code?: { coding?: { system?: string; code?: string; display?: string }[]; text?: string };
  onsetDateTime?: string;
}

export interface EhrFill {
  value: PatientCase;
  /** what was taken, in words, for the user and the audit reason */
  taken: string[];
  /** conditions not mapped (not ICD-10-CM, not on the indication list, inactive), by label */
  skipped: string[];
}

/** Whole years between an ISO birth date (YYYY, YYYY-MM or YYYY-MM-DD) and `at`. */
export function ageInYears(birthDate: string, at: Date): number | null {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(birthDate);
  if (!m) return null;
  const y = Number(m[1]);
  // a partial birth date counts from its last possible day, so the age is never overstated
  const mo = m[2] ? Number(m[2]) : 12;
  const d = m[3] ? Number(m[3]) : new Date(Date.UTC(y, mo, 0)).getUTCDate();
  let age = at.getUTCFullYear() - y;
  if (at.getUTCMonth() + 1 < mo || (at.getUTCMonth() + 1 === mo && at.getUTCDate() < d)) age -= 1;
  return age >= 0 && age <= 120 ? age : null;
}

function icdOf(c: EhrCondition): string | null {
  const coding = c.code?.coding?.find((x) => x.system === ICD10CM_SYSTEM && x.code);
  return coding?.code?.toUpperCase() ?? null;
}

/** The indication and laterality an ICD-10-CM code stands for, if it is on the list. */
export function diagnosisForIcd10(
  code: string,
): { id: string; laterality: PatientCase['diagnoses'][number]['laterality'] } | null {
  for (const d of DIAGNOSES) {
    if (d.icd10ByLaterality) {
      for (const [lat, c] of Object.entries(d.icd10ByLaterality))
        if (c === code)
          return { id: d.id, laterality: lat as PatientCase['diagnoses'][number]['laterality'] };
      if (code === d.icd10) return { id: d.id, laterality: 'unspecified' };
    } else if (d.icd10 === code) return { id: d.id, laterality: null };
  }
  return null;
}

const GENDER: Record<string, PatientCase['demographics']['sex']> = {
  female: 'female',
  male: 'male',
  other: 'other',
  unknown: 'unknown',
};

/**
 * Fills demographics and diagnoses of `base` from the EHR's Patient and Conditions. Diagnoses
 * already recorded stay; new ones are added (the first becomes primary when none is).
 */
export function fillFromEhr(
  base: PatientCase,
  patient: EhrPatient,
  conditions: readonly EhrCondition[],
  at: Date = new Date(),
): EhrFill {
  const value = structuredClone(base);
  const taken: string[] = [];
  const skipped: string[] = [];
  if (patient.gender && GENDER[patient.gender]) {
    value.demographics.sex = GENDER[patient.gender]!;
    taken.push(`sex ${value.demographics.sex}`);
  }
  if (patient.birthDate) {
    const age = ageInYears(patient.birthDate, at);
    if (age !== null) {
      value.demographics.ageYears = age;
      taken.push(`age ${age}`);
    }
  }
  for (const c of conditions) {
    const label =
      c.code?.text ?? c.code?.coding?.[0]?.display ?? c.code?.coding?.[0]?.code ?? 'a condition';
    const status = c.clinicalStatus?.coding?.[0]?.code;
    const verification = c.verificationStatus?.coding?.[0]?.code;
    if (
      (status && !CURRENT.has(status)) ||
      verification === 'refuted' ||
      verification === 'entered-in-error'
    ) {
      skipped.push(`${label} (${status ?? verification})`);
      continue;
    }
    const code = icdOf(c);
    const dx = code ? diagnosisForIcd10(code) : null;
    if (!dx) {
      skipped.push(
        code ? `${label} (${code}: not an indication on the list)` : `${label} (no ICD-10-CM code)`,
      );
      continue;
    }
    if (value.diagnoses.some((d) => d.id === dx.id)) continue;
    const onset =
      c.onsetDateTime && /^\d{4}-\d{2}-\d{2}/.test(c.onsetDateTime)
        ? c.onsetDateTime.slice(0, 10)
        : null;
    value.diagnoses.push({
      id: dx.id,
      primary: !value.diagnoses.some((d) => d.primary),
      onsetDate: onset,
      laterality: dx.laterality,
    });
    taken.push(`${dx.id} (${code})`);
  }
  return { value, taken, skipped };
}
