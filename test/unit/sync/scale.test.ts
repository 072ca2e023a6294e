import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncDirectory } from '../../../lib/sync';
import { depsFor, dropDb, expectMirrorEqualsTenant, freshDb, startTestTenant, type TestTenant } from './harness';

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
    // 1,000 objects a page: 3 user pages and a catch-up; 1 group page and a catch-up.
    const pages = t.tenant.control.requests().filter((r) => r.path.endsWith('/delta'));
    expect(pages).toHaveLength(6);

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
