/**
 * Sync of cases with a real FHIR R4 server (@medplum/fhir-router over its in-memory repository,
 * test/servers/fhirServer.ts) behind a real SMART authorization server (oidc-provider,
 * test/servers/smartAuth.ts). Tokens come from the authorization-code flow with PKCE run over
 * HTTP (test/servers/smartFlow.ts). Two IndexedDB databases (fake-indexeddb) stand for two
 * clinicians' browsers.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type NeuromodDb } from '../../../src/storage/db.ts';
import { auditFor, createCase, loadCase, saveCase } from '../../../src/storage/cases.ts';
import {
  linkCase,
  listServerCases,
  pullCase,
  resolveConflict,
  syncCase,
  readEhrContext,
  type FhirConnection,
} from '../../../src/storage/fhirSync.ts';
import { fillFromEhr } from '../../../models/clinical/ehrContext.ts';
import { caseRecordId } from '../../../models/clinical/fhirRecord.ts';
import { startFhirServer, type RunningFhirServer } from '../../servers/fhirServer.ts';
import { startSmartAuth, type RunningSmartAuth } from '../../servers/smartAuth.ts';
import { smartSignIn } from '../../servers/smartFlow.ts';
import { fhirValidator } from '../clinical/fhirValidator.ts';

const CLIENT = 'neuromod-planner';
const REDIRECT = 'http://127.0.0.1:5999/';
let auth: RunningSmartAuth;
let fhir: RunningFhirServer;
let n = 0;

beforeAll(async () => {
  auth = await startSmartAuth({
    clientId: CLIENT,
    redirectUris: [REDIRECT],
    users: [
      { username: 'dr.a', password: 'alpha', fhirUser: 'Practitioner/dr-a', displayName: 'Dr A' },
      {
        username: 'nurse.b',
        password: 'bravo',
        fhirUser: 'Practitioner/nurse-b',
        displayName: 'Nurse B',
      },
      {
        username: 'reader',
        password: 'charlie',
        fhirUser: 'Practitioner/reader',
        displayName: 'Reader',
      },
    ],
  });
  fhir = await startFhirServer({
    verifyToken: (t) => auth.verifyToken(t),
    smart: {
      authorizationEndpoint: auth.authorizationEndpoint,
      tokenEndpoint: auth.tokenEndpoint,
      issuer: auth.issuer,
    },
  });
}, 60_000);
afterAll(async () => {
  await fhir?.close();
  await auth?.close();
});

async function signIn(
  username: string,
  password: string,
  scope = 'openid fhirUser user/*.*',
): Promise<FhirConnection> {
  const t = await smartSignIn({
    authorizationEndpoint: auth.authorizationEndpoint,
    tokenEndpoint: auth.tokenEndpoint,
    clientId: CLIENT,
    redirectUri: REDIRECT,
    fhirBase: fhir.base,
    scope,
    username,
    password,
  });
  return { base: fhir.base, token: t.access_token, user: { display: username } };
}

async function browser(): Promise<NeuromodDb> {
  const db = openDatabase(`fhir-sync-${++n}`);
  await db.open();
  return db;
}

async function edit(
  db: NeuromodDb,
  id: string,
  change: (v: import('../../../models/clinical/caseSchema.ts').PatientCase) => void,
) {
  const loaded = (await loadCase(id, db))!;
  const v = structuredClone(loaded.value);
  change(v);
  const r = await saveCase(v, loaded.record.revision, { db });
  if (!r.ok) throw new Error(r.message);
}

describe('case sync with a FHIR R4 server and SMART sign-in', () => {
  it('round trip: pushes a case as a transaction, pulls it into a second browser unchanged, and the record validates', async () => {
    const conn = await signIn('dr.a', 'alpha');
    const a = await browser();
    const c = await createCase('Heron-52', a);
    await edit(a, c.value.id, (v) => {
      v.demographics.ageYears = 52;
      v.demographics.sex = 'female';
      v.painPhenotype = 'neuropathic';
    });
    await linkCase(c.value.id, conn.base, { db: a });
    const pushed = await syncCase(conn, c.value.id, a);
    expect(pushed).toMatchObject({ state: 'synced', did: 'pushed' });

    // the case record and its clinical resources are on the server
    const record = await fhir.read('DocumentReference', caseRecordId(c.value.id));
    expect(record.resourceType).toBe('DocumentReference');
    const validate = await fhirValidator();
    expect(validate(record)).toEqual([]);
    const rec = (await a.sync.get(c.value.id))!;
    expect(rec.refs.some((r) => r.startsWith('Patient/'))).toBe(true);
    for (const ref of rec.refs) {
      const [type, id] = ref.split('/') as [string, string];
      const r = await fhir.read(type, id);
      expect(validate(r), ref).toEqual([]);
    }

    // the audit trail is there as Provenance targeting the versioned record
    const prov = await fetch(
      `${fhir.base}/Provenance?target=DocumentReference/${caseRecordId(c.value.id)}`,
      {
        headers: { authorization: `Bearer ${conn.token}` },
      },
    ).then((r) => r.json() as Promise<{ entry?: { resource: Record<string, unknown> }[] }>);
    const fields = (prov.entry ?? []).map(
      (e) =>
        (e.resource.extension as { valueString?: string }[] | undefined)?.[0]?.valueString ?? '',
    );
    const audit = await auditFor(c.value.id, a);
    expect(prov.entry?.length).toBe(audit.length);
    expect(fields.join(' ')).toMatch(/demographics\.ageYears/);
    for (const e of prov.entry ?? []) expect(validate(e.resource)).toEqual([]);

    // a second browser lists it and pulls it back equal
    const b = await browser();
    const listed = await listServerCases(conn);
    expect(listed.map((l) => l.caseId)).toContain(c.value.id);
    const pulled = await pullCase(conn, c.value.id, b);
    expect(pulled).toMatchObject({ state: 'synced', did: 'pulled' });
    const there = (await loadCase(c.value.id, b))!.value;
    const here = (await loadCase(c.value.id, a))!.value;
    expect(there).toEqual(here);
    // nothing to do when neither side changed
    expect((await syncCase(conn, c.value.id, b)).did).toBe('nothing');
    expect((await syncCase(conn, c.value.id, a)).did).toBe('nothing');
  });

  it('a later edit in one browser reaches the other (If-Match on the base version)', async () => {
    const conn = await signIn('dr.a', 'alpha');
    const a = await browser();
    const b = await browser();
    const c = await createCase('Kite-40', a);
    await linkCase(c.value.id, conn.base, { db: a });
    await syncCase(conn, c.value.id, a);
    await pullCase(conn, c.value.id, b);
    const v1 = (await a.sync.get(c.value.id))!.serverVersion;
    await edit(a, c.value.id, (v) => void (v.demographics.ageYears = 40));
    const before = fhir.log.length;
    expect((await syncCase(conn, c.value.id, a)).did).toBe('pushed');
    const v2 = (await a.sync.get(c.value.id))!.serverVersion;
    expect(v2).not.toBe(v1);
    expect(fhir.log.slice(before).some((l) => l.method === 'POST' && l.status === 200)).toBe(true);
    expect((await syncCase(conn, c.value.id, b)).did).toBe('pulled');
    expect((await loadCase(c.value.id, b))!.value.demographics.ageYears).toBe(40);
  });

  it('conflict: two clinicians edit the same version; the second push is refused (412), nothing overwritten, and either side can be kept', async () => {
    const drA = await signIn('dr.a', 'alpha');
    const nurseB = await signIn('nurse.b', 'bravo');
    const a = await browser();
    const b = await browser();
    const c = await createCase('Plover-67', a);
    await linkCase(c.value.id, drA.base, { db: a });
    await syncCase(drA, c.value.id, a);
    await pullCase(nurseB, c.value.id, b);

    await edit(a, c.value.id, (v) => void (v.demographics.ageYears = 67));
    await edit(b, c.value.id, (v) => void (v.painPhenotype = 'mixed'));
    expect((await syncCase(drA, c.value.id, a)).did).toBe('pushed');
    const versionAfterA = (await fhir.read('DocumentReference', caseRecordId(c.value.id))).meta as {
      versionId: string;
    };

    // B's record says its edit is based on the old version: B sees the conflict at its GET,
    // and a push forced with the stale version is refused by the server itself (412)
    const staleVersion = (await b.sync.get(c.value.id))!.serverVersion!;
    const outcome = await syncCase(nurseB, c.value.id, b);
    expect(outcome.state).toBe('conflict');
    expect(outcome.message).toMatch(/dr\.a changed this case on the server/);
    expect(outcome.message).toMatch(/demographics\.ageYears/);
    expect(outcome.message).toMatch(/painPhenotype/);
    const rec = (await b.sync.get(c.value.id))!;
    expect(rec.conflict?.fields).toEqual(
      expect.arrayContaining(['demographics.ageYears', 'painPhenotype']),
    );
    expect(rec.conflict?.changes).toEqual(
      expect.arrayContaining([
        { path: 'demographics.ageYears', here: 'null', server: '67' },
        { path: 'painPhenotype', here: '"mixed"', server: 'null' },
      ]),
    );
    // the server still has A's version, B's edit is still local
    expect(
      (
        (await fhir.read('DocumentReference', caseRecordId(c.value.id))).meta as {
          versionId: string;
        }
      ).versionId,
    ).toBe(versionAfterA.versionId);
    expect((await loadCase(c.value.id, b))!.value.painPhenotype).toBe('mixed');
    // a sync while in conflict changes nothing
    expect((await syncCase(nurseB, c.value.id, b)).state).toBe('conflict');

    // the server refuses a stale If-Match outright
    const { casePushPlan } = await import('../../../models/clinical/fhirRecord.ts');
    const plan = casePushPlan((await loadCase(c.value.id, b))!.value, {
      baseVersion: staleVersion,
    });
    const res = await fetch(fhir.base, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json', authorization: `Bearer ${nurseB.token}` },
      body: JSON.stringify(plan.bundle),
    });
    expect(res.status).toBe(412);

    // keep mine: B's case goes up, based on A's version
    const mine = await resolveConflict(nurseB, c.value.id, 'mine', b);
    expect(mine).toMatchObject({ state: 'synced', did: 'pushed' });
    expect((await b.sync.get(c.value.id))!.conflict).toBeUndefined();
    // A now has a conflict-free pull of B's version
    expect((await syncCase(drA, c.value.id, a)).did).toBe('pulled');
    expect((await loadCase(c.value.id, a))!.value.painPhenotype).toBe('mixed');

    // and the other way: A edits again, B edits again; B takes the server copy
    await edit(a, c.value.id, (v) => void (v.demographics.ageYears = 68));
    await edit(b, c.value.id, (v) => void (v.demographics.ageYears = 69));
    await syncCase(drA, c.value.id, a);
    expect((await syncCase(nurseB, c.value.id, b)).state).toBe('conflict');
    const theirs = await resolveConflict(nurseB, c.value.id, 'theirs', b);
    expect(theirs).toMatchObject({ state: 'synced', did: 'pulled' });
    expect((await loadCase(c.value.id, b))!.value.demographics.ageYears).toBe(68);
    const trail = await auditFor(c.value.id, b);
    expect(trail.at(-1)?.reason).toMatch(/taken from/);
    expect((await syncCase(nurseB, c.value.id, b)).did).toBe('nothing');
  });

  it('offline queue: edits made while the server is unreachable wait and go up when it is back', async () => {
    const conn = await signIn('dr.a', 'alpha');
    const a = await browser();
    const c = await createCase('Tern-33', a);
    await linkCase(c.value.id, conn.base, { db: a });
    await syncCase(conn, c.value.id, a);
    fhir.setReachable(false);
    try {
      await edit(a, c.value.id, (v) => void (v.demographics.ageYears = 33));
      await edit(a, c.value.id, (v) => void (v.painPhenotype = 'nociceptive'));
      const offline = await syncCase(conn, c.value.id, a);
      expect(offline).toMatchObject({ state: 'pending', did: 'queued' });
      expect(offline.message).toMatch(/not reachable.*Local edits are kept/);
      expect((await a.sync.get(c.value.id))!.state).toBe('pending');
    } finally {
      fhir.setReachable(true);
    }
    const online = await syncCase(conn, c.value.id, a);
    expect(online).toMatchObject({ state: 'synced', did: 'pushed' });
    const b = await browser();
    await pullCase(conn, c.value.id, b);
    const v = (await loadCase(c.value.id, b))!.value;
    expect([v.demographics.ageYears, v.painPhenotype]).toEqual([33, 'nociceptive']);
  });

  it('a refused token (revoked, forged or read-only) keeps every local edit and asks for a new sign-in', async () => {
    const conn = await signIn('dr.a', 'alpha');
    const a = await browser();
    const c = await createCase('Avocet-58', a);
    await linkCase(c.value.id, conn.base, { db: a });
    await syncCase(conn, c.value.id, a);
    await edit(a, c.value.id, (v) => void (v.demographics.ageYears = 58));

    const forged = await syncCase({ ...conn, token: 'not-a-token' }, c.value.id, a);
    expect(forged).toMatchObject({ state: 'refused', did: 'refused' });
    expect(forged.message).toMatch(/refused the sign-in \(401.*Sign in again/);

    const readOnly = await signIn('reader', 'charlie', 'openid fhirUser user/*.read');
    const ro = await syncCase(readOnly, c.value.id, a);
    expect(ro).toMatchObject({ state: 'refused' });
    expect(ro.message).toMatch(/403/);

    await auth.revokeAll();
    const revoked = await syncCase(conn, c.value.id, a);
    expect(revoked.state).toBe('refused');
    expect((await loadCase(c.value.id, a))!.value.demographics.ageYears).toBe(58);
    expect((await a.sync.get(c.value.id))!.state).toBe('refused');
    // the server never saw the edit
    const onServer = await pullCase(await signIn('dr.a', 'alpha'), c.value.id, await browser());
    expect(onServer.did).toBe('pulled');

    // a new sign-in drains the queue
    const again = await signIn('dr.a', 'alpha');
    expect((await syncCase(again, c.value.id, a)).did).toBe('pushed');
  });

  it('EHR launch: the patient context fills the case, the EHR Patient is its subject and is never written', async () => {
    // the EHR's own records, written by an EHR user
    const ehr = await signIn('dr.a', 'alpha');
    const put = (type: string, id: string, body: object) =>
      fetch(`${fhir.base}/${type}/${id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/fhir+json', authorization: `Bearer ${ehr.token}` },
        body: JSON.stringify({ resourceType: type, id, ...body }),
      }).then((r) => expect(r.status).toBeLessThan(300));
    await put('Patient', 'ehr-p1', {
      gender: 'male',
      birthDate: '1961-06-30',
      name: [{ family: 'Realname' }],
    });
    await put('Condition', 'ehr-c1', {
      subject: { reference: 'Patient/ehr-p1' },
      clinicalStatus: {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' },
        ],
      },
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'G57.72' }] },
    });
    const patientBefore = await fhir.read('Patient', 'ehr-p1');

    const launch = auth.registerLaunch('ehr-p1');
    const t = await smartSignIn({
      authorizationEndpoint: auth.authorizationEndpoint,
      tokenEndpoint: auth.tokenEndpoint,
      clientId: CLIENT,
      redirectUri: REDIRECT,
      fhirBase: fhir.base,
      scope: 'launch openid fhirUser patient/*.* user/*.*',
      username: 'nurse.b',
      password: 'bravo',
      launch,
    });
    expect(t.patient).toBe('ehr-p1');
    const conn: FhirConnection = {
      base: fhir.base,
      token: t.access_token,
      user: { display: 'nurse.b' },
    };
    const context = await readEhrContext(conn, t.patient!);
    const a = await browser();
    const c = await createCase('Ibis-65', a);
    const fill = fillFromEhr(
      c.value,
      context.patient,
      context.conditions,
      new Date('2026-12-04T00:00:00Z'),
    );
    expect(fill.value.demographics).toEqual({ ageYears: 65, sex: 'male' });
    expect(fill.value.diagnoses).toEqual([
      { id: 'crps2-lower', primary: true, onsetDate: null, laterality: 'left' },
    ]);
    expect(JSON.stringify(fill.value)).not.toMatch(/Realname|1961/);
    const saved = await saveCase(fill.value, c.record.revision, {
      db: a,
      reason: `from the EHR launch: ${fill.taken.join(', ')}`,
    });
    expect(saved.ok).toBe(true);
    await linkCase(c.value.id, conn.base, { db: a, ehrPatient: 'Patient/ehr-p1' });
    expect((await syncCase(conn, c.value.id, a)).did).toBe('pushed');

    const record = await fhir.read('DocumentReference', caseRecordId(c.value.id));
    expect((record.subject as { reference: string }).reference).toBe('Patient/ehr-p1');
    expect(await fhir.read('Patient', 'ehr-p1')).toEqual(patientBefore);
    const rec = (await a.sync.get(c.value.id))!;
    expect(rec.refs.filter((r) => r.startsWith('Patient/'))).toEqual([]);
    // the EHR patient's cases are listed by subject, and a second browser keeps the EHR link
    expect((await listServerCases(conn, 'Patient/ehr-p1')).map((s) => s.caseId)).toEqual([
      c.value.id,
    ]);
    const b = await browser();
    await pullCase(conn, c.value.id, b);
    expect((await b.sync.get(c.value.id))!.ehrPatient).toBe('Patient/ehr-p1');
    await edit(b, c.value.id, (v) => void (v.painPhenotype = 'neuropathic'));
    expect((await syncCase(conn, c.value.id, b)).did).toBe('pushed');
    expect(await fhir.read('Patient', 'ehr-p1')).toEqual(patientBefore);
  });

  it('a wrong password gets no token', async () => {
    await expect(signIn('dr.a', 'wrong')).rejects.toThrow(/Wrong user or password/);
  });
});
