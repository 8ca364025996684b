/**
 * The team server end to end in real Chromium: the built app is served with a real FHIR R4 server
 * (@medplum/fhir-router, in memory) and a real SMART authorization server (oidc-provider) behind
 * the same origin (/fhir and /oidc, as a hospital's reverse proxy would), so the app's strict
 * Content-Security-Policy stays as shipped. Two browser contexts (two clinicians) sign in through
 * the sign-in page, share and open a case, edit it at the same time and see the conflict; an
 * offline edit waits and goes up when the network is back; a revoked token asks for a new
 * sign-in; an EHR launch fills a new case from the EHR's patient.
 */
import { createServer as createNetServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { checkA11y, cspViolations, openApp, screenshot, type AppSession } from './harness.ts';
import { startFhirServer, type RunningFhirServer } from '../servers/fhirServer.ts';
import { startSmartAuth, type RunningSmartAuth } from '../servers/smartAuth.ts';
import { smartSignIn } from '../servers/smartFlow.ts';
import { caseRecordId } from '../../models/clinical/fhirRecord.ts';

let app: PreviewServer;
let base: string;
let fhir: RunningFhirServer;
let auth: RunningSmartAuth;
const sessions: AppSession[] = [];

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const a = probe.address();
      probe.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}/`;
  auth = await startSmartAuth({
    clientId: 'neuromod-planner',
    redirectUris: [`${base}patients`],
    publicIssuer: `${base}oidc`,
    users: [
      { username: 'dr.a', password: 'alpha', fhirUser: 'Practitioner/dr-a', displayName: 'Dr A' },
      {
        username: 'nurse.b',
        password: 'bravo',
        fhirUser: 'Practitioner/nurse-b',
        displayName: 'Nurse B',
      },
    ],
  });
  fhir = await startFhirServer({
    verifyToken: (t) => auth.verifyToken(t),
    smart: {
      issuer: auth.issuer,
      authorizationEndpoint: auth.authorizationEndpoint,
      tokenEndpoint: auth.tokenEndpoint,
    },
  });
  const authPort = (auth.server.address() as { port: number }).port;
  app = await preview({
    logLevel: 'warn',
    preview: {
      port,
      strictPort: true,
      proxy: {
        // the Host header is kept: the authorization server builds its URLs from it
        '/fhir': { target: `http://127.0.0.1:${new URL(fhir.base).port}`, changeOrigin: false },
        '/oidc': { target: `http://127.0.0.1:${authPort}`, changeOrigin: false },
      },
    },
  });
});
afterAll(async () => {
  for (const s of sessions) await s.close();
  await app?.close();
  await fhir?.close();
  await auth?.close();
});

async function open(): Promise<AppSession> {
  const s = await openApp('/patients', { baseURL: base });
  sessions.push(s);
  return s;
}

