import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTenant, type Tenant } from './index.ts';
import { acquireTokens, adminToken, Browser, graph } from './test-support.ts';

let tenant: Tenant;
let org: Tenant['orgs'][number];
let browser: Browser;
let token: string;

beforeAll(async () => {
  tenant = await startTenant({ orgs: [{ users: 10 }] });
  org = tenant.orgs[0]!;
  ({ browser, token } = await adminToken(tenant, ['User.Read.All']));
});
afterAll(() => tenant.close());
beforeEach(() => {
  tenant.control.clearFaults();
  tenant.control.clearRequests();
});

describe('faults', () => {
  it("429 carries Retry-After and Graph's TooManyRequests body, for `count` requests", async () => {
    tenant.control.injectFault({ path: '/v1.0/users', kind: '429', count: 2, retryAfterSeconds: 7 });
    for (let i = 0; i < 2; i++) {
      const res = await graph(browser, '/users', token);
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBe('7');
      expect(res.json()).toMatchObject({ error: { code: 'TooManyRequests' } });
    }
    expect((await graph(browser, '/users', token)).status).toBe(200);
  });

  it.each(['503', '504'] as const)('%s answers with that status once', async (kind) => {
    tenant.control.injectFault({ path: 'users', kind });
    expect((await graph(browser, '/users', token)).status).toBe(Number(kind));
    expect((await graph(browser, '/users', token)).status).toBe(200);
  });

  it('reset destroys the socket', async () => {
    tenant.control.injectFault({ path: '^/v1\\.0/me$', kind: 'reset' });
    await expect(graph(browser, '/me', token)).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(tenant.control.requests().find((r) => r.path === '/v1.0/me')?.status).toBe(0);
    expect((await graph(browser, '/me', token)).status).toBe(200);
  });

  it('malformed answers 200 with truncated JSON', async () => {
    tenant.control.injectFault({ path: '/v1.0/users', kind: 'malformed' });
    const res = await graph(browser, '/users', token);
    expect(res.status).toBe(200);
    expect(() => res.json()).toThrow();
  });

  it('slow waits before answering normally', async () => {
    tenant.control.injectFault({ path: '/v1.0/me', kind: 'slow', delayMs: 300 });
    const started = Date.now();
    const res = await graph(browser, '/me', token);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("applies to Entra endpoints with Entra's error body", async () => {
    tenant.control.injectFault({ path: '/oauth2/v2.0/token', kind: '503' });
    const res = await browser.request('POST', `/${org.tenantId}/oauth2/v2.0/token`, { form: { grant_type: 'refresh_token' } });
    expect(res.status).toBe(503);
    expect(res.json()).toMatchObject({ error: 'temporarily_unavailable', error_codes: [expect.any(Number)] });
  });

  it('applies to $batch inner requests as their status', async () => {
    tenant.control.injectFault({ path: '/v1.0/users', kind: '429', retryAfterSeconds: 3 });
    const res = await browser.request('POST', '/v1.0/$batch', {
      headers: { authorization: `Bearer ${token}` },
      json: {
        requests: [
          { id: 'a', method: 'GET', url: '/users?$top=1' },
          { id: 'b', method: 'GET', url: '/me' },
        ],
      },
    });
    const responses = res.json<{ responses: Array<{ id: string; status: number; headers: Record<string, string> }> }>().responses;
    expect(responses[0]).toMatchObject({ id: 'a', status: 429, headers: { 'Retry-After': '3' } });
    expect(responses[1]).toMatchObject({ id: 'b', status: 200 });
  });

  it("foreign-link answers normally, with the answer's links on another host (default: this server as 127.0.0.1)", async () => {
    tenant.control.injectFault({ path: '/v1.0/users/delta', kind: 'foreign-link' });
    const page = (await graph(browser, '/users/delta', token, { prefer: 'odata.maxpagesize=5' })).json<Record<string, unknown>>();
    expect(page.value).toHaveLength(5);
    expect(new URL(String(page['@odata.nextLink'])).host).toBe(`127.0.0.1:${tenant.port}`);
    tenant.control.injectFault({ path: '/v1.0/users/delta', kind: 'foreign-link', host: 'graph.example.net' });
    const next = (await graph(browser, '/users/delta', token, { prefer: 'odata.maxpagesize=5' })).json<Record<string, unknown>>();
    expect(String(next['@odata.nextLink'])).toMatch(/^https:\/\/graph\.example\.net\/v1\.0\/users\/delta\?\$skiptoken=/);
    const after = (await graph(browser, '/users/delta', token, { prefer: 'odata.maxpagesize=5' })).json<Record<string, unknown>>();
    expect(new URL(String(after['@odata.nextLink'])).host).toBe(`localhost:${tenant.port}`);
  });

  it('clearFaults removes pending faults', async () => {
    tenant.control.injectFault({ path: '/v1.0/me', kind: '503', count: Infinity });
    expect((await graph(browser, '/me', token)).status).toBe(503);
    expect((await graph(browser, '/me', token)).status).toBe(503);
    tenant.control.clearFaults();
    expect((await graph(browser, '/me', token)).status).toBe(200);
  });
});

describe('request log', () => {
  it('records method, host, path, query and whether an Authorization header was present, never the token', async () => {
    await graph(browser, '/users?$top=1', token);
    await graph(browser, '/users?$top=2');
    const log = tenant.control.requests();
    expect(log).toEqual([
      expect.objectContaining({
        method: 'GET',
        host: `localhost:${tenant.port}`,
        path: '/v1.0/users',
        query: '%24top=1',
        authorization: true,
        status: 200,
      }),
      expect.objectContaining({ path: '/v1.0/users', authorization: false, status: 401 }),
    ]);
    expect(JSON.stringify(log)).not.toContain(token.slice(20, 60));
    tenant.control.clearRequests();
    expect(tenant.control.requests()).toEqual([]);
  });

  it('redacts token-like query parameters', async () => {
    await browser.get(`/${org.tenantId}/oauth2/v2.0/logout?id_token_hint=secret-token-value&post_logout_redirect_uri=x`);
    const [entry] = tenant.control.requests();
    expect(entry?.query).toContain('id_token_hint=REDACTED');
    expect(JSON.stringify(entry)).not.toContain('secret-token-value');
  });
});

describe('directory control', () => {
  it('capDeltaPages caps delta pages whatever the client prefers, until lifted', async () => {
    const pageOf = async (prefer?: string) =>
      (await graph(browser, '/users/delta', token, prefer ? { prefer } : {})).json<{ value: unknown[] }>().value.length;
    tenant.control.capDeltaPages(3);
    expect(await pageOf('odata.maxpagesize=1000')).toBe(3);
    expect(await pageOf()).toBe(3);
    expect(await pageOf('odata.maxpagesize=2')).toBe(2);
    tenant.control.capDeltaPages(null);
    expect(await pageOf('odata.maxpagesize=1000')).toBe(org.userCount);
    expect(() => tenant.control.capDeltaPages(0)).toThrow(/whole number/);
  });

  it('listDirectory shows users and groups with their members as they stand now', () => {
    const before = tenant.control.listDirectory();
    expect(before.users).toHaveLength(org.userCount);
    expect(before.users).toContainEqual(expect.objectContaining({ id: org.user.id, userPrincipalName: org.user.userPrincipalName }));
    const added = tenant.control.addUser({ displayName: 'Listed User', mailNickname: 'listed.user', licensed: false });
    const leaver = tenant.control.addUser({ displayName: 'Listed Leaver', mailNickname: 'listed.leaver' });
    const group = tenant.control.addGroup({ displayName: 'Listed Group', members: [added.id] });
    tenant.control.deleteUser(leaver.id);
    const after = tenant.control.listDirectory(org.domain);
    expect(after.users.find((u) => u.id === added.id)).toEqual({ ...added, licensed: false });
    expect(after.users.some((u) => u.id === leaver.id)).toBe(false);
    expect(after.users).toHaveLength(org.userCount + 1);
    expect(after.groups.find((g) => g.id === group.id)).toEqual({
      id: group.id,
      displayName: 'Listed Group',
      mail: null,
      members: [added.id],
    });
  });
});

describe('HTTP control API', () => {
  const call = async (method: string, args?: unknown) => {
    const res = await new Browser(tenant).request('POST', `/_control/${method}`, args === undefined ? {} : { json: args });
    return { status: res.status, body: res.json<{ result?: unknown; error?: string }>() };
  };

  it('runs the same operations as tenant.control', async () => {
    const added = await call('addUser', [{ userPrincipalName: `http.user@${org.domain}`, displayName: 'Http User' }]);
    expect(added.status).toBe(200);
    expect(added.body.result).toMatchObject({ userPrincipalName: `http.user@${org.domain}` });
    const res = await graph(browser, `/users/http.user@${org.domain}`, token);
    expect(res.json()).toMatchObject({ displayName: 'Http User' });
    expect((await call('injectFault', { path: '/v1.0/me', kind: '429' })).status).toBe(200);
    expect((await graph(browser, '/me', token)).status).toBe(429);
    expect((await call('revokeGrants', [`http.user@${org.domain}`])).status).toBe(200);
  });

  it('lists the requests over HTTP without recording control calls', async () => {
    await graph(browser, '/me', token);
    const res = await new Browser(tenant).get('/_control/requests');
    const body = res.json<{ result: Array<{ path: string }> }>();
    expect(body.result.map((r) => r.path)).toEqual(['/v1.0/me']);
  });

  it('reports errors as 400 with a message', async () => {
    const res = await call('revokeGrants', ['nobody@nowhere.example']);
    expect(res.status).toBe(400);
    expect(res.body.error).toContain('nobody@nowhere.example');
    expect((await call('noSuchThing')).status).toBe(404);
  });

  it('resetPassword ends sessions and changes the password', async () => {
    const user = org.user;
    const { browser: b } = await acquireTokens(tenant, {
      authority: org.tenantId,
      username: user.userPrincipalName,
      password: user.password,
    });
    const newPassword = tenant.control.resetPassword(user.userPrincipalName, 'N3w-Passw0rd!');
    expect(newPassword).toBe('N3w-Passw0rd!');
    const { signIn } = await import('./test-support.ts');
    expect((await signIn(b, tenant, { authority: org.tenantId, prompt: 'none' })).params.get('error')).toBe('login_required');
    const old = await signIn(new Browser(tenant), tenant, {
      authority: org.tenantId,
      username: user.userPrincipalName,
      password: user.password,
    });
    expect(old.page).toContain('Your account or password is incorrect.');
    const fresh = await acquireTokens(tenant, { authority: org.tenantId, username: user.userPrincipalName, password: newPassword });
    expect(fresh.tokens.access_token).toBeTruthy();
  });
});
