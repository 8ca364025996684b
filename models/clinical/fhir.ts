/**
 * FHIR R4 export of a patient case as a `collection` Bundle: Patient, Condition, Procedure,
 * Device, Observation (LOINC where clinical.md §2.4 gives a code; a local code system
 * otherwise) and QuestionnaireResponse. Mapping: clinical.md §5.1. Only base R4 elements are
 * used, so any R4 validator can check it; no neuromodulation IG exists (clinical.md §0 point 6).
 */
import { diagnosisById, ICD10CM_SYSTEM } from './diagnoses.ts';
import { bodyRegionById } from './bodyRegions.ts';
import { INSTRUMENTS, tryScore, type ScoreResult } from './instruments.ts';
import { currentMme, diaryMme, evaluateTrial } from './evaluation.ts';
import type { InstrumentAdministration, PatientCase } from './caseSchema.ts';

export const LOINC_SYSTEM = 'http://loinc.org';
export const UCUM_SYSTEM = 'http://unitsofmeasure.org';
export const CPT_SYSTEM = 'http://www.ama-assn.org/go/cpt';
/** Local code system for concepts without LOINC/SNOMED codes (clinical.md §5.1: publish a local CodeSystem). */
export const LOCAL_SYSTEM = 'https://neuromod-planner.invalid/fhir/CodeSystem/neuromod';
export const QUESTIONNAIRE_BASE = 'https://neuromod-planner.invalid/fhir/Questionnaire/';
export const PSEUDONYM_SYSTEM = 'https://neuromod-planner.invalid/fhir/pseudonym';

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
  const display = a.instrument === 'bpi' ? 'BPI pain interference score' : `${def.name} score`;
  return loinc
    ? { coding: [{ system: LOINC_SYSTEM, code: loinc, display }], text: display }
    : localCode(`${a.instrument}-score`, display);
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
        coding: [{ system: ICD10CM_SYSTEM, code: def?.icd10 ?? d.id, display: def?.label ?? d.id }],
        text: def?.label ?? d.id,
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
        text: def.itemLabels[k] ?? `Item ${k + 1}`,
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
              ? {
                  valueString: `${s.profile}${s.vas === null || s.vas === undefined ? '' : `; EQ VAS ${s.vas}`}`,
                }
              : null
            : s.total === null
              ? null
              : { valueInteger: s.total };
    const components: Record<string, unknown>[] = [];
    if (a.instrument === 'phq9' && a.answers[8] !== null && a.answers[8] !== undefined)
      components.push({
        code: { coding: [{ system: LOINC_SYSTEM, code: '44260-8' }], text: 'PHQ-9 item 9' },
        valueInteger: a.answers[8],
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

  const mme = currentMme(c);
  if (mme !== null) {
    add('obs/mme', {
      resourceType: 'Observation',
      status: 'final',
      code: localCode('mme-per-day', 'Morphine milligram equivalents per day (CDC 2022 factors)'),
      subject,
      effectiveDateTime: c.createdAt.slice(0, 10),
      valueQuantity: quantity(mme, 'mg/d', 'mg/d'),
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
      code: {
        coding: [
          {
            system: CPT_SYSTEM,
            code: '63650',
            display: 'Percutaneous implantation of neurostimulator electrode array, epidural',
          },
        ],
        text: `${t.modality} trial`,
      },
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
          coding: [
            {
              system: LOINC_SYSTEM,
              code: '72514-3',
              display: 'Pain severity - 0-10 verbal numeric rating [Score] - Reported',
            },
          ],
          text: `Average pain, trial day ${d.day}`,
        },
        subject,
        effectiveDateTime: d.date,
        valueInteger: d.avgNrs,
        component: [
          ...(d.worstNrs !== null
            ? [{ code: localCode('worst-nrs', 'Worst pain (NRS)'), valueInteger: d.worstNrs }]
            : []),
          {
            code: localCode('mme-per-day', 'MME per day'),
            valueQuantity: quantity(diaryMme(d), 'mg/d', 'mg/d'),
          },
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
          { text: ev.meetsReliefRule ? 'meets the 50 % rule' : 'below the 50 % rule' },
        ],
        ...(c.evaluation.decision
          ? { note: [{ text: `Decision: ${c.evaluation.decision.replace('_', ' ')}` }] }
          : {}),
      });
    }
  }
  return {
    resourceType: 'Bundle',
    ...(options.deidentified ? { meta: deidentifiedMeta() } : {}),
    type: 'collection',
    timestamp: (options.now ?? new Date()).toISOString(),
    entry: entries,
  };
}
