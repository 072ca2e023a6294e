// Every error the local tenant can answer, held to the bodies Microsoft documents (contract/error-bodies.ts): Graph's
// `{ error: { code, message, innerError: { date, request-id, client-request-id } } }` for each status it sends, inside
// $batch too, and Entra's token-endpoint body and authorize redirect for each kind of refusal.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertEntraErrorBody, assertEntraRedirectError, assertGraphErrorBody } from './contract/error-bodies.ts';
import { startTenant, type Tenant } from './index.ts';
import { acquireTokens, Browser, graph, redeemCode, refresh, signIn, type HttpResponse } from './test-support.ts';

let tenant: Tenant;
let org: Tenant['orgs'][number];
let browser: Browser;
let adminToken: string;
let userToken: string;
let narrowToken: string;

const SCOPES = ['User.Read', 'Directory.Read.All', 'AuditLog.Read.All', 'ServiceHealth.Read.All', 'Mail.ReadBasic', 'Files.Read'];

beforeAll(async () => {
  tenant = await startTenant({ orgs: [{ users: 12, groups: 3 }] });
  org = tenant.orgs[0]!;
  const admin = await acquireTokens(tenant, {
    authority: org.tenantId,
    username: org.admin.userPrincipalName,
    password: org.admin.password,
    scopes: SCOPES,
  });
  browser = admin.browser;
  adminToken = admin.tokens.access_token;
  userToken = (
    await acquireTokens(tenant, {
      authority: org.tenantId,
      username: org.user.userPrincipalName,
      password: org.user.password,
      scopes: SCOPES,
    })
  ).tokens.access_token;
  narrowToken = (
    await acquireTokens(tenant, {
      authority: org.tenantId,
      username: org.admin.userPrincipalName,
      password: org.admin.password,
      scopes: ['User.Read'],
    })
  ).tokens.access_token;
});
afterAll(() => tenant.close());

function expectGraphError(res: HttpResponse, status: number, code?: string): void {
  expect(res.status, res.text).toBe(status);
  const body = res.json<{ error: { code: string } }>();
  assertGraphErrorBody(body);
  if (code) expect(body.error.code).toBe(code);
}

