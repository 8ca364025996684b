/**
 * FHIR R4 export of a patient case as a `collection` Bundle: Patient, Condition,
 * MedicationStatement (every drug tried), Procedure (non-drug care, trial, trial removal,
 * implant, revision, explant), Device (trial and implanted leads, generator with its MR
 * status), Observation (instrument scores with LOINC where one exists, the selection verdict
 * and one per rule outcome, trial results), QuestionnaireResponse, Encounter (follow-ups),
 * AdverseEvent and Provenance (one per override of a HARD rule). Mapping: clinical.md §5.1.
 * Only base R4 elements are used, so any R4 validator can check it; no neuromodulation IG
 * exists (clinical.md §0 point 6). LOINC codings carry the LOINC long common name as display
 * where it was checked, and no display otherwise.
 */
import { diagnosisById, icd10Of, ICD10CM_SYSTEM } from './diagnoses.ts';
import { bodyRegionById } from './bodyRegions.ts';
import { INSTRUMENTS, tryScore, type ScoreResult } from './instruments.ts';
import { currentMme, diaryMme, evaluateTrial } from './evaluation.ts';
import { evaluateSelection, FRAMEWORK_LABELS, VERDICT_LABELS } from './selection.ts';
import { overrideProblems } from './caseSchema.ts';
import { ResultSummarySchema } from '../estimate/resultSummary.ts';
import type { InstrumentAdministration, Modality, PatientCase } from './caseSchema.ts';

export const LOINC_SYSTEM = 'http://loinc.org';
export const UCUM_SYSTEM = 'http://unitsofmeasure.org';
export const CPT_SYSTEM = 'http://www.ama-assn.org/go/cpt';
/** Local code system for concepts without LOINC/SNOMED codes (clinical.md §5.1: publish a local CodeSystem). */
export const LOCAL_SYSTEM = 'https://neuromod-planner.invalid/fhir/CodeSystem/neuromod';
export const QUESTIONNAIRE_BASE = 'https://neuromod-planner.invalid/fhir/Questionnaire/';
export const PSEUDONYM_SYSTEM = 'https://neuromod-planner.invalid/fhir/pseudonym';
/** UCUM unit of MME/day as in the CDC Opioid CDS IG (opioid-cds-r4 MME calculations). */
export const MME_PER_DAY_UNIT = '{MME}/d';

/** LOINC long common names (loinc.org) of the codes this export uses. */
export const LOINC_LONG_NAMES: Readonly<Record<string, string>> = {
  '72514-3': 'Pain severity - 0-10 verbal numeric rating [Score] - Reported',
  '44261-6': 'Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]',
  '44249-1': 'PHQ-9 quick depression assessment panel [Reported.PHQ]',
  '44260-8':
    'Thoughts that you would be better off dead, or of hurting yourself in some way in the last 2 weeks [Reported.PHQ]',
  '70274-6': 'Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]',
  '97909-6': 'Oswestry disability index score [ODI]',
};

function loincCoding(code: string) {
  const display = LOINC_LONG_NAMES[code];
  return { system: LOINC_SYSTEM, code, ...(display ? { display } : {}) };
}

/**
 * CPT codes by procedure (AMA CPT; clinical.md §5.1): percutaneous epidural array 63650,
 * paddle via laminectomy 63655, spinal generator 63685, removal of a percutaneous array 63661,
 * its revision 63663, spinal generator revision/removal 63688; peripheral nerve percutaneous
 * array 64555, peripheral generator 64590, peripheral array revision/removal 64585, peripheral
 * generator revision/removal 64595. DRG leads are placed through the epidural space and
 * billed as spinal (63650 / 63685).
 */
