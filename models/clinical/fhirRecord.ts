/**
 * A patient case on a FHIR R4 server: the transaction bundle that pushes it and the way back.
 *
 * - The case itself travels losslessly as a DocumentReference (identifier = the case id, the
 *   versioned case JSON of caseJson.ts as its attachment). Its `meta.versionId` is the version
 *   two clinicians' edits are checked against: the update carries `If-Match`, so a stale push
 *   fails with 412 and nothing in the transaction is written (the guarded entry is first).
 * - The clinical resources of the export (fhir.ts: Condition, QuestionnaireResponse,
 *   Observation, Procedure, Device, …) go with it under the same deterministic ids, with every
 *   reference rewritten to `Type/id`, so other systems read them as usual. Resources pushed
 *   before and no longer in the case are deleted in the same transaction.
 * - The audit trail travels as Provenance, one per audited change not yet pushed, targeting the
 *   versioned case record (HL7 FHIR R4 Provenance: target, recorded, agent, activity, reason).
 * - With an EHR launch the subject is the EHR's Patient, which is never written; otherwise the
 *   case's own pseudonymous Patient is written.
 */
import {
  caseToFhirBundle,
  LOCAL_SYSTEM,
  PSEUDONYM_SYSTEM,
  stableUuid,
  type FhirResource,
} from './fhir.ts';
import { caseToJson, parseCaseText, type CaseParseResult } from './caseJson.ts';
import type { PatientCase } from './caseSchema.ts';

export const CASE_RECORD_SYSTEM = `${LOCAL_SYSTEM}/case-id`;
export const CASE_RECORD_TYPE = {
  coding: [{ system: LOCAL_SYSTEM, code: 'case-record', display: 'Neuromod Planner case record' }],
  text: 'Neuromod Planner case record',
};
/** HL7 v3 DataOperation codes used for Provenance.activity */
const DATA_OPERATION = 'http://terminology.hl7.org/CodeSystem/v3-DataOperation';

export interface AuditChange {
  seq: number;
  at: number;
  field: string;
  oldValue: string;
  newValue: string;
  reason?: string | undefined;
  user?: { name: string; role: string } | undefined;
  hash?: string | undefined;
}

export interface PushPlanOptions {
  /** `Patient/<id>` of an EHR launch; absent: the case's own Patient is written */
  ehrPatient?: string | undefined;
  /** the server version of the case record this edit is based on; absent: first push */
  baseVersion?: string | undefined;
  /** `Type/id` of every resource of the previous push (deleted when no longer present) */
  previousRefs?: readonly string[];
  /** audited changes not yet on the server */
  audit?: readonly AuditChange[];
  /** the signed-in user, e.g. `Practitioner/dr-a` and a display name */
  author?: { reference?: string | undefined; display: string } | undefined;
  now?: Date;
}

export interface PushPlan {
  bundle: {
    resourceType: 'Bundle';
    type: 'transaction';
    entry: {
      fullUrl?: string;
      resource?: FhirResource;
      request: { method: string; url: string; ifMatch?: string };
    }[];
  };
  recordId: string;
  patientRef: string;
  /** `Type/id` of every resource written by this push */
  refs: string[];
}

export function caseRecordId(caseId: string): string {
  return stableUuid(`${caseId}/case-record`);
}

function utf8ToBase64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function base64ToUtf8(b64: string): string {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}

