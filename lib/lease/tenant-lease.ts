import type { AppDB } from '../db/app-db';
import type { TenantLease } from '../db/types';
import { isLeaseFree } from './lease';

// The owner of `leases`: one record per tenant says who may write the tenant's records now, and until when, a grant
// run (with its directory sync under it) or a directory sync of its own, never both. The rules of taking and renewing
// it are the grant's (grant-lease.ts) and the sync's (sync-lease.ts); they write through here, inside transactions
// that include `db.leases`, as do Disconnect and Remove tenant when they take it away.

/** True when the lease is held now: taken or renewed, and not run out. Pure. */
export function isLeaseHeld(lease: TenantLease | undefined, now: number): lease is TenantLease {
  return lease !== undefined && !isLeaseFree(lease.expiresAt, now);
}

/** The tenant's lease record, held or run out, if any. */
export function leaseOf(db: AppDB, tenantId: string): Promise<TenantLease | undefined> {
  return db.leases.get(tenantId);
}

/** The leases a holder of this kind holds now, over every tenant (one grant runs at a time, across tenants). */
export function heldLeases(db: AppDB, holder: TenantLease['holder'], now: number): Promise<TenantLease[]> {
  return db.leases.filter((lease) => lease.holder === holder && isLeaseHeld(lease, now)).toArray();
}

/** Keep the tenant's lease as it stands now (taken, renewed, a sync's run under it). */
export async function putLease(db: AppDB, lease: TenantLease): Promise<void> {
  await db.leases.put(lease);
}

/** The tenant's lease is given back: nobody holds it. */
export async function deleteLease(db: AppDB, tenantId: string): Promise<void> {
  await db.leases.delete(tenantId);
}

/**
 * Disconnect: whatever writes the tenant's records under its lease loses the right, in the caller's transaction. A
 * sync's lease goes. A grant keeps holding the tenant (the admin's run goes on, as before this record was shared) but
 * under a new token, so the directory sync under it fails its next proof and writes nothing.
 */
export async function revokeLease(db: AppDB, tenantId: string, newToken: string): Promise<void> {
  const held = await db.leases.get(tenantId);
  if (!held) return;
  if (held.holder === 'sync') return deleteLease(db, tenantId);
  const { syncRunId: _gone, ...grant } = held;
  await db.leases.put({ ...grant, token: newToken });
}
