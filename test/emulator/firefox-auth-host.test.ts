// @vitest-environment happy-dom
// The Firefox build's auth host: msal-browser living directly in the background event page (a document with a DOM,
// localStorage, sessionStorage and cookies), as lib/worker/auth-host.ts picks it for Firefox. happy-dom stands in
// for the event page; the local tenant stands in for Entra ID. Only the network is adapted: happy-dom's fetch would
// refuse the tenant's self-signed certificate, so msal's requests go through the test's HTTPS client (with the
// tenant's CA), and the browser's auth window is played by the same client following the authorize URL.

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuthUrlRequest, MsalTarget } from '../../lib/auth/types';
import { AppError } from '../../lib/errors/app-error';
import { MsalHost } from '../../lib/msal-host/msal-host';
import { startTenant, type Tenant } from './index.ts';
import { Browser, decodeJwtPayload } from './test-support.ts';

/** The shape of browser.identity.getRedirectURL() in Firefox: a per-add-on host under extensions.allizom.org. */
const FIREFOX_REDIRECT_URI = 'https://2b6e1e0b6c7c2ffb1f0e2a4d7c3f5b9e1d2c3a4b.extensions.allizom.org/';
const SCOPES = ['https://graph.microsoft.com/User.Read'];

let tenant: Tenant;
let org: Tenant['orgs'][number];
let target: MsalTarget;
/** Every request msal made, to prove where tokens and codes went. */
let msalRequests: Array<{ method: string; url: string; body: string }> = [];
/** This "browser session's" msal cache key (lib/config/msal-cache-key.ts keeps it in storage.session). */
let sessionKey = newKey();
/** An msal host as the Firefox event page makes one, with the session's key. */
const newHost = () => new MsalHost(FIREFOX_REDIRECT_URI, () => Promise.resolve(sessionKey));

