import { describe, expect, it } from 'vitest';
import { SUCCESS_SENTENCE } from '../../lib/provisioning/plan-steps';
import type { ConnectorRecord, TenantRecord } from '../../lib/db/types';
import { addTenant } from './harness/console';
import { readTable } from './harness/extension';
import { useE2ESession } from './harness/session';
import { completeSignIn, waitForSignInWindow } from './harness/sign-in-window';

const session = useE2ESession({ orgs: [{ users: 60 }] });

describe('Grant access from the console', () => {
  it('connects all three services for all users and groups, and says so', async () => {
    const { tenant, browser } = session;
    const org = tenant.orgs[0]!;
    const page = await addTenant(browser, { serviceAccount: org.admin.userPrincipalName });
    const card = page.locator(`[aria-label="Tenant ${org.domain}"]`);
    await expect.poll(() => card.getByTestId('status-exchange').textContent()).toBe('Not connected');

    await card.getByRole('button', { name: 'Grant access' }).click();
    const wizard = page.getByRole('region', { name: 'Grant access' });
    const permissions = await wizard.getByRole('list', { name: 'Permissions requested' }).textContent();
    for (const scope of ['User.Read', 'Directory.Read.All', 'Mail.ReadBasic.All', 'Sites.Read.All', 'Files.Read.All', 'offline_access']) {
      expect(permissions).toContain(scope);
    }
    const window = waitForSignInWindow(browser.context);
    await wizard.getByRole('button', { name: 'Sign in and grant access' }).click();
    await completeSignIn(await window, { username: org.admin.userPrincipalName, password: org.admin.password });

    await expect.poll(() => page.getByText(SUCCESS_SENTENCE).count(), { timeout: 30_000 }).toBe(1);
    // After the grant the tenant is named as Microsoft names the organisation.
    const connectedCard = page.locator(`[aria-label="Tenant ${org.displayName}"]`);
    for (const service of ['exchange', 'sharepoint', 'onedrive']) {
      expect(await connectedCard.getByTestId(`status-${service}`).textContent()).toBe('Connected');
    }

    const [saved] = await readTable<TenantRecord>(page, 'tenants');
    expect(saved).toMatchObject({
      tenantId: org.tenantId,
      displayName: org.displayName,
      serviceAccountUpn: org.admin.userPrincipalName,
      syncScope: { mode: 'all' },
    });
    expect(saved?.grant?.scopes).toContain('Mail.ReadBasic.All');
    const connectors = await readTable<ConnectorRecord>(page, 'connectors');
    expect(connectors.map((c) => [c.service, c.status, c.policyId]).sort()).toEqual([
      ['exchange', 'connected', 'advanced-threat-protection'],
      ['onedrive', 'connected', 'advanced-threat-protection'],
      ['sharepoint', 'connected', 'advanced-threat-protection'],
    ]);
    expect((await readTable(page, 'users')).length).toBe(org.userCount);
    expect((await readTable(page, 'groups')).length).toBe(org.groupCount);
    const log = await readTable<{ action: string; detail: string }>(page, 'activityLog');
    expect(log.some((e) => e.action === 'granted' && e.detail.includes('Exchange Online, SharePoint Online, OneDrive'))).toBe(true);
    expect(JSON.stringify(log)).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
    await page.close();
  });
});