describe('Graph error bodies', () => {
  const get = (path: string, token = adminToken, headers: Record<string, string> = {}) => graph(browser, path, token, headers);

  it('401: no token, a forged token', async () => {
    expectGraphError(await get('/me', ''), 401, 'InvalidAuthenticationToken');
    const [h, p] = adminToken.split('.');
    expectGraphError(await get('/me', `${h}.${p}.${Buffer.from('forged').toString('base64url')}`), 401, 'InvalidAuthenticationToken');
  });

  it('403: a missing scope, a user without the admin role, a tenant without premium', async () => {
    expectGraphError(await get('/users', narrowToken), 403, 'Authorization_RequestDenied');
    expectGraphError(await get('/auditLogs/directoryAudits', userToken), 403, 'Authentication_RequestFromUnsupportedUserRole');
    tenant.control.setPremium(false);
    try {
      expectGraphError(await get('/auditLogs/signIns'), 403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant');
    } finally {
      tenant.control.setPremium(true);
    }
  });

  it('404: an unknown user, no mailbox, no drive, an unknown service', async () => {
    expectGraphError(await get('/users/00000000-0000-0000-0000-000000000000'), 404, 'Request_ResourceNotFound');
    const unlicensed = tenant.control.addUser({ displayName: 'No Licence', userPrincipalName: `nolicence@${org.domain}` });
    tenant.control.setLicence(unlicensed.userPrincipalName, { mailbox: false, drive: false });
    expectGraphError(await get(`/users/${unlicensed.id}/mailFolders/inbox`), 404, 'MailboxNotEnabledForRESTAPI');
    expectGraphError(await get(`/users/${unlicensed.id}/drive`), 404);
    expectGraphError(await get('/admin/serviceAnnouncement/healthOverviews/NoSuchService'), 404);
  });

  it('400: an unknown segment, an unknown $select, $count without ConsistencyLevel, a bad $top', async () => {
    expectGraphError(await get('/nothingHere'), 400);
    expectGraphError(await get('/users?$select=favouriteColour'), 400);
    expectGraphError(await get('/users?$count=true'), 400);
    expectGraphError(await get('/users?$top=5000'), 400);
  });

  it('400: a $batch that is not JSON, or holds more than 20 requests', async () => {
    const auth = { authorization: `Bearer ${adminToken}` };
    const notJson = await browser.request('POST', '/v1.0/$batch', { headers: { ...auth, 'content-type': 'application/json' }, body: '{' });
    expectGraphError(notJson, 400);
    const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/me' }));
    expectGraphError(await browser.request('POST', '/v1.0/$batch', { headers: auth, json: { requests: many } }), 400);
  });

  it('405: a method Graph does not allow there', async () => {
    const res = await browser.request('POST', '/v1.0/users', { headers: { authorization: `Bearer ${adminToken}` }, json: {} });
    expectGraphError(res, 405);
  });

  it('410: an expired delta token', async () => {
    let link = '/users/delta?$select=id';
    let deltaLink: string | undefined;
    while (!deltaLink) {
      const page = (await get(link)).json<{ '@odata.nextLink'?: string; '@odata.deltaLink'?: string }>();
      if (page['@odata.nextLink']) link = page['@odata.nextLink'];
      else deltaLink = page['@odata.deltaLink'];
    }
    tenant.control.expireDeltaTokens();
    expectGraphError(await get(deltaLink), 410, 'resyncRequired');
  });

  it.each(['429', '503', '504'] as const)('%s: an injected fault', async (kind) => {
    tenant.control.injectFault({ path: '/v1.0/organization', kind, retryAfterSeconds: 1, count: 1 });
    expectGraphError(await get('/organization'), Number(kind));
  });

  it('$batch: inner 404, 403, 429 and 424 answers are Graph error bodies', async () => {
    tenant.control.injectFault({ path: '/v1.0/organization', kind: '429', retryAfterSeconds: 1, count: 1 });
    const requests = [
      { id: 'missing', method: 'GET', url: '/users/00000000-0000-0000-0000-000000000000' },
      { id: 'throttled', method: 'GET', url: '/organization' },
      { id: 'dependent', method: 'GET', url: '/me', dependsOn: ['missing'] },
      { id: 'segment', method: 'GET', url: '/nothingHere' },
    ];
    const res = await browser.request('POST', '/v1.0/$batch', { headers: { authorization: `Bearer ${adminToken}` }, json: { requests } });
    expect(res.status).toBe(200);
    const { responses } = res.json<{ responses: Array<{ id: string; status: number; body: unknown }> }>();
    expect(responses.map((r) => [r.id, r.status])).toEqual([
      ['missing', 404],
      ['throttled', 429],
      ['dependent', 424],
      ['segment', 400],
    ]);
    for (const response of responses) assertGraphErrorBody(response.body);
    const denied = await browser.request('POST', '/v1.0/$batch', {
      headers: { authorization: `Bearer ${narrowToken}` },
      json: { requests: [{ id: 'users', method: 'GET', url: '/users' }] },
    });
    const [inner] = denied.json<{ responses: Array<{ status: number; body: unknown }> }>().responses;
    expect(inner?.status).toBe(403);
    assertGraphErrorBody(inner?.body);
  });
});

describe('Entra error bodies', () => {
  const user = () => ({ username: org.user.userPrincipalName, password: org.user.password });

  function expectEntraError(res: HttpResponse, code: number, suberror?: string): void {
    expect(res.status, res.text).toBeGreaterThanOrEqual(400);
    const body = res.json<{ error_codes: number[]; suberror?: string }>();
    assertEntraErrorBody(body);
    expect(body.error_codes).toEqual([code]);
    expect(body.suberror).toBe(suberror);
  }

  it('the token endpoint: a wrong code_verifier, a code redeemed twice', async () => {
    const b = new Browser(tenant);
    const first = await signIn(b, tenant, { authority: org.tenantId, ...user() });
    const code = first.params.get('code') ?? '';
    expectEntraError(await redeemCode(b, tenant, org.tenantId, code, 'x'.repeat(43)), 501481);
    const second = await signIn(b, tenant, { authority: org.tenantId, ...user() });
    const code2 = second.params.get('code') ?? '';
    expect((await redeemCode(b, tenant, org.tenantId, code2, second.verifier)).status).toBe(200);
    expectEntraError(await redeemCode(b, tenant, org.tenantId, code2, second.verifier), 54005);
  });

  it('the token endpoint: a revoked grant, missing consent, a disabled user, a malformed refresh token', async () => {
    const extra = tenant.control.addUser({ displayName: 'Refresh Tester', userPrincipalName: `refresh@${org.domain}` });
    const password = tenant.control.resetPassword(extra.userPrincipalName, 'Passw0rd!extra');
    const signed = async () =>
      (await acquireTokens(tenant, { authority: org.tenantId, username: extra.userPrincipalName, password, scopes: ['User.Read'] })).tokens
        .refresh_token;
    const b = new Browser(tenant);
    let token = await signed();
    tenant.control.revokeGrants(extra.userPrincipalName);
    expectEntraError(await refresh(b, tenant, org.tenantId, token, ['User.Read']), 50173, 'bad_token');
    token = await signed();
    tenant.control.removeConsent(extra.userPrincipalName);
    expectEntraError(await refresh(b, tenant, org.tenantId, token, ['User.Read']), 65001, 'consent_required');
    token = await signed();
    tenant.control.updateUser(extra.userPrincipalName, { accountEnabled: false });
    expectEntraError(await refresh(b, tenant, org.tenantId, token, ['User.Read']), 50057);
    expectEntraError(await refresh(b, tenant, org.tenantId, 'not-a-refresh-token', ['User.Read']), 9002313);
  });

  it('the token endpoint: an unknown tenant, a GET, an unsupported grant type', async () => {
    const b = new Browser(tenant);
    const form = { client_id: tenant.clientId, grant_type: 'refresh_token', refresh_token: 'x' };
    expectEntraError(await b.request('POST', '/no-such-tenant.example/oauth2/v2.0/token', { form }), 90002);
    expectEntraError(await b.get(`/${org.tenantId}/oauth2/v2.0/token`), 900561);
    const password = await b.request('POST', `/${org.tenantId}/oauth2/v2.0/token`, {
      form: { client_id: tenant.clientId, grant_type: 'password', username: 'x', password: 'y' },
    });
    expect(password.status).toBe(400);
    assertEntraErrorBody(password.json());
  });

  it('authorize redirects: login_required at a tenant and at organizations, access_denied on a declined consent', async () => {
    const silent = await signIn(new Browser(tenant), tenant, { authority: org.tenantId, prompt: 'none' });
    expect(silent.params.get('error')).toBe('login_required');
    assertEntraRedirectError(silent.params);
    const common = await signIn(new Browser(tenant), tenant, { authority: 'organizations', prompt: 'none' });
    expect(common.params.get('error')).toBe('login_required');
    assertEntraRedirectError(common.params);
    const declined = await signIn(new Browser(tenant), tenant, {
      authority: org.tenantId,
      ...user(),
      prompt: 'consent',
      consent: 'cancel',
    });
    expect(declined.params.get('error')).toBe('access_denied');
    assertEntraRedirectError(declined.params);
  });
});
