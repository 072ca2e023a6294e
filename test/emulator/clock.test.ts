import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTenant, type Tenant } from './index.ts';
import { acquireTokens, Browser, graph, refresh, signIn } from './test-support.ts';

// The tenant's clock (control: now, advanceTime, setTime): horizons and lifetimes end in no real time.
let tenant: Tenant;
let org: Tenant['orgs'][number];
const admin = () => ({ authority: org.tenantId, username: org.admin.userPrincipalName, password: org.admin.password });
const HOUR = 3_600_000;

beforeAll(async () => {
  tenant = await startTenant({ orgs: [{ users: 5 }] });
  org = tenant.orgs[0]!;
});
afterAll(() => tenant.close());
beforeEach(() => tenant.control.reset());

describe("the tenant's clock", () => {
  it('starts at the real time and moves only forward', () => {
    expect(Math.abs(tenant.control.now() - Date.now())).toBeLessThan(1_000);
    const later = tenant.control.advanceTime(2 * HOUR);
    expect(later - Date.now()).toBeGreaterThan(2 * HOUR - 1_000);
    expect(() => tenant.control.setTime(Date.now())).toThrow(/back/);
    expect(() => tenant.control.advanceTime(-1)).toThrow();
    const target = Date.now() + 5 * HOUR;
    expect(tenant.control.setTime(target)).toBeGreaterThanOrEqual(target);
    tenant.control.reset();
    expect(Math.abs(tenant.control.now() - Date.now())).toBeLessThan(1_000);
  });

  it('passes the fixed SPA horizon: the refresh token tells less time left, then fails with AADSTS700084', async () => {
    tenant.control.setLifetimes({ refreshTokenSeconds: 3_600 });
    const { browser, tokens } = await acquireTokens(tenant, admin());
    expect(tokens.refresh_token_expires_in).toBeGreaterThan(3_590);
    tenant.control.advanceTime(1_000_000);
    const renewed = await refresh(browser, tenant, org.tenantId, tokens.refresh_token);
    expect(renewed.status).toBe(200);
    // The rotated token keeps the first sign-in's horizon, 1000 s nearer now.
    const left = Number(renewed.json().refresh_token_expires_in);
    expect(left).toBeGreaterThan(2_590);
    expect(left).toBeLessThanOrEqual(2_600);
    tenant.control.advanceTime(2_600_000);
    const expired = await refresh(browser, tenant, org.tenantId, String(renewed.json().refresh_token));
    expect(expired.json()).toMatchObject({ error: 'invalid_grant', error_codes: [700084] });
  });

  it('ends access tokens at their lifetime, and tokens issued after the move live their full lifetime', async () => {
    const { browser, tokens } = await acquireTokens(tenant, admin());
    expect((await graph(browser, '/me', tokens.access_token)).status).toBe(200);
    tenant.control.advanceTime(tokens.expires_in * 1_000 + 1_000);
    const old = await graph(browser, '/me', tokens.access_token);
    expect(old.status).toBe(401);
    expect(old.json()).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
    const renewed = await refresh(browser, tenant, org.tenantId, tokens.refresh_token);
    const fresh = String(renewed.json().access_token);
    expect((await graph(browser, '/me', fresh)).status).toBe(200);
    tenant.control.advanceTime(tokens.expires_in * 1_000 - 60_000);
    expect((await graph(browser, '/me', fresh)).status).toBe(200);
  });

  it("ends Entra's sign-in session at its lifetime: prompt=none then needs a sign-in", async () => {
    tenant.control.setLifetimes({ sessionSeconds: 600 });
    const browser = new Browser(tenant);
    await acquireTokens(tenant, { ...admin(), browser });
    expect((await signIn(browser, tenant, { authority: org.tenantId, prompt: 'none' })).params.get('code')).toBeTruthy();
    tenant.control.advanceTime(601_000);
    expect((await signIn(browser, tenant, { authority: org.tenantId, prompt: 'none' })).params.get('error')).toBe('login_required');
  });

  it('lets a PIM activation lapse at its end', async () => {
    const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';
    tenant.control.makeEligible(org.user.userPrincipalName);
    tenant.control.activate(org.user.userPrincipalName, 1);
    const user = { authority: org.tenantId, username: org.user.userPrincipalName, password: org.user.password };
    const { browser, tokens } = await acquireTokens(tenant, { ...user, scopes: ['User.Read', 'Directory.Read.All'] });
    const roles = async (token: string) =>
      (await graph(browser, '/me/transitiveMemberOf/microsoft.graph.directoryRole', token))
        .json<{ value: Array<{ roleTemplateId: string }> }>()
        .value.map((r) => r.roleTemplateId);
    expect(await roles(tokens.access_token)).toContain(GLOBAL_ADMINISTRATOR);
    tenant.control.advanceTime(30 * 60_000);
    expect(await roles(tokens.access_token)).toContain(GLOBAL_ADMINISTRATOR);
    tenant.control.advanceTime(31 * 60_000);
    const renewed = await refresh(browser, tenant, org.tenantId, tokens.refresh_token, ['User.Read', 'Directory.Read.All']);
    expect(await roles(String(renewed.json().access_token))).not.toContain(GLOBAL_ADMINISTRATOR);
  });

  it('stamps audits with its time', async () => {
    const { browser, tokens } = await acquireTokens(tenant, { ...admin(), scopes: ['AuditLog.Read.All', 'Directory.Read.All'] });
    const moved = tenant.control.advanceTime(5 * HOUR);
    tenant.control.addRole(org.user.userPrincipalName, 'Global Reader');
    const audits = await graph(browser, '/auditLogs/directoryAudits?$top=1', tokens.access_token);
    // The access token was issued before the move and lives an hour: a new one reads the audit.
    expect(audits.status).toBe(401);
    const renewed = await refresh(browser, tenant, org.tenantId, tokens.refresh_token, ['AuditLog.Read.All', 'Directory.Read.All']);
    const newest = (await graph(browser, '/auditLogs/directoryAudits?$top=1', String(renewed.json().access_token))).json<{
      value: Array<{ activityDateTime: string; activityDisplayName: string }>;
    }>().value[0];
    expect(newest?.activityDisplayName).toBe('Add member to role');
    expect(Math.abs(Date.parse(newest!.activityDateTime) - moved)).toBeLessThan(2_000);
  });

  it('is moved over HTTP too: POST /_control/advanceTime', async () => {
    const before = tenant.control.now();
    const res = await new Browser(tenant).request('POST', '/_control/advanceTime', { json: [HOUR] });
    expect(res.status).toBe(200);
    expect(res.json<{ result: number }>().result - before).toBeGreaterThanOrEqual(HOUR);
    expect(tenant.control.now() - Date.now()).toBeGreaterThan(HOUR - 1_000);
  });
});
