import { describe, expect, it } from 'vitest';
import type { AppDB } from '../../../lib/db/app-db';
import type { SyncScope } from '../../../lib/db/types';
import { brief, phrase, sayParam } from '../../../lib/errors/phrase';
import { readServiceHealth } from '../../../lib/service-health/read';
import { backfillActivity, syncDirectory } from '../../../lib/sync';
import { graphTime } from '../../../lib/sync/activity-map';
import { depsFor, expectMirrorEqualsTenant, readMirror, type TestTenant, useSyncTenant } from './harness';
import { allEvents, putEvents } from '../stored-events';

let t: TestTenant;
let db: AppDB;

useSyncTenant({ users: 150, groups: 15 }, (tenant, fresh) => {
  t = tenant;
  db = fresh;
});

async function ids(path: string): Promise<string[]> {
  const out: string[] = [];
  let link: string | undefined = path;
  while (link) {
    const page: { value: Array<{ id: string }>; '@odata.nextLink'?: string } = (await t.get(link)).json();
    out.push(...page.value.map((item) => item.id));
    link = page['@odata.nextLink'];
  }
  return out;
}

/** The users, groups and memberships a selected scope should mirror, read from the tenant. */
async function expectedScope(scope: Extract<SyncScope, { mode: 'selected' }>) {
  const users = new Set(scope.userIds);
  const memberships = new Set<string>();
  for (const groupId of scope.groupIds) {
    for (const userId of await ids(`/groups/${groupId}/members?$select=id&$top=999`)) {
      users.add(userId);
      memberships.add(`${groupId} ${userId}`);
    }
  }
  return { users, groups: new Set(scope.groupIds), memberships };
}

async function expectMirrorIsScope(scope: Extract<SyncScope, { mode: 'selected' }>): Promise<void> {
  const expected = await expectedScope(scope);
  const mirror = await readMirror(db, t.org.tenantId);
  expect(new Set(mirror.users.keys())).toEqual(expected.users);
  expect(new Set(mirror.groups.keys())).toEqual(expected.groups);
  expect(mirror.memberships).toEqual(expected.memberships);
  expect(await db.syncCheckpoints.count()).toBe(0);
}

describe('selected scope', () => {
  it('mirrors only the chosen users and groups with their members, then switches scope without leftovers', async () => {
    const userIds = (await ids('/users?$select=id&$top=999')).filter((id) => id !== t.org.admin.id);
    const groupIds = await ids('/groups?$select=id&$top=999');
    // 20 users: two $filter chunks of 15; 2 groups with their members.
    const first = { mode: 'selected' as const, userIds: userIds.slice(100, 120), groupIds: groupIds.slice(0, 2) };
    const run = await syncDirectory(depsFor(t, db), { ...t.record, syncScope: first }, 'grant');
    expect(run).toMatchObject({ outcome: 'success', kind: 'selected' });
    await expectMirrorIsScope(first);
    const batches = t.tenant.control.requests().filter((r) => r.path === '/v1.0/$batch');
    expect(batches).toHaveLength(1);

    // Another selection: nothing of the first one stays behind.
    const second = { mode: 'selected' as const, userIds: userIds.slice(130, 133), groupIds: groupIds.slice(5, 6) };
    const switched = await syncDirectory(depsFor(t, db), { ...t.record, syncScope: second }, 'grant');
    expect(switched.outcome).toBe('success');
    expect(switched.usersRemoved).toBeGreaterThan(0);
    await expectMirrorIsScope(second);

    // Back to the whole directory: a full read, exact.
    const all = await syncDirectory(depsFor(t, db), t.record, 'grant');
    expect(all).toMatchObject({ outcome: 'success', kind: 'full' });
    await expectMirrorEqualsTenant(t, db);

    // And from everything to a selection: the rest of the directory goes, and so do the checkpoints.
    const narrowed = await syncDirectory(depsFor(t, db), { ...t.record, syncScope: second }, 'grant');
    expect(narrowed.usersRemoved).toBeGreaterThan(100);
    await expectMirrorIsScope(second);
  });

  it('retries a throttled request inside the batch', async () => {
    const userIds = (await ids('/users?$select=id&$top=999')).slice(0, 20);
    t.tenant.control.injectFault({ path: '/v1.0/users', kind: '429', retryAfterSeconds: 2, count: 1 });
    const scope = { mode: 'selected' as const, userIds, groupIds: [] };
    const deps = depsFor(t, db);
    const run = await syncDirectory(deps, { ...t.record, syncScope: scope }, 'grant');
    expect(run, run.reason).toMatchObject({ outcome: 'success' });
    expect(deps.waits).toEqual([2000]);
    await expectMirrorIsScope(scope);
  });

  // concepts/throttling.md: a $batch's inner requests are throttled one by one, each with its own Retry-After.
  it('defers the run on an inner throttle longer than the worker lives, and keeps the mirror as it was', async () => {
    const userIds = (await ids('/users?$select=id&$top=999')).slice(0, 20);
    const groupIds = (await ids('/groups?$select=id&$top=999')).slice(0, 2);
    t.tenant.control.injectFault({ path: `/v1.0/groups/${groupIds[1]}/members`, kind: '429', retryAfterSeconds: 300, count: 1 });
    const deps = depsFor(t, db);
    const run = await syncDirectory(deps, { ...t.record, syncScope: { mode: 'selected', userIds, groupIds } }, 'grant');
    expect(run).toMatchObject({ outcome: 'deferred', reasonCode: 'graph_throttled' });
    expect(run.resumeAt! - Date.now()).toBeGreaterThan(250_000);
    expect(await db.users.count()).toBe(0);
  });

  it('fails the run when an inner request keeps answering 503, never a scope with a hole in it', async () => {
    const userIds = (await ids('/users?$select=id&$top=999')).slice(0, 40);
    t.tenant.control.injectFault({ path: '/v1.0/users', kind: '503', count: Infinity });
    const deps = depsFor(t, db);
    const run = await syncDirectory(deps, { ...t.record, syncScope: { mode: 'selected', userIds, groupIds: [] } }, 'grant');
    expect(run).toMatchObject({ outcome: 'failed', reasonCode: 'graph_unavailable' });
    expect(deps.waits.length).toBeGreaterThan(0);
    expect(await db.users.count()).toBe(0);
  });

  it('refuses more than 100 users', async () => {
    const scope = { mode: 'selected' as const, userIds: Array.from({ length: 101 }, (_, i) => `u${i}`), groupIds: [] };
    const run = await syncDirectory(depsFor(t, db), { ...t.record, syncScope: scope }, 'grant');
    expect(run).toMatchObject({ outcome: 'failed', reasonCode: 'sync_scope_too_large' });
    expect(run.reasonParams).toEqual(['101']);
  });
});

