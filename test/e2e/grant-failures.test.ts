import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TenantRecord } from '../../lib/db/types';
import { grantError, grantOutcome, openGrantWizard, shownRunId, signInThrough } from './harness/console';
import { openExtensionPage, readTable } from './harness/extension';
import { addedTenant, grantedTenant, type ServiceLabel } from './harness/fixtures';
import { useE2ESession } from './harness/session';
import { completeSignIn, waitForSignInWindow } from './harness/sign-in-window';

// Two organisations on one local tenant server: Contoso (the tenant being connected) and Fabrikam (another one).
// Each test starts from a new profile and the tenant at its start, with Contoso added (no named service account).
const session = useE2ESession({ orgs: [{ users: 30 }, { users: 5 }] }, {}, { fresh: 'test' });
let page: Page;
const added = async () => {
  page = await addedTenant(session, { serviceAccount: '' });
};
/** Contoso granted `services` first (the grant's sign-in then ends Entra's session, as each test starts without one). */
const granted = async (services: ServiceLabel[]) => {
  ({ page } = await grantedTenant(session, { services, serviceAccount: '' }));
  session.tenant.control.endSessions();
};

const contoso = () => session.tenant.orgs[0]!;
const fabrikam = () => session.tenant.orgs[1]!;
const SIGN_IN = 'Sign in and grant access';
const nothingConnected = async () => expect(await readTable(page, 'connectors')).toEqual([]);

/** Start a grant of `services` and hand back the sign-in window. */
async function startGrant(services = ['Exchange Online'], card = contoso().domain) {
  const form = await openGrantWizard(page, card, services);
  const previous = await shownRunId(page);
  const window = waitForSignInWindow(session.browser.context);
  await form.getByRole('button', { name: SIGN_IN }).click();
  return { window: await window, previous };
}

