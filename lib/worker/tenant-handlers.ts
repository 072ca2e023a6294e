import { clouds } from '../config/build-settings';
import { getDb } from '../db';
import type { TenantRecord } from '../db/types';
import { onMessage } from '../messaging/protocol';
import { toResult } from '../messaging/result';
import { resolveTenantId } from '../tenants/resolve-tenant';
import { saveTenant } from '../tenants/save-tenant';
import { removeTenant } from '../tenants/remove-tenant';
import { authHost } from './auth-host';
import { tenantTarget } from './auth';
import { reconcileSyncSchedules } from './sync-scheduler';
import { checkNow } from './monitor-service';

/** Answer the tenant setup messages. */
export function registerTenantHandlers(): void {
  onMessage('worker:saveTenant', ({ data }) =>
    toResult(() =>
      saveTenant({ db: getDb(), clouds, now: () => Date.now(), resolveTenantId: (cloud, tenant) => resolveTenantId(cloud, tenant) }, data),
    ),
  );
  onMessage('worker:removeTenant', ({ data }) =>
    toResult(async () => {
      const signOut = (tenant: TenantRecord, homeAccountId: string) => authHost().signOut(tenantTarget(tenant), homeAccountId);
      await removeTenant({ db: getDb(), now: () => Date.now(), signOut }, data.tenantId);
      // Its sync alarms go with it, and the badge and alerts no longer count it.
      await reconcileSyncSchedules();
      await checkNow(false);
      return null;
    }),
  );
}
