import type { AppDB } from '../db/app-db';
import type { SyncRun, TenantLease } from '../db/types';
import { AppError } from '../errors/app-error';
import { addRun, updateRun } from '../store/sync';
import { leaseExpiry } from './lease';
import { deleteLease, isLeaseHeld, leaseOf, putLease } from './tenant-lease';

// A tenant's directory sync writes under the tenant's one lease (tenant-lease.ts): its own (holder `sync`), or, for the
// grant's directory sync, the grant's, which it joins. One sync of a tenant at a time, and none beside a grant. Every
// write proves the lease's token and renews it: with every page, before every wait and on a timer while it waits for
// Graph (lib/sync/sync-directory.ts).

/** True when nothing holds the tenant (no lease, or one that has run out): a sync may start. Pure. */
export function isSyncFree(lease: TenantLease | undefined, now: number): boolean {
  return !isLeaseHeld(lease, now);
}

export type LeaseGrant =
  | { ok: true; token: string; runId: number }
  /** `sync_in_progress`: the tenant is held (a sync, a grant) until `expiresAt`; `sync_lease_lost`: the grant lost it. */
  | { ok: false; expiresAt: number; code: 'sync_in_progress' | 'sync_lease_lost' };

/**
 * Take the tenant's lease and open the run record in one transaction. `grantRunId`: the sync is that grant's own, and
 * runs under the grant's lease (proving its token) instead of taking one; it fails when the grant holds it no more. A
 * run left `running` by a holder whose lease expired (its worker stopped) is closed as `stopped` here: its checkpoint
 * is where this run starts.
 */
export async function acquireLease(
  db: AppDB,
  run: Omit<SyncRun, 'id'>,
  ownerId: string,
  token: string,
  now: number,
  grantRunId?: string,
): Promise<LeaseGrant> {
  return db.transaction('rw', [db.leases, db.syncRuns], async (): Promise<LeaseGrant> => {
    const held = await leaseOf(db, run.tenantId);
    if (grantRunId !== undefined) {
      if (!isLeaseHeld(held, now) || held.holder !== 'grant' || held.grantRunId !== grantRunId)
        return { ok: false, expiresAt: now, code: 'sync_lease_lost' };
    } else if (isLeaseHeld(held, now)) return { ok: false, expiresAt: held.expiresAt, code: 'sync_in_progress' };
    // Every run of the tenant still open is an orphan now: its holder's lease ran out, or was given back by a run
    // whose closing write failed (finishRun).
    const orphans = await db.syncRuns
      .where('[tenantId+startedAt]')
      .between([run.tenantId, 0], [run.tenantId, Infinity])
      .filter((orphan) => orphan.outcome === 'running')
      .toArray();
    for (const orphan of orphans) {
      const finishedAt = held && orphan.id === held.syncRunId ? Math.min(held.expiresAt, now) : now;
      await updateRun(db, orphan.id!, {
        outcome: 'stopped',
        finishedAt,
        durationMs: Math.max(0, finishedAt - orphan.startedAt),
        reasonCode: 'sync_stopped',
      });
    }
    const runId = await addRun(db, run);
    const lease: TenantLease =
      grantRunId !== undefined && held
        ? { ...held, syncRunId: runId, expiresAt: Math.max(held.expiresAt, leaseExpiry(now)) }
        : { tenantId: run.tenantId, holder: 'sync', ownerId, token, expiresAt: leaseExpiry(now), syncRunId: runId };
    await putLease(db, lease);
    return { ok: true, token: lease.token, runId };
  });
}

/** Inside a write transaction: prove the lease is still ours and extend it. Throws `sync_lease_lost` otherwise. */
export async function renewLeaseInTransaction(db: AppDB, tenantId: string, token: string, now: number): Promise<void> {
  const held = await leaseOf(db, tenantId);
  if (held?.token !== token) throw new AppError('sync_lease_lost');
  // Never shortened: a renewal before a long wait may have carried it past what the timer's would.
  await putLease(db, { ...held, expiresAt: Math.max(held.expiresAt, leaseExpiry(now)) });
}

/** Extend the lease on its own (before a long wait). */
export async function renewLease(db: AppDB, tenantId: string, token: string, now: number): Promise<void> {
  await db.transaction('rw', db.leases, () => renewLeaseInTransaction(db, tenantId, token, now));
}

/** Inside a transaction with `db.leases`: the sync is over. Its own lease goes; a grant's stays with the grant. */
async function giveBack(db: AppDB, tenantId: string, token: string): Promise<void> {
  const held = await leaseOf(db, tenantId);
  if (held?.token !== token) return;
  if (held.holder === 'sync') return deleteLease(db, tenantId);
  const { syncRunId: _over, ...grant } = held;
  await putLease(db, grant);
}

/**
 * End a run: its record is closed and its lease given back in one transaction, so nobody sees the lease free while
 * the run still reads as running, nor a closed run whose lease is still held. When that cannot be written (a full
 * disk), the lease is given back on its own (a delete needs no space) and the error is thrown: "Sync now" is free
 * again, a run whose lease is gone never reads as running, and the next run closes it as stopped (acquireLease).
 */
export async function finishRun(db: AppDB, tenantId: string, runId: number, token: string, patch: Partial<SyncRun>): Promise<void> {
  try {
    await db.transaction('rw', [db.leases, db.syncRuns], async () => {
      await updateRun(db, runId, patch);
      await giveBack(db, tenantId, token);
    });
  } catch (error) {
    await releaseLease(db, tenantId, token);
    throw error;
  }
}

/** Give the tenant's sync back, if it is still ours (the grant's lease stays with the grant). */
export async function releaseLease(db: AppDB, tenantId: string, token: string): Promise<void> {
  await db.transaction('rw', db.leases, () => giveBack(db, tenantId, token));
}