describe('7-day activity', () => {
  const countOf = async (kind: 'signIn' | 'directoryAudit') =>
    (await allEvents(db)).filter((event) => event.tenantId === t.org.tenantId && event.kind === kind).length;

  /**
   * What Graph holds from `since` on, to the millisecond: Graph's filter takes whole seconds, so an event in the
   * second before `since` passes it, and the backfill (rightly) drops it.
   */
  async function countSince(path: string, field: string, since: number): Promise<number> {
    let count = 0;
    let link: string | undefined = `${path}?$filter=${encodeURIComponent(`${field} ge ${graphTime(since)}`)}&$top=999`;
    while (link) {
      const page: { value: Array<Record<string, string>>; '@odata.nextLink'?: string } = (await t.get(link)).json();
      count += page.value.filter((item) => Date.parse(item[field] ?? '') >= since).length;
      link = page['@odata.nextLink'];
    }
    return count;
  }

  it('stores the last 7 days of audits and sign-ins, then only what is new, and prunes what is older', async () => {
    const now = Date.now();
    const since = now - 7 * 86_400_000;
    await putEvents(db, [{ tenantId: t.org.tenantId, id: 'old', kind: 'signIn', service: 'entra', occurredAt: since - 1, summary: 'old' }]);
    const deps = depsFor(t, db, { now: () => now });
    const result = await backfillActivity(deps, t.record);
    expect(result).toMatchObject({ signInsAvailable: true, pruned: 1 });
    expect(result.notes).toBeUndefined();
    const stored = await allEvents(db);
    const within = (kind: string) => stored.filter((e) => e.kind === kind && e.occurredAt >= since && e.occurredAt <= now).length;
    const audits = within('directoryAudit');
    const signIns = within('signIn');
    expect(audits).toBe(await countSince('/auditLogs/directoryAudits', 'activityDateTime', since));
    expect(signIns).toBe(await countSince('/auditLogs/signIns', 'createdDateTime', since));
    expect(result.added).toBe(audits + signIns);
    expect(stored).toHaveLength(audits + signIns);
    const services = new Set(stored.map((event) => event.service));
    expect(services).toEqual(new Set(['entra', 'exchange', 'sharepoint', 'onedrive']));

    // Later: only what happened since the newest stored event is fetched and stored.
    const added = t.tenant.control.addUser({ displayName: 'Audited Alice' });
    t.tenant.control.clearRequests();
    // The same clock: a later one would prune what passed out of the window meanwhile, and the count below would
    // depend on how long the first read took.
    const later = await backfillActivity(depsFor(t, db, { now: () => now }), t.record);
    expect(later.added).toBeGreaterThanOrEqual(1);
    expect(await allEvents(db)).toHaveLength(audits + signIns + later.added);
    const newest = (await allEvents(db)).find((event) => sayParam(event.summary) === `Add user: ${added.userPrincipalName}`);
    expect(newest).toMatchObject({ kind: 'directoryAudit', service: 'entra', actor: t.org.admin.userPrincipalName, succeeded: true });
    const auditRequests = t.tenant.control.requests().filter((r) => r.path === '/v1.0/auditLogs/directoryAudits');
    expect(auditRequests).toHaveLength(1);
    expect(decodeURIComponent(auditRequests[0]!.query)).not.toContain(graphTime(since));
  });

  it('notes, without failing, that sign-ins need Entra ID P1/P2', async () => {
    t.tenant.control.setPremium(false);
    const result = await backfillActivity(depsFor(t, db), t.record);
    expect(result).toMatchObject({ signInsAvailable: false, notes: [{ code: 'activity_signins_unavailable' }] });
    expect(result.added).toBeGreaterThan(0);
    expect(await countOf('signIn')).toBe(0);
  });

  it.each([
    ['503 after every retry', { kind: '503' as const, count: Infinity }, { code: 'graph_unavailable' }],
    [
      'a throttle longer than the worker lives',
      { kind: '429' as const, count: 1, retryAfterSeconds: 600 },
      { code: 'graph_throttled', params: ['600'] },
    ],
    [
      'a malformed page',
      { kind: 'malformed' as const, count: 1 },
      { code: 'graph_malformed_page', params: [phrase('sync_pageProblem', phrase('sync_whatSignInLog'), phrase('sync_pageNotJson'))] },
    ],
  ])('sign-in logs failing with %s give a note, not a failure, and the audits are still read', async (_, fault, reason) => {
    t.tenant.control.injectFault({ path: '/v1.0/auditLogs/signIns', ...fault });
    const result = await backfillActivity(depsFor(t, db), t.record);
    expect(result).toMatchObject({ signInsAvailable: false, auditsAvailable: true });
    // The failure's Microsoft ids ride along in the brief (lib/errors/failure-ids.ts): matched, not listed.
    expect(result.notes).toMatchObject([{ code: 'activity_signins_unread', params: [brief(reason as never)] }]);
    expect(await countOf('signIn')).toBe(0);
    expect(await countOf('directoryAudit')).toBeGreaterThan(0);
  });

  it('directory audits failing give a note too, and sign-ins are still read', async () => {
    t.tenant.control.injectFault({ path: '/v1.0/auditLogs/directoryAudits', kind: '504', count: Infinity });
    const deps = depsFor(t, db);
    const result = await backfillActivity(deps, t.record);
    expect(result).toMatchObject({ signInsAvailable: true, auditsAvailable: false });
    expect(result.notes).toMatchObject([{ code: 'activity_audits_unread', params: [brief({ code: 'graph_unavailable' })] }]);
    expect(deps.waits.length).toBeGreaterThan(0);
    expect(await countOf('directoryAudit')).toBe(0);
    expect(await countOf('signIn')).toBeGreaterThan(0);
  });

  it('both logs failing is still a note (the activity is a view of the past; no connector depends on it)', async () => {
    t.tenant.control.setPremium(false);
    t.tenant.control.injectFault({ path: '/v1.0/auditLogs/directoryAudits', kind: '503', count: Infinity });
    const result = await backfillActivity(depsFor(t, db), t.record);
    expect(result).toMatchObject({ added: 0, signInsAvailable: false, auditsAvailable: false });
    expect(result.notes?.map((note) => note.code)).toEqual(['activity_audits_unread', 'activity_signins_unavailable']);
  });

  it('a refused token is about the grant, not a log: it still fails', async () => {
    await t.get('/me');
    t.tenant.control.reset();
    // reset() revokes issued tokens; the cached one is now refused with 401.
    await expect(backfillActivity(depsFor(t, db), t.record)).rejects.toMatchObject({ code: 'graph_unauthorized' });
  });
});

describe('service health', () => {
  it('reports Exchange Online, SharePoint Online and OneDrive in the admin words', async () => {
    t.tenant.control.setServiceHealth('Exchange Online', 'serviceDegradation');
    t.tenant.control.setServiceHealth('OneDrive for Business', 'investigating');
    const health = await readServiceHealth(depsFor(t, db), 'sync');
    expect(health).toEqual({
      allOperational: false,
      services: [
        { service: 'exchange', status: 'serviceDegradation', state: 'degraded' },
        { service: 'sharepoint', status: 'serviceOperational', state: 'operational' },
        {
          service: 'onedrive',
          status: 'investigating',
          state: 'unknown',
        },
      ],
    });
    t.tenant.control.reset();
    t.forgetToken();
    expect((await readServiceHealth(depsFor(t, db), 'sync')).allOperational).toBe(true);
  });
});
