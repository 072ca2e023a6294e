import type { AppDB } from '../db/app-db';
import type { SyncLease, SyncRun } from '../db/types';
import { AppError } from '../errors/app-error';
import { addRun, deleteLease, leaseTable, putLease, updateRun } from '../store/sync';
import { isLeaseFree, leaseExpiry } from './lease';

export { leaseTable };

// A tenant's directory sync holds the one lease (lease.ts) in `syncLeases` (owned by lib/store/sync.ts), one row per
// tenant: one sync of a tenant at a time. Renewed with every page, before every wait and on a timer while it waits
// for Graph (lib/sync/sync-directory.ts).

/** True when nobody holds the tenant's sync. Pure. */
export function isSyncFree(lease: SyncLease | undefined, now: number): boolean {
  return isLeaseFree(lease?.expiresAt, now);
}

export type LeaseGrant = { ok: true; token: string; runId: number } | { ok: false; expiresAt: number };

/**
 * Take the tenant's lease and open the run record in one transaction. A run left `running` by a holder whose lease
 * expired (its worker stopped) is closed as `stopped` here: its checkpoint is where this run starts.
 */
export async function acquireLease(db: AppDB, run: Omit<SyncRun, 'id'>, ownerId: string, token: string, now: number): Promise<LeaseGrant> {
  const leases = leaseTable(db);
  return db.transaction('rw', [leases, db.syncRuns], async (): Promise<LeaseGrant> => {
    const held = await leases.get(run.tenantId);
    if (held && !isSyncFree(held, now)) return { ok: false, expiresAt: held.expiresAt };
    if (held?.runId !== undefined) {
      const orphan = await db.syncRuns.get(held.runId);
      if (orphan?.outcome === 'running') {
        await updateRun(db, held.runId, {
          outcome: 'stopped',
          finishedAt: held.expiresAt,
          durationMs: Math.max(0, held.expiresAt - orphan.startedAt),
          reasonCode: 'sync_stopped',
        });
      }
    }
    const runId = await addRun(db, run);
    await putLease(db, { tenantId: run.tenantId, ownerId, token, expiresAt: leaseExpiry(now), runId });
    return { ok: true, token, runId };
  });
}

/** Inside a write transaction: prove the lease is still ours and extend it. Throws `sync_lease_lost` otherwise. */
export async function renewLeaseInTransaction(db: AppDB, tenantId: string, token: string, now: number): Promise<void> {
  const leases = leaseTable(db);
  const held = await leases.get(tenantId);
  if (held?.token !== token) throw new AppError('sync_lease_lost');
  // Never shortened: a renewal before a long wait may have carried it past what the timer's would.
  await putLease(db, { ...held, expiresAt: Math.max(held.expiresAt, leaseExpiry(now)) });
}

/** Extend the lease on its own (before a long wait). */
export async function renewLease(db: AppDB, tenantId: string, token: string, now: number): Promise<void> {
  const leases = leaseTable(db);
  await db.transaction('rw', leases, () => renewLeaseInTransaction(db, tenantId, token, now));
}

/** Give the tenant's sync back, if it is still ours. */
export async function releaseLease(db: AppDB, tenantId: string, token: string): Promise<void> {
  const leases = leaseTable(db);
  await db.transaction('rw', leases, async () => {
    const held = await leases.get(tenantId);
    if (held?.token === token) await deleteLease(db, tenantId);
  });
}