async function signInThroughSmart(page: Page, user: string, password: string) {
  await page.getByLabel('FHIR base URL').fill(`${base}fhir`);
  await page.getByRole('button', { name: 'Sign in with SMART' }).click();
  await page.waitForURL(/\/oidc\/interaction\//);
  await page.getByLabel('User').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in and allow' }).click();
  await page.waitForURL(/\/patients$/);
  await page.getByTestId('team-status').filter({ hasText: 'Signed in at' }).waitFor();
}

const caseId = (path: string) => decodeURIComponent(path.split('/')[2]!);

async function saved(page: Page) {
  await page.getByTestId('save-status').filter({ hasText: 'All changes saved' }).waitFor();
}

async function a11y(page: Page, name: string) {
  expect(await checkA11y(page), `axe serious/critical violations on ${name}`).toEqual([]);
}

describe('team server: SMART sign-in and sync of cases between two clinicians', () => {
  let a: AppSession;
  let b: AppSession;
  let caseUrl: string;
  const serverVersion = async () =>
    (
      (await fhir.read('DocumentReference', caseRecordId(caseId(caseUrl))).catch(() => null))
        ?.meta as { versionId?: string } | undefined
    )?.versionId;

  it('signs in through SMART, shares a case, and a second clinician opens it from the server', async () => {
    a = await open();
    await a.page.getByLabel('Pseudonym for a new patient').fill('Heron-52');
    await a.page.getByRole('button', { name: 'Create patient' }).click();
    await a.page.waitForURL(/\/demographics$/);
    caseUrl = new URL(a.page.url()).pathname;
    await a.page.getByLabel('Age (years)', { exact: true }).fill('52');
    await saved(a.page);
    await a.page.getByRole('link', { name: 'Patients', exact: true }).first().click();

    // a bad URL is named before anything is tried
    await a.page.getByLabel('FHIR base URL').fill('fhir.example.org');
    await a.page.getByRole('button', { name: 'Sign in with SMART' }).click();
    await expect
      .poll(() =>
        a.page
          .getByRole('form', { name: 'Connect to the team server' })
          .getByRole('alert')
          .innerText(),
      )
      .toMatch(/FHIR base URL: not a URL/);
    // another origin is not in this build's connect-src: said, not tried
    await a.page.getByLabel('FHIR base URL').fill('https://fhir.example.org/fhir');
    await a.page.getByRole('button', { name: 'Sign in with SMART' }).click();
    await expect
      .poll(() =>
        a.page
          .getByRole('form', { name: 'Connect to the team server' })
          .getByRole('alert')
          .innerText(),
      )
      .toMatch(/only connect to its own origin/);

    await signInThroughSmart(a.page, 'dr.a', 'alpha');
    await expect.poll(() => a.page.getByTestId('team-status').innerText()).toMatch(/as Dr A/);
    await a.page.getByRole('button', { name: 'Share Heron-52 with the team server' }).click();
    await a.page.locator('.sync-badge', { hasText: 'synced' }).waitFor();
    await a11y(a.page, 'patients with a team server');
    await screenshot(a.page, 'team-server-signed-in', true);

    b = await open();
    await signInThroughSmart(b.page, 'nurse.b', 'bravo');
    await b.page.getByRole('button', { name: 'Open Heron-52 from the server' }).click();
    await b.page.waitForURL(/\/demographics$/);
    await expect
      .poll(() => b.page.getByLabel('Age (years)', { exact: true }).inputValue())
      .toBe('52');
    expect(new URL(b.page.url()).pathname).toBe(caseUrl);
    expect(a.foreignRequests).toEqual([]);
    expect(await cspViolations(a.page)).toEqual([]);
  });

  it('two clinicians edit the same case: the second sees the conflict, with who and what, and keeps theirs', async () => {
    await a.page.goto(new URL(caseUrl, base).toString());
    await a.page.getByLabel('Age (years)', { exact: true }).waitFor();
    const before = await serverVersion();
    // both edit before either syncs: B goes offline for its edit
    await b.context.setOffline(true);
    await b.page.getByLabel('Age (years)', { exact: true }).fill('53');
    await saved(b.page);
    await a.page.getByLabel('Age (years)', { exact: true }).fill('54');
    await saved(a.page);
    // A's save goes up by itself (after the save, without a click)
    await expect
      .poll(async () => ((await serverVersion()) ?? '') !== before, { timeout: 20_000 })
      .toBe(true);
    await b.context.setOffline(false);
    const banner = b.page.getByTestId('sync-conflict');
    await banner.waitFor({ timeout: 30_000 });
    const text = await banner.innerText();
    expect(text).toMatch(/Dr A changed this case on the server/);
    expect(text).toMatch(/demographics\.ageYears\s+53\s+54/);
    await a11y(b.page, 'case in conflict');
    await screenshot(b.page, 'team-server-conflict', true);

    await b.page.getByRole('button', { name: 'Keep mine (send it to the server)' }).click();
    await banner.waitFor({ state: 'detached' });
    // A gets B's version at its next sync
    await a.page.getByRole('link', { name: 'Patients', exact: true }).first().click();
    await a.page.getByRole('button', { name: 'Sync now' }).click();
    await a.page.goto(new URL(caseUrl, base).toString());
    await expect
      .poll(() => a.page.getByLabel('Age (years)', { exact: true }).inputValue(), {
        timeout: 20_000,
      })
      .toBe('53');
  });

  it('an edit made offline waits and goes up when the network is back', async () => {
    await b.context.setOffline(true);
    await b.page.getByLabel('Age (years)', { exact: true }).fill('55');
    await saved(b.page);
    await b.page.getByRole('link', { name: 'Patients', exact: true }).first().click();
    await b.page.getByRole('button', { name: 'Sync now' }).click();
    await b.page.locator('.sync-badge', { hasText: 'waiting to sync' }).waitFor();
    await screenshot(b.page, 'team-server-offline');
    await b.context.setOffline(false);
    await b.page.locator('.sync-badge', { hasText: /^synced$/ }).waitFor({ timeout: 30_000 });
  });

  it('a revoked token keeps local edits and asks for a new sign-in', async () => {
    await auth.revokeAll();
    await b.page.goto(new URL(caseUrl, base).toString());
    await b.page.getByLabel('Age (years)', { exact: true }).fill('56');
    await saved(b.page);
    await b.page.getByRole('link', { name: 'Patients', exact: true }).first().click();
    await b.page.getByRole('button', { name: 'Sync now' }).click();
    await expect
      .poll(() => b.page.getByTestId('team-status').innerText())
      .toMatch(/refused the sign-in \(401/);
    await b.page.locator('.sync-badge', { hasText: 'sign in again' }).waitFor();
    await b.page.getByRole('button', { name: 'Sign in again' }).click();
    // the authorization server still has B's sign-in session (single sign-on): it may come
    // straight back with a new code, or ask for the password again
    await b.page.waitForURL(/\/oidc\/interaction\/|\/patients\?code=/);
    if (b.page.url().includes('/oidc/interaction/')) {
      await b.page.getByLabel('User').fill('nurse.b');
      await b.page.getByLabel('Password').fill('bravo');
      await b.page.getByRole('button', { name: 'Sign in and allow' }).click();
    }
    await b.page.waitForURL(/\/patients$/);
    await b.page.getByTestId('team-status').filter({ hasText: 'Signed in at' }).waitFor();
    await b.page.locator('.sync-badge', { hasText: /^synced$/ }).waitFor({ timeout: 30_000 });
  });

  it('an EHR launch fills a new case from the EHR patient', async () => {
    const t = await smartSignIn({
      authorizationEndpoint: auth.authorizationEndpoint,
      tokenEndpoint: auth.tokenEndpoint,
      clientId: 'neuromod-planner',
      redirectUri: `${base}patients`,
      fhirBase: `${base}fhir`,
      scope: 'openid fhirUser user/*.*',
      username: 'dr.a',
      password: 'alpha',
    });
    const put = (type: string, id: string, body: object) =>
      fetch(`${base}fhir/${type}/${id}`, {
        method: 'PUT',
        headers: {
          'content-type': 'application/fhir+json',
          authorization: `Bearer ${t.access_token}`,
        },
        body: JSON.stringify({ resourceType: type, id, ...body }),
      });
    expect(
      (await put('Patient', 'ehr-7', { gender: 'male', birthDate: '1961-06-30' })).status,
    ).toBeLessThan(300);
    expect(
      (
        await put('Condition', 'ehr-7-c1', {
          subject: { reference: 'Patient/ehr-7' },
          clinicalStatus: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
                code: 'active',
              },
            ],
          },
          code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'G57.72' }] },
        })
      ).status,
    ).toBeLessThan(300);

    const launch = auth.registerLaunch('ehr-7');
    const c = await openApp(`/patients?iss=${encodeURIComponent(`${base}fhir`)}&launch=${launch}`, {
      baseURL: base,
    });
    sessions.push(c);
    await c.page.waitForURL(/\/oidc\/interaction\//);
    await c.page.getByLabel('User').fill('dr.a');
    await c.page.getByLabel('Password').fill('alpha');
    await c.page.getByRole('button', { name: 'Sign in and allow' }).click();
    await c.page.waitForURL(/\/patients$/);
    const card = c.page.getByRole('region', { name: 'Patient from the EHR launch' });
    await card.waitFor();
    const summary = await card.innerText();
    expect(summary).toMatch(
      /Patient\/ehr-7: male, \d\d years; CRPS II \/ causalgia, lower limb \(left\)/,
    );
    await a11y(c.page, 'EHR launch');
    await screenshot(c.page, 'team-server-ehr-launch', true);
    await c.page.getByLabel('Pseudonym for the new case').fill('Ibis-65');
    await c.page.getByRole('button', { name: 'Create case from the EHR' }).click();
    await c.page.waitForURL(/\/demographics$/);
    await expect.poll(() => c.page.getByLabel('Sex', { exact: true }).inputValue()).toBe('male');
    const id = caseId(new URL(c.page.url()).pathname);
    await expect
      .poll(
        async () =>
          (
            (await fhir.read('DocumentReference', caseRecordId(id)).catch(() => null))?.subject as
              { reference?: string } | undefined
          )?.reference,
      )
      .toBe('Patient/ehr-7');
  });
});
