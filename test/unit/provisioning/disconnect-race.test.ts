import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import type { AppDB } from '../../../lib/db/app-db';
import type { TenantRecord } from '../../../lib/db/types';
import { disconnect } from '../../../lib/provisioning/disconnect';
import { syncDirectory } from '../../../lib/sync';
import { seenTable } from '../../../lib/sync/tables';
import { depsFor, expectMirrorEqualsTenant, type TestTenant, useSyncTenant } from '../sync/harness';
import { memberRange, objectRange } from '../../../lib/db/keys';

// Disconnect and a running sync meet through the sync's lease: Disconnect takes the lease away in its transaction,
// and every page's commit proves the lease inside its own, so a page that lands after Disconnect writes nothing.

const USERS = 400;
let t: TestTenant;
let db: AppDB;

useSyncTenant({ users: USERS, groups: 10 }, (tenant, fresh) => {
  t = tenant;
  db = fresh;
});

/** The tenant as a granted one, with one connector: Disconnect of its only service disconnects the tenant. */
async function grantedTenant(): Promise<TenantRecord> {
  const tenant: TenantRecord = {
    ...t.record,
    homeAccountId: 'home-account',
    grant: { scopes: [], grantedAt: 0, expiresOn: 0, refreshHorizon: 0, lastValidatedAt: 0 },
  };
  await db.tenants.put(tenant);
  await db.connectors.put({ id: `${tenant.tenantId}:exchange`, tenantId: tenant.tenantId, service: 'exchange' });
  return tenant;
}

function disconnectDeps() {
  return { db, now: () => Date.now(), signOut: () => Promise.resolve() };
}

async function tenantRows(tenantId: string) {
  const range = [
    [tenantId, Dexie.minKey],
    [tenantId, Dexie.maxKey],
  ] as const;
  return {
    users: await db.users
      .where(':id')
      .between(...objectRange(tenantId))
      .count(),
    groups: await db.groups
      .where(':id')
      .between(...objectRange(tenantId))
      .count(),
    memberships: await db.memberOf
      .where(':id')
      .between(...memberRange(tenantId))
      .count(),
    checkpoints: await db.syncCheckpoints
      .where(':id')
      .between(...range)
      .count(),
    seen: await seenTable(db)
      .where(':id')
      .between(...range)
      .count(),
    events: await db.eventBatches
      .where(':id')
      .between(...range)
      .count(),
    leases: await db.leases.where(':id').equals(tenantId).count(),
  };
}

const NOTHING = { users: 0, groups: 0, memberships: 0, checkpoints: 0, seen: 0, events: 0, leases: 0 };

describe('Disconnect during a sync', () => {
  it('lets no page of the running sync land after it: nothing of the tenant comes back, no checkpoint is left', async () => {
    const tenant = await grantedTenant();
    let afterDisconnect: Awaited<ReturnType<typeof tenantRows>> | undefined;
    const deps = depsFor(t, db, {
      pageSize: 100,
      // After the first page has landed (the second is already asked of Graph), the admin disconnects the tenant.
      checkpointReached: async () => {
        if (!afterDisconnect) {
          await disconnect(disconnectDeps(), tenant.tenantId, ['exchange'], false);
          afterDisconnect = await tenantRows(tenant.tenantId);
        }
        return true;
      },
    });
    const run = await syncDirectory(deps, tenant, 'schedule');
    expect(afterDisconnect).toEqual(NOTHING);
    expect(run).toMatchObject({ outcome: 'failed', reasonCode: 'sync_lease_lost', usersWritten: 100 });
    expect(await tenantRows(tenant.tenantId)).toEqual(NOTHING);
    // The run's record stays (history), closed.
    expect((await db.syncRuns.get(run.id))?.outcome).toBe('failed');
  });

  it('leaves no checkpoint to skip pages at the next grant: its sync reads from page one and mirrors everything', async () => {
    const tenant = await grantedTenant();
    let pages = 0;
    await syncDirectory(
      depsFor(t, db, {
        pageSize: 100,
        checkpointReached: async () => {
          if (++pages === 2) await disconnect(disconnectDeps(), tenant.tenantId, ['exchange'], false);
          return true;
        },
      }),
      tenant,
      'schedule',
    );
    t.tenant.control.reset();
    t.forgetToken();
    const next = await syncDirectory(depsFor(t, db, { pageSize: 100 }), { ...tenant, homeAccountId: 'home-account-2' }, 'grant');
    expect(next).toMatchObject({ outcome: 'success', kind: 'full' });
    const firstUsersDelta = t.tenant.control.requests().find((r) => r.path === '/v1.0/users/delta');
    expect(firstUsersDelta?.query.startsWith('%24select')).toBe(true);
    await expectMirrorEqualsTenant(t, db);
  });

  it('keeps the mirror and its checkpoints when the admin keeps the data, and still lets no later page land', async () => {
    const tenant = await grantedTenant();
    let kept: Awaited<ReturnType<typeof tenantRows>> | undefined;
    const run = await syncDirectory(
      depsFor(t, db, {
        pageSize: 100,
        checkpointReached: async () => {
          if (!kept) {
            await disconnect(disconnectDeps(), tenant.tenantId, ['exchange'], true);
            kept = await tenantRows(tenant.tenantId);
          }
          return true;
        },
      }),
      tenant,
      'schedule',
    );
    expect(run.outcome).toBe('failed');
    expect(kept).toMatchObject({ users: 100, checkpoints: 1, leases: 0 });
    expect(await tenantRows(tenant.tenantId)).toEqual(kept);
  });
});
