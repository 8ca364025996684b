/**
 * A real OAuth 2 / OpenID Connect authorization server for SMART App Launch in the tests and
 * for local trials: oidc-provider with one public client (PKCE), SMART scopes, the `launch`
 * parameter of an EHR launch, a sign-in page with user and password, a patient picker for a
 * standalone launch with `launch/patient`, and the SMART `patient` context in the token
 * response. `verifyToken` is what the FHIR server of fhirServer.ts checks bearer tokens with.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { TokenCheck } from './fhirServer.ts';

export interface SmartUser {
  username: string;
  password: string;
  /** e.g. Practitioner/dr-a */
  fhirUser: string;
  displayName: string;
}

export interface SmartAuthOptions {
  clientId: string;
  redirectUris: string[];
  users: SmartUser[];
  /** patients offered by the picker of a standalone launch */
  patients?: { id: string; name: string }[];
  port?: number;
  /**
   * The issuer as browsers reach it when a reverse proxy serves this server under a path of
   * another origin (e.g. `http://127.0.0.1:4173/oidc`); requests arrive with that path.
   */
  publicIssuer?: string;
}

export interface RunningSmartAuth {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  server: Server;
  /** an EHR launch token bound to a patient (what the EHR puts in `launch=`) */
  registerLaunch(patientId: string): string;
  verifyToken(token: string): Promise<TokenCheck>;
  /** revokes every access token issued so far (a signed-out or expired session) */
  revokeAll(): Promise<void>;
  close(): Promise<void>;
}

const SCOPES = [
  'openid',
  'fhirUser',
  'profile',
  'launch',
  'launch/patient',
  'offline_access',
  'patient/*.read',
  'patient/*.*',
  'user/*.read',
  'user/*.*',
];

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><main><h1>${esc(title)}</h1>${body}</main></body></html>`;
}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let s = '';
    req.on('data', (c: Buffer) => (s += c.toString('utf8')));
    req.on('end', () => resolve(new URLSearchParams(s)));
    req.on('error', reject);
  });
}

export async function startSmartAuth(options: SmartAuthOptions): Promise<RunningSmartAuth> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer =
    options.publicIssuer?.replace(/\/$/, '') ??
    `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const prefix = new URL(issuer).pathname.replace(/\/$/, '');
  const launches = new Map<string, string>();
  /** grant id → SMART launch context */
  const contexts = new Map<string, { patient?: string }>();
  const issued = new Set<string>();
  const users = new Map(options.users.map((u) => [u.username, u]));

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), use: 'sig', kid: 'test-key' };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        token_endpoint_auth_method: 'none',
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    scopes: SCOPES,
    claims: { openid: ['sub'], fhirUser: ['fhirUser'], profile: ['name'] },
    extraParams: ['launch', 'aud'],
    jwks: { keys: [jwk as never] },
    cookies: { keys: [randomUUID()] },
    features: { devInteractions: { enabled: false } },
    // the id token carries fhirUser, which SMART apps read to name the signed-in user
    conformIdTokenClaims: false,
    clientBasedCORS: () => true,
    pkce: { required: () => true },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) =>
        `${prefix}/interaction/${interaction.uid}`,
    },
    findAccount: (_ctx: unknown, sub: string) => {
      const user = [...users.values()].find((u) => u.username === sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        claims: () => ({ sub, fhirUser: user.fhirUser, name: user.displayName }),
      };
    },
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 120,
      Grant: 3600,
      Interaction: 600,
      Session: 3600,
    },
  });
  provider.proxy = false;

  // the SMART launch context travels in the token response (SMART App Launch 2.x, "patient")
  provider.use(
    async (ctx: { path: string; status: number; body: unknown }, next: () => Promise<void>) => {
      await next();
      if (ctx.path !== '/token' || ctx.status !== 200) return;
      const body = ctx.body as Record<string, unknown> | undefined;
      const token = typeof body?.access_token === 'string' ? body.access_token : null;
      if (!token) return;
      issued.add(token);
      const at = await provider.AccessToken.find(token);
      const context = at?.grantId ? contexts.get(at.grantId) : undefined;
      if (context?.patient) ctx.body = { ...body, patient: context.patient };
    },
  );

  const callback = provider.callback();
  server.on('request', (req: IncomingMessage & { originalUrl?: string }, res) => {
    if (prefix && req.url?.startsWith(prefix)) {
      // behind a proxy: oidc-provider reads its mount path from originalUrl
      req.originalUrl = req.url;
      req.url = req.url.slice(prefix.length) || '/';
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const m = /^\/interaction\/([^/]+)(\/login)?$/.exec(url.pathname);
    if (!m) {
      callback(req, res);
      return;
    }
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      const params = details.params as Record<string, string | undefined>;
      const scopes = (params.scope ?? '').split(/\s+/);
      const launch = params.launch;
      const launchPatient = launch ? launches.get(launch) : undefined;
      const wantsPatientPicker = scopes.includes('launch/patient') && !launchPatient;
      const form = (error?: string) =>
        page(
          'Sign in to the test FHIR server',
          `${error ? `<p role="alert">${esc(error)}</p>` : ''}
<form method="post" action="${esc(prefix)}/interaction/${esc(details.uid)}/login">
<p><label for="username">User</label> <input id="username" name="username" autocomplete="username"></p>
<p><label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password"></p>
${
  wantsPatientPicker
    ? `<p><label for="patient">Patient</label> <select id="patient" name="patient">${(
        options.patients ?? []
      )
        .map((p) => `<option value="${esc(p.id)}">${esc(p.name)}</option>`)
        .join('')}</select></p>`
    : ''
}
<p>Requested access: ${esc(scopes.join(' '))}</p>
<button type="submit">Sign in and allow</button>
</form>`,
        );
      if (!m[2] || req.method !== 'POST') {
        if (launch && !launchPatient) {
          res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
          res.end(page('Unknown launch', '<p>This EHR launch is not known to the server.</p>'));
          return;
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(form());
        return;
      }
      const f = await readForm(req);
      const user = users.get(f.get('username') ?? '');
      if (!user || user.password !== f.get('password')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(form('Wrong user or password.'));
        return;
      }
      const patient =
        launchPatient ?? (wantsPatientPicker ? (f.get('patient') ?? undefined) : undefined);
      const grant = new provider.Grant({
        accountId: user.username,
        clientId: params.client_id ?? '',
      });
      grant.addOIDCScope(scopes.filter((s) => SCOPES.includes(s)).join(' '));
      const grantId = await grant.save();
      contexts.set(grantId, patient ? { patient } : {});
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: user.username }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
    })().catch((e: unknown) => {
      if (!res.headersSent) {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`Sign-in failed: ${String(e)}`);
      }
    });
  });

  return {
    issuer,
    authorizationEndpoint: `${issuer}/auth`,
    tokenEndpoint: `${issuer}/token`,
    server,
    registerLaunch(patientId) {
      const id = randomUUID();
      launches.set(id, patientId);
      return id;
    },
    async verifyToken(token) {
      const at = await provider.AccessToken.find(token);
      if (!at) return { ok: false, reason: 'unknown or revoked token' };
      if (at.isExpired) return { ok: false, reason: 'token expired' };
      return { ok: true, scope: at.scope ?? '' };
    },
    async revokeAll() {
      for (const t of issued) {
        const at = await provider.AccessToken.find(t);
        if (at) await at.destroy();
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
