import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { GrantRun } from '../../lib/provisioning/types';
import { addTenant, grantError, openGrantWizard, signInThrough, tenantCard } from './harness/console';
import { readBadge, readTable } from './harness/extension';
import { checkNow, shownNotifications } from './harness/messages';
import { useE2ESession } from './harness/session';

// What a real tenant does on the first grant (issue #13): Exchange Online is asked for with its delegated permission,
// the administrator may have no licence of their own, and Global Administrator may come through a role-assignable
// group or be eligible in Privileged Identity Management. Contoso: the unlicensed admin; Fabrikam: Megan, whose role
// is eligible in PIM, or held through a group. Each test starts from the tenant as generated and a new profile.
const session = useE2ESession({ orgs: [{ users: 20 }, { users: 10 }] }, {}, { fresh: 'test' });

const contoso = () => session.tenant.orgs[0]!;
const fabrikam = () => session.tenant.orgs[1]!;
const SIGN_IN = 'Sign in and grant access';
const ALL = ['Exchange Online', 'SharePoint Online', 'OneDrive'];

/** Fabrikam added in the console with no service account: Megan signs in herself. */
async function fabrikamAdded(): Promise<Page> {
  const page = await addTenant(session.browser, { tenant: fabrikam().domain, serviceAccount: '' });
  await tenantCard(page, fabrikam().domain).waitFor();
  return page;
}

/** Megan, eligible for Global Administrator in PIM, holds it through a role-assignable group. */
function meganHoldsTheRoleThroughAGroup(): { id: string } {
  const megan = fabrikam().user;
  session.tenant.control.makeEligible(megan.userPrincipalName);
  const group = session.tenant.control.addGroup(
    { displayName: 'Tier 0 administrators', isAssignableToRole: true, members: [megan.userPrincipalName] },
    fabrikam().tenantId,
  );
  session.tenant.control.assignRoleToGroup(group.id);
  return group;
}

/** Megan grants SharePoint Online to Fabrikam through the wizard and the sign-in window. */
function meganGrants(page: Page) {
  const megan = fabrikam().user;
  return openGrantWizard(page, fabrikam().domain, ['SharePoint Online']).then((form) =>
    signInThrough(page, form.getByRole('button', { name: SIGN_IN }), session.browser, {
      username: megan.userPrincipalName,
      password: megan.password,
    }),
  );
}

async function lastRun(page: Page, tenantId: string): Promise<GrantRun> {
  const runs = (await readTable<GrantRun>(page, 'grantRuns')).filter((run) => run.tenantId === tenantId);
  return runs.sort((a, b) => a.startedAt - b.startedAt).at(-1)!;
}

