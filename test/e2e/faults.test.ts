import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ActivityLogEntry, DirectoryGroup, DirectoryUser, SyncRun, TenantLease } from '../../lib/db/types';
import type { GrantRun } from '../../lib/provisioning/types';
import type { CommitHoldHook } from '../../lib/sync/commit-hold';
import { killBrowser, restartBrowser } from './harness/browser-restart';
import { armCommitHold } from './harness/commit-hold';
import { grantOutcome, openGrantWizard, tenantCard } from './harness/console';
import { SUCCESS_SENTENCE } from './harness/constants';
import { until } from './harness/expect-until';
import { openExtensionPage, readTable } from './harness/extension';
import { addedTenant, syncedTenant } from './harness/fixtures';
import { useE2ESession } from './harness/session';
import { completeSignIn, waitForSignInWindow } from './harness/sign-in-window';
import { stopExtensionWorker } from './harness/worker-stop';

// Faults an admin's browser meets, end to end: the worker stopped while Microsoft's sign-in window is open, the worker
// stopped inside a page's transaction, the whole browser killed mid-grant and started again on the same profile.
// Each ends with the directory mirror equal to the tenant (nothing lost, nothing twice), one grant run, its syncs
// closed or resumed, no activity line written twice, and the console and the popup saying what happened. Each test
// starts from a new profile and the tenant at its start. Delta pages hold 20 objects, so a sync has pages to stop
// between; without Entra ID P1/P2 the grant skips the sign-in logs, which would take most of the file's time.
const session = useE2ESession({ orgs: [{ users: 60, premium: false }] }, {}, { fresh: 'test' });
const PAGE = 20;
const org = () => session.tenant.orgs[0]!;
const control = () => session.tenant.control;
const admin = () => ({ username: org().admin.userPrincipalName, password: org().admin.password });

const ours = <T extends { tenantId?: string }>(rows: T[]) => rows.filter((row) => row.tenantId === org().tenantId);
const grantRuns = async (page: Page) => ours(await readTable<GrantRun>(page, 'grantRuns'));
const syncRuns = async (page: Page) => ours(await readTable<SyncRun>(page, 'syncRuns')).sort((a, b) => a.id! - b.id!);
const syncCard = (page: Page): Locator => page.locator(`[aria-label="Directory sync of ${org().displayName}"]`);

/** The mirror holds exactly the tenant's users and groups: every id once, none missing, none left over. */
async function expectMirrorEqualsTenant(page: Page): Promise<void> {
  const { users, groups } = control().listDirectory();
  const mirrored = {
    users: ours(await readTable<DirectoryUser>(page, 'users')).map((u) => u.id),
    groups: ours(await readTable<DirectoryGroup>(page, 'groups')).map((g) => g.id),
  };
  expect(mirrored.users).toHaveLength(users.length);
  expect(mirrored.groups).toHaveLength(groups.length);
  expect(mirrored.users.sort()).toEqual(users.map((u) => u.id).sort());
  expect(mirrored.groups.sort()).toEqual(groups.map((g) => g.id).sort());
}

/** The tenant's activity lines that were written more than once (same action, detail and outcome). */
async function repeatedActivity(page: Page): Promise<string[]> {
  const lines = ours(await readTable<ActivityLogEntry>(page, 'activityLog')).map((e) => JSON.stringify([e.event, e.detail, e.outcome]));
  return lines.filter((line, i) => lines.indexOf(line) !== i);
}

const activityActions = async (page: Page) => ours(await readTable<ActivityLogEntry>(page, 'activityLog')).map((e) => e.event);

/**
 * What the console's or the popup's grant shows once the worker is gone and the lease has run out: the run still
 * `running`, the warning that it was interrupted, and Resume (the pages re-read the clock every 5 s).
 */
async function expectInterruptedShown(page: Page, runId: string): Promise<Locator> {
  const progress = page.locator(`[data-run-id="${runId}"]`);
  await progress.getByText('The grant was interrupted').waitFor({ timeout: 30_000 });
  expect(await progress.getAttribute('data-run-state')).toBe('running');
  const resume = progress.getByRole('button', { name: 'Resume' });
  expect(await resume.count()).toBe(1);
  return resume;
}

/**
 * Press Resume and carry the grant to its end: a sign-in window opens when the resumed grant must sign in again (the
 * worker's sign-in died with it, or msal's session is gone), and is answered; a silent one opens none.
 */
