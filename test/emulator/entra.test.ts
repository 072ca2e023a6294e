/* eslint-disable @typescript-eslint/no-unsafe-assignment -- vitest's asymmetric matchers (expect.any, expect.stringContaining) are typed any. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTenant, type Tenant } from './index.ts';
import { acquireTokens, Browser, decodeJwtPayload, graph, pkce, redeemCode, refresh, signIn, type Tokens } from './test-support.ts';

let tenant: Tenant;
let contoso: Tenant['orgs'][number];
let fabrikam: Tenant['orgs'][number];

beforeAll(async () => {
  tenant = await startTenant({ orgs: [{ users: 20 }, { users: 10 }] });
  [contoso, fabrikam] = tenant.orgs as [Tenant['orgs'][number], Tenant['orgs'][number]];
});
afterAll(() => tenant.close());

const admin = () => ({ username: contoso.admin.userPrincipalName, password: contoso.admin.password });

describe('discovery', () => {
  it.each([
    ['tenant id', () => contoso.tenantId],
    ['domain', () => contoso.domain],
  ])('is Entra-shaped for an authority by %s', async (_, segment) => {
    const res = await new Browser(tenant).get(`/${segment()}/v2.0/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const meta = res.json();
    const base = `${tenant.url}/${contoso.tenantId}`;
    expect(meta).toMatchObject({
      issuer: `${base}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
    });
    const keys = await new Browser(tenant).get(new URL(String(meta.jwks_uri)).pathname);
    expect(keys.json<{ keys: Array<{ kty: string; kid: string }> }>().keys[0]).toMatchObject({ kty: 'RSA' });
  });

  it('gives the multi-tenant authorities a {tenantid} issuer', async () => {
    const meta = (await new Browser(tenant).get('/organizations/v2.0/.well-known/openid-configuration')).json();
    expect(meta.issuer).toBe(`${tenant.url}/{tenantid}/v2.0`);
    expect(meta.token_endpoint).toBe(`${tenant.url}/organizations/oauth2/v2.0/token`);
  });

  it('answers AADSTS90002 for an unknown tenant', async () => {
    const res = await new Browser(tenant).get('/nope.onmicrosoft.com/v2.0/.well-known/openid-configuration');
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_tenant', error_codes: [90002] });
  });
});

describe('authorization code + PKCE', () => {
  let tokens: Tokens;
  let browser: Browser;

  beforeAll(async () => {
    ({ browser, tokens } = await acquireTokens(tenant, { authority: contoso.tenantId, ...admin() }));
  });

  it('issues Entra-shaped tokens', () => {
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600 });
    // The fixed 24 h horizon counts from the sign-in, a moment before the answer: whole seconds left may read 86399.
    expect(tokens.refresh_token_expires_in).toBeGreaterThanOrEqual(86_399);
    expect(tokens.refresh_token_expires_in).toBeLessThanOrEqual(86_400);
    expect(tokens.scope.split(' ')).toEqual(expect.arrayContaining(['User.Read', 'Directory.Read.All']));
    expect(tokens.scope).not.toContain('https://graph.microsoft.com/');
    expect(JSON.parse(Buffer.from(tokens.client_info, 'base64url').toString())).toEqual({ uid: contoso.admin.id, utid: contoso.tenantId });
  });

  it('puts the expected claims in the ID token', () => {
    const id = decodeJwtPayload(tokens.id_token);
    expect(id).toMatchObject({
      iss: `${tenant.url}/${contoso.tenantId}/v2.0`,
      aud: tenant.clientId,
      tid: contoso.tenantId,
      oid: contoso.admin.id,
      preferred_username: contoso.admin.userPrincipalName,
      name: contoso.admin.displayName,
      ver: '2.0',
    });
    expect(id.nonce).toEqual(expect.any(String));
  });

  it('puts the expected claims in the Graph access token', () => {
    const at = decodeJwtPayload(tokens.access_token);
    expect(at).toMatchObject({
      aud: 'https://graph.microsoft.com',
      tid: contoso.tenantId,
      oid: contoso.admin.id,
      upn: contoso.admin.userPrincipalName,
      appid: tenant.clientId,
      wids: expect.arrayContaining(['62e90394-69f5-4237-9190-012177145e10', 'b79fbf4d-3ef9-4689-8143-76b194e85509']),
    });
    expect(String(at.scp).split(' ')).toEqual(expect.arrayContaining(['User.Read', 'AuditLog.Read.All']));
  });

  it('round-trips state and nonce, and works with the domain authority', async () => {
    const result = await signIn(new Browser(tenant), tenant, { authority: contoso.domain, ...admin() });
    expect(result.params.get('state')).toBe(result.state);
    const res = await redeemCode(new Browser(tenant), tenant, contoso.domain, result.params.get('code') ?? '', result.verifier);
    expect(decodeJwtPayload(res.json<Tokens>().id_token).nonce).toBe(result.nonce);
  });

  it('refuses a tampered code_verifier with AADSTS501481', async () => {
    const result = await signIn(new Browser(tenant), tenant, { authority: contoso.tenantId, ...admin() });
    const res = await redeemCode(new Browser(tenant), tenant, contoso.tenantId, result.params.get('code') ?? '', pkce().verifier);
    expect(res.status).toBe(400);
    const body = res.json();
    expect(body).toMatchObject({ error: 'invalid_grant', error_codes: [501481] });
    expect(body.error_description).toMatch(
      /^AADSTS501481: The Code_Verifier doesn't match the code_challenge supplied in the authorization request/,
    );
    expect(body).toHaveProperty('trace_id');
    expect(body).toHaveProperty('correlation_id');
    expect(body).toHaveProperty('timestamp');
    expect(res.headers['access-control-allow-origin']).toBe('chrome-extension://iaoafjmjbhidbadlbfodfadofaghkmon');
  });

  it('refuses a code redeemed twice', async () => {
    const result = await signIn(new Browser(tenant), tenant, { authority: contoso.tenantId, ...admin() });
    const code = result.params.get('code') ?? '';
    expect((await redeemCode(new Browser(tenant), tenant, contoso.tenantId, code, result.verifier)).status).toBe(200);
    const again = await redeemCode(new Browser(tenant), tenant, contoso.tenantId, code, result.verifier);
    expect(again.json()).toMatchObject({ error: 'invalid_grant', error_codes: [54005] });
  });

  it('refuses the plain PKCE method', async () => {
    const query = new URLSearchParams({
      client_id: tenant.clientId,
      response_type: 'code',
      redirect_uri: 'https://iaoafjmjbhidbadlbfodfadofaghkmon.chromiumapp.org/',
      scope: 'openid User.Read',
      code_challenge: 'a'.repeat(43),
      code_challenge_method: 'plain',
      response_mode: 'fragment',
      state: 's',
    });
    const res = await new Browser(tenant).get(`/${contoso.tenantId}/oauth2/v2.0/authorize?${query.toString()}`);
    const fragment = new URLSearchParams(new URL(String(res.headers.location)).hash.slice(1));
    expect(fragment.get('error')).toBe('invalid_request');
    expect(fragment.get('error_description')).toMatch(/^AADSTS\d+: /);
  });

  it('allows the token endpoint from any origin', async () => {
    const res = await browser.request('OPTIONS', `/${contoso.tenantId}/oauth2/v2.0/token`, {
      headers: { origin: 'chrome-extension://abc', 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toMatch(/chrome-extension:\/\/abc|\*/);
  });
});

