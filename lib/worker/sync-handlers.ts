import { scopesFor } from '../connectors/services';
import { getDb } from '../db';
import { AppError } from '../errors/app-error';
import { onMessage } from '../messaging/protocol';
import { toResult } from '../messaging/result';
import { assertManualSyncAllowed, recordSyncOnConnectors, syncDirectory } from '../sync';
import { syncDeps } from './sync-service';

/** Answer "Sync now": checked at once (words for the admin), then run in the worker; progress lives in syncRuns. */
export function registerSyncHandlers(): void {
  onMessage('worker:syncNow', ({ data }) =>
    toResult(async () => {
      const db = getDb();
      const tenant = await assertManualSyncAllowed(db, await db.tenants.get(data.tenantId), Date.now());
      const services = (await db.connectors.where('tenantId').equals(tenant.tenantId).toArray()).map((c) => c.service);
      void syncDirectory(syncDeps(tenant, tenant.homeAccountId, scopesFor(services)), tenant, 'manual')
        .then((run) => recordSyncOnConnectors(db, run, tenant.serviceAccountUpn ?? 'admin'))
        .catch((error: unknown) => console.error('Sync stopped:', error instanceof AppError ? error.code : 'unexpected error'));
      return null;
    }),
  );
}
