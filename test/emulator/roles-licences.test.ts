/* eslint-disable @typescript-eslint/no-unsafe-assignment -- vitest's asymmetric matchers (expect.any, expect.stringMatching) are typed any. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTIVE_ASSIGNMENTS_URL } from '../../lib/graph/tenant-checks';
import { startTenant, type Tenant } from './index.ts';
import { acquireTokens, Browser, graph } from './test-support.ts';

// Subscriptions (GET /subscribedSkus), roles held through role-assignable groups (transitiveMemberOf) and Privileged
// Identity Management eligibility (filterByCurrentUser), as the grant's checks read them.
const GA = '62e90394-69f5-4237-9190-012177145e10';
const ELIGIBILITY = "/roleManagement/directory/roleEligibilityScheduleInstances/filterByCurrentUser(on='principal')";
const COMMON = [
  'User.Read',
  'Directory.Read.All',
  'AuditLog.Read.All',
  'ServiceHealth.Read.All',
  'RoleEligibilitySchedule.Read.Directory',
  'RoleAssignmentSchedule.Read.Directory',
];

let tenant: Tenant;
let org: Tenant['orgs'][number];
let plain: Tenant['orgs'][number];
let browser: Browser;

beforeAll(async () => {
  tenant = await startTenant({
    orgs: [
      { users: 10, groups: 2 },
      { users: 3, premium: false },
    ],
  });
  org = tenant.orgs[0]!;
  plain = tenant.orgs[1]!;
  browser = new Browser(tenant);
});
afterAll(() => tenant.close());
beforeEach(() => tenant.control.reset());

async function tokenOf(account: { userPrincipalName: string; password: string }, scopes: string[], authority = org.tenantId) {
  return (await acquireTokens(tenant, { authority, username: account.userPrincipalName, password: account.password, scopes })).tokens
    .access_token;
}
const get = (path: string, token: string) => graph(browser, path, token);
type Page<T> = { value: T[] };
type Sku = {
  skuId: string;
  skuPartNumber: string;
  servicePlans: Array<{ servicePlanName: string; provisioningStatus: string; servicePlanId: string; appliesTo: string }>;
};

describe('GET /subscribedSkus', () => {
  it("lists the org's subscriptions in Graph's shape", async () => {
    const res = await get('/subscribedSkus', await tokenOf(org.admin, COMMON));
    expect(res.status).toBe(200);
    const skus = res.json<Page<Sku & Record<string, unknown>>>().value;
    const e5 = skus.find((sku) => sku.skuPartNumber === 'SPE_E5');
    expect(e5).toMatchObject({
      skuId: '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
      appliesTo: 'User',
      capabilityStatus: 'Enabled',
      consumedUnits: expect.any(Number) as number,
      prepaidUnits: { enabled: expect.any(Number) as number, lockedOut: 0, suspended: 0, warning: 0 },
    });
    expect(e5?.servicePlans).toContainEqual({
      servicePlanId: 'efb87545-963c-4e0d-99df-69c6916d9eb0',
      servicePlanName: 'EXCHANGE_S_ENTERPRISE',
      provisioningStatus: 'Success',
      appliesTo: 'User',
    });
    expect(e5?.servicePlans.map((plan) => plan.servicePlanName)).toEqual(
      expect.arrayContaining(['SHAREPOINTENTERPRISE', 'AAD_PREMIUM_P2']),
    );
  });

  it('needs Organization.Read.All or a higher permission (subscribedsku-list-permissions.md)', async () => {
    expect((await get('/subscribedSkus', await tokenOf(org.admin, ['User.Read']))).status).toBe(403);
    expect((await get('/subscribedSkus', await tokenOf(org.admin, ['Organization.Read.All']))).status).toBe(200);
  });

  it("changes a plan's provisioning status, or removes the plan", async () => {
    const token = await tokenOf(org.admin, COMMON);
    tenant.control.setServicePlan('SHAREPOINTENTERPRISE', 'PendingProvisioning');
    const plans = async () => (await get('/subscribedSkus', token)).json<Page<Sku>>().value.flatMap((sku) => sku.servicePlans);
    expect((await plans()).filter((p) => p.servicePlanName === 'SHAREPOINTENTERPRISE').map((p) => p.provisioningStatus)).toEqual([
      'PendingProvisioning',
      'PendingProvisioning',
    ]);
    tenant.control.setServicePlan('EXCHANGE_S_ENTERPRISE', null);
    expect((await plans()).some((p) => p.servicePlanName === 'EXCHANGE_S_ENTERPRISE')).toBe(false);
    expect(() => tenant.control.setServicePlan('SHAREPOINTENTERPRISE', 'Sleeping' as never)).toThrow(/provisioningStatus/);
  });
});

describe('roles held through a role-assignable group', () => {
  it('shows in transitiveMemberOf, not in memberOf, and counts as the role', async () => {
    const group = tenant.control.addGroup({
      displayName: 'Tier 0 admins',
      isAssignableToRole: true,
      members: [org.user.userPrincipalName],
    });
    tenant.control.assignRoleToGroup(group.id);
    const token = await tokenOf(org.user, COMMON);
    const transitive = await get('/me/transitiveMemberOf/microsoft.graph.directoryRole', token);
    expect(transitive.status).toBe(200);
    expect(transitive.json<Page<{ roleTemplateId: string }>>().value.map((role) => role.roleTemplateId)).toContain(GA);
    const direct = await get('/me/memberOf/microsoft.graph.directoryRole', token);
    expect(direct.json<Page<{ roleTemplateId: string }>>().value.map((role) => role.roleTemplateId)).not.toContain(GA);
    // Admin-only reads treat her as a Global Administrator now.
    expect((await get('/admin/serviceAnnouncement/healthOverviews', token)).status).toBe(200);
  });

  it('returns only type and id of a role to a caller that cannot read directory roles (limited information)', async () => {
    const res = await get('/me/transitiveMemberOf/microsoft.graph.directoryRole', await tokenOf(org.admin, ['User.Read']));
    expect(res.status).toBe(200);
    expect(res.json<Page<Record<string, unknown>>>().value).toContainEqual(
      expect.objectContaining({ '@odata.type': '#microsoft.graph.directoryRole', id: expect.any(String) as string, roleTemplateId: null }),
    );
  });

  it('refuses a role for a group that is not role-assignable', () => {
    const group = tenant.control.addGroup({ displayName: 'Ordinary' });
    expect(() => tenant.control.assignRoleToGroup(group.id)).toThrow(/role-assignable/);
  });
});

describe('Privileged Identity Management', () => {
  const roles = async (token: string) =>
    (await get('/me/transitiveMemberOf/microsoft.graph.directoryRole', token))
      .json<Page<{ roleTemplateId: string }>>()
      .value.map((r) => r.roleTemplateId);

  it('an eligible role is listed by filterByCurrentUser, and held only while activated', async () => {
    tenant.control.makeEligible(org.user.userPrincipalName);
    const token = await tokenOf(org.user, COMMON);
    const res = await get(ELIGIBILITY, token);
    expect(res.status).toBe(200);
    expect(res.json<Page<unknown>>().value).toEqual([
      expect.objectContaining({
        '@odata.type': '#microsoft.graph.unifiedRoleEligibilityScheduleInstance',
        principalId: org.user.id,
        roleDefinitionId: GA,
        directoryScopeId: '/',
        memberType: 'Direct',
      }),
    ]);
    const expanded = await get(`${ELIGIBILITY}?$expand=roleDefinition($select=templateId)`, token);
    expect(expanded.json<Page<{ roleDefinition: unknown }>>().value[0]?.roleDefinition).toMatchObject({ templateId: GA, isBuiltIn: true });
    expect(await roles(token)).not.toContain(GA);
    tenant.control.activate(org.user.userPrincipalName, 1);
    expect(await roles(token)).toContain(GA);
    tenant.control.deactivate(org.user.userPrincipalName);
    expect(await roles(token)).not.toContain(GA);
    expect((await get(ELIGIBILITY, token)).json<Page<unknown>>().value).toHaveLength(1);
  });

  it('a lapsed activation no longer counts', async () => {
    tenant.control.makeEligible(org.user.userPrincipalName);
    tenant.control.activate(org.user.userPrincipalName, 0.0001 / 3.6); // 100 ms
    tenant.control.advanceTime(150);
    expect(await roles(await tokenOf(org.user, COMMON))).not.toContain(GA);
  });

  it('needs RoleEligibilitySchedule.Read.Directory or a higher permission', async () => {
    expect((await get(ELIGIBILITY, await tokenOf(org.admin, ['User.Read', 'Directory.Read.All']))).status).toBe(403);
    expect((await get(ELIGIBILITY, await tokenOf(org.admin, ['RoleManagement.Read.Directory']))).status).toBe(200);
  });

  it('lists an activation with its end, a permanent role without one (roleAssignmentScheduleInstances/filterByCurrentUser)', async () => {
    tenant.control.makeEligible(org.user.userPrincipalName);
    tenant.control.activate(org.user.userPrincipalName, 2);
    const ends = tenant.control.now() + 2 * 3_600_000;
    const activated = (await get(ACTIVE_ASSIGNMENTS_URL, await tokenOf(org.user, COMMON))).json<Page<Record<string, unknown>>>().value;
    expect(activated).toEqual([
      {
        '@odata.type': '#microsoft.graph.unifiedRoleAssignmentScheduleInstance',
        id: expect.any(String),
        roleDefinitionId: GA,
        directoryScopeId: '/',
        assignmentType: 'Activated',
        endDateTime: expect.any(String),
      },
    ]);
    expect(Math.abs(Date.parse(String(activated[0]?.endDateTime)) - ends)).toBeLessThan(2_000);
    const assigned = (await get(ACTIVE_ASSIGNMENTS_URL, await tokenOf(org.admin, COMMON))).json<Page<Record<string, unknown>>>().value;
    expect(assigned).toContainEqual(expect.objectContaining({ roleDefinitionId: GA, assignmentType: 'Assigned', endDateTime: null }));
  });

  it('needs RoleAssignmentSchedule.Read.Directory or a higher permission for the activations', async () => {
    expect(
      (
        await get(
          ACTIVE_ASSIGNMENTS_URL,
          await tokenOf(org.admin, ['User.Read', 'Directory.Read.All', 'RoleEligibilitySchedule.Read.Directory']),
        )
      ).status,
    ).toBe(403);
  });

  it('answers 400 AadPremiumLicenseRequired in a tenant without Microsoft Entra ID P2', async () => {
    expect((await get(ACTIVE_ASSIGNMENTS_URL, await tokenOf(plain.admin, COMMON, plain.tenantId))).status).toBe(400);
    const res = await get(ELIGIBILITY, await tokenOf(plain.admin, COMMON, plain.tenantId));
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'AadPremiumLicenseRequired' } });
  });
});

describe('an unlicensed Global Administrator', () => {
  it('has no mailbox and no OneDrive, and is still Global Administrator', async () => {
    tenant.control.setLicence(org.admin.userPrincipalName, { mailbox: false, drive: false });
    expect(tenant.control.listDirectory().users.find((u) => u.id === org.admin.id)?.licensed).toBe(false);
    const token = await tokenOf(org.admin, [...COMMON, 'Mail.ReadBasic', 'Files.Read']);
    const inbox = await get('/me/mailFolders/inbox', token);
    expect(inbox.status).toBe(404);
    expect(inbox.json()).toMatchObject({ error: { code: 'MailboxNotEnabledForRESTAPI' } });
    expect((await get('/me/drive', token)).status).toBe(404);
    expect(await roles(token)).toContain(GA);
  });

  const roles = async (token: string) =>
    (await get('/me/transitiveMemberOf/microsoft.graph.directoryRole', token))
      .json<Page<{ roleTemplateId: string }>>()
      .value.map((r) => r.roleTemplateId);
});