describe('refresh tokens', () => {
  it('refresh works and rotates', async () => {
    const { browser, tokens } = await acquireTokens(tenant, { authority: contoso.tenantId, ...admin() });
    const res = await refresh(browser, tenant, contoso.tenantId, tokens.refresh_token);
    expect(res.status).toBe(200);
    const next = res.json<Tokens>();
    expect(next.refresh_token).not.toBe(tokens.refresh_token);
    expect(next.refresh_token_expires_in).toBeLessThanOrEqual(86400);
    expect(decodeJwtPayload(next.id_token).tid).toBe(contoso.tenantId);
  });

  it('fails with AADSTS700084 after the fixed SPA horizon', async () => {
    const t = await startTenant({ refreshTokenLifetimeSeconds: 1, orgs: [{ users: 2 }] });
    try {
      const org = t.orgs[0]!;
      const { browser, tokens } = await acquireTokens(t, {
        authority: org.tenantId,
        username: org.admin.userPrincipalName,
        password: org.admin.password,
      });
      expect(tokens.refresh_token_expires_in).toBeLessThanOrEqual(1);
      t.control.advanceTime(1_100);
      const res = await refresh(browser, t, org.tenantId, tokens.refresh_token);
      expect(res.json()).toMatchObject({ error: 'invalid_grant', error_codes: [700084] });
      expect(String(res.json().error_description)).toContain('single page app (SPA)');
    } finally {
      await t.close();
    }
  });

  it('fails with AADSTS700084 after expireTokens({ refresh: true }) and 401s old access tokens after expireTokens()', async () => {
    const { browser, tokens } = await acquireTokens(tenant, {
      authority: contoso.tenantId,
      username: contoso.user.userPrincipalName,
      password: contoso.user.password,
    });
    expect((await graph(browser, '/me', tokens.access_token)).status).toBe(200);
    tenant.control.expireTokens({ refresh: true });
    expect((await refresh(browser, tenant, contoso.tenantId, tokens.refresh_token)).json()).toMatchObject({ error_codes: [700084] });
    expect((await graph(browser, '/me', tokens.access_token)).status).toBe(200);
    tenant.control.expireTokens({ access: true });
    const me = await graph(browser, '/me', tokens.access_token);
    expect(me.status).toBe(401);
    expect(me.json()).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
  });

  it('fails with AADSTS50173 after revokeGrants, and Graph answers 401', async () => {
    const { browser, tokens } = await acquireTokens(tenant, { authority: contoso.tenantId, ...admin() });
    tenant.control.revokeGrants(contoso.admin.userPrincipalName);
    const res = await refresh(browser, tenant, contoso.tenantId, tokens.refresh_token);
    expect(res.json()).toMatchObject({ error: 'invalid_grant', error_codes: [50173] });
    expect(String(res.json().error_description)).toMatch(/^AADSTS50173: The provided grant has expired due to it being revoked/);
    expect((await graph(browser, '/me', tokens.access_token)).status).toBe(401);
    // A new sign-in works again.
    const fresh = await acquireTokens(tenant, { authority: contoso.tenantId, ...admin() });
    expect((await graph(fresh.browser, '/me', fresh.tokens.access_token)).status).toBe(200);
  });

  it('needs consent again after removeConsent (AADSTS65001)', async () => {
    const user = contoso.user;
    const { browser, tokens } = await acquireTokens(tenant, {
      authority: contoso.tenantId,
      username: user.userPrincipalName,
      password: user.password,
    });
    tenant.control.removeConsent(user.userPrincipalName);
    const res = await refresh(browser, tenant, contoso.tenantId, tokens.refresh_token);
    expect(res.json()).toMatchObject({ error: 'invalid_grant', error_codes: [65001], suberror: 'consent_required' });
    const silent = await signIn(browser, tenant, { authority: contoso.tenantId, prompt: 'none' });
    expect(silent.params.get('error')).toBe('consent_required');
    expect(silent.params.get('error_description')).toMatch(/^AADSTS65001: /);
  });
});

