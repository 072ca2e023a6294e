import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import type { AppDB } from '../../../lib/db/app-db';
import { membershipOf, membershipsOfUser, objectKey } from '../../../lib/db/keys';
import { unpackId } from '../../../lib/db/packed-id';
import type { SyncRun } from '../../../lib/db/types';
import { LEASE_MS, syncDirectory, type SyncProgress } from '../../../lib/sync';
import { depsFor, expectMirrorEqualsTenant, readMirror, type TestTenant, useSyncTenant } from './harness';

const USERS = 400;
const GROUPS = 30;
let t: TestTenant;
let db: AppDB;

useSyncTenant({ users: USERS, groups: GROUPS }, (tenant, fresh) => {
  t = tenant;
  db = fresh;
});

const userTotal = () => t.org.userCount;

/** A member of the second group who is not one of the two fixed accounts (deleting them would break the token). */
async function someMember(groupIndex = 1): Promise<{ groupId: string; userId: string }> {
  const groups = (await t.get('/groups?$select=id&$top=999')).json<{ value: Array<{ id: string }> }>().value;
  const groupId = groups[groupIndex]!.id;
  const members = (await t.get(`/groups/${groupId}/members?$select=id&$top=999`)).json<{ value: Array<{ id: string }> }>().value;
  const member = members.find((m) => m.id !== t.org.admin.id && m.id !== t.org.user.id)!;
  return { groupId, userId: member.id };
}

