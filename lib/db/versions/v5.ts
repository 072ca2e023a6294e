import type { Transaction } from 'dexie';

/** The connector fields that were stored copies of a derived status, or of the newest check's time. */
const DERIVED_FIELDS = ['status', 'reasonCode', 'lastCheckAt', 'lastSyncResult', 'nextSyncAt'] as const;

/**
 * Schema version 5: statuses are derived, never stored (issue #14). A connector kept its status (`status`,
 * `reasonCode`), written by the check and the grant, beside the records it is derived from; the console read it while
 * the popup derived its own, and they disagreed. `lastCheckAt` copied the newest check's time (the `checks` table
 * keeps it), `lastSyncResult` the newest sync run's outcome (`syncRuns` keeps it; a stopped run was stored as failed),
 * and `nextSyncAt` was never written. They go; the history (checks, sync runs, alerts) stays. No index changes.
 */
export const v5 = {
  version: 5,
  stores: {},
  async upgrade(tx: Transaction): Promise<void> {
    await tx
      .table<Record<string, unknown>>('connectors')
      .toCollection()
      .modify((connector) => {
        for (const field of DERIVED_FIELDS) delete connector[field];
      });
  },
};
