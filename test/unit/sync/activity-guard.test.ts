import { describe, expect, it, vi } from 'vitest';
import type { AppDB } from '../../../lib/db/app-db';
import type { TenantRecord } from '../../../lib/db/types';
import { AppError } from '../../../lib/errors/app-error';
import { putLease } from '../../../lib/lease/tenant-lease';
import { backfillActivity } from '../../../lib/sync';
import { deleteTenant, forgetGrant, putTenant } from '../../../lib/store/tenants';
import { depsFor, type TestTenant, useSyncTenant } from './harness';

// A sync's activity stores its events proving the tenant's grant, not the sync's lease (lib/sync/activity.ts,
// `guardedWrites`): the directory's pages prove the lease in each of their transactions, and IndexedDB runs
// read-write transactions that share a table one after another (issue #18).

let t: TestTenant;
let db: AppDB;

useSyncTenant({ users: 40, groups: 4 }, (tenant, fresh) => {
  t = tenant;
  db = fresh;
});

const TOKEN = 'the-sync';

/** The tenant as granted at `grantedAt`, stored, with the sync's lease held. */
async function granted(grantedAt: number): Promise<TenantRecord> {
  const tenant: TenantRecord = {
    ...t.record,
    homeAccountId: 'home-account',
    grant: { scopes: [], grantedAt, expiresOn: 0, refreshHorizon: 0, lastValidatedAt: 0 },
  };
  await putTenant(db, tenant);
  await putLease(db, { tenantId: tenant.tenantId, holder: 'sync', ownerId: 'worker', token: TOKEN, expiresAt: Date.now() + 600_000 });
  return tenant;
}

const eventCount = () => db.events.count();

describe("a sync's activity", () => {
  it('stores its events while a page of the directory holds the lease, not after the page', async () => {
    const tenant = await granted(1);
    let landed = false;
    let landedWhileHeld = false;
    // A page's transaction: it proves the lease, and stays open (up to 5 s) until the activity has landed.
    const page = db.transaction('rw', [db.leases, db.users], async () => {
      const deadline = Date.now() + 5_000;
      while (!landed && Date.now() < deadline) await db.leases.get(tenant.tenantId);
      landedWhileHeld = landed;
    });
    const result = await backfillActivity(depsFor(t, db), tenant, 7, TOKEN).finally(() => {
      landed = true;
    });
    await page;
    expect(result.added).toBeGreaterThan(0);
    expect(await eventCount()).toBe(result.added);
    expect(landedWhileHeld).toBe(true);
  }, 20_000);

  it('opens no transaction for a page whose events are all stored already', async () => {
    const tenant = await granted(1);
    const first = await backfillActivity(depsFor(t, db), tenant, 7, TOKEN);
    expect(first.added).toBeGreaterThan(0);
    const transactions = vi.spyOn(db, 'transaction');
    // Read again at once: Graph is asked from the newest event's second, so the pages hold stored events only.
    const again = await backfillActivity(depsFor(t, db), tenant, 7, TOKEN);
    expect(again.added).toBe(0);
    expect(transactions).not.toHaveBeenCalled();
  });

  it.each([
    ['Disconnect forgot the grant', (tenant: TenantRecord) => forgetGrant(db, tenant)],
    ['Remove tenant removed the tenant', (tenant: TenantRecord) => deleteTenant(db, tenant.tenantId)],
    ['the tenant was granted again', (tenant: TenantRecord) => putTenant(db, { ...tenant, grant: { ...tenant.grant!, grantedAt: 2 } })],
  ])('stores no event once %s, though the lease still holds', async (_what, change) => {
    const tenant = await granted(1);
    await change(tenant);
    const failed = await backfillActivity(depsFor(t, db), tenant, 7, TOKEN).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(AppError);
    expect((failed as AppError).code).toBe('sync_lease_lost');
    expect(await eventCount()).toBe(0);
  });
});
