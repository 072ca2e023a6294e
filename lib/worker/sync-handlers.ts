import { getDb } from '../db';
import { onMessage } from '../messaging/protocol';
import { toResult } from '../messaging/result';
import { assertManualSyncAllowed } from '../sync';
import { recordUnrecordedEnd } from '../sync/unrecorded-end';
import { sessionUnrecordedEnds } from '../sync/unrecorded-end-store';
import { runSync } from './sync-scheduler';
import { reportStopped } from './report-stopped';

/** Answer "Sync now": checked at once (words for the admin), then run in the worker; progress lives in syncRuns. */
export function registerSyncHandlers(): void {
  onMessage('worker:syncNow', ({ data }) =>
    toResult(async () => {
      const db = getDb();
      // A run a full disk left open ends first, its lease given back: "Sync now" goes on from its checkpoint.
      await recordUnrecordedEnd(db, sessionUnrecordedEnds, data.tenantId);
      const tenant = await assertManualSyncAllowed(db, await db.tenants.get(data.tenantId), Date.now());
      runSync(tenant, 'manual').catch(reportStopped('Sync'));
      return null;
    }),
  );
}
