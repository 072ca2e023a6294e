// Tokens at rest (SECURITY.md "Tokens"): msal's cache is encrypted with a key held in memory only (storage.session)
// for the browser session, whatever Entra's `signin_state` says; a restart forgets the sign-in without ever calling it expired; and a
// refused refresh token is reported at once, with no hidden iframe (the CSP has frame-src 'none'). The storage is read
// in the offscreen document itself, and the profile on disk after the browser closed.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchExtensionBrowser } from './harness/browser';
import { tenantCard } from './harness/console';
import { grantedTenant, syncedTenant } from './harness/fixtures';
import { openExtensionPage, readBadge, readTable } from './harness/extension';
import { until } from './harness/expect-until';
import { frameTargets, inOffscreenDocument, offscreenStorage, profileFilesContaining } from './harness/offscreen';
import { useE2ESession } from './harness/session';
import { recordTokenResponses, type RecordedTokens } from './harness/token-recorder';

const session = useE2ESession({ orgs: [{ users: 30, premium: false }] }, {}, { fresh: 'test' });
const EXCHANGE = { services: ['Exchange Online' as const] };
const KEY_COOKIE = 'msal.cache.encryption';
/** JWT-shaped text (header.payload in base64url), the form of every access and id token. */
const JWT_SHAPE = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}/;

type Check = { at: number; token?: { ok: boolean; renewedBy?: string; code?: string } };

/** Every recorded token, and of each id token its claims part too (msal's copy has signin_state taken out). */
function secretsOf(tokens: RecordedTokens): string[] {
  return [...tokens.accessTokens, ...tokens.refreshTokens, ...tokens.idTokens, ...tokens.idTokens.map((t) => t.split('.')[1]!)];
}

/** A grant of Exchange Online with every token the tenant issued for it recorded. */
async function recordedGrant(): Promise<{ page: Page; name: string; tokens: RecordedTokens }> {
  const recorder = await recordTokenResponses(session.browser.context, await session.browser.worker());
  const granted = await grantedTenant(session, EXCHANGE);
  await until(
    async () => (await readBadge(await session.browser.worker())).text,
    (text) => text === '',
    { what: 'an empty badge' },
  );
  await recorder.stop();
  expect(recorder.tokens.accessTokens.length).toBeGreaterThan(0);
  expect(recorder.tokens.refreshTokens.length).toBeGreaterThan(0);
  expect(recorder.tokens.idTokens.length).toBeGreaterThan(0);
  return { ...granted, tokens: recorder.tokens };
}

/** This browser session's key of msal's cache, as the worker keeps it (storage.session, in memory). */
async function sessionKey(): Promise<string> {
  const worker = await session.browser.worker();
  return worker.evaluate(async () => {
    const { msalCacheKey } = await chrome.storage.session.get('msalCacheKey');
    return typeof msalCacheKey === 'string' ? msalCacheKey : '';
  });
}

/** The secret part of a key (`{"id", "key"}`). */
function keyMaterialOf(key: string): string {
  return (JSON.parse(key) as { key: string }).key;
}

/** Close the browser, keep its profile, start it again on that profile; returns the moment it started. */
async function restart(between: () => void | Promise<void> = () => undefined): Promise<number> {
  const { userDataDir } = session.browser;
  await session.browser.close({ keepProfile: true });
  await between();
  const startedAt = Date.now();
  session.browser = await launchExtensionBrowser({ userDataDir });
  return startedAt;
}

/** The newest check made since `since`, once there is one. */
async function checkSince(page: Page, since: number): Promise<Check> {
  return until(
    async () => (await readTable<Check>(page, 'checks')).filter((c) => c.at >= since && c.token).at(-1),
    (check): check is Check => check !== undefined,
    { what: 'a check after the restart', timeout: 30_000 },
  ) as Promise<Check>;
}

