import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DirectoryUser } from '../../lib/db/types';
import { showPage, signInThrough, tenantCard } from './harness/console';
import { openExtensionPage, readEvents, readTable } from './harness/extension';
import { syncedTenant } from './harness/fixtures';
import { useE2ESession } from './harness/session';

// Each test starts from a new profile and the tenant at its start, and builds its own synced mirror.
const session = useE2ESession({ orgs: [{ users: 300 }] }, {}, { fresh: 'test' });
let page: Page;
const org = () => session.tenant.orgs[0]!;
const mirrored = async () => {
  ({ page } = await syncedTenant(session));
};

describe('Directory sync from the console and the popup', () => {
  it('mirrors the whole directory when access is granted', async () => {
    await mirrored();
    expect((await readTable(page, 'users')).length).toBe(org().userCount);
  });

  it('"Sync now" applies what changed in the tenant, with the result on the tenant card', async () => {
    await mirrored();
    const { control } = session.tenant;
    const added = [1, 2, 3].map((n) => control.addUser({ displayName: `New Hire ${n}`, mailNickname: `newhire${n}` }));
    const users = await readTable<DirectoryUser>(page, 'users');
    const leaver = users.find(
      (u) => u.userPrincipalName !== org().admin.userPrincipalName && u.userPrincipalName !== org().user.userPrincipalName,
    )!;
    control.deleteUser(leaver.id);
    control.updateUser(org().user.userPrincipalName, { displayName: 'Megan Bowen-Smith' });

    const sync = page.locator(`[aria-label="Directory sync of ${org().displayName}"]`);
    await sync.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => sync.getAttribute('data-sync-state'), { timeout: 30_000 }).toBe('success');
    await expect.poll(() => sync.getByTestId('last-sync').textContent()).toContain('4 users and 0 groups updated, 1 removed');

    const mirror = await readTable<DirectoryUser>(page, 'users');
    expect(mirror.length).toBe(org().userCount + 3 - 1);
    expect(mirror.some((u) => u.id === leaver.id)).toBe(false);
    for (const user of added) expect(mirror.find((u) => u.id === user.id)?.searchName).toBe(user.displayName.toLowerCase());
    expect(mirror.find((u) => u.id === org().user.id)?.displayName).toBe('Megan Bowen-Smith');
    // The log keeps the event's code; the console words it.
    const log = await readTable<{ event: string; outcome: string }>(page, 'activityLog');
    expect(log.some((e) => e.event === 'sync_manual' && e.outcome === 'success')).toBe(true);
  });

  it("the popup shows the last sync with the mirror's user count, and can start one", async () => {
    await mirrored();
    const popup = await openExtensionPage(session.browser.context, session.browser.extensionId, 'popup.html');
    const tenant = popup.locator(`[aria-label="Tenant ${org().displayName}"]`);
    const users = (await readTable(popup, 'users')).length;
    // All well, the tenant is one line: it opens to its last sync and its buttons.
    await tenant.locator('summary').click();
    await expect
      .poll(() => tenant.getByTestId('last-sync').textContent())
      .toMatch(new RegExp(`ago, ${users} users$|just now, ${users} users$`));
    session.tenant.control.addUser({ displayName: 'Popup Hire', mailNickname: 'popuphire' });
    await tenant.getByRole('button', { name: 'Sync now' }).click();
    // Syncing, the tenant is no longer well; synced, it is one line again, closed: opened, it shows the new count.
    await expect
      .poll(
        async () => {
          const closed = tenant.locator('details:not([open]) > summary');
          if (await closed.count()) await closed.click();
          return (await tenant.getByTestId('last-sync').allTextContents()).join();
        },
        { timeout: 30_000 },
      )
      .toMatch(new RegExp(`, ${users + 1} users$`));
    await popup.close();
  });

  it('schedules a daily sync per granted tenant, follows the interval setting, and runs it when the alarm fires', async () => {
    await mirrored();
    const worker = await session.browser.worker();
    const alarmName = `sync:${org().tenantId}`;
    const alarm = () => worker.evaluate((name) => chrome.alarms.get(name), alarmName);
    await expect.poll(async () => (await alarm())?.periodInMinutes).toBe(24 * 60);

    await showPage(page, 'Settings');
    const settings = page.getByRole('combobox', { name: /Scheduled directory sync/ });
    await settings.click();
    await page.getByRole('option', { name: 'Every 4 hours' }).click();
    await expect.poll(async () => (await alarm())?.periodInMinutes).toBe(4 * 60);

    // Fire the schedule now (unpacked extensions may set alarms under Chrome's 30 s floor).
    session.tenant.control.addUser({ displayName: 'Scheduled Hire', mailNickname: 'scheduledhire' });
    await worker.evaluate((name) => chrome.alarms.create(name, { when: Date.now() + 500 }), alarmName);
    const scheduledRun = async () =>
      (await readTable<{ trigger: string; outcome: string }>(page, 'syncRuns'))
        .filter((r) => r.trigger === 'schedule')
        .map((r) => r.outcome);
    await expect.poll(scheduledRun, { timeout: 30_000 }).toEqual(['success']);
    expect((await readTable<DirectoryUser>(page, 'users')).some((u) => u.displayName === 'Scheduled Hire')).toBe(true);
    await expect.poll(async () => (await alarm())?.periodInMinutes).toBe(4 * 60);
  });

  it('rides out throttling and Graph outages, and fails a malformed page cleanly without touching the mirror', async () => {
    await mirrored();
    const { control } = session.tenant;
    const sync = page.locator(`[aria-label="Directory sync of ${org().displayName}"]`);
    const lastRun = async () =>
      (await readTable<{ id: number; outcome: string; reasonCode?: string }>(page, 'syncRuns')).sort((a, b) => a.id - b.id).at(-1);
    const syncNow = async () => {
      const before = (await lastRun())?.id;
      await sync.getByRole('button', { name: 'Sync now' }).click();
      await expect
        .poll(async () => ((await lastRun())?.id !== before ? (await lastRun())?.outcome : 'not started'), { timeout: 30_000 })
        .not.toMatch(/running|not started/);
      return lastRun();
    };

    control.injectFault({ path: '/v1.0/users/delta', kind: '429', count: 3, retryAfterSeconds: 1 });
    control.injectFault({ path: '/v1.0/groups/delta', kind: '503', count: 2 });
    control.addUser({ displayName: 'Storm Hire', mailNickname: 'stormhire' });
    expect(await syncNow()).toMatchObject({ outcome: 'success' });
    expect((await readTable<DirectoryUser>(page, 'users')).some((u) => u.displayName === 'Storm Hire')).toBe(true);
    expect(control.requests().filter((r) => r.status === 429).length).toBe(3);
    expect(control.requests().filter((r) => r.status === 503).length).toBe(2);

    const mirrorBefore = (await readTable<DirectoryUser>(page, 'users')).map((u) => u.id).sort();
    control.addUser({ displayName: 'After Malformed', mailNickname: 'aftermalformed' });
    control.injectFault({ path: '/v1.0/users/delta', kind: 'malformed', count: 1 });
    const malformedRun = await syncNow();
    expect(malformedRun).toMatchObject({ outcome: 'failed', reasonCode: 'graph_malformed_page' });
    expect(await sync.getByTestId('last-sync').textContent()).toContain('could not');
    expect((await readTable<DirectoryUser>(page, 'users')).map((u) => u.id).sort()).toEqual(mirrorBefore);
    expect(await syncNow()).toMatchObject({ outcome: 'success' });
    expect((await readTable<DirectoryUser>(page, 'users')).some((u) => u.displayName === 'After Malformed')).toBe(true);
    // Every request that carried a token went to the tenant's own Graph and sign-in host.
    expect(control.requests().filter((r) => r.authorization && r.host !== `localhost:${session.tenant.port}`)).toEqual([]);
  });

  it('shows the last 7 days of activity per day and service, and finds events by who or what', async () => {
    await mirrored();
    const card = tenantCard(page, org().displayName);
    await card.getByText('Activity in the last 7 days').click();
    const history = card.getByRole('region', { name: /in the last 7 days/ });
    await history.getByText('Show the numbers as a table').click();
    const table = history.getByRole('table', { name: 'Events per day and service' });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBe(1 + 7);
    const stored = await readEvents<{ actor?: string }>(page);
    expect(stored.length).toBeGreaterThan(0);
    const actor = stored.find((e) => e.actor)!.actor!;
    await history.getByLabel('Search the activity (what or who)').fill(actor);
    const matches = history.getByRole('list', { name: 'Matching events' }).getByRole('listitem');
    await expect.poll(() => matches.count()).toBeGreaterThan(0);
    expect(await matches.first().textContent()).toContain(actor);
  });

  it('in selected scope, says there is no manual or scheduled sync and why', async () => {
    await mirrored();
    await tenantCard(page, org().displayName).getByRole('button', { name: 'Switch sync scope' }).click();
    const form = page.getByRole('region', { name: 'Switch the sync scope', exact: true });
    expect(
      await signInThrough(page, form.getByRole('button', { name: 'Sign in and switch the scope' }), session.browser, 'expect-silent'),
    ).toBe('waiting');
    const picker = page.getByRole('region', { name: 'Choose users and groups' });
    await picker.getByLabel('Find users and groups by name or sign-in name').fill('Megan');
    await picker.getByRole('checkbox', { name: new RegExp(`^User: ${org().user.displayName}`) }).check();
    await picker.getByRole('button', { name: 'Sync these and continue' }).click();
    const sync = page.locator(`[aria-label="Directory sync of ${org().displayName}"]`);
    await expect.poll(() => sync.textContent(), { timeout: 30_000 }).toContain('there is no manual or scheduled sync');
    expect(await sync.getByRole('button', { name: 'Sync now' }).count()).toBe(0);
    const worker = await session.browser.worker();
    await expect.poll(() => worker.evaluate((name) => chrome.alarms.get(name), `sync:${org().tenantId}`)).toBeUndefined();
  });
});
