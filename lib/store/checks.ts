import Dexie from 'dexie';
import type { AppDB } from '../db/app-db';
import type { TenantCheck } from '../db/types';

// The owner of `checks`: the health monitor's results, appended per check and pruned by age.

/** Keep one check of a tenant. */
export async function addCheck(db: AppDB, check: Omit<TenantCheck, 'id'>): Promise<void> {
  await db.checks.add(check);
}

/** Drop every check older than `before` (one range of the `at` index). */
export async function pruneChecks(db: AppDB, before: number): Promise<void> {
  await db.checks.where('at').below(before).delete();
}

/** Every check of the tenant goes (Remove tenant): one range of the `[tenantId+at]` index. */
export async function deleteTenantChecks(db: AppDB, tenantId: string): Promise<void> {
  await db.checks.where('[tenantId+at]').between([tenantId, Dexie.minKey], [tenantId, Dexie.maxKey]).delete();
}
