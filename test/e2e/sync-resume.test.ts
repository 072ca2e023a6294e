import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DirectoryGroup, DirectoryUser, Membership, SyncRun, TenantRecord } from '../../lib/db/types';
import type { DirectorySnapshot, RequestRecord } from '../emulator';
import { grantOutcome, shownRunId, signInThrough, tenantCard } from './harness/console';
import { syncedTenant } from './harness/fixtures';
import { readTable } from './harness/extension';
import { useE2ESession } from './harness/session';
import { stopExtensionWorker } from './harness/worker-stop';
import { FULL_PAGES_AHEAD } from '../../lib/sync/delta-round';

// One tenant whose delta pages hold 20 objects: ~250 users and 25 groups take a dozen pages, so that a sync can be
// stopped in the middle. Without Entra ID P1/P2 the grant skips the sign-in logs, which would take most of the
// file's time. Each test starts from a new profile and the tenant at its start, and builds its own synced mirror.
const session = useE2ESession({ orgs: [{ users: 240, premium: false }] }, {}, { fresh: 'test' });
const PAGE = 20;
let page: Page;
const org = () => session.tenant.orgs[0]!;
const control = () => session.tenant.control;

type Scope = { userIds: string[]; groupIds: string[] };

/** What the mirror must hold for the tenant as it stands: every user and group (or the selected scope's), field by field. */
function expectedMirror(directory: DirectorySnapshot, scope?: Scope) {
  const groups = scope ? directory.groups.filter((g) => scope.groupIds.includes(g.id)) : directory.groups;
  const inScope = scope ? new Set([...scope.userIds, ...groups.flatMap((g) => g.members)]) : undefined;
  const users = inScope ? directory.users.filter((u) => inScope.has(u.id)) : directory.users;
  return {
    users: users
      .map((u) => ({
        id: u.id,
        displayName: u.displayName,
        userPrincipalName: u.userPrincipalName,
        ...(u.mail ? { mail: u.mail } : {}),
        accountEnabled: u.accountEnabled,
        // Every licence the generated org hands out has its Exchange plan on (no setLicence here).
        exchangeLicensed: u.licensed,
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    groups: groups
      .map((g) => ({ id: g.id, displayName: g.displayName, ...(g.mail ? { mail: g.mail } : {}) }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    memberships: groups.flatMap((g) => g.members.map((userId) => `${g.id}/${userId}`)).sort(),
  };
}

/** The mirror in the same shape, read raw from IndexedDB. */
async function mirror() {
  const tenantId = org().tenantId;
  const users = await readTable<DirectoryUser>(page, 'users');
  const groups = await readTable<DirectoryGroup>(page, 'groups');
  const memberships = await readTable<Membership>(page, 'memberOf');
  expect([...users, ...groups, ...memberships].every((record) => record.tenantId === tenantId)).toBe(true);
  return {
    users: users
      .map(({ id, displayName, userPrincipalName, mail, accountEnabled, exchangeLicensed }) => ({
        id,
        displayName,
        userPrincipalName,
        ...(mail !== undefined ? { mail } : {}),
        accountEnabled,
        exchangeLicensed,
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    groups: groups
      .map(({ id, displayName, mail }) => ({ id, displayName, ...(mail !== undefined ? { mail } : {}) }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    memberships: memberships.map((m) => `${m.groupId}/${m.userId}`).sort(),
  };
}

async function expectMirrorEqualsTenant(scope?: Scope): Promise<void> {
  const expected = expectedMirror(control().listDirectory(), scope);
  expect(expected.users.length).toBeGreaterThan(0);
  expect(await mirror()).toEqual(expected);
}

const syncCard = (): Locator => page.locator(`[aria-label="Directory sync of ${org().displayName}"]`);
const runs = async () => (await readTable<SyncRun>(page, 'syncRuns')).sort((a, b) => a.id! - b.id!);
const lastRun = async () => (await runs()).at(-1);

/** A tenant granted for Exchange Online and mirrored by the grant's sync, in pages of 20 objects. */
async function mirroredTenant(): Promise<void> {
  control().capDeltaPages(PAGE);
  ({ page } = await syncedTenant(session, { services: ['Exchange Online'] }));
}

/** Press "Sync now" and wait for the run it starts to end. */
async function syncNow(): Promise<SyncRun | undefined> {
  const before = (await lastRun())?.id;
  await syncCard().getByRole('button', { name: 'Sync now' }).click();
  await expect
    .poll(async () => ((await lastRun())?.id !== before ? (await lastRun())?.outcome : 'not started'), { timeout: 30_000 })
    .not.toMatch(/running|not started/);
  return lastRun();
}

/** Users, groups and memberships changed and deleted in the tenant, as an admin would. */
function changeTheTenant(tag: string): void {
  const c = control();
  const { users, groups } = c.listDirectory();
  const plain = users.filter((u) => u.id !== org().admin.id && u.id !== org().user.id);
  const [leaver, renamed, disabled] = plain.slice(-3);
  const hire = c.addUser({ displayName: `${tag} Hire`, mailNickname: `${tag.toLowerCase()}hire` });
  c.addUser({ displayName: `${tag} Contractor`, mailNickname: `${tag.toLowerCase()}contractor`, licensed: false });
  c.deleteUser(leaver!.id);
  c.updateUser(renamed!.id, { displayName: `${renamed!.displayName} (${tag})` });
  c.updateUser(disabled!.id, { accountEnabled: false });
  const [grown, shrunk, gone] = groups.filter((g) => g.members.length > 0).slice(-3);
  c.addGroupMember(grown!.id, hire.id);
  c.removeGroupMember(shrunk!.id, shrunk!.members[0]!);
  c.deleteGroup(gone!.id);
  c.addGroup({ displayName: `${tag} Team`, members: [hire.id, org().user.id] });
}

/** The delta pages after the first that were fetched (GETs: the log also holds the browser's CORS preflights). */
const deltaPages = (log: RequestRecord[], resource: 'users' | 'groups') =>
  log.filter((r) => r.method === 'GET' && r.path === `/v1.0/${resource}/delta` && r.query.includes('skiptoken')).map((r) => r.query);

describe('Directory sync: stopped workers, foreign links and both scopes, record by record', () => {
  it('a full sync over many pages mirrors every user, group and membership of the tenant', async () => {
    await mirroredTenant();
    expect(deltaPages(control().requests(), 'users').length).toBeGreaterThanOrEqual(org().userCount / PAGE - 1);
    await expectMirrorEqualsTenant();
  });

  it('a worker stopped through the DevTools protocol mid-sync resumes from its checkpoint when its alarm wakes it', async () => {
    await mirroredTenant();
    const c = control();
    changeTheTenant('Resumed');
    // A refused sync position makes "Sync now" a new full read, which must also sweep what the tenant deleted.
    c.expireDeltaTokens();
    c.injectFault({ path: '/v1.0/users/delta', kind: 'slow', delayMs: 300, count: Infinity });
    c.clearRequests();
    const runsBefore = (await runs()).length;
    await syncCard().getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => deltaPages(c.requests(), 'users').length, { timeout: 20_000 }).toBeGreaterThanOrEqual(4);

    await stopExtensionWorker(session.browser, page);
    c.clearFaults();
    const beforeStop = c.requests();
    const stoppedPages = deltaPages(beforeStop, 'users');
    expect(stoppedPages.length).toBeLessThan(org().userCount / PAGE);

    // Nobody presses anything: the resume alarm wakes the worker, which waits out the dead run's lease and goes on.
    await expect
      .poll(async () => (await runs()).slice(runsBefore).map((r) => `${r.trigger}:${r.outcome}`), { timeout: 45_000 })
      .toEqual(['manual:stopped', 'resume:success']);
    const [stopped, resumed] = (await runs()).slice(runsBefore);

    // The resumed run went on from the checkpoint: it did not start the read again, and fetched no page twice that
    // the stopped run had written. It fetches again only what the stopped run had read ahead (FULL_PAGES_AHEAD) and
    // not written yet: on a loaded machine that can be more than the page the worker was stopped in. The stopped
    // run's progress counts the users it wrote, whole pages from the first; `deltaPages` holds the second page on.
    const afterStop = c.requests().slice(beforeStop.length);
    const resumedPages = deltaPages(afterStop, 'users');
    expect(afterStop.some((r) => r.method === 'GET' && r.path === '/v1.0/users/delta' && !/skiptoken|deltatoken/.test(r.query))).toBe(
      false,
    );
    const writtenPages = stopped!.progress.done / PAGE;
    const fetchedAgain = resumedPages.filter((q) => stoppedPages.includes(q));
    expect(fetchedAgain.map((q) => stoppedPages.indexOf(q) + 2).filter((page) => page <= writtenPages)).toEqual([]);
    expect(fetchedAgain.length).toBeLessThanOrEqual(FULL_PAGES_AHEAD + 1);
    expect(new Set([...stoppedPages, ...resumedPages]).size).toBeGreaterThanOrEqual(org().userCount / PAGE - 1);
    await expectMirrorEqualsTenant();
    expect(stopped).toMatchObject({ kind: 'full', reasonCode: 'sync_stopped' });
    expect(stopped!.progress.done).toBeGreaterThanOrEqual(3 * PAGE);
    expect(resumed).toMatchObject({ kind: 'full' });
  });

  it('an incremental sync applies changes and deletions exactly', async () => {
    await mirroredTenant();
    changeTheTenant('Later');
    expect(await syncNow()).toMatchObject({
      trigger: 'manual',
      kind: 'incremental',
      outcome: 'success',
      usersRemoved: 1,
      groupsRemoved: 1,
    });
    await expectMirrorEqualsTenant();
  });

  it('refuses a nextLink to another host without sending anything there, keeps the mirror, and syncs once it is gone', async () => {
    await mirroredTenant();
    const c = control();
    c.addUser({ displayName: 'Foreign Link One', mailNickname: 'foreignlink1' });
    c.addUser({ displayName: 'Foreign Link Two', mailNickname: 'foreignlink2' });
    c.capDeltaPages(1);
    const foreignHost = `127.0.0.1:${session.tenant.port}`;
    c.injectFault({ path: '/v1.0/users/delta', kind: 'foreign-link', host: foreignHost });
    c.clearRequests();
    const before = await mirror();

    const refused = await syncNow();
    expect(refused).toMatchObject({ outcome: 'failed', reasonCode: 'graph_host_not_allowed' });
    expect(JSON.stringify(refused!.reasonParams)).toContain(foreignHost);
    expect(await syncCard().getByTestId('last-sync').textContent()).toContain(foreignHost);
    expect(await mirror()).toEqual(before);
    // The page that carried the link was fetched; nothing, and no token, went to the other host.
    expect(c.requests().some((r) => r.method === 'GET' && r.path === '/v1.0/users/delta' && r.status === 200)).toBe(true);
    expect(c.requests().filter((r) => r.host !== `localhost:${session.tenant.port}`)).toEqual([]);

    c.capDeltaPages(PAGE);
    expect(await syncNow()).toMatchObject({ outcome: 'success', kind: 'incremental', usersWritten: 2 });
    await expectMirrorEqualsTenant();
  });

  it('in selected scope mirrors exactly the chosen users, the chosen groups and their members, and follows a new choice', async () => {
    await mirroredTenant();
    const c = control();
    const chosenUser = c.addUser({ displayName: 'Scoped Solo', mailNickname: 'scopedsolo' });
    const memberA = c.addUser({ displayName: 'Scoped Member A', mailNickname: 'scopedmembera' });
    const memberB = c.addUser({ displayName: 'Scoped Member B', mailNickname: 'scopedmemberb', licensed: false });
    const pilots = c.addGroup({ displayName: 'Scoped Pilots', members: [memberA.id, org().user.id] });
    const testers = c.addGroup({ displayName: 'Scoped Testers', members: [memberB.id, memberA.id] });

    const choose = async (names: string[]) => {
      await tenantCard(page, org().displayName).getByRole('button', { name: 'Switch sync scope' }).click();
      const form = page.getByRole('region', { name: 'Switch the sync scope', exact: true });
      await form.getByRole('radio', { name: /^Selected users and groups/ }).check();
      expect(
        await signInThrough(page, form.getByRole('button', { name: 'Sign in and switch the scope' }), session.browser, 'expect-silent'),
      ).toBe('waiting');
      const picker = page.getByRole('region', { name: 'Choose users and groups' });
      for (const name of names) {
        await picker.getByLabel('Find users and groups by name or sign-in name').fill(name.replace(/^(User|Group): /, ''));
        await picker.getByRole('checkbox', { name: new RegExp(`^${name}`) }).check();
      }
      const runsBefore = (await runs()).length;
      const waitingRun = await shownRunId(page);
      await picker.getByRole('button', { name: 'Sync these and continue' }).click();
      await page.locator(`[data-run-id="${waitingRun}"][data-run-state="running"]`).waitFor();
      expect(await grantOutcome(page)).toBe('succeeded');
      await expect
        .poll(async () => (await runs()).slice(runsBefore).map((r) => `${r.kind}:${r.outcome}`), { timeout: 30_000 })
        .toEqual(['selected:success']);
    };

    await choose(['User: Scoped Solo', 'Group: Scoped Pilots', 'Group: Scoped Testers']);
    const [tenant] = await readTable<TenantRecord>(page, 'tenants');
    const first = { userIds: [chosenUser.id], groupIds: [pilots.id, testers.id] };
    expect(tenant?.syncScope).toEqual({ mode: 'selected', ...first });
    await expectMirrorEqualsTenant(first);

    // The tenant changes, and the admin chooses again: the mirror follows both, dropping what left the scope.
    c.updateUser(chosenUser.id, { displayName: 'Scoped Solo Renamed' });
    c.removeGroupMember(pilots.id, org().user.id);
    c.addGroupMember(pilots.id, memberB.id);
    await choose(['User: Scoped Solo Renamed', 'Group: Scoped Pilots']);
    await expectMirrorEqualsTenant({ userIds: [chosenUser.id], groupIds: [pilots.id] });
  });
});
