import { describe, expect, it } from 'vitest';
import { grantedTenant, syncedTenant } from './harness/fixtures';
import { tenantCard } from './harness/console';
import { openExtensionPage, readBadge, readTable } from './harness/extension';
import { until } from './harness/expect-until';
import { checkNow, shownNotifications } from './harness/messages';
import { useE2ESession } from './harness/session';

// The refresh-token horizon: SPA grants end a fixed time after the sign-in (24 h at Microsoft). A grant here gets a
// 3-hour horizon, inside the monitor's default warning window (4 hours before it), and the tenant's clock
// (control.advanceTime) carries Entra past it at once. The browser keeps the real time: msal still holds the refresh
// token for good, redeems it, and Entra answers AADSTS700084, as for a browser whose clock is behind Entra's.
const session = useE2ESession({ orgs: [{ users: 30, premium: false }] }, {}, { fresh: 'test' });
const org = () => session.tenant.orgs[0]!;
const badge = async () => readBadge(await session.browser.worker());
const AMBER = [247, 99, 12, 255];
const RED = [197, 15, 31, 255];
const NEAR_HORIZON_S = 3 * 3_600;
const EXCHANGE = { services: ['Exchange Online' as const] };

type Check = { at: number; network: string; token?: { ok: boolean; renewedBy?: string; code?: string; refreshHorizon?: number } };

describe('The refresh-token horizon', () => {
  it('a grant whose horizon is near turns the badge amber, with the exact time it ends', async () => {
    session.tenant.control.setLifetimes({ refreshTokenSeconds: NEAR_HORIZON_S });
    const { page, name } = await grantedTenant(session, EXCHANGE);
    const amber = await until(badge, (b) => b.text === '!', { what: 'an amber badge' });
    expect(amber.color).toEqual(AMBER);
    const [stored] = await readTable<{ grant?: { refreshHorizon: number } }>(page, 'tenants');
    const ends = await page.evaluate(
      (at) => new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
      stored!.grant!.refreshHorizon,
    );
    expect(amber.title).toContain(`Soon — ${org().displayName} · Exchange Online: Renewal due — Access ends on ${ends}`);
    await expect
      .poll(() => tenantCard(page, name).getByTestId('reason-exchange').textContent(), { timeout: 20_000 })
      .toContain(`Access ends on ${ends}.`);
  });

  it('a silent re-authentication (prompt=none, no window) that gets a new horizon clears it', async () => {
    session.tenant.control.setLifetimes({ refreshTokenSeconds: NEAR_HORIZON_S });
    const { page } = await grantedTenant(session, EXCHANGE);
    expect((await badge()).text).toBe('!');
    session.tenant.control.setLifetimes({ refreshTokenSeconds: 86_400 });
    session.tenant.control.clearRequests();
    const pagesBefore = session.browser.context.pages().length;
    await checkNow(page);
    expect((await badge()).text).toBe('');
    const authorize = session.tenant.control.requests().filter((r) => r.path.endsWith('/oauth2/v2.0/authorize'));
    expect(authorize.length).toBeGreaterThan(0);
    expect(session.browser.context.pages().filter((p) => !p.isClosed()).length).toBe(pagesBefore);
    const last = (await readTable<Check>(page, 'checks')).at(-1);
    expect(last?.token).toMatchObject({ ok: true, renewedBy: 'silent_sign_in' });
    expect(last?.token?.refreshHorizon).toBeGreaterThan(Date.now() + 23 * 3_600_000);
  });

  it('without an Entra session, a horizon that passes turns amber, then red, with one notification', async () => {
    session.tenant.control.setLifetimes({ refreshTokenSeconds: NEAR_HORIZON_S });
    const { page } = await grantedTenant(session, EXCHANGE);
    session.tenant.control.endSessions();
    await checkNow(page);
    expect(await badge()).toMatchObject({ text: '!', color: AMBER });
    expect((await readTable<Check>(page, 'checks')).at(-1)?.token).toMatchObject({ ok: true, renewedBy: 'refresh_token' });
    const before = (await shownNotifications(page)).length;

    session.tenant.control.advanceTime(NEAR_HORIZON_S * 1_000 + 60_000);
    await checkNow(page);
    const red = await badge();
    expect(red.text).toBe('1');
    expect(red.color).toEqual(RED);
    expect(red.title).toContain('Exchange Online: Access expired — The grant reached its fixed 24-hour limit');
    expect((await readTable<Check>(page, 'checks')).at(-1)?.token).toMatchObject({ ok: false, code: 'refresh_token_expired' });
    expect((await shownNotifications(page)).length).toBe(before + 1);
  });

  // After a browser restart msal's cache is unreadable by design (its key lives in memory only): what the monitor
  // does then is held by test/e2e/tokens-at-rest.test.ts.
});

