import type { IndexableType } from 'dexie';
import type { AppDB } from './app-db';
import type { ConnectorRecord, GrantRun, SyncRun, TenantCheck, TenantLease, TenantRecord, UserRow } from './types';

/** The stores the monitor's facts are read from (lib/monitor/run-checks.ts factsOf), and their records. */
export interface ReadRecords {
  tenants: TenantRecord;
  connectors: ConnectorRecord;
  grantRuns: GrantRun;
  leases: TenantLease;
  checks: TenantCheck;
  syncRuns: SyncRun;
  users: UserRow;
}

export type ReadStore = keyof ReadRecords;

/** A range of an index, as Dexie's `between` takes it: `lower` included, `upper` not. */
export type KeyRange = readonly [lower: IndexableType | IndexableType[], upper: IndexableType | IndexableType[]];

export const READ_STORES: readonly ReadStore[] = ['tenants', 'connectors', 'grantRuns', 'leases', 'checks', 'syncRuns', 'users'];

/**
 * The reads the monitor's facts are made of, the same whether Dexie makes them (`dexieReader`: in a Dexie
 * transaction or a live query, which sees what they read) or IndexedDB itself (`idbReader` in raw-read.ts: the
 * popup's first read, without Dexie's open and its code on each answer; docs/popup-profile.md). An index is named as
 * Dexie names it: `':id'` is the primary key.
 */
export interface RecordReader {
  all<S extends ReadStore>(store: S): Promise<Array<ReadRecords[S]>>;
  get<S extends ReadStore>(store: S, key: IndexableType): Promise<ReadRecords[S] | undefined>;
  getMany<S extends ReadStore>(store: S, keys: IndexableType[]): Promise<Array<ReadRecords[S] | undefined>>;
  /** Every record whose `index` holds `key`. */
  allOf<S extends ReadStore>(store: S, index: string, key: IndexableType): Promise<Array<ReadRecords[S]>>;
  /** The last record of the range in the index's order, or the last that `where` accepts. */
  last<S extends ReadStore>(
    store: S,
    index: string,
    range: KeyRange,
    where?: (record: ReadRecords[S]) => boolean,
  ): Promise<ReadRecords[S] | undefined>;
  count(store: ReadStore, index: string, range: KeyRange): Promise<number>;
}

/** The reads through Dexie's tables of `db`. */
export function dexieReader(db: AppDB): RecordReader {
  const table = <S extends ReadStore>(store: S) => db.table<ReadRecords[S], IndexableType>(store);
  return {
    all: (store) => table(store).toArray(),
    get: (store, key) => table(store).get(key),
    getMany: (store, keys) => table(store).bulkGet(keys),
    allOf: (store, index, key) => table(store).where(index).equals(key).toArray(),
    last: (store, index, [lower, upper], where) => {
      const range = table(store).where(index).between(lower, upper);
      return where ? range.reverse().filter(where).first() : range.last();
    },
    count: (store, index, [lower, upper]) => table(store).where(index).between(lower, upper).count(),
  };
}
