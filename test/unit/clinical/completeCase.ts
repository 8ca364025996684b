/**
 * A complete case past the trial, built from the example fixture: trial removed, permanent
 * implant with an infection-prevention checklist and MR status, follow-ups at 1 and 3 months
 * with the same instruments, an adverse event with a CTCAE grade and a lead revision.
 */
import { readFileSync } from 'node:fs';
import { parseCaseText, type PatientCase } from '../../../models/clinical/index.ts';

export function exampleCase(): PatientCase {
  const r = parseCaseText(readFileSync('test/fixtures/case-example.json', 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

export function completeCase(): PatientCase {
  const c = exampleCase();
  c.trial!.removalDate = '2026-03-09';
  c.trial!.removalNote = 'Leads removed intact in clinic.';
  c.evaluation = {
    patientPreference: 'wants_implant',
    decision: 'implant',
    reasons: 'Trial met the criterion; patient wants the implant.',
    decidedAt: '2026-03-09',
  };
  c.implant = {
    date: '2026-04-06',
    modality: 'SCS',
    generator: {
      manufacturer: 'Example Neuro',
      model: 'IPG-16 (nominal)',
      serialNumber: 'SN-0001',
      udi: '(01)00812345678901(21)SN-0001',
      location: 'left upper buttock',
      rechargeable: true,
    },
    leads: [
      {
        label: 'Left lead',
        manufacturer: 'Example Neuro',
        model: '8-contact percutaneous (nominal)',
        serialNumber: 'L-0001',
        approach: 'percutaneous',
        topLevel: 'T8',
        bottomLevel: 'T10',
      },
      {
        label: 'Right lead',
        manufacturer: 'Example Neuro',
        model: '8-contact percutaneous (nominal)',
        serialNumber: 'L-0002',
        approach: 'percutaneous',
        topLevel: 'T8',
        bottomLevel: 'T10',
      },
    ],
    mriStatus: 'mr_conditional_full_body',
    infectionPrevention: {
      antibioticProphylaxis: true,
      antibioticAgent: 'cefazolin 2 g IV',
      skinPreparation: 'chlorhexidine_alcohol',
      glucoseMgDl: 112,
      smokingStopped: true,
      mrsaDecolonisation: false,
    },
    procedureCodes: [],
    surgeon: 'Dr A. Okafor',
    notes: '',
  };
  c.followUps = [
    {
      id: 'f1',
      month: 1,
      date: '2026-05-06',
      programChanged: false,
      deviceCheck: 'impedances normal',
      notes: '',
    },
    {
      id: 'f3',
      month: 3,
      date: '2026-07-06',
      programChanged: true,
      deviceCheck: '',
      notes: '',
    },
  ];
  c.instruments.push(
    {
      id: 'i10',
      instrument: 'nrs',
      date: '2026-05-06',
      context: 'follow_up',
      followUpMonth: 1,
      answers: [3],
    },
    {
      id: 'i11',
      instrument: 'odi',
      date: '2026-05-06',
      context: 'follow_up',
      followUpMonth: 1,
      answers: [2, 1, 1, 2, 2, 1, 1, 1, 1, 1],
    },
    {
      id: 'i12',
      instrument: 'nrs',
      date: '2026-07-06',
      context: 'follow_up',
      followUpMonth: 3,
      answers: [4],
    },
  );
  c.adverseEvents = [
    {
      id: 'ae1',
      date: '2026-06-01',
      phase: 'follow_up',
      kind: 'lead_migration',
      grade: 2,
      serious: false,
      outcome: 'resolved',
      action: 'revision',
      description: 'Loss of back coverage; caudal migration of the left lead on X-ray.',
    },
  ];
  c.revisions = [
    {
      id: 'r1',
      date: '2026-06-15',
      kind: 'revision',
      components: 'leads',
      reason: 'Left lead migration',
      adverseEventId: 'ae1',
    },
  ];
  return c;
}
