// The support report (issue #16): one click in the console copies it and saves it as a file, and it holds the ids of
// a failure the local tenant produced (Entra's AADSTS code, trace_id and correlation_id of a refused refresh; Graph's
// request-id and client-request-id of a 503 on a sync), and never a token, a user's name, mail or UPN.
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { violations } from './harness/axe';
import { showPage, tenantCard } from './harness/console';
import { until } from './harness/expect-until';
import { readBadge } from './harness/extension';
import { grantedTenant, syncedTenant } from './harness/fixtures';
import { checkNow } from './harness/messages';
import { leaksIn } from './harness/report-scan';
import { useE2ESession } from './harness/session';
import { recordTokenResponses, type RecordedTokens } from './harness/token-recorder';

// Each test starts from a new profile and the tenant at its start, and builds its own grant (harness/fixtures.ts).
const session = useE2ESession({ orgs: [{ users: 30 }] }, {}, { fresh: 'test' });
const org = () => session.tenant.orgs[0]!;
const BUTTON = 'Copy support report';

/** Click the report's button (by keyboard: it must be reachable so); the file it saved and what it copied. */
async function makeReport(page: Page): Promise<{ file: string; clipboard: string; name: string }> {
  // For every origin: Chromium refuses to grant to the chrome-extension: origin by name ("opaque origin").
  await session.browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.bringToFront();
  // The button is on the health monitor's page.
  await showPage(page, 'Health monitor');
  const button = page.getByRole('button', { name: BUTTON });
  await button.focus();
  const download: Promise<Download> = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const saved = await download;
  const file = await readFile(await saved.path(), 'utf8');
  await page.getByText(/The support report was copied and saved as /).waitFor();
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  return { file, clipboard, name: saved.suggestedFilename() };
}

/** Everything the report must not hold: every person of the org (names and sign-in names), every token seen. */
function secrets(tokens?: RecordedTokens): { names: string[]; tokens: string[] } {
  const directory = session.tenant.control.listDirectory();
  const people = [org().admin, org().user, org().sharedMailbox];
  return {
    names: [
      ...people.flatMap((person) => [person.displayName, person.userPrincipalName]),
      ...directory.users.flatMap((user) => [user.displayName, user.userPrincipalName, ...(user.mail ? [user.mail] : [])]),
    ],
    tokens: tokens ? [...tokens.accessTokens, ...tokens.refreshTokens, ...tokens.idTokens] : [],
  };
}

describe('the support report', () => {
  it("holds the AADSTS code, trace_id and correlation_id of a revoked grant's refused refresh, and no token, name or mail", async () => {
    const recorder = await recordTokenResponses(session.browser.context, await session.browser.worker());
    try {
      const { page } = await grantedTenant(session);
      session.tenant.control.revokeGrants(org().admin.userPrincipalName);
      await checkNow(page);
      expect((await readBadge(await session.browser.worker())).title).toContain('Access expired');
      const refused = recorder.errors.at(-1);
      expect(refused?.error_codes).toEqual([50173]);

      const { file, clipboard, name } = await makeReport(page);
      expect(clipboard).toBe(file);
      expect(name).toMatch(/^support-report-.*\.txt$/);
      expect(file).toContain(`Tenant ${org().displayName}, tenant ID ${org().tenantId}`);
      expect(file).toMatch(/Exchange Online: Access expired/);
      const failure = file.slice(file.indexOf('token request of a check · grant_revoked'));
      expect(failure).not.toBe(file);
      expect(failure).toContain('AADSTS: AADSTS50173');
      expect(failure).toContain(`trace_id: ${refused?.trace_id}`);
      expect(failure).toContain(`correlation_id: ${refused?.correlation_id}`);
      expect(failure).toContain(`timestamp: ${refused?.timestamp}`);
      expect(file).toMatch(/Extension version: \d+\.\d+\.\d+/);
      expect(file).toMatch(/Browser: Mozilla\/5\.0 .*Chrome\//);
      expect(leaksIn(file, secrets(recorder.tokens))).toEqual([]);
      expect(recorder.tokens.refreshTokens.length).toBeGreaterThan(0);
    } finally {
      await recorder.stop();
    }
  });

  it("holds the request-id and client-request-id of Graph's 503 that deferred a sync, and no name or mail", async () => {
    const { page, name } = await syncedTenant(session);
    session.tenant.control.clearRequests();
    session.tenant.control.injectFault({ path: '/v1.0/users/delta', kind: '503', retryAfterSeconds: 600, count: Infinity });
    await tenantCard(page, name).getByRole('button', { name: 'Sync now' }).click();
    await until(
      () => page.locator(`[aria-label="Directory sync of ${name}"]`).getAttribute('data-sync-state'),
      (state) => state === 'deferred',
      { what: 'the sync deferred by the 503' },
    );
    const answered = session.tenant.control.requests().filter((r) => r.path === '/v1.0/users/delta' && r.status === 503);
    const requestId = answered.at(-1)?.requestId;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    const { file, clipboard } = await makeReport(page);
    expect(clipboard).toBe(file);
    const failure = file.slice(file.indexOf('directory sync · graph_unavailable'));
    expect(failure).not.toBe(file);
    expect(failure).toContain(`request-id: ${requestId}`);
    // The Graph client's own id of the request (its TelemetryHandler sends one), as the tenant echoed it.
    expect(failure).toMatch(/client-request-id: [0-9a-f-]{36}/);
    expect(leaksIn(file, secrets())).toEqual([]);
  });

  it('the button is reachable by keyboard and the monitor with it is axe-clean', async () => {
    const { page } = await grantedTenant(session, { services: ['Exchange Online'] });
    await showPage(page, 'Health monitor');
    const button = page.getByRole('button', { name: BUTTON });
    await button.waitFor();
    for (let i = 0; i < 200 && !(await button.evaluate((element) => element === document.activeElement)); i++)
      await page.keyboard.press('Tab');
    await expect.poll(() => button.evaluate((element) => element === document.activeElement)).toBe(true);
    await makeReport(page);
    expect(await violations(page, { include: '[aria-labelledby="monitor-title"]' })).toEqual([]);
  });
});
