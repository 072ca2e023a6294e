import type { IndexableType, Table } from 'dexie';
import type { AppDB } from '../db/app-db';
import type { SyncSeenRow } from '../db/types';

// The sync's own bookkeeping table (declared in lib/db/versions/v1.ts), typed here so that AppDB stays as it is.
// The lease's table is typed with the lease (lib/lease/sync-lease.ts).

export function seenTable(db: AppDB): Table<SyncSeenRow, [string, string, string, IndexableType]> {
  return db.table<SyncSeenRow, [string, string, string, IndexableType]>('syncSeen');
}