describe('full sync', () => {
  it('mirrors every user, group and membership, page by page, with its run and checkpoints recorded', async () => {
    const seen: SyncProgress[] = [];
    const deps = depsFor(t, db, {
      fullReadPageByPage: true,
      pageSize: 100,
      checkpointReached: async (progress) => {
        seen.push(progress);
        // The running record carries the same progress, for the UI's live query.
        expect((await db.syncRuns.get(progress.runId))?.progress).toMatchObject({ done: progress.done, total: progress.total });
        return true;
      },
    });
    const run = await syncDirectory(deps, t.record, 'grant');
    expect(run).toMatchObject({
      outcome: 'success',
      kind: 'full',
      trigger: 'grant',
      usersWritten: userTotal(),
      groupsWritten: GROUPS,
      usersRemoved: 0,
      groupsRemoved: 0,
      progress: { done: userTotal() + GROUPS, total: userTotal() + GROUPS },
    });
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
    expect(await db.syncRuns.get(run.id)).toEqual(run);
    await expectMirrorEqualsTenant(t, db);

    // 5 user pages of 100 and an empty catch-up increment, then the group pages (Graph's: at most 500 member links
    // a page, see test/emulator/graph/delta.ts) and their catch-up; progress only grows, to the total.
    const done = seen.map((p) => p.done);
    expect(done.slice(0, 6)).toEqual([100, 200, 300, 400, userTotal(), userTotal()]);
    const groupPages = done.slice(6);
    expect(groupPages.length).toBeGreaterThanOrEqual(2);
    expect(groupPages.every((value, i) => value > userTotal() && value >= (groupPages[i - 1] ?? 0))).toBe(true);
    expect(groupPages.slice(-2)).toEqual([userTotal() + GROUPS, userTotal() + GROUPS]);
    expect(seen.every((p) => p.total === userTotal() + GROUPS)).toBe(true);
    const checkpoints = await db.syncCheckpoints.toArray();
    expect(checkpoints.map((c) => [c.resource, Boolean(c.deltaLink), c.nextLink])).toEqual([
      ['groups', true, undefined],
      ['users', true, undefined],
    ]);
    expect(await db.leases.count()).toBe(0);

    // Query options on the first request only; then Graph's own links (the last one the deltaLink of the catch-up).
    const deltas = t.tenant.control.requests().filter((r) => r.path === '/v1.0/users/delta');
    expect(deltas.map((r) => r.query.split('=')[0])).toEqual(['%24select', ...Array<string>(4).fill('%24skiptoken'), '%24deltatoken']);
  });

  it("joins a full read's pages that have arrived into fewer transactions, to the same mirror", async () => {
    const committed: number[] = [];
    const deps = depsFor(t, db, {
      pageSize: 100,
      checkpointReached: (progress) => {
        committed.push(progress.done);
        return true;
      },
    });
    const run = await syncDirectory(deps, t.record, 'grant');
    expect(run).toMatchObject({ outcome: 'success', kind: 'full', usersWritten: userTotal(), groupsWritten: GROUPS });
    await expectMirrorEqualsTenant(t, db);
    // Graph's pages, each asked for once, in fewer commits than pages: the local tenant answers at once here, so the
    // pages asked ahead have arrived when a transaction takes them (FULL_JOIN_WEIGHT in lib/sync/delta-round.ts).
    const pages = t.tenant.control.requests().filter((r) => r.path.endsWith('/delta')).length;
    expect(committed.length).toBeLessThan(pages);
    expect(committed.at(-1)).toBe(userTotal() + GROUPS);
  });

  it('keeps no seen ids on an empty mirror (everything it leaves, it wrote), and says so in its checkpoints', async () => {
    const midRun: Array<{ seenChunks: number; intoEmpty?: boolean }> = [];
    const deps = depsFor(t, db, {
      fullReadPageByPage: true,
      pageSize: 100,
      checkpointReached: async () => {
        const users = await db.syncCheckpoints.get([t.org.tenantId, 'users']);
        midRun.push({ seenChunks: await db.table('syncSeen').count(), ...(users?.nextLink ? { intoEmpty: users.intoEmpty } : {}) });
        return true;
      },
    });
    expect(await syncDirectory(deps, t.record, 'grant')).toMatchObject({ outcome: 'success', kind: 'full' });
    expect(midRun.every((m) => m.seenChunks === 0)).toBe(true);
    // Every checkpoint of the users' full read (those with a next page) carries the mark, so a resumed round keeps it.
    const fullReadPages = midRun.filter((m) => 'intoEmpty' in m);
    expect(fullReadPages.length).toBe(Math.ceil(userTotal() / 100) - 1);
    expect(fullReadPages.every((m) => m.intoEmpty === true)).toBe(true);
    await expectMirrorEqualsTenant(t, db);
  });

  it('writes nothing when nothing changed: the next run is an empty increment', async () => {
    await syncDirectory(depsFor(t, db), t.record, 'grant');
    const bulkPut = vi.spyOn(db.users, 'bulkPut');
    const run = await syncDirectory(depsFor(t, db), t.record, 'schedule');
    expect(run).toMatchObject({ outcome: 'success', kind: 'incremental', usersWritten: 0, groupsWritten: 0, membershipsWritten: 0 });
    expect(bulkPut).not.toHaveBeenCalled();
  });
});

