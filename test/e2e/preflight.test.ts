import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { scopesFor, serviceById } from '../../lib/connectors/services';
import { PREFLIGHT_SCOPES } from '../../lib/registration/preflight';
import { violations } from './harness/axe';
import { E2E_CLIENT_ID } from './harness/constants';
import { openExtensionPage } from './harness/extension';
import { useE2ESession } from './harness/session';
import { completeSignIn, waitForSignInWindow } from './harness/sign-in-window';

// The pre-flight check of the app registration (issue #13, item 3): the console signs in once and reads, with
// Microsoft Graph, what this tenant granted the app and where its redirect URI is registered, then names each
// problem with the Entra admin center step that fixes it.

const session = useE2ESession({ orgs: [{ users: 10 }] });
const REDIRECT = 'https://iaoafjmjbhidbadlbfodfadofaghkmon.chromiumapp.org/';
const SIGN_IN_SCOPES = ['openid', 'profile', 'offline_access'];

beforeEach(() => {
  session.tenant.control.reset();
});

/** Opens the console's check, picks the services by keyboard, and submits with Enter. */
async function runCheck(options: { uncheck?: string[] } = {}): Promise<{ page: Page; form: ReturnType<Page['getByRole']> }> {
  const admin = session.tenant.orgs[0]!.admin;
  const page = await openExtensionPage(session.browser.context, session.browser.extensionId, 'options.html#/add-tenant');
  const form = page.getByRole('form', { name: 'Check the app registration' });
  await form.getByLabel('Service account sign-in name (optional)').fill(admin.userPrincipalName);
  for (const label of options.uncheck ?? []) {
    const box = form.getByRole('checkbox', { name: label });
    await box.focus();
    await page.keyboard.press('Space');
    expect(await box.isChecked()).toBe(false);
  }
  const window = waitForSignInWindow(session.browser.context);
  await form.getByRole('button', { name: 'Sign in and check' }).focus();
  await page.keyboard.press('Enter');
  await completeSignIn(await window, { username: admin.userPrincipalName, password: admin.password });
  return { page, form };
}

const row = (page: Page, scope: string) => page.getByTestId('preflight-report').locator(`tr[data-scope="${scope}"]`);

describe('the pre-flight check of the app registration', () => {
  it('lists a permission the tenant has not granted with its fix, and shows the admin consent given for the rest', async () => {
    const { tenant } = session;
    const all = scopesFor(['exchange', 'sharepoint', 'onedrive']);
    const exchangeOnly = serviceById('exchange').permissions.map((permission) => permission.scope);
    const granted = all.filter((scope) => !exchangeOnly.includes(scope));
    tenant.control.grantAdminConsent([...new Set([...SIGN_IN_SCOPES, ...PREFLIGHT_SCOPES, ...granted])]);
    tenant.control.clearRequests();

    const { page } = await runCheck();
    const report = page.getByTestId('preflight-report');
    await report.waitFor({ timeout: 20_000 });

    for (const scope of exchangeOnly) {
      expect(await row(page, scope).getAttribute('data-standing')).toBe('missing');
      expect(await row(page, scope).textContent()).toContain('Missing');
      const fix = report.locator('li[data-problem="permission_missing"]', { hasText: scope });
      expect(await fix.textContent()).toContain(
        `Entra admin center > Identity > Applications > App registrations > ${E2E_CLIENT_ID} > API permissions > Add a permission > Microsoft Graph > Delegated permissions > ${scope} > Add permissions`,
      );
    }
    for (const scope of granted) {
      expect(await row(page, scope).textContent(), scope).toContain('Granted: admin consent for all users');
    }
    expect(await page.getByTestId('preflight-admin-consent').textContent()).toBe(
      'Admin consent: given for some of the permissions the chosen services need, not for all.',
    );
    expect(await page.getByTestId('preflight-redirect').textContent()).toBe(
      `Redirect URI ${REDIRECT}: registered as a single-page application.`,
    );
    // Exactly the one permission is a problem: nothing else is listed to fix.
    expect(await report.locator('li[data-problem]').count()).toBe(exchangeOnly.length);

    // The reads went to Graph with a token and were answered.
    const reads = tenant.control
      .requests()
      .filter((r) => r.method === 'GET' && /^\/v1\.0\/(servicePrincipals|oauth2PermissionGrants|applications)$/.test(r.path));
    expect(new Set(reads.map((r) => r.path))).toEqual(
      new Set(['/v1.0/servicePrincipals', '/v1.0/oauth2PermissionGrants', '/v1.0/applications']),
    );
    expect(reads.every((r) => r.authorization && r.status === 200)).toBe(true);

    expect(await violations(page, { include: '[data-testid="preflight-report"]' })).toEqual([]);
    await page.close();
  });

  it('reports permissions only this administrator consented to, with Grant admin consent as the fix, for the services chosen', async () => {
    const { page } = await runCheck({ uncheck: ['Exchange Online'] });
    const report = page.getByTestId('preflight-report');
    await report.waitFor({ timeout: 20_000 });
    // Exchange was not chosen: its permissions are not asked about.
    for (const scope of serviceById('exchange').permissions.map((permission) => permission.scope)) {
      if (!scopesFor(['sharepoint', 'onedrive']).includes(scope)) expect(await row(page, scope).count()).toBe(0);
    }
    // The consent page the check's own sign-in showed is this administrator's consent, not the organisation's.
    expect(await row(page, 'User.Read').getAttribute('data-standing')).toBe('user_consent');
    expect(await page.getByTestId('preflight-admin-consent').textContent()).toBe('Admin consent: not given.');
    const fix = report.locator('li[data-problem="admin_consent_missing"]');
    expect(await fix.textContent()).toContain(
      `App registrations > ${E2E_CLIENT_ID} > API permissions > Grant admin consent for Contoso > Yes.`,
    );
    await page.close();
  });

  it('a redirect URI registered as Web: the sign-in fails with AADSTS9002326 and the check names the fix', async () => {
    session.tenant.control.setRedirectPlatform(REDIRECT, 'web');
    const { page, form } = await runCheck();
    const alert = form.getByRole('alert');
    await expect
      .poll(() => alert.locator('[data-error-code]').getAttribute('data-error-code'), { timeout: 20_000 })
      .toBe('redirect_uri_wrong_platform');
    expect(await page.getByTestId('preflight-sign-in-fix').textContent()).toBe(
      `Move the redirect URI from Web to single-page application: Entra admin center > Identity > Applications > App registrations > ${E2E_CLIENT_ID} > Authentication: under Web, delete ${REDIRECT} and save; then Add a platform > Single-page application > Redirect URI ${REDIRECT} > Configure.`,
    );
    // The token endpoint refused the browser's redemption; no Graph read happened.
    const token = session.tenant.control.requests().find((r) => r.method === 'POST' && r.path.endsWith('/oauth2/v2.0/token'));
    expect(token?.status).toBe(400);
    expect(session.tenant.control.requests().some((r) => r.path.startsWith('/v1.0/'))).toBe(false);
    await page.close();
  });
});
