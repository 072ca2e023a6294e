import { dbUpgradeProgress } from '../config/db-upgrade';
import { getDb } from '../db';
import { onUpgradeBatch } from '../db/upgrade-progress';
import { keepAlive } from '../lease/keep-alive';

/**
 * While the worker runs a long schema upgrade (after an update, the first to open the database), each batch keeps it
 * alive and tells the waiting pages how far it has come; once the database is open (or has failed to), the notice
 * goes. Schema 14 rewrites every mirrored record: minutes for a tenant of 100,000 users (docs/increment-profile.md).
 */
export function announceUpgrades(report: (error: unknown) => void): void {
  let rewritten: number | undefined;
  onUpgradeBatch((records) => {
    const first = rewritten === undefined;
    rewritten = (rewritten ?? 0) + records;
    void keepAlive().catch(report);
    void dbUpgradeProgress.setValue({ records: rewritten }).catch(report);
    if (!first) return;
    // The open under way (its upgrade is running): when it ends, the pages' wait ends too. Not awaited: this runs
    // inside the upgrade.
    const done = () => {
      rewritten = undefined;
      void dbUpgradeProgress.removeValue().catch(report);
    };
    getDb().open().then(done, done);
  });
}
