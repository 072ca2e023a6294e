import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { TenantLease } from '../../lib/db/types';
import type { GrantRun } from '../../lib/provisioning/types';
import { SUCCESS_SENTENCE, TEST_BUILD_STAMP } from './harness/constants';
import { addTenant, grantOutcome, openGrantWizard } from './harness/console';
import { until } from './harness/expect-until';
import { readTable } from './harness/extension';
import { useE2ESession } from './harness/session';
import { completeSignIn, waitForSignInWindow } from './harness/sign-in-window';

// The grant's lease (lib/lease) against the local tenant: a sign-in window left open longer than the lease, and two
// starts at once. The test build shortens the lease (test/scripts/build-for-tests.mjs), so "three leases" is seconds.
const session = useE2ESession({ orgs: [{ users: 20 }, { users: 20 }] });
const LEASE_MS = (JSON.parse(readFileSync(TEST_BUILD_STAMP, 'utf8')) as { leaseMs: number }).leaseMs;
let page: Page | undefined;
afterEach(() => page?.close());

const admin = (index: number) => {
  const org = session.tenant.orgs[index]!;
  return { username: org.admin.userPrincipalName, password: org.admin.password };
};
const runsOf = async (tenantId: string) => (await readTable<GrantRun>(page!, 'grantRuns')).filter((r) => r.tenantId === tenantId);
/** The tenant's one lease (schema 7: the grant holds it with its run's id). */
const leaseOf = async (tenantId: string) => (await readTable<TenantLease>(page!, 'leases')).find((l) => l.tenantId === tenantId);

/** Ask the worker to start a grant twice at once, as two clicks the UI did not stop would. */
function startTwice(on: Page, tenantId: string) {
  return on.evaluate((tenantId) => {
    const request = { tenantId, services: ['exchange'], syncScope: { mode: 'all' }, policyId: 'monitor-only' };
    const ask = (id: number) =>
      new Promise<{ ok: boolean; error?: { code: string } }>((resolve) =>
        chrome.runtime.sendMessage({ id, type: 'worker:startGrant', data: request, timestamp: Date.now() }, (answer: { res: never }) =>
          resolve(answer.res),
        ),
      );
    return Promise.all([ask(1), ask(2)]);
  }, tenantId);
}

describe('the grant’s lease', () => {
  it('holds through a sign-in window left open for three leases: no Resume, no second run, and the grant finishes', async () => {
    const org = session.tenant.orgs[0]!;
    page = await addTenant(session.browser, { tenant: org.domain, serviceAccount: org.admin.userPrincipalName });
    const form = await openGrantWizard(page, org.domain, ['Exchange Online']);
    const window = waitForSignInWindow(session.browser.context);
    // Double-clicked: one run, one window.
    await form.getByRole('button', { name: 'Sign in and grant access' }).dblclick();
    const signIn = await window;

    const [run] = await runsOf(org.tenantId);
    const leased = await leaseOf(org.tenantId);
    expect(leased).toMatchObject({ holder: 'grant', grantRunId: run!.id });
    // Read until the worker has renewed the lease three lengths past the one taken at the start (the window open for
    // three leases); every
    // reading must show no Resume, the one run still running, and its lease ahead of now.
    const seen: string[] = [];
    await until(
      async () => {
        const resume = await page!.getByRole('button', { name: 'Resume' }).count();
        const runs = await runsOf(org.tenantId);
        const lease = await leaseOf(org.tenantId);
        const reading = {
          resume,
          states: runs.map((r) => r.state),
          holder: lease?.grantRunId,
          leaseUntil: lease?.expiresAt ?? 0,
          at: Date.now(),
        };
        if (reading.resume !== 0 || reading.states.join() !== 'running' || reading.holder !== run!.id || reading.leaseUntil <= reading.at)
          seen.push(JSON.stringify(reading));
        return reading.leaseUntil;
      },
      (leaseUntil) => leaseUntil > leased!.expiresAt + 3 * LEASE_MS,
      { what: 'the lease renewed for three leases while the sign-in window stays open', timeout: 8 * LEASE_MS, interval: 500 },
    );
    expect(seen).toEqual([]);
    // A start meanwhile (another window, the popup) is refused: the one grant holds the lease.
    const answers = await startTwice(page, org.tenantId);
    expect(answers.map((a) => a.error?.code)).toEqual(['grant_in_progress', 'grant_in_progress']);

    await completeSignIn(signIn, admin(0));
    expect(await grantOutcome(page)).toBe('succeeded');
    expect(await page.getByText(SUCCESS_SENTENCE).count()).toBe(1);
    expect((await runsOf(org.tenantId)).map((r) => r.state)).toEqual(['succeeded']);
    // The run gave its tenant's lease back as it ended: the tenant's syncs are free again.
    expect(await leaseOf(org.tenantId)).toBeUndefined();
  }, 180_000);

  it('starts one run when two starts arrive at once', async () => {
    const org = session.tenant.orgs[1]!;
    page = await addTenant(session.browser, { tenant: org.domain, serviceAccount: org.admin.userPrincipalName });
    await page.locator(`[aria-label="Tenant ${org.domain}"]`).waitFor();
    const window = waitForSignInWindow(session.browser.context);
    const answers = await startTwice(page, org.tenantId);
    expect(answers.map((a) => (a.ok ? 'started' : a.error?.code)).sort()).toEqual(['grant_in_progress', 'started']);
    await completeSignIn(await window, admin(1));
    await expect.poll(async () => (await runsOf(org.tenantId)).map((r) => r.state), { timeout: 60_000 }).toEqual(['succeeded']);
  }, 120_000);
});
