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
    // Every run of the tenant still open is an orphan now: its holder's lease ran out, or was given back by a run
    // whose closing write failed (finishRun).
    const orphans = await db.syncRuns
      .where('[tenantId+startedAt]')
      .between([run.tenantId, 0], [run.tenantId, Infinity])
      .filter((orphan) => orphan.outcome === 'running')
      .toArray();
    for (const orphan of orphans) {
      const finishedAt = held && orphan.id === held.runId ? held.expiresAt : now;
      await updateRun(db, orphan.id!, {
        outcome: 'stopped',
        finishedAt,
        durationMs: Math.max(0, finishedAt - orphan.startedAt),
        reasonCode: 'sync_stopped',
      });
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

/**
 * End a run: its record is closed and its lease given back in one transaction, so nobody sees the lease free while
 * the run still reads as running, nor a closed run whose lease is still held. When that cannot be written (a full
 * disk), the lease is given back on its own (a delete needs no space) and the error is thrown: "Sync now" is free
 * again, a run whose lease is gone never reads as running, and the next run closes it as stopped (acquireLease).
 */
export async function finishRun(db: AppDB, tenantId: string, runId: number, token: string, patch: Partial<SyncRun>): Promise<void> {
  const leases = leaseTable(db);
  try {
    await db.transaction('rw', [leases, db.syncRuns], async () => {
      await updateRun(db, runId, patch);
      const held = await leases.get(tenantId);
      if (held?.token === token) await deleteLease(db, tenantId);
    });
  } catch (error) {
    await releaseLease(db, tenantId, token);
    throw error;
  }
}

/** Give the tenant's sync back, if it is still ours. */
export async function releaseLease(db: AppDB, tenantId: string, token: string): Promise<void> {
  const leases = leaseTable(db);
  await db.transaction('rw', leases, async () => {
    const held = await leases.get(tenantId);
    if (held?.token === token) await deleteLease(db, tenantId);
  });
}