function newKey(): string {
  return JSON.stringify({ id: crypto.randomUUID(), key: Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url') });
}

/** Every answer's body, to know the exact tokens the tenant issued. */
let msalAnswers: string[] = [];

beforeAll(async () => {
  tenant = await startTenant({ orgs: [{ users: 3 }], redirectUris: [FIREFOX_REDIRECT_URI] });
  org = tenant.orgs[0]!;
  target = { clientId: tenant.clientId, authorityHost: tenant.url, tenant: org.domain };
  const network = new Browser(tenant);
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const body = typeof init?.body === 'string' ? init.body : init?.body instanceof URLSearchParams ? init.body.toString() : '';
    msalRequests.push({ method: init?.method ?? 'GET', url, body });
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => (headers[key] = value));
    const answer = await network.request(init?.method ?? 'GET', url, { headers, body: body || undefined });
    msalAnswers.push(answer.text);
    const answerHeaders = new Headers();
    for (const [key, value] of Object.entries(answer.headers)) if (typeof value === 'string') answerHeaders.set(key, value);
    return new Response(answer.text, { status: answer.status, headers: answerHeaders });
  });
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await tenant.close();
});
beforeEach(() => {
  // A fresh event page each test: empty storage and no cookies (the cache key cookie included).
  localStorage.clear();
  sessionStorage.clear();
  for (const cookie of document.cookie.split(';')) {
    const name = cookie.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=;path=/;max-age=0`;
  }
  msalRequests = [];
  msalAnswers = [];
  sessionKey = newKey();
  tenant.control.setSigninState(null);
});

/** The auth window: follow the authorize URL, sign in, consent, and stop at the redirect back to the extension. */
async function authWindow(authorizeUrl: string, account = org.admin): Promise<string> {
  const window = new Browser(tenant);
  let res = await window.get(authorizeUrl);
  let signedIn = false;
  for (let step = 0; step < 20; step++) {
    const location = res.headers.location;
    if ((res.status === 302 || res.status === 303) && typeof location === 'string') {
      if (location.startsWith(FIREFOX_REDIRECT_URI)) return location;
      res = await window.get(location);
      continue;
    }
    const action = /<form method="post" action="([^"]+)"/
      .exec(res.text)?.[1]
      ?.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
    if (action && res.text.includes('id="username"') && !signedIn) {
      signedIn = true;
      res = await window.request('POST', action, { form: { username: account.userPrincipalName, password: account.password } });
    } else if (action && res.text.includes('id="accept"')) {
      res = await window.request('POST', action, { form: { decision: 'accept' } });
    } else {
      throw new Error(`the auth window stopped on a page (HTTP ${res.status})`);
    }
  }
  throw new Error('the sign-in did not finish in 20 steps');
}

function request(overrides: Partial<AuthUrlRequest> = {}): AuthUrlRequest {
  return { target, scopes: SCOPES, loginHint: org.admin.userPrincipalName, ...overrides };
}

async function grant(host: MsalHost) {
  const url = await host.buildAuthUrl(request());
  return host.completeAuth(target, await authWindow(url));
}

describe('the Firefox auth host (msal in the background page)', () => {
  it('builds an authorization-code + PKCE request for the tenant, with state and nonce, without navigating', async () => {
    const host = newHost();
    const url = new URL(await host.buildAuthUrl(request()));
    expect(`${url.origin}${url.pathname}`).toBe(`${tenant.url}/${org.domain}/oauth2/v2.0/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: tenant.clientId,
      redirect_uri: FIREFOX_REDIRECT_URI,
      response_type: 'code',
      response_mode: 'fragment',
      code_challenge_method: 'S256',
      login_hint: org.admin.userPrincipalName,
    });
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(window.location.href).not.toContain(tenant.url);
  });

  it('signs in, answers tokens from its cache, survives a restart of the page, and forgets the account on sign-out', async () => {
    const host = newHost();
    const account = await grant(host);
    expect(account).toMatchObject({ tenantId: org.tenantId, username: org.admin.userPrincipalName, objectId: org.admin.id });
    expect(JSON.stringify(account)).not.toMatch(/eyJ/);

    const token = await host.acquireToken(target, account.homeAccountId, SCOPES);
    expect(decodeJwtPayload(token.accessToken)).toMatchObject({ tid: org.tenantId, oid: org.admin.id });

    // The event page was unloaded and woke again: a new msal instance reads the same cache (same key cookie) and
    // gets a token for the account without a sign-in window.
    const woken = newHost();
    const renewed = await woken.acquireToken(target, account.homeAccountId, SCOPES);
    expect(decodeJwtPayload(renewed.accessToken)).toMatchObject({ tid: org.tenantId, oid: org.admin.id });

    await woken.signOut(target, account.homeAccountId);
    await expect(woken.acquireToken(target, account.homeAccountId, SCOPES)).rejects.toMatchObject({ code: 'signed_out' });
  });

  it('forgets the cache with the browser session (its key is in memory only): signed out, never "expired"', async () => {
    const account = await grant(newHost());
    expect(Object.keys(localStorage).some((key) => key.toLowerCase().includes('refreshtoken'))).toBe(true);
    // A browser restart empties storage.session: a new key; the ciphertext stays in localStorage, now unreadable.
    sessionKey = newKey();
    msalRequests = [];
    const restarted = newHost();
    await expect(restarted.acquireToken(target, account.homeAccountId, SCOPES)).rejects.toMatchObject({ code: 'signed_out' });
    await expect(restarted.renewToken(target, account.homeAccountId, SCOPES)).rejects.toMatchObject({ code: 'signed_out' });
    // Nothing was asked of the tenant, and msal removed what it can no longer read.
    expect(msalRequests.filter((r) => r.url.includes('/oauth2/'))).toEqual([]);
    expect(Object.keys(localStorage).some((key) => key.toLowerCase().includes('refreshtoken'))).toBe(false);
  });

  it("renews with the refresh token (the monitor's check), at the tenant's token endpoint", async () => {
    const host = newHost();
    const account = await grant(host);
    const before = msalRequests.length;
    const renewed = await host.renewToken(target, account.homeAccountId, SCOPES);
    expect(decodeJwtPayload(renewed.accessToken)).toMatchObject({ oid: org.admin.id });
    const refreshes = msalRequests.slice(before).filter((r) => r.body.includes('grant_type=refresh_token'));
    expect(refreshes).toHaveLength(1);
    const url = new URL(refreshes[0]!.url);
    expect(url.origin).toBe(tenant.url);
    expect(url.pathname).toMatch(/\/oauth2\/v2\.0\/token$/);
  });

  it('sends the code, the verifier and the refresh token only to the tenant sign-in host', async () => {
    const host = newHost();
    await grant(host);
    expect(msalRequests.length).toBeGreaterThan(0);
    for (const sent of msalRequests) expect(new URL(sent.url).origin).toBe(tenant.url);
    expect(msalRequests.some((r) => r.body.includes('code_verifier='))).toBe(true);
  });

  it('refuses an answer whose state it did not send (a forged or replayed redirect)', async () => {
    const host = newHost();
    const answer = new URL(await authWindow(await host.buildAuthUrl(request())));
    const params = new URLSearchParams(answer.hash.slice(1));
    params.set('state', `${params.get('state')}x`);
    answer.hash = params.toString();
    const refused = await host.completeAuth(target, answer.href).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(msalRequests.filter((r) => r.url.includes('/token'))).toEqual([]);
  });

  it('lets a new sign-in start after one was abandoned (window closed)', async () => {
    const host = newHost();
    await host.buildAuthUrl(request());
    await host.abandonAuth();
    await host.buildAuthUrl(request({ prompt: 'none' }));
    await host.abandonAuth();
    const account = await grant(host);
    expect(account.username).toBe(org.admin.userPrincipalName);
  });

  it('keeps msal cache entries only in localStorage, never in plain text, and no key in a cookie', async () => {
    const host = newHost();
    const account = await grant(host);
    const token = await host.acquireToken(target, account.homeAccountId, SCOPES);
    const stored = Object.keys(localStorage)
      .map((key) => localStorage.getItem(key) ?? '')
      .join('\n');
    expect(stored.length).toBeGreaterThan(0);
    expect(stored).not.toContain(token.accessToken);
    expect(stored).not.toMatch(/eyJ[\w-]+\.eyJ/);
    // The key was lent to msal through its cookie only while it started: nothing of it stays in the cookie jar.
    expect(document.cookie).not.toContain('msal.cache.encryption');
  });

  it('encrypts the cache even when Entra says "keep me signed in" (signin_state kmsi), where msal would write plain text', async () => {
    tenant.control.setSigninState(['kmsi']);
    const host = newHost();
    const account = await grant(host);
    await host.renewToken(target, account.homeAccountId, SCOPES);
    const issued = msalAnswers
      .filter((text) => text.includes('"access_token"'))
      .map((text) => JSON.parse(text) as { access_token: string; refresh_token: string; id_token: string });
    expect(issued.length).toBe(2);
    // The tenant did say it: msal alone would have stored these tokens in plain text (msal-common isKmsi).
    expect(decodeJwtPayload(issued[0]!.id_token).signin_state).toEqual(['kmsi']);
    const stored = Object.keys(localStorage)
      .map((key) => localStorage.getItem(key) ?? '')
      .join('\n');
    for (const tokens of issued) {
      expect(stored).not.toContain(tokens.access_token);
      expect(stored).not.toContain(tokens.refresh_token);
      expect(stored).not.toContain(tokens.id_token.split('.')[1]);
    }
    expect(stored).not.toMatch(/eyJ[\w-]+\.eyJ/);
    expect(stored).not.toContain('"secret"');
    // msal still reads its own (encrypted) cache: the account and its refresh token are there.
    const again = await host.acquireToken(target, account.homeAccountId, SCOPES);
    expect(decodeJwtPayload(again.accessToken)).toMatchObject({ tid: org.tenantId, oid: org.admin.id });
  });
});