describe('incremental sync', () => {
  it('applies additions, changes, deletions and membership changes exactly', async () => {
    await syncDirectory(depsFor(t, db, { pageSize: 150 }), t.record, 'grant');
    const { control } = t.tenant;
    const { groupId, userId: leaver } = await someMember();
    const { groupId: otherGroup, userId: removedMember } = await someMember(3);
    const added = control.addUser({ displayName: 'Nina New', userPrincipalName: `nina@${t.org.domain}` });
    control.updateUser(t.org.user.userPrincipalName, { displayName: 'Megan B. Bowen', mail: 'megan.bowen@contoso.example' });
    control.deleteUser(leaver);
    control.addGroupMember(groupId, added.id);
    control.removeGroupMember(otherGroup, removedMember);
    const newGroup = control.addGroup({ displayName: 'Project Falcon', members: [added.id, t.org.user.id] });
    const groups = (await t.get('/groups?$select=id&$top=999')).json<{ value: Array<{ id: string }> }>().value;
    control.updateGroup(groups[5]!.id, { displayName: 'Renamed group' });
    control.deleteGroup(groups[6]!.id);

    const run = await syncDirectory(depsFor(t, db, { pageSize: 150 }), t.record, 'manual');
    expect(run).toMatchObject({ outcome: 'success', kind: 'incremental', usersWritten: 2, usersRemoved: 1, groupsRemoved: 1 });
    expect(run.groupsWritten).toBeGreaterThanOrEqual(2);
    const truth = await expectMirrorEqualsTenant(t, db);
    expect(truth.users.get(added.id)?.displayName).toBe('Nina New');
    expect(truth.memberships.has(`${newGroup.id} ${added.id}`)).toBe(true);
    expect(truth.memberships.has(`${otherGroup} ${removedMember}`)).toBe(false);
    expect(await membershipsOfUser(db, t.org.tenantId, leaver).count()).toBe(0);
  });
  it("does not read back the memberships of users it removed (their groups' increment lists them removed)", async () => {
    await syncDirectory(depsFor(t, db, { pageSize: 150 }), t.record, 'grant');
    const { control } = t.tenant;
    const { groupId, userId: leaver } = await someMember();
    const before = await membershipsOfUser(db, t.org.tenantId, leaver).count();
    expect(before).toBeGreaterThan(0);
    control.deleteUser(leaver);
    const rejoined = control.addUser({ displayName: 'Rejoined Rita' });
    control.addGroupMember(groupId, rejoined.id);
    const read: string[] = [];
    const bulkGet = db.memberOf.bulkGet.bind(db.memberOf);
    vi.spyOn(db.memberOf, 'bulkGet').mockImplementation((keys) => {
      read.push(...keys.map((key) => membershipOf(key).userId));
      return bulkGet(keys);
    });
    const run = await syncDirectory(depsFor(t, db, { pageSize: 150 }), t.record, 'manual');
    expect(run).toMatchObject({
      outcome: 'success',
      kind: 'incremental',
      usersRemoved: 1,
      membershipsRemoved: before,
      membershipsWritten: 1,
    });
    // The groups' increment named the leaver's memberships as removed: none was read, and the new member was.
    expect(read).not.toContain(leaver);
    expect(read).toContain(rejoined.id);
    await expectMirrorEqualsTenant(t, db);
  });
});

describe('Exchange Online licence', () => {
  it('comes from assignedPlans: a shared mailbox (mail, no licence) is not licensed, and a licence with Exchange off is not either', async () => {
    const licensed = async (id: string) => (await db.users.get(objectKey(t.org.tenantId, id)))?.exchangeLicensed;
    expect((await syncDirectory(depsFor(t, db), t.record, 'grant')).outcome).toBe('success');
    expect(await licensed(t.org.user.id)).toBe(true);
    const shared = await db.users.get(objectKey(t.org.tenantId, t.org.sharedMailbox.id));
    expect(shared).toMatchObject({ mail: `info@${t.org.domain}`, exchangeLicensed: false });
    expect(shared).not.toHaveProperty('hasMailbox');

    // The licence stays (OneDrive still on), the Exchange plan goes: the increment carries the new assignedPlans.
    t.tenant.control.setLicence(t.org.user.userPrincipalName, { mailbox: false });
    expect((await syncDirectory(depsFor(t, db), t.record, 'schedule')).kind).toBe('incremental');
    expect(await licensed(t.org.user.id)).toBe(false);
  });
});

