import { describe, expect, it } from 'vitest';
import { expiredGrant, grantedTenant, regrant, type GrantOptions } from './harness/fixtures';
import { readBadge, readTable } from './harness/extension';
import { grantOutcome, shownRunId, tenantCard } from './harness/console';
import { checkNow, pressNotificationButton, shownNotifications } from './harness/messages';
import { completeSignIn, waitForSignInWindow } from './harness/sign-in-window';
import { useE2ESession } from './harness/session';
import { stopExtensionWorker } from './harness/worker-stop';

// Each test starts from a new profile and the tenant at its start, and builds its own grant (harness/fixtures.ts).
const session = useE2ESession({ orgs: [{ users: 40, premium: false }] }, {}, { fresh: 'test' });
const org = () => session.tenant.orgs[0]!;
const badge = async () => readBadge(await session.browser.worker());
const TWO: GrantOptions = { services: ['Exchange Online', 'OneDrive'] };

describe('The health monitor: badge, title, notifications', () => {
  it('after a grant, the badge is empty and its title says all is connected', async () => {
    const { page } = await grantedTenant(session, TWO);
    await expect.poll(async () => (await badge()).title, { timeout: 20_000 }).toMatch(/all 2 connected \(checked/);
    expect((await badge()).text).toBe('');
    const checks = await readTable<{ network: string; token?: { ok: boolean; refreshHorizon?: number } }>(page, 'checks');
    expect(checks.at(-1)).toMatchObject({ network: 'online', token: { ok: true } });
    // Entra's own refresh horizon (about 24 h), not an estimate.
    expect(checks.at(-1)?.token?.refreshHorizon).toBeGreaterThan(Date.now() + 23 * 3_600_000);
  });

  it('a revoked grant turns the badge red with the reason within one check, and notifies once', async () => {
    const { page } = await grantedTenant(session, TWO);
    session.tenant.control.clearRequests();
    session.tenant.control.revokeGrants(org().admin.userPrincipalName);
    await checkNow(page);
    const red = await badge();
    expect(red.text).toBe('2');
    expect(red.color).toEqual([197, 15, 31, 255]);
    expect(red.title).toContain(`Action needed — ${org().displayName} · Exchange Online: Access expired — The grant was revoked`);
    expect(red.title).toContain('OneDrive: Access expired');
    // One token request and no Graph request (the token failed first).
    const requests = session.tenant.control.requests().filter((r) => r.method !== 'OPTIONS');
    expect(requests.filter((r) => r.path.endsWith('/oauth2/v2.0/token'))).toHaveLength(1);
    expect(requests.filter((r) => r.path.startsWith('/v1.0/'))).toHaveLength(0);
    expect(await shownNotifications(page)).toHaveLength(1);

    await checkNow(page);
    expect(await shownNotifications(page)).toHaveLength(1);
    expect((await badge()).text).toBe('2');
    const alerts = await readTable<{ state: string; resolvedAt?: number }>(page, 'alerts');
    expect(alerts.filter((a) => a.state === 'token_expired' && !a.resolvedAt)).toHaveLength(2);
  });

  it('re-grant clears the badge', async () => {
    const granted = await expiredGrant(session, TWO);
    expect((await badge()).text).toBe('2');
    expect(await regrant(session, granted)).toBe('succeeded');
    await expect.poll(async () => (await badge()).text, { timeout: 20_000 }).toBe('');
    expect((await badge()).title).toMatch(/all 2 connected/);
    const alerts = await readTable<{ state: string; resolvedAt?: number }>(granted.page, 'alerts');
    expect(alerts.filter((a) => !a.resolvedAt)).toHaveLength(0);
  });

  it("a notification's Re-grant starts the re-grant and opens the console on that tenant's grant", async () => {
    const granted = await expiredGrant(session, TWO);
    const [notification] = await shownNotifications(granted.page);
    const previous = await shownRunId(granted.page);
    await granted.page.close();
    session.tenant.control.endSessions();
    const window = waitForSignInWindow(session.browser.context);
    const opened = session.browser.context.waitForEvent('page', { predicate: (page) => page.url().includes('/options.html#') });
    await pressNotificationButton(await session.browser.worker(), notification!, 0);
    const consoleTab = await opened;
    expect(new URL(consoleTab.url()).hash).toBe(`#/tenants/${org().tenantId}/grant`);
    // The tenant's page, with the new grant in view and focused: the keyboard and a screen reader start there.
    await tenantCard(consoleTab, org().displayName).waitFor();
    await consoleTab.locator(`#grant [data-run-id]:not([data-run-id="${previous}"])`).waitFor();
    await expect.poll(() => consoleTab.evaluate(() => document.activeElement?.id)).toBe('grant');
    await completeSignIn(await window, granted.admin);
    expect(await grantOutcome(consoleTab, previous)).toBe('succeeded');
    await expect.poll(async () => (await badge()).text, { timeout: 20_000 }).toBe('');
  });

  it('a removed Global Administrator role shows its own reason, and clears when the role is back', async () => {
    const { page } = await grantedTenant(session, TWO);
    session.tenant.control.removeRole(org().admin.userPrincipalName);
    await checkNow(page);
    const red = await badge();
    expect(red.text).toBe('2');
    expect(red.title).toContain('Exchange Online: Permission missing — The service account is no longer a Global Administrator');
    session.tenant.control.addRole(org().admin.userPrincipalName);
    session.tenant.control.clearRequests();
    await checkNow(page);
    expect((await badge()).text).toBe('');
    // A check makes one token request and one Graph request ($batch) per tenant.
    const requests = session.tenant.control.requests().filter((r) => r.method !== 'OPTIONS');
    expect(requests.filter((r) => r.path.endsWith('/oauth2/v2.0/token'))).toHaveLength(1);
    expect(requests.filter((r) => r.path.startsWith('/v1.0/')).map((r) => r.path)).toEqual(['/v1.0/$batch']);
  });

  it('a lost permission (consent removed) shows its own reason, and a re-grant restores it', async () => {
    const granted = await grantedTenant(session, TWO);
    session.tenant.control.removeConsent(org().admin.userPrincipalName);
    await checkNow(granted.page);
    const red = await badge();
    expect(red.title).toContain('Permission missing — The app no longer has consent for the permissions it needs');
    expect(red.title).not.toContain('Global Administrator');
    expect(await regrant(session, granted)).toBe('succeeded');
    await expect.poll(async () => (await badge()).text, { timeout: 20_000 }).toBe('');
  });

  it('a network failure during a check gives no false alarm', async () => {
    const { page } = await grantedTenant(session, TWO);
    session.tenant.control.injectFault({ path: '/oauth2/v2.0/token', kind: 'reset', count: Infinity });
    await checkNow(page);
    session.tenant.control.clearFaults();
    const after = await badge();
    expect(after.text).toBe('');
    expect(after.title).not.toMatch(/expired|Action needed/);
    const checks = await readTable<{ token?: { ok: boolean; code?: string } }>(page, 'checks');
    expect(checks.at(-1)?.token).toMatchObject({ ok: false, code: 'network_unreachable' });
  });

  it('the browser offline: the check asks nothing and reports offline, never expired', async () => {
    const { page } = await grantedTenant(session, TWO);
    session.tenant.control.clearRequests();
    await session.browser.context.setOffline(true);
    try {
      await checkNow(page);
    } finally {
      await session.browser.context.setOffline(false);
    }
    const offline = await badge();
    expect(offline.text).toBe('');
    expect(offline.title).toContain(`${org().displayName}: offline, not checked`);
    expect(session.tenant.control.requests().filter((r) => r.method !== 'OPTIONS')).toHaveLength(0);
  });

  it('the worker stopped through the DevTools protocol is woken by its alarm and still reports right', async () => {
    const { page } = await grantedTenant(session, TWO);
    session.tenant.control.revokeGrants(org().admin.userPrincipalName);
    await stopExtensionWorker(session.browser, page);
    // The check alarm, due now (it keeps its period): the stopped worker must wake for it.
    await page.evaluate(async () => {
      const alarm = await chrome.alarms.get('monitor:check');
      await chrome.alarms.create('monitor:check', { when: Date.now() + 1_000, periodInMinutes: alarm?.periodInMinutes ?? 15 });
    });
    await expect.poll(async () => (await badge()).text, { timeout: 20_000 }).toBe('2');
    expect((await badge()).title).toContain('Access expired — The grant was revoked');
  });
});
