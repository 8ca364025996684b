import { describe, expect, it } from 'vitest';
import {
  CPT_SYSTEM,
  caseToCsv,
  caseToFhirBundle,
  caseToJson,
  parseCaseText,
  type FhirResource,
} from '../../../models/clinical/index.ts';
import { fhirValidator } from './fhirValidator.ts';
import { completeCase } from './completeCase.ts';

const byType = (type: string) =>
  caseToFhirBundle(completeCase())
    .entry.map((e) => e.resource)
    .filter((r) => r.resourceType === type);
const cpt = (r: FhirResource) =>
  (r.code as { coding: { system: string; code: string }[] }).coding
    .filter((c) => c.system === CPT_SYSTEM)
    .map((c) => c.code);

describe('a complete case past the trial (trial, removal, implant, follow-ups, adverse event, revision)', () => {
  it('round-trips through the case file losslessly', () => {
    const c = completeCase();
    const back = parseCaseText(caseToJson(c));
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.value).toEqual(c);
  });
  it('its FHIR R4 bundle validates with @medplum/core, every resource type present', async () => {
    const validate = await fhirValidator();
    const bundle = caseToFhirBundle(completeCase(), { now: new Date('2026-07-06T12:00:00Z') });
    expect(validate(bundle)).toEqual([]);
    for (const e of bundle.entry) expect(validate(e.resource)).toEqual([]);
    const types = new Set(bundle.entry.map((e) => e.resource.resourceType));
    for (const t of [
      'Patient',
      'Condition',
      'MedicationStatement',
      'Procedure',
      'QuestionnaireResponse',
      'Observation',
      'Device',
      'Encounter',
      'AdverseEvent',
    ])
      expect(types).toContain(t);
  });
  it('the implant Procedure carries 63650 for each percutaneous lead approach and 63685 for the generator, with the devices', () => {
    const implant = byType('Procedure').find(
      (p) => (p.code as { text: string }).text === 'SCS permanent implant',
    )!;
    expect(cpt(implant)).toEqual(['63650', '63685']);
    expect((implant.focalDevice as unknown[]).length).toBe(3);
    expect(JSON.stringify(implant.note)).toMatch(/cefazolin.*chlorhexidine alcohol.*112 mg\/dL/);
  });
  it('a PNS implant is 64555 + 64590; the trial removal is 63661 (spinal) and the lead revision 63663', () => {
    const removal = byType('Procedure').find(
      (p) => (p.code as { text: string }).text === 'SCS trial lead removal',
    )!;
    expect(cpt(removal)).toEqual(['63661']);
    const revision = byType('Procedure').find((p) =>
      String((p.code as { text: string }).text).startsWith('revision'),
    )!;
    expect(cpt(revision)).toEqual(['63663']);
    const c = completeCase();
    c.implant!.modality = 'PNS_permanent';
    const pns = caseToFhirBundle(c)
      .entry.map((e) => e.resource)
      .find(
        (r) =>
          (r.code as { text?: string } | undefined)?.text === 'PNS_permanent permanent implant',
      )!;
    expect(cpt(pns)).toEqual(['64555', '64590']);
  });
  it('the generator Device states its MR status; the adverse event has its CTCAE grade and names the implanted devices', () => {
    const gen = byType('Device').find((d) =>
      String((d.type as { text: string }).text).includes('pulse generator'),
    )!;
    expect(gen.safety).toEqual([{ text: 'MRI status: mr conditional full body' }]);
    expect(gen.udiCarrier).toEqual([{ carrierHRF: '(01)00812345678901(21)SN-0001' }]);
    const [ae] = byType('AdverseEvent');
    expect(ae).toMatchObject({
      actuality: 'actual',
      date: '2026-06-01',
      severity: { text: 'CTCAE v5.0 grade 2' },
      extension: [{ valueInteger: 2 }],
    });
    expect((ae!.suspectEntity as unknown[]).length).toBe(3);
  });
  it('follow-up instruments keep their month: QuestionnaireResponse per administration, Encounter per visit', () => {
    expect(byType('Encounter').map((e) => (e.period as { start: string }).start)).toEqual([
      '2026-05-06',
      '2026-07-06',
    ]);
    const csv = caseToCsv(completeCase());
    expect(csv).toMatch(/instrument,10,,+nrs,2026-05-06,follow_up,3,1,3,/);
    expect(csv).toMatch(
      /adverse_event,1,,+2026-06-01,follow_up,lead_migration,2,0,resolved,revision/,
    );
    expect(csv).toContain('63650|63685');
  });
});
