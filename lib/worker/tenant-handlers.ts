import { browser } from 'wxt/browser';
import { clouds } from '../config/build-settings';
import { type ManagedSettings, parseManagedSettings } from '../config/managed-settings';
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

/**
 * What enterprise policy sets now. A browser without policy support for this extension (Firefox without a managed
 * manifest) rejects the read: no policy applies then, as in the console (components/tenants/use-managed-settings.ts).
 */
function readManagedSettings(): Promise<ManagedSettings> {
  return browser.storage.managed.get().then(
    (raw) => parseManagedSettings(raw),
    () => parseManagedSettings({}),
  );
}

/** Answer the tenant setup messages. */
export function registerTenantHandlers(): void {
  onMessage('worker:saveTenant', ({ data }) =>
    toResult(() =>
      saveTenant(
        {
          db: getDb(),
          clouds,
          now: () => Date.now(),
          resolveTenantId: (cloud, tenant) => resolveTenantId(cloud, tenant),
          managed: readManagedSettings,
        },
        data,
      ),
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
