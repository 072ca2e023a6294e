import { type AppDB, DB_NAME } from '../db/app-db';
import type { DirectoryUser, TenantRecord } from '../db/types';
import { directoryObject, objectKey } from '../db/keys';
import { countUsers } from '../directory/lookup';
import { openAsIs, readAsIs } from '../db/raw-read';
import { dexieReader, READ_STORES, type RecordReader } from '../db/record-reader';
import { CURRENT_SCHEMA_VERSION } from '../db/versions';
import { serviceAccountId } from './account-standing';
import type { TenantFacts } from './evaluate';
import type { QuickStatusInput } from './quick-status';
import { readTenantFacts } from './run-checks';

/**
 * Every tenant's facts for the quick status, read from IndexedDB (inside a live query in the popup). One read-only
 * transaction for all of them (on its own, each read would open a transaction of its own), in two rounds: what
 * every tenant shares (the tenants, connectors, grant runs and sync leases, one read each), then each tenant's newest
 * check, last sync run and user count, at once, with every service account's record in one bulkGet (the popup's first
 * render waits for them).
 *
 * `counted`, when given: the tenants whose users are counted, in a third round, once their facts are known; the
 * others' `userCount` stays undefined. A count walks the tenant's users in the mirror (it grows with the mirror), one
 * read a tenant: the popup's first read counts only the tenants whose details are on its first screen (issue #17).
 */
export function loadQuickStatus(db: AppDB, counted?: (facts: QuickStatusInput) => boolean): Promise<QuickStatusInput[]> {
  return loadFacts(db, counted ?? true);
}

/**
 * loadQuickStatus through IndexedDB itself, without Dexie (lib/db/raw-read.ts), in one read-only transaction: the
 * popup's first read, which its rows wait for. Dexie's open and its code on each of the read's answers took most of
 * the time from the popup's script to its rows (docs/popup-profile.md). Through `db` (Dexie, which creates or
 * upgrades the database) when the database is not there at the current schema, or the read fails; `through` says which
 * (the popup marks it, for the tests and docs/popup-profile.md).
 */
export async function loadQuickStatusAsIs(
  db: () => AppDB,
  counted: (facts: QuickStatusInput) => boolean,
  name = DB_NAME,
): Promise<{ facts: QuickStatusInput[]; through: 'indexeddb' | 'dexie' }> {
  const throughDexie = async () => ({ facts: await loadQuickStatus(db(), counted), through: 'dexie' as const });
  const idb = await openAsIs(name, CURRENT_SCHEMA_VERSION);
  if (!idb) return throughDexie();
  try {
    return { facts: await readAsIs(idb, READ_STORES, (reader) => readFacts(reader, counted)), through: 'indexeddb' };
  } catch {
    return throughDexie();
  } finally {
    idb.close();
  }
}

/**
 * Every tenant's facts for the status evaluation, as the popup reads them but without the user count: the console
 * derives its statuses from these (evaluateTenant), so it words the same records as the popup does.
 */
export function loadTenantFacts(db: AppDB): Promise<TenantFacts[]> {
  return loadFacts(db, false);
}

function loadFacts(db: AppDB, counted: Counted): Promise<QuickStatusInput[]> {
  return db.transaction(
    'r',
    READ_STORES.map((store) => db.table(store)),
    () => readFacts(dexieReader(db), counted),
  );
}

type Counted = boolean | ((facts: QuickStatusInput) => boolean);

async function readFacts(reader: RecordReader, counted: Counted): Promise<QuickStatusInput[]> {
  const [tenants, connectors, grantRuns, leases] = await Promise.all([
    reader.all('tenants'),
    reader.all('connectors'),
    reader.all('grantRuns'),
    reader.all('leases'),
  ]);
  const accounts = serviceAccounts(reader, tenants);
  const all = await Promise.all(
    tenants.map(async (tenant) => {
      const own = connectors.filter((c) => c.tenantId === tenant.tenantId);
      // Every tenant's count (the console's none) in the same round as its facts; a chosen few's after them.
      const [facts, userCount] = await Promise.all([
        readTenantFacts(reader, tenant, own, undefined, { grantRuns, leases, accounts }),
        counted === true ? countUsers(reader, tenant.tenantId) : undefined,
      ]);
      return { ...facts, userCount };
    }),
  );
  if (typeof counted !== 'function') return all;
  return Promise.all(
    all.map(async (facts) => (counted(facts) ? { ...facts, userCount: await countUsers(reader, facts.tenant.tenantId) } : facts)),
  );
}

/** Every tenant's service account's record in the mirror (those it holds), by tenant id, in one bulkGet. */
async function serviceAccounts(reader: RecordReader, tenants: readonly TenantRecord[]): Promise<ReadonlyMap<string, DirectoryUser>> {
  const keys = tenants.flatMap((tenant) => {
    const id = serviceAccountId(tenant);
    return id ? [objectKey(tenant.tenantId, id)] : [];
  });
  const users = await reader.getMany('users', keys);
  return new Map(users.flatMap((row) => (row ? [directoryObject<DirectoryUser>(row)] : [])).map((user) => [user.tenantId, user] as const));
}