describe('Grant access: every failure has its own message and leaves no half-connected record', () => {
  it('adds the tenant without a named service account: none is stored', async () => {
    await added();
    const [tenant] = await readTable<TenantRecord>(page, 'tenants');
    expect(tenant?.tenantId).toBe(contoso().tenantId);
    expect(tenant?.serviceAccountUpn).toBeUndefined();
  });

  it('the sign-in window closed', async () => {
    await added();
    const { window, previous } = await startGrant();
    await window.close();
    expect(await grantOutcome(page, previous)).toBe('failed');
    expect((await grantError(page)).code).toBe('sign_in_cancelled');
    await nothingConnected();
    const log = await readTable<{ event: string; outcome: string }>(page, 'activityLog');
    expect(log.some((e) => e.event === 'grant_failed' && e.outcome === 'failure')).toBe(true);
  });

  it('consent refused', async () => {
    await added();
    const { window, previous } = await startGrant();
    await completeSignIn(window, { username: contoso().admin.userPrincipalName, password: contoso().admin.password, consent: 'cancel' });
    expect(await grantOutcome(page, previous)).toBe('failed');
    const error = await grantError(page);
    expect(error.code).toBe('consent_declined');
    expect(error.text).toContain('choose Accept on the permissions page');
    await nothingConnected();
  });

  it('an account of another tenant: Entra says so in the window, and the console tells how to go on', async () => {
    await added();
    const { window, previous } = await startGrant();
    await window.locator('#username').fill(fabrikam().admin.userPrincipalName);
    await window.locator('#password').fill(fabrikam().admin.password);
    await window.locator('#signin').click();
    await expect.poll(() => window.textContent('body')).toContain('AADSTS50020');
    await window.close();
    expect(await grantOutcome(page, previous)).toBe('failed');
    const error = await grantError(page);
    expect(error.code).toBe('sign_in_cancelled');
    expect(error.text).toContain('sign in with an account of this tenant');
    await nothingConnected();
  });

  it('not a Global Administrator', async () => {
    await added();
    const { window, previous } = await startGrant();
    await completeSignIn(window, { username: contoso().user.userPrincipalName, password: contoso().user.password });
    expect(await grantOutcome(page, previous)).toBe('failed');
    const error = await grantError(page);
    expect(error.code).toBe('not_global_admin');
    expect(error.text).toContain(`The account ${contoso().user.userPrincipalName} is not a Global Administrator`);
    await nothingConnected();
  });

  it('a service whose plan is not provisioned in the subscription, then resumed from that step once fixed', async () => {
    await added();
    // The admin's own mailbox no longer matters (an unlicensed admin grants Exchange Online): the tenant's plan does.
    const admin = contoso().admin;
    session.tenant.control.setServicePlan('EXCHANGE_S_ENTERPRISE', 'PendingActivation');
    const { window, previous } = await startGrant();
    await completeSignIn(window, { username: admin.userPrincipalName, password: admin.password });
    expect(await grantOutcome(page, previous)).toBe('failed');
    const error = await grantError(page);
    expect(error.code).toBe('service_not_provisioned');
    expect(error.text).toContain(
      "Exchange Online is in the tenant's subscription (plan EXCHANGE_S_ENTERPRISE in SPE_E5), but Microsoft reports the plan as PendingActivation",
    );
    await nothingConnected();

    session.tenant.control.setServicePlan('EXCHANGE_S_ENTERPRISE', 'Success');
    session.tenant.control.clearRequests();
    const failedRun = await shownRunId(page);
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.locator(`[data-run-id="${failedRun}"][data-run-state="running"]`).waitFor();
    expect(await grantOutcome(page)).toBe('succeeded');
    // Resumed from the failed step: no new sign-in.
    expect(session.tenant.control.requests().some((r) => r.path.endsWith('/oauth2/v2.0/authorize'))).toBe(false);
    expect((await readTable<{ service: string }>(page, 'connectors')).map((c) => c.service)).toEqual(['exchange']);
  });

  it('the network lost mid-way: the grant stops at that step and resumes from it', async () => {
    await granted(['Exchange Online']);
    session.tenant.control.injectFault({ path: '/v1.0/sites/root', kind: 'reset', count: Infinity });
    const form = await openGrantWizard(page, contoso().displayName, ['SharePoint Online']);
    const state = await signInThrough(page, form.getByRole('button', { name: SIGN_IN }), session.browser, {
      username: contoso().admin.userPrincipalName,
      password: contoso().admin.password,
    });
    expect(state).toBe('failed');
    const error = await grantError(page);
    expect(error.code).toBe('graph_unavailable');
    expect(page.locator('[data-step="check_sharepoint"]')).toBeDefined();
    expect(await page.locator('[data-step="check_sharepoint"]').getAttribute('data-state')).toBe('failed');
    expect((await readTable<{ service: string }>(page, 'connectors')).map((c) => c.service)).toEqual(['exchange']);

    session.tenant.control.clearFaults();
    const failedRun = await shownRunId(page);
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.locator(`[data-run-id="${failedRun}"][data-run-state="running"]`).waitFor();
    expect(await grantOutcome(page)).toBe('succeeded');
    expect((await readTable<{ service: string }>(page, 'connectors')).map((c) => c.service).sort()).toEqual(['exchange', 'sharepoint']);
  });

  it('a second grant while one is running (the popup’s Re-grant during a console grant)', async () => {
    await granted(['Exchange Online', 'SharePoint Online']);
    const { window, previous } = await startGrant(['OneDrive'], contoso().displayName);
    const popup = await openExtensionPage(session.browser.context, session.browser.extensionId, 'popup.html');
    await popup.getByRole('button', { name: 'Re-grant' }).click();
    await expect.poll(() => popup.getByRole('alert').textContent()).toContain('A grant is already running');
    await popup.close();
    await window.close();
    expect(await grantOutcome(page, previous)).toBe('failed');
    expect((await readTable<{ service: string }>(page, 'connectors')).map((c) => c.service).sort()).toEqual(['exchange', 'sharepoint']);
  });
});