export const CPT_DISPLAYS: Readonly<Record<string, string>> = {
  '63650': 'Percutaneous implantation of neurostimulator electrode array, epidural',
  '63655': 'Laminectomy for implantation of neurostimulator electrodes, plate/paddle, epidural',
  '63661': 'Removal of spinal neurostimulator electrode percutaneous array(s)',
  '63663':
    'Revision including replacement of spinal neurostimulator electrode percutaneous array(s)',
  '63685': 'Insertion or replacement of spinal neurostimulator pulse generator or receiver',
  '63688': 'Revision or removal of implanted spinal neurostimulator pulse generator or receiver',
  '64555': 'Percutaneous implantation of neurostimulator electrode array; peripheral nerve',
  '64585': 'Revision or removal of peripheral neurostimulator electrode array',
  '64590': 'Insertion or replacement of peripheral neurostimulator pulse generator or receiver',
  '64595': 'Revision or removal of peripheral neurostimulator pulse generator or receiver',
};

const isPns = (m: Modality) => m === 'PNS_permanent' || m === 'PNS_60day';

export type CptProcedure =
  | 'trial_leads'
  | 'lead_percutaneous'
  | 'lead_paddle'
  | 'generator'
  | 'lead_removal'
  | 'lead_revision'
  | 'generator_revision_or_removal';

export function cptFor(modality: Modality, procedure: CptProcedure): string {
  const pns = isPns(modality);
  switch (procedure) {
    case 'trial_leads':
    case 'lead_percutaneous':
      return pns ? '64555' : '63650';
    case 'lead_paddle':
      return '63655';
    case 'generator':
      return pns ? '64590' : '63685';
    case 'lead_removal':
      return pns ? '64585' : '63661';
    case 'lead_revision':
      return pns ? '64585' : '63663';
    case 'generator_revision_or_removal':
      return pns ? '64595' : '63688';
  }
}

/** The CPT codes of a permanent implant: one per lead approach, plus the generator. */
export function implantCptCodes(implant: NonNullable<PatientCase['implant']>): string[] {
  if (implant.procedureCodes.length) return [...implant.procedureCodes];
  const codes = new Set<string>();
  for (const l of implant.leads)
    codes.add(
      cptFor(implant.modality, l.approach === 'paddle' ? 'lead_paddle' : 'lead_percutaneous'),
    );
  codes.add(cptFor(implant.modality, 'generator'));
  return [...codes];
}

function cptConcept(code: string, text: string) {
  return {
    coding: [
      { system: CPT_SYSTEM, code, ...(CPT_DISPLAYS[code] ? { display: CPT_DISPLAYS[code] } : {}) },
    ],
    text,
  };
}

/** FHIR `instant` needs a time and a zone: a bare date is taken as midnight UTC. */
const yn = (v: boolean | null) => (v === null ? 'not recorded' : v ? 'yes' : 'no');

function instantOf(v: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v;
}

/** A JSON FHIR resource (kept structural here: the tests validate it against the R4 definitions). */
export type FhirResource = { resourceType: string; id?: string } & Record<string, unknown>;
export interface FhirBundle {
  resourceType: 'Bundle';
  /** security label and method tag on de-identified bundles */
  meta?: { security: object[]; tag: object[] };
  type: 'collection';
  timestamp: string;
  entry: { fullUrl: string; resource: FhirResource }[];
}

