import type { AppDB } from '../db/app-db';
import { countUsers } from '../directory/lookup';
import type { TenantFacts } from './evaluate';
import type { QuickStatusInput } from './quick-status';
import { factsOf } from './run-checks';

/**
 * Every tenant's facts for the quick status, read from IndexedDB (inside a live query in the popup). One read-only
 * transaction for all of them (on its own, each read would open a transaction of its own), in two rounds: what
 * every tenant shares (the tenants, connectors, grant runs and sync leases, one read each), then each tenant's newest
 * check, last sync run, user count and service account's record, at once (the popup's first render waits for them).
 */
export function loadQuickStatus(db: AppDB): Promise<QuickStatusInput[]> {
  return loadFacts(db, true);
}

/**
 * Every tenant's facts for the status evaluation, as the popup reads them but without the user count: the console
 * derives its statuses from these (evaluateTenant), so it words the same records as the popup does.
 */
export function loadTenantFacts(db: AppDB): Promise<TenantFacts[]> {
  return loadFacts(db, false);
}

function loadFacts(db: AppDB, withUserCount: boolean): Promise<QuickStatusInput[]> {
  return db.transaction('r', [db.tenants, db.connectors, db.checks, db.syncRuns, db.leases, db.grantRuns, db.users], async () => {
    const [tenants, connectors, grantRuns, leases] = await Promise.all([
      db.tenants.toArray(),
      db.connectors.toArray(),
      db.grantRuns.toArray(),
      db.leases.toArray(),
    ]);
    return Promise.all(
      tenants.map(async (tenant) => {
        const own = connectors.filter((c) => c.tenantId === tenant.tenantId);
        const [facts, userCount] = await Promise.all([
          factsOf(db, tenant, own, undefined, { grantRuns, leases }),
          withUserCount ? countUsers(db, tenant.tenantId) : 0,
        ]);
        return { ...facts, userCount };
      }),
    );
  });
}