/** The transaction bundle that writes a case (see the module comment). */
export function casePushPlan(c: PatientCase, options: PushPlanOptions = {}): PushPlan {
  const now = options.now ?? new Date();
  const exported = caseToFhirBundle(c, { now });
  const recordId = caseRecordId(c.id);
  const recordRef = `DocumentReference/${recordId}`;
  // urn:uuid placeholders of the export become server ids
  const map = new Map<string, string>();
  for (const e of exported.entry)
    map.set(e.fullUrl, `${e.resource.resourceType}/${e.fullUrl.slice('urn:uuid:'.length)}`);
  const ownPatient = exported.entry.find((e) => e.resource.resourceType === 'Patient');
  const patientRef =
    options.ehrPatient ??
    map.get(ownPatient?.fullUrl ?? '') ??
    `Patient/${stableUuid(`${c.id}/patient`)}`;
  if (ownPatient) map.set(ownPatient.fullUrl, patientRef);
  const rewrite = (r: FhirResource): FhirResource =>
    JSON.parse(
      JSON.stringify(r).replace(/"urn:uuid:[0-9a-f-]+"/g, (m) =>
        JSON.stringify(map.get(m.slice(1, -1)) ?? m.slice(1, -1)),
      ),
    ) as FhirResource;

  const entry: PushPlan['bundle']['entry'] = [];
  const refs: string[] = [];
  const author = options.author;
  entry.push({
    fullUrl: recordRef,
    resource: {
      resourceType: 'DocumentReference',
      id: recordId,
      identifier: [{ system: CASE_RECORD_SYSTEM, value: c.id }],
      status: 'current',
      type: CASE_RECORD_TYPE,
      subject: { reference: patientRef },
      date: now.toISOString(),
      ...(author
        ? {
            author: [
              author.reference
                ? { reference: author.reference, display: author.display }
                : { display: author.display },
            ],
          }
        : {}),
      description: `Case ${c.pseudonym}`,
      content: [
        {
          attachment: {
            contentType: 'application/json',
            title: `${c.pseudonym}.case.json`,
            data: utf8ToBase64(caseToJson(c, now)),
          },
        },
      ],
    },
    request: {
      method: 'PUT',
      url: recordRef,
      ...(options.baseVersion ? { ifMatch: `W/"${options.baseVersion}"` } : {}),
    },
  });
  refs.push(recordRef);

  for (const e of exported.entry) {
    const type = e.resource.resourceType;
    if (type === 'Patient' && options.ehrPatient) continue; // the EHR's patient is never overwritten
    const ref = map.get(e.fullUrl)!;
    const id = ref.slice(type.length + 1);
    const resource: FhirResource & { identifier?: unknown } = { ...rewrite(e.resource), id };
    if (type === 'Patient' && !resource.identifier)
      resource.identifier = [{ system: PSEUDONYM_SYSTEM, value: c.pseudonym }];
    entry.push({ fullUrl: ref, resource, request: { method: 'PUT', url: ref } });
    refs.push(ref);
  }

  for (const a of options.audit ?? []) {
    const id = stableUuid(`${c.id}/audit/${a.hash ?? `${a.seq}/${a.at}/${a.field}`}`);
    const created = a.field === '(case)';
    entry.push({
      fullUrl: `Provenance/${id}`,
      resource: {
        resourceType: 'Provenance',
        id,
        target: [{ reference: recordRef }],
        recorded: new Date(a.at).toISOString(),
        activity: {
          coding: [
            {
              system: DATA_OPERATION,
              code: created ? 'CREATE' : 'UPDATE',
              display: created ? 'create' : 'revise',
            },
          ],
        },
        agent: [
          {
            who: { display: a.user ? `${a.user.name} (${a.user.role})` : '(no profile set)' },
          },
        ],
        ...(a.reason ? { reason: [{ text: a.reason }] } : {}),
        extension: [
          {
            url: `${LOCAL_SYSTEM}/audit-change`,
            valueString: `${a.field}: ${a.oldValue} → ${a.newValue}`,
          },
          ...(a.hash ? [{ url: `${LOCAL_SYSTEM}/audit-hash`, valueString: a.hash }] : []),
        ],
      },
      request: { method: 'PUT', url: `Provenance/${id}` },
    });
  }

  const present = new Set(refs);
  for (const old of options.previousRefs ?? [])
    if (!present.has(old) && !old.startsWith('Provenance/') && old !== options.ehrPatient)
      entry.push({ request: { method: 'DELETE', url: old } });

  return {
    bundle: { resourceType: 'Bundle', type: 'transaction', entry },
    recordId,
    patientRef,
    refs,
  };
}

/** The case held by a case record (DocumentReference) read from a server, validated. */
export function caseFromRecord(record: unknown): CaseParseResult {
  const r = record as {
    resourceType?: string;
    content?: { attachment?: { data?: string; contentType?: string } }[];
  } | null;
  if (r?.resourceType !== 'DocumentReference')
    return { ok: false, issues: [{ path: 'resourceType', message: 'not a DocumentReference' }] };
  const data = r.content?.[0]?.attachment?.data;
  if (!data)
    return { ok: false, issues: [{ path: 'content.0.attachment.data', message: 'no case data' }] };
  let text: string;
  try {
    text = base64ToUtf8(data);
  } catch {
    return { ok: false, issues: [{ path: 'content.0.attachment.data', message: 'not base64' }] };
  }
  return parseCaseText(text);
}

/** The server version in an ETag (`W/"3"` → `3`). */
export function versionFromEtag(etag: string | null | undefined): string | undefined {
  if (!etag) return undefined;
  return /"([^"]+)"/.exec(etag)?.[1] ?? etag;
}