/** Deterministic UUID (v4 layout) from a string, so the same case always exports the same ids. */
export function stableUuid(key: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const hex: string[] = [];
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i < key.length; i++) {
      h1 = Math.imul(h1 ^ key.charCodeAt(i), 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ (key.charCodeAt(i) + round), 0x5bd1e995) >>> 0;
    }
    h1 = Math.imul(h1 ^ round, 0x01000193) >>> 0;
    hex.push(((h1 ^ h2) >>> 0).toString(16).padStart(8, '0'));
  }
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${'89ab'[parseInt(s[16] ?? '0', 16) % 4]}${s.slice(17, 20)}-${s.slice(20, 32)}`;
}

const score = (a: InstrumentAdministration): ScoreResult | null =>
  tryScore(a.instrument, a.answers);

function quantity(value: number, unit: string, code: string) {
  return { value, unit, system: UCUM_SYSTEM, code };
}

function localCode(code: string, display: string) {
  return { coding: [{ system: LOCAL_SYSTEM, code, display }], text: display };
}

/**
 * The modelled Result pinned with a session's program (estimate/resultSummary.ts), as
 * components of the session Observation: the estimate's tier and key, recruitment per
 * population and pain-map coverage at the programmed amplitude. Nothing for a session without
 * one.
 */
function pinnedResultComponents(snapshot: unknown): Record<string, unknown>[] {
  const parsed = ResultSummarySchema.safeParse(
    (snapshot as { result?: unknown } | null | undefined)?.result,
  );
  if (!parsed.success) return [];
  const r = parsed.data;
  const pct = (v: number) => quantity(v, '%', '%');
  return [
    {
      code: localCode('modelled-estimate', 'Modelled estimate (tier, estimate key)'),
      valueString: `${r.tier} tier (${r.state}), estimate key ${r.estimateKeyHash}, app ${r.appVersion}`,
    },
    ...r.populations.map((p) => ({
      code: localCode('modelled-recruitment', `Modelled recruitment: ${p.name}`),
      valueQuantity: pct(p.recruitedPercent),
    })),
    ...(r.painCoveredPercent !== null
      ? [
          {
            code: localCode('modelled-pain-coverage', 'Modelled pain-map coverage (weighted)'),
            valueQuantity: pct(r.painCoveredPercent),
          },
        ]
      : []),
    ...(r.offTargetPercent !== null
      ? [
          {
            code: localCode('modelled-off-target', 'Modelled paraesthesia outside the pain map'),
            valueQuantity: pct(r.offTargetPercent),
          },
        ]
      : []),
  ];
}

const SURVEY = [
  {
    coding: [
      {
        system: 'http://terminology.hl7.org/CodeSystem/observation-category',
        code: 'survey',
        display: 'Survey',
      },
    ],
  },
];

function instrumentObservationCode(a: InstrumentAdministration) {
  const def = INSTRUMENTS[a.instrument];
  const loinc = a.instrument === 'bpi' ? '77565-0' : def.loinc.total;
  const text = a.instrument === 'bpi' ? 'BPI pain interference score' : `${def.name} score`;
  return loinc ? { coding: [loincCoding(loinc)], text } : localCode(`${a.instrument}-score`, text);
}

/**
 * Security label and method tag of a de-identified bundle: HL7 v3 ObservationValue PSEUDED
 * ("pseudonymized") and the method statement of deidentify.ts (kept as plain text here, as
 * deidentify.ts imports this module).
 */
function deidentifiedMeta() {
  return {
    security: [
      {
        system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
        code: 'PSEUDED',
        display: 'pseudonymized',
      },
    ],
    tag: [
      {
        system: `${LOCAL_SYSTEM}/deidentification`,
        code: 'pseudonymisation-date-shift',
        display:
          'Free text removed, ids renumbered, dates shifted by one per-case offset (earliest 2000-01-01), ages above 89 as 90; not HIPAA Safe Harbor',
      },
    ],
  };
}

export interface FhirExportOptions {
  deidentified?: boolean;
  now?: Date;
}

export function caseToFhirBundle(c: PatientCase, options: FhirExportOptions = {}): FhirBundle {
  const entries: { fullUrl: string; resource: FhirResource }[] = [];
  const ref = (key: string) => `urn:uuid:${stableUuid(`${c.id}/${key}`)}`;
  const add = (key: string, resource: FhirResource) => {
    const fullUrl = ref(key);
    entries.push({ fullUrl, resource });
    return fullUrl;
  };
  const patient = ref('patient');
  const subject = { reference: patient };

  add('patient', {
    resourceType: 'Patient',
    ...(options.deidentified
      ? {}
      : { identifier: [{ system: PSEUDONYM_SYSTEM, value: c.pseudonym }] }),
    gender: c.demographics.sex,
    ...(c.demographics.ageYears !== null
      ? {
          extension: [
            {
              url: `${LOCAL_SYSTEM}/age-years`,
              valueAge: quantity(c.demographics.ageYears, 'a', 'a'),
            },
          ],
        }
      : {}),
  });

  const painSites = c.painMap.map((r) => ({
    text: `${bodyRegionById(r.regionId)?.label ?? r.regionId} (NRS ${r.intensityNrs})`,
  }));
  c.diagnoses.forEach((d, i) => {
    const def = diagnosisById(d.id);
    add(`condition/${i}`, {
      resourceType: 'Condition',
      clinicalStatus: {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' },
        ],
      },
      verificationStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
            code: 'confirmed',
          },
        ],
      },
      category: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/condition-category',
              code: 'problem-list-item',
            },
          ],
        },
      ],
      code: {
        coding: [{ system: ICD10CM_SYSTEM, code: icd10Of(d) }],
        text: `${def?.label ?? d.id}${d.laterality ? `, ${d.laterality}` : ''}`,
      },
      ...(painSites.length ? { bodySite: painSites } : {}),
      subject,
      ...(d.onsetDate ? { onsetDateTime: d.onsetDate } : {}),
    });
  });

  c.instruments.forEach((a, i) => {
    const def = INSTRUMENTS[a.instrument];
    const qr = add(`qr/${i}`, {
      resourceType: 'QuestionnaireResponse',
      questionnaire: `${QUESTIONNAIRE_BASE}${a.instrument}`,
      status: 'completed',
      subject,
      authored: a.date,
      item: a.answers.map((v, k) => ({
        linkId: String(k + 1),
        ...(def.loinc.items?.[k + 1]
          ? { definition: `${LOINC_SYSTEM}/${def.loinc.items[k + 1]}` }
          : {}),
        text: def.itemText?.[k] ?? def.itemLabels[k] ?? `Item ${k + 1}`,
        ...(v === null ? {} : { answer: [{ valueInteger: v }] }),
      })),
    });
    const s = score(a);
    if (!s) return;
    const value =
      a.instrument === 'odi'
        ? s.percent === null || s.percent === undefined
          ? null
          : { valueQuantity: quantity(s.percent, '%', '%') }
        : a.instrument === 'bpi'
          ? s.interference === null || s.interference === undefined
            ? null
            : { valueQuantity: quantity(s.interference, '{score}', '{score}') }
          : a.instrument === 'eq5d5l'
            ? s.profile
              ? { valueString: s.profile }
              : null
            : s.total === null
              ? null
              : { valueInteger: s.total };
    const components: Record<string, unknown>[] = [];
    if (a.instrument === 'phq9' && a.answers[8] !== null && a.answers[8] !== undefined)
      components.push({
        code: { coding: [loincCoding('44260-8')], text: 'PHQ-9 item 9' },
        valueInteger: a.answers[8],
      });
    if (a.instrument === 'eq5d5l' && s.vas !== null && s.vas !== undefined)
      components.push({
        code: localCode('eq-vas', 'EQ VAS (0–100)'),
        valueInteger: s.vas,
      });
    if (a.instrument === 'bpi' && s.severity !== null && s.severity !== undefined)
      components.push({
        code: localCode('bpi-severity', 'BPI pain severity score'),
        valueQuantity: quantity(s.severity, '{score}', '{score}'),
      });
    for (const [name, v] of Object.entries(s.subscales ?? {}))
      if (v !== null)
        components.push({ code: localCode(`pcs-${name}`, `PCS ${name}`), valueInteger: v });
    add(`obs/instrument/${i}`, {
      resourceType: 'Observation',
      status: 'final',
      category: SURVEY,
      code: instrumentObservationCode(a),
      subject,
      effectiveDateTime: a.date,
      ...(value ?? { dataAbsentReason: { text: 'incomplete answers' } }),
      ...(s.band ? { interpretation: [{ text: s.band }] } : {}),
      ...(a.instrument === 'pgic' && (a.anchorText ?? s.anchorText)
        ? { note: [{ text: `Anchor: ${a.anchorText ?? s.anchorText}` }] }
        : {}),
      ...(components.length ? { component: components } : {}),
      derivedFrom: [{ reference: qr }],
    });
  });

  c.conservativeCare.medications.forEach((m, i) =>
    add(`medication-statement/${i}`, {
      resourceType: 'MedicationStatement',
      status: m.current ? 'active' : 'stopped',
      category: { text: m.drugClass },
      medicationCodeableConcept: { text: m.agent },
      subject,
      ...(m.dose !== null || m.route
        ? {
            dosage: [
              {
                ...(m.dose !== null
                  ? { text: `${m.dose} ${m.agent === 'fentanyl-transdermal' ? 'µg/h' : 'mg/day'}` }
                  : {}),
                ...(m.route ? { route: { text: m.route.replaceAll('_', '/') } } : {}),
              },
            ],
          }
        : {}),
      note: [
        {
          text: `Conservative care: ${m.outcome ?? 'outcome not recorded'}${m.durationWeeks !== null ? `, ${m.durationWeeks} weeks` : ''}.`,
        },
      ],
    }),
  );
  c.conservativeCare.nonDrug.forEach((n, i) =>
    add(`procedure/conservative/${i}`, {
      resourceType: 'Procedure',
      status: 'completed',
      category: { text: 'conservative care' },
      code: localCode(`care-${n.kind}`, n.kind.replaceAll('_', ' ')),
      subject,
      outcome: {
        text: `${n.outcome ?? 'outcome not recorded'}${n.durationWeeks !== null ? `, ${n.durationWeeks} weeks` : ''}`,
      },
      ...(n.note && !options.deidentified ? { note: [{ text: n.note }] } : {}),
    }),
  );

  const mme = currentMme(c);
  if (mme !== null) {
    add('obs/mme', {
      resourceType: 'Observation',
      status: 'final',
      code: localCode('mme-per-day', 'Morphine milligram equivalents per day (CDC 2022 factors)'),
      subject,
      effectiveDateTime: c.createdAt.slice(0, 10),
      valueQuantity: quantity(mme, MME_PER_DAY_UNIT, MME_PER_DAY_UNIT),
      note: [{ text: 'MME is an estimate; do not use it for opioid rotation dosing.' }],
    });
  }

  const t = c.trial;
  if (t) {
    const devices = t.leads.map((l, i) =>
      add(`device/${i}`, {
        resourceType: 'Device',
        status: 'active',
        deviceName: [{ name: l.model || l.label || `Lead ${i + 1}`, type: 'model-name' }],
        type: { text: `${t.modality} trial lead` },
        patient: subject,
        note: [{ text: `${l.label}: ${l.topLevel}–${l.bottomLevel}` }],
      }),
    );
    add('procedure/trial', {
      resourceType: 'Procedure',
      status: 'completed',
      code: cptConcept(
        cptFor(t.modality, 'trial_leads'),
        `${t.modality} trial (attempt ${t.attempt})`,
      ),
      subject,
      performedPeriod: { start: t.startDate, end: t.endDate },
      ...(t.leads.length
        ? { bodySite: t.leads.map((l) => ({ text: `${l.topLevel}–${l.bottomLevel}` })) }
        : {}),
      ...(devices.length
        ? { focalDevice: devices.map((d) => ({ manipulated: { reference: d } })) }
        : {}),
    });
    t.sessions.forEach((s, i) => {
      const comp: Record<string, unknown>[] = [
        {
          code: localCode('amplitude', 'Amplitude'),
          valueQuantity: quantity(s.program.amplitudeMa, 'mA', 'mA'),
        },
        {
          code: localCode('pulse-width', 'Pulse width'),
          valueQuantity: quantity(s.program.pulseWidthUs, 'us', 'us'),
        },
        { code: localCode('rate', 'Rate'), valueQuantity: quantity(s.program.rateHz, 'Hz', 'Hz') },
        { code: localCode('waveform', 'Waveform'), valueString: s.program.waveform },
        {
          code: localCode('contacts', 'Electrode configuration'),
          valueString: s.program.contacts || '—',
        },
      ];
      s.impedancesOhm.forEach((z, k) =>
        comp.push({
          code: localCode('impedance', `Impedance contact ${k + 1}`),
          valueQuantity: quantity(z, 'Ohm', 'Ohm'),
        }),
      );
      for (const [key, v] of [
        ['perception-threshold', s.perceptionMa],
        ['comfort-level', s.comfortMa],
        ['maximum-tolerable', s.maxMa],
      ] as const)
        if (v !== null)
          comp.push({
            code: localCode(key, key.replace('-', ' ')),
            valueQuantity: quantity(v, 'mA', 'mA'),
          });
      comp.push(...pinnedResultComponents(s.programSnapshot));
      add(`obs/session/${i}`, {
        resourceType: 'Observation',
        status: 'final',
        code: localCode('programming-session', 'Neurostimulation programming session'),
        subject,
        effectiveDateTime: s.date,
        ...(s.nrs !== null ? { valueInteger: s.nrs } : {}),
        ...(s.paresthesiaRegions.length
          ? {
              bodySite: {
                text: s.paresthesiaRegions.map((r) => bodyRegionById(r)?.label ?? r).join('; '),
              },
            }
          : {}),
        component: comp,
        ...(!options.deidentified && s.notes ? { note: [{ text: s.notes }] } : {}),
      });
    });
    t.diary.forEach((d, i) => {
      if (d.avgNrs === null) return;
      add(`obs/diary/${i}`, {
        resourceType: 'Observation',
        status: 'final',
        category: SURVEY,
        code: {
          coding: [loincCoding('72514-3')],
          text: `Average pain, trial day ${d.day}`,
        },
        subject,
        effectiveDateTime: d.date,
        valueInteger: d.avgNrs,
        component: [
          ...(d.worstNrs !== null
            ? [{ code: localCode('worst-nrs', 'Worst pain (NRS)'), valueInteger: d.worstNrs }]
            : []),
          ...(diaryMme(d) !== null
            ? [
                {
                  code: localCode('mme-per-day', 'MME per day'),
                  valueQuantity: quantity(diaryMme(d)!, MME_PER_DAY_UNIT, MME_PER_DAY_UNIT),
                },
              ]
            : []),
          ...(d.sleepHours !== null
            ? [
                {
                  code: localCode('sleep', 'Sleep'),
                  valueQuantity: quantity(d.sleepHours, 'h', 'h'),
                },
              ]
            : []),
          ...(d.pgic !== null ? [{ code: localCode('pgic', 'PGIC'), valueInteger: d.pgic }] : []),
        ],
      });
    });
    const ev = evaluateTrial(c);
    if (ev.reliefPct !== null) {
      add('obs/relief', {
        resourceType: 'Observation',
        status: 'final',
        code: localCode('trial-pain-relief', 'Trial pain relief against baseline'),
        subject,
        effectiveDateTime: t.endDate,
        valueQuantity: quantity(ev.reliefPct, '%', '%'),
        interpretation: [
          {
            text:
              ev.meetsCriterion === true
                ? `meets the criterion (${ev.criterion.source})`
                : ev.meetsCriterion === false
                  ? `does not meet the criterion (${ev.criterion.source})`
                  : `criterion undecided (${ev.criterion.source})`,
          },
        ],
        note: [
          { text: ev.reasons.join(' ') },
          ...(c.evaluation.decision
            ? [{ text: `Decision: ${c.evaluation.decision.replace('_', ' ')}` }]
            : []),
        ],
      });
    }
    if (t.removalDate) {
      add('procedure/trial-removal', {
        resourceType: 'Procedure',
        status: 'completed',
        code: cptConcept(cptFor(t.modality, 'lead_removal'), `${t.modality} trial lead removal`),
        subject,
        performedDateTime: t.removalDate,
        ...(t.removalNote && !options.deidentified ? { note: [{ text: t.removalNote }] } : {}),
      });
    }
  }

  const im = c.implant;
  const deviceRefs: string[] = [];
  if (im) {
    const mri = { text: `MRI status: ${im.mriStatus.replaceAll('_', ' ')}` };
    const device = (
      key: string,
      kind: string,
      d: { manufacturer: string; model: string; serialNumber: string },
      extra: Record<string, unknown>,
    ) =>
      add(key, {
        resourceType: 'Device',
        status: 'active',
        ...(d.manufacturer ? { manufacturer: d.manufacturer } : {}),
        ...(d.serialNumber && !options.deidentified ? { serialNumber: d.serialNumber } : {}),
        deviceName: [{ name: d.model || kind, type: 'model-name' }],
        type: { text: `${im.modality} ${kind}` },
        safety: [mri],
        patient: subject,
        ...extra,
      });
    im.leads.forEach((l, i) =>
      deviceRefs.push(
        device(`implant/lead/${i}`, `${l.approach} lead`, l, {
          note: [{ text: `${l.label}: ${l.topLevel}–${l.bottomLevel}` }],
        }),
      ),
    );
    const g = im.generator;
    deviceRefs.push(
      device('implant/generator', 'pulse generator', g, {
        ...(g.udi && !options.deidentified ? { udiCarrier: [{ carrierHRF: g.udi }] } : {}),
        ...(g.location
          ? {
              note: [
                {
                  text: `Location: ${g.location}${g.rechargeable === null ? '' : g.rechargeable ? '; rechargeable' : '; primary cell'}`,
                },
              ],
            }
          : {}),
      }),
    );
    const codes = implantCptCodes(im);
    add('procedure/implant', {
      resourceType: 'Procedure',
      status: 'completed',
      code: {
        coding: codes.map((code) => ({
          system: CPT_SYSTEM,
          code,
          ...(CPT_DISPLAYS[code] ? { display: CPT_DISPLAYS[code] } : {}),
        })),
        text: `${im.modality} permanent implant`,
      },
      subject,
      performedDateTime: im.date,
      bodySite: im.leads.map((l) => ({ text: `${l.topLevel}–${l.bottomLevel}` })),
      focalDevice: deviceRefs.map((d) => ({
        action: { text: 'implanted' },
        manipulated: { reference: d },
      })),
      note: [
        {
          text: `Infection prevention: antibiotic prophylaxis ${yn(im.infectionPrevention.antibioticProphylaxis)}${im.infectionPrevention.antibioticAgent ? ` (${im.infectionPrevention.antibioticAgent})` : ''}; skin preparation ${im.infectionPrevention.skinPreparation?.replaceAll('_', ' ') ?? 'not recorded'}; glucose ${im.infectionPrevention.glucoseMgDl ?? 'not recorded'} mg/dL; smoking stopped ${yn(im.infectionPrevention.smokingStopped)}; MRSA decolonisation ${yn(im.infectionPrevention.mrsaDecolonisation)}.`,
        },
        mri,
      ],
    });
  }
  c.followUps.forEach((f, i) =>
    add(`encounter/follow-up/${i}`, {
      resourceType: 'Encounter',
      status: 'finished',
      class: {
        system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
        code: 'AMB',
        display: 'ambulatory',
      },
      type: [localCode(`follow-up-${f.month}m`, `${f.month}-month follow-up after implant`)],
      subject,
      period: { start: f.date, end: f.date },
    }),
  );
  const AE_SEVERITY = ['mild', 'moderate', 'severe', 'severe', 'severe'] as const;
  const AE_OUTCOME: Record<string, string> = {
    resolved: 'resolved',
    resolving: 'recovering',
    ongoing: 'ongoing',
    resolved_with_sequelae: 'resolvedWithSequelae',
    fatal: 'fatal',
  };
  c.adverseEvents.forEach((e, i) =>
    add(`adverse-event/${i}`, {
      resourceType: 'AdverseEvent',
      actuality: 'actual',
      category: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/adverse-event-category',
              code: 'product-use-error',
            },
          ],
          text: e.phase === 'trial' ? 'trial complication' : 'implant complication',
        },
      ],
      event: localCode(`ae-${e.kind}`, e.kind.replaceAll('_', ' ')),
      subject,
      date: e.date,
      seriousness: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/adverse-event-seriousness',
            code: e.serious ? 'serious' : 'non-serious',
          },
        ],
      },
      severity: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/adverse-event-severity',
            code: AE_SEVERITY[e.grade - 1] ?? 'severe',
          },
        ],
        text: `CTCAE v5.0 grade ${e.grade}`,
      },
      outcome: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/adverse-event-outcome',
            code: AE_OUTCOME[e.outcome] ?? 'unknown',
          },
        ],
      },
      extension: [{ url: `${LOCAL_SYSTEM}/ctcae-grade`, valueInteger: e.grade }],
      ...(deviceRefs.length && e.phase !== 'trial'
        ? { suspectEntity: deviceRefs.map((d) => ({ instance: { reference: d } })) }
        : {}),
    }),
  );
  c.revisions.forEach((r, i) => {
    const modality = im?.modality ?? c.trial?.modality ?? c.selection.modality;
    const codes: string[] = [];
    if (r.kind === 'generator_replacement') codes.push(cptFor(modality, 'generator'));
    else {
      if (r.components !== 'generator')
        codes.push(cptFor(modality, r.kind === 'explant' ? 'lead_removal' : 'lead_revision'));
      if (r.components !== 'leads') codes.push(cptFor(modality, 'generator_revision_or_removal'));
    }
    add(`procedure/revision/${i}`, {
      resourceType: 'Procedure',
      status: 'completed',
      code: {
        coding: codes.map((code) => ({
          system: CPT_SYSTEM,
          code,
          ...(CPT_DISPLAYS[code] ? { display: CPT_DISPLAYS[code] } : {}),
        })),
        text: `${r.kind.replaceAll('_', ' ')} (${r.components})`,
      },
      subject,
      performedDateTime: r.date,
      reasonCode: [{ text: r.reason }],
      ...(deviceRefs.length
        ? {
            focalDevice: deviceRefs.map((d) => ({
              action: { text: r.kind === 'explant' ? 'removed' : 'revised' },
              manipulated: { reference: d },
            })),
          }
        : {}),
    });
  });

  // Selection verdict with every rule outcome, and a Provenance for each override.
  const sel = evaluateSelection(c);
  const ruleRefs = sel.outcomes.map((o) =>
    add(`obs/rule/${o.ruleId}`, {
      resourceType: 'Observation',
      status: 'final',
      category: [{ text: 'candidate selection rule' }],
      code: localCode(`rule-${o.ruleId}`, o.label),
      subject,
      effectiveDateTime: c.selection.procedureDate ?? c.createdAt.slice(0, 10),
      valueCodeableConcept: localCode(`rule-status-${o.status}`, o.status.replace('_', ' ')),
      interpretation: [{ text: o.severity }],
      note: [{ text: o.message }, { text: `Source: ${o.source}` }],
    }),
  );
  add('obs/selection-verdict', {
    resourceType: 'Observation',
    status: 'final',
    category: [{ text: 'candidate selection' }],
    code: localCode(
      'selection-verdict',
      `Candidate selection verdict (${FRAMEWORK_LABELS[sel.framework]})`,
    ),
    subject,
    effectiveDateTime: c.selection.procedureDate ?? c.createdAt.slice(0, 10),
    valueCodeableConcept: localCode(`verdict-${sel.verdict}`, VERDICT_LABELS[sel.verdict]),
    note: sel.reasons.map((text) => ({ text })),
    hasMember: ruleRefs.map((reference) => ({ reference })),
  });
  c.selection.overrides.forEach((o, i) => {
    const target = ruleRefs[sel.outcomes.findIndex((x) => x.ruleId === o.ruleId)];
    if (!target) return;
    const problems = overrideProblems(o);
    add(`provenance/override/${i}`, {
      resourceType: 'Provenance',
      target: [{ reference: target }],
      recorded: instantOf(o.at),
      activity: localCode('override', 'Override of a HARD selection rule'),
      reason: [{ text: o.reason }],
      agent: [
        {
          type: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type',
                code: 'author',
              },
            ],
          },
          who: { display: options.deidentified ? 'clinician (removed)' : (o.by ?? 'not recorded') },
        },
      ],
      ...(problems.length
        ? {
            extension: [
              {
                url: `${LOCAL_SYSTEM}/override-incomplete`,
                valueString: `needs ${problems.join(', ')}`,
              },
            ],
          }
        : {}),
    });
  });
  return {
    resourceType: 'Bundle',
    ...(options.deidentified ? { meta: deidentifiedMeta() } : {}),
    type: 'collection',
    timestamp: (options.now ?? new Date()).toISOString(),
    entry: entries,
  };
}
