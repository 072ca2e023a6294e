// Test helpers: an HTTPS client with a cookie jar (a stand-in for the browser) and the authorization-code + PKCE
// flow driven by plain HTTP, the way msal-browser and the sign-in page would.

import { createHash, randomBytes } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import type { Tenant } from './types.ts';

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  body?: string;
  form?: Record<string, string>;
  json?: unknown;
}

export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(private readonly tenant: Tenant) {}

  async request(method: string, target: string, options: RequestOptions = {}): Promise<HttpResponse> {
    const url = new URL(target, this.tenant.url);
    const headers: Record<string, string> = { ...options.headers };
    let body = options.body;
    if (options.form) {
      body = new URLSearchParams(options.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    }
    if (this.cookies.size) headers['cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return new Promise((resolve, reject) => {
      const req = httpsRequest(url, { method, headers, ca: this.tenant.ca }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          for (const cookie of res.headers['set-cookie'] ?? []) {
            const [pair = ''] = cookie.split(';');
            const eq = pair.indexOf('=');
            const name = pair.slice(0, eq);
            const value = pair.slice(eq + 1);
            if (/expires=Thu, 01 Jan 1970/i.test(cookie) || value === '') this.cookies.delete(name);
            else this.cookies.set(name, value);
          }
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: <T>() => JSON.parse(text) as T,
          });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  get(target: string, headers?: Record<string, string>): Promise<HttpResponse> {
    return this.request('GET', target, { headers });
  }
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface SignInOptions {
  /** Tenant id, domain, organizations or common. */
  authority: string;
  username?: string;
  password?: string;
  scopes?: string[];
  prompt?: string;
  loginHint?: string;
  redirectUri?: string;
  consent?: 'accept' | 'cancel';
}

export interface SignInResult {
  /** Parameters of the final redirect's fragment (code or error, state...). */
  params: URLSearchParams;
  verifier: string;
  state: string;
  nonce: string;
  /** HTML of the last page when the flow stopped on a page (an error, or a sign-in error). */
  page?: string;
  pageStatus?: number;
}

/** The product's common permissions (lib/connectors/services.ts COMMON_PERMISSIONS, offline_access aside). */
export const GRAPH_SCOPES = [
  'User.Read',
  'Directory.Read.All',
  'AuditLog.Read.All',
  'ServiceHealth.Read.All',
  'RoleEligibilitySchedule.Read.Directory',
  'RoleAssignmentSchedule.Read.Directory',
];

export function scopeString(scopes: string[]): string {
  return ['openid', 'profile', 'offline_access', ...scopes.map((s) => `https://graph.microsoft.com/${s}`)].join(' ');
}

/** Runs authorize -> sign-in -> consent -> redirect, as far as it goes. */
export async function signIn(browser: Browser, tenant: Tenant, options: SignInOptions): Promise<SignInResult> {
  const { verifier, challenge } = pkce();
  const state = randomBytes(8).toString('hex');
  const nonce = randomBytes(8).toString('hex');
  const redirectUri = options.redirectUri ?? 'https://iaoafjmjbhidbadlbfodfadofaghkmon.chromiumapp.org/';
  const query = new URLSearchParams({
    client_id: tenant.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: scopeString(options.scopes ?? GRAPH_SCOPES),
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    response_mode: 'fragment',
    client_info: '1',
  });
  if (options.prompt) query.set('prompt', options.prompt);
  if (options.loginHint) query.set('login_hint', options.loginHint);
  let res = await browser.get(`/${options.authority}/oauth2/v2.0/authorize?${query.toString()}`);
  let credentialsSent = false;
  for (let step = 0; step < 20; step++) {
    if (res.status === 302 || res.status === 303) {
      const location = String(res.headers.location);
      if (location.startsWith(redirectUri)) {
        const url = new URL(location);
        return { params: new URLSearchParams(url.hash.slice(1) || url.search.slice(1)), verifier, state, nonce };
      }
      res = await browser.get(location);
      continue;
    }
    const action = /<form method="post" action="([^"]+)"/
      .exec(res.text)?.[1]
      ?.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
    if (res.status === 200 && action && res.text.includes('id="username"') && !credentialsSent) {
      credentialsSent = true;
      res = await browser.request('POST', action, { form: { username: options.username ?? '', password: options.password ?? '' } });
      continue;
    }
    if (res.status === 200 && action && res.text.includes('id="accept"')) {
      res = await browser.request('POST', action, { form: { decision: options.consent ?? 'accept' } });
      continue;
    }
    return { params: new URLSearchParams(), verifier, state, nonce, page: res.text, pageStatus: res.status };
  }
  throw new Error('sign-in did not finish in 20 steps');
}

export async function redeemCode(
  browser: Browser,
  tenant: Tenant,
  authority: string,
  code: string,
  verifier: string,
  scopes: string[] = GRAPH_SCOPES,
): Promise<HttpResponse> {
  return browser.request('POST', `/${authority}/oauth2/v2.0/token`, {
    headers: { origin: 'chrome-extension://iaoafjmjbhidbadlbfodfadofaghkmon' },
    form: {
      client_id: tenant.clientId,
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: 'https://iaoafjmjbhidbadlbfodfadofaghkmon.chromiumapp.org/',
      scope: scopeString(scopes),
      client_info: '1',
    },
  });
}

export async function refresh(
  browser: Browser,
  tenant: Tenant,
  authority: string,
  refreshToken: string,
  scopes: string[] = GRAPH_SCOPES,
): Promise<HttpResponse> {
  return browser.request('POST', `/${authority}/oauth2/v2.0/token`, {
    form: {
      client_id: tenant.clientId,
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      scope: scopeString(scopes),
      client_info: '1',
    },
  });
}

export interface Tokens {
  access_token: string;
  refresh_token: string;
  id_token: string;
  scope: string;
  expires_in: number;
  client_info: string;
  [key: string]: unknown;
}

/** Signs in and redeems the code; throws with the page or error when it does not work. */
export async function acquireTokens(
  tenant: Tenant,
  options: SignInOptions & { browser?: Browser },
): Promise<{ browser: Browser; tokens: Tokens }> {
  const browser = options.browser ?? new Browser(tenant);
  const result = await signIn(browser, tenant, options);
  const code = result.params.get('code');
  if (!code) throw new Error(`no code: ${result.params.toString()} ${result.page ?? ''}`);
  const res = await redeemCode(browser, tenant, options.authority, code, result.verifier, options.scopes);
  if (res.status !== 200) throw new Error(`token endpoint ${res.status}: ${res.text}`);
  return { browser, tokens: res.json<Tokens>() };
}

export function decodeJwtPayload(jwt: string): Record<string, unknown> {
  const [, payload = ''] = jwt.split('.');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

export async function graph(browser: Browser, path: string, token?: string, headers: Record<string, string> = {}): Promise<HttpResponse> {
  const target = path.startsWith('https://') ? path : `/v1.0${path}`;
  return browser.get(target, { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers });
}

/** The first org's Global Administrator signed in for `scopes`: the client and its access token. */
export async function adminToken(tenant: Tenant, scopes: string[]): Promise<{ browser: Browser; token: string }> {
  const org = tenant.orgs[0]!;
  const { browser, tokens } = await acquireTokens(tenant, {
    authority: org.tenantId,
    username: org.admin.userPrincipalName,
    password: org.admin.password,
    scopes,
  });
  return { browser, token: tokens.access_token };
}
