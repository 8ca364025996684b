/**
 * EHR launch context → case. Codes from ICD-10-CM FY2025 (the indication list of diagnoses.ts):
 * G90.522 CRPS I of left lower limb, M96.1 postlaminectomy syndrome, E11.42 type 2 diabetes with
 * polyneuropathy; gender from FHIR R4 administrative-gender.
 */
import { describe, expect, it } from 'vitest';
import {
  ageInYears,
  diagnosisForIcd10,
  fillFromEhr,
  ICD10CM_SYSTEM,
} from '../../../models/clinical/ehrContext.ts';
import { newCase } from '../../../models/clinical/caseSchema.ts';
import { parseCase } from '../../../models/clinical/caseJson.ts';

const cond = (code: string, status = 'active', system = ICD10CM_SYSTEM, onset?: string) => ({
  resourceType: 'Condition' as const,
  clinicalStatus: { coding: [{ code: status }] },
  code: { coding: [{ system, code, display: code }] },
  ...(onset ? { onsetDateTime: onset } : {}),
});

describe('EHR launch context', () => {
  it('age in whole years at the launch date, on and around the birthday and for partial dates', () => {
    const at = new Date('2026-12-04T10:00:00Z');
    expect(ageInYears('1970-12-04', at)).toBe(56);
    expect(ageInYears('1970-12-05', at)).toBe(55);
    expect(ageInYears('1970-02-28', at)).toBe(56);
    expect(ageInYears('1970', at)).toBe(55); // could be born 31 Dec 1970: never overstated
    expect(ageInYears('1970-11', at)).toBe(56);
    expect(ageInYears('1970-12', at)).toBe(55);
    expect(ageInYears('2027-01-01', at)).toBeNull();
    expect(ageInYears('1890-01-01', at)).toBeNull();
    expect(ageInYears('04/12/1970', at)).toBeNull();
  });
  it('maps ICD-10-CM codes on the list with their laterality, and nothing else', () => {
    expect(diagnosisForIcd10('G90.522')).toEqual({ id: 'crps1-lower', laterality: 'left' });
    expect(diagnosisForIcd10('G57.71')).toEqual({ id: 'crps2-lower', laterality: 'right' });
    expect(diagnosisForIcd10('M96.1')).toEqual({ id: 'psps', laterality: null });
    expect(diagnosisForIcd10('J45.909')).toBeNull();
  });
  it('fills sex, age and current diagnoses; skips inactive, uncoded and off-list ones and says why', () => {
    const base = newCase('c1', 'Heron-52', new Date('2026-01-01T00:00:00Z'));
    const fill = fillFromEhr(
      base,
      { resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1974-03-15' },
      [
        cond('G90.522', 'active', ICD10CM_SYSTEM, '2024-05-01T00:00:00Z'),
        cond('M96.1'),
        cond('E11.42', 'resolved'),
        cond('J45.909'),
        cond('22298006', 'active', 'http://snomed.info/sct'),
      ],
      new Date('2026-12-04T00:00:00Z'),
    );
    expect(fill.value.demographics).toEqual({ ageYears: 52, sex: 'female' });
    expect(fill.value.diagnoses).toEqual([
      { id: 'crps1-lower', primary: true, onsetDate: '2024-05-01', laterality: 'left' },
      { id: 'psps', primary: false, onsetDate: null, laterality: null },
    ]);
    expect(fill.skipped).toEqual([
      'E11.42 (resolved)',
      'J45.909 (J45.909: not an indication on the list)',
      '22298006 (no ICD-10-CM code)',
    ]);
    expect(parseCase(fill.value).ok).toBe(true);
    expect(base.diagnoses).toEqual([]); // the input is not changed
    // a second launch adds nothing twice
    expect(
      fillFromEhr(fill.value, { resourceType: 'Patient' }, [cond('G90.522')]).value.diagnoses,
    ).toHaveLength(2);
  });
});
