/**
 * The SMART authorization-code flow with PKCE driven over HTTP from Node, as a browser would
 * run it (redirects followed by hand, cookies kept, the sign-in form posted): the Node tests get
 * real tokens from the real authorization server this way.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface FlowResult {
  access_token: string;
  scope: string;
  patient?: string;
  id_token?: string;
}

const b64url = (b: Buffer) => b.toString('base64url');

export async function smartSignIn(opts: {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  clientId: string;
  redirectUri: string;
  fhirBase: string;
  scope: string;
  username: string;
  password: string;
  launch?: string;
  patient?: string;
}): Promise<FlowResult> {
  const verifier = b64url(randomBytes(32));
  const challenge = b64url(createHash('sha256').update(verifier).digest());
  const state = b64url(randomBytes(8));
  const auth = new URL(opts.authorizationEndpoint);
  auth.search = new URLSearchParams({
    response_type: 'code',
    client_id: opts.clientId,
    redirect_uri: opts.redirectUri,
    scope: opts.scope,
    state,
    aud: opts.fhirBase,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...(opts.launch ? { launch: opts.launch } : {}),
  }).toString();

  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  const go = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: cookieHeader() },
    });
    keep(res);
    return res;
  };

  let res = await go(auth.toString());
  let url = auth.toString();
  for (let hop = 0; hop < 10; hop++) {
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url).toString();
      if (url.startsWith(opts.redirectUri)) break;
      res = await go(url);
      continue;
    }
    if (res.status !== 200) throw new Error(`Sign-in: ${res.status} ${await res.text()}`);
    const html = await res.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`Sign-in: no form in ${html.slice(0, 200)}`);
    const body = new URLSearchParams({ username: opts.username, password: opts.password });
    if (opts.patient) body.set('patient', opts.patient);
    const post = new URL(action, url).toString();
    res = await go(post, {
      method: 'POST',
      body: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    if (res.status === 200) {
      const again = await res.text();
      const alert = /<p role="alert">([^<]+)<\/p>/.exec(again)?.[1];
      throw new Error(`Sign-in refused: ${alert ?? again.slice(0, 200)}`);
    }
    url = post;
  }
  const back = new URL(url);
  if (back.searchParams.get('state') !== state) throw new Error('Sign-in: state mismatch');
  const code = back.searchParams.get('code');
  if (!code) throw new Error(`Sign-in: no code (${back.searchParams.get('error') ?? url})`);
  const token = await fetch(opts.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: opts.redirectUri,
      client_id: opts.clientId,
      code_verifier: verifier,
    }).toString(),
  });
  if (!token.ok) throw new Error(`Token: ${token.status} ${await token.text()}`);
  return (await token.json()) as FlowResult;
}
