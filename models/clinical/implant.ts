/**
 * The permanent implant and the visits after it: a new implant record (leads taken from the
 * trial), follow-up due dates by calendar month, CPT code entry, and the MRI check of the
 * implanted system against the foreseeable MRI need (clinical.md §1.3 "MRI need", §1.5
 * `mri_anticipated`: MR-unsafe with MRI needed is a hard stop; otherwise check the device's
 * MR-conditional status).
 */
import {
  EMPTY_INFECTION_PREVENTION,
  type Implant,
  type Modality,
  type PatientCase,
} from './caseSchema.ts';

/** A new implant on `date`, with the trial's leads (levels) when the case had a trial. */
export function newImplant(c: PatientCase, date: string): Implant {
  const modality: Modality = c.trial?.modality ?? c.selection.modality;
  const trialLeads = c.trial?.leads ?? [];
  const leads = (
    trialLeads.length ? trialLeads : [{ label: 'Lead 1', topLevel: '', bottomLevel: '' }]
  ).map((l) => ({
    label: l.label,
    manufacturer: '',
    model: '',
    serialNumber: '',
    approach: 'percutaneous' as const,
    topLevel: l.topLevel,
    bottomLevel: l.bottomLevel,
  }));
  return {
    date,
    modality,
    generator: {
      manufacturer: '',
      model: '',
      serialNumber: '',
      udi: '',
      location: '',
      rechargeable: null,
    },
    leads,
    mriStatus: 'unknown',
    infectionPrevention: { ...EMPTY_INFECTION_PREVENTION },
    procedureCodes: [],
    surgeon: '',
    notes: '',
  };
}

/** The date `months` calendar months after `isoDay` (clamped to the month's last day). */
export function addMonths(isoDay: string, months: number): string {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

const CPT = /^\d{4}[0-9T]$/;

/** Parses "63650, 63685" into CPT codes; a malformed entry is named with the field. */
export function parseCptCodes(
  text: string,
  field = 'Procedure codes',
): { ok: true; codes: string[] } | { ok: false; message: string } {
  const parts = text
    .split(/[,;\s]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  for (const [i, p] of parts.entries())
    if (!CPT.test(p))
      return {
        ok: false,
        message: `${field}: entry ${i + 1} ("${p}") is not a 5-character CPT code (e.g. 63650); the stored codes were kept.`,
      };
  return { ok: true, codes: [...new Set(parts)] };
}

/** Whether the implanted system's MR status fits the foreseeable MRI need; null when it fits or is not known. */
export function implantMriProblem(c: PatientCase): string | null {
  const im = c.implant;
  const need = c.selection.fields.mriAnticipated;
  if (!im || need === null || need === 'none') return null;
  const status = im.mriStatus;
  if (status === 'mr_unsafe')
    return `The implanted system is MR Unsafe but MRI is foreseeable (${need.replaceAll('_', ' ')}): MRI is contraindicated with it (clinical.md §1.3).`;
  if (status === 'unknown')
    return `MRI is foreseeable (${need.replaceAll('_', ' ')}) and the implanted system's MR status is not recorded: check the labelling.`;
  if (status === 'mr_conditional_head_only' && need !== 'head_only')
    return `MRI is foreseeable (${need.replaceAll('_', ' ')}) but the system is MR Conditional for head scans only.`;
  return null;
}
