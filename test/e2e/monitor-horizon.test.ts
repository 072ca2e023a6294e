import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { launchExtensionBrowser } from './harness/browser';
import { addTenant, openGrantWizard, signInThrough, tenantCard } from './harness/console';
import { openExtensionPage, readBadge, readTable } from './harness/extension';
import { checkNow, shownNotifications } from './harness/messages';
import { useE2ESession } from './harness/session';

// The refresh-token horizon: SPA grants end a fixed time after the sign-in (24 h at Microsoft; seconds here).
const session = useE2ESession({ orgs: [{ users: 30, premium: false }] });
let page: Page;
afterAll(() => page?.close());
const org = () => session.tenant.orgs[0]!;
const admin = () => ({ username: org().admin.userPrincipalName, password: org().admin.password });
const badge = async () => readBadge(await session.browser.worker());
const AMBER = [247, 99, 12, 255];
const RED = [197, 15, 31, 255];
const MSAL_OFFSET_S = 300;

type Check = { at: number; network: string; token?: { ok: boolean; renewedBy?: string; code?: string; refreshHorizon?: number } };

async function regrant(): Promise<string> {
  session.tenant.control.endSessions();
  return signInThrough(page, tenantCard(page, org().displayName).getByRole('button', { name: 'Re-grant' }), session.browser, admin());
}

describe('The refresh-token horizon', () => {
  it('a grant whose horizon is near turns the badge amber', async () => {
    session.tenant.control.setLifetimes({ refreshTokenSeconds: 30 });
    page = await addTenant(session.browser, { serviceAccount: org().admin.userPrincipalName });
    const form = await openGrantWizard(page, org().domain, ['Exchange Online']);
    expect(await signInThrough(page, form.getByRole('button', { name: 'Sign in and grant access' }), session.browser, admin())).toBe(
      'succeeded',
    );
    await expect.poll(async () => (await badge()).text, { timeout: 20_000 }).toBe('!');
    const amber = await badge();
    expect(amber.color).toEqual(AMBER);
    expect(amber.title).toContain(`Soon — ${org().displayName} · Exchange Online: Renewal due`);
  });

  it('a silent re-authentication (prompt=none, no window) that gets a new horizon clears it', async () => {
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
    // msal stops redeeming a refresh token 5 minutes before its horizon (RefreshTokenClient's offset): 308 s leave 8.
    session.tenant.control.setLifetimes({ refreshTokenSeconds: MSAL_OFFSET_S + 8 });
    expect(await regrant()).toBe('succeeded');
    session.tenant.control.endSessions();
    await checkNow(page);
    expect(await badge()).toMatchObject({ text: '!', color: AMBER });
    const before = (await shownNotifications(page)).length;
    const horizon = (await readTable<Check>(page, 'checks')).at(-1)?.token?.refreshHorizon ?? Date.now();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, horizon - MSAL_OFFSET_S * 1_000 - Date.now()) + 1_000));
    await checkNow(page);
    const red = await badge();
    expect(red.text).toBe('1');
    expect(red.color).toEqual(RED);
    expect(red.title).toContain('Exchange Online: Access expired — The grant reached its fixed 24-hour limit');
    expect((await shownNotifications(page)).length).toBe(before + 1);
  });

  it('after the browser is closed and started again with the same profile, the grant still renews silently', async () => {
    session.tenant.control.setLifetimes({ refreshTokenSeconds: 86_400 });
    expect(await regrant()).toBe('succeeded');
    await expect.poll(async () => (await badge()).text, { timeout: 20_000 }).toBe('');
    const { userDataDir } = session.browser;
    await session.browser.close({ keepProfile: true });
    session.tenant.control.endSessions();
    session.tenant.control.clearRequests();
    const startedAt = Date.now();
    session.browser = await launchExtensionBrowser({ userDataDir });
    page = await openExtensionPage(session.browser.context, session.browser.extensionId, 'options.html');
    // The check at browser start redeems the refresh token from msal's cache, written before the restart.
    await expect
      .poll(async () => (await readTable<Check>(page, 'checks')).filter((c) => c.at >= startedAt).at(-1)?.token, { timeout: 30_000 })
      .toMatchObject({ ok: true, renewedBy: 'refresh_token' });
    const after = await badge();
    expect(after.text).toBe('');
    expect(after.title).toMatch(/all 1 connected/);
    const tokens = session.tenant.control.requests().filter((r) => r.path.endsWith('/oauth2/v2.0/token') && r.method === 'POST');
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.every((r) => r.status === 200)).toBe(true);
  });
});
