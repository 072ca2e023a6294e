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