async function resumeToTheEnd(page: Page, resume: Locator, runId: string): Promise<string> {
  const window = waitForSignInWindow(session.browser.context, 30_000).then(
    (opened) => opened,
    () => undefined,
  );
  await resume.click();
  const done = page.locator(`[data-run-id="${runId}"]:not([data-run-state="running"])`);
  const first = await Promise.race([window, done.waitFor({ timeout: 60_000 }).then(() => 'ended' as const)]);
  if (first && first !== 'ended') await completeSignIn(first, admin());
  const outcome = await grantOutcome(page, undefined, 60_000);
  if (outcome !== 'succeeded')
    console.log(
      'DEBUG',
      first === 'ended' ? 'no window' : 'window',
      JSON.stringify((await grantRuns(page)).map((r) => [r.state, r.error, r.steps])),
    );
  return outcome;
}

describe('faults, end to end', () => {
  it('a worker stopped while the sign-in window is open: console and popup offer Resume, which signs in and finishes one grant', async () => {
    const page = await addedTenant(session);
    const form = await openGrantWizard(page, org().domain, ['Exchange Online']);
    const window = waitForSignInWindow(session.browser.context);
    await form.getByRole('button', { name: 'Sign in and grant access' }).click();
    const firstWindow = await window;
    const [run] = await grantRuns(page);
    expect(run).toMatchObject({ state: 'running' });

    await stopExtensionWorker(session.browser, page);
    // The window's answer would go to a worker that is gone: the admin closes it (if Chrome has not already).
    if (!firstWindow.isClosed()) await firstWindow.close();

    // The console and the popup both say what happened, and offer Resume; nothing was finished twice meanwhile.
    const resume = await expectInterruptedShown(page, run!.id);
    const popup = await openExtensionPage(session.browser.context, session.browser.extensionId, 'popup.html');
    await expectInterruptedShown(popup, run!.id);
    await popup.close();
    expect(await syncRuns(page)).toEqual([]);

    expect(await resumeToTheEnd(page, resume, run!.id)).toBe('succeeded');
    expect(await page.getByText(SUCCESS_SENTENCE).count()).toBe(1);
    // One run, resumed and finished; one sync, the grant's.
    expect((await grantRuns(page)).map((r) => `${r.id}:${r.state}`)).toEqual([`${run!.id}:succeeded`]);
    await until(
      () => syncRuns(page),
      (runs) => runs.length > 0 && runs.every((r) => r.outcome !== 'running'),
      { what: 'the sync' },
    );
    expect((await syncRuns(page)).map((r) => `${r.trigger}:${r.outcome}`)).toEqual(['grant:success']);
    await expectMirrorEqualsTenant(page);
    const actions = await activityActions(page);
    expect(actions.filter((a) => a === 'grant_resumed')).toHaveLength(1);
    expect(actions.filter((a) => a === 'granted')).toHaveLength(1);
    expect(await repeatedActivity(page)).toEqual([]);
  });

  it('a worker stopped inside a page’s transaction: the page lands whole or not at all, console and popup say the sync was interrupted, and it resumes from its checkpoint', async () => {
    control().capDeltaPages(PAGE);
    const { page } = await syncedTenant(session, { services: ['Exchange Online'] });
    const hires = Array.from({ length: 50 }, (_, i) => control().addUser({ displayName: `Held Hire ${i}`, mailNickname: `heldhire${i}` }));
    const hireIds = new Set(hires.map((u) => u.id));
    const runsBefore = (await syncRuns(page)).length;

    // The worker holds the second page's transaction open once its writes are issued (lib/sync/commit-hold.ts).
    const worker = await session.browser.worker();
    await armCommitHold(worker, 1);
    await syncCard(page).getByRole('button', { name: 'Sync now' }).click();
    const held = await until(
      () => worker.evaluate(() => ((globalThis as Record<string, unknown>).__m365CommitHold as CommitHoldHook).held),
      (value) => value !== undefined,
      { what: 'the held page', timeout: 30_000 },
    );
    const heldHires = held!.ids.filter((id) => hireIds.has(id));
    expect(heldHires.length).toBeGreaterThan(0);

    await stopExtensionWorker(session.browser, page);
    // The held page left nothing: the first page's hires are in the mirror, none of the held page's.
    const mirroredHires = ours(await readTable<DirectoryUser>(page, 'users')).filter((u) => hireIds.has(u.id));
    expect(mirroredHires.some((u) => heldHires.includes(u.id))).toBe(false);
    expect(mirroredHires).toHaveLength(PAGE);

    // The console and the popup say the sync was interrupted and when it goes on: the time its lease runs out. The
    // resume alarm is held back meanwhile (cleared as often as it is set: the browser's clock cannot be paused), so
    // that the words are read while they are true, then set again as the worker would have.
    const resumeAlarm = `sync-resume:${org().tenantId}`;
    const holdAlarm = () => page.evaluate((name) => chrome.alarms.clear(name), resumeAlarm);
    const interrupted = syncCard(page).getByTestId('sync-interrupted');
    await until(
      async () => (await holdAlarm(), await interrupted.count()),
      (count) => count === 1,
      { what: 'the interrupted sync', timeout: 30_000, interval: 100 },
    );
    const [lease] = ours(await readTable<TenantLease>(page, 'leases'));
    const clock = await page.evaluate(
      (ms) => new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(ms),
      lease!.expiresAt,
    );
    expect(await interrupted.innerText()).toBe(
      `The sync was interrupted after ${PAGE} objects: the browser stopped the extension's background work. It goes on by itself from its last saved page at ${clock}; nothing is lost or written twice.`,
    );
    expect(await syncCard(page).getAttribute('data-sync-state')).toBe('interrupted');
    const popup = await openExtensionPage(session.browser.context, session.browser.extensionId, 'popup.html');
    await holdAlarm();
    await popup.getByText(`Sync interrupted; it goes on by itself at ${clock}`).waitFor({ timeout: 15_000 });
    await popup.close();
    await page.evaluate((name) => chrome.alarms.create(name, { when: Date.now() }), resumeAlarm);

    // Nobody presses anything: the resume alarm wakes the worker, which waits out the dead run's lease and goes on.
    await expect
      .poll(async () => (await syncRuns(page)).slice(runsBefore).map((r) => `${r.trigger}:${r.outcome}`), { timeout: 60_000 })
      .toEqual(['manual:stopped', 'resume:success']);
    const [stopped, resumed] = (await syncRuns(page)).slice(runsBefore);
    // Each hire written once: by the stopped run's committed page, or by the resumed run.
    expect(stopped).toMatchObject({ kind: 'incremental', reasonCode: 'sync_stopped', usersWritten: PAGE });
    expect(stopped!.usersWritten + resumed!.usersWritten).toBe(hires.length);
    await expectMirrorEqualsTenant(page);
    // The card says the sync ended well, and offers Sync now again.
    await until(
      () => syncCard(page).getAttribute('data-sync-state'),
      (state) => state === 'success',
      { what: 'the sync card' },
    );
    expect(await syncCard(page).getByRole('button', { name: 'Sync now' }).isEnabled()).toBe(true);
    expect(await repeatedActivity(page)).toEqual([]);
  });

  it('the browser killed mid-grant and started again on the same profile: Resume finishes the one grant and its sync', async () => {
    control().capDeltaPages(PAGE);
    let page = await addedTenant(session);
    // The grant's sync reads slowly, so that the browser dies in it, steps after the sign-in already done.
    control().injectFault({ path: '/v1.0/users/delta', kind: 'slow', delayMs: 1_500, count: Infinity });
    const form = await openGrantWizard(page, org().domain, ['Exchange Online']);
    const window = waitForSignInWindow(session.browser.context);
    await form.getByRole('button', { name: 'Sign in and grant access' }).click();
    await completeSignIn(await window, admin());
    await page.locator('[data-step="sync_directory"][data-state="running"]').waitFor({ timeout: 60_000 });
    await until(
      () => syncRuns(page),
      (runs) => (runs[0]?.progress.done ?? 0) >= PAGE,
      { what: 'a committed page', timeout: 30_000 },
    );
    const [run] = await grantRuns(page);
    expect(run!.steps.filter((s) => s.state === 'done').map((s) => s.id)).toEqual([
      'sign_in',
      'verify_tenant',
      'verify_admin',
      'verify_service_account',
      'check_exchange',
    ]);

    await killBrowser(session.browser);
    control().clearFaults();
    session.browser = await restartBrowser(session.browser);
    // The grant shows on its tenant's page.
    page = await openExtensionPage(session.browser.context, session.browser.extensionId, `options.html#/tenants/${org().tenantId}`);
    const resume = await expectInterruptedShown(page, run!.id);
    const popup = await openExtensionPage(session.browser.context, session.browser.extensionId, 'popup.html');
    await expectInterruptedShown(popup, run!.id);
    await popup.close();

    expect(await resumeToTheEnd(page, resume, run!.id)).toBe('succeeded');
    expect(await page.getByText(SUCCESS_SENTENCE).count()).toBe(1);
    expect((await grantRuns(page)).map((r) => `${r.id}:${r.state}`)).toEqual([`${run!.id}:succeeded`]);
    // The sync the browser died in is closed as stopped; the resumed grant's sync went on from its checkpoint.
    expect((await syncRuns(page)).map((r) => `${r.trigger}:${r.outcome}`)).toEqual(['grant:stopped', 'grant:success']);
    await expectMirrorEqualsTenant(page);
    expect(await tenantCard(page, org().displayName).count()).toBe(1);
    const actions = await activityActions(page);
    expect(actions.filter((a) => a === 'granted')).toHaveLength(1);
    expect(await repeatedActivity(page)).toEqual([]);
  });
});
