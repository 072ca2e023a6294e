import { afterEach, describe, expect, it } from 'vitest';
import { AppDB } from '../../../lib/db/app-db';
import type { SyncRun, TenantRecord } from '../../../lib/db/types';
import { assertManualSyncAllowed, recordSyncOnConnectors } from '../../../lib/sync/manual-sync';
import { phrase } from '../../../lib/errors/phrase';

const tenant: TenantRecord = {
  tenantId: 't',
  displayName: 'Contoso',
  domain: 'contoso.com',
  cloud: 'worldwide',
  clientId: 'c',
  homeAccountId: 'oid.t',
  syncScope: { mode: 'all' },
  createdAt: 0,
};
let db: AppDB;
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('assertManualSyncAllowed', () => {
  it.each([
    ['a granted tenant syncing everyone', tenant, undefined, undefined],
    ['no tenant', undefined, undefined, 'not_signed_in'],
    ['no grant', { ...tenant, homeAccountId: undefined }, undefined, 'not_signed_in'],
    [
      'selected scope',
      { ...tenant, syncScope: { mode: 'selected', userIds: ['u'], groupIds: [] } },
      undefined,
      'sync_not_in_selected_scope',
    ],
    ['a sync holding the lease', tenant, 2_000, 'sync_in_progress'],
    ['a lease left by a stopped worker', tenant, 500, undefined],
  ] as const)('%s', async (_, record, leaseExpiresAt, code) => {
    db = new AppDB(`manual-${Math.random()}`);
    if (leaseExpiresAt) await db.leases.put({ tenantId: 't', holder: 'sync', ownerId: 'w', token: 'x', expiresAt: leaseExpiresAt });
    const check = assertManualSyncAllowed(db, record as TenantRecord | undefined, 1_000);
    if (code) await expect(check).rejects.toMatchObject({ code });
    else await expect(check).resolves.toMatchObject({ tenantId: 't' });
  });
});

describe('recordSyncOnConnectors', () => {
  it('keeps the last successful sync on every connector of the tenant, and logs the run', async () => {
    db = new AppDB(`record-${Math.random()}`);
    await db.connectors.bulkPut([
      { id: 't:exchange', tenantId: 't', service: 'exchange', lastSyncAt: 1 },
      { id: 'u:exchange', tenantId: 'u', service: 'exchange', lastSyncAt: 1 },
    ]);
    const run = { tenantId: 't', kind: 'incremental', trigger: 'manual', startedAt: 5, finishedAt: 9, outcome: 'success' } as SyncRun;
    await recordSyncOnConnectors(db, { ...run, usersWritten: 2, groupsWritten: 0, usersRemoved: 1, groupsRemoved: 0 }, 'admin@contoso.com');
    expect((await db.connectors.get('t:exchange'))?.lastSyncAt).toBe(9);
    expect((await db.connectors.get('u:exchange'))?.lastSyncAt).toBe(1);
    expect((await db.activityLog.toArray()).map((e) => [e.event, e.detail, e.outcome])).toEqual([
      ['sync_manual', phrase('sync_logIncremental', phrase('sync_logCounts', 2, 0, 1)), 'success'],
    ]);
  });

  it('logs a failed run with its reason code and detail', async () => {
    db = new AppDB(`record-${Math.random()}`);
    const run = { tenantId: 't', kind: 'full', trigger: 'schedule', startedAt: 5, finishedAt: 9, outcome: 'failed' } as SyncRun;
    await recordSyncOnConnectors(db, { ...run, reasonCode: 'storage_failed', reasonParams: ['QuotaExceededError'] }, 'system');
    expect((await db.activityLog.toArray()).map((e) => [e.event, e.detail, e.outcome])).toEqual([
      ['sync_schedule', phrase('sync_logFull', { code: 'storage_failed', params: ['QuotaExceededError'] }), 'failure'],
    ]);
  });

  it('copies no outcome onto the connectors: a failed run is read from the run itself', async () => {
    db = new AppDB(`record-failed-${Math.random()}`);
    await db.connectors.put({ id: 't:exchange', tenantId: 't', service: 'exchange', lastSyncAt: 1 });
    const run = { tenantId: 't', kind: 'incremental', trigger: 'schedule', startedAt: 5, finishedAt: 9, outcome: 'failed' } as SyncRun;
    await recordSyncOnConnectors(db, { ...run, usersWritten: 0, groupsWritten: 0, usersRemoved: 0, groupsRemoved: 0 }, 'system');
    expect(await db.connectors.get('t:exchange')).toEqual({ id: 't:exchange', tenantId: 't', service: 'exchange', lastSyncAt: 1 });
  });
});