describe('expired sync position', () => {
  it('re-reads the directory in full, keeping the old mirror readable until the new one is whole', async () => {
    await syncDirectory(depsFor(t, db, { fullReadPageByPage: true, pageSize: 100 }), t.record, 'grant');
    const before = await readMirror(db, t.org.tenantId);
    const { control } = t.tenant;
    const { userId: gone } = await someMember();
    control.deleteUser(gone);
    const added = control.addUser({ displayName: 'Omar Later' });
    control.expireDeltaTokens();

    const midRun: Array<{ users: number; hasGone: boolean }> = [];
    const run = await syncDirectory(
      depsFor(t, db, {
        fullReadPageByPage: true,
        pageSize: 100,
        checkpointReached: async () => {
          const mirror = await readMirror(db, t.org.tenantId);
          midRun.push({ users: mirror.users.size, hasGone: mirror.users.has(gone) });
          return true;
        },
      }),
      t.record,
      'schedule',
    );
    expect(run).toMatchObject({ outcome: 'success', kind: 'full', usersRemoved: 1 });
    // Until the users round's last page the old mirror stays whole (nothing removed, the deleted user still there).
    const usersPages = Math.ceil(userTotal() / 100);
    expect(midRun.slice(0, usersPages - 1).every((m) => m.hasGone && m.users >= before.users.size)).toBe(true);
    const truth = await expectMirrorEqualsTenant(t, db);
    expect(truth.users.has(added.id)).toBe(true);
    expect(truth.users.has(gone)).toBe(false);
    // The restart was a full read: unchanged users were not written again.
    expect(run.usersWritten).toBe(1);
    const seenChunks = await db.table('syncSeen').count();
    expect(seenChunks).toBe(0);
  });
});

describe('a full re-read stopped midway', () => {
  /** A full sync, then a re-read (sync position expired) stopped after two pages; `change` runs while it is stopped. */
  async function stoppedReread(change: (mirrored: string[]) => void): Promise<void> {
    await syncDirectory(depsFor(t, db, { pageSize: 100 }), t.record, 'grant');
    t.tenant.control.expireDeltaTokens();
    let pages = 0;
    const stopped = await syncDirectory(depsFor(t, db, { pageSize: 100, checkpointReached: () => ++pages < 2 }), t.record, 'schedule');
    expect(stopped).toMatchObject({ outcome: 'stopped', kind: 'full' });
    change([...(await readMirror(db, t.org.tenantId)).users.keys()]);
  }

  const firstUsersDelta = (from: number) =>
    t.tenant.control
      .requests()
      .slice(from)
      .find((r) => r.path === '/v1.0/users/delta');

  it('resumes from its checkpoint and sweeps what the tenant no longer has', async () => {
    let gone = '';
    await stoppedReread((mirrored) => {
      gone = mirrored.find((id) => id !== t.org.admin.id && id !== t.org.user.id)!;
      t.tenant.control.deleteUser(gone);
    });
    expect(await db.syncCheckpoints.get([t.org.tenantId, 'users'])).toMatchObject({ roundKind: 'full', seenKeys: true });
    const from = t.tenant.control.requests().length;
    const run = await syncDirectory(depsFor(t, db, { pageSize: 100 }), t.record, 'resume');
    expect(run).toMatchObject({ outcome: 'success', kind: 'full' });
    expect(firstUsersDelta(from)?.query).toMatch(/^%24skiptoken=/);
    expect((await expectMirrorEqualsTenant(t, db)).users.has(gone)).toBe(false);
    expect(await db.table('syncSeen').count()).toBe(0);
  });

  it("starts again when an older version began it (one chunk per page, which this version's sweep cannot read)", async () => {
    await stoppedReread(() => undefined);
    const key: [string, string] = [t.org.tenantId, 'users'];
    const checkpoint = (await db.syncCheckpoints.get(key))!;
    delete checkpoint.seenKeys;
    await db.syncCheckpoints.put(checkpoint);
    await db.table('syncSeen').clear();
    await db.table('syncSeen').put({ tenantId: t.org.tenantId, resource: 'users', roundId: checkpoint.roundId, page: 0, ids: ['x'] });
    const from = t.tenant.control.requests().length;
    const run = await syncDirectory(depsFor(t, db, { pageSize: 100 }), t.record, 'resume');
    expect(run).toMatchObject({ outcome: 'success', kind: 'full' });
    expect(firstUsersDelta(from)?.query).toMatch(/^%24select=/);
    await expectMirrorEqualsTenant(t, db);
    expect(await db.table('syncSeen').count()).toBe(0);
  });
});

