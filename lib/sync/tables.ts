import type { IndexableType, Table } from 'dexie';
import type { AppDB } from '../db/app-db';
import type { SyncLease, SyncSeenRow } from '../db/types';

// The sync's own bookkeeping tables (declared in lib/db/versions/v1.ts), typed here so that AppDB stays as it is.

export function leaseTable(db: AppDB): Table<SyncLease, string> {
  return db.table<SyncLease, string>('syncLeases');
}

export function seenTable(db: AppDB): Table<SyncSeenRow, [string, string, string, IndexableType]> {
  return db.table<SyncSeenRow, [string, string, string, IndexableType]>('syncSeen');
}