describe('sessions and prompts', () => {
  it('prompt=none succeeds with a session and prior consent, without any page', async () => {
    const { browser } = await acquireTokens(tenant, { authority: contoso.tenantId, ...admin() });
    const silent = await signIn(browser, tenant, { authority: contoso.tenantId, prompt: 'none' });
    expect(silent.params.get('code')).toBeTruthy();
    expect(silent.params.get('client_info')).toBeTruthy();
  });

  it('prompt=none without a session redirects with login_required AADSTS50058', async () => {
    const silent = await signIn(new Browser(tenant), tenant, { authority: contoso.tenantId, prompt: 'none' });
    expect(silent.params.get('error')).toBe('login_required');
    expect(silent.params.get('error_description')).toMatch(/^AADSTS50058: /);
    expect(silent.params.get('state')).toBe(silent.state);
  });

  it('endSessions() makes prompt=none fail', async () => {
    const t = await startTenant({ orgs: [{ users: 2 }] });
    try {
      const org = t.orgs[0]!;
      const { browser } = await acquireTokens(t, {
        authority: org.tenantId,
        username: org.admin.userPrincipalName,
        password: org.admin.password,
      });
      t.control.endSessions();
      const silent = await signIn(browser, t, { authority: org.tenantId, prompt: 'none' });
      expect(silent.params.get('error')).toBe('login_required');
    } finally {
      await t.close();
    }
  });

  it('remembers consent across sessions, and asks again with prompt=consent', async () => {
    const user = fabrikam.user;
    await acquireTokens(tenant, { authority: fabrikam.tenantId, username: user.userPrincipalName, password: user.password });
    // A new browser (no session): sign-in page, but no consent page.
    const again = await signIn(new Browser(tenant), tenant, {
      authority: fabrikam.tenantId,
      username: user.userPrincipalName,
      password: user.password,
      consent: 'cancel',
    });
    expect(again.params.get('code')).toBeTruthy();
    const forced = await signIn(new Browser(tenant), tenant, {
      authority: fabrikam.tenantId,
      username: user.userPrincipalName,
      password: user.password,
      prompt: 'consent',
      consent: 'cancel',
    });
    expect(forced.params.get('error')).toBe('access_denied');
    expect(forced.params.get('error_description')).toMatch(/^AADSTS65004: User declined to consent to access the app\./);
  });

  it('pre-fills the sign-in form from login_hint, and select_account shows the form again', async () => {
    const browser = new Browser(tenant);
    await acquireTokens(tenant, { browser, authority: contoso.tenantId, ...admin() });
    const query = new URLSearchParams({
      client_id: tenant.clientId,
      response_type: 'code',
      redirect_uri: 'https://iaoafjmjbhidbadlbfodfadofaghkmon.chromiumapp.org/',
      scope: 'openid User.Read',
      code_challenge: pkce().challenge,
      code_challenge_method: 'S256',
      response_mode: 'fragment',
      prompt: 'select_account',
      login_hint: contoso.admin.userPrincipalName,
    });
    let res = await browser.get(`/${contoso.tenantId}/oauth2/v2.0/authorize?${query.toString()}`);
    res = await browser.get(String(res.headers.location));
    expect(res.text).toContain('id="username"');
    expect(res.text).toContain(`value="${contoso.admin.userPrincipalName}"`);
    expect(res.text).toMatch(/<button[^>]*id="signin"[^>]*>Sign in<\/button>/);
  });

  it('shows "Your account or password is incorrect." for a wrong password', async () => {
    const result = await signIn(new Browser(tenant), tenant, {
      authority: contoso.tenantId,
      username: contoso.admin.userPrincipalName,
      password: 'nope',
    });
    expect(result.page).toContain('Your account or password is incorrect.');
    expect(result.page).toContain('AADSTS50126');
  });

  it('refuses a user of another org with AADSTS50020, on the page', async () => {
    const result = await signIn(new Browser(tenant), tenant, {
      authority: contoso.tenantId,
      username: fabrikam.admin.userPrincipalName,
      password: fabrikam.admin.password,
    });
    expect(result.params.get('code')).toBeNull();
    expect(result.page).toContain('AADSTS50020');
    expect(result.page).toContain('does not exist in tenant');
  });

  it("lets any org sign in on organizations/common with the user's own tid", async () => {
    for (const authority of ['organizations', 'common']) {
      const { browser, tokens } = await acquireTokens(tenant, {
        authority,
        username: fabrikam.admin.userPrincipalName,
        password: fabrikam.admin.password,
      });
      expect(decodeJwtPayload(tokens.id_token).tid).toBe(fabrikam.tenantId);
      expect(decodeJwtPayload(tokens.access_token).tid).toBe(fabrikam.tenantId);
      const renewed = await refresh(browser, tenant, authority, tokens.refresh_token);
      expect(renewed.status).toBe(200);
      const silent = await signIn(browser, tenant, { authority, prompt: 'none' });
      expect(silent.params.get('code')).toBeTruthy();
    }
  });

  it('signs out through the logout endpoint and back to the registered redirect URI', async () => {
    const { browser } = await acquireTokens(tenant, { authority: contoso.tenantId, ...admin() });
    const redirectUri = 'https://iaoafjmjbhidbadlbfodfadofaghkmon.chromiumapp.org/';
    const page = await browser.get(`/${contoso.tenantId}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent(redirectUri)}`);
    expect(page.status).toBe(200);
    const action = /action="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const fields = Object.fromEntries(
      [...page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    const done = await browser.request('POST', new URL(action, tenant.url).pathname, { form: fields as Record<string, string> });
    expect(done.status).toBe(303);
    expect(String(done.headers.location)).toBe(redirectUri);
    const silent = await signIn(browser, tenant, { authority: contoso.tenantId, prompt: 'none' });
    expect(silent.params.get('error')).toBe('login_required');
  });

  it('shows AADSTS50011 for an unregistered redirect URI and does not redirect', async () => {
    const result = await signIn(new Browser(tenant), tenant, { authority: contoso.tenantId, redirectUri: 'https://evil.example/' });
    expect(result.pageStatus).toBe(400);
    expect(result.page).toContain(
      `AADSTS50011: The redirect URI &#39;https://evil.example/&#39; specified in the request does not match the redirect URIs configured for the application &#39;${tenant.clientId}&#39;.`,
    );
  });
});

describe("Entra's refusals as a real tenant sends them (reference-error-codes.md)", () => {
  const freshUser = (admin = false) => {
    const user = tenant.control.addUser({ displayName: 'Refused', password: 'Passw0rd!' }, contoso.tenantId);
    if (admin) tenant.control.addRole(user.userPrincipalName);
    return { username: user.userPrincipalName, password: 'Passw0rd!' };
  };
  const expectEntraRedirect = (params: URLSearchParams, error: string, code: number) => {
    expect(params.get('error')).toBe(error);
    expect(params.get('error_description')).toMatch(
      new RegExp(`^AADSTS${code}: .*\\r\\nTrace ID: .*\\r\\nCorrelation ID: .*\\r\\nTimestamp: `),
    );
    // msal reads the STS number from here on the authorize redirect (msal-common Authorize.parseServerErrorNo).
    expect(params.get('error_uri')).toBe(`https://login.microsoftonline.com/error?code=${code}`);
    expect(params.has('code')).toBe(false);
  };

  it('Conditional Access blocks the sign-in after the password (AADSTS53003, suberror message_only)', async () => {
    const user = freshUser();
    tenant.control.setConditionalAccessBlock(user.username, { signIn: true, refresh: false });
    const result = await signIn(new Browser(tenant), tenant, { authority: contoso.tenantId, ...user });
    expectEntraRedirect(result.params, 'access_denied', 53003);
    expect(result.params.get('suberror')).toBe('message_only');
    expect(result.params.get('error_description')).toContain('Access has been blocked by Conditional Access policies.');
    expect(result.params.get('state')).toBe(result.state);
  });

  it('Conditional Access blocks a silent sign-in through a live session, and lifts with null', async () => {
    const user = freshUser();
    const { browser } = await acquireTokens(tenant, { authority: contoso.tenantId, ...user });
    tenant.control.setConditionalAccessBlock(user.username);
    const silent = await signIn(browser, tenant, { authority: contoso.tenantId, prompt: 'none' });
    expectEntraRedirect(silent.params, 'access_denied', 53003);
    expect(silent.params.get('suberror')).toBe('message_only');
    tenant.control.setConditionalAccessBlock(user.username, null);
    expect((await signIn(browser, tenant, { authority: contoso.tenantId, prompt: 'none' })).params.get('code')).toBeTruthy();
  });

  it('Conditional Access blocks the refresh with the whole Entra body', async () => {
    const user = freshUser();
    const { browser, tokens } = await acquireTokens(tenant, { authority: contoso.tenantId, ...user });
    tenant.control.setConditionalAccessBlock(user.username, { signIn: false });
    const res = await refresh(browser, tenant, contoso.tenantId, tokens.refresh_token);
    expect(res.status).toBe(400);
    const body = res.json();
    expect(body).toEqual({
      error: 'invalid_grant',
      error_description: expect.stringMatching(/^AADSTS53003: Access has been blocked by Conditional Access policies\./),
      error_codes: [53003],
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/),
      trace_id: expect.any(String),
      correlation_id: expect.any(String),
      error_uri: 'https://login.microsoftonline.com/error?code=53003',
      suberror: 'message_only',
    });
    // The sign-in itself is not blocked by this policy.
    expect((await signIn(browser, tenant, { authority: contoso.tenantId, prompt: 'none' })).params.get('code')).toBeTruthy();
  });

  it('a tenant without user consent: a user meets AADSTS90094 at authorize, a Global Administrator consents', async () => {
    tenant.control.setUserConsent(false, contoso.tenantId);
    try {
      const user = await signIn(new Browser(tenant), tenant, { authority: contoso.tenantId, ...freshUser() });
      expectEntraRedirect(user.params, 'access_denied', 90094);
      expect(user.params.get('error_description')).toContain('Administrator consent is required.');
      const admin = await signIn(new Browser(tenant), tenant, { authority: contoso.tenantId, ...freshUser(true) });
      expect(admin.params.get('code')).toBeTruthy();
    } finally {
      tenant.control.setUserConsent(true);
    }
    const allowed = await signIn(new Browser(tenant), tenant, { authority: contoso.tenantId, ...freshUser() });
    expect(allowed.params.get('code')).toBeTruthy();
  });

  it('a disabled account: AADSTS50057 at the refresh, and the sign-in page refuses it', async () => {
    const user = freshUser();
    const { browser, tokens } = await acquireTokens(tenant, { authority: contoso.tenantId, ...user });
    tenant.control.updateUser(user.username, { accountEnabled: false });
    // Its unexpired (non-CAE) access token still reads Graph, which says it is disabled (concept-continuous-access-evaluation.md).
    const me = await graph(browser, '/me?$select=id,accountEnabled', tokens.access_token);
    expect(me.status).toBe(200);
    expect(me.json()).toMatchObject({ accountEnabled: false });
    const res = await refresh(browser, tenant, contoso.tenantId, tokens.refresh_token);
    expect(res.json()).toMatchObject({
      error: 'invalid_grant',
      error_codes: [50057],
      error_uri: 'https://login.microsoftonline.com/error?code=50057',
    });
    expect(String(res.json().error_description)).toMatch(/^AADSTS50057: The user account is disabled\./);
    const page = await signIn(new Browser(tenant), tenant, { authority: contoso.tenantId, ...user });
    expect(page.params.has('code')).toBe(false);
    expect(page.page).toContain('50057');
  });

  it('the control API takes both over HTTP, and reset() lifts them', async () => {
    const user = freshUser();
    const call = (method: string, args: unknown[]) => new Browser(tenant).request('POST', `/_control/${method}`, { json: args });
    expect((await call('setConditionalAccessBlock', [user.username, { signIn: true }])).status).toBe(200);
    expect((await call('setUserConsent', [false])).status).toBe(200);
    const refused = await signIn(new Browser(tenant), tenant, { authority: contoso.tenantId, ...user });
    expect(refused.params.get('error_uri')).toContain('code=53003');
    tenant.control.reset();
    const again = freshUser();
    expect((await signIn(new Browser(tenant), tenant, { authority: contoso.tenantId, ...again })).params.get('code')).toBeTruthy();
  });
});
