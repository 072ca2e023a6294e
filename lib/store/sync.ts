import type { IndexableType, Table } from 'dexie';
import type { AppDB } from '../db/app-db';
import { prefixRange } from '../db/keys';
import type { SyncCheckpoint, SyncLease, SyncResource, SyncRun, SyncSeenRow } from '../db/types';
import { bulkPutAll } from './chunks';

// The owner of the sync's bookkeeping: `syncCheckpoints` (where each collection's round stands), `syncRuns` (the
// history), `syncSeen` (what a full round has seen) and `syncLeases` (who runs the tenant's sync). A page's commit
// writes its checkpoint and run inside the transaction that proves its lease; Disconnect revokes the lease here, in
// its own transaction, so that no page of a sync still running can land after it (lib/provisioning/disconnect.ts).
// The lease's rules (taking, renewing, giving it back) are lib/lease/sync-lease.ts's; it writes through here.

const SEEN_KEY = '[tenantId+resource+roundId+page]';

// The bookkeeping tables that AppDB does not declare (they are in lib/db/versions/v1.ts), typed here.

export function leaseTable(db: AppDB): Table<SyncLease, string> {
  return db.table<SyncLease, string>('syncLeases');
}

export function seenTable(db: AppDB): Table<SyncSeenRow, [string, string, string, IndexableType]> {
  return db.table<SyncSeenRow, [string, string, string, IndexableType]>('syncSeen');
}

/** The bookkeeping tables a page's commit (and Disconnect) write, for their transaction. */
export function syncTables(db: AppDB): Table[] {
  return [db.syncCheckpoints, db.syncRuns, leaseTable(db), seenTable(db)];
}

/** The tenant's checkpoints, by collection. */
export async function readCheckpoints(db: AppDB, tenantId: string): Promise<Partial<Record<SyncResource, SyncCheckpoint>>> {
  const [users, groups] = await db.syncCheckpoints.bulkGet([
    [tenantId, 'users'],
    [tenantId, 'groups'],
  ]);
  return { ...(users ? { users } : {}), ...(groups ? { groups } : {}) };
}

/** Where a collection's round now stands. Call inside the transaction that proved the run's lease. */
export async function putCheckpoint(db: AppDB, checkpoint: SyncCheckpoint): Promise<void> {
  await db.syncCheckpoints.put(checkpoint);
}

/** The tenant's checkpoints go (the selected scope keeps none; Disconnect without the data). */
export async function deleteCheckpoints(db: AppDB, tenantId: string): Promise<void> {
  await db.syncCheckpoints
    .where(':id')
    .between(...prefixRange(tenantId))
    .delete();
}

/** Open a run's record; resolves with its id. */
export async function addRun(db: AppDB, run: Omit<SyncRun, 'id'>): Promise<number> {
  return (await db.syncRuns.add(run)) as number;
}

/** Who holds the tenant's sync, until when (lib/lease/sync-lease.ts takes, renews and gives it back). */
export async function putLease(db: AppDB, lease: SyncLease): Promise<void> {
  await leaseTable(db).put(lease);
}

/** The tenant's sync is free again. */
export async function deleteLease(db: AppDB, tenantId: string): Promise<void> {
  await leaseTable(db).delete(tenantId);
}

/** Change the run's record (its counters, progress, and at the end its outcome). */
export async function updateRun(db: AppDB, runId: number, patch: Partial<SyncRun>): Promise<void> {
  await db.syncRuns.update(runId, patch);
}

/** Note rows of what a full round saw (see lib/sync/sweep.ts). */
export async function putSeen(db: AppDB, rows: readonly SyncSeenRow[]): Promise<void> {
  await bulkPutAll(seenTable(db), rows);
}

/** Delete a tenant's seen rows of one collection: of one round, or of every round (and any left by older versions). */
export async function deleteSeen(db: AppDB, tenantId: string, resource: SyncResource, roundId?: string): Promise<void> {
  const [lower, upper] = roundId === undefined ? prefixRange(tenantId, resource) : prefixRange(tenantId, resource, roundId);
  await seenTable(db).where(SEEN_KEY).between(lower, upper).delete();
}

/**
 * The tenant is disconnected: its sync lease goes, so every later commit of a run still going fails its lease proof
 * and writes nothing. Without the data its checkpoints and seen rows go too (a later grant reads from page one); with
 * the data they stay with it, as they describe it (a resumed round's sweep reads the seen rows). Runs stay (history).
 */
export async function revokeTenantSync(db: AppDB, tenantId: string, keepData: boolean): Promise<void> {
  await leaseTable(db).delete(tenantId);
  if (keepData) return;
  await deleteCheckpoints(db, tenantId);
  await seenTable(db)
    .where(':id')
    .between(...prefixRange(tenantId))
    .delete();
}
