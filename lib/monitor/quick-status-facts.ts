import type { AppDB } from '../db/app-db';
import type { DirectoryUser, TenantRecord } from '../db/types';
import { directoryObject, objectKey } from '../db/keys';
import { countUsers } from '../directory/lookup';
import { serviceAccountId } from './account-standing';
import type { TenantFacts } from './evaluate';
import type { QuickStatusInput } from './quick-status';
import { factsOf } from './run-checks';

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
 * Every tenant's facts for the status evaluation, as the popup reads them but without the user count: the console
 * derives its statuses from these (evaluateTenant), so it words the same records as the popup does.
 */
export function loadTenantFacts(db: AppDB): Promise<TenantFacts[]> {
  return loadFacts(db, false);
}

function loadFacts(db: AppDB, counted: boolean | ((facts: QuickStatusInput) => boolean)): Promise<QuickStatusInput[]> {
  return db.transaction('r', [db.tenants, db.connectors, db.checks, db.syncRuns, db.leases, db.grantRuns, db.users], async () => {
    const [tenants, connectors, grantRuns, leases] = await Promise.all([
      db.tenants.toArray(),
      db.connectors.toArray(),
      db.grantRuns.toArray(),
      db.leases.toArray(),
    ]);
    const accounts = serviceAccounts(db, tenants);
    const all = await Promise.all(
      tenants.map(async (tenant) => {
        const own = connectors.filter((c) => c.tenantId === tenant.tenantId);
        // Every tenant's count (the console's none) in the same round as its facts; a chosen few's after them.
        const [facts, userCount] = await Promise.all([
          factsOf(db, tenant, own, undefined, { grantRuns, leases, accounts }),
          counted === true ? countUsers(db, tenant.tenantId) : undefined,
        ]);
        return { ...facts, userCount };
      }),
    );
    if (typeof counted !== 'function') return all;
    return Promise.all(
      all.map(async (facts) => (counted(facts) ? { ...facts, userCount: await countUsers(db, facts.tenant.tenantId) } : facts)),
    );
  });
}

/** Every tenant's service account's record in the mirror (those it holds), by tenant id, in one bulkGet. */
async function serviceAccounts(db: AppDB, tenants: readonly TenantRecord[]): Promise<ReadonlyMap<string, DirectoryUser>> {
  const keys = tenants.flatMap((tenant) => {
    const id = serviceAccountId(tenant);
    return id ? [objectKey(tenant.tenantId, id)] : [];
  });
  const users = await db.users.bulkGet(keys);
  return new Map(users.flatMap((row) => (row ? [directoryObject<DirectoryUser>(row)] : [])).map((user) => [user.tenantId, user] as const));
}