describe('Tokens at rest', () => {
  it.each([
    ['as Entra issued them', null],
    ['when Entra says "keep me signed in" (signin_state kmsi, where msal alone writes plain text)', ['kmsi']],
  ])("after a grant, the offscreen document's storage holds no token in plain text, %s", async (_what, signinState) => {
    session.tenant.control.setSigninState(signinState);
    const { tokens } = await recordedGrant();
    const stored = await offscreenStorage(session.browser);
    // The right place was read: msal's entries are there; its key is not (not even in a cookie).
    expect(stored).toContain('msal.');
    expect(stored).not.toContain(KEY_COOKIE);
    const key = await sessionKey();
    expect(key).toMatch(/"key"/);
    expect(stored).not.toContain(keyMaterialOf(key));
    for (const secret of secretsOf(tokens)) expect(stored.includes(secret), `a token ${secret.slice(0, 10)}… in plain text`).toBe(false);
    expect(stored).not.toMatch(JWT_SHAPE);
  });

  it("after the browser closes, the profile on disk holds neither a token nor the key (not even as a cookie); with Entra's session the worker signs in again silently", async () => {
    session.tenant.control.setSigninState(['kmsi']);
    const { tokens } = await recordedGrant();
    const key = await sessionKey();
    expect(key).toMatch(/"key"/);
    const startedAt = await restart(async () => {
      expect(await profileFilesContaining(session.browser.userDataDir, [...secretsOf(tokens), keyMaterialOf(key)])).toEqual([]);
      // The cookie databases do not even name it: Chromium writes an extension's cookies there, session ones too.
      const cookieFiles = (await profileFilesContaining(session.browser.userDataDir, [KEY_COOKIE])).filter((f) => /Cookies/.test(f));
      expect(cookieFiles).toEqual([]);
      session.tenant.control.clearRequests();
    });
    const page = await openExtensionPage(session.browser.context, session.browser.extensionId, 'options.html');
    // The check at start finds msal's cache unreadable (a new key) and signs in again through Entra's session.
    expect((await checkSince(page, startedAt)).token).toMatchObject({ ok: true, renewedBy: 'silent_sign_in' });
    const authorize = session.tenant.control.requests().filter((r) => r.path.endsWith('/oauth2/v2.0/authorize'));
    expect(authorize.length).toBeGreaterThan(0);
    expect(session.browser.context.pages().filter((p) => p.url().startsWith(session.tenant.url))).toEqual([]);
    const badge = await readBadge(await session.browser.worker());
    expect(badge.text).toBe('');
    expect(badge.title).toMatch(/all 1 connected/);
    // The key died with the session: msal works under a new one.
    const newKey = await sessionKey();
    expect(newKey).toMatch(/"key"/);
    expect(newKey).not.toBe(key);
  });

  it('after a restart without Entra\'s session, the popup says "Sign in again", never that access expired', async () => {
    const { name } = await recordedGrant();
    const startedAt = await restart(() => session.tenant.control.endSessions());
    const tenantPage = `options.html#/tenants/${session.tenant.orgs[0]!.tenantId}` as const;
    const console = await openExtensionPage(session.browser.context, session.browser.extensionId, tenantPage);
    expect((await checkSince(console, startedAt)).token).toMatchObject({ ok: false, code: 'signed_out' });
    const popup = await openExtensionPage(session.browser.context, session.browser.extensionId, 'popup.html');
    await popup.getByText('Sign in again').first().waitFor();
    expect(await popup.locator('body').innerText()).not.toMatch(/expired/i);
    const badge = await readBadge(await session.browser.worker());
    expect(badge.title).toContain(`${name} · Exchange Online: Sign in again`);
    expect(badge.title).not.toMatch(/expired/i);
    await tenantCard(console, name).getByRole('button', { name: 'Re-grant' }).waitFor();
  });
});

describe('A refused refresh token', () => {
  it('is reported at once, with no hidden iframe, and the pages render with no CSP violation', async () => {
    const violations: string[] = [];
    // Recorded in every extension page from its first script on (the event is the page's, Playwright relays it).
    await session.browser.context.exposeBinding('reportCspViolation', ({ page }, text: string) =>
      violations.push(`${page.url()}: ${text}`),
    );
    await session.browser.context.addInitScript(() => {
      if (location.protocol !== 'chrome-extension:') return;
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(`${e.effectiveDirective} ${e.blockedURI}`),
      );
    });
    // Shorter than msal's renewal offset (300 s): every Graph request redeems the refresh token.
    session.tenant.control.setLifetimes({ accessTokenSeconds: 120 });
    const { page, name, admin } = await syncedTenant(session, EXCHANGE);
    const popup = await openExtensionPage(session.browser.context, session.browser.extensionId, 'popup.html');
    await popup.getByText(name).first().waitFor();

    session.tenant.control.revokeGrants(admin.username);
    session.tenant.control.endSessions();
    session.tenant.control.clearRequests();
    const sync = page.locator(`[aria-label="Directory sync of ${name}"]`);
    const startedAt = Date.now();
    await sync.getByRole('button', { name: 'Sync now' }).click();
    await until(
      () => sync.getAttribute('data-sync-state'),
      (state) => state !== null && !/success|running/.test(state),
      { what: 'the sync to fail', timeout: 30_000 },
    );
    // msal's iframe would have taken its 10-second timeout first.
    expect(Date.now() - startedAt).toBeLessThan(6_000);
    const requests = session.tenant.control.requests();
    expect(requests.filter((r) => r.path.endsWith('/oauth2/v2.0/authorize'))).toEqual([]);
    expect(requests.filter((r) => r.path.endsWith('/oauth2/v2.0/token') && r.status === 400).length).toBeGreaterThan(0);
    expect(await inOffscreenDocument(session.browser, 'String(document.querySelectorAll("iframe").length)')).toBe('0');
    expect(await frameTargets(session.browser)).toEqual([]);

    await popup.reload();
    await popup.getByText(name).first().waitFor();
    await page.reload();
    await tenantCard(page, name).waitFor();
    expect(violations).toEqual([]);
  });
});