// Predicted failures: the check reads the service account's password facts and its domain's policy (the local
// tenant set into each case), and the monitor says when it will break before it does.
describe('Predicted failures', () => {
  const DAY = 24 * 3_600_000;
  /** The service account changed its password 85 days ago; its domain makes a new one due every 90 days. */
  const passwordDueIn5Days = (policies: string | null = null) => {
    const changed = Math.floor((Date.now() - 85 * DAY) / 1_000) * 1_000;
    session.tenant.control.updateUser(org().admin.userPrincipalName, {
      lastPasswordChangeDateTime: new Date(changed).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      passwordPolicies: policies,
    });
    session.tenant.control.setDomainPasswordPolicy({ passwordValidityPeriodInDays: 90 });
    return changed + 90 * DAY;
  };

  it('a password that expires in 5 days under a 90-day policy turns amber, with the date in the popup and the console', async () => {
    const expiresAt = passwordDueIn5Days();
    const { page, name } = await syncedTenant(session, EXCHANGE);
    // The date as this browser's locale writes it (lib/i18n/format.ts formatDateTime).
    const date = await page.evaluate(
      (at) => new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
      expiresAt,
    );
    const amber = await until(badge, (b) => b.text === '!', { what: 'an amber badge' });
    expect(amber.color).toEqual(AMBER);
    expect(amber.title).toContain(
      `Soon — ${name} · Exchange Online: Password expiring — The service account's password expires on ${date}`,
    );

    const card = tenantCard(page, name);
    await expect.poll(() => card.getByTestId('status-exchange').textContent(), { timeout: 20_000 }).toBe('Password expiring');
    const why = await card.getByTestId('reason-exchange').textContent();
    expect(why).toContain(`expires on ${date}`);
    expect(why).toContain('AADSTS50173');

    const popup = await openExtensionPage(session.browser.context, session.browser.extensionId, 'popup.html');
    // The popup says a state once for the services that share it: the line holds the state, the services and the reason.
    const service = popup.locator(`[aria-label="Tenant ${name}"] [data-service="exchange"]`);
    const row = popup.locator(`[aria-label="Tenant ${name}"] li:has([data-service="exchange"])`);
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('Password expiring');
    expect(await service.getAttribute('data-severity')).toBe('warning');
    expect(await row.textContent()).toContain(`expires on ${date}`);
  });

  it('a password that never expires (DisablePasswordExpiration) stays green under the same policy', async () => {
    passwordDueIn5Days('DisablePasswordExpiration');
    const { page, name } = await syncedTenant(session, EXCHANGE);
    const last = (await readTable<{ graph?: { account?: { passwordPolicies?: string } } }>(page, 'checks')).at(-1);
    // The check did read the account: green because it never expires, not because nothing was known.
    expect(last?.graph?.account?.passwordPolicies).toBe('DisablePasswordExpiration');
    expect((await badge()).text).toBe('');
    await expect.poll(() => tenantCard(page, name).getByTestId('status-exchange').textContent(), { timeout: 20_000 }).toBe('Connected');
  });

  it("an open Microsoft incident for Exchange turns amber with Microsoft's title and last update", async () => {
    const { page, name } = await syncedTenant(session, EXCHANGE);
    const id = session.tenant.control.addServiceIssue({ service: 'Exchange Online', title: 'Some users can’t send mail' });
    await checkNow(page);
    expect(await badge()).toMatchObject({ text: '!', color: AMBER });
    const card = tenantCard(page, name);
    await expect.poll(() => card.getByTestId('status-exchange').textContent(), { timeout: 20_000 }).toBe('Microsoft incident');
    // Microsoft's last update as the check read it (lastModifiedDateTime), written in this browser's locale.
    const last = (await readTable<{ graph?: { incidents?: { exchange?: Array<{ lastUpdateAt?: number }> } } }>(page, 'checks')).at(-1);
    const lastUpdateAt = last?.graph?.incidents?.exchange?.[0]?.lastUpdateAt;
    expect(Math.abs((lastUpdateAt ?? 0) - session.tenant.control.now())).toBeLessThan(60_000);
    const updated = await page.evaluate(
      (at) => new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
      lastUpdateAt!,
    );
    expect(await card.getByTestId('reason-exchange').textContent()).toContain(
      `Microsoft reports an open incident, “Some users can’t send mail” (${id}), last updated on ${updated}.`,
    );

    session.tenant.control.resolveServiceIssue(id);
    await checkNow(page);
    expect((await badge()).text).toBe('');
    await expect.poll(() => card.getByTestId('status-exchange').textContent(), { timeout: 20_000 }).toBe('Connected');
  });

  it('a PIM activation of Global Administrator ending in 2 hours turns amber, with the time it ends', async () => {
    const admin = org().admin.userPrincipalName;
    session.tenant.control.setPremium(true);
    session.tenant.control.removeRole(admin);
    session.tenant.control.makeEligible(admin);
    session.tenant.control.activate(admin, 2);
    const { page, name } = await syncedTenant(session, EXCHANGE);
    const last = (await readTable<{ graph?: { globalAdminActiveUntil?: number } }>(page, 'checks')).at(-1);
    const ends = last?.graph?.globalAdminActiveUntil;
    expect(Math.abs((ends ?? 0) - (session.tenant.control.now() + 2 * 3_600_000))).toBeLessThan(5 * 60_000);
    const time = await page.evaluate((at) => new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }), ends!);
    const amber = await until(badge, (b) => b.text === '!', { what: 'an amber badge' });
    expect(amber.title).toContain(
      `Soon — ${name} · Exchange Online: Role activation ending — Global Administrator's activation in Privileged Identity Management ends on ${time}`,
    );
    await expect
      .poll(() => tenantCard(page, name).getByTestId('status-exchange').textContent(), { timeout: 20_000 })
      .toBe('Role activation ending');
  });

  it('a disabled account turns red from what "Sync now" read, before the next token refresh fails', async () => {
    const { page, name } = await syncedTenant(session, EXCHANGE);
    const card = tenantCard(page, name);
    const status = () => card.getByTestId('status-exchange').textContent();
    await expect.poll(status, { timeout: 20_000 }).toBe('Connected');
    const runsBefore = (await readTable<{ outcome: string }>(page, 'syncRuns')).length;
    const checksBefore = (await readTable<Check>(page, 'checks')).length;
    session.tenant.control.updateUser(org().admin.userPrincipalName, { accountEnabled: false });
    session.tenant.control.clearRequests();

    // The sync reads the directory with the access token msal still holds; Graph honours it until it expires.
    await page.locator(`[aria-label="Directory sync of ${name}"]`).getByRole('button', { name: 'Sync now' }).click();
    const runs = await until(
      () => readTable<{ outcome: string }>(page, 'syncRuns'),
      (all) => all.length > runsBefore && all.at(-1)?.outcome !== 'running',
      { what: 'the sync to end', timeout: 30_000 },
    );
    expect(runs.at(-1)?.outcome).toBe('success');
    const red = await until(badge, (b) => b.text === '1', { what: 'a red badge' });
    expect(red.color).toEqual(RED);
    expect(red.title).toContain('Exchange Online: Sign-in blocked — The account is disabled in Microsoft Entra ID (sign-in is blocked)');
    await expect.poll(status, { timeout: 20_000 }).toBe('Sign-in blocked');
    expect(await card.getByTestId('reason-exchange').textContent()).toContain("the grant's next token refresh fails (AADSTS50057)");
    const popup = await openExtensionPage(session.browser.context, session.browser.extensionId, 'popup.html');
    const row = popup.locator(`[aria-label="Tenant ${name}"] li:has([data-service="exchange"])`);
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('Sign-in blocked');
    expect(await popup.locator(`[aria-label="Tenant ${name}"] [data-service="exchange"]`).getAttribute('data-severity')).toBe('error');
    await popup.close();

    // The red came from the directory read, not from Entra: no token request was refused (none was made), no check ran.
    const requests = session.tenant.control.requests();
    expect(requests.filter((r) => r.path.endsWith('/oauth2/v2.0/token')).map((r) => r.status)).toEqual([]);
    expect(requests.some((r) => r.path === '/v1.0/users/delta' && r.authorization && r.status === 200)).toBe(true);
    expect((await readTable<Check>(page, 'checks')).length).toBe(checksBefore);

    // The prediction holds: the next check's refresh is refused with AADSTS50057, and the state stays.
    await checkNow(page);
    expect((await readTable<Check>(page, 'checks')).at(-1)?.token).toMatchObject({ ok: false, code: 'account_disabled' });
    expect((await badge()).text).toBe('1');

    // Enabled again, the next sync reads it so (the freshest record wins) and the connector turns back.
    session.tenant.control.updateUser(org().admin.userPrincipalName, { accountEnabled: true });
    const runsNow = (await readTable<{ outcome: string }>(page, 'syncRuns')).length;
    await page.locator(`[aria-label="Directory sync of ${name}"]`).getByRole('button', { name: 'Sync now' }).click();
    await until(
      () => readTable<{ outcome: string }>(page, 'syncRuns'),
      (all) => all.length > runsNow && all.at(-1)?.outcome === 'success',
      { what: 'the second sync', timeout: 30_000 },
    );
    await until(badge, (b) => b.text === '', { what: 'the badge cleared' });
    await expect.poll(status, { timeout: 20_000 }).toBe('Connected');
  });

  it('a licence in its grace period turns amber; the account disabled turns red, in its own words', async () => {
    const { page, name } = await syncedTenant(session, EXCHANGE);
    const status = () => tenantCard(page, name).getByTestId('status-exchange').textContent();
    session.tenant.control.setPlanStatus(org().admin.userPrincipalName, 'exchange', 'Warning');
    await checkNow(page);
    expect(await badge()).toMatchObject({ text: '!', color: AMBER });
    await expect.poll(status, { timeout: 20_000 }).toBe('Licence ending');
    expect(await tenantCard(page, name).getByTestId('reason-exchange').textContent()).toContain('grace period (Exchange Online)');

    session.tenant.control.updateUser(org().admin.userPrincipalName, { accountEnabled: false });
    await checkNow(page);
    const red = await badge();
    expect(red).toMatchObject({ text: '1', color: RED });
    expect(red.title).toContain('Exchange Online: Sign-in blocked — The account is disabled in Microsoft Entra ID');
    await expect.poll(status, { timeout: 20_000 }).toBe('Sign-in blocked');
  });
});
