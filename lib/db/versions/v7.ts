import type { Transaction } from 'dexie';
import type { TenantLease } from '../types';

/** A tenant's sync lease as versions 1 to 6 kept it, in `syncLeases`. */
interface SyncLeaseBefore7 {
  tenantId: string;
  ownerId: string;
  token: string;
  expiresAt: number;
  runId?: number;
}

/** The lease fields of a grant run as versions 1 to 6 kept them. */
interface GrantRunBefore7 {
  id: string;
  tenantId: string;
  state: string;
  leaseUntil?: number;
}

/**
 * Schema version 7: one lease per tenant (issue #14, "one lease"). Until now a grant held its lease on its run record
 * (`grantRuns.leaseUntil`) and a sync in `syncLeases`: two records for one fact, who may write the tenant's records
 * now, and a grant and a sync of the same tenant could both hold it. Now `leases` keeps one record per tenant, held by
 * a grant run or a sync (lib/lease/tenant-lease.ts).
 *
 * Every lease is carried over as it stands, expiry included, run out or not: the upgrade makes no decision of time.
 * (Its holders are in fact gone: a new version of the extension starts with a new worker, so no old one renews; each
 * carried lease simply runs out and its work resumes as before, the sync's orphaned run closed at its lease's expiry.)
 * - A running grant's `leaseUntil` becomes the tenant's grant lease; a grant run that was no longer running held
 *   nothing (the old rule read the lease of running runs only), and `leaseUntil` leaves every run.
 * - A sync lease becomes the tenant's sync lease. When the tenant's running grant held its lease too (the grant's own
 *   directory sync holds both in version 6), they become the grant's lease with the sync under it: the later expiry,
 *   the sync's token and run.
 * Tables this small (a row per tenant, a few grant runs) are read whole.
 */
export const v7 = {
  version: 7,
  stores: {
    syncLeases: null,
    leases: 'tenantId',
  },
  async upgrade(tx: Transaction): Promise<void> {
    const leases = new Map<string, TenantLease>();
    const runs = await tx.table<GrantRunBefore7, string>('grantRuns').toArray();
    for (const run of runs) {
      if (run.state !== 'running' || run.leaseUntil === undefined) continue;
      const other = leases.get(run.tenantId);
      // Two running runs of one tenant (one interrupted, one resumed after it): the later lease is the one that counts.
      if (other && other.expiresAt >= run.leaseUntil) continue;
      leases.set(run.tenantId, {
        tenantId: run.tenantId,
        holder: 'grant',
        grantRunId: run.id,
        token: `grant:${run.id}`,
        expiresAt: run.leaseUntil,
      });
    }
    for (const sync of await tx.table<SyncLeaseBefore7, string>('syncLeases').toArray()) {
      const grant = leases.get(sync.tenantId);
      const under = { ownerId: sync.ownerId, token: sync.token, ...(sync.runId !== undefined && { syncRunId: sync.runId }) };
      leases.set(
        sync.tenantId,
        grant
          ? { ...grant, ...under, expiresAt: Math.max(grant.expiresAt, sync.expiresAt) }
          : { tenantId: sync.tenantId, holder: 'sync', ...under, expiresAt: sync.expiresAt },
      );
    }
    await tx.table<TenantLease, string>('leases').bulkAdd([...leases.values()]);
    await tx
      .table<GrantRunBefore7, string>('grantRuns')
      .toCollection()
      .modify((run) => {
        delete run.leaseUntil;
      });
  },
};