describe('The first grant on a real tenant', () => {
  it('an unlicensed Global Administrator grants all three services, asking Entra for Mail.ReadBasic', async () => {
    const admin = contoso().admin;
    session.tenant.control.setLicence(admin.userPrincipalName, { mailbox: false, drive: false });
    const contosoPage = await addTenant(session.browser, { tenant: contoso().domain, serviceAccount: admin.userPrincipalName });
    await tenantCard(contosoPage, contoso().domain).waitFor();
    session.tenant.control.clearRequests();
    const form = await openGrantWizard(contosoPage, contoso().domain, ALL);
    const outcome = await signInThrough(contosoPage, form.getByRole('button', { name: SIGN_IN }), session.browser, {
      username: admin.userPrincipalName,
      password: admin.password,
    });
    expect(outcome).toBe('succeeded');

    // The scope the extension asked Entra for, from the tenant's request log.
    const authorize = session.tenant.control.requests().filter((r) => r.path.endsWith('/oauth2/v2.0/authorize'));
    expect(authorize.length).toBeGreaterThan(0);
    const scopes = (new URLSearchParams(authorize[0]!.query).get('scope') ?? '')
      .split(' ')
      .map((s) => s.replace(/^https:\/\/graph\.microsoft\.com\//, ''));
    expect(scopes).toContain('Mail.ReadBasic');
    expect(scopes).not.toContain('Mail.ReadBasic.All');
    expect(scopes).toEqual(expect.arrayContaining(['Files.Read', 'Sites.Read.All', 'RoleEligibilitySchedule.Read.Directory']));

    // The services were checked in the tenant's subscriptions, and the admin is told what could not be tried.
    const run = await lastRun(contosoPage, contoso().tenantId);
    // A step's detail is a phrase (key and params); its parts are looked for in it as data.
    const detail = (step: string) => JSON.stringify(run.steps.find((s) => s.id === step)?.detail ?? '');
    expect(detail('check_exchange')).toContain('"provisioning_serviceUnverified"');
    expect(detail('check_exchange')).toContain('"EXCHANGE_S_ENTERPRISE","SPE_E5"');
    expect(detail('check_exchange')).toContain('graph_exchangeNoMailbox');
    expect(detail('check_onedrive')).toContain('graph_oneDriveNoDrive');
    expect(detail('check_sharepoint')).toContain('graph_evidenceRootSite');
    await expect.poll(() => contosoPage.getByText('has no mailbox', { exact: false }).count()).toBeGreaterThan(0);
    const card = tenantCard(contosoPage, contoso().displayName);
    for (const service of ['exchange', 'sharepoint', 'onedrive'])
      await expect.poll(() => card.getByTestId(`status-${service}`).textContent()).toBe('Connected');
  });

  it('a Global Administrator role that is eligible in PIM but not active is refused with the words to activate it', async () => {
    session.tenant.control.makeEligible(fabrikam().user.userPrincipalName);
    const fabrikamPage = await fabrikamAdded();
    expect(await meganGrants(fabrikamPage)).toBe('failed');
    const error = await grantError(fabrikamPage);
    expect(error.code).toBe('global_admin_not_active');
    expect(error.text).toContain('Activate Global Administrator in Privileged Identity Management, then try again.');
    expect(error.text).not.toContain('assign you the role');
    const connectors = await readTable<{ tenantId: string }>(fabrikamPage, 'connectors');
    expect(connectors.filter((c) => c.tenantId === fabrikam().tenantId)).toEqual([]);
  });

  it('Global Administrator held through a role-assignable group passes', async () => {
    const megan = fabrikam().user;
    meganHoldsTheRoleThroughAGroup();
    const fabrikamPage = await fabrikamAdded();
    session.tenant.control.clearRequests();
    expect(await meganGrants(fabrikamPage)).toBe('succeeded');
    const run = await lastRun(fabrikamPage, fabrikam().tenantId);
    expect(run.steps.find((s) => s.id === 'verify_admin')?.detail).toEqual({
      key: 'provisioning_holdsGlobalAdmin',
      params: [megan.userPrincipalName],
    });
    // The role check read the roles transitively.
    expect(session.tenant.control.requests().some((r) => r.path === '/v1.0/me/transitiveMemberOf/microsoft.graph.directoryRole')).toBe(
      true,
    );
  });

  it('when the role lapses but stays eligible (a PIM activation ended), the monitor turns amber, quietly', async () => {
    const megan = fabrikam().user;
    const group = meganHoldsTheRoleThroughAGroup();
    const fabrikamPage = await fabrikamAdded();
    expect(await meganGrants(fabrikamPage)).toBe('succeeded');
    await checkNow(fabrikamPage);
    expect((await readBadge(await session.browser.worker())).text).toBe('');
    const notifications = (await shownNotifications(fabrikamPage)).length;
    session.tenant.control.removeGroupMember(group.id, megan.userPrincipalName);
    await checkNow(fabrikamPage);
    const amber = await readBadge(await session.browser.worker());
    expect(amber.text).toBe('!');
    expect(amber.title).toContain(
      `${fabrikam().displayName} · SharePoint Online: Role not active — The service account's Global Administrator role is not active any more`,
    );
    await checkNow(fabrikamPage);
    expect(await shownNotifications(fabrikamPage)).toHaveLength(notifications);
    // Activated again in PIM: all well.
    session.tenant.control.activate(megan.userPrincipalName, 8);
    await checkNow(fabrikamPage);
    expect((await readBadge(await session.browser.worker())).text).toBe('');
  });
});
