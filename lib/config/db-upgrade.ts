import { storage } from 'wxt/utils/storage';

/** How far the database's running upgrade has come, for the pages that wait for it meanwhile. */
export interface DbUpgradeProgress {
  /** Records the upgrade has rewritten so far. */
  records: number;
}

/**
 * Written by whoever runs a long schema upgrade (the worker, as a rule: it opens the database first after an update)
 * and removed once the database is open; kept for the browser's session only. A page whose records do not come says
 * why while this is set (components/use-loading-label.ts).
 */
export const dbUpgradeProgress = storage.defineItem<DbUpgradeProgress | null>('session:dbUpgrade', { fallback: null });
