import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ConnectorRecord, DirectoryGroup, DirectoryUser, TenantRecord } from '../../lib/db/types';
import { SUCCESS_SENTENCE } from './harness/constants';
import { addTenant, grantOutcome, openGrantWizard, shownRunId, signInThrough, tenantCard, wizard } from './harness/console';
import { readTable } from './harness/extension';
import { grantedTenant } from './harness/fixtures';
import { useE2ESession } from './harness/session';

// One admin's day, a step a test: each test starts from a new profile and the tenant at its start, and builds the
// step before its own with the fixtures (harness/fixtures.ts).
const session = useE2ESession({ orgs: [{ users: 60 }] }, {}, { fresh: 'test' });
let page: Page;

const org = () => session.tenant.orgs[0]!;
const admin = () => ({ username: org().admin.userPrincipalName, password: org().admin.password });
/** The services connected: a connector record exists from the grant until Disconnect (its status is derived, not stored). */
const connectedServices = async () => (await readTable<ConnectorRecord>(page, 'connectors')).map((c) => c.service).sort();

describe('Grant access from the console', () => {
  it('adds the tenant, resolving its domain to the tenant id', async () => {
    page = await addTenant(session.browser, { serviceAccount: org().admin.userPrincipalName });
    const card = tenantCard(page, org().domain);
    await expect.poll(() => card.getByTestId('status-exchange').textContent()).toBe('Not connected');
    expect(await card.textContent()).toContain(org().tenantId);
  });

  it('connects Exchange Online alone for all users and groups, checking each step', async () => {
    page = await addTenant(session.browser, { serviceAccount: org().admin.userPrincipalName });
    await tenantCard(page, org().domain).getByRole('button', { name: 'Grant access' }).click();
    const form = wizard(page);
    await form.getByRole('checkbox', { name: 'SharePoint Online' }).uncheck();
    await form.getByRole('checkbox', { name: 'OneDrive' }).uncheck();
    const permissions = await form.getByRole('list', { name: 'Permissions requested' }).textContent();
    // The delegated permission (mailfolder-get-permissions.md); Mail.ReadBasic.All is application-only.
    expect(permissions).toMatch(/Mail\.ReadBasic(?!\.All)/);
    expect(permissions).not.toContain('Mail.ReadBasic.All');
    expect(permissions).not.toContain('Sites.Read.All');
    await form.getByRole('radio', { name: /^Monitor only/ }).check();
    // Graph throttles the Exchange check once (concepts/throttling.md: 429 with Retry-After): the step waits and passes.
    session.tenant.control.injectFault({ path: '/v1.0/subscribedSkus', kind: '429', retryAfterSeconds: 1, count: 1 });
    expect(await signInThrough(page, form.getByRole('button', { name: 'Sign in and grant access' }), session.browser, admin())).toBe(
      'succeeded',
    );
    expect(await page.getByText(SUCCESS_SENTENCE).count()).toBe(1);
    const skus = session.tenant.control.requests().filter((r) => r.path === '/v1.0/subscribedSkus' && r.method === 'GET');
    expect(skus.map((r) => r.status).slice(0, 2)).toEqual([429, 200]);
    expect(skus[1]!.time - skus[0]!.time).toBeGreaterThanOrEqual(1000);
    const steps = await page
      .locator('[data-step]')
      .evaluateAll((items) => items.map((i) => `${i.getAttribute('data-step')}:${i.getAttribute('data-state')}`));
    expect(steps).toEqual(
      [
        'sign_in',
        'verify_tenant',
        'verify_admin',
        'verify_service_account',
        'check_exchange',
        'sync_directory',
        'backfill_activity',
        'enable_policy',
        'finish',
      ].map((s) => `${s}:done`),
    );
    expect(await connectedServices()).toEqual(['exchange']);
    const [connector] = await readTable<ConnectorRecord>(page, 'connectors');
    expect(connector?.policyId).toBe('monitor-only');
    expect((await readTable(page, 'users')).length).toBe(org().userCount);
    expect(await tenantCard(page, org().displayName).getByTestId('status-sharepoint').textContent()).toBe('Not connected');
  });

  it('adds SharePoint Online and OneDrive with the same scope, and says why the scope is locked', async () => {
    ({ page } = await grantedTenant(session, { services: ['Exchange Online'] }));
    await tenantCard(page, org().displayName).getByRole('button', { name: 'Grant access' }).click();
    const form = wizard(page);
    expect(await form.getByRole('radio', { name: 'All users and groups' }).isDisabled()).toBe(true);
    expect(await form.textContent()).toContain('every service of a tenant uses the same scope');
    await form.getByRole('checkbox', { name: /^Exchange Online/ }).uncheck();
    // Entra's session lives, but the new services' permissions need consent: the window shows only that page.
    expect(await signInThrough(page, form.getByRole('button', { name: 'Sign in and grant access' }), session.browser, admin())).toBe(
      'succeeded',
    );
    expect(await connectedServices()).toEqual(['exchange', 'onedrive', 'sharepoint']);
  });

  it('switches the scope to selected users and groups in one action that re-grants every service', async () => {
    ({ page } = await grantedTenant(session));
    const megan = org().user;
    const pilot = session.tenant.control.addGroup({
      displayName: 'Pilot testers',
      members: [megan.userPrincipalName, org().admin.userPrincipalName],
    });
    await tenantCard(page, org().displayName).getByRole('button', { name: 'Switch sync scope' }).click();
    const form = wizard(page, 'Switch the sync scope');
    expect(await form.getByRole('radio', { name: /^Selected users and groups/ }).isChecked()).toBe(true);
    expect(
      await signInThrough(page, form.getByRole('button', { name: 'Sign in and switch the scope' }), session.browser, 'expect-silent'),
    ).toBe('waiting');

    const picker = page.getByRole('region', { name: 'Choose users and groups' });
    await picker.getByLabel('Find users and groups by name or sign-in name').fill('Megan');
    await picker.getByRole('checkbox', { name: `User: ${megan.displayName} (${megan.userPrincipalName})` }).check();
    await picker.getByLabel('Find users and groups by name or sign-in name').fill('Pilot');
    await picker.getByRole('checkbox', { name: /^Group: Pilot testers/ }).check();
    const waitingRun = await shownRunId(page);
    await picker.getByRole('button', { name: 'Sync these and continue' }).click();
    await page.locator(`[data-run-id="${waitingRun}"][data-run-state="running"]`).waitFor();
    expect(await grantOutcome(page)).toBe('succeeded');

    const [tenant] = await readTable<TenantRecord>(page, 'tenants');
    expect(tenant?.syncScope).toEqual({ mode: 'selected', userIds: [megan.id], groupIds: [pilot.id] });
    const users = await readTable<DirectoryUser>(page, 'users');
    expect(users.map((u) => u.userPrincipalName).sort()).toEqual([org().admin.userPrincipalName, megan.userPrincipalName].sort());
    expect((await readTable<DirectoryGroup>(page, 'groups')).map((g) => g.displayName)).toEqual(['Pilot testers']);
    expect(await connectedServices()).toEqual(['exchange', 'onedrive', 'sharepoint']);
  });

  it('re-grants after the tenant revokes the grant, keeping history, mirror and settings', async () => {
    ({ page } = await grantedTenant(session));
    const before = await readTable<ConnectorRecord>(page, 'connectors');
    const usersBefore = (await readTable(page, 'users')).length;
    session.tenant.control.revokeGrants(org().admin.userPrincipalName);
    session.tenant.control.endSessions();
    expect(
      await signInThrough(page, tenantCard(page, org().displayName).getByRole('button', { name: 'Re-grant' }), session.browser, admin()),
    ).toBe('succeeded');
    const after = await readTable<ConnectorRecord>(page, 'connectors');
    expect(after.map((c) => [c.service, c.connectedAt, c.policyId]).sort()).toEqual(
      before.map((c) => [c.service, c.connectedAt, c.policyId]).sort(),
    );
    expect((await readTable(page, 'users')).length).toBe(usersBefore);
    const log = await readTable<{ event: string }>(page, 'activityLog');
    expect(log.map((e) => e.event)).toEqual(expect.arrayContaining(['tenant_added', 'granted', 'regranted']));
  });

  it('disconnects one service, then the whole tenant and its mirrored data, after saying what goes', async () => {
    ({ page } = await grantedTenant(session));
    const card = tenantCard(page, org().displayName);
    await card.locator('[data-service="onedrive"]').getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Disconnect' }).click();
    await expect.poll(connectedServices, { timeout: 20_000 }).toEqual(['exchange', 'sharepoint']);

    await card.getByRole('button', { name: 'Disconnect tenant' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('signed out of the extension and its tokens are removed');
    await dialog.getByRole('checkbox', { name: /Keep the mirrored users/ }).uncheck();
    await dialog.getByRole('button', { name: 'Disconnect' }).click();
    await expect.poll(connectedServices, { timeout: 20_000 }).toEqual([]);
    expect(await readTable(page, 'users')).toEqual([]);
    const [tenant] = await readTable<TenantRecord>(page, 'tenants');
    expect(tenant?.homeAccountId).toBeUndefined();
    expect(tenant?.grant).toBeUndefined();
    expect((await readTable(page, 'syncRuns')).length).toBeGreaterThan(0);
  });

  it('connects OneDrive alone for selected users chosen from the start, then disconnects keeping the mirrored data', async () => {
    const megan = org().user;
    page = await addTenant(session.browser, { serviceAccount: org().admin.userPrincipalName });
    const form = await openGrantWizard(page, org().domain, ['OneDrive']);
    await form.getByRole('radio', { name: /^Selected users and groups/ }).check();
    // The grant waits for the choice of users after the sign-in.
    expect(await signInThrough(page, form.getByRole('button', { name: 'Sign in and grant access' }), session.browser, admin())).toBe(
      'waiting',
    );
    const picker = page.getByRole('region', { name: 'Choose users and groups' });
    await picker.getByLabel('Find users and groups by name or sign-in name').fill(megan.userPrincipalName.slice(0, 5));
    await picker.getByRole('checkbox', { name: `User: ${megan.displayName} (${megan.userPrincipalName})` }).check();
    const waitingRun = await shownRunId(page);
    await picker.getByRole('button', { name: 'Sync these and continue' }).click();
    await page.locator(`[data-run-id="${waitingRun}"][data-run-state="running"]`).waitFor();
    expect(await grantOutcome(page)).toBe('succeeded');
    expect(await connectedServices()).toEqual(['onedrive']);
    expect((await readTable<DirectoryUser>(page, 'users')).map((u) => u.id)).toEqual([megan.id]);

    await tenantCard(page, org().displayName).getByRole('button', { name: 'Disconnect tenant' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByRole('checkbox', { name: /Keep the mirrored users/ }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Disconnect' }).click();
    await expect.poll(connectedServices, { timeout: 20_000 }).toEqual([]);
    expect((await readTable<DirectoryUser>(page, 'users')).map((u) => u.id)).toEqual([megan.id]);
    // Kept as a code and a phrase (no words), which the console's activity log words when shown.
    const log = await readTable<{ event: string; detail: unknown }>(page, 'activityLog');
    const detail = { key: 'activity_disconnectedDataKept', params: [[{ key: 'connectors_oneDrive' }]] };
    expect(log.some((e) => e.event === 'disconnected' && JSON.stringify(e.detail) === JSON.stringify(detail))).toBe(true);
  });
});
