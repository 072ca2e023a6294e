import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppDB } from '../../../lib/db/app-db';
import type { TenantRecord } from '../../../lib/db/types';
import { disconnect } from '../../../lib/provisioning/disconnect';
import { seenTable } from '../../../lib/store/sync';
import { putEvents } from '../stored-events';
import { objectRow, memberRange, membershipRow } from '../../../lib/db/keys';

// Disconnect deletes one tenant's rows by key range (every mirror table's key starts with the tenant), never by
// reading every record of every tenant through a filter.

let db: AppDB;
let n = 0;

beforeEach(() => {
  db = new AppDB(`tenant-delete-${process.pid}-${++n}`);
});
afterEach(async () => {
  vi.restoreAllMocks();
  db.close();
  await Dexie.delete(db.name);
});

/** A tenant with one of everything mirrored. `t1` and `t10`: one id the prefix of another stays apart. */
async function seed(tenantId: string): Promise<void> {
  const tenant: TenantRecord = {
    tenantId,
    displayName: tenantId,
    domain: `${tenantId}.example`,
    cloud: 'local',
    clientId: 'client',
    homeAccountId: `${tenantId}-account`,
    syncScope: { mode: 'all' },
    createdAt: 0,
  };
  await db.tenants.put(tenant);
  await db.connectors.put({ id: `${tenantId}:exchange`, tenantId, service: 'exchange' });
  await db.users.put(
    objectRow({ tenantId, id: 'u1', displayName: 'U', userPrincipalName: 'u@x', searchName: 'u', searchUpn: 'u@x', searchMail: '' }),
  );
  await db.groups.put(objectRow({ tenantId, id: 'g1', displayName: 'G', searchName: 'g' }));
  await db.memberOf.put(membershipRow({ tenantId, groupId: 'g1', userId: 'u1' }));
  await putEvents(db, [{ tenantId, id: 'e1', kind: 'signIn', service: 'entra', occurredAt: 1, summary: 's' }]);
  await db.syncCheckpoints.put({ tenantId, resource: 'users', updatedAt: 1 });
  await seenTable(db).put({ tenantId, resource: 'users', roundId: 'r', page: 'u1' });
  await db.leases.put({ tenantId, holder: 'sync', ownerId: 'o', token: 'k', expiresAt: Date.now() + 60_000 });
}

async function counts(tenantId: string) {
  const range = [
    [tenantId, Dexie.minKey],
    [tenantId, Dexie.maxKey],
  ] as const;
  return [
    await db.users
      .where(':id')
      .between(...range)
      .count(),
    await db.groups
      .where(':id')
      .between(...range)
      .count(),
    await db.memberOf
      .where(':id')
      .between(...memberRange(tenantId))
      .count(),
    await db.eventBatches
      .where(':id')
      .between(...range)
      .count(),
    await db.syncCheckpoints
      .where(':id')
      .between(...range)
      .count(),
    await seenTable(db)
      .where(':id')
      .between(...range)
      .count(),
    await db.leases.where(':id').equals(tenantId).count(),
  ];
}

describe("Disconnect deletes a tenant's rows", () => {
  it('by key range: no table is read whole, and other tenants (even one whose id it prefixes) keep theirs', async () => {
    for (const id of ['t0', 't1', 't10']) await seed(id);
    const scans = [
      vi.spyOn(db.Table.prototype, 'filter'),
      vi.spyOn(db.Table.prototype, 'toCollection'),
      vi.spyOn(db.Table.prototype, 'each'),
      vi.spyOn(db.Collection.prototype, 'filter'),
    ];
    await disconnect({ db, now: () => 5, signOut: () => Promise.resolve() }, 't1', ['exchange'], false);
    for (const scan of scans) expect(scan).not.toHaveBeenCalled();
    expect(await counts('t1')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(await counts('t0')).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(await counts('t10')).toEqual([1, 1, 1, 1, 1, 1, 1]);
    const tenant = await db.tenants.get('t1');
    expect(tenant?.homeAccountId).toBeUndefined();
    expect(await db.connectors.where('tenantId').equals('t1').count()).toBe(0);
  });
});