describe('stops and resumes', () => {
  it('resumes a run stopped between pages exactly where it stopped, with changes made meanwhile', async () => {
    const written: string[] = [];
    const bulkPut = db.users.bulkPut.bind(db.users);
    vi.spyOn(db.users, 'bulkPut').mockImplementation((rows, ...rest) => {
      written.push(...rows.map((row) => unpackId(row.id)));
      return bulkPut(rows, ...(rest as []));
    });
    let pages = 0;
    const stopAfterTwo = depsFor(t, db, { fullReadPageByPage: true, pageSize: 100, checkpointReached: () => ++pages < 2 });
    const first = await syncDirectory(stopAfterTwo, t.record, 'grant');
    expect(first).toMatchObject({ outcome: 'stopped', reasonCode: 'sync_stopped', usersWritten: 200 });
    const partial = await readMirror(db, t.org.tenantId);
    expect(partial.users.size).toBe(200);
    const checkpoint = await db.syncCheckpoints.get([t.org.tenantId, 'users']);
    expect(checkpoint).toMatchObject({ roundKind: 'full', pages: 2, done: 200 });
    expect(checkpoint?.nextLink).toContain('$skiptoken=');

    // Meanwhile: a user already mirrored is deleted, another renamed, one added.
    const [gone, renamed] = [...partial.users.keys()].filter((id) => id !== t.org.admin.id && id !== t.org.user.id);
    t.tenant.control.deleteUser(gone!);
    t.tenant.control.updateUser(renamed!, { displayName: 'Renamed While Paused' });
    const added = t.tenant.control.addUser({ displayName: 'Paused Paula' });

    const requestsBefore = t.tenant.control.requests().length;
    const second = await syncDirectory(depsFor(t, db, { pageSize: 100 }), t.record, 'resume');
    expect(second).toMatchObject({ outcome: 'success', kind: 'full', trigger: 'resume', usersRemoved: 1 });
    // Resumed from the checkpointed link: the first delta request of this run is that nextLink, not a new read.
    const resumed = t.tenant.control
      .requests()
      .slice(requestsBefore)
      .find((r) => r.path === '/v1.0/users/delta');
    expect(resumed?.query).toMatch(/^%24skiptoken=/);
    const truth = await expectMirrorEqualsTenant(t, db);
    expect(truth.users.get(renamed!)?.displayName).toBe('Renamed While Paused');
    expect(truth.users.has(added.id)).toBe(true);
    // Nothing written twice but the renamed user (once as read, once as changed).
    expect(written.filter((id) => id !== renamed)).toHaveLength(new Set(written.filter((id) => id !== renamed)).size);
    expect(written.filter((id) => id === renamed)).toHaveLength(2);
  });

  it('asks for the next page while writing one, and for both collections of an increment at once', async () => {
    const deps = depsFor(t, db, { fullReadPageByPage: true, pageSize: 100 });
    // Every directory request the sync issues, in order (the client is called when a request is asked for); the
    // activity's requests, made beside the directory's, are told apart.
    const asked: string[] = [];
    const api = deps.graph.api.bind(deps.graph);
    vi.spyOn(deps.graph, 'api').mockImplementation((path) => {
      const url = String(path);
      asked.push(url.includes('/groups/') ? 'groups' : url.includes('/users/') ? 'users' : 'activity');
      return api(path);
    });
    const count = (what: string) => asked.filter((a) => a === what).length;
    const whileWriting: Array<[number, number]> = [];
    const bulkPut = db.users.bulkPut.bind(db.users);
    vi.spyOn(db.users, 'bulkPut').mockImplementation((rows) => {
      whileWriting.push([count('users'), count('groups')]);
      return bulkPut(rows);
    });
    await syncDirectory(deps, t.record, 'grant');
    // The first users page is written once the second has been asked for (users: $count, page 1, page 2; groups:
    // the $count a full read asks for at the start, nothing of its pages yet).
    expect(whileWriting[0]).toEqual([3, 1]);
    await expectMirrorEqualsTenant(t, db);

    // An increment: its users' and groups' pages are both asked for before the users' page is written.
    t.tenant.control.addUser({ displayName: 'Piper Pipeline' });
    asked.length = 0;
    whileWriting.length = 0;
    const run = await syncDirectory(deps, t.record, 'manual');
    expect(run).toMatchObject({ outcome: 'success', kind: 'incremental', usersWritten: 1 });
    expect(whileWriting).toEqual([[1, 1]]);
    await expectMirrorEqualsTenant(t, db);
  });

  it('lands a page completely or not at all when it fails inside its transaction', async () => {
    const bulkPut = vi.spyOn(db.memberOf, 'bulkPut').mockRejectedValueOnce(new Dexie.QuotaExceededError('disk full'));
    const failed = await syncDirectory(depsFor(t, db, { pageSize: 10 }), t.record, 'grant');
    expect(failed).toMatchObject({ outcome: 'failed', reasonCode: 'storage_full' });
    bulkPut.mockRestore();
    // The users round finished; the failed groups page left nothing behind, not even its checkpoint.
    const mirror = await readMirror(db, t.org.tenantId);
    expect(mirror.users.size).toBe(userTotal());
    expect(mirror.groups.size).toBe(0);
    expect(mirror.memberships.size).toBe(0);
    expect(await db.syncCheckpoints.get([t.org.tenantId, 'groups'])).toBeUndefined();

    const resumed = await syncDirectory(depsFor(t, db, { pageSize: 10 }), t.record, 'resume');
    expect(resumed).toMatchObject({ outcome: 'success', usersWritten: 0, groupsWritten: GROUPS });
    await expectMirrorEqualsTenant(t, db);
  });
});

