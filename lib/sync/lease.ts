import { buildSettings } from '../config/build-settings';
import type { AppDB } from '../db/app-db';
import type { SyncLease, SyncRun } from '../db/types';
import { AppError } from '../errors/app-error';
import { leaseTable } from './tables';

/**
 * How long a lease holds without renewal. Renewed with every page and before every wait (at most MAX_WAIT_MS), so a
 * live run never loses it; a worker stopped mid-run (MV3 kills it after 30 s idle) frees the tenant within this.
 * Test builds may shorten it (see build-settings.ts).
 */
export const LEASE_MS = buildSettings.syncLeaseMs ?? 90_000;

/** True when nobody holds the tenant's sync: no lease, or one that has expired. Pure. */
export function isLeaseFree(lease: SyncLease | undefined, now: number): boolean {
  return !lease || lease.expiresAt <= now;
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
    if (held && !isLeaseFree(held, now)) return { ok: false, expiresAt: held.expiresAt };
    if (held?.runId !== undefined) {
      const orphan = await db.syncRuns.get(held.runId);
      if (orphan?.outcome === 'running') {
        await db.syncRuns.update(held.runId, {
          outcome: 'stopped',
          finishedAt: held.expiresAt,
          durationMs: Math.max(0, held.expiresAt - orphan.startedAt),
          reasonCode: 'sync_stopped',
        });
      }
    }
    const runId = (await db.syncRuns.add(run)) as number;
    await leases.put({ tenantId: run.tenantId, ownerId, token, expiresAt: now + LEASE_MS, runId });
    return { ok: true, token, runId };
  });
}

/** Inside a write transaction: prove the lease is still ours and extend it. Throws `sync_lease_lost` otherwise. */
export async function renewLeaseInTransaction(db: AppDB, tenantId: string, token: string, now: number): Promise<void> {
  const leases = leaseTable(db);
  const held = await leases.get(tenantId);
  if (held?.token !== token) throw new AppError('sync_lease_lost');
  await leases.put({ ...held, expiresAt: now + LEASE_MS });
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
    if (held?.token === token) await leases.delete(tenantId);
  });
}
