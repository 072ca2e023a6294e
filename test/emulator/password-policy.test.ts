/* eslint-disable @typescript-eslint/no-unsafe-assignment -- vitest's asymmetric matchers (expect.any, expect.stringMatching) are typed any. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_URL, domainUrl } from '../../lib/monitor/graph-check';
import { OPEN_ISSUES_URL } from '../../lib/service-health/issues';
import { graphErrorBodyProblems } from './contract/error-bodies.ts';
import { startTenant, type Tenant } from './index.ts';
import { acquireTokens, graph, type Browser } from './test-support.ts';

// The facts the monitor's password prediction reads: the user's lastPasswordChangeDateTime, passwordPolicies and
// onPremisesSyncEnabled (user.md), and the policy of the account's domain (GET /domains/{id}, domain.md), settable
// into each case through the control API.
let tenant: Tenant;
let org: Tenant['orgs'][number];

beforeAll(async () => {
  tenant = await startTenant({ orgs: [{ users: 5 }] });
  org = tenant.orgs[0]!;
});
afterAll(() => tenant.close());
beforeEach(() => tenant.control.reset());

async function signedIn(scopes: string[]): Promise<{ browser: Browser; token: string }> {
  const { browser, tokens } = await acquireTokens(tenant, {
    authority: org.tenantId,
    username: org.admin.userPrincipalName,
    password: org.admin.password,
    scopes,
  });
  return { browser, token: tokens.access_token };
}

describe('GET /domains/{id}', () => {
  it('says passwords never expire (2147483647 days) with a 14-day window until the policy is set', async () => {
    const { browser, token } = await signedIn(['User.Read', 'Directory.Read.All']);
    const res = await graph(browser, domainUrl(org.domain), token);
    expect(res.status, res.text).toBe(200);
    expect(res.json()).toEqual({
      '@odata.context': expect.stringMatching(
        /\/\$metadata#domains\(id,passwordValidityPeriodInDays,passwordNotificationWindowInDays\)\/\$entity$/,
      ),
      id: org.domain,
      passwordValidityPeriodInDays: 2147483647,
      passwordNotificationWindowInDays: 14,
    });
  });

  it('serves the policy the control sets, "not set" as null', async () => {
    tenant.control.setDomainPasswordPolicy({ passwordValidityPeriodInDays: 90, passwordNotificationWindowInDays: null });
    const { browser, token } = await signedIn(['User.Read', 'Directory.Read.All']);
    const body = (await graph(browser, domainUrl(org.domain.toUpperCase()), token)).json();
    expect(body).toMatchObject({ passwordValidityPeriodInDays: 90, passwordNotificationWindowInDays: null });
  });

  it("answers another domain with Graph's 404", async () => {
    const { browser, token } = await signedIn(['User.Read', 'Directory.Read.All']);
    const res = await graph(browser, domainUrl('fabrikam.example'), token);
    expect(res.status).toBe(404);
    expect(graphErrorBodyProblems(res.json())).toEqual([]);
    expect(res.json()).toMatchObject({ error: { code: 'Request_ResourceNotFound' } });
  });

  it('needs Domain.Read.All or a higher permission (domain-get-permissions.md): User.Read alone is refused', async () => {
    const { browser, token } = await signedIn(['User.Read']);
    const res = await graph(browser, domainUrl(org.domain), token);
    expect(res.status).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'Authorization_RequestDenied' } });
  });
});

describe("the service account's password facts on GET /me", () => {
  it('a cloud account: changed at creation, no policy, not synchronised', async () => {
    const { browser, token } = await signedIn(['User.Read']);
    const me = (await graph(browser, ACCOUNT_URL, token)).json();
    expect(me).toMatchObject({ passwordPolicies: null, onPremisesSyncEnabled: null, accountEnabled: true });
    expect(Date.parse(String(me.lastPasswordChangeDateTime))).toBeLessThanOrEqual(tenant.control.now());
  });

  it('each case the control sets: never expires, synchronised from on-premises, a chosen last change', async () => {
    tenant.control.updateUser(org.admin.userPrincipalName, {
      passwordPolicies: 'DisablePasswordExpiration',
      onPremisesSyncEnabled: true,
      lastPasswordChangeDateTime: '2026-09-11T08:00:00Z',
    });
    const { browser, token } = await signedIn(['User.Read']);
    expect((await graph(browser, ACCOUNT_URL, token)).json()).toMatchObject({
      lastPasswordChangeDateTime: '2026-09-11T08:00:00Z',
      passwordPolicies: 'DisablePasswordExpiration',
      onPremisesSyncEnabled: true,
    });
  });

  it("an assigned plan in its grace period, then deleted (setPlanStatus), in Graph's assignedPlans", async () => {
    const { browser, token } = await signedIn(['User.Read']);
    const exchange = async () =>
      ((await graph(browser, ACCOUNT_URL, token)).json().assignedPlans as Array<{ service: string; capabilityStatus: string }>).find(
        (plan) => plan.service === 'exchange',
      );
    expect(await exchange()).toMatchObject({ capabilityStatus: 'Enabled' });
    tenant.control.setPlanStatus(org.admin.userPrincipalName, 'exchange', 'Warning');
    expect(await exchange()).toMatchObject({ capabilityStatus: 'Warning' });
    tenant.control.setPlanStatus(org.admin.userPrincipalName, 'exchange', 'Deleted');
    expect(await exchange()).toMatchObject({ capabilityStatus: 'Deleted' });
  });

  it("a password reset is the new last change, at the tenant's time", async () => {
    tenant.control.advanceTime(3 * 24 * 3_600_000);
    const password = tenant.control.resetPassword(org.admin.userPrincipalName);
    const { browser, tokens } = await acquireTokens(tenant, {
      authority: org.tenantId,
      username: org.admin.userPrincipalName,
      password,
      scopes: ['User.Read'],
    });
    const me = (await graph(browser, ACCOUNT_URL, tokens.access_token)).json();
    expect(Math.abs(Date.parse(String(me.lastPasswordChangeDateTime)) - tenant.control.now())).toBeLessThan(5_000);
  });
});

describe('GET /admin/serviceAnnouncement/issues', () => {
  it("lists an open incident the control adds, in Microsoft's shape, and not once Microsoft resolves it", async () => {
    const id = tenant.control.addServiceIssue({ service: 'Exchange Online', title: 'Users may be unable to send mail' });
    const { browser, token } = await signedIn(['ServiceHealth.Read.All']);
    const open = async () => (await graph(browser, OPEN_ISSUES_URL, token)).json<{ value: Array<Record<string, unknown>> }>().value;
    expect(await open()).toEqual([
      {
        id,
        title: 'Users may be unable to send mail',
        service: 'Exchange Online',
        classification: 'incident',
        status: 'serviceDegradation',
        lastModifiedDateTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
      },
    ]);
    expect(Math.abs(Date.parse(String((await open())[0]?.lastModifiedDateTime)) - tenant.control.now())).toBeLessThan(5_000);
    tenant.control.resolveServiceIssue(id);
    expect(await open()).toEqual([]);
  });

  it('pages at 100 by default, by a nextLink that keeps the filter; odata.maxpagesize up to 1000 (list-issues)', async () => {
    for (let i = 0; i < 230; i++) tenant.control.addServiceIssue({ service: 'Microsoft Teams', title: `Issue ${i}` });
    const { browser, token } = await signedIn(['ServiceHealth.Read.All']);
    type Page = { value: Array<{ id: string }>; '@odata.nextLink'?: string };
    const ids: string[] = [];
    const sizes: number[] = [];
    for (let url: string | undefined = OPEN_ISSUES_URL; url;) {
      const page: Page = (await graph(browser, url, token)).json<Page>();
      ids.push(...page.value.map((issue) => issue.id));
      sizes.push(page.value.length);
      url = page['@odata.nextLink'];
      if (url) expect(new URL(url).searchParams.get('$filter')).toBe('isResolved eq false');
    }
    expect(sizes).toEqual([100, 100, 30]);
    expect(new Set(ids).size).toBe(230);
    const big = (await graph(browser, OPEN_ISSUES_URL, token, { prefer: 'odata.maxpagesize=1000' })).json<Page>();
    expect(big.value).toHaveLength(230);
    expect(big['@odata.nextLink']).toBeUndefined();
  });

  it('needs ServiceHealth.Read.All (serviceannouncement-list-issues-permissions.md)', async () => {
    const { browser, token } = await signedIn(['User.Read']);
    expect((await graph(browser, OPEN_ISSUES_URL, token)).status).toBe(403);
  });
});