describe('one sync at a time', () => {
  it('defers a second run while the first holds the lease', async () => {
    let second: SyncRun | undefined;
    const first = await syncDirectory(
      depsFor(t, db, {
        pageSize: 200,
        checkpointReached: async () => {
          second ??= await syncDirectory(depsFor(t, db, { ownerId: 'popup' }), t.record, 'manual');
          return true;
        },
      }),
      t.record,
      'grant',
    );
    expect(first.outcome).toBe('success');
    expect(second).toMatchObject({ outcome: 'deferred', reasonCode: 'sync_in_progress' });
    expect(second?.id).toBeUndefined();
    expect(second!.resumeAt! - Date.now()).toBeGreaterThan(LEASE_MS - 10_000);
    expect(await db.syncRuns.count()).toBe(1);
  });

  it("takes over a stopped worker's expired lease and closes its orphaned run", async () => {
    let clock = Date.now();
    const deps = depsFor(t, db, { pageSize: 100, now: () => clock });
    // A worker that dies after its first page: its lease and its `running` run stay behind.
    const dying = syncDirectory(
      { ...deps, ownerId: 'old-worker', checkpointReached: () => new Promise<boolean>(() => undefined) },
      t.record,
      'grant',
    );
    await vi.waitFor(async () => expect((await db.syncCheckpoints.get([t.org.tenantId, 'users']))?.pages).toBe(1));
    void dying;
    const blocked = await syncDirectory(deps, t.record, 'schedule');
    expect(blocked).toMatchObject({ outcome: 'deferred', reasonCode: 'sync_in_progress' });

    clock += LEASE_MS + 1;
    const run = await syncDirectory(deps, t.record, 'resume');
    expect(run).toMatchObject({ outcome: 'success', kind: 'full', usersWritten: userTotal() - 100 });
    const runs = await db.syncRuns.toArray();
    expect(runs.map((r) => r.outcome)).toEqual(['stopped', 'success']);
    expect(runs[0]).toMatchObject({ reasonCode: 'sync_stopped' });
    await expectMirrorEqualsTenant(t, db);
  });
});
