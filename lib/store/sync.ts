import Dexie, { type IndexableType, type Table } from 'dexie';
import type { AppDB } from '../db/app-db';
import { prefixRange } from '../db/keys';
import type { SyncCheckpoint, SyncResource, SyncRun, SyncSeenRow } from '../db/types';
import { bulkPutAll } from './chunks';

// The owner of the sync's bookkeeping: `syncCheckpoints` (where each collection's round stands), `syncRuns` (the
// history) and `syncSeen` (what a full round has seen). A page's commit writes its checkpoint and run inside the
// transaction that proves the tenant's lease (`leases`, owned by lib/lease/tenant-lease.ts); Disconnect takes the lease
// away in the transaction that calls revokeTenantSync, so that no page of a sync still running lands after it.

const SEEN_KEY = '[tenantId+resource+roundId+page]';

// The bookkeeping table that AppDB does not declare (it is in lib/db/versions/v1.ts), typed here.

export function seenTable(db: AppDB): Table<SyncSeenRow, [string, string, string, IndexableType]> {
  return db.table<SyncSeenRow, [string, string, string, IndexableType]>('syncSeen');
}

/** The bookkeeping tables a page's commit (and Disconnect) write, and the lease it proves, for their transaction. */
export function syncTables(db: AppDB): Table[] {
  return [db.syncCheckpoints, db.syncRuns, seenTable(db), db.leases];
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
 * The tenant is disconnected (its caller takes the lease away in the same transaction, so every later commit of a run
 * still going fails its lease proof and writes nothing). Without the data its checkpoints and seen rows go too (a later
 * grant reads from page one); with the data they stay with it, as they describe it (a resumed round's sweep reads the
 * seen rows). Runs stay (history).
 */
export async function revokeTenantSync(db: AppDB, tenantId: string, keepData: boolean): Promise<void> {
  if (keepData) return;
  await deleteCheckpoints(db, tenantId);
  await seenTable(db)
    .where(':id')
    .between(...prefixRange(tenantId))
    .delete();
}

/**
 * Remove tenant: all its sync bookkeeping goes, its runs (the history) too. The caller deletes the lease in the same
 * transaction, so a sync still running fails its next lease proof and writes nothing back.
 */
export async function deleteTenantSync(db: AppDB, tenantId: string): Promise<void> {
  await revokeTenantSync(db, tenantId, false);
  await db.syncRuns.where('[tenantId+startedAt]').between([tenantId, Dexie.minKey], [tenantId, Dexie.maxKey]).delete();
}
