import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncDirectory } from '../../../lib/sync';
import { depsFor, dropDb, expectMirrorEqualsTenant, freshDb, startTestTenant, type TestTenant } from './harness';
import { memberRange } from '../../../lib/db/keys';

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant({ users: 2500, groups: 250 });
}, 60_000);
afterAll(() => t.close());

describe('a 2,500-user tenant with Graph-sized pages', () => {
  it('syncs in full, then re-reads it after an expired position without writing one record again', async () => {
    const db = freshDb();
    const full = await syncDirectory(depsFor(t, db), t.record, 'grant');
    expect(full).toMatchObject({ outcome: 'success', usersWritten: t.org.userCount, groupsWritten: 250 });
    expect(full.membershipsWritten).toBeGreaterThan(2500);
    // Graph's pages, whatever the sync prefers: 200 users a page and a catch-up; groups 500 member links a page at
    // most, a large group repeated on the next page (see test/emulator/graph/delta.ts), and a catch-up.
    const requests = t.tenant.control.requests();
    expect(requests.filter((r) => r.path.endsWith('/users/delta'))).toHaveLength(Math.ceil(t.org.userCount / 200) + 1);
    const links = t.tenant.control.listDirectory().groups.reduce((sum, group) => sum + group.members.length, 0);
    expect(requests.filter((r) => r.path.endsWith('/groups/delta')).length).toBeGreaterThanOrEqual(Math.ceil(links / 500) + 1);
    expect(full.progress).toMatchObject({ done: t.org.userCount + 250, total: t.org.userCount + 250 });

    t.tenant.control.expireDeltaTokens();
    const resync = await syncDirectory(depsFor(t, db), t.record, 'schedule');
    expect(resync).toMatchObject({
      outcome: 'success',
      kind: 'full',
      usersWritten: 0,
      groupsWritten: 0,
      membershipsWritten: 0,
      usersRemoved: 0,
      groupsRemoved: 0,
      membershipsRemoved: 0,
    });
    await expectMirrorEqualsTenant(t, db);
    await dropDb(db);
  }, 60_000);
});

describe('a group larger than a page', () => {
  it('is mirrored whole though Graph spreads its members over pages and repeats the group', async () => {
    const db = freshDb();
    const everyone = t.tenant.control.listDirectory().users.map((user) => user.id);
    const big = t.tenant.control.addGroup({ displayName: 'Everyone', members: everyone });
    try {
      const run = await syncDirectory(depsFor(t, db), t.record, 'grant');
      expect(run).toMatchObject({ outcome: 'success', groupsWritten: 251 });
      // Progress counts objects, not pages: the repeated group does not take it past the total.
      expect(run.progress.done).toBe(run.progress.total);
      const members = await db.memberOf
        .where('[tenantId+groupId+userId]')
        .between(...memberRange(t.org.tenantId, big.id))
        .count();
      expect(members).toBe(everyone.length);
      await expectMirrorEqualsTenant(t, db);
    } finally {
      t.tenant.control.deleteGroup(big.id);
      await dropDb(db);
    }
  }, 60_000);
});
