import { describe, expect, it } from 'vitest';
import { grantedTenant } from './harness/fixtures';
import { readBadge, readTable } from './harness/extension';
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
  it('a grant whose horizon is near turns the badge amber', async () => {
    session.tenant.control.setLifetimes({ refreshTokenSeconds: NEAR_HORIZON_S });
    await grantedTenant(session, EXCHANGE);
    const amber = await until(badge, (b) => b.text === '!', { what: 'an amber badge' });
    expect(amber.color).toEqual(AMBER);
    expect(amber.title).toContain(`Soon — ${org().displayName} · Exchange Online: Renewal due`);
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
